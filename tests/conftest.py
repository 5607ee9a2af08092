"""Fixtures every test can use: a temporary media folder, the smallest page tree, and one user
for every kind of person the access policy distinguishes."""

import socket

import pytest
from wagtail.models import Page, Site

from taskforces.factories import MembershipFactory, RegionFactory, TaskForceFactory
from taskforces.models import Discipline, Role
from users.factories import UserFactory


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def home_page(db):
    return make_home_page()


def make_home_page():
    from wagtail.models import Collection, Locale

    from core.models import HomePage

    root = Page.get_first_root_node()
    if root is None:  # a transactional test flushed what the migrations created
        Locale.objects.get_or_create(language_code="en")
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    home = root.add_child(instance=HomePage(title="Task Force Hub", slug="hub-home"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "testserver", "port": 80, "root_page": home},
    )
    return home


@pytest.fixture
def taskforce(db):
    return TaskForceFactory(name="Cook County Human Trafficking Task Force", slug="cook-county")


@pytest.fixture
def other_taskforce(db):
    return TaskForceFactory(
        name="Tarrant County Human Trafficking Task Force", slug="tarrant-county", state="TX"
    )


def _member(taskforce, discipline=Discipline.VICTIM_SERVICES, role=Role.MEMBER, **kwargs):
    return MembershipFactory(taskforce=taskforce, discipline=discipline, role=role, **kwargs).user


@pytest.fixture
def users(db, taskforce, other_taskforce):
    """One user of every kind. Task-force-specific kinds belong to `taskforce`."""
    return make_users(taskforce, other_taskforce)


USER_KINDS = (
    "anonymous",
    "signed_in",
    "member",
    "taskforce_member",
    "law_enforcement",
    "prosecutor",
    "survivor_leader",
    "navigator",
    "moderator",
    "co_lead",
    "staff",
)


def make_users(taskforce, other_taskforce) -> dict:
    region = RegionFactory(taskforce=taskforce, name="North", slug="north")
    return {
        "anonymous": None,
        "signed_in": UserFactory(display_name="Not Yet A Member"),
        "member": _member(other_taskforce),
        "taskforce_member": _member(taskforce),
        "law_enforcement": _member(other_taskforce, Discipline.LAW_ENFORCEMENT),
        "prosecutor": _member(other_taskforce, Discipline.PROSECUTION),
        "survivor_leader": _member(taskforce, Discipline.SURVIVOR_LEADER),
        "navigator": _member(taskforce, role=Role.NAVIGATOR, region=region),
        "moderator": _member(taskforce, Discipline.COMMUNITY_PARTNER, role=Role.MODERATOR),
        "co_lead": _member(taskforce, role=Role.CO_LEAD),
        "staff": UserFactory(display_name="Staff Person", is_staff=True),
    }


@pytest.fixture
def login(client):
    def sign_in(user):
        if user is not None:
            client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def closed_port():
    """A local port nothing listens on: connecting is refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
