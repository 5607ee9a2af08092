"""Every response of the crawl carries the security headers, the site's pages allow only this
origin and no inline script, and no page makes the browser fetch anything from elsewhere."""

from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest

from .crawler import KINDS

pytestmark = pytest.mark.django_db

# Sources a site page's policy may name: this origin, nothing, and data: images (the favicon).
ALLOWED_SOURCES = {"'self'", "'none'"}
ALLOWED_EXTRA = {"img-src": {"data:"}}
# Where a tag makes the browser fetch something.
FETCHING = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "frame": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "track": "src",
    "embed": "src",
    "object": "data",
    "input": "src",
}
FETCHING_LINKS = {"stylesheet", "icon", "preload", "prefetch", "manifest", "apple-touch-icon"}


def _responses(crawl):
    for (kind, path), result in [*crawl.gets.items(), *crawl.extra.items()]:
        yield kind, path, result


def _policy(header: str) -> dict[str, set[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = set(words[1:])
    return directives


def test_every_response_carries_the_security_headers(crawl):
    failures = []
    for kind, path, result in _responses(crawl):
        h = {k.lower(): v for k, v in result.headers.items()}
        missing = [
            name
            for name, ok in (
                ("Content-Security-Policy", "content-security-policy" in h),
                ("X-Content-Type-Options", h.get("x-content-type-options") == "nosniff"),
                (
                    "Referrer-Policy",
                    h.get("referrer-policy") in {"same-origin", "no-referrer", "strict-origin"},
                ),
                (
                    "X-Frame-Options or frame-ancestors",
                    h.get("x-frame-options") in {"DENY", "SAMEORIGIN"}
                    or "frame-ancestors" in h.get("content-security-policy", ""),
                ),
                ("Permissions-Policy", "geolocation=()" in h.get("permissions-policy", "")),
            )
            if not ok
        ]
        if missing:
            failures.append(f"{kind} {path}: {missing}")
    assert not failures, "\n".join(failures)


def test_site_pages_allow_only_this_origin_and_no_inline_script(crawl):
    """Every policy names this origin (or nothing) and no inline or evaluated script; files
    get Wagtail's stricter "default-src 'none'"."""
    failures = []
    for _, path, result in _responses(crawl):
        policy = _policy(result.headers.get("Content-Security-Policy", ""))
        default = policy.get("default-src")
        if default not in ({"'self'"}, {"'none'"}):
            failures.append(f"{path}: default-src {default}")
        for directive, sources in policy.items():
            allowed = ALLOWED_SOURCES | ALLOWED_EXTRA.get(directive, set())
            if directive in {"upgrade-insecure-requests", "block-all-mixed-content"}:
                continue
            if not sources <= allowed:
                failures.append(f"{path}: {directive} allows {sorted(sources - allowed)}")
        framing = (
            policy.get("frame-ancestors") == {"'none'"}
            or result.headers.get("X-Frame-Options") == "DENY"
        )
        if not framing:
            failures.append(f"{path}: may be framed")
        if "object-src" not in policy and default != {"'none'"}:
            failures.append(f"{path}: no object-src")
    assert not failures, "\n".join(sorted(set(failures)))


class _Fetches(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        urls = []
        if tag in FETCHING and attrs.get(FETCHING[tag]):
            urls.append(attrs[FETCHING[tag]])
        if tag == "link" and set((attrs.get("rel") or "").lower().split()) & FETCHING_LINKS:
            urls.append(attrs.get("href") or "")
        for value in [attrs.get("srcset") or "", attrs.get("poster") or ""]:
            urls += [part.split()[0] for part in value.split(",") if part.strip()]
        for url in urls:
            parsed = urlparse(url.strip())
            if parsed.netloc and parsed.netloc != "testserver" or url.strip().startswith("//"):
                self.problems.append(f"<{tag}> fetches {url}")
        data_block = (attrs.get("type") or "").lower() == "application/json"
        if tag == "script" and not attrs.get("src") and not data_block:
            self.problems.append("inline <script>")
        if tag == "style":
            self.problems.append("inline <style>")
        if "style" in attrs:
            self.problems.append(f"<{tag} style=...>")
        self.problems += [f"<{tag} {name}=...>" for name in attrs if name.startswith("on")]


@pytest.mark.parametrize("kind", KINDS)
def test_no_page_fetches_from_another_origin_or_runs_inline_code(crawl, kind):
    """Scripts, styles, fonts, images and frames come from this site only, and there is no
    inline script, style or event handler (the policy would block them and break the page)."""
    failures = set()
    for k, path, result in _responses(crawl):
        if k != kind or "text/html" not in result.headers.get("Content-Type", ""):
            continue
        parser = _Fetches()
        parser.feed(result.content.decode("utf-8", "replace"))
        failures |= {f"{path}: {p}" for p in parser.problems}
    assert not failures, "\n".join(sorted(failures))
