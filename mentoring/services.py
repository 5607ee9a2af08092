"""Named writes for mentoring. Each owns its transaction and its emails; views, the Wagtail
admin, the scheduler and the demo all call these."""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from core.emails import send_templated
from search import registry as search
from taskforces.models import Membership, PopulationBand, Role

from . import matching
from .models import (
    Assessment,
    AssistanceRequest,
    CheckIn,
    ConflictEntry,
    Feedback,
    Goal,
    KeyElement,
    MatchRun,
    Meeting,
    MenteeRequest,
    MentorOffer,
    OfferMentor,
    PairConstraint,
    Pairing,
    Participant,
    PersonPair,
    Profile,
    Rating,
    Strength,
    WeightsVersion,
)

S = Pairing.Status
USING_CAPACITY = [S.PUBLISHED, S.ACCEPTED, S.ACTIVE, S.COMPLETED, S.CLOSED_EARLY]
CHECKIN_DAYS = {Feedback.Kind.CHECKIN_30: 30, Feedback.Kind.CHECKIN_90: 90}


# --------------------------------------------------------------------------- helpers


def colead_emails(taskforce_ids) -> list[str]:
    return sorted(
        Membership.objects.approved()
        .filter(taskforce_id__in=list(taskforce_ids), role=Role.CO_LEAD)
        .values_list("user__email", flat=True)
        .distinct()
    )


def coordinator_emails() -> list[str]:
    """MENTORING_COORDINATOR_EMAILS, or else the staff who may keep the conflict register."""
    configured = list(getattr(settings, "MENTORING_COORDINATOR_EMAILS", []))
    if configured:
        return configured
    keeps_register = models.Q(user_permissions__codename="change_conflictentry") | models.Q(
        groups__permissions__codename="change_conflictentry"
    )
    return sorted(
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(keeps_register | models.Q(is_superuser=True))
        .values_list("email", flat=True)
        .distinct()
    )


def pairing_people_emails(pairing: Pairing) -> list[str]:
    people = set(pairing.request.participants.values_list("user__email", flat=True))
    people |= set(pairing.offer.mentors.values_list("user__email", flat=True))
    return sorted(
        people | set(colead_emails([pairing.request.taskforce_id, pairing.offer.taskforce_id]))
    )


def _notify_pairing(template: str, pairing: Pairing, to: list[str] | None = None, **context):
    send_templated(
        f"mentoring/email/{template}",
        to=to if to is not None else pairing_people_emails(pairing),
        context={"pairing": pairing, "mentee": pairing.mentee, "mentor": pairing.mentor, **context},
    )


# --------------------------------------------------------------------------- roadmap, profile


@transaction.atomic
def assessment_save(
    *, taskforce, year: int, stages: dict[int, int], shared: bool, user
) -> Assessment:
    """Record (or revise) a task force's assessment for a year: key element id → stage."""
    if any(not 1 <= int(s) <= 5 for s in stages.values()):
        raise ValidationError("Every stage must be between 1 and 5.")
    assessment, _ = Assessment.objects.update_or_create(
        taskforce=taskforce,
        year=year,
        defaults={"shared": shared, "updated_by": user, "updated_at": timezone.now()},
    )
    for element_id, stage in stages.items():
        Rating.objects.update_or_create(
            assessment=assessment, element_id=element_id, defaults={"stage": int(stage)}
        )
    return assessment


def latest_assessment(taskforce_id) -> Assessment | None:
    return Assessment.objects.filter(taskforce_id=taskforce_id).order_by("-year").first()


@transaction.atomic
def profile_save(*, taskforce, navigator_model: bool, summary: str, strengths: dict[int, int]):
    profile, _ = Profile.objects.update_or_create(
        taskforce=taskforce,
        defaults={
            "navigator_model": navigator_model,
            "summary": summary,
            "updated_at": timezone.now(),
        },
    )
    for element_id, level in strengths.items():
        Strength.objects.update_or_create(
            profile=profile, element_id=element_id, defaults={"level": int(level)}
        )
    return profile


# --------------------------------------------------------------------------- offers, requests


def _check_members(taskforce, users) -> None:
    members = set(
        Membership.objects.approved().filter(taskforce=taskforce).values_list("user_id", flat=True)
    )
    strangers = [u for u in users if u.pk not in members]
    if strangers:
        raise ValidationError(
            f"{', '.join(str(u) for u in strangers)} must be members of {taskforce.name}."
        )


