"""Uploaded files. Nothing under MEDIA_ROOT has a public URL: the media view and Wagtail's
document view ask these rules, and an unclaimed file is nobody's but staff's.

Apps add rules in their own access module:
- ``register_file_prefix(prefix, rule)`` for files they store under their own prefix;
- ``register_image_rule(rule)`` / ``register_document_rule(rule)`` for Wagtail images and
  documents they use; a rule answers True (may read), False (may not) or None (not mine).
A file used in several places may be read if any of them lets the viewer read it. Images and
documents no rule claims are public in the root collection and staff-only elsewhere.
"""

from collections.abc import Callable
from typing import Any

from .core import Viewer, rule, viewer_for

FileRule = Callable[[Viewer, str], bool]
ObjectRule = Callable[[Viewer, Any], bool | None]

_prefix_rules: list[tuple[str, FileRule]] = []
_image_rules: list[ObjectRule] = []
_document_rules: list[ObjectRule] = []


def register_file_prefix(prefix: str, check: FileRule) -> None:
    _prefix_rules.append((prefix, check))


def register_image_rule(check: ObjectRule) -> None:
    _image_rules.append(check)


def register_document_rule(check: ObjectRule) -> None:
    _document_rules.append(check)


def _decide(viewer: Viewer, obj, rules: list[ObjectRule]) -> bool:
    """A file used in several places may be read if any place lets the viewer read it."""
    answers = {check(viewer, obj) for check in rules} - {None}
    if answers:
        return True in answers
    if viewer.is_staff:
        return True
    return obj.collection.is_root()


@rule("image.view")
def can_view_image(viewer: Viewer, image) -> bool:
    return _decide(viewer, image, _image_rules)


@rule("document.view")
def can_view_document(viewer: Viewer, document) -> bool:
    return _decide(viewer, document, _document_rules)


def can_read_file(user, name: str) -> bool:
    """May this user read the stored file with this name (relative to MEDIA_ROOT)?"""
    viewer = viewer_for(user)
    if name.startswith(("original_images/", "images/")):
        image = _image_for_file(name)
        return image is not None and can_view_image(viewer, image)
    if name.startswith("documents/"):
        from wagtail.documents import get_document_model

        document = get_document_model().objects.filter(file=name).first()
        return document is not None and can_view_document(viewer, document)
    for prefix, check in _prefix_rules:
        if name.startswith(prefix):
            return bool(check(viewer, name))
    return False


def _image_for_file(name: str):
    from wagtail.images import get_image_model

    Image = get_image_model()
    if name.startswith("original_images/"):
        return Image.objects.filter(file=name).select_related("collection").first()
    Rendition = Image.get_rendition_model()
    rendition = Rendition.objects.filter(file=name).select_related("image__collection").first()
    return rendition.image if rendition else None
