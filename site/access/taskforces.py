"""Task forces: the public directory, member lists, join requests and their decisions."""

from .core import Viewer, filter_rule, rule


@rule("taskforce.view")
def can_view_taskforce(viewer: Viewer, taskforce) -> bool:
    return True  # the directory (name, state, region) is public


@filter_rule("taskforce.view")
def visible_taskforces(viewer: Viewer, queryset):
    return queryset


@rule("taskforce.view_members")
def can_view_members(viewer: Viewer, taskforce) -> bool:
    """Member lists and contacts are for verified members of any task force."""
    return viewer.is_member


@rule("taskforce.request_membership")
def can_request_membership(viewer: Viewer, taskforce) -> bool:
    return viewer.is_authenticated


@rule("taskforce.decide_membership")
def can_decide_membership(viewer: Viewer, taskforce) -> bool:
    """A task force's co-leads (and staff) approve or decline requests to join it."""
    return viewer.is_staff or viewer.is_co_lead_of(taskforce.pk)


@filter_rule("taskforce.decide_membership")
def taskforces_viewer_decides(viewer: Viewer, queryset):
    if viewer.is_staff:
        return queryset
    led = [m.taskforce_id for m in viewer.memberships if m.role == "co_lead"]
    return queryset.filter(pk__in=led)


@rule("membership.leave")
def can_leave(viewer: Viewer, membership) -> bool:
    return viewer.is_authenticated and membership.user_id == viewer.id
