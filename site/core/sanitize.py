"""The one sanitizer: every piece of user-written HTML on the site is cleaned here, by bleach,
with one allow-list. Markdown is rendered by markdown-it-py (raw HTML disabled) and then
cleaned by the same function, so neither Markdown tricks nor raw tags reach a page."""

from functools import lru_cache

import bleach
from bleach.css_sanitizer import CSSSanitizer
from markdown_it import MarkdownIt

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "del",
        "em",
        "h2",
        "h3",
        "h4",
        "hr",
        "i",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
        "span",
        "div",
        "img",
    }
)
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "rel"],
    "abbr": ["title"],
    "img": ["src", "alt", "title", "width", "height"],
    "td": ["align"],
    "th": ["align", "scope"],
    "span": ["class"],
    "div": ["class"],
    "blockquote": ["class", "cite"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
_CLASS_PREFIXES = ("mention", "quote", "card")


def _filter_attributes(tag, name, value):
    allowed = ALLOWED_ATTRIBUTES.get(tag, [])
    if name not in allowed:
        return False
    if name == "class":
        return all(part.startswith(_CLASS_PREFIXES) for part in value.split())
    if tag == "img" and name == "src":
        # Only images on this site: no third-party requests, no tracking pixels.
        return value.startswith("/") and not value.startswith("//")
    if name == "cite":
        return value.startswith("/") and not value.startswith("//")
    return True


@lru_cache(maxsize=1)
def _cleaner() -> bleach.Cleaner:
    return bleach.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=_filter_attributes,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
        css_sanitizer=CSSSanitizer(allowed_css_properties=[]),
        filters=[
            lambda source: bleach.linkifier.LinkifyFilter(
                source, callbacks=[_nofollow_external], skip_tags=["pre", "code"], parse_email=False
            )
        ],
    )


def _nofollow_external(attrs, new=False):
    href = attrs.get((None, "href"), "")
    if href.startswith(("http://", "https://")):
        attrs[(None, "rel")] = "nofollow noopener noreferrer"
    return attrs


def clean_html(html: str) -> str:
    """Clean user HTML with the site's one allow-list."""
    return _cleaner().clean(html or "")


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = _safe_link
    return md


def _safe_link(url: str) -> bool:
    lowered = url.strip().lower()
    return not lowered.startswith(("javascript:", "vbscript:", "data:", "file:"))


def render_markdown(text: str) -> str:
    """Markdown to safe HTML (rendered once on save and stored by the caller)."""
    return clean_html(_markdown().render(text or ""))
