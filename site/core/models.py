from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page

from .blocks import HomeBodyBlock


class HomePage(Page):
    """The site's home page: editors compose it from blocks; members also see their own
    task forces and what waits for them."""

    body = StreamField(HomeBodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    template = "core/home_page.html"

    def get_context(self, request, *args, **kwargs):
        from taskforces.selectors import dashboard_for

        context = super().get_context(request, *args, **kwargs)
        context["dashboard"] = dashboard_for(request.user)
        return context


class StandardPage(Page):
    """A plain page of text: accessibility and privacy statements, about pages."""

    intro = models.TextField(blank=True, max_length=600)
    body = StreamField(HomeBodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    template = "core/standard_page.html"
