"""Upload checks: images are re-encoded or refused with a clear message; documents must be
what their names say."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.uploads import check_document, clean_image


def png_with_text_chunk():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "taken at 123 Main St")
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(out, "PNG", pnginfo=info)
    return SimpleUploadedFile("drawing.png", out.getvalue())


def test_png_text_chunks_are_dropped():
    clean = clean_image(png_with_text_chunk())
    with Image.open(clean.file) as image:
        assert "Comment" not in image.info
        assert image.text == {}


def test_orientation_is_applied_before_metadata_is_dropped():
    image = Image.new("RGB", (40, 20), "green")
    exif = image.getexif()
    exif[0x0112] = 6  # rotate 90° on display
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    clean = clean_image(SimpleUploadedFile("p.jpg", out.getvalue()))
    assert (clean.width, clean.height) == (20, 40)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("fake.jpg", b"this is not an image", "not an image"),
        ("drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>', "SVG"),
        ("drawing.png", b'<?xml version="1.0"?><svg></svg>', "SVG"),
    ],
)
def test_non_images_and_svg_are_refused(name, content, message):
    with pytest.raises(ValidationError, match=message):
        clean_image(SimpleUploadedFile(name, content))


def test_a_decompression_bomb_is_refused_before_decoding():
    out = io.BytesIO()
    Image.new("1", (12000, 12000)).save(out, "PNG")  # tiny file, 144 megapixels
    assert len(out.getvalue()) < 100_000
    with pytest.raises(ValidationError, match="megapixels"):
        clean_image(SimpleUploadedFile("bomb.png", out.getvalue()))


def test_a_truncated_image_is_refused():
    out = io.BytesIO()
    Image.new("RGB", (200, 200), "blue").save(out, "JPEG")
    with pytest.raises(ValidationError):
        clean_image(SimpleUploadedFile("cut.jpg", out.getvalue()[:300]))


def test_oversized_files_are_refused():
    with pytest.raises(ValidationError, match="limit"):
        clean_image(SimpleUploadedFile("big.jpg", b"x" * 2048), max_bytes=1024)


def docx_bytes():
    out = io.BytesIO()
    # A fixed timestamp keeps the bytes, and so the test ids, the same in every xdist worker.
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in (("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:d/>")):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), text)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("slides.pdf", b"%PDF-1.7\n...", True),
        ("protocol.docx", docx_bytes(), True),
        ("notes.txt", b"plain words", True),
        ("captions.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello", True),
        ("report.pdf", b"MZ\x90\x00 windows executable", False),
        ("report.pdf", docx_bytes(), False),
        ("protocol.docx", b"%PDF-1.4", False),
        ("tool.exe", b"MZ", False),
    ],
)
def test_documents_must_be_what_their_names_say(name, content, ok):
    upload = SimpleUploadedFile(name, content)
    if ok:
        assert check_document(upload) == name.rsplit(".", 1)[1]
    else:
        with pytest.raises(ValidationError):
            check_document(upload)
