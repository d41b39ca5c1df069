"""Newsroom addresses under /newsroom/breaking/ (registered by wagtail_hooks)."""

from django.urls import path

from dateline.breaking import views
from dateline.core import converters  # noqa: F401  (registers <id:…>)

app_name = "breaking"

urlpatterns = [
    path("", views.index, name="index"),
    path("story/<id:page_id>/", views.mark, name="mark"),
    path("<id:alert_id>/clear/", views.clear, name="clear"),
]
