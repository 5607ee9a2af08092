"""The topic page costs a bounded number of queries, however many posts or people it shows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forum import services
from forum.models import Level
from users.factories import UserFactory


def _fill(topic, authors, count):
    for n in range(count):
        author = authors[n % len(authors)]
        services.post_create(topic=topic, author=author, body=f"Reply **{n}** with a [link](/x/)")


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_topic_page_queries_do_not_grow_with_posts_or_participants(
    client, topic, users, settings, django_assert_max_num_queries
):
    settings.FORUM_POST_RATE = None
    reader = users["prosecutor"]
    services.subscription_set(user=reader, topic=topic, level=Level.WATCHING)
    client.force_login(reader)
    url = reverse("forum:topic", args=[topic.pk])
    _fill(topic, [users["law_enforcement"]], 3)
    small = _queries(client, url)

    from taskforces.factories import MembershipFactory

    many = [MembershipFactory(user=UserFactory()).user for _ in range(12)]
    _fill(topic, many, 40)
    large = _queries(client, url)
    assert large <= small
    with django_assert_max_num_queries(20):
        client.get(url)
