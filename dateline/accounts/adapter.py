"""allauth's extension point: how Dateline signs people in, registers readers and sends them mail."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, get_language_bidi

from dateline.accounts.backends import password_sign_in
from dateline.core import clients


class AccountAdapter(DefaultAccountAdapter):
    def authenticate(self, request: HttpRequest, **credentials: Any) -> Any:
        """Check a password, after allauth has counted the attempt against its rate limits: the
        only place where the site's backend does (`backends.password_sign_in`)."""
        with password_sign_in():
            return super().authenticate(request, **credentials)

    def get_client_ip(self, request: HttpRequest) -> str:
        """The client's address behind trusted proxies, as every other rate limit counts it."""
        return clients.address_of_request(request)

    def format_email_subject(self, subject: str) -> str:
        return f"{settings.SITE_NAME}: {subject}"

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Every account mail under the site's name and address (not the request's host), in the
        reader's language and its direction."""
        branded = {
            "site_name": settings.SITE_NAME,
            "site_url": settings.BASE_URL + "/",
            "language": get_language() or settings.LANGUAGE_CODE,
            "direction": "rtl" if get_language_bidi() else "ltr",
        }
        super().send_mail(template_prefix, email, {**context, **branded})

    def get_email_confirmation_url(self, request: HttpRequest, emailconfirmation: Any) -> str:
        """The link in the confirmation mail, carrying the page the reader came from (a story they
        wanted to comment on), so that confirming brings them back to it."""
        url = super().get_email_confirmation_url(request, emailconfirmation)
        came_from = came_from_of(request)
        return f"{url}?{urlencode({REDIRECT_FIELD_NAME: came_from})}" if came_from else url


def came_from_of(request: HttpRequest | None) -> str:
    """The page on this site a sign-up or an e-mail change was asked for from ("" if none)."""
    if request is None:
        return ""
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or ""
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(target, allowed_hosts=None):
        return ""
    return target
