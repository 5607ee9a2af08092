"""Library views beside the Wagtail pages. The index page lives at /library/ (a Wagtail page
with slug "library"), so app views use paths no resource slug takes: "feed/" (a reserved
slug) and "-/..." (not a valid slug)."""

from django.urls import include, path

from . import feeds

app_name = "library"
urlpatterns = [
    path("feed/atom/", feeds.AtomFeed(), name="feed_atom"),
    path("feed/rss/", feeds.RssFeed(), name="feed_rss"),
    path("", include("library.event_urls")),
]
