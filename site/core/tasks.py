from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, to: list[str]) -> int:
    """Deliver one email. Queued, so a mail server that is down delays it rather than losing
    it or failing the request that caused it."""
    return send_mail(subject, body, None, to, fail_silently=False)


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
