"""The search page: works without JavaScript, query and filters in the URL, kind labels."""

from datetime import UTC, datetime

import pytest

pytestmark = pytest.mark.django_db


def test_results_mix_kinds_each_marked_with_its_label(client, index, taskforce):
    from django.core.management import call_command

    call_command("search_reindex", stdout=open("/dev/null", "w"))  # noqa: SIM115
    index(
        {
            "kind": "forum",
            "title": "Cook County outreach question",
            "date": datetime(2024, 3, 1, tzinfo=UTC),
        }
    )
    response = client.get("/search/", {"q": "cook county"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="badge badge-kind">Task force<' in html
    assert 'class="badge badge-kind">Forum<' in html
    assert "<mark>Cook</mark>" in html


def test_filters_and_sort_live_in_the_url_and_pages_link_with_them(client, index):
    index(*[{"title": f"Outreach guide {n}", "facets": {"topic": ["Youth"]}} for n in range(25)])
    response = client.get("/search/", {"q": "outreach", "topic": "Youth", "sort": "date"})
    html = response.content.decode()
    assert response.context["results"].total == 25
    assert "q=outreach&amp;topic=Youth&amp;sort=date&amp;page=2" in html
    assert 'name="topic" value="Youth" checked' in html


def test_no_inline_script_and_the_suggestions_script_is_a_static_file(client):
    html = client.get("/search/").content.decode()
    assert 'src="/static/search/suggest.js"' in html
    assert "<script>" not in html and "style=" not in html
    assert 'role="combobox"' in html and 'aria-controls="search-suggestions"' in html


def test_the_suggestions_endpoint_answers_json(client, index):
    index({"title": "Trauma-informed interviewing", "url": "/library/trauma/"})
    data = client.get("/search/suggest/", {"q": "trau"}).json()
    assert data == {
        "suggestions": [
            {"title": "Trauma-informed interviewing", "url": "/library/trauma/", "kind": "Library"}
        ],
        "incomplete": False,
    }
