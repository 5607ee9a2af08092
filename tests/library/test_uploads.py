"""Editors uploading library files in the admin: a document whose content does not match its
extension, or a corrupt image, is refused with a message that says why."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form

from library.samples import pdf_bytes
from users.factories import UserFactory


@pytest.fixture
def editor(db):
    return UserFactory(is_staff=True, is_superuser=True)


def _document_form(upload, user, collection):
    form_class = get_document_form(get_document_model())
    return form_class(
        data={"title": "Slides", "collection": collection.pk},
        files={"file": upload},
        user=user,
        instance=get_document_model()(uploaded_by_user=user),
    )


def _image_form(upload, user, collection):
    form_class = get_image_form(get_image_model())
    return form_class(
        data={"title": "Cover", "collection": collection.pk},
        files={"file": upload},
        user=user,
        instance=get_image_model()(uploaded_by_user=user),
    )


def test_a_document_whose_content_is_not_its_type_is_refused(editor, library_collection):
    upload = SimpleUploadedFile("slides.pdf", b"MZ\x90\x00 this is an executable")
    form = _document_form(upload, editor, library_collection)
    assert not form.is_valid()
    assert "is not a PDF file" in " ".join(form.errors["file"])


def test_a_real_pdf_is_accepted(editor, library_collection):
    upload = SimpleUploadedFile("slides.pdf", pdf_bytes("Slides"))
    form = _document_form(upload, editor, library_collection)
    assert form.is_valid(), form.errors


def test_a_corrupt_image_is_refused(editor, library_collection):
    out = io.BytesIO()
    PILImage.new("RGB", (64, 64), (10, 20, 30)).save(out, "JPEG")
    upload = SimpleUploadedFile("cover.jpg", out.getvalue()[:200])
    form = _image_form(upload, editor, library_collection)
    assert not form.is_valid()
    message = " ".join(form.errors["file"])
    assert "damaged" in message or "not an image" in message or "not a valid image" in message


def test_an_svg_named_png_is_refused(editor, library_collection):
    upload = SimpleUploadedFile("cover.png", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>')
    form = _image_form(upload, editor, library_collection)
    assert not form.is_valid()
