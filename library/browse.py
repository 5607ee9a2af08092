"""Browsing the library: the ONE place that reads filter parameters and applies them.

``filter_resources(user, params)`` takes a QueryDict (the index page's GET, or a saved
search's query string) and answers a ``BrowseResult``: the filtered queryset of resources
the user may open, the page of results, and the facets with counts. Unknown filter values,
unknown sorts and repeated junk are ignored; a malformed page number raises
``BadBrowseRequest`` (answered with 400), a page past the end raises Http404.

Within one facet the chosen values widen the result (topic A or topic B); across facets they
narrow it (topic A and format webinar). Each facet's counts apply every other facet's choices,
so a count says what ticking that box would add, and counts only what the viewer may open.
"""

from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, F, Min, Q
from django.db.models.functions import ExtractYear
from django.http import Http404, QueryDict
from django.utils import timezone

from .models import Audience, ResourceFormat, ResourcePage, Topic, TraffickingType

PER_PAGE = 20
MAX_VALUES = 20  # per facet: more is junk, not a search
MAX_PAGE = 10_000


class BadBrowseRequest(ValueError):
    """A malformed browse parameter that is not worth guessing about (answered with 400)."""


@dataclass(frozen=True)
class FacetSpec:
    param: str
    label: str
    lookup: str  # the queryset lookup that filters by a chosen value


FACETS = (
    FacetSpec("topic", "Topic", "topics__slug__in"),
    FacetSpec("audience", "Audience", "audiences__slug__in"),
    FacetSpec("trafficking", "Trafficking type", "trafficking_types__slug__in"),
    FacetSpec("format", "Format", "resource_format__in"),
    FacetSpec("year", "Year", "publication_date__year__in"),
)
TAXONOMY_MODELS = {"topic": Topic, "audience": Audience, "trafficking": TraffickingType}

SORTS = {
    "newest": "Newest first",
    "title": "Title (A–Z)",
    "upcoming": "Upcoming events first",
}
DEFAULT_SORT = "newest"


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    param: str
    label: str
    values: list[FacetValue]

    @property
    def any_selected(self) -> bool:
        return any(v.selected for v in self.values)


def _known_values() -> dict[str, dict[str, str]]:
    """Every value each facet knows (value -> label); one query per taxonomy."""
    known = {
        param: dict(model.objects.values_list("slug", "name"))
        for param, model in TAXONOMY_MODELS.items()
    }
    known["format"] = dict(ResourceFormat.choices)
    return known


def _clean_year(value: str) -> str | None:
    return value if value.isdigit() and len(value) == 4 else None


def parse_params(params: QueryDict, known: dict[str, dict[str, str]]) -> dict[str, list[str]]:
    """The chosen values of every facet, with unknown ones dropped."""
    chosen: dict[str, list[str]] = {}
    for spec in FACETS:
        raw = [v.strip() for v in params.getlist(spec.param)[: MAX_VALUES * 5] if v.strip()]
        if spec.param == "year":
            values = [y for y in map(_clean_year, raw) if y]
        else:
            values = [v for v in raw if v in known[spec.param]]
        chosen[spec.param] = list(dict.fromkeys(values))[:MAX_VALUES]
    return chosen


def _parse_page(params: QueryDict) -> int:
    raw = params.get("page", "1").strip() or "1"
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise BadBrowseRequest("The page number must be a whole number from 1.")
    return int(raw)


def base_queryset(user):
    """Live resources this user may open: the start of every list, count and feed."""
    return ResourcePage.objects.live().visible_to(user)


def _apply(queryset, chosen: dict[str, list[str]], *, skip: str | None = None):
    for spec in FACETS:
        values = chosen.get(spec.param)
        if values and spec.param != skip:
            # A subquery keeps one row per resource however many values match.
            ids = ResourcePage.objects.filter(**{spec.lookup: values}).values("pk")
            queryset = queryset.filter(pk__in=ids)
    return queryset


def _search(queryset, text: str):
    if not text:
        return queryset
    q = Q()
    for word in text.split()[:8]:
        q &= Q(title__icontains=word) | Q(summary__icontains=word) | Q(keywords__icontains=word)
    return queryset.filter(q)


