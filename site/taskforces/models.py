from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class PopulationBand(models.TextChoices):
    UNDER_500K = "under_500k", "Under 500,000"
    FROM_500K_TO_1M = "500k_1m", "500,000 – 1 million"
    FROM_1M_TO_5M = "1m_5m", "1 – 5 million"
    OVER_5M = "over_5m", "Over 5 million"


class Discipline(models.TextChoices):
    LAW_ENFORCEMENT = "law_enforcement", "Law enforcement"
    PROSECUTION = "prosecution", "Prosecution"
    VICTIM_SERVICES = "victim_services", "Victim services"
    SURVIVOR_LEADER = "survivor_leader", "Survivor-leader"
    COMMUNITY_PARTNER = "community_partner", "Community partner"
    OTHER = "other", "Other"


class Role(models.TextChoices):
    MEMBER = "member", "Member"
    CO_LEAD = "co_lead", "Co-lead"
    NAVIGATOR = "navigator", "Regional navigator"
    MODERATOR = "moderator", "Moderator"


class MembershipStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    APPROVED = "approved", "Approved"
    DECLINED = "declined", "Declined"
    LEFT = "left", "Left"


class TaskForceQuerySet(models.QuerySet):
    def with_member_counts(self):
        return self.annotate(
            approved_member_count=models.Count(
                "memberships", filter=models.Q(memberships__status=MembershipStatus.APPROVED)
            )
        )


class TaskForce(models.Model):
    name = models.CharField(max_length=160, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    is_ecm_funded = models.BooleanField("ECM-funded", default=True)
    state = models.CharField(max_length=2, help_text="Two-letter state code, e.g. IL.")
    region = models.CharField(
        max_length=80, blank=True, help_text="Region of the country, e.g. Midwest."
    )
    jurisdiction = models.CharField(max_length=200)
    is_statewide = models.BooleanField(default=False)
    population_band = models.CharField(max_length=20, choices=PopulationBand.choices)
    year_formed = models.PositiveSmallIntegerField(null=True, blank=True)
    lead_law_enforcement_agency = models.CharField(max_length=200)
    lead_victim_service_provider = models.CharField(max_length=200)
    focus_areas = models.CharField(
        max_length=300, blank=True, help_text="Comma-separated, e.g. labor trafficking, youth."
    )
    description = models.TextField(blank=True)
    contact_email = models.EmailField(blank=True)

    objects = TaskForceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("taskforces:detail", kwargs={"slug": self.slug})

    @property
    def focus_area_list(self):
        return [area.strip() for area in self.focus_areas.split(",") if area.strip()]


class Region(models.Model):
    """A region of a statewide task force, coordinated by its navigators (the North Dakota
    model)."""

    taskforce = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="regions")
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["taskforce", "name"]
        constraints = [
            models.UniqueConstraint(fields=["taskforce", "slug"], name="region_unique_slug")
        ]

    def __str__(self):
        return f"{self.name} ({self.taskforce.name})"


class MembershipQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=MembershipStatus.APPROVED)

    def pending(self):
        return self.filter(status=MembershipStatus.REQUESTED)

    def open(self):
        """Requests still waiting and memberships in force: at most one per task force."""
        return self.filter(status__in=[MembershipStatus.REQUESTED, MembershipStatus.APPROVED])


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    taskforce = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="memberships")
    discipline = models.CharField(max_length=30, choices=Discipline.choices)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    region = models.ForeignKey(
        Region,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
        help_text="For navigators and members of a statewide task force's regional team.",
    )
    status = models.CharField(
        max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.REQUESTED
    )
    message = models.TextField(
        blank=True, help_text="What the applicant told the co-leads about themselves."
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["taskforce", "-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "taskforce"],
                condition=models.Q(status__in=["requested", "approved"]),
                name="membership_one_open_per_taskforce",
            )
        ]
        indexes = [
            models.Index(fields=["user", "status"]),
            models.Index(fields=["taskforce", "status"]),
        ]

    def __str__(self):
        return f"{self.user} – {self.taskforce} ({self.get_status_display()})"

    @property
    def is_approved(self):
        return self.status == MembershipStatus.APPROVED
