"""Writes with side effects. Views, the admin, tasks and seed_demo all call these.

Every service asks the access policy itself, so no caller can skip a check."""

import time
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify

import access
from access.forum import forget_facts
from search import registry as search_registry

from . import guard
from .markup import excerpt, render_post
from .models import (
    URGENT_FLAG_REASONS,
    AccessAction,
    AccessLogEntry,
    Attachment,
    Draft,
    Flag,
    FlagResolution,
    ForumProfile,
    Level,
    ModerationAction,
    ModerationLogEntry,
    Notification,
    NotificationKind,
    Post,
    PostRevision,
    PostStatus,
    Reaction,
    Space,
    SpaceKind,
    SpaceRole,
    Subscription,
    Tag,
    Topic,
    TopicRead,
)

MAX_TAGS = 5


class GuardWarning(ValidationError):
    """The guard found something that must not be shared; the author decides what to do."""

    def __init__(self, findings: list[guard.Finding]):
        self.findings = findings
        super().__init__([f.explanation for f in findings])


class RateLimited(ValidationError):
    pass


@dataclass
class PreparedAttachment:
    """An upload that passed the checks (see forms.AttachmentField), ready to store."""

    kind: str
    file: object
    original_name: str
    size: int
    width: int | None = None
    height: int | None = None


@dataclass
class PostOutcome:
    post: Post
    unreachable_handles: set[str] = field(default_factory=set)


# --- profiles and spaces -----------------------------------------------------------------


def profile_for(user) -> ForumProfile:
    """The member's forum profile, created with a unique @handle the first time."""
    profile = getattr(user, "_forum_profile_cache", None)
    if profile is not None:
        return profile
    try:
        profile = user.forum_profile
    except ForumProfile.DoesNotExist:
        base = ForumProfile.handle_base(user)
        handle, n = base, 1
        while ForumProfile.objects.filter(handle=handle).exists():
            n += 1
            handle = f"{base}-{n}"
        profile, _ = ForumProfile.objects.get_or_create(user=user, defaults={"handle": handle})
    user._forum_profile_cache = profile
    return profile


def _unique_slug(model, text: str, max_length: int = 80) -> str:
    base = slugify(text)[: max_length - 6] or "space"
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def space_ensure_for_taskforce(*, taskforce) -> Space:
    """Every task force has its private group (created when the task force is)."""
    space = Space.objects.filter(taskforce=taskforce).first()
    if space is None:
        space = Space.objects.create(
            kind=SpaceKind.TASKFORCE,
            taskforce=taskforce,
            name=taskforce.name,
            slug=_unique_slug(Space, taskforce.slug),
            description=f"The private group of the {taskforce.name}: only its members read it.",
            position=200,
        )
    return space


def space_ensure_for_region(*, region) -> Space:
    """Every region of a statewide task force has a group for its navigators and team."""
    space = Space.objects.filter(region=region).first()
    if space is None:
        space = Space.objects.create(
            kind=SpaceKind.REGION,
            region=region,
            name=f"{region.taskforce.name}: {region.name} region",
            slug=_unique_slug(Space, f"{region.taskforce.slug}-{region.slug}"),
            description=f"The {region.name} region’s navigators and regional team.",
            position=300,
        )
    return space


def spaces_sync() -> int:
    """Create the missing task force and regional groups (seeding, after imports)."""
    from taskforces.models import Region, TaskForce

    before = Space.objects.count()
    for taskforce in TaskForce.objects.filter(forum_space__isnull=True):
        space_ensure_for_taskforce(taskforce=taskforce)
    for region in Region.objects.filter(forum_space__isnull=True).select_related("taskforce"):
        space_ensure_for_region(region=region)
    return Space.objects.count() - before


def _reindex_space(space: Space) -> None:
    for topic in space.topics.all():
        search_registry.reindex(topic)
        for post in topic.posts.all():
            search_registry.reindex(post)


@transaction.atomic
def space_role_grant(*, space: Space, user, role: str, by) -> SpaceRole:
    """Staff invite a member to a group or make them a moderator of one space."""
    access.require(by, "forum.space.manage", space)
    space_role, _ = SpaceRole.objects.get_or_create(space=space, user=user, role=role)
    forget_facts(access.viewer_for(user))
    _reindex_space(space)
    return space_role


@transaction.atomic
def space_role_revoke(*, space: Space, user, role: str, by) -> None:
    access.require(by, "forum.space.manage", space)
    SpaceRole.objects.filter(space=space, user=user, role=role).delete()
    forget_facts(access.viewer_for(user))
    _reindex_space(space)


