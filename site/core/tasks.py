import logging
import smtplib
from datetime import timedelta

from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# Seconds to wait before each new attempt while the mail server does not answer: about two
# days in all, long enough to outlast an outage someone has to be woken up for.
EMAIL_RETRY_DELAYS = (60, 5 * 60, 15 * 60, 60 * 60, 3 * 3600, 6 * 3600, 12 * 3600, 24 * 3600)


def _temporary(error: Exception) -> bool:
    """A mail server that is down, unreachable or says "try later" (4xx) is temporary; one that
    refuses the message (5xx) will refuse it again."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(error, OSError)


@task()
def send_email(*, subject: str, body: str, to: list[str], attempt: int = 1) -> int:
    """Deliver one email. Queued, so a mail server that is down delays it rather than losing
    it or failing the request that caused it: each failed attempt queues the next one, later,
    in the same durable queue, and is itself recorded as failed with the server's error."""
    try:
        return send_mail(subject, body, None, to, fail_silently=False)
    except Exception as error:
        backend = send_email.get_backend()
        if not _temporary(error) or attempt > len(EMAIL_RETRY_DELAYS) or not backend.supports_defer:
            raise
        delay = EMAIL_RETRY_DELAYS[attempt - 1]
        send_email.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
            subject=subject, body=body, to=to, attempt=attempt + 1
        )
        logger.warning(
            "Email %r not sent (%s: %s); attempt %s in %ss.",
            subject,
            type(error).__name__,
            error,
            attempt + 1,
            delay,
        )
        raise


@task()
def run_command(*, command: str, args: list[str]) -> None:
    """A scheduled job, run by the worker."""
    from django.core.management import call_command

    call_command(command, *args)


@task()
def worker_heartbeat() -> None:
    """Proves to /healthz that a worker is taking tasks."""
    from .health import record_heartbeat

    record_heartbeat()
