"""Keeping the index in step with the database.

Saves and deletes of every registered model, and Wagtail's publish, unpublish and move
signals, queue a background task once the transaction commits. Apps call
``registry.reindex(obj)`` / ``registry.remove(kind, id)`` for changes a save does not show
(a group's membership, a change of tier on a related object).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from . import registry


def schedule_reindex(obj) -> None:
    kind = registry.kind_for_model(type(obj))
    if kind is None or obj.pk is None:
        return
    key, object_id = kind.key, str(obj.pk)

    def enqueue():
        from .tasks import reindex_object

        reindex_object.enqueue(key, object_id)

    transaction.on_commit(enqueue)


def schedule_remove(kind: str, object_id: str) -> None:
    def enqueue():
        from .tasks import remove_object

        remove_object.enqueue(kind, str(object_id))

    transaction.on_commit(enqueue)


def _saved(sender, instance, raw=False, **kwargs):
    if not raw and registry.kind_for_model(sender) is not None:
        schedule_reindex(instance)


def _deleted(sender, instance, **kwargs):
    kind = registry.kind_for_model(sender)
    if kind is not None:
        schedule_remove(kind.key, str(instance.pk))


def _page_changed(sender, instance, **kwargs):
    specific = getattr(instance, "specific_deferred", instance)
    if registry.kind_for_model(type(specific)) is not None:
        schedule_reindex(specific)


def _page_moved(sender, instance, **kwargs):
    """A move changes the URL of the page and of every page below it."""
    for page in instance.get_descendants(inclusive=True).specific():
        if registry.kind_for_model(type(page)) is not None:
            schedule_reindex(page)


def connect() -> None:
    """Listen to every model: apps register their kinds in their own ready(), possibly after
    ours, so the receivers look the sender up in the registry when a signal arrives."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(_saved, dispatch_uid="search.saved")
    post_delete.connect(_deleted, dispatch_uid="search.deleted")
    page_published.connect(_page_changed, dispatch_uid="search.page_published")
    page_unpublished.connect(_page_changed, dispatch_uid="search.page_unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="search.page_moved")
