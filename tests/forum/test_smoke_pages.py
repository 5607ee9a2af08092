"""Every forum page renders for a member (a guard against template errors)."""

from django.urls import reverse

from forum import services


def test_forum_pages_render_for_a_member(topic, users, login, spaces):
    client = login(users["taskforce_member"])
    services.post_create(topic=topic, author=users["law_enforcement"], body="Start with the co-op.")
    reply = topic.posts.get(number=2)
    for url in [
        reverse("forum:index"),
        reverse("forum:space", args=["labor"]),
        reverse("forum:space", args=[spaces["taskforce"].slug]),
        reverse("forum:topic", args=[topic.pk]),
        reverse("forum:reply", args=[topic.pk]) + f"?quote={reply.pk}",
        reverse("forum:topic_create", args=["labor"]),
        reverse("forum:post_history", args=[reply.pk]),
        reverse("forum:post_flag", args=[reply.pk]),
        reverse("forum:notifications"),
        reverse("forum:preferences"),
        reverse("forum:unanswered"),
        reverse("forum:tag", args=["agriculture"]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url


def test_the_fast_post_urls_match_the_url_conf():
    """The topic page builds post URLs by string (for speed); they must match reverse()."""
    from forum.topic_page import POST_BASE

    assert reverse("forum:post", args=[7]) == f"{POST_BASE}7/"
    assert reverse("forum:post_helpful", args=[7]) == f"{POST_BASE}7/helpful/"
    assert reverse("forum:attachment", args=[3]) == "/connect/attachments/3/"
    assert reverse("forum:reply", args=[2]) == "/connect/t/2/reply/"
