"""She changes her own words after sending them, at any stage: the change is a new version
that goes to the editors and then to her, like a submission, and what is published stays
until she approves the new version. Nobody else can use her edit page; a change that cannot
be saved comes back with what she typed."""

import pytest
from django.core import mail
from wagtail.models import WorkflowState

from survivors.models import ExhibitionPage, PiecePage

from .conftest import author_approves, editors_approve, piece, published_piece
from .test_withdrawal import _gallery

pytestmark = pytest.mark.django_db


def _edit(client, work, **changes):
    data = {
        "title": work.title,
        "content_note": work.content_note,
        "statement": work.statement,
        "body": getattr(work, "body", ""),
    }
    data.update(changes)
    return client.post(f"/voices/me/{work.pk}/edit/", data)


def test_a_change_to_a_published_poem_waits_for_review_and_her_approval(
    voices, author, editor, login, client, django_capture_on_commit_callbacks
):
    work = published_piece(author, editor, title="Morning", body="I woke.\nThe door was open.")
    me = login(author)
    assert "I woke." in me.get(f"/voices/me/{work.pk}/edit/").content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _edit(me, work, body="I woke.\nThe window was open.")
    assert response.status_code == 302

    work = PiecePage.objects.get(pk=work.pk)
    assert work.live and "The door was open." in client.get(work.url).content.decode()
    assert work.get_latest_revision_as_object().body == "I woke.\nThe window was open."
    state = work.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert (
        "your new version is with the editors" in me.get(f"/voices/me/{work.pk}/").content.decode()
    )
    assert [message.to for message in mail.outbox] == [[editor.email]]
    assert "Morning" not in mail.outbox[0].subject + mail.outbox[0].body

    editors_approve(work, editor)
    author_approves(work, author)
    work = PiecePage.objects.get(pk=work.pk)
    page = client.get(work.url).content.decode()
    assert "The window was open." in page and "The door was open." not in page
    assert work.consent().approved_revision_id == work.live_revision_id


def test_a_change_while_in_review_restarts_the_review_with_the_new_version(
    voices, author, editor, login
):
    work = piece(author, title="Harbor")
    first_state = work.current_workflow_state
    assert _edit(login(author), work, title="Harbor lights").status_code == 302
    first_state.refresh_from_db()
    assert first_state.status == WorkflowState.STATUS_CANCELLED
    work = PiecePage.objects.get(pk=work.pk)
    assert work.current_workflow_state.pk != first_state.pk
    assert work.get_latest_revision_as_object().title == "Harbor lights"
    assert not work.live


def test_she_can_change_an_images_caption_and_description(voices, author, editor, login):
    work = _gallery(author, editor, count=2)
    second = list(work.gallery_images.all())[1]
    data = {
        "title": work.title,
        f"alt_{second.image_id}": "A pale door in a birch wood",
        f"caption_{second.image_id}": "Birchwood door, second study",
        f"medium_{second.image_id}": "oil on board",
    }
    first = work.gallery_images.first()
    data.update(
        {
            f"alt_{first.image_id}": first.alt_text,
            f"caption_{first.image_id}": first.caption,
            f"medium_{first.image_id}": first.medium,
        }
    )
    assert login(author).post(f"/voices/me/{work.pk}/edit/", data).status_code == 302
    draft = ExhibitionPage.objects.get(pk=work.pk).get_latest_revision_as_object()
    changed = [i for i in draft.gallery_images.all() if i.image_id == second.image_id][0]
    assert (changed.alt_text, changed.caption, changed.medium) == (
        "A pale door in a birch wood",
        "Birchwood door, second study",
        "oil on board",
    )
    live = ExhibitionPage.objects.get(pk=work.pk).gallery_images.get(image_id=second.image_id)
    assert live.caption == "Birchwood door"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"body": "   "}, "Please paste or type your work here."),
        ({"title": "x" * 201}, "at most 200 characters"),
    ],
)
def test_a_change_that_cannot_be_saved_comes_back_with_what_she_typed(
    voices, author, editor, login, changes, message
):
    work = piece(author, title="Harbor")
    revisions = work.revisions.count()
    response = _edit(login(author), work, statement="What I meant by the harbor.", **changes)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "What I meant by the harbor." in html
    assert work.revisions.count() == revisions


def test_an_image_needs_its_description(voices, author, editor, login):
    work = _gallery(author, editor, count=2)
    first, second = list(work.gallery_images.all())
    data = {"title": work.title, f"alt_{first.image_id}": "", f"alt_{second.image_id}": "x"}
    response = login(author).post(f"/voices/me/{work.pk}/edit/", data)
    assert response.status_code == 400
    assert "Please describe what the image shows." in response.content.decode()


def test_nobody_else_can_change_her_work(voices, author, editor, users, login):
    work = piece(author, title="Harbor")
    for user in (editor, users["staff"], users["co_lead"], users["moderator"]):
        client = login(user)
        assert client.get(f"/voices/me/{work.pk}/edit/").status_code == 404
        assert _edit(client, work, title="Taken").status_code == 404
    assert PiecePage.objects.get(pk=work.pk).get_latest_revision_as_object().title == "Harbor"