@transaction.atomic
def offer_create(
    *,
    taskforce,
    user,
    areas,
    capacity: int,
    people_capacity: int,
    available_from: date,
    available_until: date,
    availability: str = "",
    mentors: list[dict],
) -> MentorOffer:
    """A task force offers to mentor. ``mentors``: dicts of user, role, capacity, years, areas."""
    if not areas:
        raise ValidationError("Choose at least one key element you can mentor in.")
    if capacity < 1 or people_capacity < 1:
        raise ValidationError("Capacities must be at least 1.")
    if available_until <= available_from:
        raise ValidationError("Availability must end after it starts.")
    if not mentors:
        raise ValidationError("Name at least one person who will mentor.")
    if any(m.get("capacity", 1) < 1 for m in mentors):
        raise ValidationError("Each mentor's capacity must be at least 1.")
    _check_members(taskforce, [m["user"] for m in mentors])
    offer = MentorOffer.objects.create(
        taskforce=taskforce,
        created_by=user,
        capacity=capacity,
        people_capacity=people_capacity,
        available_from=available_from,
        available_until=available_until,
        availability=availability,
    )
    offer.areas.set(areas)
    for m in mentors:
        mentor = OfferMentor.objects.create(
            offer=offer,
            user=m["user"],
            role=m["role"],
            capacity=m.get("capacity", 1),
            years=m.get("years", 0),
        )
        mentor.areas.set(m.get("areas") or [])
    search.reindex(offer)  # its key elements were set after the save that indexed it
    return offer


@transaction.atomic
def request_create(
    *,
    taskforce,
    user,
    areas,
    must_have=(),
    goals: str,
    starts_on: date,
    ends_on: date,
    participants: list[dict],
) -> MenteeRequest:
    """A task force asks for a mentor task force. ``participants``: dicts of user and role."""
    areas = list(areas)
    if not areas:
        raise ValidationError("Choose at least one key element you want to be mentored in.")
    if not set(must_have) <= set(areas):
        raise ValidationError("Must-have elements must also be among the requested elements.")
    if ends_on <= starts_on:
        raise ValidationError("The timeframe must end after it starts.")
    if not participants:
        raise ValidationError("Name at least one person who will take part.")
    _check_members(taskforce, [p["user"] for p in participants])
    request = MenteeRequest.objects.create(
        taskforce=taskforce, created_by=user, goals=goals, starts_on=starts_on, ends_on=ends_on
    )
    request.areas.set(areas)
    request.must_have.set(must_have)
    for p in participants:
        Participant.objects.create(request=request, user=p["user"], role=p["role"])
    search.reindex(request)  # its key elements were set after the save that indexed it
    send_templated(
        "mentoring/email/request_received", to=coordinator_emails(), context={"req": request}
    )
    return request


# --------------------------------------------------------------------------- weights


def weights_check(values: dict[str, int], stages_ahead: int) -> matching.Weights:
    weights = matching.Weights(values=values, stages_ahead=stages_ahead)
    try:
        matching.validate(matching.Pool((), ()), weights)
    except matching.PoolError as error:
        raise ValidationError(str(error)) from error
    return weights


@transaction.atomic
def weights_save(*, values: dict[str, int], stages_ahead: int, note: str, user) -> WeightsVersion:
    weights_check(values, stages_ahead)
    current = WeightsVersion.objects.select_for_update().order_by("-number").first()
    return WeightsVersion.objects.create(
        number=(current.number + 1) if current else 1,
        values=values,
        stages_ahead=stages_ahead,
        note=note,
        created_by=user,
    )


def weights_current() -> WeightsVersion:
    current = WeightsVersion.current()
    if current is None:
        current = WeightsVersion.objects.create(
            number=1, values=dict(matching.DEFAULT_WEIGHTS), stages_ahead=1, note="Defaults"
        )
    return current


