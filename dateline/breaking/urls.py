"""Newsroom addresses under /newsroom/breaking/ (registered by wagtail_hooks)."""

from django.urls import path

from dateline.breaking import views

app_name = "breaking"

urlpatterns = [
    path("", views.index, name="index"),
    path("story/<int:page_id>/", views.mark, name="mark"),
    path("<int:alert_id>/clear/", views.clear, name="clear"),
]
