"""Reading the event outbox in the breaking-news tests."""

from __future__ import annotations

from dateline.live.models import Event


def events(kind: str | None = None, stream: str | None = None) -> list[Event]:
    """The events in the outbox, oldest first, optionally only of one kind or on one stream."""
    found = Event.objects.order_by("id")
    if kind is not None:
        found = found.filter(kind=kind)
    if stream is not None:
        found = found.filter(stream=stream)
    return list(found)


def purged_tags() -> set[str]:
    """Every cache tag a purge event in the outbox names."""
    return {tag for event in events("purge", "cache") for tag in event.payload["tags"]}
