"""Mentoring between task forces.

- The Roadmap framework (staff-edited data): areas of function → key elements, rated on five
  stages of development; yearly assessments per task force.
- Profiles, mentor offers and mentee requests (with the people taking part).
- Matching: versioned weights, pins and exclusions, the conflict-of-interest register (staff
  only), and every run with its proposed pairings.
- A pairing's life: acceptance, goals, meetings (no case narratives), fit checks, check-ins,
  closing evaluations.
- Customized technical assistance requests.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from taskforces.models import TaskForce

from . import matching

STAGE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


# --------------------------------------------------------------------------- the Roadmap


class Framework(models.Model):
    name = models.CharField(max_length=160)
    is_illustrative = models.BooleanField(
        default=True,
        help_text="Shown as “illustrative” wherever the framework appears. Untick only for an "
        "officially adopted text.",
    )
    is_current = models.BooleanField(default=True)
    stage_1 = models.CharField(max_length=80, default="Exploring")
    stage_2 = models.CharField(max_length=80, default="Forming")
    stage_3 = models.CharField(max_length=80, default="Developing")
    stage_4 = models.CharField(max_length=80, default="Established")
    stage_5 = models.CharField(max_length=80, default="Sustaining")
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["-is_current", "name"]

    def __str__(self):
        return f"{self.name} (illustrative)" if self.is_illustrative else self.name

    @property
    def stage_names(self) -> list[str]:
        return [self.stage_1, self.stage_2, self.stage_3, self.stage_4, self.stage_5]

    @classmethod
    def current(cls):
        return cls.objects.filter(is_current=True).first()


class Area(models.Model):
    """An area of function, e.g. “Collaboration & governance”."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="areas")
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["framework", "order", "name"]

    def __str__(self):
        return self.name


class KeyElement(models.Model):
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="elements")
    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["area__order", "area__name", "order", "name"]

    def __str__(self):
        return self.name


class Assessment(models.Model):
    """A task force's self-assessment for one year. Private to the task force unless shared."""

    taskforce = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="assessments")
    year = models.PositiveSmallIntegerField()
    shared = models.BooleanField(
        default=False, help_text="Let members of other task forces see this assessment."
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["taskforce", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["taskforce", "year"], name="assessment_one_per_year")
        ]

    def __str__(self):
        return f"{self.taskforce} {self.year}"

    def stages(self) -> dict[str, int]:
        return {r.element.code: r.stage for r in self.ratings.select_related("element")}


class Rating(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    element = models.ForeignKey(KeyElement, on_delete=models.CASCADE, related_name="+")
    stage = models.PositiveSmallIntegerField(validators=STAGE_VALIDATORS)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "element"], name="rating_one_per_element")
        ]

    def __str__(self):
        return f"{self.element} – stage {self.stage}"


# --------------------------------------------------------------------------- profiles


class MentoringRole(models.TextChoices):
    INVESTIGATOR = "investigator", "Detective / investigator"
    PROSECUTOR = "prosecutor", "Prosecutor"
    ADVOCATE = "advocate", "Victim advocate"
    COORDINATOR = "coordinator", "Task force coordinator"
    SURVIVOR_LEADER = "survivor_leader", "Survivor-leader"
    ANALYST = "analyst", "Data analyst"


class Profile(models.Model):
    taskforce = models.OneToOneField(
        TaskForce, on_delete=models.CASCADE, related_name="mentoring_profile"
    )
    navigator_model = models.BooleanField(
        default=False, help_text="Regional navigators link local teams with core leadership."
    )
    summary = models.TextField(blank=True, help_text="What your task force does well.")
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Mentoring profile of {self.taskforce}"

    def strengths(self) -> dict[str, int]:
        return {s.element.code: s.level for s in self.strength_set.select_related("element")}


class Strength(models.Model):
    class Level(models.IntegerChoices):
        NONE = 0, "Not a strength"
        SOME = 1, "Some experience"
        GOOD = 2, "A strength"
        MODEL = 3, "Could teach others"

    profile = models.ForeignKey(Profile, on_delete=models.CASCADE, related_name="strength_set")
    element = models.ForeignKey(KeyElement, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(choices=Level.choices, default=Level.NONE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "element"], name="strength_one_per_element")
        ]

    def __str__(self):
        return f"{self.element} – {self.get_level_display()}"


class OpenQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status="open")


