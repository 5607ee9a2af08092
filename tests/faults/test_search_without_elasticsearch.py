"""When Elasticsearch does not answer, the site keeps working on the database's index: search
with and without a facet answers, new content is still indexed, and /healthz stays up."""

import pytest

from search import service
from search.factories import SearchDocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def elasticsearch_down(settings, closed_port):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port}"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    service.breaker().reset()
    yield
    service.breaker().reset()


def test_search_with_and_without_a_facet_answers_from_the_database(elasticsearch_down, client):
    farm = SearchDocumentFactory(title="Dairy farm outreach", facets={"topic": ["Agriculture"]})
    service.index_documents([farm, SearchDocumentFactory(title="Dairy co-op wages")])
    plain = client.get("/search/", {"q": "dairy"})
    faceted = client.get("/search/", {"q": "dairy", "topic": "Agriculture"})
    assert plain.status_code == faceted.status_code == 200
    assert plain.context["results"].degraded and plain.context["results"].total == 2
    assert [hit.url for hit in faceted.context["results"].hits] == [farm.url]


def test_content_saved_during_the_outage_is_found(elasticsearch_down, client):
    service.search(None, "anything")  # the outage is noticed; the breaker opens
    assert service.breaker().is_open()
    service.index_documents([SearchDocumentFactory(title="Navigator handbook")])
    response = client.get("/search/", {"q": "navigator"})
    assert response.context["results"].total == 1


def test_healthz_reports_search_degraded_but_the_site_up(elasticsearch_down, client, settings):
    settings.HEALTHZ_TOKEN = "faults"
    from core.health import record_heartbeat

    record_heartbeat()
    response = client.get("/healthz", headers={"Authorization": "Bearer faults"})
    body = response.json()
    assert response.status_code == 200 and body["status"] == "up"
    assert body["checks"]["search"]["up"] is False
