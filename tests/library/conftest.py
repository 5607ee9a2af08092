"""Library fixtures: the index page under the home page, a factory for resources of any type
and tier, and one upcoming webinar and one classroom training with two seats."""

import datetime

import pytest
from django.utils import timezone

from library.factories import (
    FACTORIES,
    ClassroomTrainingPageFactory,
    EventSessionFactory,
    LibraryIndexPageFactory,
    WebinarPageFactory,
)
from library.models import ResourceFormat


@pytest.fixture
def library_index(home_page):
    return LibraryIndexPageFactory(parent=home_page, title="Library", slug="library")


@pytest.fixture
def resource(library_index):
    """Make a live resource: ``resource(format="webinar", access_tier="members", title=...)``."""

    def make(format=ResourceFormat.TOOLKIT, **kwargs):
        kwargs.setdefault("parent", library_index)
        return FACTORIES[format](**kwargs)

    return make


@pytest.fixture
def webinar(library_index):
    page = WebinarPageFactory(
        parent=library_index, title="Labor trafficking indicators in agriculture", slug="webinar"
    )
    start = (timezone.now() + datetime.timedelta(days=10)).replace(microsecond=0)
    EventSessionFactory(page=page, start=start, end=start + datetime.timedelta(minutes=90))
    return page


@pytest.fixture
def classroom_training(library_index):
    page = ClassroomTrainingPageFactory(
        parent=library_index,
        title="Labor Trafficking Investigation and Prosecution",
        slug="classroom-training",
    )
    start = (timezone.now() + datetime.timedelta(days=30)).replace(microsecond=0)
    EventSessionFactory(
        page=page,
        start=start,
        end=start + datetime.timedelta(hours=7),
        place="Chicago, IL",
        capacity=2,
    )
    return page


@pytest.fixture
def library_collection(db):
    from wagtail.models import Collection

    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    return root.add_child(name="Library")


@pytest.fixture
def library_document(library_collection):
    """Make a PDF document in the Library collection: ``library_document("Slides")``."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from library.samples import pdf_bytes

    def make(title="Slides"):
        return get_document_model().objects.create(
            title=title,
            file=ContentFile(pdf_bytes(title), name="file.pdf"),
            collection=library_collection,
        )

    return make


@pytest.fixture
def library_image(library_collection):
    from django.core.files.base import ContentFile
    from wagtail.images import get_image_model

    from library.samples import png_bytes

    def make(title="Cover"):
        return get_image_model().objects.create(
            title=title,
            file=ContentFile(png_bytes(), name="cover.png"),
            collection=library_collection,
        )

    return make
