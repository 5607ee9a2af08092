"""A task force records one Roadmap self-assessment per year; the history shows movement."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from mentoring import services
from mentoring.models import Assessment


def test_the_history_shows_movement_between_years(world, client):
    services.assessment_save(
        taskforce=world.mentee.taskforce,
        year=2027,
        shared=False,
        user=world.mentee.colead,
        stages={world.elements["labor"].pk: 3, world.elements["protocol"].pk: 1},
    )
    client.force_login(world.mentee.colead)
    page = client.get(reverse("mentoring:assessments", args=[world.mentee.taskforce.slug]))
    html = page.content.decode()
    assert "up 2" in html and "down 1" in html
    assert html.index("2026") < html.index("2027")


def test_saving_the_same_year_again_revises_it_rather_than_adding_one(world):
    services.assessment_save(
        taskforce=world.mentee.taskforce,
        year=2026,
        shared=True,
        user=world.mentee.colead,
        stages={world.elements["labor"].pk: 2},
    )
    assessment = Assessment.objects.get(taskforce=world.mentee.taskforce)
    assert assessment.shared and assessment.stages()["labor"] == 2


def test_a_stage_outside_one_to_five_is_refused(world):
    with pytest.raises(ValidationError):
        services.assessment_save(
            taskforce=world.mentee.taskforce,
            year=2026,
            shared=False,
            user=None,
            stages={world.elements["labor"].pk: 6},
        )


def test_the_form_saves_every_key_element(world, client):
    client.force_login(world.mentee.colead)
    data = {"year": 2028, "shared": "on"}
    data.update({f"stage_{e.pk}": 4 for e in world.elements.values()})
    response = client.post(
        reverse("mentoring:assessment_edit", args=[world.mentee.taskforce.slug]), data
    )
    assert response.status_code == 302
    assessment = Assessment.objects.get(taskforce=world.mentee.taskforce, year=2028)
    assert assessment.shared and set(assessment.stages().values()) == {4}


def test_a_nonsense_year_in_the_address_falls_back_to_this_year(world, client):
    client.force_login(world.mentee.colead)
    url = reverse("mentoring:assessment_edit", args=[world.mentee.taskforce.slug])
    assert client.get(url, {"year": "abc"}).status_code == 200
    assert client.get(url, {"year": "99999"}).status_code == 200
