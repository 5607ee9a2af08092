from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

import access

from . import selectors, services
from .forms import DecisionForm, JoinRequestForm
from .models import Membership, TaskForce


def directory(request):
    taskforces = access.visible(request.user, "taskforce.view", TaskForce.objects.all())
    state = request.GET.get("state", "").upper()[:2]
    if state:
        taskforces = taskforces.filter(state=state)
    return render(
        request,
        "taskforces/directory.html",
        {
            "taskforces": taskforces.prefetch_related("regions"),
            "states": TaskForce.objects.order_by("state")
            .values_list("state", flat=True)
            .distinct(),
            "state": state,
        },
    )


def detail(request, slug):
    taskforce = access.get_object_or_404(
        request.user, "taskforce.view", TaskForce.objects.all(), slug=slug
    )
    show_members = access.can(request.user, "taskforce.view_members", taskforce)
    own = None
    if request.user.is_authenticated:
        own = (
            Membership.objects.filter(user=request.user, taskforce=taskforce)
            .exclude(status="left")
            .order_by("-requested_at")
            .first()
        )
    return render(
        request,
        "taskforces/detail.html",
        {
            "taskforce": taskforce,
            "regions": taskforce.regions.all(),
            "members": selectors.member_list(taskforce) if show_members else None,
            "own_membership": own,
            "may_decide": access.can(request.user, "taskforce.decide_membership", taskforce),
        },
    )


@login_required
def join(request, slug):
    taskforce = access.get_object_or_404(
        request.user, "taskforce.view", TaskForce.objects.all(), slug=slug
    )
    access.require(request.user, "taskforce.request_membership", taskforce)
    form = JoinRequestForm(request.POST or None, taskforce=taskforce)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_request(
                user=request.user,
                taskforce=taskforce,
                discipline=form.cleaned_data["discipline"],
                message=form.cleaned_data["message"],
                region=form.cleaned_data.get("region"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"Your request to join {taskforce.name} was sent. Its co-leads will decide, "
                "and we will email you the outcome.",
            )
            return redirect(taskforce)
    return render(request, "taskforces/join.html", {"taskforce": taskforce, "form": form})


@login_required
def requests(request, slug):
    taskforce = access.get_object_or_404(
        request.user, "taskforce.view", TaskForce.objects.all(), slug=slug
    )
    access.require(request.user, "taskforce.decide_membership", taskforce)
    pending = (
        Membership.objects.pending().filter(taskforce=taskforce).select_related("user", "region")
    )
    return render(
        request,
        "taskforces/requests.html",
        {"taskforce": taskforce, "pending": pending, "form": DecisionForm()},
    )


@login_required
@require_POST
def decide(request, slug, membership_id):
    taskforce = access.get_object_or_404(
        request.user, "taskforce.view", TaskForce.objects.all(), slug=slug
    )
    access.require(request.user, "taskforce.decide_membership", taskforce)
    membership = get_object_or_404(
        Membership.objects.select_related("user", "taskforce"),
        taskforce=taskforce,
        pk=membership_id,
    )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose approve or decline.")
        return redirect("taskforces:requests", slug=slug)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        services.membership_decide(
            membership=membership,
            decided_by=request.user,
            approve=approve,
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        verb = "approved" if approve else "declined"
        messages.success(request, f"{membership.user} was {verb}; they have been emailed.")
    return redirect("taskforces:requests", slug=slug)


@login_required
@require_POST
def leave(request, slug):
    membership = (
        Membership.objects.approved()
        .filter(user=request.user, taskforce__slug=slug)
        .select_related("taskforce")
        .first()
    )
    if membership is None:
        messages.error(request, "You are not a member of that task force.")
        return redirect("users:dashboard")
    services.membership_leave(membership=membership, user=request.user)
    messages.success(request, f"You left {membership.taskforce.name}.")
    return redirect("users:dashboard")
