"""The smallest Survivor Voices: an index at /voices/, an open magazine issue, the workflow,
an author with a pseudonym and an editor."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from survivors import services
from survivors.models import MagazineIssuePage, SurvivorVoicesIndexPage
from users.factories import UserFactory

LEGAL_NAME = "Maria Legalname-Reyes"
PSEUDONYM = "Marisol"


@pytest.fixture
def voices(home_page):
    index = home_page.add_child(
        instance=SurvivorVoicesIndexPage(title="Survivor Voices", slug="voices")
    )
    index.save_revision().publish()
    issue = index.add_child(instance=MagazineIssuePage(title="Spring issue", slug="spring"))
    issue.save_revision().publish()
    services.voices_workflow()
    return index


@pytest.fixture
def issue(voices):
    return MagazineIssuePage.objects.get(slug="spring")


@pytest.fixture
def author(users):
    user = users["survivor_leader"]
    user.display_name = LEGAL_NAME
    user.pseudonym = PSEUDONYM
    user.save()
    return user


@pytest.fixture
def editor(db):
    user = UserFactory(display_name="Edie Editor", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="Editors")[0])
    return user


def piece(author, title="Morning", body="I woke.\nThe door was open.", **extra):
    return services.work_submit(
        author=author,
        submission=services.Submission(
            kind="poetry",
            title=title,
            body=body,
            content_note="References to confinement",
            channels={"website", "print_magazine"},
            **extra,
        ),
    )


def editors_approve(work, editor):
    state = work.current_workflow_state
    state.current_task_state.approve(user=editor)
    work.refresh_from_db()
    return work


def author_approves(work, author, **kwargs):
    work = type(work).objects.get(pk=work.pk)
    kwargs.setdefault("channels", {"website", "print_magazine"})
    return services.work_approve(
        work=work, user=author, revision_id=work.get_latest_revision().pk, **kwargs
    )


def published_piece(author, editor, **kwargs):
    work = piece(author, **kwargs)
    editors_approve(work, editor)
    author_approves(work, author)
    return type(work).objects.get(pk=work.pk)


def jpeg_bytes(size=(64, 48), exif=None, xmp=None) -> bytes:
    out = io.BytesIO()
    params = {}
    if exif is not None:
        params["exif"] = exif
    if xmp is not None:
        params["xmp"] = xmp
    Image.new("RGB", size, (180, 90, 40)).save(out, "JPEG", **params)
    return out.getvalue()


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)