# --- limits ------------------------------------------------------------------------------


def _rate(name: str, default: tuple[int, int] | None):
    return getattr(settings, name, default)


def _check_rate(user, space: Space, *, kind: str) -> None:
    """Per-user posting limits, counted in the shared cache so every process agrees."""
    if access.can(user, "forum.space.moderate", space):
        return
    limit = _rate(
        "FORUM_TOPIC_RATE" if kind == "topic" else "FORUM_POST_RATE",
        (5, 600) if kind == "topic" else (10, 60),
    )
    if not limit:
        return
    count, seconds = limit
    window = int(time.time() // seconds)
    key = f"forum:rate:{kind}:{user.pk}:{window}"
    cache.add(key, 0, timeout=seconds + 1)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds + 1)
        used = 1
    if used > count:
        what = "new topics" if kind == "topic" else "posts"
        raise RateLimited(
            f"You have written {count} {what} in a short time. Please wait a little before "
            "posting again; your text is kept below."
        )


def _check_slow_mode(user, topic: Topic) -> None:
    if not topic.slow_mode_seconds or access.can(user, "forum.topic.moderate", topic):
        return
    key = f"forum:slow:{topic.pk}:{user.pk}"
    if not cache.add(key, 1, timeout=topic.slow_mode_seconds):
        raise RateLimited(
            f"This topic is in slow mode: each member may post once every "
            f"{topic.slow_mode_seconds} seconds. Your text is kept below."
        )


# --- topics and posts ---------------------------------------------------------------------


def _tags_from(names) -> list[Tag]:
    tags = []
    for name in names:
        name = " ".join(str(name).split())[:40]
        slug = slugify(name)[:50]
        if not slug:
            continue
        tag, _ = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
        if tag not in tags:
            tags.append(tag)
    return tags[:MAX_TAGS]


def _store_attachments(post: Post, uploads, by) -> None:
    for upload in uploads or ():
        attachment = Attachment(
            post=post,
            space_id=post.topic.space_id,
            kind=upload.kind,
            original_name=upload.original_name[:200],
            size=upload.size,
            width=upload.width,
            height=upload.height,
            uploaded_by=by,
        )
        attachment.file.save(upload.file.name, upload.file, save=False)
        attachment.save()


def _guard(texts, send_for_review: bool):
    findings = guard.check(*texts)
    if findings and not send_for_review:
        raise GuardWarning(findings)
    return findings


def _new_post(
    *, topic, author, body, reply_to, findings, rendered, attachments, is_reply=False
) -> Post:
    now = timezone.now()
    changes = {"last_number": F("last_number") + 1}
    if is_reply and not findings:
        # A published reply moves the topic's counters in the same statement that numbers it.
        changes.update(reply_count=F("reply_count") + 1, last_post_at=now, last_poster=author)
    Topic.objects.filter(pk=topic.pk).update(**changes)
    number = Topic.objects.values_list("last_number", flat=True).get(pk=topic.pk)
    post = Post.objects.create(
        topic=topic,
        number=number,
        author=author,
        reply_to=reply_to,
        body=body,
        body_html=rendered.html,
        status=PostStatus.PENDING if findings else PostStatus.PUBLISHED,
        guard_findings=guard.summary(findings),
        created_at=now,
    )
    if rendered.page_ids:
        post.linked_pages.set(rendered.page_ids)
    _store_attachments(post, attachments, author)
    return post


def _bump_counters(topic: Topic, post: Post, *, new_topic: bool, topic_done=False) -> None:
    """Counters for a newly published post (``topic_done``: _new_post already moved the
    topic's)."""
    now = post.created_at
    if not new_topic and not topic_done:
        Topic.objects.filter(pk=topic.pk).update(
            reply_count=F("reply_count") + 1, last_post_at=now, last_poster=post.author
        )
    Space.objects.filter(pk=topic.space_id).update(
        post_count=F("post_count") + 1,
        topic_count=F("topic_count") + (1 if new_topic else 0),
        last_post_at=now,
    )


