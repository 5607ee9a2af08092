"""Named writes of the library. Views, the admin, other apps and ``seed_demo`` call these."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page, Site

from access.tiers import Tier
from core.sanitize import clean_html

from .models import LibraryIndexPage, PublicationPage, Topic


def library_index_get_or_create() -> LibraryIndexPage:
    """The library index (the first one), created under the default site's root if missing."""
    index = LibraryIndexPage.objects.order_by("path").first()
    if index is not None:
        return index
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    parent = site.root_page if site else Page.get_first_root_node()
    if parent is None:
        raise ValidationError("The site has no page tree to put the library in.")
    index = LibraryIndexPage(title="Library", slug="library")
    parent.add_child(instance=index)
    return index


def unique_child_slug(parent: Page, title: str) -> str:
    base = slugify(title)[:70] or "resource"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken or slug == "feed":
        slug, n = f"{base}-{n}", n + 1
    return slug


def topics_for_names(names) -> list[Topic]:
    """The Topic snippets with these names (matched case-insensitively), creating missing ones."""
    topics = []
    for name in dict.fromkeys(n.strip() for n in names if n and n.strip()):
        slug = slugify(name)[:100]
        if not slug:
            continue
        topic = (
            Topic.objects.filter(name__iexact=name[:100]).first()
            or Topic.objects.filter(slug=slug).first()
        )
        if topic is None:
            topic = Topic.objects.create(name=name[:100].capitalize(), slug=slug)
        topics.append(topic)
    return topics


@transaction.atomic
def resource_draft_create(
    *,
    title: str,
    summary: str,
    body_html: str,
    source_url: str = "",
    created_by,
    topics=(),
) -> PublicationPage:
    """Create an unpublished publication for members, for editors to review and publish.
    The body is cleaned by the site's one sanitizer; topics are matched by name."""
    title = (title or "").strip()[:255]
    if not title:
        raise ValidationError("A library resource needs a title.")
    index = library_index_get_or_create()
    page = PublicationPage(
        title=title,
        slug=unique_child_slug(index, title),
        summary=(summary or "").strip()[:600] or title,
        body=clean_html(body_html),
        source_url=(source_url or "")[:200],
        access_tier=Tier.MEMBERS,
        live=False,
        owner=created_by,
    )
    page.topics.set(topics_for_names(topics))  # kept in memory until add_child saves
    index.add_child(instance=page)
    page.save_revision(user=created_by, log_action=True)
    return page
