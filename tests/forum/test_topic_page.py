"""The topic page reuses each post's rendered HTML, yet always shows the post as it is now and
as this viewer may see it; attachments and page links still show."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from forum import services
from forum.forms import prepare_attachment


def _page(client, topic) -> str:
    response = client.get(reverse("forum:topic", args=[topic.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_attachments_show_under_their_post(client, category, users):
    upload = SimpleUploadedFile("farm-visit-checklist.pdf", b"%PDF-1.4\n%%EOF\n")
    post = services.topic_create(
        space=category,
        author=users["member"],
        title="Checklist",
        body="Attached.",
        attachments=[prepare_attachment(upload)],
    ).post
    client.force_login(users["prosecutor"])
    page = _page(client, post.topic)
    item = post.attachments.get()
    assert f'href="/connect/attachments/{item.pk}/"' in page
    assert "farm-visit-checklist.pdf" in page


def test_an_edit_shows_at_once(client, topic, users):
    client.force_login(users["prosecutor"])
    assert "How</strong> did you start" in _page(client, topic)
    post = topic.posts.get(number=1)
    services.post_edit(post=post, editor=users["member"], body="We found the co-op ledger.")
    page = _page(client, topic)
    assert "co-op ledger" in page and "How</strong> did you start" not in page
    assert "edited" in page


def test_hiding_a_post_replaces_it_for_readers_but_not_for_moderators(client, topic, users):
    reply = services.post_create(
        topic=topic, author=users["law_enforcement"], body="Her name is on the ledger."
    ).post
    client.force_login(users["prosecutor"])
    assert "on the ledger" in _page(client, topic)
    services.post_hide(post=reply, by=users["staff"], reason="Names a survivor")
    page = _page(client, topic)
    assert "on the ledger" not in page and "hidden by a moderator" in page
    client.force_login(users["staff"])
    page = _page(client, topic)
    assert "on the ledger" in page and "Names a survivor" in page


def test_each_viewer_sees_their_own_helpful_mark(client, topic, users):
    reply = services.post_create(
        topic=topic, author=users["law_enforcement"], body="Start with the wage records."
    ).post
    services.reaction_toggle(post=reply, user=users["prosecutor"])
    client.force_login(users["prosecutor"])
    assert "Helpful ✓" in _page(client, topic)
    client.force_login(users["co_lead"])
    page = _page(client, topic)
    assert "Helpful ✓" not in page and "1 found this helpful" in page