@transaction.atomic
def topic_create(
    *,
    space: Space,
    author,
    title: str,
    body: str,
    tags=(),
    is_question: bool = False,
    attachments=(),
    send_for_review: bool = False,
) -> PostOutcome:
    """Start a topic. The guard runs first; a post sent for review waits for a moderator."""
    access.require(author, "forum.space.post", space)
    title = " ".join(title.split())
    if not title or not body.strip():
        raise ValidationError("A topic needs a title and a first post.")
    findings = _guard([title, body], send_for_review)
    _check_rate(author, space, kind="topic")
    rendered = render_post(body, space=space)
    topic = Topic.objects.create(
        space=space,
        title=title[:200],
        author=author,
        is_question=is_question,
        is_hidden=bool(findings),
        last_poster=author,
    )
    topic.tags.set(_tags_from(tags))
    post = _new_post(
        topic=topic,
        author=author,
        body=body,
        reply_to=None,
        findings=findings,
        rendered=rendered,
        attachments=attachments,
    )
    subscription_set(user=author, topic=topic, level=Level.WATCHING)
    _mark_read(author, topic, post.number)
    Draft.objects.filter(user=author, key=f"space-{space.pk}").delete()
    if findings:
        _ask_for_approval(post)
    else:
        _bump_counters(topic, post, new_topic=True)
        _queue_fan_out(post, rendered)
    # No explicit reindex: saving the topic and the post already queued one for each, and
    # it runs after commit, when the tags and the first post are in place.
    return PostOutcome(post, rendered.unreachable_handles)


@transaction.atomic
def post_create(
    *,
    topic: Topic,
    author,
    body: str,
    reply_to: Post | None = None,
    attachments=(),
    send_for_review: bool = False,
) -> PostOutcome:
    """Reply to a topic (optionally to one post of it)."""
    access.require(author, "forum.topic.reply", topic)
    if not body.strip():
        raise ValidationError("Please write something before posting.")
    if reply_to is not None and (
        reply_to.topic_id != topic.pk or reply_to.status != PostStatus.PUBLISHED
    ):
        raise ValidationError("The post you are replying to is no longer available.")
    findings = _guard([body], send_for_review)
    _check_rate(author, topic.space, kind="post")
    _check_slow_mode(author, topic)
    rendered = render_post(body, space=topic.space)
    post = _new_post(
        topic=topic,
        author=author,
        body=body,
        reply_to=reply_to,
        findings=findings,
        rendered=rendered,
        attachments=attachments,
        is_reply=True,
    )
    # Replying tracks the topic, unless the author chose a level for it already.
    Subscription.objects.get_or_create(
        user=author, topic=topic, space=None, defaults={"level": Level.TRACKING}
    )
    _mark_read(author, topic, post.number)
    Draft.objects.filter(user=author, key=f"topic-{topic.pk}").delete()
    if findings:
        _ask_for_approval(post)
    else:
        _bump_counters(topic, post, new_topic=False, topic_done=True)
        _queue_fan_out(post, rendered)
    # No explicit reindex: saving the post already queued one for after commit.
    return PostOutcome(post, rendered.unreachable_handles)


@transaction.atomic
def post_edit(
    *,
    post: Post,
    editor,
    body: str,
    title: str | None = None,
    reason: str = "",
    send_for_review: bool = False,
) -> PostOutcome:
    """Edit a post; the previous text is kept as a revision anyone who can read it sees."""
    access.require(editor, "forum.post.edit", post)
    if not body.strip():
        raise ValidationError("A post can’t be empty. To remove it, delete it instead.")
    topic = post.topic
    is_moderator = access.can(editor, "forum.topic.moderate", topic)
    findings = [] if is_moderator else _guard([title or "", body], send_for_review)
    PostRevision.objects.create(
        post=post,
        body=post.body,
        body_html=post.body_html,
        title=topic.title if post.is_first else "",
        edited_by=editor,
        reason=reason[:200],
    )
    rendered = render_post(body, space=topic.space)
    post.body, post.body_html = body, rendered.html
    post.edit_count += 1
    post.edited_at = timezone.now()
    if findings:
        post.status = PostStatus.PENDING
        post.guard_findings = guard.summary(findings)
    post.save()
    post.linked_pages.set(rendered.page_ids)
    if post.is_first and title and title.strip() and title.strip() != topic.title:
        topic.title = " ".join(title.split())[:200]
        topic.save(update_fields=["title"])
        search_registry.reindex(topic)
    if editor.pk != post.author_id and is_moderator:
        _log(editor, ModerationAction.EDIT, post=post, reason=reason)
        _notify_author(post, editor, f"A moderator edited your post. {reason}".strip())
    if findings:
        _ask_for_approval(post)
    search_registry.reindex(post)
    return PostOutcome(post, rendered.unreachable_handles)


@transaction.atomic
def post_delete(*, post: Post, by) -> Post:
    """Soft delete: the post shows as deleted; staff can still purge it for good."""
    access.require(by, "forum.post.delete", post)
    post.status = PostStatus.DELETED
    post.save(update_fields=["status"])
    if post.is_first:
        post.topic.deleted_at = timezone.now()
        post.topic.save(update_fields=["deleted_at"])
        search_registry.reindex(post.topic)
    if by.pk != post.author_id:
        _log(by, ModerationAction.DELETE, post=post)
    search_registry.reindex(post)
    return post


