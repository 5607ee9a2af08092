"""Files: the images, resized copies and recordings of a work that is not public are never
reachable by URL (its author and staff excepted); once it is published, anyone may load them."""

import pytest

from core.uploads import clean_image
from survivors import services
from survivors.models import ExhibitionPage

from .conftest import author_approves, editors_approve, jpeg_bytes, upload

pytestmark = pytest.mark.django_db


def test_an_unpublished_works_images_are_private_until_it_is_published(
    voices, author, editor, users, login
):
    work = services.work_submit(
        author=author,
        submission=services.Submission(
            kind="art",
            title="Draft painting",
            images=[services.ImageUpload(clean_image(upload("a.jpg", jpeg_bytes())), "A door")],
            channels={"website"},
        ),
    )
    image = work.gallery_images.get().image
    urls = [f"/media/{image.file.name}", f"/media/{image.get_rendition('width-40').file.name}"]
    for kind in ("anonymous", "law_enforcement", "moderator", "co_lead"):
        client = login(users[kind])
        assert all(client.get(url).status_code == 404 for url in urls), kind
    assert all(login(author).get(url).status_code == 200 for url in urls)

    editors_approve(work, editor)
    author_approves(work, author, channels={"website"})
    assert ExhibitionPage.objects.get(pk=work.pk).live
    client = login(None)
    client.logout()
    assert all(client.get(url).status_code == 200 for url in urls)
