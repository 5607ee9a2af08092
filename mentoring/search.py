"""What mentoring puts into site search, and who may find it (the same people the detail
pages allow: see ``access.mentoring``)."""

from access.mentoring import colead_token, member_token
from access.search import STAFF, user_token
from search.registry import SearchDocument, register

from .models import AssistanceRequest, MenteeRequest, MentorOffer


def _pool_document(kind: str, title: str, obj, text: str) -> SearchDocument:
    """An offer or a request: found by its own task force's members (and staff)."""
    areas = [e.name for e in obj.areas.all()]
    return SearchDocument(
        kind=kind,
        object_id=str(obj.pk),
        title=f"{title}: {obj.taskforce.name}",
        body=f"{', '.join(areas)}. {text}",
        url=obj.get_absolute_url(),
        access=frozenset({member_token(obj.taskforce_id), STAFF}),
        date=obj.created_at,
        facets={"key element": areas},
    )


def offer_document(offer: MentorOffer) -> SearchDocument | None:
    return _pool_document("mentoring-offer", "Offer to mentor", offer, offer.availability)


def request_document(request: MenteeRequest) -> SearchDocument | None:
    return _pool_document("mentoring-request", "Request for a mentor", request, request.goals)


def assistance_document(ta: AssistanceRequest) -> SearchDocument | None:
    tokens = {colead_token(ta.taskforce_id), STAFF}
    if ta.requested_by_id:
        tokens.add(user_token(ta.requested_by_id))
    return SearchDocument(
        kind="mentoring-assistance",
        object_id=str(ta.pk),
        title=ta.summary,
        body=ta.details,
        url=ta.get_absolute_url(),
        access=frozenset(tokens),
        date=ta.created_at,
        facets={"topic": [ta.get_topic_display()]},
    )


def register_kinds() -> None:
    register(
        "mentoring-offer",
        label="Mentor offers",
        model=MentorOffer,
        queryset=lambda: MentorOffer.objects.select_related("taskforce").prefetch_related("areas"),
        to_document=offer_document,
    )
    register(
        "mentoring-request",
        label="Mentoring requests",
        model=MenteeRequest,
        queryset=lambda: MenteeRequest.objects.select_related("taskforce").prefetch_related(
            "areas"
        ),
        to_document=request_document,
    )
    register(
        "mentoring-assistance",
        label="Technical assistance requests",
        model=AssistanceRequest,
        queryset=lambda: AssistanceRequest.objects.all(),
        to_document=assistance_document,
    )
