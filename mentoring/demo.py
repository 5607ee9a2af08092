"""Demo mentoring: an illustrative Roadmap framework, assessments for the demo task forces,
offers and requests (Contra Costa asks, Palm Beach offers to mentor two task forces), a
published match with explanations, and an active pairing with meetings and goals.
Idempotent: everything is looked up by slug, email or task force before it is created."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from core.demo import demo_user
from taskforces.models import Discipline, Role, TaskForce
from taskforces.services import membership_grant

from . import services
from .models import (
    Area,
    ConflictEntry,
    Framework,
    KeyElement,
    MatchRun,
    Meeting,
    MenteeRequest,
    MentoringRole,
    MentorOffer,
    Pairing,
    Profile,
)

FRAMEWORK_NAME = "Development & Operations Roadmap (illustrative)"
AREAS = [
    (
        "Collaboration & governance",
        [
            ("protocol-development", "Protocol development"),
            ("shared-leadership", "Shared leadership and decision-making"),
            ("information-sharing", "Information sharing between partners"),
            ("member-engagement", "Member agency engagement"),
        ],
    ),
    (
        "Victim-centred services",
        [
            ("comprehensive-services", "Comprehensive, trauma-informed services"),
            ("survivor-engagement", "Survivor engagement and leadership"),
            ("victim-identification", "Victim identification and referral"),
            ("language-access", "Language access and cultural responsiveness"),
        ],
    ),
    (
        "Investigation & prosecution",
        [
            ("labor-trafficking-investigation", "Labor trafficking investigation"),
            ("sex-trafficking-investigation", "Sex trafficking investigation"),
            ("victim-centred-prosecution", "Victim-centred prosecution"),
            ("proactive-identification", "Proactive, intelligence-led identification"),
        ],
    ),
    (
        "Sustainability & data",
        [
            ("data-collection", "Data collection and evaluation"),
            ("funding-sustainability", "Funding and sustainability"),
            ("training-capacity", "Training and capacity building"),
            ("strategic-planning", "Strategic planning"),
        ],
    ),
]

# task force slug -> stage on every element (in AREAS order), last year and this year
ASSESSMENTS = {
    "contra-costa": (
        [2, 2, 3, 3, 3, 2, 2, 2, 1, 2, 2, 2, 2, 2, 3, 2],
        [2, 3, 3, 3, 3, 2, 3, 2, 1, 2, 2, 3, 2, 2, 3, 3],
    ),
    "palm-beach-county": (
        [4, 5, 4, 4, 4, 3, 4, 3, 4, 4, 5, 4, 3, 3, 4, 4],
        [5, 5, 5, 4, 4, 3, 4, 3, 4, 4, 5, 4, 3, 3, 4, 4],
    ),
    "western-district-new-york": (
        [3, 3, 3, 3, 3, 3, 3, 2, 4, 3, 3, 4, 3, 3, 3, 3],
        [3, 3, 3, 3, 3, 3, 3, 3, 5, 3, 3, 5, 3, 3, 3, 3],
    ),
    "cook-county": (
        [3, 4, 3, 4, 4, 5, 4, 3, 2, 4, 3, 3, 4, 4, 4, 4],
        [4, 4, 4, 4, 4, 5, 4, 4, 2, 4, 4, 3, 4, 4, 4, 5],
    ),
    "north-dakota": (
        [2, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2],
        [2, 3, 4, 2, 3, 2, 3, 2, 2, 2, 2, 2, 2, 2, 2, 3],
    ),
    "tarrant-county": (
        [2, 3, 2, 3, 3, 2, 3, 2, 2, 4, 3, 3, 1, 2, 3, 2],
        [3, 3, 2, 3, 3, 3, 3, 2, 2, 4, 3, 3, 1, 2, 3, 2],
    ),
}
COLEADS = {
    "palm-beach-county": "palm.colead@example.org",
    "western-district-new-york": "wdny.colead@example.org",
    "cook-county": "cook.colead@example.org",
}
SHARED = {"palm-beach-county", "cook-county"}
NAVIGATORS = {"north-dakota"}

EXTRA_PEOPLE = [
    # email, name, task force, discipline, job title
    (
        "palm.detective@example.org",
        "Det. Rosa Delgado",
        "palm-beach-county",
        Discipline.LAW_ENFORCEMENT,
        "Detective, labor trafficking",
    ),
    (
        "wdny.prosecutor@example.org",
        "AUSA Tom Becker",
        "western-district-new-york",
        Discipline.PROSECUTION,
        "Assistant U.S. attorney",
    ),
    (
        "wdny.advocate@example.org",
        "Hannah Ruiz",
        "western-district-new-york",
        Discipline.VICTIM_SERVICES,
        "Victim advocate",
    ),
    (
        "tarrant.prosecutor@example.org",
        "ADA Chris Nolan",
        "tarrant-county",
        Discipline.PROSECUTION,
        "Assistant district attorney",
    ),
]


def _framework():
    framework, _ = Framework.objects.update_or_create(
        name=FRAMEWORK_NAME,
        defaults={
            "is_illustrative": True,
            "is_current": True,
            "description": "An illustrative framework with the Roadmap's structure: four areas "
            "of function, key elements of development in each, and five stages of "
            "development. The wording is ours, not the official Roadmap text.",
        },
    )
    Framework.objects.exclude(pk=framework.pk).update(is_current=False)
    codes = []
    for order, (area_name, elements) in enumerate(AREAS):
        area, _ = Area.objects.update_or_create(
            framework=framework, name=area_name, defaults={"order": order}
        )
        for element_order, (code, name) in enumerate(elements):
            KeyElement.objects.update_or_create(
                code=code, defaults={"area": area, "name": name, "order": element_order}
            )
            codes.append(code)
    return framework, {e.code: e for e in KeyElement.objects.filter(code__in=codes)}


def _user(email):
    return get_user_model().objects.get(email=email)


def seed(*, log):
    _, elements = _framework()
    order = [code for _, items in AREAS for code, _ in items]
    taskforces = {tf.slug: tf for tf in TaskForce.objects.filter(slug__in=ASSESSMENTS)}
    year = timezone.localdate().year
    people = []
    for email, name, slug, discipline, title in EXTRA_PEOPLE:
        user = demo_user(email, name, job_title=title, organisation=taskforces[slug].name)
        membership_grant(
            user=user, taskforce=taskforces[slug], discipline=discipline, role=Role.MEMBER
        )
        people.append(user)

    for slug, (last, this) in ASSESSMENTS.items():
        taskforce = taskforces[slug]
        for offset, stages in ((1, last), (0, this)):
            services.assessment_save(
                taskforce=taskforce,
                year=year - offset,
                stages={elements[c].pk: s for c, s in zip(order, stages, strict=True)},
                shared=slug in SHARED,
                user=None,
            )
        strengths = {
            elements[c].pk: max(min(s - 2, 3), 0) for c, s in zip(order, this, strict=True)
        }
        services.profile_save(
            taskforce=taskforce,
            navigator_model=slug in NAVIGATORS,
            summary=taskforce.description[:200],
            strengths=strengths,
        )

    today = timezone.localdate()
    window = {
        "available_from": today - timedelta(days=30),
        "available_until": today + timedelta(days=335),
    }
    offers = [
        (
            "palm-beach-county",
            2,
            4,
            [
                "labor-trafficking-investigation",
                "protocol-development",
                "victim-centred-prosecution",
                "shared-leadership",
            ],
            [
                ("palm.detective@example.org", MentoringRole.INVESTIGATOR, 2, 9),
                ("palm.prosecutor@example.org", MentoringRole.PROSECUTOR, 2, 12),
                ("palm.advocate@example.org", MentoringRole.ADVOCATE, 2, 7),
            ],
        ),
        (
            "western-district-new-york",
            1,
            3,
            ["labor-trafficking-investigation", "proactive-identification"],
            [
                ("wdny.investigator@example.org", MentoringRole.INVESTIGATOR, 1, 6),
                ("wdny.prosecutor@example.org", MentoringRole.PROSECUTOR, 1, 4),
                ("wdny.advocate@example.org", MentoringRole.ADVOCATE, 1, 3),
            ],
        ),
        (
            "cook-county",
            1,
            2,
            ["survivor-engagement", "strategic-planning", "comprehensive-services"],
            [
                ("cook.colead@example.org", MentoringRole.ADVOCATE, 1, 10),
                ("cook.sergeant@example.org", MentoringRole.INVESTIGATOR, 1, 8),
            ],
        ),
    ]
    for slug, capacity, people_capacity, areas, mentors in offers:
        if MentorOffer.objects.filter(taskforce=taskforces[slug]).exists():
            continue
        services.offer_create(
            taskforce=taskforces[slug],
            user=None,
            areas=[elements[c] for c in areas],
            capacity=capacity,
            people_capacity=people_capacity,
            availability="One video call a month",
            mentors=[
                {
                    "user": _user(email),
                    "role": role,
                    "capacity": cap,
                    "years": years,
                    "areas": [elements[c] for c in areas],
                }
                for email, role, cap, years in mentors
            ],
            **window,
        )

    requests = [
        (
            "contra-costa",
            ["labor-trafficking-investigation", "protocol-development"],
            ["labor-trafficking-investigation"],
            "Open our first labor trafficking investigations with a shared protocol between the "
            "detective unit, the district attorney's office and victim services.",
            [
                ("contra.detective@example.org", MentoringRole.INVESTIGATOR),
                ("contra.dda@example.org", MentoringRole.PROSECUTOR),
                ("contra.advocate@example.org", MentoringRole.ADVOCATE),
            ],
        ),
        (
            "tarrant-county",
            ["data-collection", "protocol-development"],
            [],
            "Set up shared data collection and a protocol for it.",
            [
                ("tarrant.investigator@example.org", MentoringRole.INVESTIGATOR),
                ("tarrant.prosecutor@example.org", MentoringRole.PROSECUTOR),
            ],
        ),
        (
            "north-dakota",
            ["survivor-engagement", "comprehensive-services"],
            [],
            "Bring survivor-leaders into our regional teams.",
            [("nd.navigator.southeast@example.org", MentoringRole.ADVOCATE)],
        ),
    ]
    for slug, areas, must, goals, participants in requests:
        if MenteeRequest.objects.filter(taskforce=taskforces[slug]).exists():
            continue
        services.request_create(
            taskforce=taskforces[slug],
            user=None,
            areas=[elements[c] for c in areas],
            must_have=[elements[c] for c in must],
            goals=goals,
            starts_on=today,
            ends_on=today + timedelta(days=270),
            participants=[{"user": _user(e), "role": r} for e, r in participants],
        )

    coordinator = get_user_model().objects.filter(email="coordinator@example.org").first()
    if coordinator is not None:
        # The coordinator edits the framework and the register in the Wagtail admin too.
        coordinator.user_permissions.add(
            *Permission.objects.filter(
                content_type__app_label="mentoring",
                content_type__model__in=["framework", "area", "keyelement", "conflictentry"],
            )
        )
    if not ConflictEntry.objects.exists():
        services.conflict_record(
            taskforce_a=taskforces["north-dakota"],
            taskforce_b=taskforces["cook-county"],
            reason=ConflictEntry.Reason.PRIOR_PAIRING,
            note="Illustrative entry.",
            user=coordinator,
        )
    if not MatchRun.objects.exists():
        run = services.match_run(user=coordinator)
        services.run_publish(run=run, user=coordinator)
        contra = Pairing.objects.filter(
            run=run, request__taskforce=taskforces["contra-costa"]
        ).first()
        if contra is not None:
            for email in ("contra.colead@example.org", COLEADS.get(contra.offer.taskforce.slug)):
                user = get_user_model().objects.filter(email=email).first()
                if user is not None:
                    services.pairing_accept(pairing=contra, user=user)
            contra.refresh_from_db()
            if contra.is_running and not Meeting.objects.filter(pairing=contra).exists():
                members = [
                    _user("contra.detective@example.org"),
                    _user("palm.detective@example.org"),
                ]
                for days_ago, minutes, topics in (
                    (20, 60, ["labor", "investigation"]),
                    (6, 45, ["protocols", "prosecution"]),
                ):
                    services.meeting_log(
                        pairing=contra,
                        user=members[0],
                        held_on=today - timedelta(days=days_ago),
                        minutes=minutes,
                        participants=members,
                        topics=topics,
                    )
    Profile.objects.filter(taskforce__slug__in=NAVIGATORS).update(navigator_model=True)
    log(
        f"mentoring: illustrative Roadmap ({len(elements)} key elements), "
        f"{MentorOffer.objects.count()} offers, {MenteeRequest.objects.count()} requests, "
        f"{Pairing.objects.exclude(status='draft').count()} pairings",
        people,
    )
