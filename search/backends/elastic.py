"""The Elasticsearch backend, through elasticsearch-dsl.

- ``EntryDocument``: explicit mappings, an English analyzer (possessives, stop words,
  stemming) for the text, an edge-n-gram sub-field of the title for suggestions.
- ``EntrySearch`` (a ``FacetedSearch``): the viewer's tokens sit in the query's filter
  clause, so the facet aggregations (which run on the query, not on the post-filter) only
  ever count visible items; selected facets go to the post-filter, so each facet still shows
  the counts of its other values.
- Writes go to an alias; a full rebuild fills a new index and swaps the alias in one atomic
  call, so searches keep answering from the old index meanwhile.
- The client never retries and gives up quickly; the service's circuit breaker takes over.
"""

from datetime import UTC, datetime

from django.conf import settings
from elastic_transport import TransportError
from elasticsearch import ApiError, Elasticsearch, NotFoundError, helpers
from elasticsearch_dsl import (
    Date,
    Document,
    FacetedSearch,
    Float,
    Keyword,
    Q,
    Search,
    TermsFacet,
    Text,
    analyzer,
    connections,
    token_filter,
)

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

# Connection refused, timeouts, and server-side failures all mean "answer from the database".
UNAVAILABLE = (TransportError, ApiError)
CONNECTION = "search"

english = analyzer(
    "tfh_english",
    tokenizer="standard",
    filter=[
        token_filter("tfh_english_possessive", "stemmer", language="possessive_english"),
        "lowercase",
        "asciifolding",
        token_filter("tfh_english_stop", "stop", stopwords="_english_"),
        token_filter("tfh_english_stemmer", "stemmer", language="english"),
    ],
)
suggest_index = analyzer(
    "tfh_suggest",
    tokenizer="standard",
    filter=[
        "lowercase",
        "asciifolding",
        token_filter("tfh_edge_ngram", "edge_ngram", min_gram=1, max_gram=20),
    ],
)
suggest_search = analyzer(
    "tfh_suggest_search", tokenizer="standard", filter=["lowercase", "asciifolding"]
)


def index_alias() -> str:
    return getattr(settings, "ELASTICSEARCH_INDEX", "taskforcehub-search")


class EntryDocument(Document):
    kind = Keyword()
    object_id = Keyword()
    title = Text(
        analyzer=english,
        fields={
            "suggest": Text(analyzer=suggest_index, search_analyzer=suggest_search),
            "raw": Keyword(ignore_above=256),
        },
    )
    keywords = Text(analyzer=english)
    body = Text(analyzer=english)
    url = Keyword(index=False)
    date = Date()
    access = Keyword()
    topic = Keyword()
    audience = Keyword()
    trafficking_type = Keyword()
    year = Keyword()
    boost = Float()

    class Index:
        name = "taskforcehub-search"
        settings = {"number_of_shards": 1, "number_of_replicas": 0}

    @classmethod
    def from_search_document(cls, doc: SearchDocument, index: str) -> "EntryDocument":
        facets = document_facets(doc)
        entry = cls(
            meta={"id": doc.key, "index": index},
            kind=doc.kind,
            object_id=str(doc.object_id),
            title=clean_text(doc.title, 500),
            keywords=clean_text(doc.keywords, 5000),
            body=clean_text(doc.body),
            url=doc.url,
            date=doc.date,
            access=sorted(doc.access),
            boost=doc.boost or 1.0,
        )
        for name in FACETS:
            if name != "kind" and name in facets:
                entry[name] = facets[name]
        return entry


def term_query(term: Term) -> Q:
    """A word may be misspelled (fuzziness); a phrase must match as written."""
    options = []
    for words in term.alternatives:
        text = " ".join(words)
        if len(words) > 1:
            options.append(
                Q(
                    "multi_match",
                    query=text,
                    type="phrase",
                    fields=["title^3", "keywords^2", "body"],
                )
            )
        else:
            options.append(
                Q(
                    "multi_match",
                    query=text,
                    fields=["title^3", "keywords^2", "body"],
                    fuzziness="AUTO",
                    prefix_length=1,
                )
            )
    return options[0] if len(options) == 1 else Q("bool", should=options, minimum_should_match=1)


def text_query(parsed: ParsedQuery, any_word: bool = False) -> Q:
    terms = [term_query(t) for t in parsed.terms]
    excluded = [
        Q("multi_match", query=" ".join(w), type="phrase", fields=["title", "keywords", "body"])
        for w in parsed.excluded
    ]
    if any_word:
        query = Q("bool", should=terms, minimum_should_match=1, must_not=excluded)
    else:
        query = Q("bool", must=terms, must_not=excluded)
    return Q(
        "function_score",
        query=query,
        functions=[{"field_value_factor": {"field": "boost", "missing": 1}}],
        boost_mode="multiply",
    )


