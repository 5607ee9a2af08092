"""Withdrawal removes every trace: the page, its files and resized copies, its revisions, its
search entry, sitemap and feed entries; its address answers 410. Only the author (or an
editor with the dedicated permission, logged) may withdraw."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.storage import default_storage
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision

from search.models import IndexEntry
from survivors import services
from survivors.models import ConsentRecord, ExhibitionPage

from .conftest import author_approves, editors_approve, jpeg_bytes, published_piece, upload

pytestmark = pytest.mark.django_db


def _gallery(author, editor):
    from core.uploads import clean_image

    images = [
        services.ImageUpload(clean_image(upload(f"p{n}.jpg", jpeg_bytes())), f"Painting {n}")
        for n in (1, 2)
    ]
    work = services.work_submit(
        author=author,
        submission=services.Submission(
            kind="art", title="Spring paintings", images=images, channels={"website"}
        ),
    )
    editors_approve(work, editor)
    author_approves(work, author, channels={"website"})
    return ExhibitionPage.objects.get(pk=work.pk)


def test_withdrawal_removes_every_trace(
    voices, author, editor, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        work = _gallery(author, editor)
    assert IndexEntry.objects.filter(kind="voices", object_id=str(work.pk)).exists()
    client = login(None)
    page = client.get(work.url)
    assert page.status_code == 200
    image_ids = [item.image_id for item in work.gallery_images.all()]
    image = get_image_model().objects.get(pk=image_ids[0])
    rendition = image.get_rendition("max-1000x800")
    files = [image.file.name, rendition.file.name]
    assert all(default_storage.exists(name) for name in files)
    url, pk = work.url, work.pk

    with django_capture_on_commit_callbacks(execute=True):
        login(author).post(f"/voices/me/{pk}/withdraw/")
    assert not IndexEntry.objects.filter(kind="voices", object_id=str(pk)).exists()

    assert not Page.objects.filter(pk=pk).exists()
    assert not get_image_model().objects.filter(pk__in=image_ids).exists()
    assert not any(default_storage.exists(name) for name in files)
    assert not Revision.objects.filter(object_id=str(pk)).exists()
    gone = client.get(url)
    assert gone.status_code == 410
    assert "withdrawn by its author" in gone.content.decode()
    assert work.title not in client.get("/sitemap.xml").content.decode()
    assert work.title not in client.get("/voices/feed/").content.decode()
    assert url not in client.get("/search/", {"q": "Spring paintings"}).content.decode()
    record = ConsentRecord.objects.get(withdrawn_path__gt="")
    assert record.withdrawn_at and not record.on_behalf
    assert not PageLogEntry.objects.filter(page_id=pk).exclude(action="survivors.withdraw").exists()
    assert PageLogEntry.objects.get(page_id=pk).label == "Withdrawn work"


def test_a_live_work_is_in_sitemap_and_feed_until_withdrawn(voices, author, editor, client):
    published_piece(author, editor, title="Lantern")
    assert "lantern" in client.get("/sitemap.xml").content.decode()
    assert "Lantern" in client.get("/voices/feed/").content.decode()


def test_withdrawing_someone_elses_work_is_not_found(voices, author, editor, users, login):
    work = published_piece(author, editor)
    for other in ("co_lead", "staff", "moderator", "navigator"):
        user = users[other]
        assert login(user).post(f"/voices/me/{work.pk}/withdraw/").status_code == 404
    assert Page.objects.filter(pk=work.pk, live=True).exists()


def test_an_editor_with_the_permission_withdraws_on_behalf_and_it_is_logged(
    voices, author, editor, login
):
    work = published_piece(author, editor)
    assert login(editor).post(f"/voices/withdraw-on-behalf/{work.pk}/").status_code == 404
    editor.user_permissions.add(Permission.objects.get(codename="withdraw_on_behalf"))
    editor = type(editor).objects.get(pk=editor.pk)
    response = login(editor).post(f"/voices/withdraw-on-behalf/{work.pk}/")
    assert response.status_code == 302
    assert not Page.objects.filter(pk=work.pk).exists()
    entry = PageLogEntry.objects.get(page_id=work.pk, action="survivors.withdraw")
    assert entry.user_id == editor.pk and entry.data["on_behalf"] is True
    assert ConsentRecord.objects.get(withdrawn_path__gt="").on_behalf
