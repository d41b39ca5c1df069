"""Keeping the index current from the outbox, in the worker: a story is found about a poll after
it is published and gone about a poll after it is withdrawn or deleted.

The stories' events are already in the outbox: "story" and "story-withdrawn" on each edition's
Newsfeed stream (`dateline.articles.newsfeed`), and the index's own "story-draft" and
"story-deleted" on the `search` stream (`dateline.search.receivers`). The follower reads them after
a cursor row (`IndexCursor`), makes the named stories' entries again from the database
(`indexing.refresh`) and moves the cursor in the same transaction. One process at a time indexes
(`dateline.core.leader`); a restart resumes from the cursor; events pruned before the follower read
them (a worker stopped longer than the outbox keeps them) mean a full rebuild.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from dateline.core.leader import round_of
from dateline.core.rounds import repeat_until_stopped
from dateline.live import outbox
from dateline.live.models import Event
from dateline.search import indexing, receivers
from dateline.search.models import IndexCursor

logger = logging.getLogger(__name__)

# Events read in one round; more wait for the next round.
EVENTS_PER_ROUND = 1000

STORY_EVENTS = Q(stream__startswith="newsfeed:", kind__in=["story", "story-withdrawn"]) | Q(
    stream=receivers.STREAM, kind__in=[receivers.DRAFT, receivers.DELETED]
)


def index_pending() -> int:
    """Index the stories of every event committed since the cursor; the number of stories."""
    cursor = IndexCursor.objects.filter(pk=1).first()
    if cursor is None:
        return _start()
    after = cursor.last_event_id
    upto = outbox.newest_id()
    if upto == after:
        return 0
    oldest = outbox.oldest_id()
    if upto < after or (oldest is not None and oldest > after + 1):
        logger.warning("search: the events after %d are no longer in the outbox; rebuilding the index", after)
        return _start()
    events = list(
        Event.objects.filter(STORY_EVENTS, id__gt=after, id__lte=upto)
        .order_by("id")
        .values_list("id", "payload")[:EVENTS_PER_ROUND]
    )
    if len(events) == EVENTS_PER_ROUND:
        upto = events[-1][0]
    page_ids = {payload["id"] for _id, payload in events if isinstance(payload.get("id"), int)}
    with transaction.atomic():
        indexed = indexing.refresh(page_ids)
        IndexCursor.objects.filter(pk=1).update(last_event_id=upto, indexed_at=timezone.now())
    return indexed


def _start() -> int:
    """A new or lost cursor: index everything, then follow from the event read before starting."""
    upto = outbox.newest_id()
    indexed = indexing.rebuild()
    IndexCursor.objects.update_or_create(pk=1, defaults={"last_event_id": upto, "indexed_at": timezone.now()})
    return indexed


def follow_outbox(stopping: threading.Event, poll_seconds: float | None = None) -> None:
    """Index what the outbox tells of every poll (`DATELINE_SEARCH_POLL_SECONDS`) until `stopping`
    is set (a thread of the background work); a failure is logged and retried after a pause that
    doubles up to a minute."""

    def index() -> None:
        with round_of("search-index") as leading:
            if leading:
                index_pending()

    poll = settings.DATELINE_SEARCH_POLL_SECONDS if poll_seconds is None else poll_seconds
    repeat_until_stopped(stopping, poll, index, "search indexing")
