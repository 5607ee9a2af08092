"""Metadata: a JPEG carrying GPS, camera make and XMP, and a PNG with text chunks, are stored
without any of it, and so is every resized copy Wagtail makes."""

import io

import pytest
from django.core.files.storage import default_storage
from PIL import Image, PngImagePlugin

from survivors.models import ExhibitionPage

from .conftest import upload

pytestmark = pytest.mark.django_db

XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="41,52.0N"/></rdf:RDF>'
    b"</x:xmpmeta>"
)


def gps_jpeg() -> bytes:
    image = Image.new("RGB", (120, 90), (30, 120, 200))
    exif = image.getexif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x0110] = "Model X"
    exif[0x8825] = {1: "N", 2: (41.0, 52.0, 30.0), 3: "W", 4: (87.0, 37.0, 10.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, xmp=XMP)
    data = out.getvalue()
    assert b"PhoneMaker" in data and b"GPSLatitude" in data
    return data


def text_png() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Legal Name")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    info.add_text("Location", "41.87,-87.62", zip=True)
    out = io.BytesIO()
    Image.new("RGBA", (80, 60), (200, 10, 10, 255)).save(out, "PNG", pnginfo=info)
    return out.getvalue()


def assert_clean(name: str) -> None:
    with default_storage.open(name, "rb") as stored:
        data = stored.read()
    image = Image.open(io.BytesIO(data))
    assert not dict(image.getexif()), name
    assert not {"exif", "xmp", "XML:com.adobe.xmp", "Author", "Location", "icc_profile"} & set(
        image.info
    ), (name, image.info)
    assert not getattr(image, "text", {}), name
    for marker in (b"PhoneMaker", b"GPSLatitude", b"Legal Name", b"41.87", b"xmpmeta"):
        assert marker not in data, (name, marker)


def test_submitted_images_and_every_rendition_carry_no_metadata(voices, author, login):
    client = login(author)
    response = client.post(
        "/voices/submit/",
        {
            "kind": "art",
            "title": "Three paintings",
            "image_1": upload("IMG_2024_home_street.jpg", gps_jpeg(), "image/jpeg"),
            "alt_1": "A window with bars, painted in blue",
            "image_2": upload("png-with-text.png", text_png(), "image/png"),
            "alt_2": "A red square",
            "channels": ["website"],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    work = ExhibitionPage.objects.get(title="Three paintings")
    images = [item.image for item in work.gallery_images.all()]
    assert len(images) == 2
    for image in images:
        assert "IMG_2024" not in image.file.name and "png-with-text" not in image.file.name
        assert "IMG_2024" not in image.title and image.uploaded_by_user_id is None
        assert_clean(image.file.name)
        for spec in (
            "max-1000x800",
            "fill-80x80",
            "width-40",
            "max-60x60|format-png",
            "max-60x60|format-webp",
        ):
            assert_clean(image.get_rendition(spec).file.name)
        for rendition in image.renditions.all():
            assert_clean(rendition.file.name)