# --- reading, reactions, solutions, subscriptions -------------------------------------------


def _mark_read(user, topic: Topic, number: int) -> None:
    updated = TopicRead.objects.filter(user=user, topic=topic, last_read_number__lt=number).update(
        last_read_number=number, updated_at=timezone.now()
    )
    if not updated:
        TopicRead.objects.get_or_create(
            user=user, topic=topic, defaults={"last_read_number": number}
        )


def topic_mark_read(
    *, user, topic: Topic, number: int, known: TopicRead | int | None = None
) -> None:
    """Remember the highest post number the member has seen (never moves backwards).
    ``known``: how far they had read (their TopicRead or its number), if the caller looked."""
    if known is not None:
        if getattr(known, "last_read_number", known) >= number:
            return
        TopicRead.objects.filter(user=user, topic=topic, last_read_number__lt=number).update(
            last_read_number=number, updated_at=timezone.now()
        )
        return
    try:
        TopicRead.objects.create(user=user, topic=topic, last_read_number=number)
    except IntegrityError:
        _mark_read(user, topic, number)


@transaction.atomic
def reaction_toggle(*, post: Post, user) -> bool:
    """Mark a post helpful, or take it back. Returns whether it is now marked."""
    access.require(user, "forum.post.react", post)
    deleted, _ = Reaction.objects.filter(post=post, user=user).delete()
    if deleted:
        Post.objects.filter(pk=post.pk).update(helpful_count=F("helpful_count") - 1)
        return False
    Reaction.objects.create(post=post, user=user)
    Post.objects.filter(pk=post.pk).update(helpful_count=F("helpful_count") + 1)
    return True


@transaction.atomic
def solution_mark(*, topic: Topic, post: Post | None, by) -> Topic:
    """The asker (or a moderator) marks the reply that solved the question, or clears it."""
    access.require(by, "forum.topic.mark_solution", topic)
    if post is not None and (
        post.topic_id != topic.pk or post.is_first or post.status != PostStatus.PUBLISHED
    ):
        raise ValidationError("Only a published reply in this topic can be the solution.")
    topic.solution = post
    topic.save(update_fields=["solution"])
    if post is not None and post.author_id != by.pk:
        _notify(
            [post.author],
            NotificationKind.SOLUTION,
            post=post,
            actor=by,
            message=f"Your answer in “{topic.title}” was marked as the solution.",
        )
    search_registry.reindex(topic)
    return topic


def subscription_set(*, user, level: str, space: Space | None = None, topic: Topic | None = None):
    """Watch, track or mute a space or topic; an empty level goes back to the default."""
    lookup = {"user": user, "space": space, "topic": topic}
    if not level:
        Subscription.objects.filter(**lookup).delete()
        return None
    if level not in Level.values:
        raise ValidationError("Choose watching, tracking or muted.")
    subscription, _ = Subscription.objects.update_or_create(**lookup, defaults={"level": level})
    return subscription


def draft_save(*, user, key: str, title: str = "", body: str = "", tags: str = "") -> Draft:
    draft, _ = Draft.objects.update_or_create(
        user=user,
        key=key[:40],
        defaults={
            "title": title[:200],
            "body": body[: getattr(settings, "FORUM_MAX_POST_CHARS", 30_000)],
            "tags": tags[:200],
            "updated_at": timezone.now(),
        },
    )
    return draft


def notifications_mark_read(*, user, ids=None) -> int:
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())


def profile_update(*, user, email_mode: str, digest: str) -> ForumProfile:
    profile = profile_for(user)
    profile.email_mode, profile.digest = email_mode, digest
    profile.save(update_fields=["email_mode", "digest"])
    return profile


# --- notifications -----------------------------------------------------------------------

_PRIORITY = {
    NotificationKind.MENTION: 0,
    NotificationKind.QUOTE: 1,
    NotificationKind.REPLY: 2,
    NotificationKind.WATCHING: 3,
}


def _subscriptions(topic: Topic) -> tuple[dict[int, str], set[int]]:
    """Each subscriber's effective level for this topic (the topic's setting wins), and who
    has a setting on the topic itself."""
    levels: dict[int, str] = {}
    topic_levels: dict[int, str] = {}
    rows = Subscription.objects.filter(Q(space_id=topic.space_id) | Q(topic=topic)).values_list(
        "user_id", "space_id", "level"
    )
    for user_id, space_id, level in rows:
        if space_id is None:
            topic_levels[user_id] = level
        else:
            levels[user_id] = level
    levels.update(topic_levels)
    return levels, set(topic_levels)


