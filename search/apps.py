"""One permission-aware search over everything."""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"

    def ready(self):
        from . import sync
        from .directory import register_directory

        register_directory()
        sync.connect()
