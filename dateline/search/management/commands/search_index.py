"""`dateline manage search_index --rebuild`: index every story again (after an upgrade that
changes how words are indexed, or to fill a new index at once rather than from the worker)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from dateline.live import outbox
from dateline.search import indexing
from dateline.search.models import IndexCursor, SearchEntry


class Command(BaseCommand):
    help = "Rebuild the stories' search index, or say how far it has got."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="index every story again from scratch")

    def handle(self, *args: Any, rebuild: bool = False, **options: Any) -> None:
        if not rebuild:
            cursor = IndexCursor.objects.filter(pk=1).first()
            if cursor is None:
                raise CommandError(
                    "The index has not been built yet: run with --rebuild, or start the worker."
                )
            self.stdout.write(
                f"{SearchEntry.objects.count()} stories indexed, up to event {cursor.last_event_id}"
                f" (newest {outbox.newest_id()})"
            )
            return
        started = time.monotonic()
        upto = outbox.newest_id()
        done = indexing.rebuild(progress=lambda count: self.stdout.write(f"\r{count} stories", ending=""))
        with transaction.atomic():
            IndexCursor.objects.update_or_create(pk=1, defaults={"last_event_id": upto})
        self.stdout.write(f"\rindexed {done} stories in {time.monotonic() - started:.1f} s")
