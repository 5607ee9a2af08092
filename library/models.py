"""The library: one index page, one concrete resource base (so one query lists, filters and
counts every type), six resource types, the taxonomies editors manage as snippets, event
sessions with registrations, and each member's bookmarks and saved searches."""

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

import access
from access.tiers import Tier

from .blocks import RICH_FEATURES, ChecklistBlock, CourseModuleBlock, SectionBlock

# --- taxonomies -----------------------------------------------------------------------------


class Taxonomy(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Topic(Taxonomy):
    pass


class Audience(Taxonomy):
    pass


class TraffickingType(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = "trafficking type"


class WebinarSeries(models.Model):
    name = models.CharField(max_length=160, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "webinar series"

    def __str__(self):
        return self.name


# --- pages ----------------------------------------------------------------------------------


class LibraryIndexPage(Page):
    """The Library: browse every resource the viewer may open, with filters and counts."""

    intro = models.TextField(blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["core.HomePage"]
    subpage_types = [
        "library.ToolkitPage",
        "library.WebinarPage",
        "library.OnlineCoursePage",
        "library.ClassroomTrainingPage",
        "library.ProtocolTemplatePage",
        "library.PublicationPage",
    ]
    template = "library/library_index_page.html"

    def get_context(self, request, *args, **kwargs):
        from .browse import filter_resources

        context = super().get_context(request, *args, **kwargs)
        context["browse"] = filter_resources(request.user, request.GET, index=self)
        return context

    def serve(self, request, *args, **kwargs):
        from .browse import BadBrowseRequest

        try:
            return super().serve(request, *args, **kwargs)
        except BadBrowseRequest as exc:
            from django.shortcuts import render

            return render(request, "400.html", {"message": str(exc)}, status=400)


class ResourceFormat(models.TextChoices):
    TOOLKIT = "toolkit", "Toolkit"
    WEBINAR = "webinar", "Webinar"
    ONLINE_COURSE = "online_course", "Online course"
    CLASSROOM_TRAINING = "classroom_training", "Classroom training"
    PROTOCOL_TEMPLATE = "protocol_template", "Protocol template"
    PUBLICATION = "publication", "Publication"


# Paths the library's own views use under the index page (see library/urls.py).
RESERVED_SLUGS = frozenset({"feed"})


class ResourceQuerySet(PageQuerySet):
    def visible_to(self, user):
        """Only the resources this user may open (the access policy's queryset face)."""
        return access.visible(user, "library.view", self)

    def public(self):
        return self.filter(access_tier=Tier.PUBLIC)

    def with_taxonomies(self):
        return self.prefetch_related("topics", "audiences", "trafficking_types")


ResourceManager = PageManager.from_queryset(ResourceQuerySet)


class ResourcePage(Page):
    """What every resource shares. Concrete, so lists, filters and counts need one query."""

    FORMAT: str = ""

    summary = models.TextField(max_length=600, help_text="One or two sentences for lists.")
    topics = ParentalManyToManyField(Topic, blank=True, related_name="resources")
    audiences = ParentalManyToManyField(Audience, blank=True, related_name="resources")
    trafficking_types = ParentalManyToManyField(
        TraffickingType, blank=True, related_name="resources"
    )
    keywords = models.CharField(
        max_length=300, blank=True, help_text="Other words people search for (search only)."
    )
    publisher = models.CharField(max_length=160, blank=True)
    publication_date = models.DateField(null=True, blank=True, db_index=True)
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When an editor last checked this is still current."
    )
    access_tier = models.CharField(
        max_length=20, choices=Tier.choices, default=Tier.PUBLIC, db_index=True
    )
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resource_format = models.CharField(
        max_length=24, choices=ResourceFormat.choices, editable=False, db_index=True
    )

    objects = ResourceManager()

    metadata_panels = [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("trafficking_types", widget=forms.CheckboxSelectMultiple),
                FieldPanel("keywords"),
            ],
            heading="Classification",
        ),
        MultiFieldPanel(
            [
                FieldPanel("publisher"),
                FieldPanel("publication_date"),
                FieldPanel("last_reviewed"),
                FieldPanel("access_tier"),
                FieldPanel("image"),
            ],
            heading="Publishing",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("keywords"),
        index.FilterField("access_tier"),
        index.FilterField("resource_format"),
    ]
    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types: list[str] = []
    is_creatable = False

    class Meta:
        indexes = [models.Index(fields=["resource_format", "access_tier"])]

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            from django.core.exceptions import ValidationError

            raise ValidationError({"slug": f"“{self.slug}” is reserved for the library's feeds."})

    def save(self, *args, **kwargs):
        if self.FORMAT:
            self.resource_format = self.FORMAT
        return super().save(*args, **kwargs)

    def get_sitemap_urls(self, request=None):
        # The sitemap is read by anyone, so it lists only what an anonymous visitor may open.
        if not access.can(None, "library.view", self):
            return []
        return super().get_sitemap_urls(request)

    @property
    def date(self):
        """The date lists show and sort by: publication date, else first publication."""
        if self.publication_date:
            return self.publication_date
        return self.first_published_at.date() if self.first_published_at else None

    def body_text(self) -> str:
        """Plain text of the type's own content, for search."""
        return ""

    def file_documents(self) -> list:
        """The documents this resource offers directly (slides, template, the publication)."""
        return []

    def get_context(self, request, *args, **kwargs):
        from .browse import related_resources

        context = super().get_context(request, *args, **kwargs)
        context["related"] = related_resources(request.user, self)
        parent = self.get_parent()
        context["library_url"] = parent.get_url(request) if parent else "/"
        context["sessions"] = list(self.sessions.order_by("start"))
        return context


def _stream_text(stream) -> str:
    parts = []
    for block in stream:
        value = block.value
        if hasattr(value, "source"):
            parts.append(strip_tags(value.source))
        elif isinstance(value, dict) or hasattr(value, "items"):
            for item in value.values():
                if isinstance(item, str):
                    parts.append(item)
                elif hasattr(item, "source"):
                    parts.append(strip_tags(item.source))
                elif isinstance(item, list | tuple) or hasattr(item, "__iter__"):
                    parts.extend(str(x) for x in item if isinstance(x, str))
    return " ".join(parts)


class ToolkitPage(ResourcePage):
    """A bundle of sections: text, documents, checklists and videos."""

    FORMAT = ResourceFormat.TOOLKIT

    sections = StreamField(SectionBlock(), blank=True)

    content_panels = [*Page.content_panels, *ResourcePage.metadata_panels, FieldPanel("sections")]
    template = "library/toolkit_page.html"

    def body_text(self) -> str:
        return _stream_text(self.sections)

    def file_documents(self) -> list:
        return [b.value["document"] for b in self.sections if b.block_type == "document"]


class WebinarPage(ResourcePage):
    """A webinar: one session (its start and duration), presenters, registration built in for
    members or an external link, and afterwards the recording, slides, transcript, captions."""

    FORMAT = ResourceFormat.WEBINAR

    series = models.ForeignKey(
        WebinarSeries, null=True, blank=True, on_delete=models.SET_NULL, related_name="webinars"
    )
    presenters = models.TextField(blank=True, help_text="One presenter per line.")
    description = RichTextField(features=RICH_FEATURES, blank=True)
    registration_url = models.URLField(
        blank=True, help_text="Leave empty to let members register here."
    )
    recording = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="An uploaded recording.",
    )
    recording_url = models.URLField(
        blank=True, help_text="Or a link to the recording on a video provider."
    )
    slides = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    transcript = RichTextField(features=RICH_FEATURES, blank=True)
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A WebVTT captions file.",
    )

    content_panels = [
        *Page.content_panels,
        *ResourcePage.metadata_panels,
        MultiFieldPanel(
            [FieldPanel("series"), FieldPanel("presenters"), FieldPanel("description")],
            heading="Webinar",
        ),
        InlinePanel("sessions", label="Session", max_num=1, min_num=0),
        FieldPanel("registration_url"),
        MultiFieldPanel(
            [
                FieldPanel("recording"),
                FieldPanel("recording_url"),
                FieldPanel("slides"),
                FieldPanel("captions"),
                FieldPanel("transcript"),
            ],
            heading="After the webinar",
        ),
    ]
    template = "library/webinar_page.html"

    def body_text(self) -> str:
        return " ".join(
            [self.presenters, strip_tags(self.description), strip_tags(self.transcript)]
        )

    def file_documents(self) -> list:
        return [d for d in (self.recording, self.slides, self.captions) if d]

    @property
    def presenter_list(self) -> list[str]:
        return [line.strip() for line in self.presenters.splitlines() if line.strip()]


