"""Best bets, and the zero-results report (query text only) in the Wagtail admin."""

import pytest

from access.search import tier_tokens
from search import service
from search.models import BestBet, ZeroResultQuery

pytestmark = pytest.mark.django_db


def test_a_best_bet_shows_above_results_for_its_queries(index, client):
    index({"title": "Directory"})
    BestBet.objects.create(
        queries="find a task force, directory", title="Task force directory", url="/taskforces/"
    )
    response = client.get("/search/", {"q": "Directory"})
    assert [b.title for b in response.context["results"].best_bets] == ["Task force directory"]
    assert service.search(None, "directory of things").best_bets == []


def test_a_best_bet_for_a_restricted_item_shows_only_to_those_who_may_open_it(index, users):
    index(
        {
            "title": "Interview protocol",
            "url": "/library/protocol/",
            "access": tier_tokens("law_enforcement"),
        }
    )
    BestBet.objects.create(queries="protocol", title="Protocol", url="/library/protocol/")
    assert service.search(None, "protocol").best_bets == []
    assert service.search(users["member"], "protocol").best_bets == []
    assert len(service.search(users["prosecutor"], "protocol").best_bets) == 1


def test_queries_without_results_are_counted_without_user_data(index, users, login):
    index({"title": "Something else"})
    client = login(users["member"])
    client.get("/search/", {"q": "Zebra  Mussels"})
    client.get("/search/", {"q": "zebra mussels"})
    entry = ZeroResultQuery.objects.get()
    assert (entry.query, entry.count) == ("zebra mussels", 2)
    assert {f.name for f in ZeroResultQuery._meta.get_fields()} == {
        "id",
        "query",
        "count",
        "first_seen",
        "last_seen",
    }


def test_the_zero_results_report_is_for_staff(users, login, client):
    ZeroResultQuery.objects.create(query="zebra mussels")
    staff = users["staff"]
    staff.is_superuser = True
    staff.save()
    response = login(staff).get("/admin/reports/search-zero-results/")
    assert response.status_code == 200
    assert b"zebra mussels" in response.content
    client.logout()
    member = login(users["member"]).get("/admin/reports/search-zero-results/")
    assert member.status_code in (302, 403)
