"""Background work of the library: reminders before sessions and saved-search alerts. The
scheduler runs the management commands of the same names; these tasks let other code queue the
same work without waiting for it."""

from django_tasks import task


@task()
def send_reminders() -> int:
    """Remind confirmed registrants of sessions starting within LIBRARY_REMINDER_HOURS."""
    from .events import send_reminders as send

    return send()


@task()
def send_search_alerts() -> int:
    """Email users the new resources matching their saved searches."""
    from .mylibrary import send_search_alerts as send

    return send()
