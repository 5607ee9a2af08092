"""Reading Survivor Voices: what the public may see (live works whose author's consent to this
website is in force), an author's own works, and what each one is waiting for."""

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from wagtail.models import WorkflowState

from .models import Channel, ConsentRecord, VoicesEventPage, VoicesWork


def public_works(queryset=None):
    """Live works whose newest consent allows this website today."""
    queryset = VoicesWork.objects.all() if queryset is None else queryset
    today = timezone.localdate()
    newest = ConsentRecord.objects.filter(
        work=OuterRef("pk"), approved_revision__isnull=False
    ).order_by("-version", "-pk")
    in_force = ConsentRecord.objects.filter(
        pk=OuterRef("consent_id"), website=True, withdrawn_at__isnull=True
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gt=today))
    return (
        queryset.live()
        .annotate(consent_id=Subquery(newest.values("pk")[:1]))
        .filter(Exists(in_force))
        .order_by("-first_published_at")
    )


def upcoming_events():
    return (
        VoicesEventPage.objects.live()
        .filter(Q(starts_at__gte=timezone.now()) | Q(ends_at__gte=timezone.now()))
        .order_by("starts_at")
    )


def status_of(work) -> dict:
    """What the author sees about one of her works: a plain status and what she may do."""
    from .services import pending_author_task

    consent = work.consent()
    state = work.current_workflow_state
    if work.live:
        label = "Published"
    elif (
        work.go_live_at
        and consent
        and work.has_unpublished_changes
        and consent.allows(Channel.WEBSITE)
    ):
        label = (
            f"Will be published on {timezone.localtime(work.go_live_at):%B %-d, %Y at %-I:%M %p}"
        )
    elif pending_author_task(work) is not None:
        label = "Waiting for your approval"
    elif state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        label = "Being revised by the editors"
    elif state is not None:
        label = "With the editors"
    elif consent is not None and consent.ends_on and consent.ends_on <= timezone.localdate():
        label = f"Taken down: your consent ended on {consent.ends_on:%B %-d, %Y}"
    elif consent is not None and not consent.website:
        label = "Approved for print or exhibitions only"
    else:
        label = "Not published"
    return {
        "label": label,
        "consent": consent,
        "awaiting_approval": pending_author_task(work) is not None,
    }


def editor_comments(work) -> list[dict]:
    """The editors' comments (in the admin) and their notes on workflow steps, oldest first,
    without the editors' or anyone's names."""
    from wagtail.models import Comment, TaskState

    notes = []
    for comment in Comment.objects.filter(page=work).prefetch_related("replies"):
        notes.append({"at": comment.created_at, "text": comment.text})
        for reply in comment.replies.all():
            notes.append({"at": reply.created_at, "text": reply.text})
    states = TaskState.objects.for_instance(work).exclude(comment="")
    for state in states:
        notes.append({"at": state.finished_at or state.started_at, "text": state.comment})
    return sorted(notes, key=lambda note: note["at"])
