"""The online library: toolkits, webinars, trainings, protocol templates and publications."""

from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "library"

    def ready(self):
        from django.db.models.signals import post_migrate, post_save

        from search.registry import register

        from .editorial import on_index_saved, on_post_migrate
        from .models import LibraryIndexPage, ResourcePage
        from .search import resource_document

        post_migrate.connect(on_post_migrate, sender=self, dispatch_uid="library.workflow")
        post_save.connect(on_index_saved, sender=LibraryIndexPage, dispatch_uid="library.index")

        register(
            "library",
            label="Library",
            model=ResourcePage,
            queryset=lambda: ResourcePage.objects.live().specific().with_taxonomies(),
            to_document=resource_document,
        )
