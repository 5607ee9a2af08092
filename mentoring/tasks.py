from django_tasks import task

from . import services


@task()
def send_due_checkins() -> int:
    """Email the 30- and 90-day check-ins that have come due."""
    return services.checkins_send_due()
