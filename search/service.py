"""The one search service the page, the suggestions endpoint, the sync tasks and the
management command use. It picks the backend (Elasticsearch when ``ELASTICSEARCH_URL`` is set,
the database otherwise), falls back to the database while Elasticsearch does not answer, and
applies what editors curate (synonyms, best bets) and record (zero-result queries)."""

import logging
from dataclasses import dataclass, field
from functools import cache

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from access.search import tokens_for

from . import registry
from .backends.base import FACETS, Hit, SearchRequest, Suggestion
from .backends.database import DatabaseBackend
from .breaker import CircuitBreaker
from .models import BestBet, IndexEntry, Synonym, ZeroResultQuery
from .query import normalise, parse, prefix_words

logger = logging.getLogger("search")
PER_PAGE = 20
MAX_PAGE = 500
SORTS = {"relevance": "Relevance", "date": "Newest first"}


@dataclass
class Results:
    query: str
    hits: list[Hit]
    total: int
    facets: dict
    page: int
    num_pages: int
    sort: str
    filters: dict[str, list[str]]
    best_bets: list = field(default_factory=list)
    any_word: bool = False  # no item had every word; these have some of them
    degraded: bool = False  # answered by the database while Elasticsearch is down
    searched: bool = True


def database_backend() -> DatabaseBackend:
    return DatabaseBackend()


@cache
def _elastic(url: str):
    from .backends.elastic import ElasticsearchBackend

    return ElasticsearchBackend(url)


def elastic_backend():
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    return _elastic(url) if url else None


def breaker() -> CircuitBreaker:
    return CircuitBreaker(
        "Elasticsearch", getattr(settings, "SEARCH_ELASTICSEARCH_RETRY_AFTER", 30)
    )


def backends(name: str | None = None) -> list:
    """Every backend that keeps an index (the database always; Elasticsearch when set)."""
    found = [database_backend()]
    if elastic_backend():
        found.append(elastic_backend())
    return [b for b in found if name in (None, b.name)]


def _with_fallback(call):
    """Run ``call(backend)`` on Elasticsearch when configured and answering, else on the
    database. Returns (answer, degraded)."""
    elastic = elastic_backend()
    if elastic is not None:
        from .backends.elastic import UNAVAILABLE

        guard = breaker()
        if not guard.is_open():
            try:
                return call(elastic), False
            except UNAVAILABLE as error:
                guard.trip(error)
        return call(database_backend()), True
    return call(database_backend()), False


def synonym_groups() -> list[list[str]]:
    return [s.term_list for s in Synonym.objects.all()]


def search(user, text: str = "", *, filters=None, sort="relevance", page=1) -> Results:
    tokens = tokens_for(user)
    filters = {k: v for k, v in (filters or {}).items() if k in FACETS and v}
    sort = sort if sort in SORTS else "relevance"
    page = min(max(1, page), MAX_PAGE)
    parsed = parse(text, synonym_groups())
    if not parsed and not filters:
        return Results(text, [], 0, {}, 1, 0, sort, filters, searched=False)

    def run(any_word: bool, page: int):
        request = SearchRequest(
            parsed=parsed,
            tokens=tokens,
            filters=filters,
            sort=sort,
            offset=(page - 1) * PER_PAGE,
            limit=PER_PAGE,
            any_word=any_word,
        )
        return _with_fallback(lambda backend: backend.search(request))

    any_word = False
    found, degraded = run(False, page)
    if found.total == 0 and len(parsed.terms) > 1:
        any_word = True
        found, degraded = run(True, page)
    num_pages = max(1, -(-found.total // PER_PAGE))
    if page > num_pages:  # past the end: show the last page rather than an empty one
        page = num_pages
        found, degraded = run(any_word, page)
    if found.total == 0 and parsed and not filters:
        record_zero_results(text)
    return Results(
        query=text,
        hits=found.hits,
        total=found.total,
        facets=found.facets,
        page=page,
        num_pages=num_pages,
        sort=sort,
        filters=filters,
        best_bets=best_bets(text, tokens) if page == 1 else [],
        any_word=any_word,
        degraded=degraded,
    )


def suggest(user, text: str, limit: int = 8) -> tuple[list[Suggestion], bool]:
    words = prefix_words(text)
    tokens = tokens_for(user)
    return _with_fallback(lambda backend: backend.suggest(words, tokens, limit))


def best_bets(text: str, tokens: frozenset[str]) -> list[BestBet]:
    """Editors' picks for this exact query. A pick pointing at an indexed item shows only to
    viewers who may open that item."""
    query = " ".join(text.lower().split())
    if not query:
        return []
    picks = [b for b in BestBet.objects.all() if query in b.query_list]
    if not picks:
        return []
    indexed = {
        e.url: e
        for e in IndexEntry.objects.filter(url__in=[b.url for b in picks]).only("url", "access")
    }
    return [b for b in picks if b.url not in indexed or indexed[b.url].visible_with(tokens)]


def record_zero_results(text: str) -> None:
    query = normalise(text)[:200]
    if len(query) < 2:
        return
    now = timezone.now()
    updated = ZeroResultQuery.objects.filter(query=query).update(
        count=F("count") + 1, last_seen=now
    )
    if not updated:
        ZeroResultQuery.objects.get_or_create(
            query=query, defaults={"first_seen": now, "last_seen": now}
        )


def kind_label(key: str) -> str:
    kind = registry.kinds().get(key)
    return kind.label if kind else key.replace("_", " ").capitalize()


# Writing: every backend that keeps an index --------------------------------------------


def index_documents(documents, *, backend: str | None = None) -> None:
    documents = list(documents)
    for target in backends(backend):
        _write(target, lambda b: b.index(documents))


def delete_document(kind: str, object_id: str, *, backend: str | None = None) -> None:
    for target in backends(backend):
        _write(target, lambda b: b.delete(kind, str(object_id)))


def _write(target, call) -> None:
    if target.name == "db":
        call(target)
        return
    from .backends.elastic import UNAVAILABLE

    guard = breaker()
    if guard.is_open():
        return  # the database index is current; a reindex brings Elasticsearch back in step
    try:
        call(target)
    except UNAVAILABLE as error:
        guard.trip(error)


def documents_for(kind: registry.SearchKind, batch_size: int):
    """Yield lists of documents of one registered kind, ``batch_size`` objects at a time."""
    objects = kind.queryset()
    if hasattr(objects, "iterator"):
        objects = objects.iterator(chunk_size=batch_size)
    batch = []
    for obj in objects:
        document = kind.to_document(obj)
        if document is not None:
            batch.append(document)
        if len(batch) >= batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def count_objects(kinds) -> int:
    total = 0
    for kind in kinds:
        objects = kind.queryset()
        total += objects.count() if hasattr(objects, "count") else len(list(objects))
    return total


def rebuild(*, backend: str | None = None, batch_size: int = 500, progress=None) -> int:
    """Rebuild the index of each backend from every registered kind."""
    count = 0
    for target in backends(backend):
        batches = (b for kind in registry.kinds().values() for b in documents_for(kind, batch_size))
        count = target.rebuild(batches, progress=progress)
    return count
