"""Browsing the library: filters in the URL narrow the list, every facet value shows how many
resources the viewer may open, and the page's query count does not grow with its results."""

import datetime

import pytest
from django.http import QueryDict

from library.browse import filter_resources
from library.factories import AudienceFactory, TopicFactory, TraffickingTypeFactory


@pytest.fixture
def taxonomy(db):
    return {
        "labor": TopicFactory(name="Labor trafficking"),
        "protocols": TopicFactory(name="Protocols"),
        "prosecutors": AudienceFactory(name="Prosecutors"),
        "providers": AudienceFactory(name="Victim service providers"),
        "sex": TraffickingTypeFactory(name="Sex trafficking"),
    }


@pytest.fixture
def shelf(resource, taxonomy):
    t = taxonomy
    return {
        "webinar": resource(
            format="webinar",
            title="Labor webinar for prosecutors",
            topics=[t["labor"]],
            audiences=[t["prosecutors"]],
            publication_date=datetime.date(2024, 5, 1),
        ),
        "toolkit": resource(
            title="Labor toolkit for providers",
            topics=[t["labor"]],
            audiences=[t["providers"]],
            publication_date=datetime.date(2025, 5, 1),
        ),
        "protocol": resource(
            format="protocol_template",
            title="Protocol template",
            topics=[t["protocols"]],
            trafficking_types=[t["sex"]],
            publication_date=datetime.date(2025, 1, 1),
        ),
        "secret": resource(
            format="webinar",
            title="Law enforcement only labor webinar",
            topics=[t["labor"]],
            audiences=[t["prosecutors"]],
            access_tier="law_enforcement",
        ),
    }


def _titles(result):
    return {page.title for page in result.resources}


def _counts(result, param):
    return {v.value: v.count for f in result.facets if f.param == param for v in f.values}


def test_filters_across_facets_narrow_the_list(shelf):
    result = filter_resources(None, QueryDict("topic=labor-trafficking&audience=prosecutors"))
    assert _titles(result) == {"Labor webinar for prosecutors"}


def test_values_of_one_facet_widen_the_list(shelf):
    result = filter_resources(None, QueryDict("topic=labor-trafficking&topic=protocols"))
    assert len(result.resources) == 3


def test_format_and_year_filter(shelf):
    assert _titles(filter_resources(None, QueryDict("format=webinar"))) == {
        "Labor webinar for prosecutors"
    }
    assert len(filter_resources(None, QueryDict("year=2025")).resources) == 2


def test_counts_are_only_of_what_the_viewer_may_open(shelf, users):
    anonymous = filter_resources(None, QueryDict())
    assert _counts(anonymous, "topic")["labor-trafficking"] == 2
    assert _counts(anonymous, "format")["webinar"] == 1
    officer = filter_resources(users["law_enforcement"], QueryDict())
    assert _counts(officer, "topic")["labor-trafficking"] == 3
    assert _counts(officer, "format")["webinar"] == 2


def test_a_facets_counts_apply_the_other_facets_choices(shelf):
    result = filter_resources(None, QueryDict("format=webinar&topic=labor-trafficking"))
    assert _counts(result, "topic") == {"labor-trafficking": 1}
    # The format facet ignores its own choice, so the other formats still show their counts.
    assert _counts(result, "format") == {"webinar": 1, "toolkit": 1}


def test_sorting_by_title_and_newest(shelf):
    by_title = [p.title for p in filter_resources(None, QueryDict("sort=title")).resources]
    assert by_title == sorted(by_title)
    newest = [p.title for p in filter_resources(None, QueryDict()).resources]
    assert newest[0] == "Labor toolkit for providers"


def test_upcoming_sort_puts_the_next_event_first(shelf, webinar):
    result = filter_resources(None, QueryDict("sort=upcoming"))
    assert result.resources[0].pk == webinar.pk


def test_the_index_page_carries_filters_in_the_url(shelf, library_index, client):
    response = client.get(library_index.url, {"topic": "labor-trafficking", "format": "webinar"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Labor webinar for prosecutors" in html
    assert "Labor toolkit for providers" not in html
    assert 'name="topic" value="labor-trafficking" checked' in html


def test_pagination_keeps_the_filters(resource, library_index, client, taxonomy):
    for n in range(25):
        resource(title=f"Labor resource {n:02}", topics=[taxonomy["labor"]])
    response = client.get(library_index.url, {"topic": "labor-trafficking", "page": "2"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "topic=labor-trafficking&amp;page=" in html or '?topic=labor-trafficking"' in html
    assert html.count('class="resource-card"') == 5


def test_the_index_query_count_does_not_grow_with_its_results(
    resource, library_index, client, taxonomy, django_assert_max_num_queries
):
    def make(n):
        for i in range(n):
            resource(
                title=f"Item {n}-{i}",
                topics=[taxonomy["labor"], taxonomy["protocols"]],
                audiences=[taxonomy["prosecutors"]],
            )

    make(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(library_index.url).status_code == 200
    make(18)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(library_index.url, {"sort": "title"})
    assert response.content.decode().count('class="resource-card"') == 20
