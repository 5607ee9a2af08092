"""A small mentoring world: an illustrative framework, a mentee task force (Contra Costa)
asking for help with a detective, a prosecutor and an advocate, and a mentor task force
(Palm Beach) offering the same three roles."""

import datetime
from dataclasses import dataclass

import pytest

from mentoring import services
from mentoring.factories import AreaFactory, FrameworkFactory, KeyElementFactory
from mentoring.models import MentoringRole
from taskforces.factories import MembershipFactory, TaskForceFactory
from taskforces.models import Discipline, Role

ROLES = [
    ("detective", Discipline.LAW_ENFORCEMENT, MentoringRole.INVESTIGATOR),
    ("dda", Discipline.PROSECUTION, MentoringRole.PROSECUTOR),
    ("advocate", Discipline.VICTIM_SERVICES, MentoringRole.ADVOCATE),
]


@dataclass
class Side:
    taskforce: object
    colead: object
    people: dict


@dataclass
class World:
    elements: dict
    mentee: Side
    mentor: Side
    request: object = None
    offer: object = None


def _side(slug, name, region, prefix):
    taskforce = TaskForceFactory(slug=slug, name=name, region=region)
    colead = MembershipFactory(
        taskforce=taskforce, role=Role.CO_LEAD, user__email=f"{prefix}.colead@example.org"
    ).user
    people = {
        key: MembershipFactory(
            taskforce=taskforce, discipline=discipline, user__email=f"{prefix}.{key}@example.org"
        ).user
        for key, discipline, _ in ROLES
    }
    return Side(taskforce, colead, people)


def _assess(side, elements, stages):
    services.assessment_save(
        taskforce=side.taskforce,
        year=2026,
        user=side.colead,
        shared=False,
        stages={elements[code].pk: stage for code, stage in stages.items()},
    )


@pytest.fixture
def elements(db):
    framework = FrameworkFactory(name="Illustrative roadmap")
    investigation = AreaFactory(framework=framework, name="Investigation & prosecution")
    governance = AreaFactory(framework=framework, name="Collaboration & governance")
    return {
        "labor": KeyElementFactory(
            area=investigation, code="labor", name="Labor trafficking investigation"
        ),
        "protocol": KeyElementFactory(
            area=governance, code="protocol", name="Protocol development"
        ),
        "data": KeyElementFactory(area=governance, code="data", name="Data collection"),
    }


@pytest.fixture
def world(elements):
    mentee = _side("contra-costa", "Contra Costa Task Force", "West", "contra")
    mentor = _side("palm-beach", "Palm Beach Task Force", "Southeast", "palm")
    _assess(mentee, elements, {"labor": 1, "protocol": 2, "data": 2})
    _assess(mentor, elements, {"labor": 4, "protocol": 5, "data": 3})
    today = datetime.date.today()
    offer = services.offer_create(
        taskforce=mentor.taskforce,
        user=mentor.colead,
        areas=[elements["labor"], elements["protocol"]],
        capacity=2,
        people_capacity=4,
        available_from=today,
        available_until=today + datetime.timedelta(days=300),
        mentors=[
            {
                "user": mentor.people[key],
                "role": role,
                "capacity": 1,
                "years": 5,
                "areas": [elements["labor"]],
            }
            for key, _, role in ROLES
        ],
    )
    request = services.request_create(
        taskforce=mentee.taskforce,
        user=mentee.colead,
        areas=[elements["labor"], elements["protocol"]],
        must_have=[elements["labor"]],
        goals="Open our first labor trafficking cases.",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=200),
        participants=[{"user": mentee.people[key], "role": role} for key, _, role in ROLES],
    )
    return World(elements, mentee, mentor, request, offer)


@pytest.fixture
def published(world):
    """The world's match, run and published: one proposed pairing."""
    run = services.match_run(user=None)
    services.run_publish(run=run, user=None)
    return run.pairings.get()


@pytest.fixture
def accepted(world, published):
    services.pairing_accept(pairing=published, user=world.mentee.colead)
    return services.pairing_accept(pairing=published, user=world.mentor.colead)
