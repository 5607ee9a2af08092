import csv
from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

import access
from taskforces.models import PopulationBand, TaskForce

from . import matching, services
from .charts import bar_chart
from .forms import (
    AssessmentForm,
    AssistanceForm,
    AssistanceUpdateForm,
    CloseForm,
    ConflictForm,
    ConstraintForm,
    DeclineForm,
    FeedbackForm,
    MeetingForm,
    OfferForm,
    ProfileForm,
    RequestForm,
    RunForm,
    WeightsForm,
)
from .models import (
    Assessment,
    AssistanceRequest,
    ConflictEntry,
    Feedback,
    Framework,
    Goal,
    MatchRun,
    MenteeRequest,
    MentoringRole,
    MentorOffer,
    OfferMentor,
    PairConstraint,
    Pairing,
    Participant,
    PersonPair,
    WeightsVersion,
)


def _fail(form, error: ValidationError) -> None:
    form.add_error(None, error)


def _taskforce(user, slug, manage=False):
    taskforce = access.get_object_or_404(user, "taskforce.view", TaskForce.objects.all(), slug=slug)
    if manage and not access.can(user, "mentoring.manage", taskforce):
        from django.http import Http404

        raise Http404
    return taskforce


def index(request):
    viewer = access.viewer_for(request.user)
    context = {"framework": Framework.current()}
    if viewer.is_authenticated:
        context.update(
            taskforces=TaskForce.objects.filter(pk__in=viewer.taskforce_ids),
            led_ids=[m.taskforce_id for m in viewer.memberships if m.role == "co_lead"],
            pairings=access.visible(request.user, "mentoring.view_pairing", Pairing.objects.all())
            .select_related("request__taskforce", "offer__taskforce")
            .exclude(status=Pairing.Status.DRAFT),
            requests=access.visible(
                request.user,
                "mentoring.view_own",
                MenteeRequest.objects.select_related("taskforce"),
            ).filter(taskforce_id__in=viewer.taskforce_ids),
            offers=access.visible(
                request.user, "mentoring.view_own", MentorOffer.objects.select_related("taskforce")
            ).filter(taskforce_id__in=viewer.taskforce_ids),
            is_coordinator=access.can(request.user, "mentoring.coordinate"),
        )
    return render(request, "mentoring/index.html", context)


def roadmap(request):
    framework = Framework.current()
    areas = framework.areas.prefetch_related("elements") if framework else []
    return render(request, "mentoring/roadmap.html", {"framework": framework, "areas": areas})


# --------------------------------------------------------------------------- assessments


@login_required
def assessment_history(request, slug):
    taskforce = _taskforce(request.user, slug)
    assessments = list(
        access.visible(request.user, "mentoring.view_assessment", Assessment.objects.all())
        .filter(taskforce=taskforce)
        .order_by("year")
        .prefetch_related("ratings")
    )
    framework = Framework.current()
    elements = list(services.key_elements())
    rows = []
    for element in elements:
        stages = [
            next((r.stage for r in a.ratings.all() if r.element_id == element.pk), None)
            for a in assessments
        ]
        known = [s for s in stages if s is not None]
        movement = known[-1] - known[0] if len(known) > 1 else 0
        rows.append({"element": element, "stages": stages, "movement": movement})
    return render(
        request,
        "mentoring/assessment_history.html",
        {
            "taskforce": taskforce,
            "assessments": assessments,
            "rows": rows,
            "framework": framework,
            "may_manage": access.can(request.user, "mentoring.manage", taskforce),
        },
    )