def weights_preview(*, values: dict[str, int], stages_ahead: int) -> dict:
    """How the current proposals would change under new weights, before saving them."""
    candidate = weights_check(values, stages_ahead)
    pool, lookup = build_pool()
    try:
        current = matching.match(pool, weights_current().as_weights(), explain=False)
        proposed = matching.match(pool, candidate, explain=False)
    except matching.PoolError as error:
        raise ValidationError(str(error)) from error
    before = {p.request_id: p for p in current.pairs}
    after = {p.request_id: p for p in proposed.pairs}
    rows = []
    for request_id, request in sorted(
        lookup["requests"].items(), key=lambda kv: kv[1].taskforce.name
    ):
        old, new = before.get(request_id), after.get(request_id)
        rows.append(
            {
                "request": request,
                "before": lookup["offers"][old.offer_id].taskforce if old else None,
                "before_score": old.score / 100 if old else None,
                "after": lookup["offers"][new.offer_id].taskforce if new else None,
                "after_score": new.score / 100 if new else None,
                "changed": (old and old.offer_id) != (new and new.offer_id),
            }
        )
    return {"rows": rows, "before": current.objective, "after": proposed.objective}


# --------------------------------------------------------------------------- the pool


def _band(value: str) -> int:
    return list(PopulationBand.values).index(value) if value in PopulationBand.values else 0


def _context(taskforce, profiles) -> matching.Context:
    profile = profiles.get(taskforce.pk)
    return matching.Context(
        population_band=_band(taskforce.population_band),
        statewide=taskforce.is_statewide,
        navigator=bool(profile and profile.navigator_model),
        region=taskforce.region,
    )


def _stages_by_taskforce(taskforce_ids) -> dict[int, dict[str, int]]:
    latest: dict[int, dict[str, int]] = {}
    ratings = (
        Rating.objects.filter(assessment__taskforce_id__in=taskforce_ids)
        .order_by("assessment__taskforce_id", "-assessment__year")
        .values_list("assessment__taskforce_id", "assessment__year", "element__code", "stage")
    )
    year_of: dict[int, int] = {}
    for tf_id, year, code, stage in ratings:
        year_of.setdefault(tf_id, year)
        if year == year_of[tf_id]:
            latest.setdefault(tf_id, {})[code] = stage
    return latest


def offer_load(offer_ids) -> tuple[dict[int, int], dict[int, int], dict[int, int]]:
    """Places already used: per offer (task forces, people) and per mentor."""
    live = Pairing.objects.filter(offer_id__in=offer_ids, status__in=USING_CAPACITY)
    taskforces = dict(
        live.values("offer_id").annotate(n=models.Count("pk")).values_list("offer_id", "n")
    )
    pairs = PersonPair.objects.filter(pairing__in=live)
    people = dict(
        pairs.values("pairing__offer_id")
        .annotate(n=models.Count("pk"))
        .values_list("pairing__offer_id", "n")
    )
    mentors = dict(
        pairs.values("mentor_id").annotate(n=models.Count("pk")).values_list("mentor_id", "n")
    )
    return taskforces, people, mentors


