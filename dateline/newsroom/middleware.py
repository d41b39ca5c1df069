"""The newsroom's door, and the cookie that tells the page cache who is newsroom staff."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
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
            setattr(request, IN_THE_NEWSROOM, True)
        return self.get_response(request)


@cache
def newsroom_path() -> str:
    """Where the newsroom is mounted (config/urls.py); the URL configuration is fixed once loaded."""
    return reverse("wagtailadmin_home")


# Set on the request by a sign-in or sign-out: whether the browser is staff's is decided again.
SIGNED_IN_OR_OUT = "_dateline_signed_in_or_out"
# Set by the newsroom's door on staff it let in.
IN_THE_NEWSROOM = "_dateline_in_the_newsroom"


@receiver(user_logged_in)
@receiver(user_logged_out)
def note_sign_in_or_out(sender: object, request: HttpRequest | None, **kwargs: object) -> None:
    if request is not None:
        setattr(request, SIGNED_IN_OR_OUT, True)


class StaffCookieMiddleware:
    """Newsroom staff's browsers carry `DATELINE_STAFF_COOKIE_NAME` while they are signed in.

    The page cache (`dateline.asgi.page_cache`) answers signed-in readers, whose pages are the same
    as everyone's, and sends only this cookie's bearers to Django, which shows staff Wagtail's user
    bar. The cookie is set when staff sign in (or, signed in before it existed, on their next
    newsroom page) and dropped when they sign out or their session ends. Nothing here reads a
    permission on a reader's request: a signed-in reader's Django requests (their comments, the
    discussion) cost what they did. The cookie proves nothing: a reader who forges it is merely
    rendered by Django, as anyone with it is, and shown what their account may see.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        name = settings.DATELINE_STAFF_COOKIE_NAME
        marked = name in request.COOKIES
        if hasattr(request, SIGNED_IN_OR_OUT):
            user = request.user
            staff = user.is_authenticated and access.is_newsroom_staff(user)
        elif hasattr(request, IN_THE_NEWSROOM):
            staff = True
        elif marked:
            staff = request.user.is_authenticated
        else:
            return response
        if staff and not marked:
            response.set_cookie(
                name, "1", max_age=settings.SESSION_COOKIE_AGE, secure=settings.SESSION_COOKIE_SECURE,
                httponly=True, samesite="Lax",
            )  # fmt: skip
        elif marked and not staff:
            response.delete_cookie(name, samesite="Lax")
        return response
