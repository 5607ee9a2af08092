"""Library resources are found in site search by the people who may open them, with their
topic, audience, format and trafficking type as facets."""

from library.factories import TopicFactory
from library.search import resource_document
from search import service
from search.registry import kinds


def test_a_resource_document_carries_its_tier_tokens_and_facets(resource):
    page = resource(
        format="webinar",
        title="Wiretaps",
        access_tier="law_enforcement",
        topics=[TopicFactory(name="Investigation")],
    )
    document = resource_document(page)
    assert document.access == frozenset({"law_enforcement", "staff"})
    assert document.facets["topic"] == ["Investigation"]
    assert document.facets["format"] == ["Webinar"]
    assert "library" in kinds()


def test_search_finds_a_resource_only_for_its_tier(resource, users):
    page = resource(title="Proactive investigation guide", access_tier="law_enforcement")
    service.index_documents([resource_document(page)])
    assert not service.search(None, "proactive investigation guide").hits
    hits = service.search(users["law_enforcement"], "proactive investigation guide").hits
    assert [hit.url for hit in hits][:1] == [page.url]