def build_pool(*, request_ids=None) -> tuple[matching.Pool, dict]:
    """Open requests and offers with room left, as plain data for the engine."""
    requests = (
        MenteeRequest.objects.open()
        .select_related("taskforce")
        .prefetch_related("areas", "must_have", "participants")
    )
    if request_ids is not None:
        requests = requests.filter(pk__in=request_ids)
    offers = (
        MentorOffer.objects.open()
        .select_related("taskforce")
        .prefetch_related("areas", "mentors__areas")
    )
    requests, offers = list(requests), list(offers)
    tf_ids = {r.taskforce_id for r in requests} | {o.taskforce_id for o in offers}
    profiles = {p.taskforce_id: p for p in Profile.objects.filter(taskforce_id__in=tf_ids)}
    strengths: dict[int, dict[str, int]] = {}
    for tf_id, code, level in Strength.objects.filter(profile__taskforce_id__in=tf_ids).values_list(
        "profile__taskforce_id", "element__code", "level"
    ):
        strengths.setdefault(tf_id, {})[code] = level
    stages = _stages_by_taskforce(tf_ids)
    used_tf, used_people, used_mentor = offer_load([o.pk for o in offers])

    plain_requests = tuple(
        matching.Request(
            id=r.pk,
            taskforce_id=r.taskforce_id,
            areas=frozenset(e.code for e in r.areas.all()),
            must_have=frozenset(e.code for e in r.must_have.all()),
            stages=stages.get(r.taskforce_id, {}),
            context=_context(r.taskforce, profiles),
            people=tuple(matching.MenteePerson(p.pk, p.role) for p in r.participants.all()),
            window=(r.starts_on.toordinal(), r.ends_on.toordinal()),
        )
        for r in requests
    )
    plain_offers = []
    for o in offers:
        mentors = tuple(
            matching.MentorPerson(
                m.pk,
                m.role,
                m.capacity - used_mentor.get(m.pk, 0),
                frozenset(e.code for e in m.areas.all()),
                m.years,
            )
            for m in o.mentors.all()
            if m.capacity - used_mentor.get(m.pk, 0) > 0
        )
        capacity = o.capacity - used_tf.get(o.pk, 0)
        people_capacity = o.people_capacity - used_people.get(o.pk, 0)
        if capacity <= 0 or people_capacity <= 0 or not mentors:
            continue
        plain_offers.append(
            matching.Offer(
                id=o.pk,
                taskforce_id=o.taskforce_id,
                areas=frozenset(e.code for e in o.areas.all()),
                strengths=strengths.get(o.taskforce_id, {}),
                stages=stages.get(o.taskforce_id, {}),
                context=_context(o.taskforce, profiles),
                capacity=capacity,
                people_capacity=people_capacity,
                people=mentors,
                window=(o.available_from.toordinal(), o.available_until.toordinal()),
            )
        )
    request_set = {r.id for r in plain_requests}
    offer_set = {o.id for o in plain_offers}
    constraints = PairConstraint.objects.filter(request_id__in=request_set, offer_id__in=offer_set)
    pool = matching.Pool(
        requests=plain_requests,
        offers=tuple(plain_offers),
        conflicts=frozenset(
            frozenset(pair)
            for pair in ConflictEntry.objects.values_list("taskforce_a_id", "taskforce_b_id")
        ),
        excluded=frozenset(
            (c.request_id, c.offer_id) for c in constraints if c.kind == PairConstraint.Kind.EXCLUDE
        ),
        pinned=frozenset(
            (c.request_id, c.offer_id) for c in constraints if c.kind == PairConstraint.Kind.PIN
        ),
    )
    lookup = {"requests": {r.pk: r for r in requests}, "offers": {o.pk: o for o in offers}}
    return pool, lookup


# --------------------------------------------------------------------------- runs


@transaction.atomic
def match_run(
    *, user=None, mode: str = MatchRun.Mode.STANDARD, request_ids=None, is_rematch: bool = False
) -> MatchRun:
    """Solve the whole pool (or one request, for a re-match) and store a draft proposal."""
    weights = weights_current()
    pool, _ = build_pool(request_ids=request_ids)
    try:
        result = matching.match(pool, weights.as_weights(), fair=mode == MatchRun.Mode.FAIR)
    except matching.PoolError as error:
        raise ValidationError(str(error)) from error
    run = MatchRun.objects.create(
        weights=weights,
        mode=mode,
        is_rematch=is_rematch,
        run_by=user,
        removed=result.removed,
        objective=result.objective,
        timings={k: round(v * 1000, 2) for k, v in result.timings.items()},
        message=result.message[:500],
    )
    for pair in result.pairs:
        pairing = Pairing.objects.create(
            run=run,
            request_id=pair.request_id,
            offer_id=pair.offer_id,
            score=pair.score,
            explanation=pair.explanation.as_dict(),
        )
        PersonPair.objects.bulk_create(
            PersonPair(
                pairing=pairing,
                participant_id=pp.mentee_id,
                mentor_id=pp.mentor_id,
                score=pp.score,
                explanation=pp.explanation.as_dict(),
            )
            for pp in pair.people
        )
    return run


