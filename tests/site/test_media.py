"""Uploaded files have no public URL: the media view asks the access policy for each one, and
an image's location and camera metadata never reach the disk."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection


def jpeg_with_exif():
    image = PILImage.new("RGB", (64, 48), "navy")
    exif = image.getexif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x0110] = "Model X"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (41.0, 52.0, 55.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return SimpleUploadedFile("IMG_2041 home address.jpg", out.getvalue(), "image/jpeg")


@pytest.fixture
def private_collection(db):
    return Collection.get_first_root_node().add_child(name="Members only")


@pytest.mark.django_db
def test_images_are_stored_without_metadata_under_a_random_name():
    image = Image.objects.create(title="Art show", file=jpeg_with_exif())
    assert "home address" not in image.file.name
    with PILImage.open(image.file.path) as stored:
        assert not stored.getexif()
        assert "exif" not in stored.info
    rendition = image.get_rendition("fill-32x32")
    with PILImage.open(rendition.file.path) as copy:
        assert not copy.getexif()


@pytest.mark.django_db
def test_public_images_are_served_and_private_ones_are_not(
    client, login, users, private_collection
):
    public = Image.objects.create(title="Public", file=jpeg_with_exif())
    private = Image.objects.create(
        title="Private", file=jpeg_with_exif(), collection=private_collection
    )
    assert client.get(public.file.url).status_code == 200
    assert client.get(public.get_rendition("width-20").url).status_code == 200
    assert client.get(private.file.url).status_code == 404
    assert client.get(private.get_rendition("width-20").url).status_code == 404
    login(users["staff"])
    assert client.get(private.file.url).status_code == 200


@pytest.mark.django_db
def test_documents_ask_the_policy(client, private_collection):
    doc = Document.objects.create(
        title="Checklist",
        file=SimpleUploadedFile("checklist.pdf", b"%PDF-1.4\n%%EOF"),
        collection=private_collection,
    )
    assert client.get(doc.url).status_code == 404
    assert client.get(doc.file.url).status_code == 404  # and never by its storage path


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/media/../config/settings/base.py",
        "/media/%2e%2e/etc/passwd",
        "/media/unknown/file.txt",
        "/media/original_images/none.jpg",
    ],
)
def test_unknown_and_traversal_paths_are_404(client, path):
    assert client.get(path).status_code in (404, 301)
    if client.get(path).status_code == 301:
        assert client.get(path, follow=True).status_code == 404
