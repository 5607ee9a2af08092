"""What the search service indexes from the forum, and who may find it: the readers of the
topic's space (``forum-space:<id>`` tokens, minted in ``access.forum``) and staff."""

from access.forum import space_token
from access.search import STAFF
from search.registry import SearchDocument

from .markup import excerpt
from .models import PostStatus


def _tokens(space) -> frozenset[str]:
    return frozenset({space_token(space.pk), STAFF})


def topic_document(topic) -> SearchDocument | None:
    if topic.is_hidden or topic.deleted_at is not None:
        return None
    first = topic.posts.filter(number=1, status=PostStatus.PUBLISHED).first()
    if first is None:
        return None
    return SearchDocument(
        kind="forum-topic",
        object_id=str(topic.pk),
        title=topic.title,
        body=excerpt(first.body_html, 5000),
        url=topic.get_absolute_url(),
        access=_tokens(topic.space),
        date=topic.last_post_at,
        facets={
            "space": [topic.space.name],
            "type": ["Question" if topic.is_question else "Discussion"],
            "solved": ["Solved" if topic.solution_id else "Open"],
        },
        keywords=" ".join(topic.tags.values_list("name", flat=True)),
        boost=1.2 if topic.solution_id else 1.0,
    )


def post_document(post) -> SearchDocument | None:
    topic = post.topic
    if post.number == 1 or post.status != PostStatus.PUBLISHED:
        return None
    if topic.is_hidden or topic.deleted_at is not None:
        return None
    return SearchDocument(
        kind="forum-post",
        object_id=str(post.pk),
        title=f"Re: {topic.title}",
        body=excerpt(post.body_html, 5000),
        url=post.get_absolute_url(),
        access=_tokens(topic.space),
        date=post.created_at,
        facets={"space": [topic.space.name]},
        boost=1.3 if topic.solution_id == post.pk else 1.0,
    )