def _queue_fan_out(post: Post, rendered) -> None:
    """Notifying readers is the task worker's job, so posting does not wait for it. Queued in
    the post's own transaction: with the database task queue, the task exists exactly when
    the post does."""
    from .tasks import notify_readers

    notify_readers.enqueue(
        post_id=post.pk,
        mentioned=sorted(rendered.mentioned_user_ids),
        quoted=sorted(rendered.quoted_post_ids),
    )


def fan_out(post: Post, *, mentioned_user_ids=(), quoted_post_ids=()) -> int:
    """Tell the people who should know: mentioned, quoted, answered, watching. Each person
    hears once, about the most direct reason, and only if they can read the post. Returns
    how many were told."""
    topic = post.topic
    levels, _ = _subscriptions(topic)
    wanted: dict[int, str] = {}

    def want(user_id, kind):
        if user_id is None or user_id == post.author_id:
            return
        if kind != NotificationKind.MENTION and levels.get(user_id) == Level.MUTED:
            return
        if user_id not in wanted or _PRIORITY[kind] < _PRIORITY[wanted[user_id]]:
            wanted[user_id] = kind

    for user_id in mentioned_user_ids:
        want(user_id, NotificationKind.MENTION)
    if quoted_post_ids:
        for user_id in Post.objects.filter(
            pk__in=quoted_post_ids, topic__space_id=topic.space_id
        ).values_list("author_id", flat=True):
            want(user_id, NotificationKind.QUOTE)
    replied_to = post.reply_to.author_id if post.reply_to_id else topic.author_id
    want(replied_to, NotificationKind.REPLY)
    for user_id, level in levels.items():
        if level == Level.WATCHING:
            want(user_id, NotificationKind.WATCHING)
    if not wanted:
        return 0
    users = list(get_user_model().objects.filter(pk__in=wanted, is_active=True))
    access.prime(users)
    by_kind: dict[str, list] = {}
    for user in users:
        if access.can(user, "forum.post.read", post):
            by_kind.setdefault(wanted[user.pk], []).append(user)
    for kind, recipients in by_kind.items():
        _notify(recipients, kind, post=post, actor=post.author)
    return sum(len(recipients) for recipients in by_kind.values())


def _notify(
    users,
    kind: str,
    *,
    post: Post | None = None,
    topic: Topic | None = None,
    actor=None,
    message: str = "",
) -> list[Notification]:
    topic = topic or (post.topic if post else None)
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                user=user, kind=kind, topic=topic, post=post, actor=actor, message=message[:400]
            )
            for user in users
        ]
    )
    ids = [n.pk for n in notifications if n.pk]
    if ids:
        from .tasks import email_notifications

        transaction.on_commit(lambda: email_notifications.enqueue(notification_ids=ids))
    return notifications


def _notify_author(post: Post, actor, message: str) -> None:
    if post.author_id != getattr(actor, "pk", None):
        _notify([post.author], NotificationKind.MODERATION, post=post, actor=actor, message=message)


def _moderators_of(space: Space):
    """Who moderates this space (staff only when no one else does)."""
    User = get_user_model()
    candidates = (
        User.objects.filter(is_active=True)
        .filter(
            Q(forum_roles__space=space, forum_roles__role="moderator")
            | Q(is_staff=True)
            | Q(
                memberships__status="approved",
                memberships__taskforce_id=space.taskforce_id,
                memberships__role__in=["co_lead", "moderator"],
            )
            | Q(
                memberships__status="approved",
                memberships__region_id=space.region_id,
                memberships__role="navigator",
            )
        )
        .distinct()
    )
    moderators = [u for u in candidates if access.can(u, "forum.space.moderate", space)]
    scoped = [u for u in moderators if not u.is_staff]
    return scoped or moderators


def _ask_for_approval(post: Post) -> None:
    _notify(
        _moderators_of(post.topic.space),
        NotificationKind.APPROVAL,
        post=post,
        actor=post.author,
        message=f"A post is waiting for approval ({post.guard_findings}).",
    )


# --- moderation --------------------------------------------------------------------------


def _log(
    actor,
    action: str,
    *,
    post: Post | None = None,
    topic: Topic | None = None,
    space: Space | None = None,
    reason: str = "",
) -> ModerationLogEntry:
    topic = topic or (post.topic if post else None)
    space = space or (topic.space if topic else None)
    return ModerationLogEntry.objects.create(
        space=space, topic=topic, post=post, actor=actor, action=action, reason=reason[:500]
    )


