from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentoring"
    verbose_name = "Peer mentoring"

    def ready(self):
        from .search import register_kinds

        register_kinds()
