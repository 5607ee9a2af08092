"""Calendars: one .ics per session ("Add to calendar"), a feed per webinar series and one of
upcoming events, parsed back with `icalendar`. Every calendar holds only what the viewer may
open; the events list likewise."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from library import events
from library.factories import EventSessionFactory, WebinarSeriesFactory


def _calendar(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def _summaries(calendar) -> set[str]:
    return {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}


@pytest.fixture
def series_webinars(resource):
    """A series with one public, one members-only and one law-enforcement-only webinar."""
    series = WebinarSeriesFactory(name="Labor Trafficking Series", slug="labor-series")
    start = (timezone.now() + datetime.timedelta(days=5)).replace(microsecond=0)
    pages = {}
    for offset, tier in enumerate(("public", "members", "law_enforcement")):
        page = resource(
            format="webinar", access_tier=tier, series=series, title=f"Series webinar ({tier})"
        )
        begins = start + datetime.timedelta(days=offset)
        EventSessionFactory(page=page, start=begins, end=begins + datetime.timedelta(hours=1))
        pages[tier] = page
    return series, pages


def test_a_session_file_carries_a_stable_uid_its_time_zone_and_the_title(webinar, client):
    session = webinar.sessions.get()
    session.time_zone = "America/Chicago"
    session.save()
    url = reverse("library:session_ics", args=[session.pk])

    first = _calendar(client.get(url))
    (event,) = first.walk("VEVENT")
    assert str(event["UID"]) == events.session_uid(session)
    assert event["DTSTART"].params["TZID"] == "America/Chicago"
    assert event.decoded("DTSTART") == session.start
    assert (
        event.decoded("DTSTART").utcoffset()
        == session.start.astimezone(ZoneInfo("America/Chicago")).utcoffset()
    )
    assert event.decoded("DTEND") == session.end
    assert str(event["SUMMARY"]) == webinar.title
    assert str(event["LOCATION"]) == "Online"
    assert str(event["URL"]).endswith(webinar.url)
    assert webinar.summary in str(event["DESCRIPTION"])
    assert [tz["TZID"] for tz in first.walk("VTIMEZONE")] == ["America/Chicago"]

    (again,) = _calendar(client.get(url)).walk("VEVENT")
    assert again["UID"] == event["UID"]


def test_a_training_session_gives_its_place_as_the_location(classroom_training, client):
    session = classroom_training.sessions.get()
    (event,) = _calendar(client.get(reverse("library:session_ics", args=[session.pk]))).walk(
        "VEVENT"
    )
    assert str(event["LOCATION"]) == "Chicago, IL"


def test_a_session_of_a_resource_above_the_viewers_tier_answers_404(series_webinars, users, login):
    _, pages = series_webinars
    url = reverse("library:session_ics", args=[pages["law_enforcement"].sessions.get().pk])
    assert login(None).get(url).status_code == 404
    assert login(users["member"]).get(url).status_code == 404
    assert login(users["prosecutor"]).get(url).status_code == 200


def test_a_session_of_an_unpublished_resource_answers_404(webinar, client):
    webinar.unpublish()
    url = reverse("library:session_ics", args=[webinar.sessions.get().pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("kind", "tiers"),
    [
        ("anonymous", {"public"}),
        ("signed_in", {"public"}),
        ("member", {"public", "members"}),
        ("law_enforcement", {"public", "members", "law_enforcement"}),
    ],
)
def test_the_series_feed_shows_only_sessions_the_viewer_may_open(
    series_webinars, users, login, kind, tiers
):
    series, _ = series_webinars
    calendar = _calendar(login(users[kind]).get(reverse("library:series_ics", args=[series.slug])))
    assert _summaries(calendar) == {f"Series webinar ({tier})" for tier in tiers}
    assert str(calendar["X-WR-CALNAME"]) == series.name


def test_the_series_feed_leaves_out_webinars_of_other_series(series_webinars, webinar, client):
    series, _ = series_webinars
    calendar = _calendar(client.get(reverse("library:series_ics", args=[series.slug])))
    assert webinar.title not in _summaries(calendar)


def test_an_unknown_series_answers_404(client, library_index):
    assert client.get(reverse("library:series_ics", args=["nope"])).status_code == 404


def test_the_upcoming_feed_has_upcoming_sessions_the_viewer_may_open(
    series_webinars, classroom_training, resource, client
):
    past = resource(format="webinar", title="Last year's webinar")
    start = timezone.now() - datetime.timedelta(days=300)
    EventSessionFactory(page=past, start=start, end=start + datetime.timedelta(hours=1))
    calendar = _calendar(client.get(reverse("library:upcoming_ics")))
    assert _summaries(calendar) == {"Series webinar (public)", classroom_training.title}


def test_the_events_list_splits_upcoming_and_past_and_hides_higher_tiers(
    series_webinars, resource, users, login
):
    past = resource(format="webinar", title="Last year's webinar")
    start = timezone.now() - datetime.timedelta(days=300)
    EventSessionFactory(page=past, start=start, end=start + datetime.timedelta(hours=1))
    client = login(users["member"])

    upcoming = client.get(reverse("library:events")).content.decode()
    assert "Series webinar (public)" in upcoming
    assert "Series webinar (members)" in upcoming
    assert "Series webinar (law_enforcement)" not in upcoming
    assert "Last year" not in upcoming

    past_page = client.get(reverse("library:events"), {"when": "past"}).content.decode()
    assert "Last year" in past_page
    assert "Series webinar (public)" not in past_page


def test_the_events_list_narrows_by_series_and_survives_junk(series_webinars, webinar, client):
    series, _ = series_webinars
    url = reverse("library:events")
    narrowed = client.get(url, {"series": series.slug}).content.decode()
    assert "Series webinar (public)" in narrowed
    assert webinar.title not in narrowed
    for junk in ({"series": "<x>"}, {"when": "later"}, {"page": "abc"}):
        assert client.get(url, junk).status_code == 200
    assert client.get(url, {"page": "999"}).status_code == 404
