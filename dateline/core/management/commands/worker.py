"""`dateline worker`: background tasks, scheduled publishing and housekeeping, in one process."""

from __future__ import annotations

import logging
import threading
import time
from io import StringIO
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from dateline.breaking.actions import end_expired_alerts
from dateline.live.events import prune_events
from dateline.subscriptions.digests import run_digests
from dateline.subscriptions.sending import resume_stalled

logger = logging.getLogger("dateline.worker")

PRUNE_EVERY_SECONDS = 3600


def publish_due_pages() -> None:
    """Publish stories whose go-live time has come and withdraw those whose expiry has."""
    output = StringIO()
    call_command("publish_scheduled", stdout=output)
    report = output.getvalue().strip()
    if report and "No objects to go live" not in report:
        logger.info("scheduled publishing: %s", " ".join(report.split()))


def run_schedule(stop: threading.Event, interval: float) -> None:
    """Every `interval` seconds: due publications; every hour: forget old live events."""
    last_prune = 0.0
    while not stop.is_set():
        try:
            publish_due_pages()
            end_expired_alerts()
            made, started = run_digests()
            if made or started:
                logger.info("newsletter digests: %d made, %d sent", made, started)
            if resumed := resume_stalled():
                logger.info("took over %d newsletter mailings whose sender stopped", resumed)
            if time.monotonic() - last_prune > PRUNE_EVERY_SECONDS:
                pruned = prune_events()
                last_prune = time.monotonic()
                if pruned:
                    logger.info("forgot %d live events past the retention window", pruned)
        except Exception:
            logger.exception("scheduled work failed; trying again next round")
        finally:
            close_old_connections()
        stop.wait(interval)


class Command(BaseCommand):
    help = "Run background tasks and publish scheduled stories (no cron needed)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between looks for tasks.")

    def handle(self, *args: Any, interval: float = 1.0, **options: Any) -> None:
        stop = threading.Event()
        schedule = threading.Thread(
            target=run_schedule, args=(stop, settings.DATELINE_SCHEDULE_SECONDS), name="schedule", daemon=True
        )
        schedule.start()
        worker = Worker(
            queue_names=["*"],
            interval=interval,
            batch=False,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        )
        worker.configure_signals()
        self.stdout.write(
            f"Worker running: tasks every {interval:g}s, scheduled publishing every "
            f"{settings.DATELINE_SCHEDULE_SECONDS:g}s."
        )
        try:
            worker.run()
        finally:
            stop.set()
            schedule.join(timeout=5)
