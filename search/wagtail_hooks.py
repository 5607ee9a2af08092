"""Editors curate search in the Wagtail admin: synonyms, best bets, and the zero-results
report (query text only)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

import access

from .models import BestBet, Synonym, ZeroResultQuery


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "list-ul"
    menu_label = "Synonyms"
    list_display = ["terms"]
    search_fields = ["terms"]


class BestBetViewSet(SnippetViewSet):
    model = BestBet
    icon = "pick"
    menu_label = "Best bets"
    list_display = ["title", "queries", "url"]
    search_fields = ["title", "queries"]


class SearchCurationGroup(SnippetViewSetGroup):
    menu_label = "Search"
    menu_icon = "search"
    menu_order = 900
    items = (SynonymViewSet, BestBetViewSet)


register_snippet(SearchCurationGroup)


class ZeroResultsReport(ReportView):
    page_title = "Searches with no results"
    header_icon = "search"
    index_url_name = "search_zero_results"
    index_results_url_name = "search_zero_results_results"
    model = ZeroResultQuery
    columns = [
        Column("query", label="Query"),
        Column("count", label="Times searched"),
        DateColumn("first_seen", label="First searched"),
        DateColumn("last_seen", label="Last searched"),
    ]
    list_export = ["query", "count", "first_seen", "last_seen"]

    def dispatch(self, request, *args, **kwargs):
        access.require(request.user, "search.view_reports")
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return ZeroResultQuery.objects.all()


class ZeroResultsMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can(request.user, "search.view_reports")


@hooks.register("register_admin_urls")
def zero_results_urls():
    return [
        path(
            "reports/search-zero-results/", ZeroResultsReport.as_view(), name="search_zero_results"
        ),
        path(
            "reports/search-zero-results/results/",
            ZeroResultsReport.as_view(results_only=True),
            name="search_zero_results_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def zero_results_menu_item():
    return ZeroResultsMenuItem(
        "Searches with no results", reverse("search_zero_results"), icon_name="search", order=1300
    )
