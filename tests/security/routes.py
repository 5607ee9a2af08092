"""Every URL the site exposes, read from the URL resolver and the page tree, made concrete
with objects from the test world.

``FILL`` is the reviewed table of what fills each URL parameter. A route whose parameters
match no row makes ``test_every_url_pattern_can_be_filled`` fail with its name, so a new view
cannot slip past the suite: add a row (and, if it is a new kind of object, build one in
``world.py``)."""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Django's and Wagtail's admin: they require staff (asserted for a sample in
# test_url_matrix), and their hundreds of internal views are Wagtail's and Django's to test.
ADMIN_PREFIXES = ("admin/", "django-admin/")

# (route regex, {parameter: thing}). A thing is a key of World.things, or "=value" for a
# constant (an action or kind name the view checks against a fixed list).
FILL: list[tuple[str, dict[str, str]]] = [
    (
        r"^taskforces/<slug:slug>/requests/<int:membership_id>/",
        {"slug": "taskforce", "membership_id": "join_request"},
    ),
    (r"^taskforces/<slug:slug>/", {"slug": "taskforce"}),
    (r"^connect/tags/", {"slug": "tag"}),
    (r"^connect/s/", {"slug": "space"}),
    (r"^connect/t/<int:pk>/moderate/", {"pk": "topic", "action": "=lock"}),
    (r"^connect/t/", {"pk": "topic"}),
    (r"^connect/p/", {"pk": "post"}),
    (r"^connect/attachments/", {"pk": "attachment"}),
    (r"^connect/follow/", {"kind": "=topic", "pk": "topic"}),
    (r"^connect/notifications/<int:pk>/", {"pk": "notification"}),
    (r"^connect/moderation/reports/", {"pk": "flag"}),
    (r"^mentoring/tf/", {"slug": "taskforce"}),
    (r"^mentoring/requests/", {"pk": "mentee_request"}),
    (r"^mentoring/offers/", {"pk": "offer"}),
    (r"^mentoring/pairings/<int:pk>/feedback/", {"pk": "pairing", "kind": "=checkin"}),
    (r"^mentoring/pairings/<int:pk>/goals/", {"pk": "pairing", "goal_id": "goal"}),
    (r"^mentoring/pairings/", {"pk": "pairing"}),
    (r"^mentoring/coordinator/runs/", {"pk": "run"}),
    (r"^mentoring/coordinator/constraints/", {"pk": "constraint"}),
    (r"^mentoring/help/", {"pk": "assistance"}),
    (r"^library/-/events/series/", {"slug": "series"}),
    (r"^library/-/sessions/", {"pk": "session"}),
    (r"^library/-/my/bookmarks/", {"page_id": "resource"}),
    (r"^library/-/my/searches/", {"pk": "saved_search"}),
    (r"^voices/me/", {"pk": "work"}),
    (r"^voices/withdraw-on-behalf/", {"pk": "work_on_behalf"}),
    (r"^media/", {"name": "media"}),
    (r"^documents/\^\(\\d\+\)/\(\.\*\)\$", {"0": "document", "1": "document"}),
    (r"^documents/authenticate_with_password/", {"restriction_id": "=1"}),
    (r"^_util/authenticate_with_password/", {"page_view_restriction_id": "=1", "page_id": "=1"}),
    (r"^accounts/2fa/webauthn/keys/", {"pk": "=1"}),
    (r"^accounts/\^confirm-email/", {"key": "=not-a-real-key"}),
    (r"^accounts/\^password/reset/key/", {"uidb36": "=1", "key": "=not-a-real-key"}),
    (r"^\^\(\(\?:\[\\w\\-\]\+/\)\*\)\$", {"0": "page"}),
]

MISSING_INT = 987654321
MISSING_SLUG = "no-such-thing-zz"


@dataclass(frozen=True)
class Route:
    route: str  # the joined pattern text, e.g. "connect/t/<int:pk>/"
    name: str  # namespaced URL name
    pattern: object  # the URLPattern (for its callback)

    @property
    def params(self) -> list[str]:
        """Named parameters anywhere in the route (an include's prefix may hold some), or
        the leaf's unnamed groups by position."""
        named = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", self.route)
        if named:
            return [a or b for a, b in named]
        return [str(i) for i in range(self.pattern.pattern.regex.groups)]


@dataclass(frozen=True)
class Url:
    route: Route
    variant: str  # "open", "private", "missing", or "page"/"plain"
    path: str
    objects: tuple = ()  # (thing key, object) for each filled parameter


def routes() -> list[Route]:
    """Every route the site exposes but the admin's."""
    found = []

    def walk(resolver, prefix, namespaces):
        for entry in resolver.url_patterns:
            text = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry, text, [*namespaces, entry.namespace] if entry.namespace else namespaces)
            elif isinstance(entry, URLPattern):
                name = ":".join([*namespaces, entry.name or entry.lookup_str])
                found.append(Route(text, name, entry))

    walk(get_resolver(), "", [])
    return [r for r in found if not r.route.startswith(ADMIN_PREFIXES)]


def fill_for(route: Route) -> dict[str, str] | None:
    params = route.params
    if not params:
        return {}
    for regex, table in FILL:
        if re.search(regex, route.route) and set(params) <= set(table):
            return table
    return None


def _value(param: str, thing: str, obj) -> str:
    if thing == "media":
        return obj
    if thing == "page":
        return obj.url_path.split("/", 2)[-1]  # relative to the site's root page
    if thing == "document" and param == "1":
        return obj.filename
    if param in {"slug"}:
        return obj.slug
    return str(obj.pk)


def _missing(param: str, thing: str) -> str:
    if thing in {"media"}:
        return "original_images/no-such-file.jpg"
    if thing == "document" and param == "1":
        return "no-such-file.txt"
    if param == "slug":
        return MISSING_SLUG
    return str(MISSING_INT)


def _build(route: Route, values: dict[str, str]) -> str:
    """The path for a route, by substituting the values into its pattern text."""
    text = route.route
    if not all(p.isdigit() for p in route.params):
        for param, value in values.items():
            text = re.sub(rf"(\(\?P<{param}>[^)]*\)|<(?:\w+:)?{param}>)", value, text)
    else:  # unnamed regex groups, in order
        for index in sorted(values, key=int):
            text = re.sub(r"\((?!\?:)(?:[^()]|\([^()]*\))*\)", values[index], text, count=1)
    return "/" + text.replace("^", "").replace("$", "")


def urls_for(route: Route, world) -> list[Url]:
    """Concrete URLs for a route: with an object most users may open, one few may open, and
    one that never existed."""
    table = fill_for(route)
    if table is None:
        raise LookupError(route.route)
    params = route.params
    if not params:
        return [Url(route, "plain", _build(route, {}))]
    things = {p: table[p] for p in params}
    if any(t == "page" for t in things.values()):
        return [
            Url(route, "page", _build(route, {p: _value(p, "page", page)}), (("page", page),))
            for page in world.pages
            for p in params
        ] + [Url(route, "missing", f"/{MISSING_SLUG}/")]
    urls = []
    for variant in ("open", "private", "missing"):
        values, objects = {}, []
        for param, thing in things.items():
            if thing.startswith("="):
                values[param] = thing[1:]
                continue
            obj = getattr(world.things[thing], variant if variant != "missing" else "open")
            objects.append((thing, obj))
            values[param] = (
                _missing(param, thing) if variant == "missing" else _value(param, thing, obj)
            )
        urls.append(
            Url(
                route,
                variant,
                _build(route, values),
                tuple(objects) if variant != "missing" else (),
            )
        )
    return urls
