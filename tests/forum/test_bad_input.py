"""Bad input gets a clear message or a 4xx, never a 500, and the typed text stays in the form."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from forum import services


def _post(client, url, data):
    response = client.post(url, data)
    assert response.status_code < 500
    return response


def test_an_empty_post_is_refused_with_a_message(client, topic, users):
    client.force_login(users["prosecutor"])
    response = _post(client, reverse("forum:reply", args=[topic.pk]), {"body": "   "})
    assert response.status_code == 400
    assert (
        "This field is required" in response.content.decode()
        or "write something" in response.content.decode()
    )


def test_an_oversized_post_is_refused_and_kept(client, topic, users, settings):
    settings.FORUM_MAX_POST_CHARS = 100
    client.force_login(users["prosecutor"])
    body = "long words " * 20
    response = _post(client, reverse("forum:reply", args=[topic.pk]), {"body": body})
    assert response.status_code == 400
    assert "the limit is 100" in response.content.decode()
    assert body.strip() in response.content.decode()


def test_a_topic_without_a_title_keeps_the_body(client, category, users):
    client.force_login(users["prosecutor"])
    response = _post(
        client,
        reverse("forum:topic_create", args=["labor"]),
        {"title": " ", "body": "my question text"},
    )
    assert response.status_code == 400
    assert "my question text" in response.content.decode()


def test_posting_to_a_group_one_is_not_in_is_404(client, spaces, users):
    client.force_login(users["prosecutor"])
    response = _post(
        client,
        reverse("forum:topic_create", args=[spaces["region"].slug]),
        {"title": "x", "body": "y"},
    )
    assert response.status_code == 404


def test_replying_to_a_hidden_post_keeps_the_text(client, topic, users):
    reply = services.post_create(topic=topic, author=users["law_enforcement"], body="x").post
    services.post_hide(post=reply, by=users["staff"], reason="Off-topic")
    client.force_login(users["prosecutor"])
    response = _post(
        client,
        reverse("forum:reply", args=[topic.pk]),
        {"body": "my answer to that", "reply_to": reply.pk},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "no longer available" in page and "my answer to that" in page


def test_a_50_mb_attachment_is_refused(client, topic, users):
    client.force_login(users["prosecutor"])
    big = SimpleUploadedFile(
        "evidence.pdf", b"%PDF-1.4\n" + b"0" * (50 * 1024 * 1024), content_type="application/pdf"
    )
    response = _post(
        client,
        reverse("forum:reply", args=[topic.pk]),
        {"body": "see attached", "attachments": big},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "the limit is 20 MB" in page and "see attached" in page


def test_an_image_that_is_not_an_image_is_refused(client, topic, users):
    client.force_login(users["prosecutor"])
    fake = SimpleUploadedFile("photo.png", b"<html>not an image</html>", content_type="image/png")
    response = _post(
        client,
        reverse("forum:reply", args=[topic.pk]),
        {"body": "photo of the barn", "attachments": fake},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "not an image we can read" in page and "photo of the barn" in page


def test_a_decompression_bomb_is_refused(client, topic, users):
    buffer = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(buffer, "PNG")
    bomb = SimpleUploadedFile("bomb.png", buffer.getvalue(), content_type="image/png")
    client.force_login(users["prosecutor"])
    response = _post(
        client,
        reverse("forum:reply", args=[topic.pk]),
        {"body": "map of the farm", "attachments": bomb},
    )
    assert response.status_code == 400
    assert "map of the farm" in response.content.decode()


def test_a_document_whose_content_lies_is_refused(client, topic, users):
    client.force_login(users["prosecutor"])
    fake = SimpleUploadedFile("notes.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = _post(
        client, reverse("forum:reply", args=[topic.pk]), {"body": "notes", "attachments": fake}
    )
    assert response.status_code == 400
    assert "content is not a PDF" in response.content.decode()


def test_nonsense_page_numbers_and_actions_do_not_break(client, topic, users):
    client.force_login(users["staff"])
    assert client.get(reverse("forum:topic", args=[topic.pk]) + "?page=abc").status_code == 200
    assert client.get(reverse("forum:topic", args=[topic.pk]) + "?page=999").status_code == 200
    assert client.post(f"/connect/t/{topic.pk}/moderate/explode/").status_code == 404
    assert client.post(reverse("forum:draft_save"), {"key": "bogus"}).status_code == 400
    assert client.get(reverse("forum:tag", args=["no-such-tag"])).status_code == 404
