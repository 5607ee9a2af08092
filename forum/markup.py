"""Turning what a member typed into the HTML stored with the post (rendered once, on save):
Markdown through the site's one sanitizer, then @mentions, quotes and links to this site's
pages. Who a mention reaches and which page cards a viewer sees are access questions, asked
here at save time (mentions) and in the view at read time (cards)."""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import Http404

from core.sanitize import clean_html, render_markdown

MENTION = re.compile(r"(?<![\w.@/&#-])@([a-z0-9][a-z0-9-]{1,39})\b", re.IGNORECASE)
QUOTE_LINK = re.compile(r'<blockquote>\s*<p><a href="/connect/p/(\d+)/"')
HREF = re.compile(r'<a href="([^"]+)"')
TAG = re.compile(r"(<[^>]+>)")
SKIP_TAGS = ("code", "pre", "a")
MAX_CARDS = 5
NOT_PAGES = ("/connect/", "/media/", "/admin/", "/documents/", "/accounts/", "/static/")


@dataclass
class Rendered:
    html: str
    mentioned_user_ids: set[int] = field(default_factory=set)
    unreachable_handles: set[str] = field(default_factory=set)
    quoted_post_ids: set[int] = field(default_factory=set)
    page_ids: list[int] = field(default_factory=list)


def render_post(text: str, *, space=None) -> Rendered:
    """Render a post. Mentions reach only members who can read ``space``; anyone else's
    handle stays plain text, so neither they nor anyone learns of the group from it."""
    html = render_markdown(text)
    result = Rendered(html=html)
    handles = _handles_in(html)
    readers = _readers_by_handle(handles, space) if handles else {}
    result.mentioned_user_ids = set(readers.values())
    result.unreachable_handles = handles - set(readers)
    if readers:
        html = _mark_mentions(html, set(readers))
    quoted = {int(pk) for pk in QUOTE_LINK.findall(html)}
    if quoted:
        html = QUOTE_LINK.sub(
            lambda m: m.group(0).replace("<blockquote>", '<blockquote class="quote">'), html
        )
    result.quoted_post_ids = quoted
    result.page_ids = _linked_page_ids(html)
    result.html = clean_html(html) if readers or quoted else html
    return result


def _text_segments(html: str):
    """Yield (segment, is_text) outside code, pre and links."""
    depth = 0
    for part in TAG.split(html):
        if part.startswith("<"):
            name = part.strip("</>").split()[0].lower() if part.strip("</>") else ""
            if name in SKIP_TAGS:
                depth += -1 if part.startswith("</") else 1
            yield part, False
        else:
            yield part, depth == 0


def _handles_in(html: str) -> set[str]:
    found = set()
    for segment, is_text in _text_segments(html):
        if is_text:
            found.update(h.lower() for h in MENTION.findall(segment))
    return found


def _mark_mentions(html: str, handles: set[str]) -> str:
    def mark(match):
        handle = match.group(1).lower()
        if handle not in handles:
            return match.group(0)
        return f'<span class="mention">@{handle}</span>'

    return "".join(
        MENTION.sub(mark, segment) if is_text else segment
        for segment, is_text in _text_segments(html)
    )


def _readers_by_handle(handles: set[str], space) -> dict[str, int]:
    import access

    from .models import ForumProfile

    profiles = ForumProfile.objects.filter(handle__in=handles).select_related("user")
    return {
        profile.handle: profile.user_id
        for profile in profiles
        if space is not None
        and profile.user.is_active
        and access.can(profile.user, "forum.space.read", space)
    }


def _site_path(href: str) -> str | None:
    parts = urlsplit(href)
    own = urlsplit(getattr(settings, "SITE_URL", ""))
    if parts.scheme or parts.netloc:
        if (parts.scheme, parts.netloc) != (own.scheme, own.netloc):
            return None
    path = parts.path
    if not path.startswith("/") or path.startswith("//") or path.startswith(NOT_PAGES):
        return None
    return path


def resolve_page(path: str):
    """The live Wagtail page this site serves at ``path`` (through Wagtail's own routing)."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    try:
        route = site.root_page.specific.route(None, components)
    except (Http404, AttributeError, TypeError):
        return None
    page = getattr(route, "page", None) or (route[0] if isinstance(route, tuple) else None)
    return page if page is not None and page.live else None


PATH_CACHE_SECONDS = 300


def _page_id_for(path: str) -> int:
    """Routing a path costs a few queries; members link the same pages again and again, so
    the answer is kept briefly in the shared cache (cards still check the page at read time)."""
    key = f"forum:page-path:{path}"
    page_id = cache.get(key)
    if page_id is None:
        page = resolve_page(path)
        page_id = page.pk if page is not None else 0
        cache.set(key, page_id, PATH_CACHE_SECONDS)
    return page_id


def _linked_page_ids(html: str) -> list[int]:
    ids: list[int] = []
    for href in HREF.findall(html):
        path = _site_path(href.replace("&amp;", "&"))
        if path is None:
            continue
        page_id = _page_id_for(path)
        if page_id and page_id not in ids:
            ids.append(page_id)
        if len(ids) >= MAX_CARDS:
            break
    if not ids:
        return ids
    # A cached id may name a page deleted (and its path reused) since: keep live pages only.
    from wagtail.models import Page

    live = set(Page.objects.filter(pk__in=ids, live=True).values_list("pk", flat=True))
    return [page_id for page_id in ids if page_id in live]


def page_card(page) -> dict:
    """Title and summary for a page card (generic: any page with ``summary`` or a search
    description)."""
    specific = page.specific
    summary = getattr(specific, "summary", "") or getattr(specific, "search_description", "")
    if not isinstance(summary, str):
        summary = str(summary)
    return {"title": specific.title, "summary": summary, "url": specific.url}


def quote_markdown(post, handle: str) -> str:
    """What the composer starts with when a member quotes a post."""
    body = "\n".join(f"> {line}" if line else ">" for line in post.body.strip().splitlines())
    return f"> [@{handle} wrote](/connect/p/{post.pk}/):\n>\n{body}\n\n"


def excerpt(html: str, length: int = 300) -> str:
    from django.utils.html import strip_tags
    from django.utils.text import Truncator

    return Truncator(" ".join(strip_tags(html).split())).chars(length)