class OnlineCoursePage(ResourcePage):
    """A self-paced course: modules, estimated time, a link or the content itself."""

    FORMAT = ResourceFormat.ONLINE_COURSE

    description = RichTextField(features=RICH_FEATURES, blank=True)
    estimated_minutes = models.PositiveIntegerField(null=True, blank=True)
    course_url = models.URLField(blank=True, help_text="Where the course is taken, if elsewhere.")
    modules = StreamField([("module", CourseModuleBlock())], blank=True)

    content_panels = [
        *Page.content_panels,
        *ResourcePage.metadata_panels,
        FieldPanel("description"),
        FieldPanel("estimated_minutes"),
        FieldPanel("course_url"),
        FieldPanel("modules"),
    ]
    template = "library/online_course_page.html"

    def body_text(self) -> str:
        return strip_tags(self.description) + " " + _stream_text(self.modules)


class ClassroomTrainingPage(ResourcePage):
    """An in-person training with one or more sessions, each with a place and capacity."""

    FORMAT = ResourceFormat.CLASSROOM_TRAINING

    description = RichTextField(features=RICH_FEATURES, blank=True)

    content_panels = [
        *Page.content_panels,
        *ResourcePage.metadata_panels,
        FieldPanel("description"),
        InlinePanel("sessions", label="Session", min_num=0),
    ]
    template = "library/classroom_training_page.html"

    def body_text(self) -> str:
        return strip_tags(self.description)


