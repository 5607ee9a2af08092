"""The posts of a topic page: what each post shows to this viewer, worked out in Python, and
its HTML, rendered once for each distinct version and then reused.

A topic page shows 50 posts. Rendering them through the template costs more CPU than
everything else on the page, yet a post looks the same to every member in the same position
(author, moderator or reader; marked it helpful or not) until someone edits, moderates or
reacts. So each post's ``<li>`` is memoised by *everything it shows* (``PostView``): an edit,
a moderation, a renamed author or a new reaction makes a different key, so nothing needs
invalidating and nothing can be stale. Access is still decided per request, before a
``PostView`` is built."""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.template.loader import get_template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

import access

from .markup import page_card
from .models import PostStatus

POST_BASE = "/connect/p/"  # reverse("forum:post") without the id, without reversing 50 times
PLACEHOLDERS = {
    PostStatus.DELETED: "This post was deleted.",
    PostStatus.PURGED: "This post was removed.",
    PostStatus.HIDDEN: "This post was hidden by a moderator.",
    PostStatus.PENDING: "This post is waiting for a moderator.",
}
# Distinct post versions kept per process (a few kilobytes each).
MEMO_SIZE = 2048


@dataclass(frozen=True, slots=True)
class Card:
    title: str
    summary: str
    url: str


@dataclass(frozen=True, slots=True)
class FileView:
    href: str
    original_name: str
    is_image: bool
    width: int | None
    height: int | None
    size: int


@dataclass(frozen=True, slots=True)
class PostView:
    """Everything ``forum/_post.html`` shows for one post (hashable: it is the memo key)."""

    n: str  # the number as text, not through number localisation
    css: str
    author: str
    byline: str
    when: str
    base: str
    edit_count: int
    is_first_unread: bool
    visible_body: bool
    notice: str
    body_html: str
    cards: tuple[Card, ...]
    files: tuple[FileView, ...]
    placeholder: str
    helpful_count: int
    actions: tuple[tuple[str, str, str, str, str], ...]


def load_extras(posts) -> None:
    """Attachments and linked pages, queried only for the posts that have any (the posts
    query says which), so a page of plain posts costs no query for either."""
    with_files = [post for post in posts if post.has_files]
    if with_files:
        prefetch_related_objects(with_files, Prefetch("attachments", to_attr="files"))
    with_pages = [post for post in posts if post.has_pages]
    if with_pages:
        prefetch_related_objects(with_pages, Prefetch("linked_pages", to_attr="pages"))
    # Only now: a prefetch skips instances that already have its attribute.
    for post in posts:
        if not post.has_files:
            post.files = []
        if not post.has_pages:
            post.pages = []


def _cards(user, post) -> tuple[Card, ...]:
    """Page cards for links to this site's pages, only for pages this viewer may open."""
    return tuple(
        Card(**page_card(page)) for page in post.pages if access.can(user, "page.view", page)
    )


def post_view(post, *, user, uid, may, marked_helpful, first_unread) -> PostView:
    status = post.status
    own = post.author_id == uid
    base = f"{POST_BASE}{post.pk}/"
    notice = ""
    if status == PostStatus.HIDDEN:
        notice = f"Hidden by a moderator: {post.moderation_reason}"
    elif status == PostStatus.PENDING:
        found = f" ({post.guard_findings})" if post.guard_findings else ""
        notice = f"Waiting for a moderator’s approval{found}."
    visible_body = status == PostStatus.PUBLISHED or (
        status in {PostStatus.HIDDEN, PostStatus.PENDING}
        and (may["moderate"] or (status == PostStatus.PENDING and own))
    )
    author = post.author
    profile = getattr(author, "forum_profile", None)
    parts = [f"@{profile.handle}"] if profile else []
    if author.job_title:
        parts.append(author.job_title)
    css = " is-solution" if post.pk == may["solution_id"] else ""
    if first_unread and post.number >= first_unread:
        css += " is-unread"
    return PostView(
        n=str(post.number),
        css=css,
        author=str(author),
        byline=" · ".join(parts),
        when=timezone.localtime(post.created_at).strftime("%b %-d, %Y %-I:%M %p"),
        base=base,
        edit_count=post.edit_count,
        is_first_unread=post.number == first_unread,
        visible_body=visible_body,
        notice=notice,
        # Hidden text never goes into the memo for viewers who may not see it.
        body_html=post.body_html if visible_body else "",
        cards=_cards(user, post) if visible_body else (),
        files=tuple(
            FileView(
                f"/connect/attachments/{item.pk}/",
                item.original_name,
                item.is_image,
                item.width,
                item.height,
                item.size,
            )
            for item in post.files
        )
        if visible_body
        else (),
        placeholder=PLACEHOLDERS.get(status, ""),
        helpful_count=post.helpful_count,
        actions=_post_actions(post, uid, may, own, marked_helpful, base),
    )


def _post_actions(post, uid, may, own, marked_helpful, base) -> tuple[tuple, ...]:
    """(label, url, method, extra name, extra value) for each button under a post."""
    status, actions = post.status, []
    if uid is not None and status == PostStatus.PUBLISHED:
        if may["reply"] and not own:
            label = "Helpful ✓" if marked_helpful else "Helpful"
            actions.append((label, f"{base}helpful/", "post", "", ""))
        if may["reply"]:
            quote = f"/connect/t/{post.topic_id}/reply/?quote={post.pk}"
            actions.append(("Quote", quote, "get", "", ""))
        if may["mark"] and post.number > 1:
            if post.pk == may["solution_id"]:
                actions.append(("Unmark solution", f"{base}solution/", "post", "clear", "1"))
            else:
                actions.append(("This solved it", f"{base}solution/", "post", "", ""))
        if own or may["moderate"]:
            actions.append(("Edit", f"{base}edit/", "get", "", ""))
            actions.append(("Delete", f"{base}delete/", "post", "", ""))
        if not own:
            actions.append(("Report", f"{base}flag/", "get", "", ""))
        if may["moderate"]:
            actions.append(("Hide", f"{base}hide/", "get", "", ""))
    elif may["moderate"] and status in {PostStatus.HIDDEN, PostStatus.PENDING}:
        label = "Approve" if status == PostStatus.PENDING else "Restore"
        actions.append((label, f"{base}restore/", "post", "", ""))
        actions.append(("Edit", f"{base}edit/", "get", "", ""))
    if may["purge"] and status != PostStatus.PURGED:
        actions.append(("Purge for good", f"{base}purge/", "get", "", ""))
    return tuple(actions)


def _render(view: PostView) -> SafeString:
    return get_template("forum/_post.html").render({"post": view})


_memoised = lru_cache(maxsize=MEMO_SIZE)(_render)


def posts_html(views) -> SafeString:
    """The ``<li>`` of each post, each rendered once per distinct ``PostView``."""
    # While developing, templates change under a running process: render every time.
    render = _render if settings.DEBUG else _memoised
    return mark_safe("".join(render(view) for view in views))  # noqa: S308 (rendered, escaped)


def forget_rendered() -> None:
    _memoised.cache_clear()
