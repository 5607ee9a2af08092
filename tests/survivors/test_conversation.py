"""The author and the editors talk about her work: she writes to them or replies in one of
their comment threads, at any time. The admin shows her words under the section's neutral
account, never hers; the editors' email says only that there is news; a note that cannot be
sent comes back with what she wrote."""

import pytest
from django.core import mail
from wagtail.models import Comment, CommentReply

from survivors.services import SYSTEM_OWNER_EMAIL

from .conftest import LEGAL_NAME, PSEUDONYM, piece

pytestmark = pytest.mark.django_db


def _editor_comment(work, editor, text="Could the second stanza come first?"):
    return Comment.objects.create(
        page=work,
        user=editor,
        text=text,
        contentpath="body",
        revision_created=work.get_latest_revision(),
    )


def test_she_replies_to_an_editors_comment_without_her_account_showing(
    voices, author, editor, login, django_capture_on_commit_callbacks
):
    work = piece(author, title="Harbor")
    comment = _editor_comment(work, editor)
    client = login(author)
    page = client.get(f"/voices/me/{work.pk}/").content.decode()
    assert "Could the second stanza come first?" in page and "The editors" in page
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/voices/me/{work.pk}/note/",
            {"text": "Yes, and keep the title.", "reply_to": comment.pk},
        )
    assert response.status_code == 302
    reply = CommentReply.objects.get(comment=comment)
    assert reply.text == "Yes, and keep the title."
    assert reply.user.email == SYSTEM_OWNER_EMAIL and reply.user_id != author.pk
    page = client.get(f"/voices/me/{work.pk}/").content.decode()
    assert "Yes, and keep the title." in page and "You ·" in page

    assert [message.to for message in mail.outbox] == [[editor.email]]
    sent = mail.outbox[0].subject + mail.outbox[0].body
    for secret in ("Harbor", PSEUDONYM, LEGAL_NAME, "keep the title"):
        assert secret not in sent


def test_she_writes_to_the_editors_before_they_have_written(voices, author, editor, login):
    work = piece(author, title="Harbor")
    response = login(author).post(f"/voices/me/{work.pk}/note/", {"text": "A typo in line 2."})
    assert response.status_code == 302
    note = Comment.objects.get(page=work)
    assert note.text == "A typo in line 2." and note.user.email == SYSTEM_OWNER_EMAIL


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   "}, "Please write your note."),
        ({"text": "Still here?", "reply_to": "999999"}, "no longer open"),
        ({"text": "x" * 4001}, "at most 4000 characters"),
    ],
)
def test_a_note_that_cannot_be_sent_comes_back_with_her_words(
    voices, author, editor, login, data, message
):
    work = piece(author, title="Harbor")
    response = login(author).post(f"/voices/me/{work.pk}/note/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    if data["text"].strip():
        assert data["text"] in html
    assert not Comment.objects.filter(page=work).exists()
    assert not CommentReply.objects.exists()


def test_a_reply_in_another_works_thread_is_refused(voices, author, editor, login):
    mine, other = piece(author, title="Harbor"), piece(author, title="Lighthouse")
    elsewhere = _editor_comment(other, editor)
    response = login(author).post(
        f"/voices/me/{mine.pk}/note/", {"text": "Hello", "reply_to": elsewhere.pk}
    )
    assert response.status_code == 400
    assert not CommentReply.objects.exists()


def test_nobody_else_can_write_on_her_behalf(voices, author, editor, users, login):
    work = piece(author, title="Harbor")
    for other in ("co_lead", "staff", "moderator"):
        response = login(users[other]).post(f"/voices/me/{work.pk}/note/", {"text": "Hi"})
        assert response.status_code == 404
    assert login(editor).post(f"/voices/me/{work.pk}/note/", {"text": "Hi"}).status_code == 404
    assert not Comment.objects.filter(page=work).exists()
