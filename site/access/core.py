"""Who the viewer is, and the registry of rules both faces of the policy consult."""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

# Disciplines that may open law-enforcement-and-prosecution-only material.
LAW_ENFORCEMENT_DISCIPLINES = frozenset({"law_enforcement", "prosecution"})


@dataclass(frozen=True)
class MembershipFact:
    taskforce_id: int
    discipline: str
    role: str
    region_id: int | None


@dataclass
class Viewer:
    """What the policy needs to know about a user, loaded once per request."""

    user: Any
    is_authenticated: bool = False
    is_staff: bool = False
    is_superuser: bool = False
    memberships: tuple[MembershipFact, ...] = field(default_factory=tuple)

    @property
    def id(self):
        return self.user.pk if self.is_authenticated else None

    @cached_property
    def taskforce_ids(self) -> frozenset[int]:
        return frozenset(m.taskforce_id for m in self.memberships)

    @cached_property
    def disciplines(self) -> frozenset[str]:
        return frozenset(m.discipline for m in self.memberships)

    @property
    def is_member(self) -> bool:
        """An approved member of at least one task force (or staff)."""
        return self.is_staff or bool(self.memberships)

    @property
    def is_law_enforcement_or_prosecution(self) -> bool:
        return self.is_staff or bool(self.disciplines & LAW_ENFORCEMENT_DISCIPLINES)

    @property
    def is_survivor_leader(self) -> bool:
        return "survivor_leader" in self.disciplines

    def member_of(self, taskforce_id: int) -> bool:
        return taskforce_id in self.taskforce_ids

    def has_role(self, role: str, taskforce_id: int | None = None) -> bool:
        return any(
            m.role == role and (taskforce_id is None or m.taskforce_id == taskforce_id)
            for m in self.memberships
        )

    def is_co_lead_of(self, taskforce_id: int) -> bool:
        return self.has_role("co_lead", taskforce_id)

    @cached_property
    def navigator_region_ids(self) -> frozenset[int]:
        return frozenset(
            m.region_id for m in self.memberships if m.role == "navigator" and m.region_id
        )

    @cached_property
    def region_ids(self) -> frozenset[int]:
        return frozenset(m.region_id for m in self.memberships if m.region_id)

    def has_perm(self, perm: str) -> bool:
        return self.is_authenticated and self.user.has_perm(perm)


_CACHE_ATTR = "_access_viewer"


def viewer_for(user) -> Viewer:
    """The viewer for a user (or an anonymous one), cached on the user object."""
    if isinstance(user, Viewer):
        return user
    if user is None or not getattr(user, "is_authenticated", False):
        return Viewer(user=user)
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    if not user.is_active:
        return Viewer(user=user)
    from taskforces.models import Membership

    rows = Membership.objects.approved().filter(user=user)
    return _remember(user, rows.values_list("taskforce_id", "discipline", "role", "region_id"))


def _remember(user, rows) -> Viewer:
    viewer = Viewer(
        user=user,
        is_authenticated=True,
        is_staff=user.is_staff,
        is_superuser=user.is_superuser,
        memberships=tuple(MembershipFact(*row) for row in rows),
    )
    setattr(user, _CACHE_ATTR, viewer)
    return viewer


def prime(users) -> None:
    """Load the viewers of many users in one query (e.g. everyone a post notifies), so that
    asking about each of them costs no further query."""
    from taskforces.models import Membership

    todo = {
        user.pk: user
        for user in users
        if user.is_authenticated and user.is_active and not hasattr(user, _CACHE_ATTR)
    }
    if not todo:
        return
    facts: dict[int, list] = {pk: [] for pk in todo}
    rows = (
        Membership.objects.approved()
        .filter(user_id__in=todo)
        .values_list("user_id", "taskforce_id", "discipline", "role", "region_id")
    )
    for user_id, *fact in rows:
        facts[user_id].append(fact)
    for pk, user in todo.items():
        _remember(user, facts[pk])


def forget(user) -> None:
    """Drop the cached viewer after the user's memberships change."""
    if user is not None and hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


Rule = Callable[[Viewer, Any], bool]
FilterRule = Callable[[Viewer, QuerySet], QuerySet]
_rules: dict[str, Rule] = {}
_filters: dict[str, FilterRule] = {}


def rule(action: str):
    """Register the yes/no rule for an action: ``fn(viewer, obj) -> bool``."""

    def register(fn: Rule) -> Rule:
        if action in _rules:
            raise ValueError(f"An access rule for {action!r} is already registered.")
        _rules[action] = fn
        return fn

    return register


def filter_rule(action: str):
    """Register the queryset face of an action: ``fn(viewer, queryset) -> queryset``."""

    def register(fn: FilterRule) -> FilterRule:
        if action in _filters:
            raise ValueError(f"An access filter for {action!r} is already registered.")
        _filters[action] = fn
        return fn

    return register


def can(user, action: str, obj: Any = None) -> bool:
    """May this user do this action (to this object)? Unknown actions are refused."""
    check = _rules.get(action)
    if check is None:
        raise LookupError(f"No access rule is registered for {action!r}.")
    return bool(check(viewer_for(user), obj))


def visible(user, action: str, queryset: QuerySet) -> QuerySet:
    """The part of a queryset this user may do this action to."""
    narrow = _filters.get(action)
    if narrow is None:
        raise LookupError(f"No access filter is registered for {action!r}.")
    return narrow(viewer_for(user), queryset)


def get_object_or_404(user, action: str, queryset: QuerySet, **lookup):
    """Fetch and check in one call: missing and forbidden both answer 404."""
    if action in _filters:
        queryset = visible(user, action, queryset)
    try:
        obj = queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if action in _rules and not can(user, action, obj):
        raise Http404
    return obj


def require(user, action: str, obj: Any = None) -> None:
    """For objects whose existence is no secret: refuse with 403."""
    if not can(user, action, obj):
        raise PermissionDenied


@rule("health.details")
def can_see_health_details(viewer: Viewer, obj=None) -> bool:
    """The checks behind /healthz (staff; monitoring uses a bearer token instead)."""
    return viewer.is_staff
