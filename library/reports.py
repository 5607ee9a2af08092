"""The editors' report of resources due for review: "last reviewed" older than
``LIBRARY_REVIEW_AGE_DAYS`` (default 365) or never reviewed, oldest first, with CSV and
XLSX export (Wagtail's ReportView)."""

import datetime

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

import access

from .models import ResourcePage


def review_age_days() -> int:
    return int(getattr(settings, "LIBRARY_REVIEW_AGE_DAYS", 365))


def resources_due_for_review():
    cutoff = timezone.localdate() - datetime.timedelta(days=review_age_days())
    return (
        ResourcePage.objects.filter(last_reviewed__lt=cutoff)
        | ResourcePage.objects.filter(last_reviewed__isnull=True)
    ).order_by(F("last_reviewed").asc(nulls_first=True), "title")


class ReviewDueReportView(ReportView):
    page_title = "Library resources due for review"
    header_icon = "time"
    index_url_name = "library_review_report"
    index_results_url_name = "library_review_report_results"
    results_template_name = "wagtailadmin/reports/base_report_results.html"
    model = ResourcePage
    list_export = [
        "title",
        "resource_format",
        "access_tier",
        "last_reviewed",
        "publication_date",
        "live",
        "url_path",
    ]
    export_headings = {
        "resource_format": "Format",
        "access_tier": "Access tier",
        "last_reviewed": "Last reviewed",
        "publication_date": "Published",
        "url_path": "Path",
    }
    columns = [
        TitleColumn("title", label="Title", url_name="wagtailadmin_pages:edit"),
        Column("resource_format", label="Format", accessor="get_resource_format_display"),
        Column("access_tier", label="Access", accessor="get_access_tier_display"),
        DateColumn("last_reviewed", label="Last reviewed"),
        DateColumn("publication_date", label="Published"),
    ]

    def get_filename(self):
        return f"library-review-due-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return resources_due_for_review()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["review_age_days"] = review_age_days()
        return context

    def dispatch(self, request, *args, **kwargs):
        access.require(request.user, "library.review_report")
        return super().dispatch(request, *args, **kwargs)
