"""Search tests index SearchDocuments directly, so they need no app content. The behavioural
contract runs against every configured backend: the database always, Elasticsearch when
ELASTICSEARCH_URL is set in the environment."""

import os

import pytest

from search import registry, service
from search.factories import SearchDocumentFactory

BACKENDS = ["db"] + (["elasticsearch"] if os.environ.get("ELASTICSEARCH_URL") else [])


@pytest.fixture(autouse=True)
def fresh_search_state(settings):
    """Each test starts with the database backend, a closed breaker and no extra kinds."""
    settings.ELASTICSEARCH_URL = ""
    service.breaker().reset()
    kinds = registry.kinds()
    yield
    registry._kinds.clear()
    registry._kinds.update(kinds)
    service.breaker().reset()


@pytest.fixture(params=BACKENDS)
def backend(request, settings, db):
    """The backend under test, empty, selected as the site would select it."""
    if request.param == "elasticsearch":
        settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
        settings.ELASTICSEARCH_INDEX = "tfh-test-search"
        service.elastic_backend().rebuild([])
    return request.param


@pytest.fixture
def index(backend):
    """Index documents (built with SearchDocumentFactory keywords) in the backend under test."""

    def add(*specs, **common):
        documents = [SearchDocumentFactory(**{**common, **spec}) for spec in specs]
        service.index_documents(documents)
        if backend == "elasticsearch":
            service.elastic_backend().client.indices.refresh(index=service.elastic_backend().alias)
        return documents

    return add
