"""The Wagtail admin's image and document forms, checked by ``core.uploads`` before anything
is stored: an image must be one Pillow can read (not SVG, not a decompression bomb), and a
document's content must match its extension. Editors get the reason beside the file field."""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .uploads import check_document, clean_image


class CheckedImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            field.to_python = _checked_first(field.to_python)


def _checked_first(to_python):
    """Run clean_image before Wagtail's own checks, which let Pillow's OSError on a truncated
    file escape as a server error."""

    def check(data):
        if data and hasattr(data, "read"):
            clean_image(data)  # raises ValidationError with the reason
            data.seek(0)
        return to_python(data)

    return check


class CheckedDocumentForm(BaseDocumentForm):
    """Single and multiple upload, and edit: a page or a program named report.pdf would
    otherwise be stored and handed out as a PDF."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            allowed = set(getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or [])
            check_document(
                upload,
                allowed=allowed or None,
                max_bytes=getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", 25 * 1024 * 1024),
            )
        return upload
