"""Survivor Voices: creative work by survivor-leaders, published only with the author's consent.

What lives where:
- the section's pages: the index (at ``/voices/``), magazine issues with their pieces,
  exhibitions (an author's gallery of images), spoken word recordings and events;
- ``VoicesWork``: what every work shares (byline from the author's pseudonym, content note,
  statement, the consent check on publication);
- ``ConsentRecord``: the versioned consent (channels, the exact approved revision, dates,
  withdrawal);
- ``AuthorApprovalTask``: the workflow's last step, which only the author takes, in the site.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page, Task, TaskState
from wagtail.search import index
from wagtail.url_routing import RouteResult


class Channel(models.TextChoices):
    WEBSITE = "website", "This website"
    PRINT = "print_magazine", "The printed magazine"
    EXHIBITION = "exhibition", "Exhibitions"


class ContentTheme(models.Model):
    """A theme a content note can name, e.g. "references to confinement"."""

    name = models.CharField(max_length=80, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ConsentRequired(PermissionDenied):
    """Publishing a work refused: the author has not approved this exact revision, or her
    consent to this website has ended or been withdrawn."""


class ConsentRecordQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(approved_revision__isnull=False, withdrawn_at__isnull=True)

    def in_force(self, today=None):
        today = today or timezone.localdate()
        return self.approved().filter(models.Q(ends_on__isnull=True) | models.Q(ends_on__gt=today))


class WithdrawnOnBehalf(models.Model):
    """Who withdrew, when it was an editor acting for the author rather than she herself."""

    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    on_behalf = models.BooleanField(
        default=False, help_text="Withdrawn by an editor on the author's behalf."
    )

    class Meta:
        abstract = True


class ConsentRecord(WithdrawnOnBehalf):
    """One version of an author's consent for one work. A new version is added whenever she
    approves a revision; the newest decides. The record outlives a withdrawn work (without its
    content) as the evidence that consent was withdrawn, and when."""

    work = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="voices_consents",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", editable=False
    )
    version = models.PositiveIntegerField(default=1)
    website = models.BooleanField("this website", default=False)
    print_magazine = models.BooleanField("the printed magazine", default=False)
    exhibition = models.BooleanField("exhibitions", default=False)
    approved_revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The exact version the author approved; empty while she has not.",
    )
    granted_at = models.DateTimeField(null=True, blank=True)
    ends_on = models.DateField(
        null=True, blank=True, help_text="The work unpublishes itself on this date."
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # Where the work was, so that its old address can say it was withdrawn (410).
    withdrawn_path = models.CharField(max_length=255, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-version", "-pk"]
        permissions = [
            ("view_legal_identity", "Can see who is behind a pseudonym (advocates only)"),
            ("withdraw_on_behalf", "Can withdraw a work on its author's behalf"),
        ]

    def __str__(self):
        return f"Consent v{self.version}"

    @property
    def channels(self) -> list[str]:
        return [c.label for c in Channel if getattr(self, c.value)]

    def allows(self, channel: str, today=None) -> bool:
        today = today or timezone.localdate()
        return (
            self.approved_revision_id is not None
            and self.withdrawn_at is None
            and (self.ends_on is None or self.ends_on > today)
            and getattr(self, channel, False)
        )


class SurvivorVoicesIndexPage(Page):
    """The section's home at ``/voices/``. Its routing also answers the old address of a
    withdrawn work with 410 Gone and a short notice."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = [
        "survivors.MagazineIssuePage",
        "survivors.ExhibitionPage",
        "survivors.SpokenWordPage",
        "survivors.VoicesEventPage",
    ]
    max_count = 1
    template = "survivors/index_page.html"

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            path = "/".join(path_components)
            if path and ConsentRecord.objects.filter(withdrawn_path=path).exists():
                return RouteResult(self, kwargs={"withdrawn": True})
            raise

    def serve(self, request, *args, withdrawn=False, **kwargs):
        if withdrawn:
            return TemplateResponse(request, "survivors/withdrawn.html", {"page": self}, status=410)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .selectors import public_works, upcoming_events

        context = super().get_context(request, *args, **kwargs)
        context["issues"] = MagazineIssuePage.objects.child_of(self).live().order_by("-issue_date")
        context["works"] = public_works().exclude(piecepage__isnull=False)[:24]
        context["events"] = upcoming_events()
        return context


