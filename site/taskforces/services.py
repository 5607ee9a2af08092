"""Writes with side effects. Views, the admin and seed_demo all call these."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

import access
from core.emails import send_templated

from .models import Membership, MembershipStatus, Region, Role, TaskForce


def membership_request(
    *, user, taskforce: TaskForce, discipline: str, message: str = "", region: Region | None = None
) -> Membership:
    """Ask to join a task force. Refused while a request is pending or the user is a member."""
    existing = Membership.objects.open().filter(user=user, taskforce=taskforce).first()
    if existing is not None:
        if existing.status == MembershipStatus.APPROVED:
            raise ValidationError(f"You are already a member of {taskforce.name}.")
        raise ValidationError(
            f"You have already asked to join {taskforce.name}; its co-leads will decide soon."
        )
    if region is not None and region.taskforce_id != taskforce.pk:
        raise ValidationError("That region belongs to another task force.")
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user,
                taskforce=taskforce,
                discipline=discipline,
                message=message,
                region=region,
            )
    except IntegrityError as exc:  # a concurrent duplicate request
        raise ValidationError(f"You have already asked to join {taskforce.name}.") from exc
    co_leads = Membership.objects.approved().filter(taskforce=taskforce, role=Role.CO_LEAD)
    send_templated(
        "taskforces/email/request_received",
        to=[m.user.email for m in co_leads.select_related("user")],
        context={"membership": membership, "taskforce": taskforce},
    )
    return membership


@transaction.atomic
def membership_decide(
    *, membership: Membership, decided_by, approve: bool, note: str = "", role: str = Role.MEMBER
) -> Membership:
    """A co-lead (or staff) approves or declines a request; the applicant is emailed."""
    access.require(decided_by, "taskforce.decide_membership", membership.taskforce)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.status != MembershipStatus.REQUESTED:
        raise ValidationError("This request has already been decided.")
    membership.status = MembershipStatus.APPROVED if approve else MembershipStatus.DECLINED
    if approve:
        membership.role = role
    membership.decided_by = decided_by
    membership.decided_at = timezone.now()
    membership.decision_note = note
    membership.save()
    access.forget(membership.user)
    send_templated(
        "taskforces/email/request_decided",
        to=[membership.user.email],
        context={"membership": membership, "taskforce": membership.taskforce},
    )
    return membership


@transaction.atomic
def membership_leave(*, membership: Membership, user) -> Membership:
    if not access.can(user, "membership.leave", membership):
        raise ValidationError("You can only leave your own memberships.")
    membership.status = MembershipStatus.LEFT
    membership.save(update_fields=["status"])
    access.forget(user)
    return membership


def membership_grant(
    *,
    user,
    taskforce: TaskForce,
    discipline: str,
    role: str = Role.MEMBER,
    region: Region | None = None,
    decided_by=None,
) -> Membership:
    """Record an approved membership directly (staff set-up and demo data). Idempotent."""
    fields = {
        "discipline": discipline,
        "role": role,
        "region": region,
        "status": MembershipStatus.APPROVED,
    }
    membership, _ = Membership.objects.update_or_create(
        user=user,
        taskforce=taskforce,
        status__in=[MembershipStatus.REQUESTED, MembershipStatus.APPROVED],
        defaults=fields,
        create_defaults={
            **fields,
            "user": user,
            "taskforce": taskforce,
            "decided_by": decided_by,
            "decided_at": timezone.now(),
        },
    )
    access.forget(user)
    return membership
