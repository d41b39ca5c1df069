"""Newsroom addresses under /newsroom/comments/ (registered by wagtail_hooks)."""

from django.urls import path

from dateline.core import converters  # noqa: F401  (registers <id:…>)
from dateline.discussion import newsroom

app_name = "moderation"

urlpatterns = [
    path("", newsroom.queue, name="queue"),
    path("decide/", newsroom.decide, name="decide"),
    path("log/", newsroom.audit_log, name="log"),
    path("<id:comment_id>/", newsroom.comment_detail, name="comment"),
    path("<id:comment_id>/action/", newsroom.comment_action, name="comment_action"),
    path("readers/<id:reader_id>/", newsroom.reader_detail, name="reader"),
    path("readers/<id:reader_id>/standing/", newsroom.reader_standing, name="reader_standing"),
]
