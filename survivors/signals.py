"""Workflow emails for works carry no title, excerpt or pseudonym (the author's inbox may not
be private). Wagtail's own workflow emails name the page, so they skip works, and these
neutral ones go out instead: "there is an update on your submission; sign in to see it"."""

from wagtail.admin import signal_handlers as wagtail_emails
from wagtail.signals import page_published, task_submitted

NOTIFIERS = (
    "task_submission_email_notifier",
    "workflow_submission_email_notifier",
    "workflow_approval_email_notifier",
    "workflow_rejection_email_notifier",
)


def _is_work(instance) -> bool:
    from .models import VoicesWork

    state = getattr(instance, "workflow_state", instance)
    obj = getattr(state, "content_object", None)
    return isinstance(getattr(obj, "specific", obj), VoicesWork)


def _skip_works(notifier) -> None:
    can_handle = notifier.can_handle

    def can_handle_unless_work(instance, **kwargs):
        return can_handle(instance, **kwargs) and not _is_work(instance)

    # On the instance, so that it holds whichever order the apps' ready() run in.
    notifier.can_handle = can_handle_unless_work


def _author_task_started(sender, instance, user=None, **kwargs):
    from .models import AuthorApprovalTask
    from .services import notify_author

    if isinstance(instance.task.specific, AuthorApprovalTask):
        notify_author(instance.workflow_state.content_object.specific)


def _published(sender, instance, **kwargs):
    from .models import VoicesWork
    from .services import notify_author

    if isinstance(instance, VoicesWork):
        notify_author(instance)


def connect() -> None:
    for name in NOTIFIERS:
        _skip_works(getattr(wagtail_emails, name))
    task_submitted.connect(_author_task_started, dispatch_uid="survivors.author_task_started")
    page_published.connect(_published, dispatch_uid="survivors.published")
