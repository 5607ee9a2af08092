"""When Elasticsearch does not answer, search answers from the database, says results may be
incomplete, and logs one warning per interval."""

import logging

import pytest

from search import service

pytestmark = pytest.mark.django_db


@pytest.fixture
def es_down(settings, closed_port, db):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    service.breaker().reset()
    yield
    service.breaker().reset()


def test_the_page_answers_from_the_database_and_says_so(es_down, client, caplog):
    from search.factories import SearchDocumentFactory

    service.index_documents([SearchDocumentFactory(title="Dairy farm outreach")])
    with caplog.at_level(logging.WARNING, logger="search"):
        first = client.get("/search/", {"q": "dairy"})
        second = client.get("/search/", {"q": "dairy"})
        suggest = client.get("/search/suggest/", {"q": "dai"})
    assert first.status_code == second.status_code == 200
    assert first.context["results"].degraded and first.context["results"].total == 1
    assert b"results may be incomplete" in first.content
    assert suggest.json()["incomplete"] is True
    assert len([r for r in caplog.records if "not answering" in r.getMessage()]) == 1


def test_the_breaker_stops_calling_elasticsearch_until_the_interval_passes(es_down, monkeypatch):
    service.search(None, "dairy")
    assert service.breaker().is_open()
    calls = []
    monkeypatch.setattr(service.elastic_backend(), "search", lambda r: calls.append(r))
    assert service.search(None, "dairy").degraded
    assert calls == []