@transaction.atomic
def run_publish(*, run: MatchRun, user) -> int:
    """Show a run's proposals to the task forces. Proposals whose request was matched
    elsewhere in the meantime are dropped rather than double-booked."""
    if run.published_at:
        raise ValidationError("This run has already been published.")
    drafts = list(run.pairings.filter(status=S.DRAFT).select_related("request", "offer"))
    if not drafts:
        raise ValidationError("This run proposes no pairs, so there is nothing to publish.")
    published = 0
    for pairing in drafts:
        if pairing.request.status != MenteeRequest.Status.OPEN:
            continue
        pairing.status = S.PUBLISHED
        pairing.published_at = timezone.now()
        pairing.save(update_fields=["status", "published_at"])
        MenteeRequest.objects.filter(pk=pairing.request_id).update(
            status=MenteeRequest.Status.MATCHED
        )
        _notify_pairing(
            "published",
            pairing,
            to=colead_emails([pairing.request.taskforce_id, pairing.offer.taskforce_id]),
        )
        published += 1
    run.published_at = timezone.now()
    run.save(update_fields=["published_at"])
    return published


@transaction.atomic
def constraint_set(*, kind: str, request, offer, user) -> PairConstraint:
    constraint, _ = PairConstraint.objects.update_or_create(
        request=request, offer=offer, defaults={"kind": kind, "created_by": user}
    )
    return constraint


@transaction.atomic
def conflict_record(
    *, taskforce_a, taskforce_b, reason: str, note: str = "", user
) -> ConflictEntry:
    if taskforce_a == taskforce_b:
        raise ValidationError("Choose two different task forces.")
    return ConflictEntry.objects.create(
        taskforce_a=taskforce_a, taskforce_b=taskforce_b, reason=reason, note=note, recorded_by=user
    )


# --------------------------------------------------------------------------- lifecycle


def side_for(pairing: Pairing, user) -> str:
    """Which side a user answers for: they must co-lead the mentee or the mentor task force."""
    led = set(
        Membership.objects.approved()
        .filter(user=user, role=Role.CO_LEAD)
        .values_list("taskforce_id", flat=True)
    )
    side = pairing.side_of(led)
    if side is None:
        raise ValidationError("Only a co-lead of one of the two task forces can answer for it.")
    return side


@transaction.atomic
def pairing_accept(*, pairing: Pairing, user) -> Pairing:
    pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
    side = side_for(pairing, user)
    if pairing.status != S.PUBLISHED:
        raise ValidationError(
            f"This pairing is {pairing.get_status_display().lower()}; it can no longer be accepted."
        )
    field = f"{side}_accepted_at"
    if getattr(pairing, field):
        raise ValidationError("Your task force has already accepted this pairing.")
    setattr(pairing, field, timezone.now())
    setattr(pairing, f"{side}_accepted_by", user)
    if pairing.mentee_accepted_at and pairing.mentor_accepted_at:
        pairing.status = S.ACCEPTED
        pairing.started_at = timezone.now()
        pairing.save()
        goals_seed(pairing=pairing)
        start = timezone.localdate()
        for kind, days in CHECKIN_DAYS.items():
            CheckIn.objects.get_or_create(
                pairing=pairing, kind=kind, defaults={"due_on": start + timedelta(days=days)}
            )
        _notify_pairing("accepted", pairing)
    else:
        pairing.save()
        other = Pairing.Side.MENTOR if side == Pairing.Side.MENTEE else Pairing.Side.MENTEE
        other_tf = (
            pairing.offer.taskforce_id
            if other == Pairing.Side.MENTOR
            else pairing.request.taskforce_id
        )
        _notify_pairing("accepted_one", pairing, to=colead_emails([other_tf]), side=side)
    return pairing


@transaction.atomic
def pairing_decline(*, pairing: Pairing, user, reason: str) -> MatchRun | None:
    """Decline a proposal. The pair is excluded from future runs, the request goes back to
    the pool, and a re-match for it is prepared for the coordinator."""
    pairing = Pairing.objects.select_for_update().get(pk=pairing.pk)
    side = side_for(pairing, user)
    if pairing.status != S.PUBLISHED:
        raise ValidationError(
            f"This pairing is {pairing.get_status_display().lower()}; it can no longer be declined."
        )
    if reason not in Pairing.DeclineReason.values:
        raise ValidationError("Choose a reason.")
    pairing.status = S.DECLINED
    pairing.declined_side = side
    pairing.decline_reason = reason
    pairing.closed_at = timezone.now()
    pairing.save()
    constraint_set(
        kind=PairConstraint.Kind.EXCLUDE, request=pairing.request, offer=pairing.offer, user=user
    )
    MenteeRequest.objects.filter(pk=pairing.request_id).update(status=MenteeRequest.Status.OPEN)
    try:
        run = match_run(user=None, request_ids=[pairing.request_id], is_rematch=True)
    except ValidationError:
        run = None  # e.g. a pin that no longer fits: the coordinator re-runs by hand
    _notify_pairing(
        "declined",
        pairing,
        to=colead_emails([pairing.request.taskforce_id, pairing.offer.taskforce_id]),
    )
    send_templated(
        "mentoring/email/rematch_ready",
        to=coordinator_emails(),
        context={"pairing": pairing, "run": run, "found": bool(run and run.pairings.exists())},
    )
    return run


