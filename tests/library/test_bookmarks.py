"""Bookmarks: a button on every resource page that works without JavaScript (a POST that
comes back to the page), for signed-in users, only on resources they may open; My library
lists only the bookmarks they may still open."""

import pytest
from django.urls import reverse

from library import mylibrary
from library.models import Bookmark


def _toggle(client, page, next_url=None):
    data = {"next": next_url} if next_url is not None else {}
    return client.post(reverse("library:bookmark_toggle", args=[page.pk]), data)


def test_the_button_bookmarks_and_unbookmarks_and_comes_back(resource, users, login):
    page = resource(title="Child sex trafficking toolkit")
    client = login(users["member"])
    response = _toggle(client, page, page.url)
    assert response.status_code == 302
    assert response["Location"] == page.url
    assert Bookmark.objects.filter(user=users["member"], page=page).exists()
    _toggle(client, page, page.url)
    assert not Bookmark.objects.exists()


def test_the_resource_page_shows_the_button_in_its_state(resource, users, login):
    page = resource(title="Child sex trafficking toolkit")
    client = login(users["member"])
    html = client.get(page.url).content.decode()
    assert reverse("library:bookmark_toggle", args=[page.pk]) in html
    assert 'aria-pressed="false"' in html
    _toggle(client, page)
    assert 'aria-pressed="true"' in client.get(page.url).content.decode()


def test_visitors_see_no_button_and_cannot_bookmark(resource, client):
    page = resource()
    assert (
        reverse("library:bookmark_toggle", args=[page.pk])
        not in client.get(page.url).content.decode()
    )
    response = _toggle(client, page)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Bookmark.objects.exists()


def test_a_resource_above_the_users_tier_answers_404(resource, users, login):
    page = resource(access_tier="law_enforcement")
    assert _toggle(login(users["member"]), page).status_code == 404
    assert not Bookmark.objects.exists()


def test_a_missing_resource_answers_404(users, login, library_index):
    response = login(users["member"]).post(reverse("library:bookmark_toggle", args=[999999]))
    assert response.status_code == 404


def test_bookmarking_needs_a_post(resource, users, login):
    page = resource()
    url = reverse("library:bookmark_toggle", args=[page.pk])
    assert login(users["member"]).get(url).status_code == 405


def test_next_never_leaves_the_site(resource, users, login):
    page = resource()
    response = _toggle(login(users["member"]), page, "https://evil.example/")
    assert response["Location"] == page.url


def test_my_library_lists_only_bookmarks_the_user_may_still_open(resource, users, login):
    member = users["member"]
    kept = resource(title="Members' protocol", access_tier="members")
    regraded = resource(title="Investigation guide", access_tier="members")
    withdrawn = resource(title="Withdrawn toolkit")
    for page in (kept, regraded, withdrawn):
        mylibrary.bookmark_toggle(user=member, page=page)
    regraded.access_tier = "law_enforcement"
    regraded.save()
    withdrawn.unpublish()

    html = login(member).get(reverse("library:my_library")).content.decode()
    assert "Members&#x27; protocol" in html or "Members' protocol" in html
    assert "Investigation guide" not in html
    assert "Withdrawn toolkit" not in html


def test_my_library_is_for_signed_in_users(client, library_index):
    response = client.get(reverse("library:my_library"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_my_library_lists_bookmarks_in_a_fixed_number_of_queries(
    resource, users, login, django_assert_max_num_queries
):
    member = users["member"]
    client = login(member)
    client.get(reverse("library:my_library"))  # warm the session and the site caches
    for n in range(3):
        mylibrary.bookmark_toggle(user=member, page=resource(title=f"Toolkit {n}"))
    with django_assert_max_num_queries(25) as few:
        client.get(reverse("library:my_library"))
    for n in range(3, 12):
        mylibrary.bookmark_toggle(user=member, page=resource(title=f"Toolkit {n}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("library:my_library"))


@pytest.mark.parametrize("kind", ["signed_in", "member", "law_enforcement"])
def test_anyone_signed_in_may_bookmark_what_they_can_open(resource, users, login, kind):
    page = resource()
    _toggle(login(users[kind]), page)
    assert Bookmark.objects.filter(user=users[kind]).count() == 1
