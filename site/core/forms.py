from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm

from .uploads import check_document


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (single and multiple upload, and edit), refusing a file whose
    content is not what its name says: a page or a program named report.pdf would otherwise
    be stored and handed out as a PDF."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            check_document(
                upload,
                allowed=set(settings.WAGTAILDOCS_EXTENSIONS),
                max_bytes=settings.WAGTAILDOCS_MAX_UPLOAD_SIZE,
            )
        return upload
