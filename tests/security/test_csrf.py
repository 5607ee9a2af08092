"""Every URL the site exposes refuses a POST without a CSRF token (as another site could make
a signed-in browser send), and nothing changes: the crawl POSTed to every route, as an
anonymous visitor, staff and a co-lead, with a client that enforces CSRF checks."""

import pytest
from django.test import Client
from django.urls import reverse

from .crawler import ACTORS

pytestmark = pytest.mark.django_db


def test_no_view_is_exempt_from_csrf_checks(crawl):
    exempt = {
        url.route.name
        for url in crawl.urls
        if getattr(url.route.pattern.callback, "csrf_exempt", False)
    }
    assert exempt == set()


def test_every_post_without_a_token_is_refused(crawl):
    refused = [(kind, path) for (kind, path), r in crawl.posts.items() if r.status == 403]
    accepted = [
        f"{kind} POST {path}: {r.status}"
        for (kind, path), r in crawl.posts.items()
        if r.status != 403
    ]
    assert not accepted, "\n".join(accepted)
    assert {kind for kind, _ in refused} == {"anonymous", *ACTORS}


def test_nothing_changed_after_the_refused_posts(crawl):
    assert crawl.posts_acted == {"anonymous": set(), **{kind: set() for kind in ACTORS}}


def test_the_same_post_with_a_token_is_accepted(client, users, taskforce, home_page):
    """The refusals above are the token's doing: with it, the form goes through."""
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(users["signed_in"])
    url = reverse("taskforces:join", args=[taskforce.slug])
    csrf_client.get(url)
    token = csrf_client.cookies["csrftoken"].value
    data = {"discipline": "victim_services", "message": "Shelter advocate."}
    assert csrf_client.post(url, data).status_code == 403
    response = csrf_client.post(url, {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert users["signed_in"].memberships.filter(taskforce=taskforce).exists()
