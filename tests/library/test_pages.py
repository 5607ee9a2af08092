"""Every resource type renders for the people who may open it, with its metadata, files and
related resources; the index links its feeds."""

import pytest

from library.factories import TopicFactory
from library.models import ResourceFormat


@pytest.mark.parametrize("fmt", ResourceFormat.values)
def test_every_resource_type_renders_its_metadata(fmt, resource, client):
    topic = TopicFactory(name="Labor trafficking")
    page = resource(format=fmt, title=f"A {fmt} resource", topics=[topic], publisher="AEquitas")
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"A {fmt} resource" in html
    assert "AEquitas" in html
    assert "?topic=labor-trafficking" in html


def test_a_resource_page_lists_related_resources_the_viewer_may_open(resource, client):
    topic = TopicFactory(name="Child sex trafficking")
    page = resource(title="Toolkit", topics=[topic])
    resource(title="Public neighbour", topics=[topic])
    resource(title="Secret neighbour", topics=[topic], access_tier="law_enforcement")
    resource(title="Unrelated")
    html = client.get(page.url).content.decode()
    assert "Public neighbour" in html
    assert "Secret neighbour" not in html
    assert "Unrelated" not in html


def test_the_index_links_the_atom_and_rss_feeds(library_index, client):
    html = client.get(library_index.url).content.decode()
    assert 'rel="alternate" type="application/atom+xml"' in html
    assert 'rel="alternate" type="application/rss+xml"' in html


def test_a_webinar_page_shows_its_session_and_transcript(webinar, client):
    webinar.transcript = "<p>Welcome to the webinar transcript.</p>"
    webinar.save()
    html = client.get(webinar.url).content.decode()
    assert "Welcome to the webinar transcript." in html
    assert "When and where" in html
