"""Saved searches: the library's own filter query, checked and put in canonical form by the
browse code; an optional email alert lists the resources published since the last alert that
match and that the user may open — never a title above their tier."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from library import mylibrary
from library.factories import TopicFactory
from library.models import ResourcePage, SavedSearch


@pytest.fixture
def labor(db):
    return TopicFactory(name="Labor trafficking", slug="labor-trafficking")


@pytest.fixture
def publish(resource, labor):
    """A labor trafficking resource first published at a given moment."""

    def make(title, *, at, tier="public"):
        page = resource(title=title, access_tier=tier, topics=[labor])
        ResourcePage.objects.filter(pk=page.pk).update(first_published_at=at)
        return page

    return make


@pytest.fixture
def alerts(django_capture_on_commit_callbacks):
    def send(**kwargs):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            return mylibrary.send_search_alerts(**kwargs)

    return send


def _save(user, query="topic=labor-trafficking", alert=True, name="Labor trafficking"):
    saved = mylibrary.saved_search_create(user=user, name=name, query=query, alert=alert)
    SavedSearch.objects.filter(pk=saved.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1)
    )
    saved.refresh_from_db()
    return saved


def test_a_saved_search_keeps_the_canonical_query(labor, users):
    saved = mylibrary.saved_search_create(
        user=users["member"],
        name="Labor",
        query="?topic=labor-trafficking&topic=nonsense&format=bogus&page=3&utm=x",
    )
    assert saved.query == "topic=labor-trafficking"


def test_saving_the_same_search_again_updates_it(labor, users):
    first = _save(users["member"], alert=False)
    again = mylibrary.saved_search_create(
        user=users["member"], name="Renamed", query="topic=labor-trafficking", alert=True
    )
    assert again.pk == first.pk
    assert (again.name, again.alert) == ("Renamed", True)


def test_the_save_form_saves_and_lists_the_search_in_my_library(labor, users, login):
    client = login(users["member"])
    url = reverse("library:saved_search_create")
    form = client.get(url, {"query": "topic=labor-trafficking"})
    assert 'value="topic=labor-trafficking"' in form.content.decode()
    response = client.post(
        url, {"name": "Labor cases", "query": "topic=labor-trafficking", "alert": "on"}
    )
    assert response.status_code == 302
    saved = SavedSearch.objects.get(user=users["member"])
    assert (saved.name, saved.alert) == ("Labor cases", True)
    page = client.get(reverse("library:my_library")).content.decode()
    assert "Labor cases" in page
    assert "?topic=labor-trafficking" in page


@pytest.mark.parametrize(
    "query",
    [
        "",
        "topic=nonsense",
        "format=<script>",
        "%%%&&&==",
        "page=abc",
        "topic=" + "x" * 2000,
    ],
)
def test_bad_query_strings_are_refused_with_a_message_and_the_name_kept(labor, users, login, query):
    response = login(users["member"]).post(
        reverse("library:saved_search_create"), {"name": "My cases", "query": query}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="My cases"' in html
    assert 'class="errorlist"' in html
    assert not SavedSearch.objects.exists()


def test_a_missing_name_is_refused_and_the_query_kept(labor, users, login):
    response = login(users["member"]).post(
        reverse("library:saved_search_create"), {"name": " ", "query": "topic=labor-trafficking"}
    )
    assert response.status_code == 400
    assert 'value="topic=labor-trafficking"' in response.content.decode()


def test_saving_searches_is_for_signed_in_users(client, library_index):
    response = client.post(reverse("library:saved_search_create"), {"name": "x", "query": "q=x"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_alerts_list_new_matches_the_user_may_open_and_never_higher_tiers(publish, users, alerts):
    member = users["member"]
    saved = _save(member)
    now = timezone.now()
    publish("Public labor toolkit", at=now - datetime.timedelta(hours=2))
    publish("Members labor protocol", at=now - datetime.timedelta(hours=1), tier="members")
    publish("Undercover labor operations guide", at=now, tier="law_enforcement")
    publish("Old labor report", at=now - datetime.timedelta(days=30))

    assert alerts(now=now) == 1
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert "Public labor toolkit" in message.body
    assert "Members labor protocol" in message.body
    assert "Undercover" not in message.subject + message.body
    assert "Old labor report" not in message.body
    saved.refresh_from_db()
    assert saved.last_alerted_at == now


def test_law_enforcement_hear_of_their_tier_too(publish, users, alerts):
    _save(users["law_enforcement"])
    publish("Undercover labor operations guide", at=timezone.now(), tier="law_enforcement")
    assert alerts() == 1
    assert "Undercover labor operations guide" in mail.outbox[0].body


def test_an_alert_only_covers_what_is_new_since_the_last_one(publish, users, alerts):
    _save(users["member"])
    publish("First toolkit", at=timezone.now() - datetime.timedelta(minutes=5))
    assert alerts() == 1
    assert alerts() == 0
    publish("Second toolkit", at=timezone.now())
    assert alerts(now=timezone.now() + datetime.timedelta(seconds=1)) == 1
    assert "Second toolkit" in mail.outbox[0].body
    assert "First toolkit" not in mail.outbox[0].body


def test_searches_without_alerts_and_inactive_users_get_no_email(publish, users, alerts):
    _save(users["member"], alert=False)
    inactive = users["taskforce_member"]
    _save(inactive)
    inactive.is_active = False
    inactive.save()
    publish("Public labor toolkit", at=timezone.now())
    assert alerts() == 0


def test_a_stored_query_the_browse_code_refuses_sends_nothing(publish, users, alerts):
    saved = _save(users["member"])
    SavedSearch.objects.filter(pk=saved.pk).update(query="page=abc&topic=labor-trafficking")
    publish("Public labor toolkit", at=timezone.now())
    assert alerts() == 1  # the page number is not part of a saved search
    SavedSearch.objects.filter(pk=saved.pk).update(query="%%%&&&", last_alerted_at=None)
    assert alerts() == 0


def test_turning_alerts_on_starts_from_now(publish, users, login):
    saved = _save(users["member"], alert=False)
    client = login(users["member"])
    client.post(reverse("library:saved_search_alert", args=[saved.pk]), {"alert": "on"})
    saved.refresh_from_db()
    assert saved.alert
    assert saved.last_alerted_at is not None
    client.post(reverse("library:saved_search_alert", args=[saved.pk]))
    saved.refresh_from_db()
    assert not saved.alert


def test_nobody_changes_or_deletes_someone_elses_saved_search(labor, users, login):
    saved = _save(users["member"])
    client = login(users["taskforce_member"])
    assert client.post(reverse("library:saved_search_delete", args=[saved.pk])).status_code == 404
    assert client.post(reverse("library:saved_search_alert", args=[saved.pk])).status_code == 404
    assert SavedSearch.objects.filter(pk=saved.pk, alert=True).exists()
    login(users["member"]).post(reverse("library:saved_search_delete", args=[saved.pk]))
    assert not SavedSearch.objects.exists()


def test_the_command_reports_its_progress(publish, users, django_capture_on_commit_callbacks):
    _save(users["member"])
    publish("Public labor toolkit", at=timezone.now())
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("library_send_search_alerts", stdout=out)
    assert users["member"].email in out.getvalue()
    assert "Sent 1 search alert." in out.getvalue()
