"""Opaque, signed cursors for the API's lists.

A cursor names the last item a page ended on (for stories, its publication time and id) and the
filters it was made for, signed with the site's secret: a partner cannot forge a position, and a
cursor tampered with, cut short or used with other filters is refused (400) rather than answered
with some other page.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.core import signing
from django.utils.translation import gettext as _

from dateline.api import problems

SALT = "dateline.api.cursor"
# No cursor we make comes near this; a longer one is refused before it is checked.
MAX_LENGTH = 400


def _filters_digest(filters: Mapping[str, Any]) -> str:
    canonical = json.dumps({k: str(v) for k, v in filters.items() if v is not None}, sort_keys=True)
    return hashlib.blake2b(canonical.encode(), digest_size=8).hexdigest()


def make(position: list[Any], filters: Mapping[str, Any]) -> str:
    return signing.dumps({"p": position, "f": _filters_digest(filters)}, salt=SALT, compress=False)


def read(cursor: str, filters: Mapping[str, Any]) -> list[Any]:
    """The position a cursor names, or a 400 problem for one this site did not make for these filters."""
    if len(cursor) > MAX_LENGTH:
        raise problems.bad_parameter("cursor", _not_a_cursor())
    try:
        data = signing.loads(cursor, salt=SALT)
    except (signing.BadSignature, ValueError, UnicodeError) as error:
        raise problems.bad_parameter("cursor", _not_a_cursor()) from error
    if not isinstance(data, dict) or not isinstance(data.get("p"), list):
        raise problems.bad_parameter("cursor", _not_a_cursor())
    if data.get("f") != _filters_digest(filters):
        raise problems.bad_parameter("cursor", _other_filters())
    return data["p"]


def _not_a_cursor() -> str:
    return _("This is not a cursor this site gave out: start again from the first page.")


def _other_filters() -> str:
    return _("This cursor was made for other filters: use it with the filters it came with.")
