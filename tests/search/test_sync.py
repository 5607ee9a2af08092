"""Saves, deletes, publishing, unpublishing and moves reach the index after the commit."""

import pytest
from django.db import transaction
from wagtail.models import Page

from access.search import tier_tokens
from core.models import HomePage
from search import registry, service
from search.models import IndexEntry
from search.registry import SearchDocument
from taskforces.factories import TaskForceFactory

pytestmark = pytest.mark.django_db


def _keys():
    return set(IndexEntry.objects.values_list("kind", "title"))


def test_a_saved_task_force_is_found_after_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        tf = TaskForceFactory(name="Dakota Plains Task Force", focus_areas="rural outreach")
        assert ("taskforce", "Dakota Plains Task Force") not in _keys()  # not before the commit
    assert callbacks
    hit = service.search(None, "dakota").hits[0]
    assert (hit.kind, hit.url) == ("taskforce", tf.get_absolute_url())


def test_an_edit_and_a_delete_update_the_index(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tf = TaskForceFactory(name="Harbor City Task Force", jurisdiction="Coastal county")
    with django_capture_on_commit_callbacks(execute=True):
        tf.name = "Harbour Bay Task Force"
        tf.save()
    assert service.search(None, "harbor").total == 0
    assert service.search(None, "harbour").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        tf.delete()
    assert service.search(None, "harbour").total == 0


def test_a_rolled_back_save_is_never_indexed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                TaskForceFactory(name="Phantom Task Force")
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert service.search(None, "phantom").total == 0


@pytest.fixture
def page_kind():
    """A page kind, registered as an app would: live pages only."""
    registry.register(
        "page",
        label="Page",
        model=HomePage,
        queryset=lambda: HomePage.objects.live(),
        to_document=lambda p: SearchDocument(
            kind="page",
            object_id=str(p.pk),
            title=p.title,
            body="",
            url=p.url_path,
            access=tier_tokens("public"),
        ),
    )


def test_publish_unpublish_and_move_update_page_entries(
    page_kind, django_capture_on_commit_callbacks
):
    root = Page.get_first_root_node()
    with django_capture_on_commit_callbacks(execute=True):
        parent = root.add_child(instance=HomePage(title="Section", slug="section", live=True))
        page = parent.add_child(instance=HomePage(title="Gazebo notes", slug="gazebo", live=False))
    assert service.search(None, "gazebo").total == 0
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert service.search(None, "gazebo").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        page.refresh_from_db()
        page.move(root, pos="last-child")
    moved = HomePage.objects.get(pk=page.pk).url_path
    assert moved == "/gazebo/"
    assert service.search(None, "gazebo").hits[0].url == moved
    with django_capture_on_commit_callbacks(execute=True):
        page.refresh_from_db()
        page.unpublish()
    assert service.search(None, "gazebo").total == 0


def test_apps_can_reindex_and_remove_when_access_changes(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        tf = TaskForceFactory(name="Quarry County Task Force")
    with django_capture_on_commit_callbacks(execute=True):
        registry.remove("taskforce", tf.pk)
    assert service.search(None, "quarry").total == 0
    with django_capture_on_commit_callbacks(execute=True):
        registry.reindex(tf)
    assert service.search(None, "quarry").total == 1
