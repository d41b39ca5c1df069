"""The changes feed: every story published, changed or withdrawn, in the order it happened.

It reads the outbox (`dateline.live.models.Event`), where publishing a story appends a `story`
event and withdrawing or deleting one a `story-withdrawn` event on its edition's newsfeed stream
(`dateline.articles.newsfeed`), in the transaction that made the change. Positions are event ids,
so a partner that mirrors the site keeps the last position it saw and asks for what came after:
nothing is missed. The outbox keeps events for `DATELINE_EVENT_RETENTION_HOURS`; a partner further
behind than that is told to resync from the story list (which says the position to follow on from).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from http import HTTPStatus
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from dateline.api import problems
from dateline.api.stories import story_uri
from dateline.core import cache_tags
from dateline.editions import navigation
from dateline.live import outbox
from dateline.live.models import Event

PUBLISHED = "story"
WITHDRAWN = "story-withdrawn"
NEWSFEED_STREAM_PREFIX = "newsfeed:"


@dataclass(frozen=True)
class Change:
    position: int
    story_id: int
    change: str  # "created", "updated" or "withdrawn"
    at: datetime
    language: str

    def as_json(self) -> dict[str, Any]:
        return {
            "position": self.position,
            "change": self.change,
            "at": self.at.isoformat(timespec="seconds"),
            "story": self.story_id,
            "uri": story_uri(self.story_id),
            "language": self.language,
        }


def changes_after(request: HttpRequest, since: int, limit: int) -> tuple[list[Change], int]:
    """The story changes after position `since`, oldest first, and the position to ask from next."""
    oldest = outbox.oldest_id()
    newest = outbox.newest_id()
    if since > newest or (oldest is not None and since < oldest - 1):
        raise problems.Problem(
            HTTPStatus.GONE,
            "resync",
            _("Too far behind"),
            _(
                "The changes after this position are no longer kept. Fetch the story list again and "
                "follow the changes from the position it gives."
            ),
            position=newest,
        )
    # Every story published or withdrawn purges its edition's home tag.
    cache_tags.add(request, *(cache_tags.home(edition.locale_id) for edition in navigation.editions(request)))
    events = list(
        Event.objects.filter(
            id__gt=since, kind__in=(PUBLISHED, WITHDRAWN), stream__startswith=NEWSFEED_STREAM_PREFIX
        )
        .order_by("id")
        .values_list("id", "stream", "kind", "payload", "created_at")[:limit]
    )
    changes = [_change(*event) for event in events]
    if len(events) == limit:
        position = changes[-1].position
    else:
        # Every event up to `newest` had committed when it was read: carry on from there.
        position = max(since, newest, *(change.position for change in changes[-1:]))
    return changes, position


def _change(event_id: int, stream: str, kind: str, payload: Any, created_at: datetime) -> Change:
    if kind == WITHDRAWN:
        change = "withdrawn"
    elif payload.get("updated"):
        change = "updated"
    else:
        change = "created"
    return Change(
        position=event_id,
        story_id=int(payload.get("id", 0)),
        change=change,
        at=created_at,
        language=stream[len(NEWSFEED_STREAM_PREFIX) :],
    )
