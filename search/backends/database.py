# ruff: noqa: S608 -- SQL is assembled from fixed fragments; every value is a parameter.
"""The database backend: our own index tables, searched with hand-written full-text SQL.

SQLite: an FTS5 table (porter stemming, prefix indexes) kept in step with ``IndexEntry`` by
triggers; queries start from the FTS match, rank with ``bm25()`` and cut snippets with
``snippet()``. PostgreSQL: a generated, weighted ``tsvector`` column with a GIN index;
``ts_rank`` ranks and ``ts_headline`` cuts snippets. On both, the viewer's tokens and the
selected facets are conditions of the same WHERE clause as the match, so nothing the viewer
may not open is ever ranked, counted, faceted or suggested.
"""

import json

from django.db import connections, transaction
from django.utils import timezone

from ..models import IndexEntry
from ..query import ParsedQuery, Term
from ..registry import SearchDocument
from .base import (
    FACETS,
    START,
    STOP,
    Backend,
    Hit,
    ResultSet,
    SearchRequest,
    Suggestion,
    clean_text,
    document_facets,
    facet_counts,
    marked_html,
)

FTS_TABLE = "search_fts"
# bm25 column weights: title, keywords, body.
BM25 = f"bm25({FTS_TABLE}, 10.0, 4.0, 1.0)"
HEADLINE_OPTIONS = (
    f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15, ShortWord=2, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)
PLAIN_SNIPPET_WORDS = 40


def _marks(n: int) -> str:
    return ", ".join(["%s"] * n)


def fts_phrase(words: tuple[str, ...]) -> str:
    return '"' + " ".join(words).replace('"', '""') + '"'


def fts_term(term: Term) -> str:
    alternatives = [fts_phrase(a) for a in term.alternatives]
    return alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"


def fts_expression(parsed: ParsedQuery, any_word: bool = False) -> str:
    """An FTS5 query built only from quoted strings of words: user syntax never gets through."""
    expression = (" OR " if any_word else " AND ").join(fts_term(t) for t in parsed.terms)
    expression = f"({expression})"
    for words in parsed.excluded:
        expression = f"({expression} NOT {fts_phrase(words)})"
    return expression


def pg_tsquery(parsed: ParsedQuery, any_word: bool = False) -> tuple[str, list]:
    """A tsquery built from phraseto_tsquery() calls on plain words, combined in SQL."""
    parts, params = [], []
    for term in parsed.terms:
        alternatives = []
        for words in term.alternatives:
            alternatives.append("phraseto_tsquery('english', %s)")
            params.append(" ".join(words))
        parts.append("(" + " || ".join(alternatives) + ")")
    sql = "(" + (" || " if any_word else " && ").join(parts) + ")"
    for words in parsed.excluded:
        sql = f"({sql} && !!phraseto_tsquery('english', %s))"
        params.append(" ".join(words))
    return sql, params


def plain_snippet(text: str) -> str:
    words = (text or "").split()
    more = " …" if len(words) > PLAIN_SNIPPET_WORDS else ""
    return " ".join(words[:PLAIN_SNIPPET_WORDS]) + more