def goals_seed(*, pairing: Pairing, limit: int = 3) -> list[Goal]:
    """Goals from the mentee's roadmap gaps: the requested elements first, then the lowest
    other stages, one stage up each."""
    if pairing.goals.exists():
        return list(pairing.goals.all())
    assessment = latest_assessment(pairing.request.taskforce_id)
    stages = {r.element_id: r.stage for r in assessment.ratings.all()} if assessment else {}
    requested = list(pairing.request.areas.order_by("pk").values_list("pk", flat=True))
    others = sorted((s, e) for e, s in stages.items() if e not in requested and s < 5)
    chosen = [(stages.get(e, 1), e) for e in requested if stages.get(e, 1) < 5]
    chosen += others[: max(limit - len(chosen), 0)]
    return [
        Goal.objects.create(pairing=pairing, element_id=e, from_stage=s, target_stage=s + 1)
        for s, e in chosen
    ]


def _running(pairing: Pairing) -> None:
    if not pairing.is_running:
        raise ValidationError("Meetings and goals can only change while the pairing is running.")


def _take_part(pairing: Pairing, user) -> None:
    if user.pk not in pairing_member_ids(pairing):
        raise ValidationError("Only the people in this pairing can do that.")


def pairing_member_ids(pairing: Pairing) -> set[int]:
    ids = set(pairing.request.participants.values_list("user_id", flat=True))
    ids |= set(pairing.offer.mentors.values_list("user_id", flat=True))
    ids |= set(
        Membership.objects.approved()
        .filter(
            taskforce_id__in=[pairing.request.taskforce_id, pairing.offer.taskforce_id],
            role=Role.CO_LEAD,
        )
        .values_list("user_id", flat=True)
    )
    return ids


@transaction.atomic
def meeting_log(
    *, pairing: Pairing, user, held_on: date, minutes: int, participants, topics
) -> Meeting:
    _running(pairing)
    _take_part(pairing, user)
    if held_on > timezone.localdate():
        raise ValidationError("A meeting can only be logged once it has happened.")
    if not participants:
        raise ValidationError("Say who took part.")
    allowed = pairing_member_ids(pairing)
    if any(p.pk not in allowed for p in participants):
        raise ValidationError("Only people in this pairing can be listed.")
    first = not pairing.meetings.exists()
    meeting = Meeting.objects.create(
        pairing=pairing, held_on=held_on, minutes=minutes, topics=list(topics), logged_by=user
    )
    meeting.participants.set(participants)
    if pairing.status == S.ACCEPTED:
        Pairing.objects.filter(pk=pairing.pk).update(status=S.ACTIVE)
        pairing.status = S.ACTIVE
    if first:
        _notify_pairing("fit_check", pairing)
    return meeting


@transaction.atomic
def goal_update(*, goal: Goal, user, status: str) -> Goal:
    _running(goal.pairing)
    _take_part(goal.pairing, user)
    goal.status = status
    goal.save(update_fields=["status"])
    return goal


