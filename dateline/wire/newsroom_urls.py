"""Newsroom addresses under /newsroom/wire/ (registered by wagtail_hooks)."""

from django.urls import path

from dateline.core import converters  # noqa: F401  (registers <id:…>)
from dateline.wire import newsroom

app_name = "wire"

urlpatterns = [
    path("", newsroom.queue, name="queue"),
    path("new/", newsroom.new_rows, name="new_rows"),
    path("<id:item_id>/", newsroom.item_preview, name="item"),
    path("<id:item_id>/use/", newsroom.use_item, name="use"),
    path("stories/<id:story_id>/translate/", newsroom.use_in_edition, name="use_in_edition"),
    path("stories/<id:story_id>/alerts/", newsroom.story_alerts, name="story_alerts"),
    path("alerts/", newsroom.wire_alerts, name="alerts"),
    path("sources/", newsroom.sources, name="sources"),
    path("sources/<id:source_id>/secret/", newsroom.new_push_secret, name="push_secret"),
    path("uses/<id:use_id>/compare/", newsroom.compare, name="compare"),
]
