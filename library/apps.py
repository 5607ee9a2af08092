"""The online library: toolkits, webinars, trainings, protocol templates and publications."""

from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "library"

    def ready(self):
        from search.registry import register

        from .models import ResourcePage
        from .search import resource_document

        register(
            "library",
            label="Library",
            model=ResourcePage,
            queryset=lambda: ResourcePage.objects.live().specific().with_taxonomies(),
            to_document=resource_document,
        )
