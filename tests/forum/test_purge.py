"""Deleting is soft; a purge by staff reaches revisions, attachments, the search index and
is logged."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from forum import services
from forum.forms import prepare_attachment
from forum.models import Attachment, ModerationAction, ModerationLogEntry, PostRevision, PostStatus


def test_soft_delete_keeps_the_post_for_staff(topic, users):
    reply = services.post_create(topic=topic, author=users["law_enforcement"], body="oops").post
    services.post_delete(post=reply, by=users["law_enforcement"])
    reply.refresh_from_db()
    assert reply.status == PostStatus.DELETED and reply.body == "oops"


def test_purge_reaches_revisions_attachments_search_and_the_log(
    topic, users, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("redacted.pdf", b"%PDF-1.4\n%%EOF\n")
    reply = services.post_create(
        topic=topic,
        author=users["law_enforcement"],
        body="v1",
        attachments=[prepare_attachment(upload)],
    ).post
    services.post_edit(post=reply, editor=users["law_enforcement"], body="v2")
    name = reply.attachments.get().file.name
    assert default_storage.exists(name)
    with (
        mock.patch("search.registry.remove") as remove,
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.post_purge(post=reply, by=users["staff"], reason="Court order")
    remove.assert_any_call("forum-post", reply.pk)
    reply.refresh_from_db()
    assert reply.status == PostStatus.PURGED and reply.body == "" and reply.body_html == ""
    assert not PostRevision.objects.filter(post=reply).exists()
    assert not Attachment.objects.filter(post=reply).exists()
    assert not default_storage.exists(name)
    entry = ModerationLogEntry.objects.get(action=ModerationAction.PURGE)
    assert entry.actor == users["staff"] and entry.reason == "Court order"


def test_only_staff_purge(topic, users):
    with pytest.raises(PermissionDenied):
        services.post_purge(post=topic.posts.get(number=1), by=users["co_lead"], reason="x")


def test_purging_a_topic_removes_every_post(topic, users):
    services.post_create(topic=topic, author=users["law_enforcement"], body="reply")
    services.topic_purge(topic=topic, by=users["staff"], reason="Requested by the task force")
    assert set(topic.posts.values_list("status", flat=True)) == {PostStatus.PURGED}
    topic.refresh_from_db()
    assert topic.title == "Removed topic" and topic.deleted_at
