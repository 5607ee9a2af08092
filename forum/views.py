from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

import access
from core.files import serve_private_file

from . import services, topic_page
from .forms import (
    EditForm,
    FlagForm,
    MoveForm,
    PreferencesForm,
    ReasonForm,
    ReplyForm,
    ResolveFlagForm,
    SlowModeForm,
    SplitForm,
    SubscriptionForm,
    TopicForm,
)
from .markup import quote_markdown
from .models import (
    AccessAction,
    AccessLogEntry,
    Attachment,
    Draft,
    Flag,
    ModerationAction,
    ModerationLogEntry,
    Notification,
    Post,
    PostStatus,
    Reaction,
    Space,
    Subscription,
    Tag,
    Topic,
    TopicRead,
)

TOPICS_PER_PAGE = 30


def _per_page() -> int:
    return getattr(settings, "FORUM_POSTS_PER_PAGE", 50)


def _new_days() -> int:
    return getattr(settings, "FORUM_NEW_TOPIC_DAYS", 14)


# --- fetching with the policy ----------------------------------------------------------


def _topic_or_404(user, pk, action="forum.topic.read") -> Topic:
    topic = Topic.objects.select_related("space", "author").filter(pk=pk).first()
    if topic is None or not access.can(user, action, topic):
        raise Http404
    return topic


def _post_or_404(user, pk, action="forum.post.read") -> Post:
    post = Post.objects.select_related("topic__space", "author").filter(pk=pk).first()
    if post is None or not access.can(user, action, post):
        raise Http404
    return post


def _space_or_404(user, slug) -> Space:
    return access.get_object_or_404(user, "forum.space.list", Space.objects.all(), slug=slug)


def _with_reading(topics, user):
    """Annotate each topic with how far this member has read it (for bold / new markers)."""
    if not user.is_authenticated:
        return topics
    return topics.annotate(
        last_read=Subquery(
            TopicRead.objects.filter(user=user, topic=OuterRef("pk")).values("last_read_number")[:1]
        )
    )


