"""Topics, posts and attachments follow their space; hidden things stay with moderators."""

import pytest
from django.urls import reverse

import access
from forum import services
from forum.models import Topic


@pytest.fixture
def group_topic(spaces, users):
    return services.topic_create(
        space=spaces["region"],
        author=users["navigator"],
        title="Referral from the oil patch",
        body="A new referral came in this week.",
    ).post.topic


def test_a_private_group_topic_is_404_for_outsiders(client, group_topic, users):
    for kind in ["member", "taskforce_member", "co_lead", "law_enforcement"]:
        client.force_login(users[kind])
        assert client.get(reverse("forum:topic", args=[group_topic.pk])).status_code == 404


def test_lists_and_search_tokens_agree_with_the_topic_page(group_topic, users):
    outsider, insider = users["taskforce_member"], users["navigator"]
    assert not access.visible(outsider, "forum.topic.read", Topic.objects.all()).exists()
    assert access.visible(insider, "forum.topic.read", Topic.objects.all()).count() == 1


def test_unknown_topic_and_post_ids_are_404(client, users, topic):
    client.force_login(users["member"])
    assert client.get("/connect/t/999999/").status_code == 404
    assert client.get("/connect/p/999999/").status_code == 404
    assert client.get("/connect/t/999999/reply/").status_code == 404
    assert client.get("/connect/attachments/999999/").status_code == 404


def test_a_hidden_post_shows_only_a_placeholder_to_members(client, topic, users):
    reply = services.post_create(
        topic=topic, author=users["prosecutor"], body="Secret words here"
    ).post
    services.post_hide(post=reply, by=users["staff"], reason="Off-topic")
    client.force_login(users["law_enforcement"])
    page = client.get(reverse("forum:topic", args=[topic.pk])).content.decode()
    assert "Secret words here" not in page
    assert "hidden by a moderator" in page
    client.force_login(users["staff"])
    assert (
        "Secret words here" in client.get(reverse("forum:topic", args=[topic.pk])).content.decode()
    )


def test_a_hidden_topic_is_404_for_members_but_open_to_its_author_and_moderators(
    client, topic, users
):
    services.topic_moderate(topic=topic, by=users["staff"], action="hide_topic", reason="x")
    client.force_login(users["law_enforcement"])
    assert client.get(reverse("forum:topic", args=[topic.pk])).status_code == 404
    client.force_login(users["member"])
    assert client.get(reverse("forum:topic", args=[topic.pk])).status_code == 200


def test_anonymous_visitors_see_the_categories_but_no_topics(client, topic):
    page = client.get(reverse("forum:index")).content.decode()
    assert "Labor trafficking investigations" in page
    assert topic.title not in page
    assert client.get(reverse("forum:tag", args=["agriculture"])).status_code == 404
    assert client.get(reverse("forum:topic", args=[topic.pk])).status_code == 404
