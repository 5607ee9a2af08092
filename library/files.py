"""Which resources use a document or an image, so the access policy can decide who reads it.

Foreign keys (a webinar's slides, a publication's document, a resource's image) are asked
directly, so a file is protected the moment the page is saved; files placed in StreamField
sections and rich text are found through Wagtail's reference index."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import ReferenceIndex

from .models import DOCUMENT_FIELDS, ResourcePage


def _resource_content_type_ids() -> list[int]:
    models = [ResourcePage, *ResourcePage.__subclasses__()]
    return [ct.pk for ct in ContentType.objects.get_for_models(*models).values()]


def resources_using(obj, kind: str) -> list[ResourcePage]:
    """Every resource page that uses this document (kind="document") or image ("image")."""
    q = Q()
    if kind == "image":
        q |= Q(image=obj.pk)
    else:
        for model, fields in DOCUMENT_FIELDS.items():
            name = model._meta.model_name
            for field in fields:
                q |= Q(**{f"{name}__{field}": obj.pk})
    referencing = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(type(obj)),
        to_object_id=str(obj.pk),
        content_type_id__in=_resource_content_type_ids(),
    ).values_list("object_id", flat=True)
    ids = [int(pk) for pk in referencing if str(pk).isdigit()]
    if ids:
        q |= Q(pk__in=ids)
    return list(
        ResourcePage.objects.filter(q).only("pk", "live", "access_tier", "title").distinct()
    )