def _topic_list(request, topics, *, hide_muted_spaces=False):
    """Paginated, readable, not muted; with unread/new markers."""
    user = request.user
    topics = access.visible(user, "forum.topic.read", topics)
    if user.is_authenticated:
        muted = Subscription.objects.filter(user=user, level="muted")
        topics = topics.exclude(pk__in=muted.exclude(topic=None).values("topic"))
        if hide_muted_spaces:
            topics = topics.exclude(space__in=muted.exclude(space=None).values("space"))
    topics = _with_reading(topics, user).select_related("space", "author", "last_poster")
    page = Paginator(topics.prefetch_related("tags"), TOPICS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    new_since = timezone.now() - timezone.timedelta(days=_new_days())
    for topic in page:
        last_read = getattr(topic, "last_read", None)
        topic.is_new = last_read is None and topic.created_at >= new_since
        topic.unread = max(0, topic.last_number - last_read) if last_read is not None else 0
        topic.is_unread = topic.is_new or topic.unread > 0
    return page


def _unread_notifications(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def _render(request, template, context, status=200):
    context.setdefault("unread_notifications", _unread_notifications(request.user))
    context.setdefault("may_moderate_any", access.can(request.user, "forum.moderate_any"))
    return render(request, template, context, status=status)


# --- lists -------------------------------------------------------------------------------


def index(request):
    user = request.user
    spaces = access.visible(user, "forum.space.list", Space.objects.all())
    readable = set(
        access.visible(user, "forum.space.read", Space.objects.all()).values_list("pk", flat=True)
    )
    spaces = list(spaces.select_related("taskforce", "region"))
    for space in spaces:
        space.readable = space.pk in readable
    latest = _topic_list(request, Topic.objects.all(), hide_muted_spaces=True) if readable else None
    return _render(
        request,
        "forum/index.html",
        {
            "categories": [s for s in spaces if s.kind == "category"],
            "groups": [s for s in spaces if s.kind != "category"],
            "latest": latest,
        },
    )


def space_detail(request, slug):
    space = _space_or_404(request.user, slug)
    if not access.can(request.user, "forum.space.read", space):
        return _render(request, "forum/members_only.html", {"space": space}, status=403)
    topics = Topic.objects.filter(space=space)
    view = request.GET.get("show", "")
    if view == "questions":
        topics = topics.questions()
    elif view == "unanswered":
        topics = topics.unanswered()
    level = ""
    if request.user.is_authenticated:
        level = (
            Subscription.objects.filter(user=request.user, space=space)
            .values_list("level", flat=True)
            .first()
            or ""
        )
    return _render(
        request,
        "forum/space.html",
        {
            "space": space,
            "topics": _topic_list(request, topics),
            "show": view,
            "may_post": access.can(request.user, "forum.space.post", space),
            "may_moderate": access.can(request.user, "forum.space.moderate", space),
            "subscription_form": SubscriptionForm(initial={"level": level}),
            "level": level,
        },
    )


@login_required
def unanswered(request):
    show = request.GET.get("show", "unanswered")
    topics = Topic.objects.unsolved() if show == "unsolved" else Topic.objects.unanswered()
    return _render(
        request,
        "forum/unanswered.html",
        {"topics": _topic_list(request, topics.order_by("-created_at")), "show": show},
    )


def tag_detail(request, slug):
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        raise Http404
    topics = _topic_list(request, Topic.objects.filter(tags=tag))
    if not topics.paginator.count:
        raise Http404  # a tag used only in groups the viewer can't read is not revealed
    return _render(request, "forum/tag.html", {"tag": tag, "topics": topics})


# --- topics ------------------------------------------------------------------------------


def _composer_initial(user, key, **extra):
    draft = Draft.objects.filter(user=user, key=key).first()
    initial = dict(extra)
    if draft is not None:
        initial.update({"title": draft.title, "body": draft.body, "tags": draft.tags})
    return initial, draft


def _posting_error(form, error) -> list:
    """Put a service refusal on the form (so the typed text stays); return guard findings."""
    if isinstance(error, services.GuardWarning):
        form.add_error(
            None,
            "Before this is published, please check it: it may contain details that must not "
            "be shared here. Edit your post, or send it to a moderator for approval.",
        )
        return error.findings
    form.add_error(None, error)
    return []


def _posted(request, outcome, what: str) -> None:
    """Tell the author what happened to what they posted."""
    _tell_unreachable(request, outcome)
    if outcome.post.status == PostStatus.PENDING:
        messages.info(
            request, f"Thank you. A moderator will review your {what} before it is published."
        )


def _tell_unreachable(request, outcome):
    if outcome.unreachable_handles:
        names = ", ".join(f"@{h}" for h in sorted(outcome.unreachable_handles))
        messages.info(
            request,
            f"{names} can’t read this space (or doesn’t exist), so they weren’t notified.",
        )


@login_required
def topic_create(request, slug):
    space = _space_or_404(request.user, slug)
    if not access.can(request.user, "forum.space.post", space):
        if not access.can(request.user, "forum.space.read", space):
            raise Http404
        raise PermissionDenied
    key = f"space-{space.pk}"
    findings = []
    if request.method == "POST":
        form = TopicForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                outcome = services.topic_create(
                    space=space,
                    author=request.user,
                    title=data["title"],
                    body=data["body"],
                    tags=data["tags"],
                    is_question=data["is_question"],
                    attachments=data["attachments"],
                    send_for_review=request.POST.get("action") == "review",
                )
            except ValidationError as error:
                findings = _posting_error(form, error)
            else:
                _posted(request, outcome, "topic")
                return redirect(outcome.post.topic)
    else:
        initial, _ = _composer_initial(request.user, key)
        form = TopicForm(initial=initial)
    return _render(
        request,
        "forum/compose.html",
        {
            "form": form,
            "space": space,
            "draft_key": key,
            "findings": findings,
            "heading": f"New topic in {space.name}",
            "handle": services.profile_for(request.user).handle,
        },
        status=400 if request.method == "POST" else 200,
    )


def _topic_for_page(user, pk) -> Topic:
    """The topic, with how far this member has read it and how closely they follow it."""
    topics = Topic.objects.select_related("space", "author").filter(pk=pk)
    if user.is_authenticated:
        topics = _with_reading(topics, user).annotate(
            level=Subquery(
                Subscription.objects.filter(user=user, topic=OuterRef("pk")).values("level")[:1]
            )
        )
    topic = topics.first()
    if topic is None or not access.can(user, "forum.topic.read", topic):
        raise Http404
    return topic


def _page_posts(user, topic, start, per_page) -> list[Post]:
    """One page of posts with their authors; whether each has attachments, page links and
    this member's "helpful" mark comes with them, so none costs a query per post."""
    posts = Post.objects.filter(
        topic=topic, number__gt=start, number__lte=start + per_page
    ).select_related("author", "author__forum_profile")
    marks = {}
    if user.is_authenticated:
        marks["marked"] = Exists(Reaction.objects.filter(post=OuterRef("pk"), user=user))
    posts = list(
        posts.annotate(
            has_files=Exists(Attachment.objects.filter(post=OuterRef("pk"))),
            has_pages=Exists(Post.linked_pages.through.objects.filter(post=OuterRef("pk"))),
            **marks,
        )
    )
    topic_page.load_extras(posts)
    return posts


def topic_detail(request, pk):
    user = request.user
    topic = _topic_for_page(user, pk)
    space = topic.space
    per_page = _per_page()
    pages = max(1, -(-topic.last_number // per_page))
    try:
        page_number = min(max(1, int(request.GET.get("page", 1))), pages)
    except ValueError:
        page_number = 1
    start = (page_number - 1) * per_page
    posts = _page_posts(user, topic, start, per_page)
    may_moderate = access.can(user, "forum.topic.moderate", topic)
    may_reply = access.can(user, "forum.topic.reply", topic)
    may_mark = access.can(user, "forum.topic.mark_solution", topic)
    uid = user.pk if user.is_authenticated else None
    last_read = getattr(topic, "last_read", None)
    first_unread = (last_read + 1) if last_read is not None else None
    permissions = {
        "moderate": may_moderate,
        "reply": may_reply,
        "mark": may_mark,
        "purge": access.can(user, "forum.post.purge", None),  # the same for every post
        "solution_id": topic.solution_id,
    }
    views = [
        topic_page.post_view(
            post,
            user=user,
            uid=uid,
            may=permissions,
            marked_helpful=getattr(post, "marked", False),
            first_unread=first_unread,
        )
        for post in posts
    ]
    if uid and posts:
        services.topic_mark_read(user=user, topic=topic, number=posts[-1].number, known=last_read)
        services.access_log_record(user=user, space=space, topic=topic, action=AccessAction.READ)
    solution = None
    if topic.solution_id:
        solution = (
            Post.objects.select_related("author")
            .filter(pk=topic.solution_id, status=PostStatus.PUBLISHED)
            .first()
        )
    level, reply_form, draft = getattr(topic, "level", None) or "", None, None
    if may_reply:
        initial, draft = _composer_initial(user, f"topic-{topic.pk}")
        reply_form = ReplyForm(initial=initial)
    return _render(
        request,
        "forum/topic.html",
        {
            "topic": topic,
            "space": space,
            "posts_html": topic_page.posts_html(views),
            "page_number": page_number,
            # Text, so the two page lists skip number localisation.
            "page_links": [(str(n), n == page_number) for n in range(1, pages + 1)],
            "pages": pages,
            "solution": solution,
            "may_moderate": may_moderate,
            "may_reply": may_reply,
            "may_mark": may_mark,
            "first_unread": first_unread
            if first_unread and first_unread <= topic.last_number
            else None,
            "reply_form": reply_form,
            "draft": draft,
            "draft_key": f"topic-{topic.pk}",
            "level": level,
            "subscription_form": SubscriptionForm(initial={"level": level}),
            "tags": list(topic.tags.all()),
            "slow_mode_form": SlowModeForm(initial={"seconds": topic.slow_mode_seconds}),
        },
    )


def topic_first_unread(request, pk):
    """Jump to the first post this member hasn't read."""
    topic = _topic_or_404(request.user, pk)
    number = 1
    if request.user.is_authenticated:
        read = TopicRead.objects.filter(user=request.user, topic=topic).first()
        if read is not None:
            number = min(read.last_read_number + 1, max(topic.last_number, 1))
    return redirect(_post_url(topic, number))


def _post_url(topic, number) -> str:
    page = (number - 1) // _per_page() + 1
    suffix = f"?page={page}" if page > 1 else ""
    return f"{reverse('forum:topic', kwargs={'pk': topic.pk})}{suffix}#p{number}"


def post_detail(request, pk):
    post = _post_or_404(request.user, pk)
    return redirect(_post_url(post.topic, post.number))


@login_required
def reply(request, pk):
    user = request.user
    topic = _topic_or_404(user, pk)
    access.require(user, "forum.topic.reply", topic)
    key = f"topic-{topic.pk}"
    findings = []
    if request.method == "POST":
        form = ReplyForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            reply_to = None
            if data.get("reply_to"):
                reply_to = Post.objects.filter(pk=data["reply_to"], topic=topic).first()
                if (
                    reply_to is None
                    or not access.can(user, "forum.post.read", reply_to)
                    or reply_to.status != PostStatus.PUBLISHED
                ):
                    form.add_error(
                        None,
                        "The post you are replying to is no longer available. "
                        "Your text is kept below.",
                    )
            if not form.errors:
                try:
                    outcome = services.post_create(
                        topic=topic,
                        author=user,
                        body=data["body"],
                        reply_to=reply_to,
                        attachments=data["attachments"],
                        send_for_review=request.POST.get("action") == "review",
                    )
                except ValidationError as error:
                    findings = _posting_error(form, error)
                else:
                    _posted(request, outcome, "post")
                    return redirect(_post_url(topic, outcome.post.number))
    else:
        initial, _ = _composer_initial(user, key)
        quoted = request.GET.get("quote")
        if quoted and quoted.isdigit():
            post = Post.objects.filter(pk=quoted, topic=topic).select_related("author").first()
            if post is not None and post.status == PostStatus.PUBLISHED:
                handle = services.profile_for(post.author).handle
                initial["body"] = quote_markdown(post, handle) + (initial.get("body") or "")
                initial["reply_to"] = post.pk
        form = ReplyForm(initial=initial)
    return _render(
        request,
        "forum/compose.html",
        {
            "form": form,
            "topic": topic,
            "space": topic.space,
            "draft_key": key,
            "findings": findings,
            "heading": f"Reply to “{topic.title}”",
            "handle": services.profile_for(user).handle,
        },
        status=400 if request.method == "POST" else 200,
    )


# --- posts -------------------------------------------------------------------------------


@login_required
def post_edit(request, pk):
    post = _post_or_404(request.user, pk)
    access.require(request.user, "forum.post.edit", post)
    findings = []
    if request.method == "POST":
        form = EditForm(request.POST)
        if form.is_valid():
            try:
                services.post_edit(
                    post=post,
                    editor=request.user,
                    body=form.cleaned_data["body"],
                    title=form.cleaned_data["title"] if post.is_first else None,
                    reason=form.cleaned_data["reason"],
                    send_for_review=request.POST.get("action") == "review",
                )
            except ValidationError as error:
                findings = _posting_error(form, error)
            else:
                messages.success(request, "Your changes are saved.")
                return redirect(_post_url(post.topic, post.number))
    else:
        form = EditForm(initial={"body": post.body, "title": post.topic.title})
    if not post.is_first:
        form.fields.pop("title", None)
    return _render(
        request,
        "forum/compose.html",
        {
            "form": form,
            "topic": post.topic,
            "space": post.topic.space,
            "findings": findings,
            "heading": "Edit post",
            "editing": True,
        },
        status=400 if request.method == "POST" else 200,
    )


def post_history(request, pk):
    post = _post_or_404(request.user, pk)
    if post.status != PostStatus.PUBLISHED and not access.can(
        request.user, "forum.topic.moderate", post.topic
    ):
        raise Http404
    return _render(
        request,
        "forum/history.html",
        {"post": post, "revisions": post.revisions.select_related("edited_by")},
    )


@login_required
@require_POST
def post_helpful(request, pk):
    post = _post_or_404(request.user, pk)
    try:
        services.reaction_toggle(post=post, user=request.user)
    except PermissionDenied:
        messages.error(request, "You can’t mark this post as helpful.")
    return redirect(_post_url(post.topic, post.number))


@login_required
@require_POST
def post_solution(request, pk):
    post = _post_or_404(request.user, pk)
    topic = post.topic
    access.require(request.user, "forum.topic.mark_solution", topic)
    clear = request.POST.get("clear") == "1"
    try:
        services.solution_mark(topic=topic, post=None if clear else post, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Solution cleared." if clear else "Marked as the solution.")
    return redirect(_post_url(topic, post.number))


@login_required
@require_POST
def post_delete(request, pk):
    post = _post_or_404(request.user, pk)
    access.require(request.user, "forum.post.delete", post)
    services.post_delete(post=post, by=request.user)
    messages.success(request, "The post was deleted.")
    if post.is_first:
        return redirect(post.topic.space)
    return redirect(_post_url(post.topic, post.number))


@login_required
def post_flag(request, pk):
    post = _post_or_404(request.user, pk)
    access.require(request.user, "forum.post.flag", post)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_create(post=post, reporter=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Thank you. A moderator will look at this post.")
            return redirect(_post_url(post.topic, post.number))
    return _render(
        request,
        "forum/form_page.html",
        {"form": form, "post": post, "heading": "Report a post", "submit": "Send report"},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def post_hide(request, pk):
    post = _post_or_404(request.user, pk)
    if not access.can(request.user, "forum.topic.moderate", post.topic):
        raise Http404
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.post_hide(post=post, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, "The post is hidden and its author was told why.")
        return redirect(_post_url(post.topic, post.number))
    return _render(
        request,
        "forum/form_page.html",
        {"form": form, "post": post, "heading": "Hide a post", "submit": "Hide"},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def post_restore(request, pk):
    post = _post_or_404(request.user, pk)
    if not access.can(request.user, "forum.topic.moderate", post.topic):
        raise Http404
    services.post_restore(post=post, by=request.user, reason=request.POST.get("reason", ""))
    messages.success(request, "The post is published.")
    return redirect(_post_url(post.topic, post.number))


@login_required
def post_purge(request, pk):
    post = Post.objects.select_related("topic__space").filter(pk=pk).first()
    if post is None or not access.can(request.user, "forum.post.purge", post):
        raise Http404
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.post_purge(post=post, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, "The post, its history and its files were removed for good.")
        return redirect(_post_url(post.topic, post.number))
    return _render(
        request,
        "forum/form_page.html",
        {
            "form": form,
            "post": post,
            "heading": "Purge a post for good",
            "submit": "Purge",
            "danger": True,
        },
        status=400 if request.method == "POST" else 200,
    )


def attachment(request, pk):
    item = Attachment.objects.select_related("post__topic__space").filter(pk=pk).first()
    if item is None or not access.can(request.user, "forum.attachment.read", item):
        raise Http404
    services.access_log_record(
        user=request.user,
        space=item.post.topic.space,
        topic=item.post.topic,
        attachment=item,
        action=AccessAction.DOWNLOAD,
    )
    return serve_private_file(
        item.file.name, download_name=item.original_name, as_attachment=not item.is_image
    )


# --- topic moderation --------------------------------------------------------------------


def _moderated_topic(request, pk) -> Topic:
    topic = _topic_or_404(request.user, pk)
    if not access.can(request.user, "forum.topic.moderate", topic):
        raise Http404
    return topic


@login_required
@require_POST
def topic_moderate(request, pk, action):
    topic = _moderated_topic(request, pk)
    if action not in services.TOPIC_SWITCHES:
        raise Http404
    services.topic_moderate(
        topic=topic, by=request.user, action=action, reason=request.POST.get("reason", "")[:300]
    )
    messages.success(request, f"Done: {ModerationAction(action).label.lower()}.")
    return redirect(topic)


@login_required
@require_POST
def topic_slow_mode(request, pk):
    topic = _moderated_topic(request, pk)
    form = SlowModeForm(request.POST)
    if form.is_valid():
        services.topic_slow_mode(topic=topic, by=request.user, seconds=form.cleaned_data["seconds"])
        messages.success(request, "Slow mode updated.")
    else:
        messages.error(request, "Choose a slow mode setting.")
    return redirect(topic)


@login_required
def topic_move(request, pk):
    topic = _moderated_topic(request, pk)
    spaces = access.visible(request.user, "forum.space.moderate", Space.objects.active())
    form = MoveForm(request.POST or None, spaces=spaces.exclude(pk=topic.space_id))
    if request.method == "POST" and form.is_valid():
        services.topic_move(
            topic=topic,
            to_space=form.cleaned_data["space"],
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, "The topic was moved.")
        return redirect(topic)
    return _render(
        request,
        "forum/form_page.html",
        {"form": form, "topic": topic, "heading": "Move topic", "submit": "Move"},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def topic_split(request, pk):
    topic = _moderated_topic(request, pk)
    replies = topic.posts.filter(number__gt=1).exclude(status=PostStatus.PURGED)
    form = SplitForm(request.POST or None, replies=replies.select_related("author"))
    if request.method == "POST" and form.is_valid():
        try:
            new = services.topic_split(
                topic=topic,
                post_ids=[p.pk for p in form.cleaned_data["posts"]],
                title=form.cleaned_data["title"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The replies now have a topic of their own.")
            return redirect(new)
    return _render(
        request,
        "forum/form_page.html",
        {"form": form, "topic": topic, "heading": "Split topic", "submit": "Split"},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def topic_to_library(request, pk):
    topic = _moderated_topic(request, pk)
    try:
        services.topic_to_library_draft(topic=topic, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            "A draft library resource was made from this topic; "
            "the library editors will review it.",
        )
    return redirect(topic)


# --- subscriptions, drafts, notifications -------------------------------------------------


@login_required
@require_POST
def subscribe(request, kind, pk):
    form = SubscriptionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose how closely to follow this.")
        return redirect("forum:index")
    level = form.cleaned_data["level"]
    if kind == "space":
        target = Space.objects.filter(pk=pk).first()
        if target is None or not access.can(request.user, "forum.space.read", target):
            raise Http404
        services.subscription_set(user=request.user, space=target, level=level)
    else:
        target = _topic_or_404(request.user, pk)
        services.subscription_set(user=request.user, topic=target, level=level)
    messages.success(request, "Your notification setting is saved.")
    return redirect(target)


@login_required
@require_POST
def draft_save(request):
    """Autosave while writing (called by composer.js)."""
    key = request.POST.get("key", "")
    kind, _, raw_id = key.partition("-")
    if kind not in {"space", "topic"} or not raw_id.isdigit():
        return JsonResponse({"error": "Unknown draft."}, status=400)
    if kind == "space":
        target = Space.objects.filter(pk=raw_id).first()
        allowed = target is not None and access.can(request.user, "forum.space.post", target)
    else:
        target = Topic.objects.select_related("space").filter(pk=raw_id).first()
        allowed = target is not None and access.can(request.user, "forum.topic.reply", target)
    if not allowed:
        return JsonResponse({"error": "Not found."}, status=404)
    draft = services.draft_save(
        user=request.user,
        key=key,
        title=request.POST.get("title", ""),
        body=request.POST.get("body", ""),
        tags=request.POST.get("tags", ""),
    )
    return JsonResponse({"saved": draft.updated_at.isoformat()})


@login_required
def notifications(request):
    items = Paginator(
        Notification.objects.filter(user=request.user).select_related("actor", "topic", "post"),
        30,
    ).get_page(request.GET.get("page"))
    return _render(request, "forum/notifications.html", {"notifications": items})


@login_required
@require_POST
def notifications_read(request):
    ids = request.POST.getlist("id")
    services.notifications_mark_read(
        user=request.user, ids=[int(i) for i in ids if i.isdigit()] or None
    )
    return redirect("forum:notifications")


@login_required
def notification_open(request, pk):
    notification = Notification.objects.filter(pk=pk, user=request.user).first()
    if notification is None:
        raise Http404
    services.notifications_mark_read(user=request.user, ids=[notification.pk])
    if notification.post_id:
        return redirect("forum:post", pk=notification.post_id)
    if notification.topic_id:
        return redirect("forum:topic", pk=notification.topic_id)
    return redirect("forum:notifications")


@login_required
def notifications_count(request):
    return JsonResponse({"unread": _unread_notifications(request.user)})


@login_required
def preferences(request):
    profile = services.profile_for(request.user)
    form = PreferencesForm(
        request.POST or None,
        initial={"email_mode": profile.email_mode, "digest": profile.digest},
    )
    if request.method == "POST" and form.is_valid():
        services.profile_update(user=request.user, **form.cleaned_data)
        messages.success(request, "Your email preferences are saved.")
        return redirect("forum:preferences")
    subscriptions = Subscription.objects.filter(user=request.user).select_related("space", "topic")
    return _render(
        request,
        "forum/preferences.html",
        {"form": form, "profile": profile, "subscriptions": subscriptions},
    )


# --- moderation queue and logs ------------------------------------------------------------


@login_required
def moderation_queue(request):
    spaces = access.visible(request.user, "forum.space.moderate", Space.objects.all())
    if not spaces.exists():
        raise Http404
    flags = Flag.objects.filter(
        resolved_at__isnull=True, post__topic__space__in=spaces
    ).select_related("post__topic__space", "post__author", "reporter")
    pending = Post.objects.filter(
        status=PostStatus.PENDING, topic__space__in=spaces
    ).select_related("topic__space", "author")
    return _render(
        request,
        "forum/moderation_queue.html",
        {"flags": flags, "pending": pending, "resolve_form": ResolveFlagForm()},
    )


@login_required
@require_POST
def flag_resolve(request, pk):
    flag = Flag.objects.select_related("post__topic__space").filter(pk=pk).first()
    if flag is None or not access.can(request.user, "forum.topic.moderate", flag.post.topic):
        raise Http404
    form = ResolveFlagForm(request.POST)
    if form.is_valid():
        try:
            services.flag_resolve(flag=flag, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The report is resolved and recorded.")
    else:
        messages.error(request, "Choose how the report was resolved.")
    return redirect("forum:moderation")


@login_required
def moderation_log(request):
    spaces = access.visible(request.user, "forum.space.moderate", Space.objects.all())
    if not spaces.exists():
        raise Http404
    entries = Paginator(
        ModerationLogEntry.objects.filter(space__in=spaces).select_related(
            "actor", "space", "topic", "post"
        ),
        50,
    ).get_page(request.GET.get("page"))
    return _render(request, "forum/moderation_log.html", {"entries": entries})


@login_required
def access_log(request, slug):
    space = _space_or_404(request.user, slug)
    if not access.can(request.user, "forum.space.review_access_log", space):
        raise Http404
    entries = Paginator(
        AccessLogEntry.objects.filter(space=space).select_related("user", "topic", "attachment"),
        50,
    ).get_page(request.GET.get("page"))
    return _render(request, "forum/access_log.html", {"space": space, "entries": entries})
