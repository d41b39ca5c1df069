"""`dateline worker`: background tasks and the schedule in a process of their own (no cron needed).

`dateline serve` runs the same work in its server process; this command is for worker machines,
or `dateline serve --worker-process`.
"""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from dateline.background import Background


class Command(BaseCommand):
    help = "Run background tasks and publish scheduled stories (no cron needed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between looks for tasks.")

    def handle(self, *args: Any, interval: float = 1.0, **options: Any) -> None:
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        background = Background(task_interval=interval)
        background.start()
        self.stdout.write(
            f"Worker running: tasks every {interval:g}s, scheduled publishing every "
            f"{settings.DATELINE_SCHEDULE_SECONDS:g}s."
        )
        while not stop.wait(1.0) and background.alive():
            pass
        background.stop()
        if not stop.is_set():
            # A thread ended by itself: exit, for the supervisor to start a fresh process.
            raise CommandError("a background thread stopped unexpectedly")
