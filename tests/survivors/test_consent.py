"""Consent: nothing is published without the author's approval of that exact revision; an
end date unpublishes; withdrawal removes every trace and leaves a 410."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from survivors.models import ConsentRecord, ConsentRequired, PiecePage
from survivors.services import consent_expire

from .conftest import author_approves, editors_approve, piece, published_piece

pytestmark = pytest.mark.django_db


def test_a_submission_is_a_draft_in_the_workflow(voices, author):
    work = piece(author)
    assert not work.live
    assert work.current_workflow_state is not None


def test_publishing_without_the_authors_approval_is_refused(voices, author, editor):
    work = piece(author)
    with pytest.raises(ConsentRequired):
        work.get_latest_revision().publish(user=editor)
    work.refresh_from_db()
    assert not work.live


def test_the_editors_approval_alone_does_not_publish(voices, author, editor):
    work = editors_approve(piece(author), editor)
    assert not work.live


def test_the_authors_approval_publishes_the_approved_revision(voices, author, editor, client):
    work = published_piece(author, editor)
    assert work.live
    consent = ConsentRecord.objects.filter(work=work).first()
    assert consent.approved_revision_id == work.live_revision_id
    assert consent.website and consent.print_magazine and not consent.exhibition
    assert client.get(work.url).status_code == 200


def test_publishing_a_different_revision_is_refused(voices, author, editor):
    work = published_piece(author, editor)
    work.title = "Edited after approval"
    newer = work.save_revision(user=editor)
    with pytest.raises(ConsentRequired):
        newer.publish(user=editor)
    assert PiecePage.objects.get(pk=work.pk).title != "Edited after approval"


def test_the_admin_publish_button_is_refused_for_an_unapproved_revision(
    voices, author, editor, client, users
):
    work = published_piece(author, editor)
    admin = users["staff"]
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    response = client.post(
        f"/admin/pages/{work.pk}/edit/",
        {
            "title": "Changed by an editor",
            "slug": work.slug,
            "kind": "poetry",
            "body": "Not her words",
            "content_note": "",
            "statement": "",
            "action-publish": "action-publish",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    assert PiecePage.objects.get(pk=work.pk).title == "Morning"


def test_scheduled_publishing_publishes_only_the_approved_revision(
    voices, author, editor, settings
):
    settings.SURVIVORS_COOLING_OFF_HOURS = 24
    work = editors_approve(piece(author), editor)
    author_approves(work, author)
    work = PiecePage.objects.get(pk=work.pk)
    assert not work.live
    assert Revision.objects.filter(
        object_id=str(work.pk), approved_go_live_at__isnull=False
    ).exists()


def test_an_end_date_unpublishes_the_work(voices, author, editor, client):
    today = timezone.localdate()
    work = editors_approve(piece(author), editor)
    author_approves(work, author, ends_on=today + datetime.timedelta(days=2))
    work = PiecePage.objects.get(pk=work.pk)
    url = f"/voices/spring/{work.slug}/"
    assert work.live and client.get(url).status_code == 200

    ended = consent_expire(today=today + datetime.timedelta(days=3))

    work.refresh_from_db()
    assert ended == [work.pk] and not work.live
    assert client.get(url).status_code == 404


def test_the_expiry_command_reports_progress(voices, author, editor, capsys):
    call_command("survivors_consent_expiry")
    assert "consent" in capsys.readouterr().out.lower()
