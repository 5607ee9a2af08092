from django import forms
from django.core.exceptions import ValidationError

from core.uploads import clean_image

from .media import clean_media
from .models import (
    Channel,
    ContentTheme,
    EventKind,
    ExhibitionPage,
    PiecePage,
    SpokenWordPage,
    VoicesEventPage,
)
from .selectors import upcoming_events
from .services import ImageUpload, Submission, open_issues

IMAGE_SLOTS = 4
KINDS = [
    ("writing", "Writing (for the magazine)"),
    ("poetry", "Poetry (for the magazine)"),
    ("art", "Art: images for an exhibition"),
    ("spoken_word", "Spoken word: an audio or video recording"),
]


class SubmissionForm(forms.Form):
    """Everything a survivor-leader sends in one plain form. Files are checked and cleaned
    here, before anything is stored; on any error the form comes back with what she typed."""

    kind = forms.ChoiceField(label="What are you sending?", choices=KINDS, widget=forms.RadioSelect)
    title = forms.CharField(max_length=200)
    issue = forms.ModelChoiceField(
        queryset=open_issues(),
        required=False,
        label="Magazine issue",
        empty_label="The newest open issue",
    )
    event = forms.ModelChoiceField(
        queryset=VoicesEventPage.objects.none(),
        required=False,
        label="Art show",
        empty_label="Not for a particular show",
    )
    body = forms.CharField(
        label="Your writing or poem",
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Line breaks are kept as you type them.",
    )
    content_note_themes = forms.ModelMultipleChoiceField(
        queryset=ContentTheme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Content note: themes readers should know about",
    )
    content_note = forms.CharField(
        label="Content note in your words",
        required=False,
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown before the work; readers choose whether to go on.",
    )
    statement = forms.CharField(
        label="Artist statement",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    media = forms.FileField(
        label="Recording",
        required=False,
        help_text="MP3, M4A, MP4, Ogg, Opus, FLAC or WAV. Tags and names in the file are removed.",
    )
    transcript = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Needed for spoken word, so that everyone can follow it.",
    )
    channels = forms.MultipleChoiceField(
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Where may this work appear?",
        help_text="You confirm this again when you approve the final version, and can withdraw "
        "at any time.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issue"].queryset = open_issues()
        self.fields["event"].queryset = upcoming_events().filter(kind=EventKind.ART_SHOW)
        for n in range(1, IMAGE_SLOTS + 1):
            self.fields[f"image_{n}"] = forms.FileField(
                label=f"Image {n}",
                required=False,
                help_text="JPEG, PNG, GIF or WebP. Location and camera data are removed.",
            )
            self.fields[f"alt_{n}"] = forms.CharField(
                label=f"Image {n}: what it shows (for screen readers)",
                required=False,
                max_length=250,
            )
            self.fields[f"medium_{n}"] = forms.CharField(
                label=f"Image {n}: medium", required=False, max_length=120
            )
            self.fields[f"caption_{n}"] = forms.CharField(
                label=f"Image {n}: caption", required=False, max_length=250
            )

    def image_slots(self):
        return [
            [self[f"{name}_{n}"] for name in ("image", "alt", "medium", "caption")]
            for n in range(1, IMAGE_SLOTS + 1)
        ]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        images = []
        for n in range(1, IMAGE_SLOTS + 1):
            upload = data.get(f"image_{n}")
            if not upload:
                continue
            try:
                clean = clean_image(upload)
            except ValidationError as error:
                self.add_error(f"image_{n}", error)
                continue
            alt = (data.get(f"alt_{n}") or "").strip()
            if not alt:
                self.add_error(f"alt_{n}", "Please describe what the image shows.")
            images.append(
                ImageUpload(clean, alt, data.get(f"caption_{n}", ""), data.get(f"medium_{n}", ""))
            )
        data["images"] = images
        media = data.get("media")
        data["clean_media"] = None
        if media:
            try:
                data["clean_media"] = clean_media(media)
            except ValidationError as error:
                self.add_error("media", error)
        if kind in ("writing", "poetry") and not (data.get("body") or "").strip():
            self.add_error("body", "Please paste or type your work here.")
        if kind in ("writing", "poetry") and not data.get("issue") and not open_issues().exists():
            self.add_error("issue", "No magazine issue is open for submissions right now.")
        if kind == "art" and not images and not self.has_error_in_images():
            self.add_error("image_1", "Please choose at least one image.")
        if kind == "spoken_word":
            if not media and "media" not in self.errors:
                self.add_error("media", "Please choose the recording.")
            if not (data.get("transcript") or "").strip():
                self.add_error("transcript", "Please add a transcript.")
        if self.errors and any(data.get(f"image_{n}") for n in range(1, IMAGE_SLOTS + 1)):
            self.files_need_choosing_again = True
        return data

    files_need_choosing_again = False

    def has_error_in_images(self) -> bool:
        return any(f"image_{n}" in self.errors for n in range(1, IMAGE_SLOTS + 1))

    def submission(self) -> Submission:
        data = self.cleaned_data
        return Submission(
            kind=data["kind"],
            title=data["title"].strip(),
            body=data.get("body", ""),
            content_note=data.get("content_note", ""),
            themes=list(data.get("content_note_themes") or []),
            statement=data.get("statement", ""),
            channels=set(data.get("channels") or []),
            issue=data.get("issue"),
            images=data["images"],
            media=data["clean_media"],
            transcript=data.get("transcript", ""),
            event=data.get("event"),
        )


