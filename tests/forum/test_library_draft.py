"""A moderator turns a solved question into a draft library resource that links back, so the
answer outlives turnover. (Needs the library app's `resource_draft_create`.)"""

from forum import services
from forum.models import ModerationAction, ModerationLogEntry


def test_a_solved_question_becomes_a_draft_library_resource(topic, users):
    answer = services.post_create(
        topic=topic, author=users["law_enforcement"], body="We mapped the co-ops first."
    ).post
    services.solution_mark(topic=topic, post=answer, by=users["member"])
    resource = services.topic_to_library_draft(topic=topic, by=users["staff"])
    topic.refresh_from_db()
    assert resource.title == topic.title
    assert topic.library_draft_id == resource.pk
    assert ModerationLogEntry.objects.filter(action=ModerationAction.TO_LIBRARY).exists()
