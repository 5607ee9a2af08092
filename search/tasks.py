"""Background index updates (django-tasks). Queued only after the transaction commits, so a
worker never indexes a row that is then rolled back."""

from django_tasks import task

from . import registry, service


@task()
def reindex_object(kind: str, object_id: str) -> str:
    """Bring one object's entry up to date; drop it when it is gone or no longer indexable."""
    search_kind = registry.kinds().get(kind)
    if search_kind is None:
        return "unknown kind"
    obj = _load(search_kind, object_id)
    document = search_kind.to_document(obj) if obj is not None else None
    if document is None:
        service.delete_document(kind, object_id)
        return "removed"
    service.index_documents([document])
    return "indexed"


@task()
def remove_object(kind: str, object_id: str) -> str:
    service.delete_document(kind, object_id)
    return "removed"


def _load(search_kind: registry.SearchKind, object_id: str):
    """The object as a full reindex would read it (so e.g. unpublished pages drop out)."""
    objects = search_kind.queryset()
    if not hasattr(objects, "filter"):
        objects = search_kind.model._default_manager.all()
    try:
        return objects.filter(pk=object_id).first()
    except (ValueError, TypeError):
        return None
