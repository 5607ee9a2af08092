"""What the search service indexes from the library, and who may find it: the tokens of the
resource's access tier (``access.search.tier_tokens``), so search agrees with the page."""

from access.search import tier_tokens
from search.registry import SearchDocument


def resource_document(page) -> SearchDocument | None:
    page = page.specific
    if not page.live:
        return None
    topics = [t.name for t in page.topics.all()]
    audiences = [a.name for a in page.audiences.all()]
    kinds = [t.name for t in page.trafficking_types.all()]
    return SearchDocument(
        kind="library",
        object_id=str(page.pk),
        title=page.title,
        body=f"{page.summary}\n{page.body_text()}"[:20000],
        url=page.url or "",
        access=tier_tokens(page.access_tier),
        date=page.first_published_at,
        facets={
            "topic": topics,
            "audience": audiences,
            "format": [page.get_resource_format_display()],
            "trafficking type": kinds,
        },
        keywords=" ".join([page.summary, page.keywords, *topics, *kinds]),
    )
