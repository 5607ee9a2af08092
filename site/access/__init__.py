"""The one access policy: every "may this user see / do this?" question is answered here.

It has two faces, so that pages, lists, counts, search, feeds, files and emails agree:
- a yes/no answer for one object: ``can(user, "action", obj)``;
- a queryset filter for many: ``visible(user, "action", queryset)``.
``get_object_or_404(user, action, queryset, **lookup)`` fetches and checks in one call and
answers missing and forbidden with the same 404, so existence never leaks.

What lives where:
- ``core``: who the viewer is (``Viewer``: memberships, disciplines, roles), the rule registry.
- ``tiers``: the access tiers of library resources (public / members / law enforcement and
  prosecution only).
- ``taskforces``: the directory, member lists, join requests and their decisions.
- ``media``: uploaded files (images, documents, app files): which rule decides each one.
- one module per app (``library``, ``forum``, ``mentoring``, ``survivors``, ...) for its rules.
Rule modules register themselves when Django starts (``AccessConfig.ready``).
"""

from .core import (
    Viewer,
    can,
    filter_rule,
    forget,
    get_object_or_404,
    prime,
    require,
    rule,
    viewer_for,
    visible,
)
from .tiers import Tier

__all__ = [
    "Tier",
    "Viewer",
    "can",
    "filter_rule",
    "forget",
    "get_object_or_404",
    "prime",
    "require",
    "rule",
    "viewer_for",
    "visible",
]
