"""What Survivor Voices puts into site search: live works whose author consents to this
website, findable by everyone. A withdrawal or an ended consent removes the entry."""

from access.search import tier_tokens
from search.registry import SearchDocument, register

from .models import Channel, VoicesWork


def work_document(work) -> SearchDocument | None:
    work = work.specific
    if not work.live or not work.consent_allows(Channel.WEBSITE):
        return None
    parts = [work.statement, getattr(work, "body", ""), getattr(work, "transcript", "")]
    if hasattr(work, "gallery_images"):
        for item in work.gallery_images.all():
            parts += [item.caption, item.medium, item.alt_text]
    return SearchDocument(
        kind="voices",
        object_id=str(work.pk),
        title=work.title,
        body="\n".join(p for p in parts if p),
        url=work.url,
        access=tier_tokens("public"),
        date=work.first_published_at,
        facets={"type": [work._meta.verbose_name.capitalize()]},
        keywords=work.byline,
    )


def register_kinds() -> None:
    from .selectors import public_works

    register(
        "voices",
        label="Survivor Voices",
        model=VoicesWork,
        queryset=lambda: public_works().specific(),
        to_document=work_document,
    )