class ProtocolTemplatePage(ResourcePage):
    """A protocol template: the document, a checklist of considerations, how to adapt it."""

    FORMAT = ResourceFormat.PROTOCOL_TEMPLATE

    template_document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    checklist = StreamField([("checklist", ChecklistBlock())], blank=True)
    guidance = RichTextField(
        features=RICH_FEATURES, blank=True, help_text="How to adapt the template locally."
    )

    content_panels = [
        *Page.content_panels,
        *ResourcePage.metadata_panels,
        FieldPanel("template_document"),
        FieldPanel("checklist"),
        FieldPanel("guidance"),
    ]
    template = "library/protocol_template_page.html"

    def body_text(self) -> str:
        return _stream_text(self.checklist) + " " + strip_tags(self.guidance)

    def file_documents(self) -> list:
        return [self.template_document] if self.template_document else []


class PublicationPage(ResourcePage):
    """A guide or report, such as the Development & Operations Roadmap."""

    FORMAT = ResourceFormat.PUBLICATION

    body = RichTextField(features=RICH_FEATURES, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_url = models.URLField(blank=True, help_text="Where this came from, if elsewhere.")

    content_panels = [
        *Page.content_panels,
        *ResourcePage.metadata_panels,
        FieldPanel("body"),
        FieldPanel("document"),
        FieldPanel("source_url"),
    ]
    template = "library/publication_page.html"

    def body_text(self) -> str:
        return strip_tags(self.body)

    def file_documents(self) -> list:
        return [self.document] if self.document else []


# Document foreign keys of each type, so a file request finds its resources directly.
DOCUMENT_FIELDS = {
    WebinarPage: ("recording", "slides", "captions"),
    ProtocolTemplatePage: ("template_document",),
    PublicationPage: ("document",),
}


# --- events ---------------------------------------------------------------------------------


class EventSession(Orderable):
    """One sitting of a webinar or classroom training."""

    page = ParentalKey(ResourcePage, on_delete=models.CASCADE, related_name="sessions")
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField()
    time_zone = models.CharField(
        max_length=64, default="America/New_York", help_text="IANA name, e.g. America/Chicago."
    )
    place = models.CharField(max_length=300, blank=True, help_text="Leave empty when online.")
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave empty for no limit."
    )

    panels = [
        FieldPanel("start"),
        FieldPanel("end"),
        FieldPanel("time_zone"),
        FieldPanel("place"),
        FieldPanel("capacity"),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="session_ends")
        ]

    def __str__(self):
        return f"{self.page.title} · {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    @property
    def is_online(self) -> bool:
        return not self.place

    @property
    def is_upcoming(self) -> bool:
        return self.start >= timezone.now()

    @property
    def duration_minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    def clean(self):
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        from django.core.exceptions import ValidationError

        try:
            ZoneInfo(self.time_zone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValidationError({"time_zone": "Unknown time zone."}) from exc
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "The session must end after it starts."})


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed"
    WAITLISTED = "waitlisted", "On the waitlist"
    CANCELLED = "cancelled", "Cancelled"


class Registration(models.Model):
    session = models.ForeignKey(
        EventSession, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="library_registrations"
    )
    status = models.CharField(max_length=12, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=~Q(status="cancelled"),
                name="one_active_registration_per_session",
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.session} · {self.status}"


# --- my library -----------------------------------------------------------------------------


class Bookmark(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="library_bookmarks"
    )
    page = models.ForeignKey(ResourcePage, on_delete=models.CASCADE, related_name="bookmarks")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="one_bookmark_per_page")
        ]

    def __str__(self):
        return f"{self.user} · {self.page_id}"


class SavedSearch(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="library_saved_searches"
    )
    name = models.CharField(max_length=120)
    query = models.CharField(
        max_length=1000, help_text="The library filter query string, e.g. topic=labor-trafficking"
    )
    alert = models.BooleanField(default=False)
    last_alerted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "saved searches"

    def __str__(self):
        return self.name
