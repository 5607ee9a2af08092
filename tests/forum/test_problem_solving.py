"""Questions: the asker or a moderator marks the solution, shown under the question;
"helpful" reactions; unanswered lists."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from forum import services
from forum.models import Notification, NotificationKind, Topic


def test_the_asker_marks_the_solution_and_it_shows_under_the_question(client, topic, users):
    answer = services.post_create(
        topic=topic,
        author=users["law_enforcement"],
        body="We began with the co-op's outreach days.",
    ).post
    client.force_login(users["member"])
    client.post(reverse("forum:post_solution", args=[answer.pk]))
    topic.refresh_from_db()
    assert topic.solution == answer
    page = client.get(topic.get_absolute_url()).content.decode()
    assert page.index("solution-heading") < page.index('id="p1"')
    assert Notification.objects.filter(
        user=users["law_enforcement"], kind=NotificationKind.SOLUTION
    ).exists()


def test_other_members_cannot_mark_the_solution(topic, users):
    answer = services.post_create(topic=topic, author=users["law_enforcement"], body="x").post
    with pytest.raises(PermissionDenied):
        services.solution_mark(topic=topic, post=answer, by=users["prosecutor"])


def test_helpful_toggles_once_per_member_and_not_for_ones_own_post(topic, users):
    answer = services.post_create(topic=topic, author=users["law_enforcement"], body="x").post
    assert services.reaction_toggle(post=answer, user=users["prosecutor"]) is True
    answer.refresh_from_db()
    assert answer.helpful_count == 1
    assert services.reaction_toggle(post=answer, user=users["prosecutor"]) is False
    with pytest.raises(PermissionDenied):
        services.reaction_toggle(post=answer, user=users["law_enforcement"])


def test_unanswered_lists_questions_without_replies(client, topic, users):
    client.force_login(users["prosecutor"])
    assert topic.title in client.get(reverse("forum:unanswered")).content.decode()
    services.post_create(topic=topic, author=users["law_enforcement"], body="x")
    assert topic.title not in client.get(reverse("forum:unanswered")).content.decode()
    assert (
        topic.title in client.get(reverse("forum:unanswered") + "?show=unsolved").content.decode()
    )
    assert list(Topic.objects.unsolved()) == [topic]
