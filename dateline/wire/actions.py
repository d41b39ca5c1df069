"""Writes of the wire desk: recording an agency's items and quarantining what cannot be read.

`do_record_items` writes a file's items (`do_take_pushed` an agency's push, read first); a version already recorded is skipped (that is what makes
a batch safe to take up again after a crash), and a newer version becomes the item's `current` one.
Each new item is announced on the `wire` stream once its transaction commits (`notify_new_item`),
for the queue's live updates; the event does not change pages.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction

from dateline.live.events import publish_on_commit
from dateline.wire.formats import QuarantineError, parse
from dateline.wire.formats import text as wire_text
from dateline.wire.items import ParsedItem
from dateline.wire.models import Quarantined, WireItem, WireSource

# The newsroom's own stream (registered staff-only in apps.py): readers never see agency copy.
STREAM_KIND = "wire"
STREAM = f"{STREAM_KIND}:desk"
NEW_ITEM = "item"


def do_record_items(source: WireSource, items: Iterable[ParsedItem], file_name: str = "") -> list[WireItem]:
    """Record the items not recorded yet, in one transaction; the rows that are new."""
    recorded = []
    with transaction.atomic():
        for parsed in items:
            row = _record(source, parsed, file_name)
            if row is not None:
                recorded.append(row)
    return recorded


def _record(source: WireSource, parsed: ParsedItem, file_name: str) -> WireItem | None:
    versions = WireItem.objects.filter(source=source, uri=parsed.uri)
    if versions.filter(version=parsed.version).exists():
        return None
    shown = versions.filter(current=True).only("id", "version").first()
    row = WireItem.from_parsed(source, parsed, file_name)
    # A version older than the one shown (agencies resend, files arrive out of order) is kept for
    # the record but does not replace it.
    row.current = shown is None or shown.version < row.version
    try:
        with transaction.atomic():
            if row.current and shown is not None:
                WireItem.objects.filter(pk=shown.pk).update(current=False)
            row.save()
    except IntegrityError:
        # Another process recorded this version meanwhile.
        return None
    notify_new_item(row, superseded=shown if row.current else None)
    return row


def notify_new_item(item: WireItem, superseded: WireItem | None = None) -> None:
    """Announce a new item (or version) on the `wire` stream once it commits."""
    publish_on_commit(
        STREAM,
        NEW_ITEM,
        {
            "id": item.pk,
            "source": item.source_id,
            "uri": item.uri,
            "version": item.version,
            "current": item.current,
            "supersedes": superseded.pk if superseded is not None else None,
            "status": item.status,
            "urgency": item.urgency,
            "language": item.language,
            "headline": item.headline[:300],
        },
        changes_pages=False,
    )


def do_quarantine(
    source: WireSource, file_name: str, error: QuarantineError, data: bytes | None, size: int
) -> Quarantined:
    """Record a refused file (once: the same file refused again is the same record).

    `data` is the file's bytes when they were read (None for a file refused by its size alone):
    kept whole up to DATELINE_WIRE_QUARANTINE_KEEP_BYTES, by their SHA-256 in any case.
    """
    digest = hashlib.sha256(data).hexdigest() if data is not None else ""
    keep = data if data is not None and len(data) <= settings.DATELINE_WIRE_QUARANTINE_KEEP_BYTES else None
    record, _created = Quarantined.objects.get_or_create(
        source=source,
        file_name=file_name[:255],
        size=size,
        sha256=digest,
        defaults={
            "reason_code": error.code,
            "reason_params": {key: _json_value(value) for key, value in error.params.items()},
            "detail": wire_text.UNWANTED.sub("", error.detail[:2000]),
            "content": keep,
        },
    )
    return record


def _json_value(value: object) -> object:
    # A parameter may quote the file (a date it could not read): no character PostgreSQL refuses.
    if isinstance(value, int | float | bool) or value is None:
        return value
    return wire_text.UNWANTED.sub("", str(value))


@dataclass(frozen=True)
class Taken:
    """The items of a push, stored now (`new`) or found stored from an earlier push."""

    items: list[WireItem]
    new: bool


def do_take_pushed(source: WireSource, data: bytes, content_type: str, name: str) -> Taken:
    """Read and record what an agency pushed; a `QuarantineError` (after recording the quarantine)
    when it cannot be read."""
    options = source.parse_options(settings.DATELINE_WIRE_MAX_FILE_BYTES)
    try:
        parsed = parse(data, name=name, content_type=content_type, options=options)
    except QuarantineError as error:
        do_quarantine(source, name, error, data, len(data))
        raise
    recorded = do_record_items(source, parsed, name)
    if recorded:
        return Taken(items=recorded, new=True)
    stored = [WireItem.objects.get(source=source, uri=item.uri, version=item.version) for item in parsed[:1]]
    return Taken(items=stored, new=False)


def do_set_push_secret(source: WireSource) -> str:
    """A new random secret for the source's pushes (the old one stops working); only its hash is
    kept, so the caller shows it once."""
    secret = secrets.token_urlsafe(32)
    source.set_push_secret(secret)
    source.save(update_fields=["push_secret_hash"])
    return secret
