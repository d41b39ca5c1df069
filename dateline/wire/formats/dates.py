"""Dates as the formats write them, read into aware datetimes in UTC.

ISO 8601 (ninjs, NewsML-G2, Atom), NITF's compact form (`20261206T101500+0300`), RFC 822 (RSS).
A date without a time zone is taken as UTC. A date that cannot be read is a quarantine reason:
an embargo misread is a story published early.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from dateline.wire.formats.errors import QuarantineError

NITF_COMPACT = re.compile(
    r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:[.,]\d+)?)?(Z|[+-]\d{2}:?\d{2})?$"
)
ISO_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _refuse(value: str) -> QuarantineError:
    return QuarantineError("bad-date", value=value[:60])


def iso(value: str) -> datetime | None:
    """An ISO 8601 date and time (or a date alone: midnight UTC); None for an empty value."""
    value = value.strip()
    if not value:
        return None
    try:
        return _aware(datetime.fromisoformat(value.replace("z", "Z")))
    except ValueError:
        pass
    compact = NITF_COMPACT.match(value)
    if compact:
        return _from_compact(compact, value)
    raise _refuse(value)


def nitf(value: str) -> datetime | None:
    """NITF's `norm` form (ISO 8601 basic: `20261206T101500Z`), or the extended form."""
    value = value.strip()
    if not value:
        return None
    compact = NITF_COMPACT.match(value)
    return _from_compact(compact, value) if compact else iso(value)


def _from_compact(match: re.Match[str], value: str) -> datetime:
    year, month, day, hour, minute, second, zone = match.groups()
    offset = (zone or "Z").replace(":", "")
    stamp = f"{year}-{month}-{day}T{hour or '00'}:{minute or '00'}:{second or '00'}"
    stamp += "+00:00" if offset == "Z" else f"{offset[:3]}:{offset[3:]}"
    try:
        return _aware(datetime.fromisoformat(stamp))
    except ValueError:
        raise _refuse(value) from None


def rfc822(value: str) -> datetime | None:
    """RSS's date (`Sun, 06 Dec 2026 10:15:00 +0300`); feeds that write ISO 8601 are read too."""
    value = value.strip()
    if not value:
        return None
    try:
        return _aware(parsedate_to_datetime(value))
    except (TypeError, ValueError, IndexError):
        return iso(value)


def any_date(value: str) -> datetime | None:
    """A date in whichever of the forms above it is written (a feed mapping's own fields)."""
    value = value.strip()
    if not value:
        return None
    if value[:1].isdigit():
        return iso(value)
    return rfc822(value)
