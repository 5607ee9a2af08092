"""Mentoring: assessments, profiles, offers and requests, pairings, the coordinator's tools,
and technical assistance requests.

- A task force's co-leads manage its assessment, profile, offers and requests.
- An assessment is seen by its own task force's members (and staff); other members see it
  only when the task force shared it.
- A pairing is seen only by the people in it (participants, mentors, the co-leads of both
  task forces) and staff, and never while it is still the coordinator's draft.
- Only staff run matches, see the conflict-of-interest register, the weights and the
  dashboard.
"""

from django.db.models import Q

from .core import Viewer, filter_rule, rule
from .search import register_token_provider


def _led(viewer: Viewer) -> list[int]:
    return [m.taskforce_id for m in viewer.memberships if m.role == "co_lead"]


@rule("mentoring.coordinate")
def can_coordinate(viewer: Viewer, obj=None) -> bool:
    return viewer.is_staff


@rule("mentoring.manage")
def can_manage(viewer: Viewer, taskforce) -> bool:
    """Change a task force's assessment, profile, offers and requests."""
    return viewer.is_staff or viewer.is_co_lead_of(taskforce.pk)


@rule("mentoring.view_assessment")
def can_view_assessment(viewer: Viewer, assessment) -> bool:
    if viewer.is_staff or viewer.member_of(assessment.taskforce_id):
        return True
    return assessment.shared and viewer.is_member


@filter_rule("mentoring.view_assessment")
def visible_assessments(viewer: Viewer, queryset):
    if viewer.is_staff:
        return queryset
    if not viewer.is_member:
        return queryset.none()
    return queryset.filter(Q(taskforce_id__in=viewer.taskforce_ids) | Q(shared=True))


@rule("mentoring.view_own")
def can_view_own(viewer: Viewer, obj) -> bool:
    """Offers and requests: the task force's own members and staff."""
    return viewer.is_staff or viewer.member_of(obj.taskforce_id)


@filter_rule("mentoring.view_own")
def visible_own(viewer: Viewer, queryset):
    if viewer.is_staff:
        return queryset
    return queryset.filter(taskforce_id__in=viewer.taskforce_ids)


def _pairing_people_q(viewer: Viewer, prefix: str = "") -> Q:
    led = _led(viewer)
    return (
        Q(**{f"{prefix}request__participants__user_id": viewer.id})
        | Q(**{f"{prefix}offer__mentors__user_id": viewer.id})
        | Q(**{f"{prefix}request__taskforce_id__in": led})
        | Q(**{f"{prefix}offer__taskforce_id__in": led})
    )


@rule("mentoring.view_pairing")
def can_view_pairing(viewer: Viewer, pairing) -> bool:
    if viewer.is_staff:
        return True
    if not viewer.is_authenticated or pairing.status == "draft":
        return False
    led = set(_led(viewer))
    if pairing.request.taskforce_id in led or pairing.offer.taskforce_id in led:
        return True
    return (
        pairing.request.participants.filter(user_id=viewer.id).exists()
        or pairing.offer.mentors.filter(user_id=viewer.id).exists()
    )


@filter_rule("mentoring.view_pairing")
def visible_pairings(viewer: Viewer, queryset):
    if viewer.is_staff:
        return queryset
    if not viewer.is_authenticated:
        return queryset.none()
    ids = queryset.exclude(status="draft").filter(_pairing_people_q(viewer)).values("pk")
    return queryset.filter(pk__in=ids)


@rule("mentoring.respond_pairing")
def can_respond(viewer: Viewer, pairing) -> bool:
    """Accept, decline or close early: a co-lead of either task force."""
    led = set(_led(viewer))
    return pairing.request.taskforce_id in led or pairing.offer.taskforce_id in led


@rule("mentoring.view_assistance")
def can_view_assistance(viewer: Viewer, ta) -> bool:
    return viewer.is_staff or (
        viewer.is_authenticated
        and (ta.requested_by_id == viewer.id or viewer.is_co_lead_of(ta.taskforce_id))
    )


@filter_rule("mentoring.view_assistance")
def visible_assistance(viewer: Viewer, queryset):
    if viewer.is_staff:
        return queryset
    if not viewer.is_authenticated:
        return queryset.none()
    return queryset.filter(Q(requested_by_id=viewer.id) | Q(taskforce_id__in=_led(viewer)))


@rule("mentoring.ask_assistance")
def can_ask_assistance(viewer: Viewer, taskforce) -> bool:
    return viewer.is_staff or viewer.member_of(taskforce.pk)


# Search tokens: who may find an offer, a request or a technical assistance request.
def member_token(taskforce_id: int) -> str:
    return f"mentoring-member:{taskforce_id}"


def colead_token(taskforce_id: int) -> str:
    return f"mentoring-colead:{taskforce_id}"


def _mentoring_tokens(viewer: Viewer):
    tokens = {member_token(tf) for tf in viewer.taskforce_ids}
    tokens |= {colead_token(tf) for tf in _led(viewer)}
    return tokens


register_token_provider(_mentoring_tokens)
