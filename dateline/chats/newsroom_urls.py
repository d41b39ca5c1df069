"""Newsroom addresses under /newsroom/chats/ (registered by wagtail_hooks)."""

from django.urls import path

from dateline.chats import newsroom
from dateline.core import converters  # noqa: F401  (registers <id:…>)

app_name = "chats_newsroom"

urlpatterns = [
    path("held/", newsroom.held, name="held"),
    path("held/<id:message_id>/", newsroom.decide, name="decide"),
    path("rooms/<id:room_id>/log/", newsroom.room_log, name="log"),
]
