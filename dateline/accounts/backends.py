"""The authentication backend: allauth's, checking passwords only inside allauth's sign-in, with the
signed-in user read cheaply.

Every way into a session goes through allauth's flow, which counts failed attempts, locks an
account out and asks for the second factor of an account that has one. The backend checks a
password only while that flow asks (`password_sign_in`, entered by the account adapter): Wagtail's
login view, Django's `LoginView` behind Wagtail's page privacy or any other caller of Django's
`authenticate()` gets no user from it.

Every signed-in request loads its user by id through the backend; the ORM's `get(pk=…)` measured as
a tenth of a reader's comment. Here it is one statement written once (`dateline.accounts.queries`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from dateline.accounts import queries

_signing_in: ContextVar[bool] = ContextVar("password_sign_in", default=False)


@contextmanager
def password_sign_in() -> Iterator[None]:
    """Let the backend check passwords while allauth's flow authenticates someone."""
    token = _signing_in.set(True)
    try:
        yield
    finally:
        _signing_in.reset(token)


def active_user(backend: ModelBackend, user_id: Any) -> Any:
    """The user with this id, if they may still be signed in (as `ModelBackend.get_user`)."""
    user = queries.user_by_id(user_id)
    return user if user is not None and backend.user_can_authenticate(user) else None


class AccountBackend(AuthenticationBackend):
    """Readers sign in with their e-mail address, newsroom staff with that or their user name."""

    def authenticate(self, request: HttpRequest | None, **credentials: Any) -> Any:
        if not _signing_in.get():
            return None
        return super().authenticate(request, **credentials)

    def get_user(self, user_id: Any) -> Any:
        return active_user(self, user_id)