class EntrySearch(FacetedSearch):
    doc_types = [EntryDocument]
    fields = ["title", "body"]
    facets = {name: TermsFacet(field=name, size=50) for name in FACETS}
    using = CONNECTION

    def __init__(self, request: SearchRequest, index: str):
        self.request = request
        self.index = index
        sort = ["-date"] if request.sort == "date" or not request.parsed else []
        super().__init__(query=request.parsed, filters=request.filters, sort=sort)

    def search(self):
        # Visibility belongs to the query's filter clause: aggregations (facet counts) run on
        # the query, and only the query, so restricted items are never counted.
        return (
            super()
            .search()
            .filter("terms", access=sorted(self.request.tokens) or [""])
            .extra(track_total_hits=True)
            .source(
                [
                    "kind",
                    "object_id",
                    "title",
                    "url",
                    "date",
                    "topic",
                    "audience",
                    "trafficking_type",
                    "year",
                ]
            )
        )

    def query(self, search, query):
        return search.query(text_query(query, self.request.any_word)) if query else search

    def highlight(self, search):
        if not self.request.parsed:
            return search
        return (
            search.highlight_options(pre_tags=[START], post_tags=[STOP], encoder="default")
            .highlight("title", number_of_fragments=0)
            .highlight("body", fragment_size=160, number_of_fragments=2, no_match_size=200)
        )


class ElasticsearchBackend(Backend):
    name = "elasticsearch"

    def __init__(self, url: str, client: Elasticsearch | None = None):
        self.url = url
        self.client = client or Elasticsearch(
            url,
            max_retries=0,
            retry_on_timeout=False,
            request_timeout=getattr(settings, "ELASTICSEARCH_TIMEOUT", 1.0),
        )
        connections.add_connection(CONNECTION, self.client)
        self.alias = index_alias()

    # Reading ---------------------------------------------------------------------------

    def faceted(self, request: SearchRequest) -> EntrySearch:
        return EntrySearch(request, self.alias)[request.offset : request.offset + request.limit]

    def search(self, request: SearchRequest) -> ResultSet:
        response = self.faceted(request).execute()
        hits = []
        for hit in response:
            highlight = getattr(hit.meta, "highlight", None)
            title = " ".join(highlight.title) if highlight and "title" in highlight else hit.title
            body = " … ".join(highlight.body) if highlight and "body" in highlight else ""
            hits.append(
                Hit(
                    kind=hit.kind,
                    object_id=hit.object_id,
                    title_html=marked_html(title),
                    snippet_html=marked_html(body),
                    url=hit.url,
                    date=getattr(hit, "date", None),
                    facets={n: list(getattr(hit, n, []) or []) for n in FACETS if n != "kind"},
                )
            )
        rows = [
            (name, str(value), count)
            for name, values in response.facets.to_dict().items()
            for value, count, _selected in values
        ]
        facets = facet_counts(rows, request.filters)
        return ResultSet(hits=hits, total=response.hits.total.value, facets=facets)

    def suggest_search(self, words: tuple[str, ...], tokens: frozenset[str], limit: int) -> Search:
        return (
            Search(using=CONNECTION, index=self.alias)
            .filter("terms", access=sorted(tokens) or [""])
            .query("match", **{"title.suggest": {"query": " ".join(words), "operator": "and"}})
            .source(["title", "url", "kind"])[:limit]
        )

    def suggest(self, words, tokens, limit=8) -> list[Suggestion]:
        if not words or len("".join(words)) < 2:
            return []
        response = self.suggest_search(words, tokens, limit).execute()
        return [Suggestion(title=h.title, url=h.url, kind=h.kind) for h in response]

    # Writing ---------------------------------------------------------------------------

    def actions(self, documents: list[SearchDocument], index: str):
        for doc in documents:
            yield EntryDocument.from_search_document(doc, index).to_dict(include_meta=True)

    def index(self, documents: list[SearchDocument]) -> None:
        helpers.bulk(self.client, self.actions(documents, self.alias))

    def delete(self, kind: str, object_id: str) -> None:
        try:
            self.client.delete(index=self.alias, id=f"{kind}:{object_id}")
        except NotFoundError:
            pass

    def create_index(self, name: str) -> None:
        EntryDocument._index.clone(name=name).create(using=self.client)

    def rebuild(self, batches, progress=None) -> int:
        """Build a new index, then point the alias at it and drop the old ones."""
        new = f"{self.alias}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"
        self.create_index(new)
        count = 0
        for batch in batches:
            helpers.bulk(self.client, self.actions(batch, new))
            count += len(batch)
            if progress:
                progress(len(batch))
        self.client.indices.refresh(index=new)
        self.swap_alias(new)
        return count

    def swap_alias(self, new: str) -> None:
        try:
            old = list(self.client.indices.get_alias(name=self.alias).keys())
        except NotFoundError:
            old = []
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        actions.append({"add": {"index": new, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        for name in old:
            if name != new:
                self.client.indices.delete(index=name)
