"""How apps put their content into search, without importing search's internals.

An app registers each kind of content once, in its ``AppConfig.ready()``::

    from search.registry import SearchDocument, register

    register(
        "library",                      # the kind's key, shown as "Library" in results
        label="Library",
        model=ResourcePage,             # saves and deletes of this model keep the index in sync
        queryset=lambda: ResourcePage.objects.live().specific(),  # what a full reindex reads
        to_document=resource_document,  # obj -> SearchDocument, or None when not indexable
    )

``to_document`` decides what is indexed and who may find it: ``SearchDocument.access`` is a
set of tokens from ``access.search`` (e.g. ``access.search.tier_tokens(page.access_tier)``).
When something changes that a model save does not show (a group's membership, a withdrawal),
call ``reindex(obj)`` or ``remove(kind, object_id)``; both run after the transaction commits.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class SearchDocument:
    kind: str
    object_id: str
    title: str
    body: str
    url: str
    access: frozenset[str]
    date: datetime | None = None
    # facet name -> values, e.g. {"topic": ["Labor trafficking"], "audience": ["Prosecutors"]}
    facets: dict[str, list[str]] = field(default_factory=dict)
    # short extra text that should weigh more than the body (tags, summary, names)
    keywords: str = ""
    boost: float = 1.0

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.object_id}"


@dataclass
class SearchKind:
    key: str
    label: str
    model: Any
    queryset: Callable[[], Iterable[Any]]
    to_document: Callable[[Any], SearchDocument | None]


_kinds: dict[str, SearchKind] = {}


def register(key: str, *, label: str, model, queryset, to_document) -> SearchKind:
    kind = SearchKind(key=key, label=label, model=model, queryset=queryset, to_document=to_document)
    _kinds[key] = kind
    return kind


def kinds() -> dict[str, SearchKind]:
    return dict(_kinds)


def kind_for_model(model) -> SearchKind | None:
    for kind in _kinds.values():
        if issubclass(model, kind.model):
            return kind
    return None


def reindex(obj) -> None:
    """Bring one object's entry up to date (or drop it) once the transaction commits."""
    from . import sync

    sync.schedule_reindex(obj)


def remove(kind: str, object_id) -> None:
    from . import sync

    sync.schedule_remove(kind, str(object_id))