class VoicesWork(Page):
    """What every work shares. The author is never the page owner or a revision's user, and
    her legal name is never shown: the byline is her pseudonym."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    content_note_themes = ParentalManyToManyField(
        ContentTheme, blank=True, verbose_name="content note: themes"
    )
    content_note = models.TextField(
        "content note", blank=True, help_text="Shown before the work, which stays behind a reveal."
    )
    statement = models.TextField(
        "artist statement", blank=True, help_text="In the author's own words."
    )

    note_panels = [
        MultiFieldPanel(
            [FieldPanel("content_note_themes"), FieldPanel("content_note")],
            heading="Content note",
        ),
        FieldPanel("statement"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("statement")]
    parent_page_types = []
    subpage_types = []
    is_creatable = False  # a base: editors create pieces, galleries and recordings

    class Meta:
        verbose_name = "Survivor Voices work"

    @property
    def byline(self) -> str:
        return (self.author.pseudonym if self.author_id else "") or "Anonymous"

    def consent(self) -> ConsentRecord | None:
        """The newest consent the author gave (withdrawn or ended ones included)."""
        return ConsentRecord.objects.filter(work=self, approved_revision__isnull=False).first()

    def consent_allows(self, channel: str = Channel.WEBSITE) -> bool:
        consent = self.consent()
        return consent is not None and consent.allows(channel)

    def check_consent(self, revision) -> None:
        consent = self.consent()
        if consent is None or consent.approved_revision_id != revision.pk:
            raise ConsentRequired(
                "Only the version the author approved can be published. Send the work "
                "through the workflow so that she can approve this version."
            )
        if not consent.allows(Channel.WEBSITE):
            raise ConsentRequired("The author's consent to publish this work here has ended.")

    def publish(self, revision, *args, **kwargs):
        # Revision.publish() comes here: the workflow's last step, scheduled publishing and
        # reverts. The admin's own publish button is checked by the before_publish_page hook.
        self.check_consent(revision)
        return super().publish(revision, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        if not self.consent_allows(Channel.WEBSITE):
            return []
        return super().get_sitemap_urls(request)


class MagazineIssuePage(Page):
    issue_date = models.DateField(default=timezone.localdate)
    intro = models.TextField(blank=True)
    accepts_submissions = models.BooleanField(
        default=True, help_text="Authors can send writing and poetry to this issue."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("issue_date"),
        FieldPanel("intro"),
        FieldPanel("accepts_submissions"),
    ]
    parent_page_types = ["survivors.SurvivorVoicesIndexPage"]
    subpage_types = ["survivors.PiecePage"]
    template = "survivors/magazine_issue_page.html"

    def get_context(self, request, *args, **kwargs):
        from .selectors import public_works

        context = super().get_context(request, *args, **kwargs)
        context["pieces"] = public_works(PiecePage.objects.child_of(self))
        return context


class PieceKind(models.TextChoices):
    WRITING = "writing", "Writing"
    POETRY = "poetry", "Poetry"


class PiecePage(VoicesWork):
    kind = models.CharField(max_length=20, choices=PieceKind.choices, default=PieceKind.WRITING)
    body = models.TextField(help_text="Plain text; line breaks are kept.")

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        *VoicesWork.note_panels,
        FieldPanel("body"),
    ]
    search_fields = [*VoicesWork.search_fields, index.SearchField("body")]
    parent_page_types = ["survivors.MagazineIssuePage"]
    template = "survivors/work_page.html"
    partial_template = "survivors/_piece.html"

    class Meta:
        verbose_name = "magazine piece"


class ExhibitionPage(VoicesWork):
    """An author's gallery for an exhibition: images with alt text, medium and caption."""

    event = models.ForeignKey(
        "survivors.VoicesEventPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The art show this work is part of, if any.",
    )

    content_panels = [
        *Page.content_panels,
        *VoicesWork.note_panels,
        FieldPanel("event"),
        InlinePanel("gallery_images", label="Images"),
    ]
    parent_page_types = ["survivors.SurvivorVoicesIndexPage"]
    template = "survivors/work_page.html"
    partial_template = "survivors/_exhibition.html"

    class Meta:
        verbose_name = "exhibition gallery"

    def image_withdrawals(self):
        """Images the author took out of this gallery since it was published."""
        return ImageWithdrawal.objects.filter(work_id=self.pk)