@login_required
def assessment_edit(request, slug):
    taskforce = _taskforce(request.user, slug, manage=True)
    framework = Framework.current()
    if framework is None:
        messages.error(request, "Staff have not set up the Roadmap framework yet.")
        return redirect("mentoring:index")
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else timezone.localdate().year
    existing = Assessment.objects.filter(taskforce=taskforce, year=year).first()
    initial_stages = {r.element_id: r.stage for r in existing.ratings.all()} if existing else None
    if existing is None:
        latest = services.latest_assessment(taskforce.pk)
        initial_stages = {r.element_id: r.stage for r in latest.ratings.all()} if latest else None
    form = AssessmentForm(
        request.POST or None,
        framework=framework,
        initial_stages=initial_stages,
        initial={"year": year, "shared": existing.shared if existing else False},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save(
                taskforce=taskforce,
                year=form.cleaned_data["year"],
                stages=form.stages(),
                shared=form.cleaned_data["shared"],
                user=request.user,
            )
        except ValidationError as error:
            _fail(form, error)
        else:
            messages.success(request, "Your Roadmap self-assessment is saved.")
            return redirect("mentoring:assessments", slug=taskforce.slug)
    return render(
        request,
        "mentoring/assessment_form.html",
        {"taskforce": taskforce, "form": form, "framework": framework},
    )


@login_required
def profile_edit(request, slug):
    taskforce = _taskforce(request.user, slug, manage=True)
    profile = getattr(taskforce, "mentoring_profile", None)
    initial_strengths = (
        {s.element_id: s.level for s in profile.strength_set.all()} if profile else {}
    )
    form = ProfileForm(
        request.POST or None,
        initial_strengths=initial_strengths,
        initial={
            "navigator_model": profile.navigator_model if profile else False,
            "summary": profile.summary if profile else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        services.profile_save(
            taskforce=taskforce,
            navigator_model=form.cleaned_data["navigator_model"],
            summary=form.cleaned_data["summary"],
            strengths=form.strengths(),
        )
        messages.success(request, "Your mentoring profile is saved.")
        return redirect("mentoring:index")
    return render(request, "mentoring/profile_form.html", {"taskforce": taskforce, "form": form})


# --------------------------------------------------------------------------- offers, requests


@login_required
def request_new(request, slug):
    taskforce = _taskforce(request.user, slug, manage=True)
    form = RequestForm(request.POST or None, taskforce=taskforce)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mentee_request = services.request_create(
                taskforce=taskforce,
                user=request.user,
                areas=data["areas"],
                must_have=data["must_have"],
                goals=data["goals"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                participants=form.people(),
            )
        except ValidationError as error:
            _fail(form, error)
        else:
            messages.success(request, "Your request is in the pool for the next match.")
            return redirect(mentee_request)
    return render(request, "mentoring/request_form.html", {"taskforce": taskforce, "form": form})


@login_required
def request_detail(request, pk):
    mentee_request = access.get_object_or_404(
        request.user,
        "mentoring.view_own",
        MenteeRequest.objects.select_related("taskforce").prefetch_related(
            "areas",
            "must_have",
            Prefetch("participants", Participant.objects.select_related("user")),
        ),
        pk=pk,
    )
    return render(request, "mentoring/request_detail.html", {"req": mentee_request})


@login_required
def offer_new(request, slug):
    taskforce = _taskforce(request.user, slug, manage=True)
    form = OfferForm(request.POST or None, taskforce=taskforce)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        people = form.people()
        for person in people:
            person["areas"] = data["areas"]
        try:
            offer = services.offer_create(
                taskforce=taskforce,
                user=request.user,
                areas=data["areas"],
                capacity=data["capacity"],
                people_capacity=data["people_capacity"],
                available_from=data["available_from"],
                available_until=data["available_until"],
                availability=data["availability"],
                mentors=people,
            )
        except ValidationError as error:
            _fail(form, error)
        else:
            messages.success(request, "Thank you: your offer to mentor is in the pool.")
            return redirect(offer)
    return render(request, "mentoring/offer_form.html", {"taskforce": taskforce, "form": form})


@login_required
def offer_detail(request, pk):
    offer = access.get_object_or_404(
        request.user,
        "mentoring.view_own",
        MentorOffer.objects.select_related("taskforce").prefetch_related(
            "areas", Prefetch("mentors", OfferMentor.objects.select_related("user"))
        ),
        pk=pk,
    )
    return render(request, "mentoring/offer_detail.html", {"offer": offer})


# --------------------------------------------------------------------------- pairings


def _pairing(request, pk) -> Pairing:
    return access.get_object_or_404(
        request.user,
        "mentoring.view_pairing",
        Pairing.objects.select_related("request__taskforce", "offer__taskforce", "run"),
        pk=pk,
    )


def explanation_rows(explanation: dict) -> dict:
    """What a pair's explanation shows: never anything from the conflict register."""
    return {
        "score": explanation.get("score", 0) / 100,
        "contributions": [
            {**c, "points": c["points"] / 100} for c in explanation.get("contributions", [])
        ],
        "rules": explanation.get("rules", []),
        "pinned": explanation.get("pinned", False),
        "runner_up_score": (explanation["runner_up_score"] / 100)
        if explanation.get("runner_up_score") is not None
        else None,
        "runner_up_reason": explanation.get("runner_up_reason", ""),
    }


def _runner_up_name(explanation, model, attr):
    if explanation.get("runner_up") is None:
        return ""
    obj = model.objects.filter(pk=explanation["runner_up"]).select_related(attr).first()
    return str(getattr(obj, attr)) if obj else ""


@login_required
def pairing_detail(request, pk):
    pairing = _pairing(request, pk)
    members = services.pairing_member_ids(pairing)
    viewer = access.viewer_for(request.user)
    my_side = pairing.side_of(viewer.taskforce_ids)
    explanation = explanation_rows(pairing.explanation)
    explanation["runner_up"] = _runner_up_name(pairing.explanation, MentorOffer, "taskforce")
    people = []
    for pp in pairing.people.select_related("participant__user", "mentor__user"):
        rows = explanation_rows(pp.explanation)
        rows["runner_up"] = _runner_up_name(pp.explanation, OfferMentor, "user")
        people.append({"pair": pp, "explanation": rows})
    answered = (
        set(pairing.feedback.filter(side=my_side).values_list("kind", flat=True))
        if my_side
        else set()
    )
    may_respond = access.can(request.user, "mentoring.respond_pairing", pairing)
    return render(
        request,
        "mentoring/pairing_detail.html",
        {
            "pairing": pairing,
            "explanation": explanation,
            "people": people,
            "goals": pairing.goals.select_related("element__area"),
            "meetings": pairing.meetings.prefetch_related("participants"),
            "may_respond": may_respond,
            "my_side": my_side,
            "my_side_accepted": my_side and getattr(pairing, f"{my_side}_accepted_at"),
            "takes_part": request.user.pk in members,
            "decline_form": DeclineForm(),
            "close_form": CloseForm(),
            "meeting_form": MeetingForm(member_ids=members),
            "feedback_kinds": [
                (kind, label) for kind, label in Feedback.Kind.choices if kind not in answered
            ],
            "goal_statuses": Goal.Status.choices,
        },
    )


@login_required
@require_POST
def pairing_accept(request, pk):
    pairing = _pairing(request, pk)
    try:
        pairing = services.pairing_accept(pairing=pairing, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if pairing.status == Pairing.Status.ACCEPTED:
            messages.success(request, "Both task forces have accepted. Your goals are ready.")
        else:
            messages.success(request, "Accepted. We are waiting for the other task force.")
    return redirect(pairing)


@login_required
@require_POST
def pairing_decline(request, pk):
    pairing = _pairing(request, pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a reason for declining.")
        return redirect(pairing)
    try:
        services.pairing_decline(
            pairing=pairing, user=request.user, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Declined. The coordinator will look for another match.")
    return redirect("mentoring:index")


@login_required
@require_POST
def pairing_close(request, pk):
    pairing = _pairing(request, pk)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.pairing_close_early(
                pairing=pairing, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The pairing is closed. Please share a short evaluation.")
    else:
        messages.error(request, "Choose a reason.")
    return redirect(pairing)


@login_required
def meeting_new(request, pk):
    pairing = _pairing(request, pk)
    members = services.pairing_member_ids(pairing)
    form = MeetingForm(request.POST or None, member_ids=members)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_log(
                pairing=pairing,
                user=request.user,
                held_on=data["held_on"],
                minutes=data["minutes"],
                participants=list(data["participants"]),
                topics=data["topics"],
            )
        except ValidationError as error:
            _fail(form, error)
        else:
            messages.success(request, "Meeting logged.")
            return redirect(pairing)
    return render(request, "mentoring/meeting_form.html", {"pairing": pairing, "form": form})


@login_required
def feedback_new(request, pk, kind):
    pairing = _pairing(request, pk)
    if kind not in Feedback.Kind.values:
        from django.http import Http404

        raise Http404
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.feedback_submit(
                pairing=pairing,
                user=request.user,
                kind=kind,
                answer=data["answer"],
                wants_coordinator=data["wants_coordinator"],
                would_recommend=data["would_recommend"]
                if kind == Feedback.Kind.EVALUATION
                else None,
            )
        except ValidationError as error:
            _fail(form, error)
        else:
            messages.success(request, "Thank you for your answer.")
            return redirect(pairing)
    return render(
        request,
        "mentoring/feedback_form.html",
        {"pairing": pairing, "form": form, "label": Feedback.Kind(kind).label},
    )


@login_required
@require_POST
def goal_update(request, pk, goal_id):
    pairing = _pairing(request, pk)
    goal = pairing.goals.filter(pk=goal_id).first()
    status = request.POST.get("status")
    if goal is None or status not in Goal.Status.values:
        messages.error(request, "That goal or status is not known.")
        return redirect(pairing)
    try:
        services.goal_update(goal=goal, user=request.user, status=status)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(pairing)


# --------------------------------------------------------------------------- coordinator


def _coordinator(request):
    access.require(request.user, "mentoring.coordinate")


@login_required
def runs(request):
    _coordinator(request)
    form = RunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.match_run(user=request.user, mode=form.cleaned_data["mode"])
        except ValidationError as error:
            _fail(form, error)
        else:
            return redirect(run)
    return render(
        request,
        "mentoring/runs.html",
        {
            "form": form,
            "runs": MatchRun.objects.select_related("weights", "run_by")[:30],
            "open_requests": MenteeRequest.objects.open().count(),
            "open_offers": MentorOffer.objects.open().count(),
            "constraints": PairConstraint.objects.select_related(
                "request__taskforce", "offer__taskforce"
            ),
            "constraint_form": ConstraintForm(),
            "conflict_form": ConflictForm(),
        },
    )


@login_required
def run_detail(request, pk):
    _coordinator(request)
    run = access.get_object_or_404(
        request.user, "mentoring.coordinate", MatchRun.objects.all(), pk=pk
    )
    pairings = []
    for pairing in run.pairings.select_related("request__taskforce", "offer__taskforce"):
        explanation = explanation_rows(pairing.explanation)
        explanation["runner_up"] = _runner_up_name(pairing.explanation, MentorOffer, "taskforce")
        people = pairing.people.select_related("participant__user", "mentor__user")
        pairings.append({"pairing": pairing, "explanation": explanation, "people": people})
    removed = [
        (matching.RULES[key].format(k=run.weights.stages_ahead), count)
        for key, count in run.removed.items()
    ]
    return render(
        request,
        "mentoring/run_detail.html",
        {"run": run, "pairings": pairings, "removed": removed},
    )


@login_required
@require_POST
def run_publish(request, pk):
    _coordinator(request)
    run = access.get_object_or_404(
        request.user, "mentoring.coordinate", MatchRun.objects.all(), pk=pk
    )
    try:
        count = services.run_publish(run=run, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Published {count} proposal(s); both task forces were emailed.")
    return redirect(run)


@login_required
@require_POST
def constraint_add(request):
    _coordinator(request)
    form = ConstraintForm(request.POST)
    if form.is_valid():
        services.constraint_set(user=request.user, **form.cleaned_data)
        messages.success(request, "Saved. Run the match again to apply it.")
    else:
        messages.error(request, "Choose a request and an offer that are still open.")
    return redirect("mentoring:runs")


@login_required
@require_POST
def constraint_remove(request, pk):
    _coordinator(request)
    PairConstraint.objects.filter(pk=pk).delete()
    messages.success(request, "Removed.")
    return redirect("mentoring:runs")


@login_required
def register(request):
    _coordinator(request)
    form = ConflictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.conflict_record(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _fail(form, error)
        else:
            messages.success(request, "Recorded in the register. Run the match again to apply it.")
            return redirect("mentoring:register")
    return render(
        request,
        "mentoring/register.html",
        {
            "form": form,
            "entries": ConflictEntry.objects.select_related("taskforce_a", "taskforce_b"),
        },
    )


@login_required
def weights(request):
    _coordinator(request)
    current = services.weights_current()
    initial = {**current.values, "stages_ahead": current.stages_ahead}
    form = WeightsForm(request.POST or None, initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid():
        values, k = form.values(), form.cleaned_data["stages_ahead"]
        try:
            if "save" in request.POST:
                version = services.weights_save(
                    values=values, stages_ahead=k, note=form.cleaned_data["note"], user=request.user
                )
                messages.success(request, f"Saved as weights version {version.number}.")
                return redirect("mentoring:weights")
            preview = services.weights_preview(values=values, stages_ahead=k)
        except ValidationError as error:
            _fail(form, error)
    return render(
        request,
        "mentoring/weights.html",
        {
            "form": form,
            "current": current,
            "preview": preview,
            "versions": WeightsVersion.objects.all()[:10],
        },
    )


def _dashboard_data():
    live = Pairing.objects.exclude(status__in=[Pairing.Status.DRAFT, Pairing.Status.DECLINED])
    pairings = list(
        live.select_related("request__taskforce", "offer__taskforce").prefetch_related(
            "request__areas__area"
        )
    )
    by_status = Counter(p.get_status_display() for p in pairings)
    by_area = Counter()
    for p in pairings:
        for area in sorted({e.area.name for e in p.request.areas.all()}):
            by_area[area] += 1
    by_region = Counter(p.request.taskforce.region or "Not set" for p in pairings)
    bands = dict(PopulationBand.choices)
    by_band = Counter(bands.get(p.request.taskforce.population_band, "Not set") for p in pairings)
    roles = dict(MentoringRole.choices)
    by_role = Counter(
        roles.get(r, r)
        for r in PersonPair.objects.filter(pairing__in=live).values_list(
            "participant__role", flat=True
        )
    )
    return pairings, {
        "Pairings by status": by_status,
        "Pairings by roadmap area": by_area,
        "Pairings by region (mentee)": by_region,
        "Pairings by population band (mentee)": by_band,
        "People paired by role": by_role,
    }


@login_required
def dashboard(request):
    _coordinator(request)
    pairings, groups = _dashboard_data()
    charts = [
        {
            "title": title,
            "rows": sorted(counter.items()),
            "svg": bar_chart(title, sorted(counter.items())),
        }
        for title, counter in groups.items()
    ]
    return render(
        request,
        "mentoring/dashboard.html",
        {
            "charts": charts,
            "totals": {
                "pairings": len(pairings),
                "running": sum(p.is_running for p in pairings),
                "open_requests": MenteeRequest.objects.open().count(),
                "open_offers": MentorOffer.objects.open().count(),
                "assistance_open": AssistanceRequest.objects.exclude(status="closed").count(),
            },
        },
    )


@login_required
def dashboard_csv(request):
    _coordinator(request)
    pairings, _ = _dashboard_data()
    response = HttpResponse(content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="mentoring-pairings.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "pairing",
            "status",
            "mentee task force",
            "mentee region",
            "mentee population band",
            "mentor task force",
            "roadmap areas",
            "score",
            "published",
            "started",
            "closed",
            "meetings",
            "meeting minutes",
        ]
    )
    for p in pairings:
        meetings = list(p.meetings.values_list("minutes", flat=True))
        writer.writerow(
            [
                p.pk,
                p.get_status_display(),
                p.request.taskforce.name,
                p.request.taskforce.region,
                p.request.taskforce.get_population_band_display(),
                p.offer.taskforce.name,
                "; ".join(sorted({e.area.name for e in p.request.areas.all()})),
                f"{p.score / 100:.2f}",
                p.published_at.date().isoformat() if p.published_at else "",
                p.started_at.date().isoformat() if p.started_at else "",
                p.closed_at.date().isoformat() if p.closed_at else "",
                len(meetings),
                sum(meetings),
            ]
        )
    return response


# --------------------------------------------------------------------------- assistance


@login_required
def assistance_list(request):
    viewer = access.viewer_for(request.user)
    items = access.visible(
        request.user,
        "mentoring.view_assistance",
        AssistanceRequest.objects.select_related("taskforce"),
    )
    form = None
    if viewer.taskforce_ids:
        form = AssistanceForm(request.POST or None, taskforce_ids=viewer.taskforce_ids)
        if request.method == "POST" and form.is_valid():
            taskforce = form.cleaned_data["taskforce"]
            access.require(request.user, "mentoring.ask_assistance", taskforce)
            ta = services.assistance_request(
                taskforce=taskforce,
                user=request.user,
                topic=form.cleaned_data["topic"],
                summary=form.cleaned_data["summary"],
                details=form.cleaned_data["details"],
            )
            messages.success(request, "Your request reached the technical assistance team.")
            return redirect(ta)
    return render(
        request,
        "mentoring/assistance_list.html",
        {
            "items": items,
            "form": form,
            "coordinate": access.can(request.user, "mentoring.coordinate"),
        },
    )


@login_required
def assistance_detail(request, pk):
    ta = access.get_object_or_404(
        request.user,
        "mentoring.view_assistance",
        AssistanceRequest.objects.select_related("taskforce", "assigned_to", "requested_by"),
        pk=pk,
    )
    form = None
    if access.can(request.user, "mentoring.coordinate"):
        # A separate copy: validating a model form changes its instance in place.
        form = AssistanceUpdateForm(
            request.POST or None, instance=AssistanceRequest.objects.get(pk=ta.pk)
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.assistance_update(ta=ta, user=request.user, **data)
            except ValidationError as error:
                _fail(form, error)
            else:
                messages.success(request, "Updated.")
                return redirect(ta)
    return render(request, "mentoring/assistance_detail.html", {"ta": ta, "form": form})