class DatabaseBackend(Backend):
    name = "db"

    def __init__(self, using: str = "default"):
        self.using = using

    @property
    def connection(self):
        return connections[self.using]

    @property
    def is_postgres(self) -> bool:
        return self.connection.vendor == "postgresql"

    # Reading ---------------------------------------------------------------------------

    def _source(self, request: SearchRequest) -> tuple[str, str, list]:
        """FROM and the match condition (with its params) for this request."""
        if not request.parsed:
            return "search_indexentry e", "1 = 1", []
        if self.is_postgres:
            tsq, params = pg_tsquery(request.parsed, request.any_word)
            return "search_indexentry e", f"e.search_vector @@ {tsq}", params
        source = f"{FTS_TABLE} JOIN search_indexentry e ON e.id = {FTS_TABLE}.rowid"
        return source, f"{FTS_TABLE} MATCH %s", [fts_expression(request.parsed, request.any_word)]

    def _where(self, request: SearchRequest, skip: str | None = None) -> tuple[str, list]:
        tokens = sorted(request.tokens) or [""]
        clauses = [
            "e.id IN (SELECT a.entry_id FROM search_indexaccess a "
            f"WHERE a.token IN ({_marks(len(tokens))}))"
        ]
        params: list = list(tokens)
        for name, values in sorted(request.filters.items()):
            if name == skip or not values:
                continue
            clauses.append(
                "e.id IN (SELECT f.entry_id FROM search_indexfacet f "
                f"WHERE f.name = %s AND f.value IN ({_marks(len(values))}))"
            )
            params += [name, *values]
        return " AND ".join(clauses), params

    def _order(self, request: SearchRequest) -> tuple[str, list]:
        by_date = "CASE WHEN e.date IS NULL THEN 1 ELSE 0 END, e.date DESC, e.id DESC"
        if request.sort == "date" or not request.parsed:
            return by_date, []
        if self.is_postgres:
            tsq, params = pg_tsquery(request.parsed, request.any_word)
            return f"ts_rank(e.search_vector, {tsq}, 1) * e.boost DESC, {by_date}", params
        return f"{BM25} * e.boost, {by_date}", []

    def _matching(self, request: SearchRequest, skip: str | None = None) -> tuple[str, list]:
        source, match, match_params = self._source(request)
        where, where_params = self._where(request, skip)
        return f"FROM {source} WHERE {match} AND {where}", match_params + where_params

    def _rows(self, sql: str, params: list) -> list[tuple]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def search(self, request: SearchRequest) -> ResultSet:
        matching, params = self._matching(request)
        order, order_params = self._order(request)
        ids = [
            row[0]
            for row in self._rows(
                f"SELECT e.id {matching} ORDER BY {order} LIMIT %s OFFSET %s",
                params + order_params + [request.limit, request.offset],
            )
        ]
        facets, total = self._facets(request)
        return ResultSet(hits=self._hits(request, ids), total=total, facets=facets)

    def _facets(self, request: SearchRequest):
        """Facet counts, each facet counted under every filter except its own (so a
        selected topic still shows the other topics' counts), and the total."""
        filtered = [name for name in FACETS if request.filters.get(name)]
        groups = [(None, [n for n in FACETS if n not in filtered])] + [(n, [n]) for n in filtered]
        rows = []
        for skip, names in groups:
            if not names:
                continue
            matching, params = self._matching(request, skip)
            rows += self._rows(
                "SELECT f.name, f.value, COUNT(*) FROM search_indexfacet f "
                f"WHERE f.name IN ({_marks(len(names))}) "
                f"AND f.entry_id IN (SELECT e.id {matching}) GROUP BY f.name, f.value",
                names + params,
            )
        if "kind" in filtered:
            matching, params = self._matching(request)
            total = self._rows(f"SELECT COUNT(*) {matching}", params)[0][0]
        else:
            total = sum(count for name, _, count in rows if name == "kind")
        return facet_counts(rows, request.filters), total

    def _hits(self, request: SearchRequest, ids: list[int]) -> list[Hit]:
        if not ids:
            return []
        entries = IndexEntry.objects.using(self.using).in_bulk(ids)
        marked = self._highlights(request, ids)
        hits = []
        for pk in ids:
            entry = entries[pk]
            title, snippet = marked.get(pk, (None, None))
            hits.append(
                Hit(
                    kind=entry.kind,
                    object_id=entry.object_id,
                    title_html=marked_html(title or entry.title),
                    snippet_html=marked_html(snippet or plain_snippet(entry.body)),
                    url=entry.url,
                    date=entry.date,
                    facets=entry.facets,
                )
            )
        return hits

    def _highlights(self, request: SearchRequest, ids: list[int]) -> dict:
        """Highlighted title and snippet, computed for the page's rows only."""
        if not request.parsed:
            return {}
        if self.is_postgres:
            tsq, params = pg_tsquery(request.parsed, request.any_word)
            rows = self._rows(
                f"SELECT e.id, ts_headline('english', e.title, {tsq}, %s), "
                f"ts_headline('english', left(e.body, 20000), {tsq}, %s) "
                f"FROM search_indexentry e WHERE e.id IN ({_marks(len(ids))})",
                params
                + [f"HighlightAll=true, StartSel={START}, StopSel={STOP}"]
                + params
                + [HEADLINE_OPTIONS]
                + ids,
            )
        else:
            rows = self._rows(
                f"SELECT rowid, highlight({FTS_TABLE}, 0, char(2), char(3)), "
                f"snippet({FTS_TABLE}, 2, char(2), char(3), '…', 32) FROM {FTS_TABLE} "
                f"WHERE {FTS_TABLE} MATCH %s AND rowid IN ({_marks(len(ids))})",
                [fts_expression(request.parsed, request.any_word)] + ids,
            )
        return {pk: (title, snippet) for pk, title, snippet in rows}

    def suggest(self, words, tokens, limit=8) -> list[Suggestion]:
        if not words or len("".join(words)) < 2:
            return []
        request = SearchRequest(parsed=ParsedQuery(), tokens=tokens)
        where, params = self._where(request)
        if self.is_postgres:
            lexemes = [f"'{w}':AB" for w in words[:-1]] + [f"'{words[-1]}':*AB"]
            tsq = "to_tsquery('english', %s)"
            rows = self._rows(
                f"SELECT e.title, e.url, e.kind FROM search_indexentry e "
                f"WHERE e.search_vector @@ {tsq} AND {where} "
                f"ORDER BY ts_rank(e.search_vector, {tsq}) * e.boost DESC, e.id LIMIT %s",
                [" & ".join(lexemes), *params, " & ".join(lexemes), limit],
            )
        else:
            phrases = [fts_phrase((w,)) for w in words[:-1]] + [fts_phrase(words[-1:]) + "*"]
            match = "{title keywords} : (" + " AND ".join(phrases) + ")"
            rows = self._rows(
                f"SELECT e.title, e.url, e.kind FROM {FTS_TABLE} "
                f"JOIN search_indexentry e ON e.id = {FTS_TABLE}.rowid "
                f"WHERE {FTS_TABLE} MATCH %s AND {where} ORDER BY {BM25} * e.boost, e.id LIMIT %s",
                [match, *params, limit],
            )
        return [Suggestion(title=t, url=u, kind=k) for t, u, k in rows]

    # Writing ---------------------------------------------------------------------------

    def _delete_keys(self, keys: list[tuple[str, str]]) -> None:
        by_kind: dict[str, list[str]] = {}
        for kind, object_id in keys:
            by_kind.setdefault(kind, []).append(object_id)
        with self.connection.cursor() as cursor:
            for kind, object_ids in by_kind.items():
                entries = (
                    "SELECT id FROM search_indexentry WHERE kind = %s "
                    f"AND object_id IN ({_marks(len(object_ids))})"
                )
                params = [kind, *object_ids]
                cursor.execute(
                    f"DELETE FROM search_indexaccess WHERE entry_id IN ({entries})", params
                )
                cursor.execute(
                    f"DELETE FROM search_indexfacet WHERE entry_id IN ({entries})", params
                )
                cursor.execute(f"DELETE FROM search_indexentry WHERE id IN ({entries})", params)

    def _insert(self, documents: list[SearchDocument]) -> None:
        """Plain executemany: the ORM's bulk_create spends more time compiling SQL than the
        database spends writing (and the FTS triggers index each row as it lands)."""
        now = timezone.now()
        rows, facets_by_key = [], {}
        for d in documents:
            facets = document_facets(d)
            facets_by_key[(d.kind, str(d.object_id))] = (facets, sorted(d.access))
            rows.append(
                (
                    d.kind,
                    str(d.object_id),
                    clean_text(d.title, 500),
                    clean_text(d.keywords, 5000),
                    clean_text(d.body),
                    d.url[:500],
                    d.date,
                    json.dumps(facets),
                    d.boost or 1.0,
                    now,
                )
            )
        date_field = IndexEntry._meta.get_field("date")
        rows = [
            (
                *r[:6],
                date_field.get_db_prep_value(r[6], self.connection),
                *r[7:9],
                date_field.get_db_prep_value(r[9], self.connection),
            )
            for r in rows
        ]
        with self.connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_indexentry (kind, object_id, title, keywords, body, url, "
                "date, facets, boost, indexed_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                rows,
            )
            ids = {}
            by_kind: dict[str, list[str]] = {}
            for kind, object_id in facets_by_key:
                by_kind.setdefault(kind, []).append(object_id)
            for kind, object_ids in by_kind.items():
                cursor.execute(
                    "SELECT id, object_id FROM search_indexentry WHERE kind = %s "
                    f"AND object_id IN ({_marks(len(object_ids))})",
                    [kind, *object_ids],
                )
                ids.update({(kind, object_id): pk for pk, object_id in cursor.fetchall()})
            cursor.executemany(
                "INSERT INTO search_indexaccess (entry_id, token) VALUES (%s, %s)",
                [(ids[key], t) for key, (_, tokens) in facets_by_key.items() for t in tokens],
            )
            cursor.executemany(
                "INSERT INTO search_indexfacet (entry_id, name, value) VALUES (%s, %s, %s)",
                [
                    (ids[key], name, value)
                    for key, (facets, _) in facets_by_key.items()
                    for name, values in facets.items()
                    for value in values
                ],
            )

    def index(self, documents: list[SearchDocument]) -> None:
        documents = list({d.key: d for d in documents}.values())
        if not documents:
            return
        with transaction.atomic(using=self.using):
            self._delete_keys([(d.kind, str(d.object_id)) for d in documents])
            self._insert(documents)

    def delete(self, kind: str, object_id: str) -> None:
        with transaction.atomic(using=self.using):
            self._delete_keys([(kind, str(object_id))])

    def rebuild(self, batches, progress=None) -> int:
        """Replace everything in one transaction: readers keep seeing the old index until the
        new one commits."""
        count = 0
        with transaction.atomic(using=self.using), self.connection.cursor() as cursor:
            for table in ("search_indexaccess", "search_indexfacet", "search_indexentry"):
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed table names)
            for batch in batches:
                self.index(batch)
                count += len(batch)
                if progress:
                    progress(len(batch))
        self.optimise()
        return count

    def optimise(self) -> None:
        """Fresh planner statistics (Django never runs ANALYZE) and a merged FTS index."""
        with self.connection.cursor() as cursor:
            if self.is_postgres:
                for table in ("search_indexentry", "search_indexaccess", "search_indexfacet"):
                    cursor.execute(f"ANALYZE {table}")
            else:
                cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
                cursor.execute("ANALYZE")
                cursor.execute("PRAGMA optimize")