class MentorOffer(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    taskforce = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="mentor_offers")
    areas = models.ManyToManyField(KeyElement, related_name="+")
    capacity = models.PositiveSmallIntegerField(
        "task forces", default=1, help_text="How many task forces you can mentor this year."
    )
    people_capacity = models.PositiveSmallIntegerField(
        "people", default=3, help_text="How many people in total your mentors can take on."
    )
    available_from = models.DateField()
    available_until = models.DateField()
    availability = models.CharField(
        max_length=200, blank=True, help_text="E.g. one video call a month, Tuesdays."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = OpenQuerySet.as_manager()

    class Meta:
        ordering = ["taskforce", "-created_at"]

    def __str__(self):
        return f"Offer from {self.taskforce}"

    def get_absolute_url(self):
        return reverse("mentoring:offer", kwargs={"pk": self.pk})


class OfferMentor(models.Model):
    offer = models.ForeignKey(MentorOffer, on_delete=models.CASCADE, related_name="mentors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=20, choices=MentoringRole.choices)
    capacity = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    years = models.PositiveSmallIntegerField("years in the role", default=0)
    areas = models.ManyToManyField(KeyElement, blank=True, related_name="+")

    class Meta:
        ordering = ["offer", "role", "pk"]
        constraints = [models.UniqueConstraint(fields=["offer", "user"], name="offer_mentor_once")]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


class MenteeRequest(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Waiting for a match"
        MATCHED = "matched", "Matched"
        CLOSED = "closed", "Closed"

    taskforce = models.ForeignKey(
        TaskForce, on_delete=models.CASCADE, related_name="mentee_requests"
    )
    areas = models.ManyToManyField(KeyElement, related_name="+")
    must_have = models.ManyToManyField(
        KeyElement,
        blank=True,
        related_name="+",
        help_text="Only mentors who offer these (and are ahead on them) will be proposed.",
    )
    goals = models.TextField(help_text="What you want to be able to do at the end.")
    starts_on = models.DateField()
    ends_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = OpenQuerySet.as_manager()

    class Meta:
        ordering = ["taskforce", "-created_at"]

    def __str__(self):
        return f"Request from {self.taskforce}"

    def get_absolute_url(self):
        return reverse("mentoring:request", kwargs={"pk": self.pk})


class Participant(models.Model):
    request = models.ForeignKey(
        MenteeRequest, on_delete=models.CASCADE, related_name="participants"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=20, choices=MentoringRole.choices)

    class Meta:
        ordering = ["request", "role", "pk"]
        constraints = [models.UniqueConstraint(fields=["request", "user"], name="participant_once")]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


# --------------------------------------------------------------------------- matching


class WeightsVersion(models.Model):
    """Weights are never edited in place: a change is a new version, so every run can say
    exactly which weights produced it."""

    number = models.PositiveIntegerField(unique=True)
    values = models.JSONField()
    stages_ahead = models.PositiveSmallIntegerField(default=1)
    note = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]

    def __str__(self):
        return f"Weights v{self.number}"

    @classmethod
    def current(cls):
        return cls.objects.order_by("-number").first()

    def as_weights(self) -> matching.Weights:
        return matching.Weights(
            values={k: int(self.values.get(k, 0)) for k in matching.CRITERIA},
            stages_ahead=self.stages_ahead,
            version=self.number,
        )


class ConflictEntry(models.Model):
    """The conflict-of-interest register. Staff only: reasons are never shown to a task
    force, and runs store only how many pairs the register removed."""

    class Reason(models.TextChoices):
        JURISDICTION = "jurisdiction", "Same or overlapping jurisdiction"
        JOINT_CASES = "joint_cases", "Joint cases"
        PRIOR_PAIRING = "prior_pairing", "Prior pairing"
        OTHER = "other", "Other"

    taskforce_a = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    taskforce_b = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = "conflict of interest"
        verbose_name_plural = "conflict-of-interest register"

    def __str__(self):
        return f"{self.taskforce_a} / {self.taskforce_b}"


class PairConstraint(models.Model):
    """A coordinator's pin (always pair these) or exclusion (never pair these)."""

    class Kind(models.TextChoices):
        PIN = "pin", "Pinned"
        EXCLUDE = "exclude", "Excluded"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    request = models.ForeignKey(MenteeRequest, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(MentorOffer, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "offer"], name="one_constraint_per_pair")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.offer} → {self.request}"


class MatchRun(models.Model):
    class Mode(models.TextChoices):
        STANDARD = "standard", "Most pairs, then highest total score"
        FAIR = "fair", "Most pairs, then lift the worst pair, then total"

    weights = models.ForeignKey(WeightsVersion, on_delete=models.PROTECT, related_name="runs")
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.STANDARD)
    is_rematch = models.BooleanField(default=False)
    removed = models.JSONField(default=dict, help_text="Pairs removed by each rule (counts).")
    objective = models.JSONField(default=dict)
    timings = models.JSONField(default=dict)
    message = models.CharField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Match run {self.pk}"

    def get_absolute_url(self):
        return reverse("mentoring:run", kwargs={"pk": self.pk})


