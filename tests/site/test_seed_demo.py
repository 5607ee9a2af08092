"""seed_demo builds the same named data however often it runs, and refuses production."""

import pytest
from django.core.management import CommandError, call_command

from taskforces.models import Membership, Region, TaskForce
from users.models import User


def snapshot():
    return {
        "taskforces": sorted(TaskForce.objects.values_list("slug", "name", "state")),
        "regions": sorted(Region.objects.values_list("taskforce__slug", "slug")),
        "users": sorted(User.objects.values_list("email", "display_name", "pseudonym", "is_staff")),
        "memberships": sorted(
            Membership.objects.values_list(
                "user__email", "taskforce__slug", "discipline", "role", "status"
            )
        ),
    }


@pytest.mark.django_db
def test_seed_demo_twice_gives_the_same_data(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first
    names = {slug for slug, _, _ in first["taskforces"]}
    assert {
        "western-district-new-york",
        "north-dakota",
        "cook-county",
        "palm-beach-county",
        "tarrant-county",
        "contra-costa",
    } <= names
    assert len(first["regions"]) >= 4
    out = capsys.readouterr().out
    assert settings.DEMO_PASSWORD in out
    assert "cook.colead@example.org" in out


@pytest.mark.django_db
def test_seed_demo_covers_every_role(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    roles = set(Membership.objects.values_list("role", flat=True))
    disciplines = set(Membership.objects.values_list("discipline", flat=True))
    assert {"member", "co_lead", "navigator", "moderator"} <= roles
    assert {"law_enforcement", "prosecution", "victim_services", "survivor_leader"} <= disciplines
    assert User.objects.filter(is_superuser=True).exists()
    assert User.objects.filter(memberships__isnull=True, is_staff=False).exists()  # a newcomer


@pytest.mark.django_db
def test_seed_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refuses"):
        call_command("seed_demo")
