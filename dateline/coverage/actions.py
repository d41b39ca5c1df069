"""Writing live entries, and telling the readers of a coverage about it.

`do_…` functions write (and record the change in the newsroom's history); `notify_…` functions
publish the events that open coverage pages apply, and purge the cached page so that a reader
arriving later gets everything. Both happen on commit: a change that rolls back sends nothing.

Events on the stream `coverage:<page id>`:
- `entry` (added or changed): id, html (the entry as the page shows it), key_event_html (its line
  in the key events list, or ""), created_at (ISO 8601), created_ms, pinned, key_event.
- `entry-removed`: id.
- `coverage-ended`: id of the page; open pages stop showing it as live.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from dateline.core import cache_tags
from dateline.coverage import rendering, streams
from dateline.coverage.models import LiveCoveragePage, LiveEntry
from dateline.live.events import publish_on_commit
from dateline.live.purge import purge_on_commit

ENTRY = "entry"
ENTRY_REMOVED = "entry-removed"
COVERAGE_ENDED = "coverage-ended"


def do_add_entry(entry: LiveEntry, *, user: Any = None) -> LiveEntry:
    """Save a new entry; readers of its coverage see it arrive at the top."""
    with transaction.atomic():
        entry.save()
        log(instance=entry, action="wagtail.create", user=user)
        notify_entry_changed(entry)
    return entry


def do_change_entry(
    entry: LiveEntry,
    *,
    changed_fields: Iterable[str],
    previous_page_id: int | None = None,
    user: Any = None,
) -> LiveEntry:
    """Save an edited entry; readers see it change in place.

    A change to what the entry says (not just pinning it) marks it as edited for readers. An entry
    moved to another coverage leaves the old one's pages.
    """
    changed = set(changed_fields)
    with transaction.atomic():
        if changed & LiveEntry.CONTENT_FIELDS:
            entry.edited_at = timezone.now()
        entry.save()
        log(instance=entry, action="wagtail.edit", user=user)
        if previous_page_id is not None and previous_page_id != entry.page_id:
            notify_entry_removed(previous_page_id, entry.pk)
        notify_entry_changed(entry)
    return entry


def do_delete_entry(entry: LiveEntry, *, user: Any = None) -> None:
    """Delete an entry; it disappears from its coverage's open pages."""
    page_id, entry_id = entry.page_id, entry.pk
    with transaction.atomic():
        log(instance=entry, action="wagtail.delete", user=user)
        entry.delete()
        notify_entry_removed(page_id, entry_id)


def entry_payload(entry: LiveEntry) -> dict[str, Any]:
    return {
        "id": entry.pk,
        "html": rendering.render_entry(entry),
        "key_event_html": rendering.render_key_event(entry) if entry.is_key_event else "",
        "created_at": entry.created_at.isoformat(),
        "created_ms": entry.created_ms,
        "pinned": entry.is_pinned,
        "key_event": entry.is_key_event,
    }


def notify_entry_changed(entry: LiveEntry) -> None:
    publish_on_commit(streams.stream(entry.page_id), ENTRY, entry_payload(entry))
    purge_on_commit([cache_tags.page(entry.page_id)])


def notify_entry_removed(page_id: int, entry_id: int) -> None:
    publish_on_commit(streams.stream(page_id), ENTRY_REMOVED, {"id": entry_id})
    purge_on_commit([cache_tags.page(page_id)])


def notify_coverage_ended(page: LiveCoveragePage) -> None:
    """Open pages of the coverage drop their live state (the page itself is purged by its
    publication, like any story's)."""
    publish_on_commit(streams.stream(page.pk), COVERAGE_ENDED, {"id": page.pk})
