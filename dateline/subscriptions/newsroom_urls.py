"""Newsroom addresses under /newsroom/newsletters/ (registered by wagtail_hooks)."""

from django.urls import path

from dateline.core import converters  # noqa: F401  (registers <id:…>)
from dateline.subscriptions import newsroom

app_name = "newsletters"

urlpatterns = [
    path("", newsroom.index, name="index"),
    path("<id:mailing_id>/", newsroom.mailing, name="mailing"),
    path("<id:mailing_id>/send/", newsroom.send, name="send"),
    path("alerts/", newsroom.alerts, name="alerts"),
]
