"""Atom and RSS feeds of new public resources. Only the public tier: a feed reader signs in as
no one, and a feed URL is easily shared."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from .browse import base_queryset

FEED_ITEMS = 30


class RssFeed(Feed):
    title = "Task Force Hub library: new resources"
    description = "New public toolkits, webinars, trainings, protocols and publications."

    def link(self):
        from .models import LibraryIndexPage

        index = LibraryIndexPage.objects.live().first()
        return index.url if index else "/"

    def items(self):
        return (
            base_queryset(None)
            .public()
            .order_by("-first_published_at", "-pk")
            .prefetch_related("topics")[:FEED_ITEMS]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]


class AtomFeed(RssFeed):
    feed_type = Atom1Feed
    subtitle = RssFeed.description
