"""Every task force and region gets its private group automatically; search sees topics
and posts with their space's visibility."""

from forum import services
from forum.models import Space, SpaceKind
from forum.search import post_document, topic_document
from taskforces.factories import RegionFactory, TaskForceFactory


def test_a_new_task_force_gets_its_private_group(db):
    taskforce = TaskForceFactory(name="Contra Costa", slug="contra")
    space = Space.objects.get(taskforce=taskforce)
    assert space.kind == SpaceKind.TASKFORCE and space.is_restricted


def test_a_new_region_gets_its_group(db):
    region = RegionFactory(name="Northwest", slug="northwest")
    assert Space.objects.get(region=region).kind == SpaceKind.REGION


def test_sync_is_idempotent(db):
    TaskForceFactory()
    services.spaces_sync()
    count = Space.objects.count()
    assert services.spaces_sync() == 0 and Space.objects.count() == count


def test_search_documents_carry_the_space_token_and_skip_hidden_posts(topic, users):
    doc = topic_document(topic)
    assert doc.access == {f"forum-space:{topic.space_id}", "staff"}
    reply = services.post_create(topic=topic, author=users["law_enforcement"], body="x").post
    assert post_document(reply).access == doc.access
    services.post_hide(post=reply, by=users["staff"], reason="x")
    reply.refresh_from_db()
    assert post_document(reply) is None
