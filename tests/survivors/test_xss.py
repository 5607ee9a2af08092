"""Pseudonyms, titles, content notes, captions and alt texts with script payloads are escaped
everywhere they appear."""

import pytest

from core.uploads import clean_image
from survivors import services
from survivors.models import ExhibitionPage, PiecePage

from .conftest import author_approves, editors_approve, jpeg_bytes, upload

pytestmark = pytest.mark.django_db
PAYLOAD = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


def test_payloads_are_escaped_on_pages_dashboard_and_feed(voices, author, editor, login):
    author.pseudonym = "Mari" + PAYLOAD
    author.save()
    piece = services.work_submit(
        author=author,
        submission=services.Submission(
            kind="writing",
            title="Title" + PAYLOAD,
            body="Body" + PAYLOAD,
            content_note="Note" + PAYLOAD,
            statement="Statement" + PAYLOAD,
            channels={"website"},
        ),
    )
    art = services.work_submit(
        author=author,
        submission=services.Submission(
            kind="art",
            title="Art",
            content_note="Note" + PAYLOAD,
            images=[
                services.ImageUpload(
                    clean_image(upload("a.jpg", jpeg_bytes())),
                    alt_text="Alt" + PAYLOAD,
                    caption="Caption" + PAYLOAD,
                    medium="Medium" + PAYLOAD,
                )
            ],
            channels={"website"},
        ),
    )
    for work in (piece, art):
        editors_approve(work, editor)
        author_approves(work, author, channels={"website"})
    piece = PiecePage.objects.get(pk=piece.pk)
    art = ExhibitionPage.objects.get(pk=art.pk)
    client = login(author)
    for url in (
        piece.url,
        art.url,
        "/voices/",
        "/voices/spring/",
        "/voices/feed/",
        "/voices/me/",
        f"/voices/me/{piece.pk}/",
    ):
        body = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in body, url
        assert "<img src=x onerror" not in body, url
