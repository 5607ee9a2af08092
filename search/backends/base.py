"""What every backend receives and returns."""

import html
import re
from dataclasses import dataclass, field
from datetime import datetime

from ..query import ParsedQuery
from ..registry import SearchDocument

# Facets shown on the page, in order. Apps may index other facet names; they are stored but
# not offered as filters.
FACETS = {
    "kind": "Kind",
    "topic": "Topic",
    "audience": "Audience",
    "trafficking_type": "Trafficking type",
    "year": "Year",
}
# Highlight markers: control characters never stored in the index (``clean_text`` drops
# them), turned into <mark> only after everything else is escaped.
START, STOP = "\x02", "\x03"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_MARKER = re.compile(f"[{START}{STOP}]")


def clean_text(text: str, limit: int = 200_000) -> str:
    return _CONTROL.sub(" ", text or "")[:limit]


def marked_html(text: str) -> str:
    """Escape everything, then turn our own markers (and only them) into <mark> tags."""
    escaped = html.escape(text or "")
    out, open_, start = [], False, 0
    for marker in _MARKER.finditer(escaped):
        out.append(escaped[start : marker.start()])
        start = marker.end()
        if marker.group() == START and not open_:
            out.append("<mark>")
            open_ = True
        elif marker.group() == STOP and open_:
            out.append("</mark>")
            open_ = False
    out.append(escaped[start:])
    if open_:
        out.append("</mark>")
    return "".join(out)


def document_facets(doc: SearchDocument) -> dict[str, list[str]]:
    """The facet values an item is counted under, kind and year included."""
    facets = {
        name: [str(v)[:200] for v in values if str(v).strip()]
        for name, values in (doc.facets or {}).items()
    }
    facets["kind"] = [doc.kind]
    if doc.date:
        facets["year"] = [str(doc.date.year)]
    return {name: list(dict.fromkeys(values)) for name, values in facets.items() if values}


@dataclass
class SearchRequest:
    parsed: ParsedQuery
    tokens: frozenset[str]
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"  # or "date"
    offset: int = 0
    limit: int = 20
    any_word: bool = False  # match any word rather than every word


@dataclass
class Hit:
    kind: str
    object_id: str
    title_html: str
    snippet_html: str
    url: str
    date: datetime | None
    facets: dict


@dataclass
class FacetCount:
    value: str
    count: int
    selected: bool = False
    label: str = ""


@dataclass
class ResultSet:
    hits: list[Hit]
    total: int
    facets: dict[str, list[FacetCount]]


@dataclass
class Suggestion:
    title: str
    url: str
    kind: str


class Backend:
    name = ""

    def search(self, request: SearchRequest) -> ResultSet:
        raise NotImplementedError

    def suggest(self, words: tuple[str, ...], tokens: frozenset[str], limit: int) -> list:
        raise NotImplementedError

    def index(self, documents: list[SearchDocument]) -> None:
        raise NotImplementedError

    def delete(self, kind: str, object_id: str) -> None:
        raise NotImplementedError

    def rebuild(self, batches, progress=None) -> int:
        """Replace the whole index with the documents of ``batches`` (lists of documents)."""
        raise NotImplementedError


def facet_counts(rows, filters: dict[str, list[str]]) -> dict[str, list[FacetCount]]:
    """(name, value, count) rows -> facets ordered by count, selected values always shown."""
    out: dict[str, list[FacetCount]] = {name: [] for name in FACETS}
    for name, value, count in rows:
        if name in out and count:
            out[name].append(FacetCount(value, count, value in filters.get(name, [])))
    for name, values in out.items():
        present = {f.value for f in values}
        values.extend(FacetCount(v, 0, True) for v in filters.get(name, []) if v not in present)
        if name == "year":
            values.sort(key=lambda f: f.value, reverse=True)
        else:
            values.sort(key=lambda f: (-f.count, f.value))
    return out
