"""Upload abuse through the routes not covered elsewhere: the editors' image and document
forms (single and multiple upload). Forum attachments are covered in tests/forum
(test_bad_input.py, test_sanitising.py), and core.uploads itself in tests/site/test_uploads.py.

Every answer is a clear message and never a 500; nothing refused is stored."""

import io
import struct
import zlib

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from users.factories import UserFactory

# Every model file field and the tests that abuse its upload route (reviewed): a new file
# field fails test_every_file_field_has_abuse_tests until its route is covered.
COVERED_FILE_FIELDS = {
    "forum.Attachment.file": "tests/forum/test_bad_input.py, tests/forum/test_sanitising.py",
    "wagtailimages.Image.file": "this file (admin forms); tests/site/test_media.py",
    "wagtailimages.Rendition.file": "made from a cleaned original, never uploaded",
    "wagtaildocs.Document.file": "this file (admin forms)",
    "survivors.SpokenWordPage.media_file": "tests/survivors/test_bad_input.py (size, type, tags)",
}
PROJECT_APPS = {
    "core",
    "users",
    "taskforces",
    "library",
    "forum",
    "mentoring",
    "search",
    "survivors",
    "wagtailimages",
    "wagtaildocs",
}

SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def _png(width=8, height=8) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (width, height), "red").save(out, "PNG")
    return out.getvalue()


def _bomb() -> bytes:
    """A tiny PNG whose header declares 100,000 × 100,000 pixels."""
    data = bytearray(_png())
    ihdr = data[12:29]  # type + 13 bytes of header data
    patched = ihdr[:4] + struct.pack(">II", 100_000, 100_000) + ihdr[12:]
    data[12:29] = patched
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(patched)) & 0xFFFFFFFF)
    return bytes(data)


def _jpeg_with_gps() -> bytes:
    image = PILImage.new("RGB", (32, 24), "navy")
    exif = image.getexif()
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (41.0, 52.0, 55.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


@pytest.fixture
def editor(client, home_page):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_every_file_field_has_abuse_tests(db):
    fields = {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    }
    assert fields - set(COVERED_FILE_FIELDS) == set()


IMAGE_ABUSE = [
    ("not-an-image.png", b"<html><body>hello</body></html>"),
    ("script.png", SVG_WITH_SCRIPT),
    ("logo.svg", SVG_WITH_SCRIPT),
    ("bomb.png", _bomb()),
    ("huge.png", _png() + b"\0" * (11 * 1024 * 1024)),
]


def test_an_image_uploaded_by_an_editor_loses_its_location(editor):
    response = editor.post(
        "/admin/images/add/",
        {"title": "Event", "file": SimpleUploadedFile("IMG_0042.jpg", _jpeg_with_gps())},
    )
    assert response.status_code == 302
    image = Image.objects.get()
    with PILImage.open(image.file.path) as stored:
        assert not stored.getexif()
    assert "IMG_0042" not in image.file.name


DOCUMENT_ABUSE = [
    ("report.pdf", b"<html><script>alert(1)</script></html>"),
    ("minutes.docx", b"MZ\x90\x00 not a word document"),
    ("page.html", b"<script>alert(1)</script>"),
    ("logo.svg", SVG_WITH_SCRIPT),
    ("huge.pdf", b"%PDF-1.4\n" + b"0" * (26 * 1024 * 1024)),
]


ABUSE = [("images", Image, name, content) for name, content in IMAGE_ABUSE] + [
    ("documents", Document, name, content) for name, content in DOCUMENT_ABUSE
]
IDS = [f"{route}-{name}" for route, _, name, _ in ABUSE]


@pytest.mark.parametrize("route,model,name,content", ABUSE, ids=IDS)
def test_the_upload_form_refuses_abuse_with_a_message(editor, route, model, name, content):
    response = editor.post(
        f"/admin/{route}/add/", {"title": "Abuse", "file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200, "the form is shown again, with the reason"
    assert response.context["form"].errors.get("file")
    assert not model.objects.exists()


@pytest.mark.parametrize("route,model,name,content", ABUSE, ids=IDS)
def test_the_multiple_upload_refuses_abuse_with_a_message(editor, route, model, name, content):
    response = editor.post(
        f"/admin/{route}/multiple/add/", {"files[]": SimpleUploadedFile(name, content)}
    )
    assert response.status_code in {200, 400}
    body = response.json()
    assert body.get("success") is False and body.get("error_message")
    assert not model.objects.exists()


def test_a_text_document_with_markup_is_never_served_as_a_page(editor):
    editor.post(
        "/admin/documents/add/",
        {"title": "Notes", "file": SimpleUploadedFile("notes.txt", b"<script>alert(1)</script>")},
    )
    document = Document.objects.get()
    response = editor.get(document.url)
    assert response.status_code == 200
    assert not response["Content-Type"].startswith(("text/html", "image/svg"))
    assert response["X-Content-Type-Options"] == "nosniff"
