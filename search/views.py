from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import service
from .backends.base import FACETS
from .query import MAX_QUERY_CHARS

MAX_FILTER_VALUES = 20


def _page_number(raw: str) -> int:
    try:
        return max(1, int(raw))
    except (TypeError, ValueError):
        return 1


def _filters(params) -> dict[str, list[str]]:
    return {
        name: [v[:200] for v in params.getlist(name) if v.strip()][:MAX_FILTER_VALUES]
        for name in FACETS
        if params.getlist(name)
    }


@require_GET
def search(request):
    """One search over everything the viewer may open; query and filters live in the URL."""
    text = request.GET.get("q", "")[:MAX_QUERY_CHARS]
    results = service.search(
        request.user,
        text,
        filters=_filters(request.GET),
        sort=request.GET.get("sort", "relevance"),
        page=_page_number(request.GET.get("page")),
    )
    facets = [
        {
            "name": name,
            "label": label,
            "values": [
                {
                    "value": f.value,
                    "count": f.count,
                    "selected": f.selected,
                    "label": service.kind_label(f.value) if name == "kind" else f.value,
                }
                for f in results.facets.get(name, [])[:30]
            ],
        }
        for name, label in FACETS.items()
        if results.facets.get(name)
    ]
    base = request.GET.copy()
    base.pop("page", None)
    return render(
        request,
        "search/search.html",
        {
            "results": results,
            "hits": [(hit, service.kind_label(hit.kind)) for hit in results.hits],
            "facets": facets,
            "sorts": service.SORTS,
            "query_string": base.urlencode(),
            "page_range": _page_range(results.page, results.num_pages),
            "first_number": (results.page - 1) * service.PER_PAGE + 1,
        },
    )


def _page_range(page: int, num_pages: int) -> list[int]:
    return list(range(max(1, page - 3), min(num_pages, page + 3) + 1))


@require_GET
def suggest(request):
    """Suggestions as the user types: titles the viewer may open, as JSON."""
    suggestions, degraded = service.suggest(request.user, request.GET.get("q", ""))
    return JsonResponse(
        {
            "suggestions": [
                {"title": s.title, "url": s.url, "kind": service.kind_label(s.kind)}
                for s in suggestions
            ],
            "incomplete": degraded,
        }
    )