def _require_moderator(user, topic: Topic) -> None:
    access.require(user, "forum.topic.moderate", topic)


@transaction.atomic
def post_hide(*, post: Post, by, reason: str) -> Post:
    """A moderator hides a post; the author is told why; the log keeps what happened."""
    _require_moderator(by, post.topic)
    if not reason.strip():
        raise ValidationError("Tell the author why the post is hidden.")
    post.status = PostStatus.HIDDEN
    post.moderation_reason = reason[:300]
    post.save(update_fields=["status", "moderation_reason"])
    _log(by, ModerationAction.HIDE, post=post, reason=reason)
    _notify_author(post, by, f"A moderator hid your post in “{post.topic.title}”: {reason}")
    search_registry.reindex(post)
    return post


@transaction.atomic
def post_restore(*, post: Post, by, reason: str = "") -> Post:
    _require_moderator(by, post.topic)
    was_pending = post.status == PostStatus.PENDING
    post.status = PostStatus.PUBLISHED
    post.moderation_reason = ""
    post.save(update_fields=["status", "moderation_reason"])
    topic = post.topic
    if post.is_first and topic.is_hidden:
        topic.is_hidden = False
        topic.save(update_fields=["is_hidden"])
        search_registry.reindex(topic)
    _log(
        by,
        ModerationAction.APPROVE if was_pending else ModerationAction.RESTORE,
        post=post,
        reason=reason,
    )
    if was_pending:
        _bump_counters(topic, post, new_topic=post.is_first)
        _queue_fan_out(post, render_post(post.body, space=topic.space))
        _notify_author(post, by, f"A moderator approved your post in “{topic.title}”.")
    else:
        _notify_author(post, by, f"A moderator restored your post in “{topic.title}”.")
    search_registry.reindex(post)
    return post


@transaction.atomic
def post_purge(*, post: Post, by, reason: str) -> Post:
    """Staff remove a post for good: its text, every revision, its attachments (and their
    files) and its search entry. The moderation log records that it happened, not what it
    said."""
    access.require(by, "forum.post.purge", post)
    for attachment in post.attachments.all():
        name, storage = attachment.file.name, attachment.file.storage
        attachment.delete()
        transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
    post.revisions.all().delete()
    post.reactions.all().delete()
    post.linked_pages.clear()
    post.body = post.body_html = ""
    post.guard_findings = ""
    post.status = PostStatus.PURGED
    post.moderation_reason = "Removed by staff."
    post.save()
    topic = post.topic
    if topic.solution_id == post.pk:
        topic.solution = None
        topic.save(update_fields=["solution"])
    Notification.objects.filter(post=post).delete()
    _log(by, ModerationAction.PURGE, post=post, reason=reason)
    search_registry.remove("forum-post", post.pk)
    if post.is_first:
        topic.deleted_at = topic.deleted_at or timezone.now()
        topic.save(update_fields=["deleted_at"])
        search_registry.remove("forum-topic", topic.pk)
    return post


@transaction.atomic
def topic_purge(*, topic: Topic, by, reason: str) -> Topic:
    access.require(by, "forum.space.manage", topic.space)
    for post in topic.posts.exclude(status=PostStatus.PURGED):
        post_purge(post=post, by=by, reason=reason)
    topic.title = "Removed topic"
    topic.deleted_at = topic.deleted_at or timezone.now()
    topic.save(update_fields=["title", "deleted_at"])
    topic.tags.clear()
    Draft.objects.filter(key=f"topic-{topic.pk}").delete()
    _log(by, ModerationAction.PURGE, topic=topic, reason=reason)
    search_registry.remove("forum-topic", topic.pk)
    return topic


TOPIC_SWITCHES = {
    ModerationAction.LOCK: ("is_locked", True),
    ModerationAction.UNLOCK: ("is_locked", False),
    ModerationAction.PIN: ("is_pinned", True),
    ModerationAction.UNPIN: ("is_pinned", False),
    ModerationAction.HIDE_TOPIC: ("is_hidden", True),
    ModerationAction.RESTORE_TOPIC: ("is_hidden", False),
}