class PairingQuerySet(models.QuerySet):
    def live(self):
        """Pairings a task force sees: everything past the coordinator's draft."""
        return self.exclude(status=Pairing.Status.DRAFT)

    def involving(self, taskforce_ids):
        return self.filter(
            models.Q(request__taskforce_id__in=taskforce_ids)
            | models.Q(offer__taskforce_id__in=taskforce_ids)
        )


class Pairing(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Proposed"
        ACCEPTED = "accepted", "Accepted by both"
        DECLINED = "declined", "Declined"
        ACTIVE = "active", "Active"
        COMPLETED = "completed", "Completed"
        CLOSED_EARLY = "closed_early", "Closed early"

    class Side(models.TextChoices):
        MENTEE = "mentee", "Mentee"
        MENTOR = "mentor", "Mentor"

    class DeclineReason(models.TextChoices):
        TIMING = "timing", "The timing does not work"
        FIT = "fit", "Not the right fit for our needs"
        CAPACITY = "capacity", "We no longer have the capacity"
        OTHER = "other", "Another reason"

    class CloseReason(models.TextChoices):
        GOALS_MET = "goals_met", "Goals met sooner than planned"
        CAPACITY = "capacity", "Capacity or staff changes"
        FIT = "fit", "Not a good fit"
        OTHER = "other", "Another reason"

    run = models.ForeignKey(MatchRun, on_delete=models.CASCADE, related_name="pairings")
    request = models.ForeignKey(MenteeRequest, on_delete=models.CASCADE, related_name="pairings")
    offer = models.ForeignKey(MentorOffer, on_delete=models.CASCADE, related_name="pairings")
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.DRAFT)
    score = models.IntegerField(help_text="Hundredths of a point.")
    explanation = models.JSONField(default=dict)
    published_at = models.DateTimeField(null=True, blank=True)
    mentee_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    mentee_accepted_at = models.DateTimeField(null=True, blank=True)
    mentor_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    mentor_accepted_at = models.DateTimeField(null=True, blank=True)
    declined_side = models.CharField(max_length=10, choices=Side.choices, blank=True)
    decline_reason = models.CharField(max_length=20, choices=DeclineReason.choices, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    close_reason = models.CharField(max_length=20, choices=CloseReason.choices, blank=True)

    objects = PairingQuerySet.as_manager()

    class Meta:
        ordering = ["-run__created_at", "pk"]

    def __str__(self):
        return f"{self.offer.taskforce} mentors {self.request.taskforce}"

    def get_absolute_url(self):
        return reverse("mentoring:pairing", kwargs={"pk": self.pk})

    @property
    def mentee(self):
        return self.request.taskforce

    @property
    def mentor(self):
        return self.offer.taskforce

    @property
    def score_points(self) -> float:
        return self.score / 100

    def side_of(self, taskforce_ids) -> str | None:
        if self.request.taskforce_id in taskforce_ids:
            return self.Side.MENTEE
        if self.offer.taskforce_id in taskforce_ids:
            return self.Side.MENTOR
        return None

    @property
    def is_running(self) -> bool:
        return self.status in {self.Status.ACCEPTED, self.Status.ACTIVE}


class PersonPair(models.Model):
    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="people")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(OfferMentor, on_delete=models.CASCADE, related_name="+")
    score = models.IntegerField()
    explanation = models.JSONField(default=dict)

    class Meta:
        ordering = ["pairing", "participant__role", "pk"]

    def __str__(self):
        return f"{self.mentor} with {self.participant}"


