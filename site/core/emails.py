"""Every email the site sends goes through `send_templated`: rendered now, delivered by a
background task once the surrounding transaction has committed."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string

from .tasks import send_email


def send_templated(template: str, *, to: list[str], context: dict) -> None:
    """Render `<template>_subject.txt` and `<template>.txt` and queue the email."""
    recipients = [address for address in to if address]
    if not recipients:
        return
    context = {"site_name": settings.WAGTAIL_SITE_NAME, "site_url": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}.txt", context)
    transaction.on_commit(
        lambda: send_email.enqueue(
            subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}", body=body, to=recipients
        )
    )