@transaction.atomic
def topic_moderate(*, topic: Topic, by, action: str, reason: str = "") -> Topic:
    """Lock, unlock, pin, unpin, hide or restore a topic."""
    _require_moderator(by, topic)
    if action not in TOPIC_SWITCHES:
        raise ValidationError("Unknown moderation action.")
    field_name, value = TOPIC_SWITCHES[action]
    setattr(topic, field_name, value)
    topic.save(update_fields=[field_name])
    _log(by, action, topic=topic, reason=reason)
    if action in {ModerationAction.HIDE_TOPIC, ModerationAction.LOCK}:
        first = topic.posts.filter(number=1).first()
        if first is not None:
            verb = "hid" if action == ModerationAction.HIDE_TOPIC else "locked"
            _notify_author(first, by, f"A moderator {verb} your topic “{topic.title}”. {reason}")
    if field_name == "is_hidden":
        search_registry.reindex(topic)
        for post in topic.posts.all():
            search_registry.reindex(post)
    return topic


@transaction.atomic
def topic_slow_mode(*, topic: Topic, by, seconds: int) -> Topic:
    _require_moderator(by, topic)
    topic.slow_mode_seconds = max(0, min(int(seconds), 86_400))
    topic.save(update_fields=["slow_mode_seconds"])
    _log(
        by,
        ModerationAction.SLOW_MODE,
        topic=topic,
        reason=f"{topic.slow_mode_seconds} seconds" if topic.slow_mode_seconds else "off",
    )
    return topic


def _recount(topic: Topic) -> None:
    published = topic.posts.filter(status=PostStatus.PUBLISHED)
    last = published.order_by("-number").first()
    topic.reply_count = max(0, published.count() - 1)
    if last is not None:
        topic.last_post_at, topic.last_poster_id = last.created_at, last.author_id
    topic.last_number = (
        topic.posts.order_by("-number").values_list("number", flat=True).first() or 0
    )
    topic.save(update_fields=["reply_count", "last_post_at", "last_poster", "last_number"])


def _recount_space(space: Space) -> None:
    topics = Topic.objects.filter(space=space, deleted_at__isnull=True)
    space.topic_count = topics.count()
    space.post_count = Post.objects.filter(topic__space=space, status=PostStatus.PUBLISHED).count()
    space.save(update_fields=["topic_count", "post_count"])


@transaction.atomic
def topic_move(*, topic: Topic, to_space: Space, by, reason: str = "") -> Topic:
    """Move a topic to another space the moderator also moderates."""
    _require_moderator(by, topic)
    access.require(by, "forum.space.moderate", to_space)
    old = topic.space
    topic.space = to_space
    topic.save(update_fields=["space"])
    Attachment.objects.filter(post__topic=topic).update(space=to_space)
    _recount_space(old)
    _recount_space(to_space)
    _log(
        by,
        ModerationAction.MOVE,
        topic=topic,
        space=old,
        reason=f"From {old.name} to {to_space.name}. {reason}".strip(),
    )
    search_registry.reindex(topic)
    for post in topic.posts.all():
        search_registry.reindex(post)
    return topic


@transaction.atomic
def topic_split(*, topic: Topic, post_ids, title: str, by, reason: str = "") -> Topic:
    """Move some replies into a new topic of their own (in the same space)."""
    _require_moderator(by, topic)
    posts = list(topic.posts.filter(pk__in=post_ids, number__gt=1).order_by("number"))
    if not posts:
        raise ValidationError("Choose at least one reply to split off.")
    if not title.strip():
        raise ValidationError("The new topic needs a title.")
    first = posts[0]
    new = Topic.objects.create(
        space=topic.space,
        title=" ".join(title.split())[:200],
        author=first.author,
        created_at=first.created_at,
        last_post_at=posts[-1].created_at,
        last_poster=posts[-1].author,
    )
    # Two steps so the (topic, number) constraint never sees a duplicate.
    Post.objects.filter(pk__in=[p.pk for p in posts]).update(
        topic=new, number=F("number") + 1_000_000
    )
    for index, post in enumerate(posts, start=1):
        Post.objects.filter(pk=post.pk).update(number=index, reply_to=None)
    if topic.solution_id in {p.pk for p in posts}:
        topic.solution = None
        topic.save(update_fields=["solution"])
    _recount(topic)
    _recount(new)
    _recount_space(topic.space)
    _log(
        by,
        ModerationAction.SPLIT,
        topic=topic,
        reason=f"{len(posts)} replies moved to “{new.title}”. {reason}".strip(),
    )
    search_registry.reindex(new)
    for post in new.posts.all():
        search_registry.reindex(post)
    return new


# --- flags -------------------------------------------------------------------------------