class ApprovalForm(forms.Form):
    revision_id = forms.IntegerField(widget=forms.HiddenInput)
    channels = forms.MultipleChoiceField(
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Where may this work appear?",
    )
    ends_on = forms.DateField(
        required=False,
        label="Take it down on (optional)",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave empty for no end date. You can withdraw at any time.",
    )

    def clean_channels(self):
        channels = self.cleaned_data["channels"]
        if not channels:
            raise ValidationError(
                "Choose at least one place, or use “Ask for changes” or “Withdraw” instead."
            )
        return set(channels)


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Your note to the editors",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Please write your note."},
    )
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ChangesForm(forms.Form):
    comment = forms.CharField(
        label="What would you like changed?",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


WHOLE_WORK = "work"


def gallery_items(work) -> list:
    """The images a gallery shows or is about to show: the newest version's, then any still
    live that an editor has taken out of it since."""
    if not isinstance(work, ExhibitionPage):
        return []
    items = list(work.get_latest_revision_as_object().gallery_images.all())
    seen = {item.image_id for item in items}
    items += [item for item in work.gallery_images.all() if item.image_id not in seen]
    return [item for item in items if item.image_id]


class WithdrawForm(forms.Form):
    """The whole work, or, from a gallery of several images, one of them."""

    what = forms.ChoiceField(
        label="What do you want to withdraw?", widget=forms.RadioSelect, initial=WHOLE_WORK
    )

    def __init__(self, *args, work, **kwargs):
        super().__init__(*args, **kwargs)
        items = gallery_items(work)
        self.items = items if len(items) > 1 else []
        what = self.fields["what"]
        what.required = bool(self.items)  # with nothing to choose, it is the whole work
        what.choices = [(WHOLE_WORK, "The whole work")] + [
            (str(item.image_id), f"Only image {n}: {item.caption or item.alt_text}")
            for n, item in enumerate(self.items, start=1)
        ]

    def options(self) -> list:
        """Each radio button with the gallery item it stands for (None: the whole work)."""
        return list(zip(self["what"], [None, *self.items], strict=True))

    def image_id(self) -> int | None:
        what = self.cleaned_data["what"]
        return None if what in ("", WHOLE_WORK) else int(what)


class EditForm(forms.Form):
    """Her own words after sending them, as the newest version has them: the fields her kind
    of work has, and each image's description."""

    title = SubmissionForm.base_fields["title"]
    content_note_themes = SubmissionForm.base_fields["content_note_themes"]
    content_note = SubmissionForm.base_fields["content_note"]
    statement = SubmissionForm.base_fields["statement"]
    body = SubmissionForm.base_fields["body"]
    transcript = SubmissionForm.base_fields["transcript"]

    def __init__(self, *args, work, **kwargs):
        draft = work.get_latest_revision_as_object()
        initial = {
            "title": draft.title,
            "content_note_themes": list(draft.content_note_themes.all()),
            "content_note": draft.content_note,
            "statement": draft.statement,
            "body": getattr(draft, "body", ""),
            "transcript": getattr(draft, "transcript", ""),
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["content_note_themes"].queryset = ContentTheme.objects.all()
        if not isinstance(draft, PiecePage):
            del self.fields["body"]
        if not isinstance(draft, SpokenWordPage):
            del self.fields["transcript"]
        self.items = list(draft.gallery_images.all()) if isinstance(draft, ExhibitionPage) else []
        for n, item in enumerate(self.items, start=1):
            key = item.image_id
            self.fields[f"alt_{key}"] = forms.CharField(
                label=f"Image {n}: what it shows (for screen readers)",
                max_length=250,
                initial=item.alt_text,
                error_messages={"required": "Please describe what the image shows."},
            )
            self.fields[f"medium_{key}"] = forms.CharField(
                label=f"Image {n}: medium", required=False, max_length=120, initial=item.medium
            )
            self.fields[f"caption_{key}"] = forms.CharField(
                label=f"Image {n}: caption", required=False, max_length=250, initial=item.caption
            )

    def image_rows(self) -> list:
        return [
            (item, [self[f"{name}_{item.image_id}"] for name in ("alt", "medium", "caption")])
            for item in self.items
        ]

    def clean(self):
        data = super().clean()
        if "body" in self.fields and not (data.get("body") or "").strip():
            self.add_error("body", "Please paste or type your work here.")
        if "transcript" in self.fields and not (data.get("transcript") or "").strip():
            self.add_error("transcript", "Please add a transcript.")
        return data

    def changes(self) -> tuple[dict, dict]:
        data = self.cleaned_data
        names = ("title", "content_note_themes", "content_note", "statement", "body", "transcript")
        fields = {name: data[name] for name in names if name in self.fields}
        images = {
            item.image_id: {
                "alt_text": data[f"alt_{item.image_id}"],
                "medium": data[f"medium_{item.image_id}"],
                "caption": data[f"caption_{item.image_id}"],
            }
            for item in self.items
        }
        return fields, images
