"""Writing: drafts are kept while writing, quotes prefill the reply, edits keep a history,
links to this site's pages become cards for those who may open them."""

from django.urls import reverse
from wagtail.models import Page

from forum import services
from forum.models import Draft


def test_a_draft_is_saved_and_restored(client, topic, users):
    client.force_login(users["prosecutor"])
    key = f"topic-{topic.pk}"
    response = client.post(reverse("forum:draft_save"), {"key": key, "body": "half a thought"})
    assert response.status_code == 200
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "half a thought" in page and "Draft restored" in page
    services.post_create(topic=topic, author=users["prosecutor"], body="the whole thought")
    assert not Draft.objects.filter(user=users["prosecutor"], key=key).exists()


def test_drafts_for_spaces_one_cannot_post_in_are_refused(client, spaces, users):
    client.force_login(users["prosecutor"])
    response = client.post(
        reverse("forum:draft_save"), {"key": f"space-{spaces['region'].pk}", "body": "x"}
    )
    assert response.status_code == 404


def test_quoting_prefills_the_reply(client, topic, users):
    first = topic.posts.get(number=1)
    client.force_login(users["prosecutor"])
    page = client.get(reverse("forum:reply", args=[topic.pk]) + f"?quote={first.pk}")
    assert f"/connect/p/{first.pk}/" in page.content.decode()


def test_edits_keep_a_visible_history(client, topic, users):
    post = topic.posts.get(number=1)
    services.post_edit(
        post=post,
        editor=users["member"],
        body="Clearer question",
        title="Building a dairy farm case",
        reason="Clarified",
    )
    client.force_login(users["prosecutor"])
    page = client.get(reverse("forum:post_history", args=[post.pk])).content.decode()
    assert "tips about a dairy operation" in page and "Clarified" in page
    assert "How did you build a case around a dairy farm?" in page  # the old title


def test_links_to_site_pages_become_cards_for_those_who_may_open_them(
    client, home_page, category, users
):
    toolkit = home_page.add_child(
        instance=Page(
            title="Labor trafficking toolkit", slug="toolkit", search_description="How to start"
        )
    )
    post = services.topic_create(
        space=category,
        author=users["member"],
        title="Toolkit",
        body="Read [this](/toolkit/) and http://testserver/nowhere/",
    ).post
    assert list(post.linked_pages.all()) == [toolkit]
    client.force_login(users["prosecutor"])
    page = client.get(post.topic.get_absolute_url()).content.decode()
    assert "page-card" in page and "How to start" in page
    toolkit.unpublish()
    page = client.get(post.topic.get_absolute_url()).content.decode()
    assert "page-card" not in page


def test_a_link_to_a_page_deleted_and_recreated_at_the_same_path_links_the_new_page(
    home_page, category, users
):
    """Page ids for paths are cached briefly; a stale one must never be stored as a link."""
    old = home_page.add_child(instance=Page(title="Old guide", slug="guide"))
    services.topic_create(space=category, author=users["member"], title="One", body="[g](/guide/)")
    old_id = old.pk
    old.delete()
    new = home_page.add_child(instance=Page(title="New guide", slug="guide"))
    post = services.topic_create(
        space=category, author=users["member"], title="Two", body="See [g](/guide/)"
    ).post
    linked = set(
        post.linked_pages.through.objects.filter(post=post).values_list("page_id", flat=True)
    )
    assert old_id not in linked and linked <= {new.pk}
