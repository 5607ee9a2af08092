"""Every space kind × every kind of user: who reads, posts, moderates and sees it listed.

The same answers must hold for one object (``access.can``) and for lists
(``access.visible``), so lists, counts and search agree with detail pages."""

import pytest

import access
from forum.models import Space
from tests.conftest import USER_KINDS

KINDS = USER_KINDS
TASKFORCE_PEOPLE = {"taskforce_member", "survivor_leader", "navigator", "moderator", "co_lead"}
VERIFIED = set(KINDS) - {"anonymous", "signed_in"}

READ = {
    "category": VERIFIED,
    "taskforce": TASKFORCE_PEOPLE | {"staff"},
    "region": {"navigator", "staff"},
    "discipline": {"prosecutor", "staff"},
    "invite": {"member", "staff"},
}
MODERATE = {
    "category": {"staff"},
    "taskforce": {"co_lead", "moderator", "staff"},
    "region": {"navigator", "staff"},
    "discipline": {"staff"},
    "invite": {"staff"},
}
LISTED = {**READ, "category": set(KINDS)}


def _cases(table):
    return [(space, kind, kind in table[space]) for space in table for kind in KINDS]


@pytest.mark.parametrize("space_kind,user_kind,expected", _cases(READ))
def test_who_reads_each_kind_of_space(spaces, users, space_kind, user_kind, expected):
    """Categories are for verified members; each private group only for its own people."""
    space, user = spaces[space_kind], users[user_kind]
    assert access.can(user, "forum.space.read", space) is expected
    readable = access.visible(user, "forum.space.read", Space.objects.all())
    assert readable.filter(pk=space.pk).exists() is expected


@pytest.mark.parametrize("space_kind,user_kind,expected", _cases(READ))
def test_who_posts_in_each_kind_of_space(spaces, users, space_kind, user_kind, expected):
    """Whoever reads a space may post in it, until it is archived."""
    space, user = spaces[space_kind], users[user_kind]
    assert access.can(user, "forum.space.post", space) is expected
    space.is_archived = True
    assert access.can(user, "forum.space.post", space) is False


@pytest.mark.parametrize("space_kind,user_kind,expected", _cases(MODERATE))
def test_who_moderates_each_kind_of_space(spaces, users, space_kind, user_kind, expected):
    """Staff moderate everywhere; a task force's co-leads and moderators its group; a
    region's navigators its group; no one else unless assigned to that one space."""
    space, user = spaces[space_kind], users[user_kind]
    assert access.can(user, "forum.space.moderate", space) is expected
    moderated = access.visible(user, "forum.space.moderate", Space.objects.all())
    assert moderated.filter(pk=space.pk).exists() is expected


@pytest.mark.parametrize("space_kind,user_kind,expected", _cases(LISTED))
def test_who_sees_each_kind_of_space_listed(spaces, users, space_kind, user_kind, expected):
    """Categories are listed to everyone (so people know what joining offers); a private
    group is listed only to those who can read it."""
    space, user = spaces[space_kind], users[user_kind]
    assert access.can(user, "forum.space.list", space) is expected
    listed = access.visible(user, "forum.space.list", Space.objects.all())
    assert listed.filter(pk=space.pk).exists() is expected


def test_a_moderator_assigned_to_one_space_moderates_only_that_space(spaces, users):
    from forum import services
    from forum.models import SpaceRoleKind

    user = users["member"]
    services.space_role_grant(
        space=spaces["category"], user=user, role=SpaceRoleKind.MODERATOR, by=users["staff"]
    )
    assert access.can(user, "forum.space.moderate", spaces["category"])
    assert not access.can(user, "forum.space.moderate", spaces["discipline"])


def test_only_staff_invite_members_to_a_group(spaces, users):
    from django.core.exceptions import PermissionDenied

    from forum import services

    with pytest.raises(PermissionDenied):
        services.space_role_grant(
            space=spaces["invite"], user=users["prosecutor"], role="member", by=users["co_lead"]
        )


@pytest.mark.parametrize("user_kind", KINDS)
def test_the_space_page_answers_each_kind_of_user(client, spaces, users, user_kind):
    """A readable space opens (200); a category shows non-members a members-only notice
    (403); a private group someone can't read does not exist for them (404)."""
    user = users[user_kind]
    if user is not None:
        client.force_login(user)
    for space_kind, space in spaces.items():
        status = client.get(f"/connect/s/{space.slug}/").status_code
        if user_kind in READ[space_kind]:
            assert status == 200, space_kind
        elif space_kind == "category":
            assert status == 403
        else:
            assert status == 404, space_kind


def test_search_tokens_name_exactly_the_readable_spaces(spaces, users):
    from access.search import tokens_for

    tokens = tokens_for(users["navigator"])
    assert f"forum-space:{spaces['region'].pk}" in tokens
    assert f"forum-space:{spaces['taskforce'].pk}" in tokens
    assert f"forum-space:{spaces['discipline'].pk}" not in tokens
    assert not any(t.startswith("forum-space:") for t in tokens_for(None))
