"""The authentication backends, as Django's and allauth's, with the signed-in user read cheaply.

Every signed-in request loads its user by id through the backend that logged it in; the ORM's
`get(pk=…)` measured as a tenth of a reader's comment. Here it is one statement written once
(`dateline.core.rows`).
"""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from dateline.core import rows


def active_user(backend: ModelBackend, user_id: Any) -> Any:
    """The user with this id, if they may still be signed in (as `ModelBackend.get_user`)."""
    user = rows.fetch_first(get_user_model(), "id = %s", [user_id])
    return user if user is not None and backend.user_can_authenticate(user) else None


class NewsroomBackend(ModelBackend):
    """The newsroom logs in by user name."""

    def get_user(self, user_id: Any) -> Any:
        return active_user(self, user_id)


class ReaderBackend(AuthenticationBackend):
    """Readers log in by e-mail address (allauth)."""

    def get_user(self, user_id: Any) -> Any:
        return active_user(self, user_id)
