"""The Wagtail admin's image and document forms, checked by ``core.uploads`` before anything
is stored: an image must be one Pillow can read (not SVG, not a decompression bomb), and a
document's content must match its extension. Editors get the reason beside the file field."""

from django.conf import settings
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
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            allowed = set(getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or [])
            check_document(upload, allowed=allowed or None)
        return upload
