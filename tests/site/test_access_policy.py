"""The one access policy: every kind of user against every site-wide question, and the
queryset face agreeing with the yes/no face."""

import pytest

import access
from access.search import tier_tokens, tokens_for
from access.tiers import Tier
from taskforces.models import TaskForce
from tests.conftest import USER_KINDS

KINDS = USER_KINDS

# kind -> (member of any task force, may open law-enforcement-only, co-lead of `taskforce`)
EXPECTED = {
    "anonymous": (False, False, False),
    "signed_in": (False, False, False),
    "member": (True, False, False),
    "taskforce_member": (True, False, False),
    "law_enforcement": (True, True, False),
    "prosecutor": (True, True, False),
    "survivor_leader": (True, False, False),
    "navigator": (True, False, False),
    "moderator": (True, False, False),
    "co_lead": (True, False, True),
    "staff": (True, True, True),
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_tiers_member_lists_and_decisions(users, taskforce, kind):
    user = users[kind]
    is_member, is_le, decides = EXPECTED[kind]
    assert access.can(user, "tier.view", Tier.PUBLIC)
    assert access.can(user, "tier.view", Tier.MEMBERS) is is_member
    assert access.can(user, "tier.view", Tier.LAW_ENFORCEMENT) is is_le
    assert access.can(user, "taskforce.view_members", taskforce) is is_member
    assert access.can(user, "taskforce.decide_membership", taskforce) is decides
    assert access.can(user, "taskforce.request_membership", taskforce) is (user is not None)
    decided = access.visible(user, "taskforce.decide_membership", TaskForce.objects.all())
    assert (taskforce in decided) is decides


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_search_tokens_agree_with_tiers(users, kind):
    """Search filters by tokens; a viewer's tokens must open exactly the tiers they may open."""
    user = users[kind]
    for tier in Tier:
        assert (not tokens_for(user).isdisjoint(tier_tokens(tier))) is access.can(
            user, "tier.view", tier
        )


@pytest.mark.django_db
def test_viewer_facts(users, taskforce):
    navigator = access.viewer_for(users["navigator"])
    assert navigator.navigator_region_ids
    assert navigator.member_of(taskforce.pk)
    assert access.viewer_for(users["survivor_leader"]).is_survivor_leader
    assert not access.viewer_for(users["member"]).member_of(taskforce.pk)


@pytest.mark.django_db
def test_an_inactive_user_has_no_rights(users):
    user = users["law_enforcement"]
    user.is_active = False
    user.save()
    access.forget(user)
    assert not access.can(user, "tier.view", Tier.MEMBERS)


@pytest.mark.django_db
def test_pending_and_declined_memberships_give_no_rights(users, taskforce):
    from taskforces.factories import MembershipFactory

    for status in ("requested", "declined", "left"):
        membership = MembershipFactory(
            taskforce=taskforce, status=status, discipline="law_enforcement"
        )
        assert not access.can(membership.user, "tier.view", Tier.MEMBERS)
        assert not access.can(membership.user, "tier.view", Tier.LAW_ENFORCEMENT)


def test_unknown_actions_are_refused_loudly():
    with pytest.raises(LookupError):
        access.can(None, "no.such.action")


@pytest.mark.django_db
def test_get_object_or_404_treats_missing_and_forbidden_alike(users, taskforce):
    from django.http import Http404

    with pytest.raises(Http404):
        access.get_object_or_404(None, "taskforce.view", TaskForce.objects.all(), slug="nope")
    with pytest.raises(Http404):
        access.get_object_or_404(None, "taskforce.view", TaskForce.objects.all(), pk="not-a-number")
    assert (
        access.get_object_or_404(
            None, "taskforce.view", TaskForce.objects.all(), slug=taskforce.slug
        )
        == taskforce
    )


@pytest.mark.django_db
def test_priming_many_users_reads_their_memberships_once_and_agrees(users, taskforce):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ids = [user.pk for user in users.values() if user is not None]
    fresh = list(get_user_model().objects.filter(pk__in=ids))
    with CaptureQueriesContext(connection) as ctx:
        access.prime(fresh)
        primed = {user.pk: access.viewer_for(user) for user in fresh}
    assert len(ctx.captured_queries) == 1
    for user in get_user_model().objects.filter(pk__in=ids):
        expected = access.viewer_for(user)
        viewer = primed[user.pk]
        assert sorted(viewer.memberships) == sorted(expected.memberships)
        assert (viewer.is_staff, viewer.is_member) == (expected.is_staff, expected.is_member)