class Goal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Not started"
        PROGRESS = "progress", "In progress"
        DONE = "done", "Reached"

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="goals")
    element = models.ForeignKey(KeyElement, on_delete=models.PROTECT, related_name="+")
    from_stage = models.PositiveSmallIntegerField(validators=STAGE_VALIDATORS)
    target_stage = models.PositiveSmallIntegerField(validators=STAGE_VALIDATORS)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["pairing", "from_stage", "element__name"]

    def __str__(self):
        return f"{self.element}: stage {self.from_stage} → {self.target_stage}"


class TopicTag(models.TextChoices):
    PROTOCOLS = "protocols", "Protocols and agreements"
    INVESTIGATION = "investigation", "Investigation practice"
    PROSECUTION = "prosecution", "Prosecution strategy"
    VICTIM_SERVICES = "victim_services", "Victim services"
    LABOR = "labor", "Labor trafficking"
    DATA = "data", "Data and evaluation"
    GOVERNANCE = "governance", "Leadership and governance"
    TRAINING = "training", "Training"
    SUSTAINABILITY = "sustainability", "Funding and sustainability"


class Meeting(models.Model):
    """A meeting log entry. Deliberately no free-text field: case details never belong here."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField()
    minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(5), MaxValueValidator(600)]
    )
    participants = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+")
    topics = models.JSONField(default=list)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    logged_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"Meeting on {self.held_on}"

    def topic_labels(self) -> list[str]:
        labels = dict(TopicTag.choices)
        return [labels.get(t, t) for t in self.topics]


class Feedback(models.Model):
    """Fit checks, check-ins and closing evaluations: one answer per person per moment."""

    class Kind(models.TextChoices):
        FIT_CHECK = "fit_check", "Fit check after the first meeting"
        CHECKIN_30 = "checkin_30", "30-day check-in"
        CHECKIN_90 = "checkin_90", "90-day check-in"
        EVALUATION = "evaluation", "Closing evaluation"

    class Answer(models.IntegerChoices):
        POOR = 1, "Not working"
        MIXED = 2, "Some difficulties"
        GOOD = 3, "Going well"
        EXCELLENT = 4, "Very well"

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="feedback")
    kind = models.CharField(max_length=15, choices=Kind.choices)
    side = models.CharField(max_length=10, choices=Pairing.Side.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answer = models.PositiveSmallIntegerField(choices=Answer.choices)
    wants_coordinator = models.BooleanField(
        "I would like the coordinator to contact me", default=False
    )
    would_recommend = models.BooleanField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pairing", "kind", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["pairing", "kind", "side"], name="feedback_once_per_side"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.side})"


class CheckIn(models.Model):
    """A scheduled check-in (30 and 90 days after both sides accepted)."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="checkins")
    kind = models.CharField(max_length=15, choices=Feedback.Kind.choices)
    due_on = models.DateField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on"]
        constraints = [models.UniqueConstraint(fields=["pairing", "kind"], name="checkin_once")]

    def __str__(self):
        return f"{self.get_kind_display()} due {self.due_on}"


# --------------------------------------------------------------------------- TA requests


class AssistanceRequest(models.Model):
    class Topic(models.TextChoices):
        IDENTIFICATION = "identification", "Identification"
        INVESTIGATION = "investigation", "Investigation"
        PROSECUTION = "prosecution", "Prosecution"
        DATA = "data", "Data collection and evaluation"
        OPERATIONS = "operations", "Task force operations"

    class Status(models.TextChoices):
        NEW = "new", "Received"
        TRIAGED = "triaged", "Being reviewed"
        ASSIGNED = "assigned", "Assigned to a specialist"
        CLOSED = "closed", "Closed"

    class Priority(models.TextChoices):
        LOW = "low", "Low"
        NORMAL = "normal", "Normal"
        HIGH = "high", "High"

    taskforce = models.ForeignKey(TaskForce, on_delete=models.CASCADE, related_name="ta_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    topic = models.CharField(max_length=20, choices=Topic.choices)
    summary = models.CharField(max_length=200)
    details = models.TextField(
        help_text="What you need help with. Please leave out names and case details."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"is_staff": True},
    )
    staff_note = models.TextField(blank=True, help_text="Internal; never shown to the requester.")
    resolution = models.TextField(blank=True, help_text="Shown to the requester when closed.")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.summary

    def get_absolute_url(self):
        return reverse("mentoring:ta_detail", kwargs={"pk": self.pk})
