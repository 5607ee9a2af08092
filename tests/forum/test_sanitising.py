"""No script survives: a fixed corpus of injection payloads in posts, titles, tags, display
names and attachment names is stored or shown only as harmless text."""

import io
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from forum import services
from forum.forms import prepare_attachment

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    '"><script>alert(document.cookie)</script>',
    "[click](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "<iframe src=//evil.example></iframe>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<body onload=alert(1)>",
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    "`<script>`@x <script>alert(1)</script>",
]
SAFE_TAGS = {"p", "a", "code", "pre", "em", "strong", "blockquote", "span", "img", "br"}


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def _assert_inert(html: str):
    """Only harmless tags, no event handlers or styles, no script URLs: escaped text that
    merely reads like a payload is fine."""
    parser = _Markup()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag in SAFE_TAGS, tag
        for name, value in attrs.items():
            assert not name.startswith("on") and name != "style", name
            lowered = (value or "").strip().lower()
            assert not lowered.startswith(("javascript:", "data:", "vbscript:")), value


@pytest.mark.parametrize("payload", PAYLOADS)
def test_post_bodies_are_stored_inert(category, users, payload):
    post = services.topic_create(
        space=category, author=users["member"], title="Payload test", body=f"Hi {payload}"
    ).post
    _assert_inert(post.body_html)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_titles_tags_and_display_names_are_escaped_on_every_page(client, category, users, payload):
    author = users["member"]
    author.display_name = payload[:120]
    author.save()
    topic = services.topic_create(
        space=category,
        author=author,
        title=f"T {payload}",
        body="body",
        tags=[payload[:40]],
    ).post.topic
    client.force_login(users["prosecutor"])
    for url in [
        reverse("forum:topic", args=[topic.pk]),
        reverse("forum:space", args=["labor"]),
        reverse("forum:index"),
    ]:
        page = client.get(url).content.decode()
        body = page.split('<main id="main"', 1)[1]
        for marker in [
            "<script>alert",
            "<svg/onload",
            "<img src=x",
            "<iframe src",
            "<body onload",
            "<math>",
        ]:
            assert marker not in body, (url, marker)


def test_attachment_names_are_escaped_and_served_as_downloads(client, category, users):
    name = '"><script>alert(1)</script>.pdf'
    upload = SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    prepared = prepare_attachment(upload)
    post = services.topic_create(
        space=category,
        author=users["member"],
        title="Redacted",
        body="See attached",
        attachments=[prepared],
    ).post
    client.force_login(users["prosecutor"])
    page = client.get(reverse("forum:topic", args=[post.topic_id])).content.decode()
    assert "<script>alert(1)</script>.pdf" not in page
    response = client.get(reverse("forum:attachment", args=[post.attachments.get().pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "<" not in response["Content-Disposition"]


def test_images_are_reencoded_without_metadata(category, users):
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010E] = "Victim home address"
    Image.new("RGB", (20, 20), "red").save(buffer, "JPEG", exif=exif)
    upload = SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")
    prepared = prepare_attachment(upload)
    data = prepared.file.read()
    assert b"Victim home address" not in data
    assert prepared.original_name == "photo.jpg"
