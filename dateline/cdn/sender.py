"""Sending the page cache's purges to the CDN, from the worker that follows the outbox.

Every purge the page cache gets is an event on the `cache` stream (`dateline.live.purge`), written
in the transaction of the change. The worker reads the purge events after a cursor row
(`PurgeCursor`), sends their tags' keys to the CDN in batches (`dateline.core.surrogate_keys`,
`dateline.cdn.purgers`), and moves the cursor only once every batch went through: a CDN that
fails, or a worker that stops, leaves the cursor where it was and the purges are sent again. One
process at a time sends (`dateline.core.leader`); a batch that went through is not sent again
while the same process retries the rest. Nothing here runs in a request: a CDN that is slow or
down delays its own purges and nothing else.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from dateline.cdn.models import PurgeCursor
from dateline.cdn.purgers import PurgeFailed, Purger
from dateline.core import cache_tags, surrogate_keys
from dateline.core.leader import round_of
from dateline.core.rounds import repeat_until_stopped
from dateline.live import outbox, purge
from dateline.live.models import Event

logger = logging.getLogger(__name__)

# Purge events read in one round; more wait for the next round, a poll later at most.
EVENTS_PER_ROUND = 1000


@dataclass
class InFlight:
    """Purges read up to `upto` from `after`, and the batches of keys not yet confirmed."""

    after: int
    upto: int
    batches: list[list[str]] = field(default_factory=list)


class PurgeSender:
    """Sends the outbox's purge events to one CDN, resuming after a failure where it stopped."""

    def __init__(self, purger: Purger) -> None:
        self.purger = purger
        self.in_flight: InFlight | None = None

    def send_pending(self) -> int:
        """Send every purge committed since the cursor; the number of requests that went through.

        Raises `PurgeFailed` when the CDN does not confirm a batch: the cursor stays, the failure
        is counted on it, and the batches left are sent by the next call.
        """
        cursor = self._cursor()
        if self.in_flight is None or self.in_flight.after != cursor.last_event_id:
            self.in_flight = self._read(cursor)
        in_flight = self.in_flight
        sent = 0
        while in_flight.batches:
            try:
                self.purger.purge(in_flight.batches[0])
            except PurgeFailed as error:
                PurgeCursor.objects.filter(pk=cursor.pk).update(
                    failures=cursor.failures + 1, last_error=str(error)[:1000]
                )
                raise
            in_flight.batches.pop(0)
            sent += 1
        moved = {"last_event_id": in_flight.upto, "failures": 0, "last_error": ""}
        if sent:
            moved["last_sent_at"] = timezone.now()
        if cursor.last_event_id != in_flight.upto or cursor.failures:
            PurgeCursor.objects.filter(pk=cursor.pk).update(**moved)
        self.in_flight = None
        return sent

    def _cursor(self) -> PurgeCursor:
        # A new cursor starts at the newest event: what the CDN keeps from before it is its own.
        cursor, _created = PurgeCursor.objects.get_or_create(
            pk=1, defaults={"last_event_id": outbox.newest_id()}
        )
        return cursor

    def _read(self, cursor: PurgeCursor) -> InFlight:
        """The purges committed after the cursor, as batches of keys."""
        after = cursor.last_event_id
        # Ids commit in order (dateline.live.events), so every event up to the newest is here.
        upto = outbox.newest_id()
        oldest = outbox.oldest_id()
        if upto < after or (oldest is not None and oldest > after + 1):
            # The events after the cursor are gone: pruned unsent (a worker stopped for longer than
            # the outbox keeps them), or a database restored from before the cursor. The CDN may
            # keep anything, so it drops everything.
            logger.warning("CDN purges after event %d are no longer in the outbox; purging everything", after)
            return InFlight(after, upto, self._batches([cache_tags.EVERYTHING]))
        events = list(
            Event.objects.filter(stream=purge.STREAM, kind=purge.KIND, id__gt=after, id__lte=upto)
            .order_by("id")
            .values_list("id", "payload")[:EVENTS_PER_ROUND]
        )
        if len(events) == EVENTS_PER_ROUND:
            upto = events[-1][0]
        tags: set[str] = set()
        for _id, payload in events:
            tags.update(payload.get("tags", ()))
        return InFlight(after, upto, self._batches(tags))

    def _batches(self, tags: Iterable[str]) -> list[list[str]]:
        tags = set(tags)
        if not tags:
            return []
        if cache_tags.EVERYTHING in tags:
            tags = {cache_tags.EVERYTHING}
        return list(self.purger.batches(surrogate_keys.purge_keys(tags)))


def follow_outbox(purger: Purger, stopping: threading.Event, poll_seconds: float | None = None) -> None:
    """Send the CDN its purges every poll until `stopping` is set (the worker's thread, when a CDN
    is configured); a failure is logged and retried after a pause that doubles up to a minute."""
    sender = PurgeSender(purger)

    def send() -> None:
        with round_of("cdn-purge") as leading:
            if leading:
                sender.send_pending()

    poll = settings.DATELINE_CDN_POLL_SECONDS if poll_seconds is None else poll_seconds
    repeat_until_stopped(stopping, poll, send, "CDN purge", retried=(PurgeFailed, DatabaseError))
