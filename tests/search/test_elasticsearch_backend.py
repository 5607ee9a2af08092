"""What the Elasticsearch backend sends, checked against elasticsearch-dsl's to_dict() and a
transport stub (no server can run here)."""

import json

import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node._base import NodeApiResponse

from access.search import tier_tokens, tokens_for
from search.backends.base import SearchRequest
from search.backends.elastic import ElasticsearchBackend, EntryDocument
from search.factories import SearchDocumentFactory
from search.query import parse

pytestmark = pytest.mark.django_db


class StubNode(BaseNode):
    """Records every request; answers with canned JSON."""

    requests: list = []
    answers: dict = {}

    def perform_request(self, method, target, body=None, headers=None, request_timeout=None):
        StubNode.requests.append((method, target, body))
        path = target.split("?")[0]
        data = next((v for k, v in StubNode.answers.items() if path.endswith(k)), {})
        meta = ApiResponseMeta(
            status=200,
            http_version="1.1",
            duration=0.0,
            node=self.config,
            headers=HttpHeaders(
                {"content-type": "application/json", "x-elastic-product": "Elasticsearch"}
            ),
        )
        return NodeApiResponse(meta, json.dumps(data).encode())


@pytest.fixture
def es(settings):
    from elasticsearch import Elasticsearch

    settings.ELASTICSEARCH_INDEX = "tfh-test"
    StubNode.requests, StubNode.answers = [], {}
    client = Elasticsearch("http://stub:9200", node_class=StubNode)
    return ElasticsearchBackend("http://stub:9200", client=client)


def _body(es, viewer, text="labor trafficking", **kwargs):
    request = SearchRequest(parsed=parse(text), tokens=tokens_for(viewer), **kwargs)
    return es.faceted(request)._s.to_dict()


def test_mapping_uses_an_english_analyzer_and_an_edge_ngram_suggest_field():
    mapping = EntryDocument._doc_type.mapping.to_dict()["properties"]
    assert mapping["body"]["analyzer"] == "tfh_english"
    assert mapping["title"]["fields"]["suggest"]["analyzer"] == "tfh_suggest"
    assert mapping["access"] == {"type": "keyword"}
    assert {
        mapping[f]["type"] for f in ("kind", "topic", "audience", "trafficking_type", "year")
    } == {"keyword"}
    analysis = EntryDocument._index.to_dict()["settings"]["analysis"]
    assert analysis["filter"]["tfh_english_stemmer"] == {"type": "stemmer", "language": "english"}
    assert analysis["filter"]["tfh_edge_ngram"]["type"] == "edge_ngram"


@pytest.mark.parametrize(
    "kind,expected",
    [
        ("anonymous", ["public"]),
        ("member", ["members", "public"]),
        ("law_enforcement", ["law_enforcement", "members", "public"]),
    ],
)
def test_the_viewers_tokens_filter_the_query_not_the_post_filter(es, users, kind, expected):
    """Aggregations run on the query: a visibility filter in post_filter would leak counts."""
    body = _body(es, users[kind], filters={"topic": ["Labor"]})
    query_filter = body["query"]["bool"]["filter"]
    access = [f["terms"]["access"] for f in query_filter if "access" in f.get("terms", {})]
    # Apps mint their own tokens too (e.g. forum-space:<id> for the groups a member reads).
    app_tokens = [t for t in tokens_for(users[kind]) if ":" in t and not t.startswith("user:")]
    assert [sorted(a) for a in access] == [
        sorted(expected + app_tokens + ([f"user:{users[kind].pk}"] if users[kind] else []))
    ]
    assert "access" not in json.dumps(body["post_filter"])
    assert body["post_filter"] == {"terms": {"topic": ["Labor"]}}


def test_facets_are_aggregations_filtered_by_the_other_selected_facets(es):
    body = _body(es, None, filters={"topic": ["Labor"], "kind": ["library"]})
    aggs = body["aggs"]
    assert set(aggs) == {
        f"_filter_{n}" for n in ("kind", "topic", "audience", "trafficking_type", "year")
    }
    assert aggs["_filter_topic"]["filter"] == {"terms": {"kind": ["library"]}}
    assert aggs["_filter_kind"]["filter"] == {"terms": {"topic": ["Labor"]}}
    must = aggs["_filter_audience"]["filter"]["bool"]["must"]
    assert sorted(must, key=json.dumps) == [
        {"terms": {"kind": ["library"]}},
        {"terms": {"topic": ["Labor"]}},
    ]


