"""The library: who opens which resource, and the files and images resources use.

- A resource is open to the viewer when it is live and its access tier is one of the viewer's
  tiers (public: anyone; members: approved task force members and staff; law enforcement:
  members in law enforcement or prosecution, and staff). Lists, counts, related items, feeds,
  the sitemap and search use the queryset face of the same rule.
- A document or image a resource uses may be read by whoever may open that resource; a file
  used only by non-public resources is never public. Files no resource uses are left to the
  other rules (see ``access.media``).
"""

from .core import Viewer, filter_rule, rule
from .media import register_document_rule, register_image_rule
from .pages import register_page_rule
from .tiers import tier_q, tiers_for


@rule("library.view")
def can_view_resource(viewer: Viewer, page) -> bool:
    return bool(page.live) and page.access_tier in tiers_for(viewer)


@filter_rule("library.view")
def visible_resources(viewer: Viewer, queryset):
    return queryset.filter(tier_q(viewer))


@rule("library.registration.cancel")
def can_cancel_registration(viewer: Viewer, registration) -> bool:
    """Its owner, or staff acting for someone who cannot."""
    return viewer.is_authenticated and (viewer.is_staff or viewer.id == registration.user_id)


@rule("library.review_report")
def can_see_review_report(viewer: Viewer, obj=None) -> bool:
    """The report of resources due for review: staff and page editors."""
    return viewer.is_staff or viewer.has_perm("wagtailcore.change_page")


def _resources_using(obj, kind: str):
    """The resources (live or not) that use this document or image, with their tiers."""
    from library.files import resources_using

    return resources_using(obj, kind)


def _file_rule(kind: str):
    def check(viewer: Viewer, obj) -> bool | None:
        resources = _resources_using(obj, kind)
        if not resources:
            return None
        if viewer.is_staff:
            return True
        return any(can_view_resource(viewer, page) for page in resources)

    return check


def _register():
    from library.models import ResourcePage

    register_page_rule(ResourcePage, can_view_resource)


_register()
register_document_rule(_file_rule("document"))
register_image_rule(_file_rule("image"))
