"""A moderation round trip: a member reports a post that names a victim, it is hidden at
once, the moderator resolves the report, the author is told why, and the log and the edit
history keep what happened."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from forum import services
from forum.models import (
    Flag,
    FlagReason,
    ModerationAction,
    ModerationLogEntry,
    Notification,
    NotificationKind,
    PostStatus,
    Space,
)


def test_report_hide_notify_and_log_round_trip(client, spaces, users):
    space = spaces["taskforce"]
    author, reporter, moderator = (
        users["taskforce_member"],
        users["survivor_leader"],
        users["co_lead"],
    )
    post = services.topic_create(space=space, author=author, title="Intake", body="Plan").post
    reply = services.post_create(
        topic=post.topic, author=author, body="She is staying at the shelter"
    ).post

    client.force_login(reporter)
    response = client.post(
        reverse("forum:post_flag", args=[reply.pk]),
        {"reason": FlagReason.IDENTIFIES_VICTIM, "note": "Names a survivor"},
    )
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.status == PostStatus.HIDDEN  # urgent reasons hide at once
    assert Notification.objects.filter(user=moderator, kind=NotificationKind.FLAG).exists()

    client.force_login(moderator)
    queue = client.get(reverse("forum:moderation")).content.decode()
    assert "Identifies a victim or survivor" in queue
    flag = Flag.objects.get()
    client.post(
        reverse("forum:flag_resolve", args=[flag.pk]),
        {"resolution": "hidden", "note": "Shares where a survivor stays"},
    )
    flag.refresh_from_db()
    assert flag.resolution == "hidden" and flag.resolved_by == moderator
    notice = Notification.objects.get(user=author, kind=NotificationKind.MODERATION)
    assert "Shares where a survivor stays" in notice.message

    actions = list(ModerationLogEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == [ModerationAction.AUTO_HIDE, ModerationAction.RESOLVE_FLAG]
    log_page = client.get(reverse("forum:moderation_log")).content.decode()
    assert "Resolved a report" in log_page

    services.post_edit(post=reply, editor=moderator, body="[details removed]", reason="Redacted")
    services.post_restore(post=reply, by=moderator)
    reply.refresh_from_db()
    assert reply.status == PostStatus.PUBLISHED
    assert reply.revisions.get().body == "She is staying at the shelter"
    history = client.get(reverse("forum:post_history", args=[reply.pk])).content.decode()
    assert "Redacted" in history


def test_the_moderation_log_is_append_only(spaces, users, topic):
    locked = services.topic_moderate(topic=topic, by=users["staff"], action="lock")
    row = ModerationLogEntry.objects.get()
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        ModerationLogEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        ModerationLogEntry.objects.update(reason="rewritten")
    assert locked.is_locked


def test_members_cannot_moderate(topic, users):
    with pytest.raises(PermissionDenied):
        services.topic_moderate(topic=topic, by=users["co_lead"], action="lock")


def test_locked_topics_take_no_replies_except_from_moderators(client, topic, users):
    services.topic_moderate(topic=topic, by=users["staff"], action="lock")
    topic.refresh_from_db()
    client.force_login(users["prosecutor"])
    assert client.post(reverse("forum:reply", args=[topic.pk]), {"body": "hi"}).status_code == 403
    services.post_create(topic=topic, author=users["staff"], body="Locked: see the new topic.")


def test_pin_move_and_split(topic, users, spaces):
    staff = users["staff"]
    for n in range(3):
        services.post_create(topic=topic, author=users["law_enforcement"], body=f"reply {n}")
    services.topic_moderate(topic=topic, by=staff, action="pin")
    topic.refresh_from_db()
    assert topic.is_pinned
    moved = services.topic_move(topic=topic, to_space=spaces["discipline"], by=staff)
    assert moved.space == spaces["discipline"]
    assert Space.objects.get(pk=spaces["category"].pk).topic_count == 0
    replies = list(topic.posts.filter(number__in=[3, 4]).values_list("pk", flat=True))
    new = services.topic_split(topic=topic, post_ids=replies, title="Side question", by=staff)
    assert list(new.posts.values_list("number", flat=True)) == [1, 2]
    topic.refresh_from_db()
    assert topic.last_number == 2 and topic.reply_count == 1
    assert ModerationLogEntry.objects.filter(action=ModerationAction.SPLIT).exists()


def test_a_moderator_of_one_space_cannot_move_topics_into_another(topic, users, spaces):
    services.space_role_grant(
        space=spaces["category"], user=users["prosecutor"], role="moderator", by=users["staff"]
    )
    with pytest.raises(PermissionDenied):
        services.topic_move(topic=topic, to_space=spaces["region"], by=users["prosecutor"])


def test_a_report_is_resolved_only_once(topic, users):
    reply = services.post_create(topic=topic, author=users["law_enforcement"], body="x").post
    flag = services.flag_create(post=reply, reporter=users["prosecutor"], reason="spam")
    services.flag_resolve(flag=flag, by=users["staff"], resolution="dismissed")
    with pytest.raises(ValidationError):
        services.flag_resolve(flag=flag, by=users["staff"], resolution="hidden")


def test_dismissing_an_urgent_report_restores_the_post(topic, users):
    reply = services.post_create(topic=topic, author=users["law_enforcement"], body="x").post
    flag = services.flag_create(
        post=reply, reporter=users["prosecutor"], reason=FlagReason.CASE_SENSITIVE
    )
    reply.refresh_from_db()
    assert reply.status == PostStatus.HIDDEN
    services.flag_resolve(flag=flag, by=users["staff"], resolution="dismissed")
    reply.refresh_from_db()
    assert reply.status == PostStatus.PUBLISHED
