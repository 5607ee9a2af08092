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
