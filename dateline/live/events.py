"""Publishing events: `publish_on_commit` is the one way to tell readers and servers of a change."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import router, transaction
from django.utils import timezone

from dateline.core import rows
from dateline.live import hub, local_wakeups, outbox, redis_wakeups
from dateline.live.models import Event

logger = logging.getLogger(__name__)

# Events deleted per transaction when old ones are forgotten.
PRUNE_BATCH = 5000


def publish_on_commit(
    stream: str, kind: str, payload: dict[str, Any] | None = None, *, changes_pages: bool = True
) -> Event:
    """Append an event in the current transaction; servers hear of it once it commits.

    A transaction that rolls back takes its events with it: nothing is sent. `changes_pages=False`
    for events that only live readers act on: the content version stays (dateline.core.versioned).
    """
    using = router.db_for_write(Event)
    # No savepoint inside the caller's transaction: the event stands or falls with it anyway.
    with transaction.atomic(using=using, savepoint=False):
        outbox.lock_for_append(using)
        # Every comment appends one: its statement is written once (dateline.core.rows).
        event = rows.insert(
            Event(stream=stream, kind=kind, payload=payload or {}, changes_pages=changes_pages), using
        )
        transaction.on_commit(_wake_hubs, using=using)
    return event


def _wake_hubs() -> None:
    """This process's hub, then the other processes': Redis pub/sub with REDIS_URL, else a datagram
    to each on SQLite (PostgreSQL's NOTIFY went with the commit itself)."""
    hub.wake_local_hub()
    # The poll timer still delivers the event: a channel's failure must not fail a publish.
    if settings.REDIS_URL:
        try:
            redis_wakeups.publish_wakeup()
        except Exception:
            logger.exception("could not announce an event through Redis")
    else:
        try:
            local_wakeups.announce()
        except Exception:
            logger.exception("could not announce an event to this machine's other processes")


def prune_events(now: Any = None, batch: int = PRUNE_BATCH) -> int:
    """Forget events older than the retention window; readers further behind get a reset.

    The oldest events go first, `batch` at a time, each batch a transaction of its own: a busy
    site's two days of events deleted at once would hold the write lock for seconds.
    """
    cutoff = (now or timezone.now()) - timedelta(hours=settings.DATELINE_EVENT_RETENTION_HOURS)
    newest = Event.objects.order_by("-id").values_list("id", flat=True).first()
    if newest is None:
        return 0
    # The newest event always stays, so a reader who saw it can still be told it missed nothing.
    last_old = (
        Event.objects.filter(created_at__lt=cutoff, id__lt=newest)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    deleted = 0
    while last_old is not None:
        ids = list(Event.objects.filter(id__lte=last_old).order_by("id").values_list("id", flat=True)[:batch])
        if not ids:
            break
        count, _ = Event.objects.filter(id__gte=ids[0], id__lte=ids[-1]).delete()
        deleted += count
    return deleted
