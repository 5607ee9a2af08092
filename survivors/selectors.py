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
    if work.live and state is not None:
        waiting = pending_author_task(work) is not None
        label = "Published · your new version " + (
            "is waiting for your approval" if waiting else "is with the editors"
        )
    elif work.live:
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
    """The conversation about a work, oldest first: the editors' comments (in the admin), her
    notes and replies (saved under the section's neutral account), and the notes on workflow
    steps. No one's name: each note says only whether it was hers. ``reply_to`` is the thread
    she can answer in."""
    from wagtail.models import Comment, TaskState

    from .services import SYSTEM_OWNER_EMAIL

    def mine(user) -> bool:
        return user is not None and user.email == SYSTEM_OWNER_EMAIL

    notes = []
    comments = Comment.objects.filter(page=work).select_related("user")
    for comment in comments.prefetch_related("replies__user"):
        notes.append(
            {
                "at": comment.created_at,
                "text": comment.text,
                "by_author": mine(comment.user),
                "reply_to": comment.pk,
            }
        )
        for reply in comment.replies.all():
            notes.append(
                {
                    "at": reply.created_at,
                    "text": reply.text,
                    "by_author": mine(reply.user),
                    "reply_to": comment.pk,
                }
            )
    states = TaskState.objects.for_instance(work).exclude(comment="")
    for state in states:
        # Her own "ask for changes" is a step finished without a user; editors' carry theirs.
        notes.append(
            {
                "at": state.finished_at or state.started_at,
                "text": state.comment,
                "by_author": state.finished_by_id is None,
                "reply_to": None,
            }
        )
    return sorted(notes, key=lambda note: note["at"])
