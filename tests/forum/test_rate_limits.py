"""Per-user posting limits (counted in the shared cache) and slow mode; moderators are not
limited, and the typed text is kept when a post is refused."""

import pytest
from django.urls import reverse

from forum import services


def test_posting_faster_than_the_limit_is_refused(topic, users, settings):
    settings.FORUM_POST_RATE = (3, 60)
    for n in range(3):
        services.post_create(topic=topic, author=users["law_enforcement"], body=f"reply {n}")
    with pytest.raises(services.RateLimited):
        services.post_create(topic=topic, author=users["law_enforcement"], body="one too many")


def test_the_limit_is_per_member(topic, users, settings):
    settings.FORUM_POST_RATE = (1, 60)
    services.post_create(topic=topic, author=users["law_enforcement"], body="mine")
    services.post_create(topic=topic, author=users["prosecutor"], body="theirs")


def test_moderators_are_not_limited(topic, users, settings):
    settings.FORUM_POST_RATE = (1, 60)
    for n in range(3):
        services.post_create(topic=topic, author=users["staff"], body=f"note {n}")


def test_new_topics_have_their_own_limit(category, users, settings):
    settings.FORUM_TOPIC_RATE = (1, 600)
    services.topic_create(space=category, author=users["prosecutor"], title="One", body="x")
    with pytest.raises(services.RateLimited):
        services.topic_create(space=category, author=users["prosecutor"], title="Two", body="y")


def test_slow_mode_allows_one_post_per_interval(topic, users):
    services.topic_slow_mode(topic=topic, by=users["staff"], seconds=300)
    topic.refresh_from_db()
    services.post_create(topic=topic, author=users["prosecutor"], body="first")
    with pytest.raises(services.RateLimited, match="slow mode"):
        services.post_create(topic=topic, author=users["prosecutor"], body="second")


def test_a_refused_post_keeps_the_text(client, topic, users, settings):
    settings.FORUM_POST_RATE = (1, 60)
    client.force_login(users["prosecutor"])
    url = reverse("forum:reply", args=[topic.pk])
    client.post(url, {"body": "first reply", "action": "post"})
    response = client.post(url, {"body": "my careful second reply", "action": "post"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "my careful second reply" in page
    assert "Please wait" in page
