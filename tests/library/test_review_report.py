"""Editors see which resources are due for review: "last reviewed" older than the configured
age (or never reviewed), in the admin and as a CSV download."""

import datetime

from django.utils import timezone

from library.reports import resources_due_for_review


def _ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def test_resources_reviewed_longer_ago_than_the_age_are_due(resource, settings):
    settings.LIBRARY_REVIEW_AGE_DAYS = 180
    stale = resource(title="Stale toolkit", last_reviewed=_ago(200))
    never = resource(title="Never reviewed", last_reviewed=None)
    resource(title="Fresh toolkit", last_reviewed=_ago(10))
    assert [p.pk for p in resources_due_for_review()] == [never.pk, stale.pk]


def test_the_admin_report_lists_and_exports_due_resources(resource, users, login):
    resource(title="Stale toolkit", last_reviewed=_ago(400))
    resource(title="Fresh toolkit", last_reviewed=_ago(10))
    client = login(users["staff"])
    users["staff"].is_superuser = True
    users["staff"].save()
    html = client.get("/admin/reports/library-review/").content.decode()
    assert "Stale toolkit" in html
    assert "Fresh toolkit" not in html
    export = client.get("/admin/reports/library-review/", {"export": "csv"})
    assert export.status_code == 200
    body = b"".join(export.streaming_content) if export.streaming else export.content
    assert b"Stale toolkit" in body
    assert b"Fresh toolkit" not in body


def test_members_cannot_open_the_report(users, login, library_index):
    response = login(users["member"]).get("/admin/reports/library-review/")
    assert response.status_code in {302, 403}