def test_words_are_fuzzy_phrases_exact_and_exclusions_must_not(es):
    body = _body(es, None, text='trafficing "forensic interview" -webinar')
    query = body["query"]["bool"]["must"][0]["function_score"]["query"]["bool"]
    word, phrase = query["must"]
    assert word["multi_match"]["fuzziness"] == "AUTO"
    assert phrase["multi_match"]["type"] == "phrase"
    assert "fuzziness" not in phrase["multi_match"]
    assert query["must_not"][0]["multi_match"]["query"] == "webinar"


def test_highlighting_uses_private_markers_that_become_mark_tags(es):
    body = _body(es, None)
    assert body["highlight"]["pre_tags"] == ["\x02"] and body["highlight"]["post_tags"] == ["\x03"]
    assert set(body["highlight"]["fields"]) == {"title", "body"}
    assert body["track_total_hits"] is True


def test_sorting_by_date_and_pagination(es):
    body = _body(es, None, sort="date", offset=40, limit=20)
    assert body["sort"] == [{"date": {"order": "desc"}}]
    assert (body["from"], body["size"]) == (40, 20)


def test_suggestions_search_the_edge_ngram_field_within_the_viewers_tokens(es):
    body = es.suggest_search(("trauma", "inter"), frozenset({"public"}), 8).to_dict()
    assert body["query"]["bool"]["filter"] == [{"terms": {"access": ["public"]}}]
    assert body["query"]["bool"]["must"] == [
        {"match": {"title.suggest": {"query": "trauma inter", "operator": "and"}}}
    ]


def test_bulk_indexing_sends_one_action_per_document_to_the_alias(es):
    StubNode.answers = {"/_bulk": {"errors": False, "items": []}}
    es.index(
        [
            SearchDocumentFactory(
                object_id="1",
                title="One",
                access=tier_tokens("members"),
                facets={"topic": ["Labor"]},
            ),
            SearchDocumentFactory(object_id="2", title="Two"),
        ]
    )
    method, target, body = StubNode.requests[-1]
    lines = [json.loads(line) for line in body.decode().splitlines()]
    assert (method, target.split("?")[0]) == ("PUT", "/_bulk") or target.startswith("/_bulk")
    assert lines[0] == {"index": {"_index": "tfh-test", "_id": "library:1"}}
    assert lines[1]["access"] == ["members", "staff"] and lines[1]["topic"] == ["Labor"]
    assert lines[2] == {"index": {"_index": "tfh-test", "_id": "library:2"}}


def test_a_rebuild_fills_a_new_index_then_swaps_the_alias_and_drops_the_old(es):
    StubNode.answers = {
        "/_alias/tfh-test": {"tfh-test-old": {"aliases": {"tfh-test": {}}}},
        "/_bulk": {"errors": False, "items": []},
    }
    es.rebuild([[SearchDocumentFactory(object_id="1")]])
    calls = [(m, t.split("?")[0]) for m, t, _ in StubNode.requests]
    new = calls[0][1].lstrip("/")
    assert calls[0][0] == "PUT" and new.startswith("tfh-test-")
    swap = next(json.loads(b) for m, t, b in StubNode.requests if t.startswith("/_aliases"))
    assert swap == {
        "actions": [
            {"remove": {"index": "tfh-test-old", "alias": "tfh-test"}},
            {"add": {"index": new, "alias": "tfh-test"}},
        ]
    }
    assert calls[-1] == ("DELETE", "/tfh-test-old")
    create = json.loads(StubNode.requests[0][2])
    assert create["mappings"]["properties"]["title"]["analyzer"] == "tfh_english"


def test_the_client_never_retries_and_times_out_quickly(settings):
    backend = ElasticsearchBackend("http://127.0.0.1:9")
    client = backend.client  # the options every request of this client carries
    assert client._max_retries == 0 and client._retry_on_timeout is False
    assert client._request_timeout <= 2
