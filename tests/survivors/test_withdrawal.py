"""Withdrawal removes every trace: the page, its files and resized copies, its revisions, its
search entry, sitemap and feed entries; its address answers 410. Only the author (or an
editor with the dedicated permission, logged) may withdraw."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision

from search.models import IndexEntry
from survivors import services
from survivors.models import ConsentRecord, ExhibitionPage, ImageWithdrawal

from .conftest import author_approves, editors_approve, jpeg_bytes, published_piece, upload

pytestmark = pytest.mark.django_db


CAPTIONS = ["Lantern window", "Birchwood door", "Cobalt stairs"]


def _gallery(author, editor, count=2):
    from core.uploads import clean_image

    images = [
        services.ImageUpload(
            clean_image(upload(f"p{n}.jpg", jpeg_bytes())),
            f"Painting {n}",
            caption=CAPTIONS[n - 1],
            medium="acrylic on canvas",
        )
        for n in range(1, count + 1)
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
        login(author).post(f"/voices/me/{pk}/withdraw/", {"what": "work"})
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


def _files_of(image):
    image.get_rendition("max-1000x800")
    return [image.file.name, *image.renditions.values_list("file", flat=True)]


def test_withdrawing_one_painting_leaves_the_others_published(
    voices, author, editor, login, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        work = _gallery(author, editor, count=3)
    items = list(work.gallery_images.select_related("image"))
    gone, kept = items[1], [items[0], items[2]]
    files = _files_of(gone.image)
    kept_files = [name for item in kept for name in _files_of(item.image)]
    approved = work.consent().approved_revision_id
    visitor = login(None)
    assert work.url in visitor.get("/search/", {"q": "birchwood"}).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = login(author).post(
            f"/voices/me/{work.pk}/withdraw/", {"what": str(gone.image_id)}
        )
    assert response.status_code == 302 and response.url == f"/voices/me/{work.pk}/"

    work = ExhibitionPage.objects.get(pk=work.pk)
    assert work.live and work.consent().approved_revision_id == approved
    assert [i.image_id for i in work.gallery_images.all()] == [i.image_id for i in kept]
    assert not get_image_model().objects.filter(pk=gone.image_id).exists()
    assert not any(default_storage.exists(name) for name in files)
    assert all(default_storage.exists(name) for name in kept_files)
    for revision in Revision.objects.filter(object_id=str(work.pk)):
        shown = [entry["image"] for entry in revision.content["gallery_images"]]
        assert gone.image_id not in shown and "Birchwood" not in str(revision.content)

    page = visitor.get(work.url).content.decode()
    assert "Lantern window" in page and "Cobalt stairs" in page
    assert "Birchwood" not in page
    assert "One image was withdrawn from this gallery by its author." in page
    assert work.url not in visitor.get("/search/", {"q": "birchwood"}).content.decode()
    assert work.url in visitor.get("/search/", {"q": "cobalt"}).content.decode()
    assert visitor.get("/voices/feed/").status_code == 200
    entry = PageLogEntry.objects.get(page_id=work.pk, action="survivors.withdraw_image")
    assert entry.user_id is None and entry.data["on_behalf"] is False


def test_the_withdraw_page_offers_each_painting_with_the_chosen_one_marked(
    voices, author, editor, login
):
    work = _gallery(author, editor, count=2)
    second = list(work.gallery_images.all())[1]
    client = login(author)
    detail = client.get(f"/voices/me/{work.pk}/").content.decode()
    assert f"/voices/me/{work.pk}/withdraw/?image={second.image_id}" in detail
    page = client.get(f"/voices/me/{work.pk}/withdraw/", {"image": second.image_id})
    html = page.content.decode()
    assert "Only image 2: Birchwood door" in html
    checked = re.findall(r"<input[^>]*\bchecked\b[^>]*>", html)
    assert len(checked) == 1 and f'value="{second.image_id}"' in checked[0]


def test_a_gallery_choice_must_be_made_and_the_last_image_withdraws_the_work(
    voices, author, editor, login
):
    work = _gallery(author, editor, count=2)
    first, second = list(work.gallery_images.all())
    client = login(author)
    for data in ({}, {"what": "999999"}, {"what": "nonsense"}):
        refused = client.post(f"/voices/me/{work.pk}/withdraw/", data)
        assert refused.status_code == 400
        assert "What do you want to withdraw?" in refused.content.decode()
    assert work.gallery_images.count() == 2

    client.post(f"/voices/me/{work.pk}/withdraw/", {"what": str(first.image_id)})
    with pytest.raises(ValidationError, match="only image"):
        services.image_withdraw(work=work, image_id=second.image_id, user=author)
    # With one image left there is nothing to choose: the page withdraws the whole work.
    page = client.get(f"/voices/me/{work.pk}/withdraw/").content.decode()
    assert "Only image" not in page
    client.post(f"/voices/me/{work.pk}/withdraw/")
    assert not Page.objects.filter(pk=work.pk).exists()
    assert ImageWithdrawal.objects.filter(author=author).count() == 1


def test_only_the_author_or_an_editor_with_the_permission_withdraws_an_image(
    voices, author, editor, users, login
):
    work = _gallery(author, editor, count=2)
    image_id = work.gallery_images.first().image_id
    for other in ("co_lead", "staff", "moderator"):
        response = login(users[other]).post(
            f"/voices/me/{work.pk}/withdraw/", {"what": str(image_id)}
        )
        assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        services.image_withdraw(work=work, image_id=image_id, user=editor, on_behalf=True)
    assert work.gallery_images.count() == 2

    editor.user_permissions.add(Permission.objects.get(codename="withdraw_on_behalf"))
    editor = type(editor).objects.get(pk=editor.pk)
    response = login(editor).post(f"/voices/withdraw-on-behalf/{work.pk}/", {"what": str(image_id)})
    assert response.status_code == 302
    assert work.gallery_images.count() == 1
    entry = PageLogEntry.objects.get(page_id=work.pk, action="survivors.withdraw_image")
    assert entry.user_id == editor.pk and entry.data["on_behalf"] is True
    assert ImageWithdrawal.objects.get().on_behalf
