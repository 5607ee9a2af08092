"""Survivor Voices: survivor-led creative work, published only with the author's consent."""

from django.apps import AppConfig


class SurvivorsConfig(AppConfig):
    name = "survivors"
    verbose_name = "Survivor Voices"

    def ready(self):
        from .search import register_kinds
        from .signals import connect

        register_kinds()
        connect()
