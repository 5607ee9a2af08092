"""resource_draft_create makes an unpublished members-only publication with a clean body,
tagged with topics matched by name (missing ones created)."""

from library.factories import TopicFactory
from library.models import PublicationPage, ResourcePage, Topic
from library.services import resource_draft_create


def test_a_draft_resource_is_unpublished_members_only_and_sanitised(library_index, users):
    existing = TopicFactory(name="Labor trafficking")
    page = resource_draft_create(
        title="Building a case around a dairy farm",
        summary="Map the co-ops first.",
        body_html='<p>Map the co-ops.</p><script>alert(1)</script><a href="javascript:x">x</a>',
        source_url="https://hub.example/connect/t/1/",
        created_by=users["staff"],
        topics=("labor trafficking", "Agriculture"),
    )
    page = PublicationPage.objects.get(pk=page.pk)
    assert not page.live
    assert page.access_tier == "members"
    assert page.get_parent().pk == library_index.pk
    assert "<script>" not in page.body and "javascript:" not in page.body
    assert "Map the co-ops." in page.body
    assert set(page.topics.all()) == {existing, Topic.objects.get(slug="agriculture")}
    assert page.get_latest_revision() is not None
    assert not ResourcePage.objects.live().visible_to(users["staff"]).filter(pk=page.pk).exists()


def test_two_drafts_with_the_same_title_get_different_slugs(library_index, users):
    first = resource_draft_create(title="Same", summary="", body_html="", created_by=users["staff"])
    second = resource_draft_create(
        title="Same", summary="", body_html="", created_by=users["staff"]
    )
    assert first.slug != second.slug
