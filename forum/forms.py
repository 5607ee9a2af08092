import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File

from core.uploads import DOCUMENT_TYPES, check_document, clean_image

from .models import Digest, EmailMode, FlagReason, FlagResolution, Level
from .services import PreparedAttachment

IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "gif", "webp"}


def _setting(name, default):
    return getattr(settings, name, default)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to a few files; images are re-encoded without metadata, documents must be what
    their name says."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        limit = _setting("FORUM_MAX_ATTACHMENTS", 5)
        if len(files) > limit:
            raise ValidationError(f"Attach at most {limit} files to one post.")
        prepared, errors = [], []
        for upload in files:
            try:
                prepared.append(prepare_attachment(upload))
            except ValidationError as error:
                name = str(getattr(upload, "name", "file"))[:80]
                errors.extend(f"{name}: {message}" for message in error.messages)
        if errors:
            raise ValidationError(errors)
        return prepared


def prepare_attachment(upload) -> PreparedAttachment:
    name = (getattr(upload, "name", "") or "file").replace("\\", "/").rsplit("/", 1)[-1]
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext in IMAGE_EXTENSIONS:
        image = clean_image(upload, max_bytes=_setting("FORUM_MAX_IMAGE_BYTES", 10 * 1024 * 1024))
        return PreparedAttachment(
            kind="image",
            file=image.file,
            original_name=name,
            size=image.file.size,
            width=image.width,
            height=image.height,
        )
    allowed = set(
        _setting(
            "FORUM_DOCUMENT_TYPES", ["pdf", "docx", "xlsx", "pptx", "odt", "txt", "csv", "rtf"]
        )
    )
    if ext not in allowed:
        kinds = ", ".join(sorted({DOCUMENT_TYPES.get(k, k) for k in allowed} | {"images"}))
        raise ValidationError(f"Files of this type can’t be attached. Allowed: {kinds}.")
    check_document(
        upload, allowed=allowed, max_bytes=_setting("FORUM_MAX_DOCUMENT_BYTES", 20 * 1024 * 1024)
    )
    return PreparedAttachment(
        kind="document",
        file=File(upload, name=f"{secrets.token_hex(16)}.{ext}"),
        original_name=name,
        size=upload.size,
    )


class BodyMixin(forms.Form):
    body = forms.CharField(
        label="Your post",
        widget=forms.Textarea(attrs={"rows": 10, "data-autosave": "body"}),
        help_text="Markdown works: **bold**, *italic*, > quotes, lists and links. Mention a "
        "member with @their-handle. Never share anything that could identify a victim or "
        "survivor.",
    )
    attachments = AttachmentsField(
        label="Attach files",
        help_text="Images (JPEG, PNG, GIF, WebP, up to 10 MB) and documents (PDF, Word, Excel, "
        "PowerPoint, text, up to 20 MB). Redact before you upload.",
    )

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise ValidationError("Please write something before posting.")
        limit = _setting("FORUM_MAX_POST_CHARS", 30_000)
        if len(body) > limit:
            raise ValidationError(
                f"This post is {len(body):,} characters long; the limit is {limit:,}. "
                "Please shorten it or split it into two posts."
            )
        return body


class TopicForm(BodyMixin):
    title = forms.CharField(
        max_length=200, widget=forms.TextInput(attrs={"data-autosave": "title"})
    )
    is_question = forms.BooleanField(
        label="This is a question (members can mark the answer that solved it)", required=False
    )
    tags = forms.CharField(
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"data-autosave": "tags"}),
        help_text="Up to 5, separated by commas, e.g. labor trafficking, agriculture.",
    )
    field_order = ["title", "body", "tags", "is_question", "attachments"]

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise ValidationError("Please give your topic a title.")
        return title

    def clean_tags(self):
        names = [" ".join(t.split()) for t in self.cleaned_data["tags"].split(",")]
        names = [n for n in names if n]
        if len(names) > 5:
            raise ValidationError("Use at most 5 tags.")
        if any(len(n) > 40 for n in names):
            raise ValidationError("Keep each tag under 40 characters.")
        return names


class ReplyForm(BodyMixin):
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)
    field_order = ["body", "attachments"]


class EditForm(forms.Form):
    title = forms.CharField(max_length=200, required=False)
    body = BodyMixin.base_fields["body"]
    reason = forms.CharField(
        max_length=200,
        required=False,
        label="What did you change?",
        help_text="Shown in the edit history.",
    )
    clean_body = BodyMixin.clean_body


class FlagForm(forms.Form):
    reason = forms.ChoiceField(choices=FlagReason.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Anything the moderators should know?",
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=300,
        label="Reason (the author is told)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ResolveFlagForm(forms.Form):
    resolution = forms.ChoiceField(choices=FlagResolution.choices)
    note = forms.CharField(max_length=500, required=False, label="Note for the record")


class MoveForm(forms.Form):
    space = forms.ModelChoiceField(queryset=None, label="Move to")
    reason = forms.CharField(max_length=300, required=False)

    def __init__(self, *args, spaces, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["space"].queryset = spaces


class SplitForm(forms.Form):
    title = forms.CharField(max_length=200, label="Title of the new topic")
    posts = forms.ModelMultipleChoiceField(
        queryset=None, widget=forms.CheckboxSelectMultiple, label="Replies to move"
    )
    reason = forms.CharField(max_length=300, required=False)

    def __init__(self, *args, replies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["posts"].queryset = replies
        self.fields["posts"].label_from_instance = lambda p: (
            f"#{p.number} by {p.author} – {p.body[:80]}"
        )


class SlowModeForm(forms.Form):
    seconds = forms.TypedChoiceField(
        coerce=int,
        choices=[
            (0, "Off"),
            (60, "1 minute"),
            (300, "5 minutes"),
            (900, "15 minutes"),
            (3600, "1 hour"),
        ],
        label="Slow mode",
    )


class SubscriptionForm(forms.Form):
    level = forms.ChoiceField(choices=[("", "Default")] + list(Level.choices), required=False)


class PreferencesForm(forms.Form):
    email_mode = forms.ChoiceField(choices=EmailMode.choices, label="Single notifications")
    digest = forms.ChoiceField(choices=Digest.choices, label="Digest")
