"""The Wagtail admin's image and document forms, checked by ``core.uploads`` before anything
is stored: an image must be one Pillow can read (not SVG, not a decompression bomb), and a
document's content must match its extension. Editors get the reason beside the file field."""

from django.conf import settings
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .uploads import check_document, clean_image


class CheckedImageForm(BaseImageForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            clean_image(upload)  # raises ValidationError with the reason
            upload.seek(0)
        return upload


class CheckedDocumentForm(BaseDocumentForm):
    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            allowed = set(getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or [])
            check_document(upload, allowed=allowed or None)
        return upload
