"""Forum fixtures: one space of every kind, arranged around the `users` fixture's task force
(`taskforce`, region "North"), and a clean cache so rate limits never leak between tests."""

import pytest
from django.core.cache import cache

from forum import services
from forum.models import Space, SpaceKind, SpaceRole, SpaceRoleKind
from taskforces.models import Region


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def make_spaces(users, taskforce) -> dict:
    """One space per kind. The invite-only group has invited `member`."""
    region = Region.objects.get(taskforce=taskforce, slug="north")
    invite = Space.objects.create(kind=SpaceKind.INVITE, name="Leadership circle", slug="circle")
    SpaceRole.objects.create(space=invite, user=users["member"], role=SpaceRoleKind.MEMBER)
    return {
        "category": Space.objects.create(
            kind=SpaceKind.CATEGORY, name="Labor trafficking investigations", slug="labor"
        ),
        "taskforce": services.space_ensure_for_taskforce(taskforce=taskforce),
        "region": services.space_ensure_for_region(region=region),
        "discipline": Space.objects.create(
            kind=SpaceKind.DISCIPLINE,
            name="Prosecutors",
            slug="prosecutors",
            discipline="prosecution",
        ),
        "invite": invite,
    }


@pytest.fixture
def spaces(users, taskforce):
    return make_spaces(users, taskforce)


@pytest.fixture
def category(spaces):
    return spaces["category"]


@pytest.fixture
def topic(category, users):
    """A question in the category by a member of another task force, with one reply."""
    outcome = services.topic_create(
        space=category,
        author=users["member"],
        title="How did you build a case around a dairy farm?",
        body="We have tips about a dairy operation. **How** did you start?",
        is_question=True,
        tags=["labor trafficking", "agriculture"],
    )
    return outcome.post.topic


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what the code queues for after the commit (emails, tasks) inside the test."""
    return django_capture_on_commit_callbacks