@transaction.atomic
def feedback_submit(
    *,
    pairing: Pairing,
    user,
    kind: str,
    answer: int,
    wants_coordinator: bool = False,
    would_recommend=None,
) -> Feedback:
    """A fit check, check-in or closing evaluation from one side. Both evaluations in
    completes the pairing."""
    _take_part(pairing, user)
    side = pairing.side_of(
        set(Membership.objects.approved().filter(user=user).values_list("taskforce_id", flat=True))
    )
    if side is None:
        raise ValidationError("Only the people in this pairing can answer.")
    if kind == Feedback.Kind.EVALUATION:
        if pairing.status not in {S.ACTIVE, S.ACCEPTED, S.CLOSED_EARLY}:
            raise ValidationError("The closing evaluation opens once the pairing is under way.")
    elif kind == Feedback.Kind.FIT_CHECK:
        if not pairing.meetings.exists():
            raise ValidationError("The fit check opens after the first meeting.")
    elif not pairing.is_running:
        raise ValidationError("Check-ins are for running pairings.")
    if Feedback.objects.filter(pairing=pairing, kind=kind, side=side).exists():
        raise ValidationError("Your side has already answered this.")
    feedback = Feedback.objects.create(
        pairing=pairing,
        kind=kind,
        side=side,
        user=user,
        answer=answer,
        wants_coordinator=wants_coordinator,
        would_recommend=would_recommend,
    )
    if wants_coordinator or answer == Feedback.Answer.POOR:
        send_templated(
            "mentoring/email/needs_attention",
            to=coordinator_emails(),
            context={"pairing": pairing, "feedback": feedback},
        )
    evaluations = set(
        pairing.feedback.filter(kind=Feedback.Kind.EVALUATION).values_list("side", flat=True)
    )
    if kind == Feedback.Kind.EVALUATION and evaluations == set(Pairing.Side.values):
        if pairing.status != S.CLOSED_EARLY:
            pairing.status = S.COMPLETED
            pairing.closed_at = timezone.now()
            pairing.save(update_fields=["status", "closed_at"])
            _notify_pairing("completed", pairing)
    return feedback


@transaction.atomic
def pairing_close_early(*, pairing: Pairing, user, reason: str) -> Pairing:
    side_for(pairing, user)
    if not pairing.is_running:
        raise ValidationError("Only a running pairing can be closed early.")
    if reason not in Pairing.CloseReason.values:
        raise ValidationError("Choose a reason.")
    pairing.status = S.CLOSED_EARLY
    pairing.close_reason = reason
    pairing.closed_at = timezone.now()
    pairing.save(update_fields=["status", "close_reason", "closed_at"])
    _notify_pairing("closed_early", pairing)
    return pairing


def checkins_send_due(*, today: date | None = None) -> int:
    """Email every check-in that has come due (run daily by the scheduler)."""
    today = today or timezone.localdate()
    due = CheckIn.objects.filter(
        due_on__lte=today, sent_at__isnull=True, pairing__status__in=[S.ACCEPTED, S.ACTIVE]
    ).select_related("pairing__request__taskforce", "pairing__offer__taskforce")
    sent = 0
    for checkin in due:
        with transaction.atomic():
            if CheckIn.objects.filter(pk=checkin.pk, sent_at__isnull=True).update(
                sent_at=timezone.now()
            ):
                _notify_pairing("checkin", checkin.pairing, checkin=checkin)
                sent += 1
    return sent


# --------------------------------------------------------------------------- assistance


@transaction.atomic
def assistance_request(
    *, taskforce, user, topic: str, summary: str, details: str
) -> AssistanceRequest:
    ta = AssistanceRequest.objects.create(
        taskforce=taskforce, requested_by=user, topic=topic, summary=summary, details=details
    )
    send_templated("mentoring/email/ta_received", to=coordinator_emails(), context={"ta": ta})
    return ta


@transaction.atomic
def assistance_update(
    *,
    ta: AssistanceRequest,
    user,
    status: str,
    priority: str,
    assigned_to=None,
    staff_note: str = "",
    resolution: str = "",
) -> AssistanceRequest:
    if status == AssistanceRequest.Status.ASSIGNED and assigned_to is None:
        raise ValidationError("Choose who the request is assigned to.")
    if status == AssistanceRequest.Status.CLOSED and not resolution.strip():
        raise ValidationError("Tell the requester how the request was closed.")
    changed = status != ta.status
    ta.status, ta.priority, ta.assigned_to = status, priority, assigned_to
    ta.staff_note, ta.resolution = staff_note, resolution
    ta.updated_at = timezone.now()
    ta.closed_at = timezone.now() if status == AssistanceRequest.Status.CLOSED else None
    ta.save()
    if changed and ta.requested_by:
        send_templated("mentoring/email/ta_updated", to=[ta.requested_by.email], context={"ta": ta})
    return ta


def key_elements():
    return KeyElement.objects.filter(area__framework__is_current=True).select_related("area")