@transaction.atomic
def flag_create(*, post: Post, reporter, reason: str, note: str = "") -> Flag:
    """Report a post. Reports that it identifies a victim or shares case-sensitive
    information hide it at once, until a moderator decides."""
    access.require(reporter, "forum.post.flag", post)
    if Flag.objects.filter(post=post, reporter=reporter, resolved_at__isnull=True).exists():
        raise ValidationError("You have already reported this post; a moderator will look at it.")
    flag = Flag.objects.create(post=post, reporter=reporter, reason=reason, note=note[:500])
    if reason in URGENT_FLAG_REASONS and post.status == PostStatus.PUBLISHED:
        post.status = PostStatus.HIDDEN
        post.moderation_reason = "Hidden while a moderator reviews a report."
        post.save(update_fields=["status", "moderation_reason"])
        _log(None, ModerationAction.AUTO_HIDE, post=post, reason=flag.get_reason_display())
        search_registry.reindex(post)
    _notify(
        _moderators_of(post.topic.space),
        NotificationKind.FLAG,
        post=post,
        actor=reporter,
        message=f"A post was reported: {flag.get_reason_display()}.",
    )
    return flag


@transaction.atomic
def flag_resolve(*, flag: Flag, by, resolution: str, note: str = "") -> Flag:
    """Every decision on a report leaves a record, and the author hears of any action."""
    post = flag.post
    _require_moderator(by, post.topic)
    if not flag.is_open:
        raise ValidationError("This report has already been resolved.")
    if resolution not in FlagResolution.values:
        raise ValidationError("Choose how the report was resolved.")
    open_flags = Flag.objects.filter(post=post, resolved_at__isnull=True)
    now = timezone.now()
    open_flags.update(
        resolution=resolution, resolution_note=note[:500], resolved_by=by, resolved_at=now
    )
    if resolution == FlagResolution.HIDDEN:
        post.status = PostStatus.HIDDEN
        post.moderation_reason = (note or flag.get_reason_display())[:300]
        post.save(update_fields=["status", "moderation_reason"])
        _notify_author(
            post, by, f"A moderator hid your post in “{post.topic.title}”: {post.moderation_reason}"
        )
        search_registry.reindex(post)
    elif resolution == FlagResolution.DISMISSED and post.status == PostStatus.HIDDEN:
        post.status = PostStatus.PUBLISHED
        post.moderation_reason = ""
        post.save(update_fields=["status", "moderation_reason"])
        search_registry.reindex(post)
    _log(
        by,
        ModerationAction.RESOLVE_FLAG,
        post=post,
        reason=f"{flag.get_reason_display()}: {FlagResolution(resolution).label}. {note}".strip(),
    )
    flag.refresh_from_db()
    return flag


# --- records and the library ----------------------------------------------------------------

ACCESS_LOG_DEDUP_SECONDS = 30 * 60


def access_log_record(
    *,
    user,
    space: Space,
    action: str,
    topic: Topic | None = None,
    attachment: Attachment | None = None,
) -> None:
    """Record a read or a download in a private group (reads once per half hour per topic)."""
    if not space.is_restricted or not getattr(user, "is_authenticated", False):
        return
    if action == AccessAction.READ:
        key = f"forum:read-log:{user.pk}:{topic.pk if topic else 0}"
        if not cache.add(key, 1, timeout=ACCESS_LOG_DEDUP_SECONDS):
            return
    AccessLogEntry.objects.create(
        space=space, topic=topic, attachment=attachment, user=user, action=action
    )


@transaction.atomic
def topic_to_library_draft(*, topic: Topic, by):
    """Turn a solved question into a draft library resource that links back here, so the
    answer outlives the people who gave it. Editors review and publish it in the library."""
    _require_moderator(by, topic)
    if topic.solution_id is None:
        raise ValidationError("Only a solved question can become a library resource.")
    try:
        from library.services import resource_draft_create
    except ImportError as exc:
        raise ValidationError("The library is not available yet.") from exc
    question = topic.posts.get(number=1)
    solution = topic.solution
    body_html = f"<h2>The question</h2>{question.body_html}<h2>What worked</h2>{solution.body_html}"
    resource = resource_draft_create(
        title=topic.title,
        summary=excerpt(solution.body_html, 250),
        body_html=body_html,
        source_url=settings.SITE_URL.rstrip("/") + topic.get_absolute_url(),
        created_by=by,
        topics=tuple(topic.tags.values_list("name", flat=True)),
    )
    topic.library_draft_id = getattr(resource, "pk", None)
    topic.save(update_fields=["library_draft_id"])
    _log(by, ModerationAction.TO_LIBRARY, topic=topic, reason=f"Draft #{topic.library_draft_id}")
    return resource
