from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Task Force Connect"

    def ready(self):
        from search.registry import register

        from . import signals  # noqa: F401
        from .models import Post, Topic
        from .search import post_document, topic_document

        register(
            "forum-topic",
            label="Connect topics",
            model=Topic,
            queryset=lambda: Topic.objects.listed().select_related("space", "author"),
            to_document=topic_document,
        )
        register(
            "forum-post",
            label="Connect posts",
            model=Post,
            queryset=lambda: (
                Post.objects.published()
                .filter(number__gt=1)
                .select_related("topic__space", "author")
            ),
            to_document=post_document,
        )
