"""Feed addresses under an edition: /en/feeds/rss.xml, /en/feeds/sections/world/atom.xml,
/en/feeds/tags/ports/feed.json, /en/feeds/authors/mariko-tanabe/rss.xml.

Reverse them with `dateline.subscriptions.feeds.feed_path`.
"""

from django.urls import path, register_converter

from dateline.subscriptions import feeds

register_converter(feeds.FormatConverter, "feed_format")
register_converter(feeds.SlugConverter, "feed_slug")

urlpatterns = [
    path("<feed_format:feed_format>", feeds.EditionFeed.as_view(), name="feed_edition"),
    path(
        "sections/<feed_slug:slug>/<feed_format:feed_format>",
        feeds.SectionFeed.as_view(),
        name="feed_section",
    ),
    path("tags/<feed_slug:slug>/<feed_format:feed_format>", feeds.TagFeed.as_view(), name="feed_tag"),
    path(
        "authors/<feed_slug:slug>/<feed_format:feed_format>", feeds.AuthorFeed.as_view(), name="feed_author"
    ),
]