class ExhibitionImage(Orderable):
    page = ParentalKey(ExhibitionPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(
        max_length=250, help_text="What the image shows, for screen readers."
    )
    caption = models.CharField(max_length=250, blank=True)
    medium = models.CharField(max_length=120, blank=True, help_text="e.g. acrylic on canvas")

    panels = [
        FieldPanel("image"),
        FieldPanel("alt_text"),
        FieldPanel("caption"),
        FieldPanel("medium"),
    ]


class ImageWithdrawal(WithdrawnOnBehalf):
    """An author took one image out of her gallery; the rest stays published. Like a consent
    record, it outlives the image (nothing of which is kept) as the evidence of when, and
    lets the gallery say that something was withdrawn by its author."""

    work = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        on_delete=models.SET_NULL,
        related_name="voices_image_withdrawals",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", editable=False
    )
    withdrawn_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["withdrawn_at", "pk"]

    def __str__(self):
        return f"Image withdrawn {self.withdrawn_at:%Y-%m-%d}"


class MediaKind(models.TextChoices):
    AUDIO = "audio", "Audio"
    VIDEO = "video", "Video"


class SpokenWordPage(VoicesWork):
    """A recording stored here (no third-party embeds) with its transcript."""

    media_file = models.FileField(upload_to="voices/media/", blank=True, max_length=200)
    media_kind = models.CharField(max_length=10, choices=MediaKind.choices, default=MediaKind.AUDIO)
    media_type = models.CharField(max_length=60, blank=True, editable=False)
    transcript = models.TextField(blank=True)

    content_panels = [
        *Page.content_panels,
        *VoicesWork.note_panels,
        FieldPanel("transcript"),
    ]
    search_fields = [*VoicesWork.search_fields, index.SearchField("transcript")]
    parent_page_types = ["survivors.SurvivorVoicesIndexPage"]
    template = "survivors/work_page.html"
    partial_template = "survivors/_spoken_word.html"

    class Meta:
        verbose_name = "spoken word recording"


class EventKind(models.TextChoices):
    ART_SHOW = "art_show", "Art show"
    READING = "reading", "Reading"
    SPOKEN_WORD = "spoken_word", "Spoken word evening"


class VoicesEventPage(Page):
    kind = models.CharField(max_length=20, choices=EventKind.choices, default=EventKind.ART_SHOW)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    location = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("starts_at"),
        FieldPanel("ends_at"),
        FieldPanel("location"),
        FieldPanel("description"),
    ]
    parent_page_types = ["survivors.SurvivorVoicesIndexPage"]
    subpage_types = []
    template = "survivors/event_page.html"

    class Meta:
        verbose_name = "Survivor Voices event"


class AuthorApprovalTask(Task):
    """The workflow's last step: the author approves the exact version, from her dashboard in
    the site. Nobody can take it in the admin (not even a superuser), and the work is locked
    while she reads it, so what she approves is what is published."""

    def get_actions(self, obj, user):
        return []

    def locked_for_user(self, obj, user):
        return True

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return TaskState.objects.none()

    @classmethod
    def get_description(cls):
        return "The author approves the final version herself, from her dashboard."

    class Meta:
        verbose_name = "Author approval"
        verbose_name_plural = "Author approvals"
