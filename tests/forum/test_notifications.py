"""Notification fan-out: each person hears once, for the most direct reason, only about
what they can read; emails from private groups carry only a link."""

from django.core import mail
from django.urls import reverse

from forum import services
from forum.models import Level, Notification, NotificationKind


def test_replies_reach_the_asker_and_watchers_of_the_category(category, users, topic):
    watcher = users["co_lead"]
    services.subscription_set(user=watcher, space=category, level=Level.WATCHING)
    services.post_create(topic=topic, author=users["law_enforcement"], body="Start with the co-op.")
    kinds = dict(Notification.objects.values_list("user__email", "kind"))
    assert kinds == {
        users["member"].email: NotificationKind.REPLY,
        watcher.email: NotificationKind.WATCHING,
    }


def test_a_person_hears_once_for_the_most_direct_reason(category, users, topic):
    services.subscription_set(user=users["prosecutor"], space=category, level=Level.WATCHING)
    handle = services.profile_for(users["prosecutor"]).handle
    services.post_create(topic=topic, author=users["law_enforcement"], body=f"@{handle} see this")
    assert list(
        Notification.objects.filter(user=users["prosecutor"]).values_list("kind", flat=True)
    ) == [NotificationKind.MENTION]


def test_muting_a_topic_silences_it(category, users, topic):
    services.subscription_set(user=users["member"], topic=topic, level=Level.MUTED)
    services.post_create(topic=topic, author=users["law_enforcement"], body="Another reply")
    assert not Notification.objects.filter(user=users["member"]).exists()


def test_quoting_notifies_the_quoted_author(category, users, topic):
    first = topic.posts.get(number=1)
    body = f"> [@x wrote](/connect/p/{first.pk}/):\n> hello\n\nAgreed."
    post = services.post_create(topic=topic, author=users["law_enforcement"], body=body).post
    assert 'class="quote"' in post.body_html
    assert Notification.objects.get(user=users["member"]).kind == NotificationKind.QUOTE


def test_watchers_who_lost_access_are_not_notified(spaces, users, taskforce):
    space = spaces["taskforce"]
    watcher = users["taskforce_member"]
    services.subscription_set(user=watcher, space=space, level=Level.WATCHING)
    watcher.memberships.update(status="left")
    services.topic_create(space=space, author=users["co_lead"], title="Meeting", body="Agenda")
    assert not Notification.objects.filter(user=watcher).exists()


def test_emails_from_a_private_group_carry_only_a_link(spaces, users, on_commit):
    space = spaces["taskforce"]
    services.subscription_set(user=users["navigator"], space=space, level=Level.WATCHING)
    mail.outbox.clear()
    with on_commit(execute=True):
        services.topic_create(
            space=space,
            author=users["co_lead"],
            title="Sensitive title",
            body="Sensitive body text",
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Sensitive" not in message.subject + message.body
    assert "/connect/p/" in message.body


def test_emails_from_a_category_include_an_excerpt(category, users, topic, on_commit):
    mail.outbox.clear()
    with on_commit(execute=True):
        services.post_create(
            topic=topic, author=users["law_enforcement"], body="Start with the co-op."
        )
    assert "Start with the co-op." in mail.outbox[0].body


def test_members_who_turned_off_emails_get_none(category, users, topic, on_commit):
    services.profile_update(user=users["member"], email_mode="none", digest="none")
    mail.outbox.clear()
    with on_commit(execute=True):
        services.post_create(topic=topic, author=users["law_enforcement"], body="Reply")
    assert mail.outbox == []
    assert Notification.objects.filter(user=users["member"]).exists()


def test_the_unread_count_shows_and_clears(client, category, users, topic):
    services.post_create(topic=topic, author=users["law_enforcement"], body="Reply")
    client.force_login(users["member"])
    assert client.get(reverse("forum:notifications_count")).json() == {"unread": 1}
    client.post(reverse("forum:notifications_read"))
    assert client.get(reverse("forum:notifications_count")).json() == {"unread": 0}


def test_the_weekly_digest_lists_categories_and_only_counts_private_groups(
    spaces, users, topic, on_commit
):
    from forum.tasks import send_digests

    services.topic_create(
        space=spaces["taskforce"], author=users["co_lead"], title="Private planning", body="x"
    )
    services.profile_update(user=users["taskforce_member"], email_mode="none", digest="weekly")
    mail.outbox.clear()
    with on_commit(execute=True):
        send_digests.call(frequency="weekly")
    body = next(m.body for m in mail.outbox if users["taskforce_member"].email in m.to)
    assert topic.title in body
    assert "Private planning" not in body
    assert "private groups have 1 active topic" in body


def test_the_digest_command_runs(spaces, users, topic, on_commit):
    from django.core.management import call_command

    services.profile_update(user=users["prosecutor"], email_mode="none", digest="daily")
    mail.outbox.clear()
    with on_commit(execute=True):
        call_command("forum_send_digests", frequency="daily")
    assert any(users["prosecutor"].email in m.to for m in mail.outbox)


def test_a_reply_costs_the_same_queries_for_three_watchers_or_thirty(spaces, users, taskforce):
    """Who may read a reply is asked of every person it notifies; their memberships are read
    in one query, so a busy task force group costs no more per reply than a quiet one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from taskforces.factories import MembershipFactory

    space = spaces["taskforce"]
    topic = services.topic_create(
        space=space, author=users["co_lead"], title="Weekly sync", body="Agenda"
    ).post.topic
    author = users["taskforce_member"]

    def add_watchers(count):
        for _ in range(count):
            watcher = MembershipFactory(taskforce=taskforce, status="approved").user
            services.subscription_set(user=watcher, space=space, level=Level.WATCHING)

    def queries_for_a_reply():
        with CaptureQueriesContext(connection) as ctx:
            services.post_create(topic=topic, author=author, body="Thursday works.")
        return len(ctx.captured_queries)

    add_watchers(3)
    services.post_create(topic=topic, author=author, body="First, to settle the author's state.")
    few = queries_for_a_reply()
    add_watchers(27)
    many = queries_for_a_reply()
    watched = Notification.objects.filter(kind=NotificationKind.WATCHING)
    assert watched.values("user").distinct().count() >= 30
    assert many == few


def test_readers_are_told_by_the_task_worker_not_while_posting(category, users, topic, settings):
    """With a real task queue, posting only queues the fan-out; the worker tells the asker,
    and a post hidden before the worker gets to it is news to no one."""
    from django_tasks import default_task_backend

    from forum.tasks import notify_readers

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    author = users["law_enforcement"]
    kept = services.post_create(topic=topic, author=author, body="Start with the co-op.").post
    hidden = services.post_create(topic=topic, author=author, body="Call me instead.").post
    assert not Notification.objects.exists()
    queued = [r for r in default_task_backend.results if r.task.name == notify_readers.name]
    assert [r.kwargs["post_id"] for r in queued] == [kept.pk, hidden.pk]

    services.post_hide(post=hidden, by=users["staff"], reason="Shares a phone number")
    Notification.objects.all().delete()  # the hiding told its author; only the fan-out counts
    told = [notify_readers.call(**result.kwargs) for result in queued]
    assert told == [1, 0]
    assert list(Notification.objects.values_list("user", "post")) == [(users["member"].pk, kept.pk)]
