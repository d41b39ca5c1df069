"""The wire desk's background work: taking in every source, and forgetting old items.

`follow_sources` is a thread of the background work (`dateline.background`): every
DATELINE_WIRE_POLL_SECONDS it takes in each active watched-directory source (one process at a time
per source: `ingest.ingest_directory` holds the source's lock), so that an item dropped into a
directory is in an open queue within a poll and the live stream's delay, and asks each polled
address and feed whose own interval has passed (`polling.poll_source`). A source that fails (its
directory gone, unreadable, its address unreachable or answering with an error) is not tried
again until a pause that doubles up to an hour has passed, and its error is kept on it for the
newsroom to show; the other sources go on. A bad file never
fails a source: the parsers quarantine it. Once an hour the same thread prunes the items older than
DATELINE_WIRE_RETENTION_DAYS, in batches, except those a story was built on.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from dateline.core.leader import round_of
from dateline.core.outward import OutwardError
from dateline.core.rounds import repeat_until_stopped
from dateline.wire import polling
from dateline.wire.ingest import IngestReport, ingest_directory
from dateline.wire.models import Quarantined, WireItem, WireSource, WireUse

logger = logging.getLogger(__name__)

PRUNE_EVERY_SECONDS = 3600.0
PRUNE_BATCH = 500
FIRST_RETRY_SECONDS = 5.0
LONGEST_RETRY_SECONDS = 3600.0


@dataclass
class RoundReport:
    """What one round over the sources did."""

    sources: int = 0
    failed: int = 0
    items: int = 0
    quarantined: int = 0


def take_in_sources(now: datetime | None = None) -> RoundReport:
    """Take in every active watched directory, and every polled address and feed whose interval
    has passed, that is not waiting after a failure."""
    now = now or timezone.now()
    report = RoundReport()
    due = WireSource.objects.filter(
        active=True, kind__in=[WireSource.Kind.DIRECTORY, *polling.POLLED_KINDS]
    ).filter(Q(retry_at__isnull=True) | Q(retry_at__lte=now))
    for source in due.order_by("pk"):
        if source.kind in polling.POLLED_KINDS and not polling.is_due(source, now):
            continue
        report.sources += 1
        try:
            taken = (
                ingest_directory(source)
                if source.kind == WireSource.Kind.DIRECTORY
                else polling.poll_source(source, now)
            )
        except DatabaseError:
            raise  # the whole round waits: no source can be recorded
        except Exception as error:
            report.failed += 1
            note_failure(source, error, now)
            continue
        report.items += taken.items
        report.quarantined += taken.quarantined
        note_success(source, taken, now)
    return report


def note_failure(source: WireSource, error: Exception, now: datetime) -> None:
    """Keep the error on the source, and when to try it again (later after each failure)."""
    pause = min(FIRST_RETRY_SECONDS * 2**source.failures, LONGEST_RETRY_SECONDS)
    # The guard's reasons are written for the newsroom; anything else is named by its type.
    message = (str(error) if isinstance(error, OutwardError) else f"{type(error).__name__}: {error}")[:1000]
    logger.warning("wire source %s failed (%s); trying again in %g s", source.slug, message, pause)
    WireSource.objects.filter(pk=source.pk).update(
        failures=source.failures + 1, last_error=message, retry_at=now + timedelta(seconds=pause)
    )


def note_success(source: WireSource, taken: IngestReport, now: datetime) -> None:
    """Clear a past failure; note when files were last taken in."""
    changes: dict[str, object] = {}
    if source.failures or source.last_error or source.retry_at:
        changes.update(failures=0, last_error="", retry_at=None)
    if taken.files:
        changes["last_taken_at"] = now
    if changes:
        WireSource.objects.filter(pk=source.pk).update(**changes)


def prune_items(now: datetime | None = None, batch: int = PRUNE_BATCH) -> int:
    """Forget items and quarantined files received before the retention window, a batch at a time;
    an item some story was built on stays (every version of it). The number of rows deleted."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.DATELINE_WIRE_RETENTION_DAYS)
    used = WireUse.objects.filter(source_id=OuterRef("source_id"), uri=OuterRef("uri"))
    old_items = WireItem.objects.filter(received_at__lt=cutoff).exclude(Exists(used))
    deleted = _delete_in_batches(old_items, batch)
    deleted += _delete_in_batches(Quarantined.objects.filter(received_at__lt=cutoff), batch)
    return deleted


def _delete_in_batches(rows: QuerySet[Any], batch: int) -> int:
    # Short transactions: a month of a busy agency's items is never one long lock.
    deleted = 0
    while ids := list(rows.values_list("pk", flat=True)[:batch]):
        count, _by_model = rows.model.objects.filter(pk__in=ids).delete()
        deleted += count
    return deleted


def follow_sources(stopping: threading.Event, poll_seconds: float | None = None) -> None:
    """Take in the sources every poll and prune hourly until `stopping` is set; a database error
    pauses the thread (doubling up to a minute), never ends it."""
    last_prune = 0.0

    def take_in_and_prune() -> None:
        nonlocal last_prune
        take_in_sources()
        if time.monotonic() - last_prune > PRUNE_EVERY_SECONDS:
            with round_of("wire-prune") as leading:
                if leading and (pruned := prune_items()):
                    logger.info("wire: forgot %d items past the retention window", pruned)
            last_prune = time.monotonic()

    poll = settings.DATELINE_WIRE_POLL_SECONDS if poll_seconds is None else poll_seconds
    repeat_until_stopped(stopping, poll, take_in_and_prune, "wire round")
