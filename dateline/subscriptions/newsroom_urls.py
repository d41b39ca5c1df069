"""Newsroom addresses under /newsroom/newsletters/ (registered by wagtail_hooks)."""

from django.urls import path

from dateline.subscriptions import newsroom

app_name = "newsletters"

urlpatterns = [
    path("", newsroom.index, name="index"),
    path("<int:mailing_id>/", newsroom.mailing, name="mailing"),
    path("<int:mailing_id>/send/", newsroom.send, name="send"),
]
