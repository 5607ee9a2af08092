"""The one sanitizer: no payload from a corpus of known tricks survives as markup that runs."""

from html.parser import HTMLParser

import pytest

from core.sanitize import clean_html, render_markdown

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "[click](javascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "<form action=/x><button>go</button></form>",
    "<object data=x></object><embed src=x>",
    '<img src="https://tracker.example/pixel.gif">',
    "<<script>script>alert(1)<</script>/script>",
]
DANGEROUS_TAGS = {
    "script",
    "iframe",
    "svg",
    "style",
    "form",
    "object",
    "embed",
    "math",
    "button",
    "noscript",
    "frame",
    "link",
    "meta",
    "base",
}
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")


class Markup(HTMLParser):
    """Collects the elements and attributes a browser would build from the output."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, name, value or "") for name, value in attrs)


def live_markup(html):
    parser = Markup()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("render", [clean_html, render_markdown])
def test_no_payload_survives_as_markup_that_runs(payload, render):
    markup = live_markup(render(payload))
    assert not DANGEROUS_TAGS & set(markup.tags), markup.tags
    for tag, name, value in markup.attrs:
        assert not name.startswith("on"), (tag, name)
        assert name != "style", (tag, name)
        if name in ("href", "src"):
            assert not value.strip().lower().startswith(UNSAFE_SCHEMES), value
        if tag == "img" and name == "src":
            assert value.startswith("/") and not value.startswith("//"), value


def test_markdown_formats_and_links_are_kept():
    html = render_markdown("**Bold** and [a toolkit](/library/toolkit/) and https://www.ovc.gov")
    assert "<strong>Bold</strong>" in html
    assert '<a href="/library/toolkit/">a toolkit</a>' in html
    assert 'href="https://www.ovc.gov" rel="nofollow noopener noreferrer"' in html


def test_raw_html_in_markdown_is_shown_as_text_not_markup():
    assert "&lt;b&gt;" in render_markdown("<b>not bold</b>")
