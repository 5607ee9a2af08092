"""Read-side queries for task forces, shaped for the pages that show them."""

from dataclasses import dataclass, field

import access

from .models import Membership, TaskForce


@dataclass
class Dashboard:
    memberships: list = field(default_factory=list)
    requests_to_decide: list = field(default_factory=list)
    has_two_factor: bool = True


def dashboard_for(user) -> Dashboard:
    """What a signed-in person sees first: their task forces and requests awaiting them."""
    if not getattr(user, "is_authenticated", False):
        return Dashboard()
    memberships = list(
        Membership.objects.filter(user=user)
        .exclude(status="left")
        .select_related("taskforce", "region")
        .order_by("taskforce__name")
    )
    decided_by_viewer = access.visible(user, "taskforce.decide_membership", TaskForce.objects.all())
    requests = list(
        Membership.objects.pending()
        .filter(taskforce__in=decided_by_viewer)
        .select_related("user", "taskforce")
        .order_by("requested_at")
    )
    from allauth.mfa.models import Authenticator

    return Dashboard(
        memberships=memberships,
        requests_to_decide=requests,
        has_two_factor=Authenticator.objects.filter(user=user).exists(),
    )


def member_list(taskforce):
    return (
        Membership.objects.approved()
        .filter(taskforce=taskforce)
        .select_related("user", "region")
        .order_by("user__display_name")
    )
