"""The accounts' written-out reads: the session and the user every request loads, a reader's profile.

Through the ORM, `get()` on the session and on the user each measured as a tenth of a reader's
comment (bench/README.md, "Comments"); here each is one statement written once
(`dateline.core.rows`), with the models' table and column names.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.sessions.base_session import AbstractBaseSession
from django.utils import timezone

from dateline.accounts.models import ReaderProfile
from dateline.core import rows


def unexpired_session(
    model: type[AbstractBaseSession], session_key: str | None
) -> AbstractBaseSession | None:
    """The session stored under this key, unless it has expired."""
    return rows.fetch_first(model, _session_where(model), [session_key, rows.moment(timezone.now())])


def user_by_id(user_id: Any) -> Any:
    """The user with this id, or None."""
    model = get_user_model()
    return rows.fetch_first(model, _key_where(model), [user_id])


def reader_profile(user_id: int) -> ReaderProfile | None:
    """A reader's profile, or None if they have not made one."""
    return rows.fetch_first(ReaderProfile, _profile_where(), [user_id])


@cache
def _session_where(model: type[AbstractBaseSession]) -> str:
    session = rows.names(model)
    return f"{session.session_key} = %s AND {session.expire_date} > %s"


@cache
def _key_where(model: type[Any]) -> str:
    return f"{getattr(rows.names(model), model._meta.pk.name)} = %s"


@cache
def _profile_where() -> str:
    return f"{rows.names(ReaderProfile).user} = %s"
