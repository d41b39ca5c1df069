"""The newsroom's door: every request under it by a signed-in account is checked here first."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from dateline.newsroom import access, views


class NewsroomDoorMiddleware:
    """Accounts without a newsroom role, and editors or administrators who still need a second
    factor, go no further than the door.

    Wagtail would send a signed-in reader to the login page, which sends a signed-in visitor back
    where they were going: a loop. Anonymous visitors are Wagtail's to send to the sign-in.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(newsroom_path()) and request.user.is_authenticated:
            if not access.is_newsroom_staff(request.user):
                return views.no_access(request)
            if access.must_set_up_two_factor(request.user):
                return views.set_up_two_factor(request)
        return self.get_response(request)


@cache
def newsroom_path() -> str:
    """Where the newsroom is mounted (config/urls.py); the URL configuration is fixed once loaded."""
    return reverse("wagtailadmin_home")
