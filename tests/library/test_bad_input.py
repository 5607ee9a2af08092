"""Unknown filter values are ignored, malformed page numbers answer 400, a page past the end
answers 404: never a server error."""

import pytest


@pytest.mark.parametrize(
    "query",
    [
        {"topic": "no-such-topic"},
        {"format": "podcast"},
        {"year": "twenty"},
        {"year": "99999"},
        {"sort": "<script>"},
        {"audience": ["x"] * 200},
        {"q": "labor\x00trafficking"},
        {"trafficking": "'; drop table"},
    ],
)
def test_unknown_filter_values_are_ignored(query, resource, library_index, client):
    resource(title="Still listed")
    response = client.get(library_index.url, query)
    assert response.status_code == 200
    if "q" not in query:
        assert "Still listed" in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "-1", "0", "1.5", "99999999999"])
def test_a_malformed_page_number_is_a_bad_request(page, library_index, client):
    assert client.get(library_index.url, {"page": page}).status_code == 400


def test_a_page_past_the_end_is_not_found(resource, library_index, client):
    resource()
    assert client.get(library_index.url, {"page": "7"}).status_code == 404
