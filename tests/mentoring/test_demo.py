"""seed_demo's mentoring content: the illustrative framework, Contra Costa's request, Palm
Beach's offer for two task forces, a published match and an active pairing; twice is once."""

from core import demo as core_demo
from mentoring import demo
from mentoring.models import Framework, MenteeRequest, MentorOffer, Pairing, PersonPair
from taskforces import demo as taskforces_demo


def _seed():
    log = lambda *args, **kwargs: None  # noqa: E731
    core_demo.seed(log=log)
    taskforces_demo.seed(log=log)
    demo.seed(log=log)


def test_the_demo_builds_the_story_and_is_idempotent(db):
    _seed()
    counts = (MenteeRequest.objects.count(), MentorOffer.objects.count(), Pairing.objects.count())
    _seed()
    assert (
        MenteeRequest.objects.count(),
        MentorOffer.objects.count(),
        Pairing.objects.count(),
    ) == counts
    assert Framework.current().is_illustrative
    assert MentorOffer.objects.get(taskforce__slug="palm-beach-county").capacity == 2
    contra = Pairing.objects.get(request__taskforce__slug="contra-costa")
    assert contra.status == "active" and contra.meetings.count() == 2 and contra.goals.exists()
    roles = set(
        PersonPair.objects.filter(pairing=contra).values_list("participant__role", "mentor__role")
    )
    assert roles == {
        ("investigator", "investigator"),
        ("prosecutor", "prosecutor"),
        ("advocate", "advocate"),
    }
    assert contra.explanation["contributions"]
