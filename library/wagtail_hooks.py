"""The library in the Wagtail admin: its taxonomies and webinar series as snippets, and the
report of resources due for review."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

import access

from .models import Audience, Topic, TraffickingType, WebinarSeries
from .reports import ReviewDueReportView


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topics"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class AudienceViewSet(SnippetViewSet):
    model = Audience
    icon = "group"
    menu_label = "Audiences"
    list_display = ["name", "slug"]


class TraffickingTypeViewSet(SnippetViewSet):
    model = TraffickingType
    icon = "list-ul"
    menu_label = "Trafficking types"
    list_display = ["name", "slug"]


class WebinarSeriesViewSet(SnippetViewSet):
    model = WebinarSeries
    icon = "media"
    menu_label = "Webinar series"
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]


class LibraryGroup(SnippetViewSetGroup):
    menu_label = "Library"
    menu_icon = "folder-open-inverse"
    menu_order = 310
    items = [TopicViewSet, AudienceViewSet, TraffickingTypeViewSet, WebinarSeriesViewSet]


register_snippet(LibraryGroup)


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path(
            "reports/library-review/",
            ReviewDueReportView.as_view(),
            name="library_review_report",
        ),
        path(
            "reports/library-review/results/",
            ReviewDueReportView.as_view(results_only=True),
            name="library_review_report_results",
        ),
    ]


class ReviewReportMenuItem(AdminOnlyMenuItem):
    def is_shown(self, request):
        return access.can(request.user, "library.review_report")


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewReportMenuItem(
        "Library review due",
        reverse("library_review_report"),
        name="library-review-due",
        icon_name="time",
        order=750,
    )
