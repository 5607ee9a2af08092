"""Checks for every uploaded file, before anything is stored.

- Images are opened by Pillow only after their declared size is checked (a tiny file that
  declares a huge image is refused, not merely warned about), then re-encoded from pixels with
  the orientation applied, so no EXIF, GPS, XMP, IPTC or PNG text chunk survives, under a
  random file name. SVG is refused (it can carry scripts).
- Documents are recognised by their content, not their extension.
"""

import io
import secrets
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_IMAGE_PIXELS = 40_000_000
MAX_IMAGE_BYTES = 10 * 1024 * 1024
IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


@dataclass
class CleanImage:
    file: ContentFile
    width: int
    height: int
    format: str


def _read(upload, max_bytes: int) -> bytes:
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            f"This file is {size / 1048576:.1f} MB; the limit is {max_bytes / 1048576:.0f} MB."
        )
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(f"This file is larger than the {max_bytes / 1048576:.0f} MB limit.")
    return data


def clean_image(
    upload, *, max_pixels: int = MAX_IMAGE_PIXELS, max_bytes: int = MAX_IMAGE_BYTES
) -> CleanImage:
    """Validate an uploaded image and return a metadata-free copy under a random name."""
    data = _read(upload, max_bytes)
    head = data[:512].lstrip().lower()
    if head.startswith((b"<?xml", b"<svg")) or b"<svg" in head:
        raise ValidationError("SVG images can’t be uploaded. Please use JPEG, PNG, GIF or WebP.")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            fmt = probe.format
            width, height = probe.size
    except Image.DecompressionBombError as exc:
        raise ValidationError(
            f"This image declares more than {max_pixels // 1_000_000} megapixels, "
            "which is over the limit."
        ) from exc
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ValidationError(
            "This file is not an image we can read (JPEG, PNG, GIF or WebP)."
        ) from exc
    if fmt not in IMAGE_FORMATS:
        raise ValidationError("Please upload a JPEG, PNG, GIF or WebP image.")
    if width * height > max_pixels:
        raise ValidationError(
            f"This image is {width}×{height} pixels; "
            f"the limit is {max_pixels // 1_000_000} megapixels."
        )
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            pixels = ImageOps.exif_transpose(image)
            out = io.BytesIO()
            if fmt == "JPEG":
                pixels.convert("RGB").save(out, "JPEG", quality=90, optimize=True)
            elif fmt == "PNG":
                clean = pixels.convert("RGBA" if "A" in pixels.getbands() else "RGB")
                clean.save(out, "PNG", optimize=True)
            elif fmt == "GIF":
                pixels.save(out, "GIF")
            else:
                pixels.convert("RGBA").save(out, "WEBP", quality=90)
            width, height = pixels.size
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError("This image is damaged and can’t be read.") from exc
    ext = IMAGE_FORMATS[fmt]
    return CleanImage(
        ContentFile(out.getvalue(), name=f"{secrets.token_hex(16)}.{ext}"), width, height, fmt
    )


DOCUMENT_TYPES = {
    "pdf": "PDF",
    "docx": "Word",
    "xlsx": "Excel",
    "pptx": "PowerPoint",
    "odt": "OpenDocument",
    "txt": "text",
    "csv": "CSV",
    "vtt": "WebVTT captions",
    "srt": "SubRip captions",
    "rtf": "RTF",
}


def sniff_document(data: bytes) -> str | None:
    """The document type this content really is, or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "ppt/presentation.xml" in names:
            return "pptx"
        if "mimetype" in names and "content.xml" in names:
            return "odt"
        return None
    try:
        text = data[:65536].decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\x00" in text:
        return None
    if text.lstrip("\ufeff").startswith("WEBVTT"):
        return "vtt"
    return "txt"


def check_document(
    upload, *, allowed: set[str] | None = None, max_bytes: int = 25 * 1024 * 1024
) -> str:
    """Refuse a document whose content does not match its extension (or an allowed type)."""
    name = getattr(upload, "name", "") or ""
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = allowed or set(DOCUMENT_TYPES)
    if ext not in allowed:
        kinds = ", ".join(sorted(DOCUMENT_TYPES[k] for k in allowed if k in DOCUMENT_TYPES))
        raise ValidationError(f"Files of this type can’t be uploaded here. Allowed: {kinds}.")
    data = _read(upload, max_bytes)
    actual = sniff_document(data)
    text_like = {"txt", "csv", "srt", "vtt"}
    if actual is None or (actual != ext and not (ext in text_like and actual in text_like)):
        raise ValidationError(
            f"This file’s content is not a {DOCUMENT_TYPES.get(ext, ext)} file, although its name "
            "says so. Please check the file and upload it again."
        )
    if hasattr(upload, "seek"):
        upload.seek(0)
    return ext
