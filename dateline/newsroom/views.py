"""What a signed-in account is shown at the newsroom's door when it may not go in."""

from __future__ import annotations

from http import HTTPStatus

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _


def no_access(request: HttpRequest) -> HttpResponse:
    """A reader's account: a page that says so (the login page would only send them back here)."""
    return render(request, "newsroom/no_access.html", status=HTTPStatus.FORBIDDEN)


def set_up_two_factor(request: HttpRequest) -> HttpResponse:
    """An editor or administrator without an authenticator app: to allauth's page that sets one up."""
    if request.method == "GET":
        # Not for the open editor's background requests, which would pile the message up.
        messages.warning(
            request,
            _(
                "Editors and administrators need two-factor authentication to use the newsroom. "
                "Set up an authenticator app, then go back to the newsroom."
            ),
        )
    return HttpResponseRedirect(reverse("mfa_activate_totp"))
