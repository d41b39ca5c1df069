"""Publishing events: `publish_on_commit` is the one way to tell readers and servers of a change."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connections, router, transaction
from django.utils import timezone

from dateline.core import rows
from dateline.live.models import Event

logger = logging.getLogger(__name__)

# Held by every transaction that appends to the outbox on PostgreSQL, so that events commit in the
# order of their ids and a tailing reader never skips one committed late.
OUTBOX_LOCK_KEY = 0x0DA7E11E
NOTIFY_CHANNEL = "dateline_events"
REDIS_CHANNEL = "dateline:events"


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
        connection = connections[using]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [OUTBOX_LOCK_KEY])
                # NOTIFY is transactional: PostgreSQL delivers it when the transaction commits.
                cursor.execute(f"NOTIFY {NOTIFY_CHANNEL}")
        # Every comment appends one: its statement is written once (dateline.core.rows).
        event = rows.insert(
            Event(stream=stream, kind=kind, payload=payload or {}, changes_pages=changes_pages), using
        )
        transaction.on_commit(_wake_hubs, using=using)
    return event


def _wake_hubs() -> None:
    from dateline.live.hub import wake_local_hub

    wake_local_hub()
    if settings.REDIS_URL:
        try:
            from dateline.live.redis_wakeups import publish_wakeup

            publish_wakeup()
        except Exception:
            # The poll timer still delivers the event; a Redis outage must not fail a publish.
            logger.exception("could not announce an event through Redis")


def prune_events(now: Any = None) -> int:
    """Forget events older than the retention window; readers further behind get a reset."""
    cutoff = (now or timezone.now()) - timedelta(hours=settings.DATELINE_EVENT_RETENTION_HOURS)
    newest = Event.objects.order_by("-id").values_list("id", flat=True).first()
    if newest is None:
        return 0
    # The newest event always stays, so a reader who saw it can still be told it missed nothing.
    deleted, _ = Event.objects.filter(created_at__lt=cutoff).exclude(id=newest).delete()
    return deleted
