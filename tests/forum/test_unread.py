"""Unread tracking: new topics and topics with unread posts are bold; the member picks up
where they left off."""

import pytest
from django.urls import reverse

from forum import services
from forum.models import TopicRead


def _row(page: str, title: str) -> str:
    start = page.index(title)
    return page[page.rindex("<li", 0, start) : start]


def test_a_topic_never_opened_is_new_and_bold(client, topic, users):
    client.force_login(users["prosecutor"])
    page = client.get(reverse("forum:space", args=["labor"])).content.decode()
    assert "is-unread" in _row(page, topic.title)
    assert "New" in page


def test_opening_a_topic_marks_it_read(client, topic, users):
    client.force_login(users["prosecutor"])
    client.get(reverse("forum:topic", args=[topic.pk]))
    assert TopicRead.objects.get(user=users["prosecutor"], topic=topic).last_read_number == 1
    page = client.get(reverse("forum:space", args=["labor"])).content.decode()
    assert "is-unread" not in _row(page, topic.title)


def test_new_replies_make_it_unread_again_with_a_count(client, topic, users):
    reader = users["prosecutor"]
    client.force_login(reader)
    client.get(reverse("forum:topic", args=[topic.pk]))
    for text in ["one", "two"]:
        services.post_create(topic=topic, author=users["law_enforcement"], body=text)
    page = client.get(reverse("forum:space", args=["labor"])).content.decode()
    assert "2 unread" in page


def test_jump_to_first_unread(client, topic, users, settings):
    settings.FORUM_POSTS_PER_PAGE = 2
    settings.FORUM_POST_RATE = None
    reader = users["prosecutor"]
    client.force_login(reader)
    client.get(reverse("forum:topic", args=[topic.pk]))
    for n in range(3):
        services.post_create(topic=topic, author=users["law_enforcement"], body=f"reply {n}")
    response = client.get(reverse("forum:topic_unread", args=[topic.pk]))
    assert response.url.endswith("#p2")
    client.get(response.url)  # page 1: posts 1 and 2
    response = client.get(reverse("forum:topic_unread", args=[topic.pk]))
    assert response.url.endswith("?page=2#p3")


def test_reading_never_moves_backwards(topic, users):
    reader = users["prosecutor"]
    services.topic_mark_read(user=reader, topic=topic, number=5)
    read = TopicRead.objects.get(user=reader, topic=topic)
    services.topic_mark_read(user=reader, topic=topic, number=2, known=read)
    read.refresh_from_db()
    assert read.last_read_number == 5


@pytest.mark.parametrize("level", ["muted"])
def test_a_muted_topic_leaves_the_lists(client, topic, users, level):
    client.force_login(users["prosecutor"])
    services.subscription_set(user=users["prosecutor"], topic=topic, level=level)
    assert topic.title not in client.get(reverse("forum:space", args=["labor"])).content.decode()
