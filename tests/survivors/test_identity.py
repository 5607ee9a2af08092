"""Identity: the link between a pseudonym and the legal name is visible only to advocates
(``survivors.view_legal_identity``): never on a page, in an admin listing, slug, owner,
revision, history, search, feed or email for anyone else."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail

from survivors.models import PiecePage

from .conftest import LEGAL_NAME, PSEUDONYM, author_approves, editors_approve, piece

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(voices, author, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        draft = piece(author, title="Morning")
        editors_approve(draft, editor)
        author_approves(draft, author)
    return PiecePage.objects.get(pk=draft.pk)


def test_the_author_is_not_the_owner_nor_any_revisions_user(work, author):
    assert work.owner_id != author.pk
    assert not work.revisions.filter(user=author).exists()
    assert PSEUDONYM.lower() not in work.slug and "maria" not in work.slug
    assert work.byline == PSEUDONYM


def test_public_pages_feed_and_search_show_the_pseudonym_never_the_legal_name(work, users, login):
    for kind in ("anonymous", "law_enforcement", "moderator", "co_lead", "member"):
        client = login(users[kind])
        for url in (
            work.url,
            "/voices/",
            "/voices/spring/",
            "/voices/feed/",
            "/sitemap.xml",
            "/search/?q=Morning",
        ):
            body = client.get(url, follow=True).content.decode()
            assert LEGAL_NAME not in body, (kind, url)
        assert PSEUDONYM in client.get(work.url).content.decode()


ADMIN_URLS = [
    "/admin/pages/{index}/",
    "/admin/pages/{issue}/",
    "/admin/pages/{work}/edit/",
    "/admin/pages/{work}/history/",
    "/admin/pages/{work}/revisions/{revision}/view/",
    "/admin/pages/{work}/workflow_history/",
    "/admin/pages/search/?q=Morning",
    "/admin/reports/site-history/",
    "/admin/reports/aging-pages/",
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
    "/admin/workflows/tasks/index/",
    "/admin/users/",
    "/admin/users/{author}/",
    "/admin/snippets/survivors/contenttheme/",
]


def test_admin_screens_never_connect_pseudonym_and_legal_name(work, author, editor, users, login):
    admin = users["staff"]
    admin.is_superuser = True
    admin.save()
    for user in (editor, admin):
        client = login(user)
        for pattern in ADMIN_URLS:
            url = pattern.format(
                index=work.get_parent().get_parent().pk,
                issue=work.get_parent().pk,
                work=work.pk,
                revision=work.live_revision_id,
                author=author.pk,
            )
            response = client.get(url)
            assert response.status_code in (200, 302, 403, 404), (url, response.status_code)
            body = response.content.decode()
            assert not (LEGAL_NAME in body and PSEUDONYM in body), (user, url)
            if "/users/" not in url:
                assert LEGAL_NAME not in body, (user, url)


def test_workflow_emails_carry_no_title_excerpt_or_pseudonym(
    voices, author, editor, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        draft = piece(author, title="Morning", body="The door was open")
        editors_approve(draft, editor)
        author_approves(draft, author)
    assert mail.outbox, "the author and editors are told there is an update"
    for message in mail.outbox:
        text = message.subject + message.body
        for secret in ("Morning", "The door was open", PSEUDONYM, LEGAL_NAME):
            assert secret not in text, (message.subject, secret)
    assert any(author.email in m.to for m in mail.outbox)


def test_only_advocates_see_who_is_behind_a_pseudonym(work, author, editor, users, login):
    for user in (editor, users["moderator"], users["law_enforcement"], users["co_lead"], author):
        assert login(user).get("/voices/identities/").status_code == 404
    advocate = users["staff"]
    advocate.user_permissions.add(Permission.objects.get(codename="view_legal_identity"))
    body = login(type(advocate).objects.get(pk=advocate.pk)).get("/voices/identities/")
    assert LEGAL_NAME in body.content.decode() and PSEUDONYM in body.content.decode()