class BrowseResult:
    def __init__(self, user, params: QueryDict, *, per_page: int = PER_PAGE):
        self.user = user
        self.params = params
        self.per_page = per_page
        self.known = _known_values()
        self.chosen = parse_params(params, self.known)
        sort = params.get("sort", DEFAULT_SORT)
        self.sort = sort if sort in SORTS else DEFAULT_SORT
        self.text = params.get("q", "").replace("\x00", "").strip()[:200]
        self.page_number = _parse_page(params)
        self._visible = _search(base_queryset(user), self.text)

    @cached_property
    def queryset(self):
        """Every matching resource the user may open, sorted (not paginated)."""
        now = timezone.now()
        queryset = _apply(self._visible, self.chosen).annotate(
            next_start=Min("sessions__start", filter=Q(sessions__start__gte=now))
        )
        if self.sort == "title":
            return queryset.order_by("title", "pk")
        if self.sort == "upcoming":
            return queryset.order_by(
                F("next_start").asc(nulls_last=True),
                F("publication_date").desc(nulls_last=True),
                "-pk",
            )
        return queryset.order_by(
            F("publication_date").desc(nulls_last=True), "-first_published_at", "-pk"
        )

    @cached_property
    def page(self):
        paginator = Paginator(
            self.queryset.prefetch_related("topics"), self.per_page, allow_empty_first_page=True
        )
        try:
            return paginator.page(self.page_number)
        except EmptyPage as exc:
            raise Http404 from exc

    @property
    def resources(self):
        return self.page.object_list

    @property
    def total(self) -> int:
        return self.page.paginator.count

    @cached_property
    def facets(self) -> list[Facet]:
        facets = []
        for spec in FACETS:
            scope = _apply(self._visible, self.chosen, skip=spec.param)
            counts = self._counts(spec.param, scope)
            selected = set(self.chosen[spec.param])
            if spec.param == "year":
                labels = {y: y for y in sorted(counts, reverse=True)}
            else:
                labels = self.known[spec.param]
            values = [
                FacetValue(value, label, counts.get(value, 0), value in selected)
                for value, label in labels.items()
                if counts.get(value) or value in selected
            ]
            facets.append(Facet(spec.param, spec.label, values))
        return facets

    @staticmethod
    def _counts(param: str, scope) -> dict[str, int]:
        ids = scope.values("pk")
        if param in TAXONOMY_MODELS:
            through = {
                "topic": ResourcePage.topics.through,
                "audience": ResourcePage.audiences.through,
                "trafficking": ResourcePage.trafficking_types.through,
            }[param]
            column = {"topic": "topic", "audience": "audience", "trafficking": "traffickingtype"}
            rows = (
                through.objects.filter(resourcepage__in=ids)
                .values_list(f"{column[param]}__slug")
                .annotate(n=Count("resourcepage", distinct=True))
            )
        elif param == "format":
            rows = (
                ResourcePage.objects.filter(pk__in=ids)
                .values_list("resource_format")
                .annotate(n=Count("pk"))
                .order_by()
            )
        else:
            rows = (
                ResourcePage.objects.filter(pk__in=ids, publication_date__isnull=False)
                .annotate(year=ExtractYear("publication_date"))
                .values_list("year")
                .annotate(n=Count("pk"))
                .order_by()
            )
        return {str(value): n for value, n in rows}

    @property
    def active_filters(self) -> list[tuple[str, str]]:
        """(label, query string without it) of every active choice, for "remove" links."""
        out = []
        for spec in FACETS:
            labels = self.known.get(spec.param, {})
            for value in self.chosen[spec.param]:
                label = f"{spec.label}: {labels.get(value, value)}"
                out.append((label, self.query_string(without=(spec.param, value))))
        return out

    @property
    def page_links(self) -> list[tuple[int, str]]:
        """(number, query string) of the pages around this one, first and last included."""
        current, last = self.page.number, self.page.paginator.num_pages
        numbers = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
        return [(n, self.query_string(page=n) if n > 1 else self.query_string()) for n in numbers]

    def page_query(self, number: int) -> str:
        return self.query_string(page=number) if number > 1 else self.query_string()

    @property
    def previous_query(self) -> str | None:
        return self.page_query(self.page.number - 1) if self.page.has_previous() else None

    @property
    def next_query(self) -> str | None:
        return self.page_query(self.page.number + 1) if self.page.has_next() else None

    def query_string(self, *, without: tuple[str, str] | None = None, **overrides) -> str:
        """The canonical query string of this browse (only known values), e.g. for saved
        searches, pagination and "remove this filter" links."""
        query = QueryDict(mutable=True)
        for spec in FACETS:
            values = [v for v in self.chosen[spec.param] if (spec.param, v) != without]
            if values:
                query.setlist(spec.param, values)
        if self.text:
            query["q"] = self.text
        if self.sort != DEFAULT_SORT:
            query["sort"] = self.sort
        for key, value in overrides.items():
            query[key] = value
        return query.urlencode()

    @property
    def is_filtered(self) -> bool:
        return bool(self.text) or any(self.chosen.values())

    @property
    def sorts(self):
        return SORTS.items()


def filter_resources(user, params: QueryDict, *, per_page: int = PER_PAGE, index=None):
    """Parse browse parameters and answer what the user may open that matches them."""
    return BrowseResult(user, params, per_page=per_page)


def related_resources(user, page: ResourcePage, *, limit: int = 4) -> list[ResourcePage]:
    """Resources sharing a topic or an audience with this one, that the viewer may open;
    most shared topics first, then newest."""
    topic_ids = list(page.topics.values_list("pk", flat=True))
    audience_ids = list(page.audiences.values_list("pk", flat=True))
    if not topic_ids and not audience_ids:
        return []
    return list(
        base_queryset(user)
        .exclude(pk=page.pk)
        .filter(Q(topics__in=topic_ids) | Q(audiences__in=audience_ids))
        .annotate(
            shared_topics=Count("topics", filter=Q(topics__in=topic_ids), distinct=True),
            shared_audiences=Count(
                "audiences", filter=Q(audiences__in=audience_ids), distinct=True
            ),
        )
        .order_by(
            "-shared_topics",
            "-shared_audiences",
            F("publication_date").desc(nulls_last=True),
            "-pk",
        )[:limit]
    )
