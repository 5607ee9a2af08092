"""@mentions reach only members who can read the space; a mention never tells an outsider
that a private group, or the post, exists."""

from django.urls import reverse

from forum import services
from forum.models import Notification, NotificationKind


def _handle(user):
    return services.profile_for(user).handle


def test_a_member_mentioned_in_a_category_is_notified(category, users, topic):
    mentioned = users["prosecutor"]
    services.post_create(
        topic=topic,
        author=users["law_enforcement"],
        body=f"Ask @{_handle(mentioned)} about the co-op.",
    )
    notification = Notification.objects.get(user=mentioned)
    assert notification.kind == NotificationKind.MENTION


def test_an_outsider_mentioned_in_a_private_group_hears_nothing(spaces, users):
    outsider = users["prosecutor"]
    outcome = services.topic_create(
        space=spaces["region"],
        author=users["navigator"],
        title="Northwest referrals",
        body=f"Should we loop in @{_handle(outsider)}?",
    )
    assert not Notification.objects.filter(user=outsider).exists()
    assert _handle(outsider) in outcome.unreachable_handles
    assert 'class="mention"' not in outcome.post.body_html


def test_the_outsider_sees_nothing_of_the_group_anywhere(client, spaces, users):
    outsider = users["prosecutor"]
    services.topic_create(
        space=spaces["region"],
        author=users["navigator"],
        title="Northwest referrals",
        body=f"cc @{_handle(outsider)}",
    )
    client.force_login(outsider)
    for url in [reverse("forum:index"), reverse("forum:notifications")]:
        page = client.get(url).content.decode()
        assert "Northwest referrals" not in page
        assert spaces["region"].name not in page


def test_mentions_inside_code_are_not_mentions(category, users, topic):
    services.post_create(
        topic=topic,
        author=users["law_enforcement"],
        body=f"Type `@{_handle(users['prosecutor'])}` to mention someone.",
    )
    assert not Notification.objects.filter(user=users["prosecutor"]).exists()


def test_the_author_is_told_who_was_not_notified(client, spaces, users):
    client.force_login(users["navigator"])
    response = client.post(
        reverse("forum:topic_create", args=[spaces["region"].slug]),
        {"title": "Hello region", "body": f"cc @{_handle(users['prosecutor'])}", "action": "post"},
        follow=True,
    )
    assert "weren’t notified" in response.content.decode()
