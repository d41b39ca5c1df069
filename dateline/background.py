"""Background work: the task queue and the schedule, in two threads of whichever process runs them.

`dateline serve` runs them in the server's process (a Django process less at rest); `dateline
worker`, or `dateline serve --worker-process`, in a process of their own.

- The task queue: Django tasks from the database backend (newsletter sending, web push, Wagtail's
  own tasks), claimed one at a time by django-tasks-db's worker, so that any number of processes
  may run it side by side.
- The schedule: every few seconds, due publications and withdrawals, the end of breaking-news
  alerts, newsletter digests, mailings and browser alerts whose sender stopped, tasks whose worker
  died (`core/tasks.py`); every hour, old live events. One process at a time runs a round
  (`core/leader.py`): two would publish the same story twice. Every process says its task worker
  is alive, every round.
- The wire desk: a thread takes in the agencies' watched directories every second or so and prunes
  old items hourly (`wire/rounds.py`).
- The search index follows the outbox in a thread of its own (`search/follower.py`).
- With a CDN configured, another thread sends it the page cache's purges (`cdn/sender.py`).

Neither thread gives up on an error of the database (locked for a long while by a backup, full,
restarting): each waits, longer after each failure up to a minute, and tries again.
"""

from __future__ import annotations

import logging
import threading
import time
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, close_old_connections
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker

from dateline.breaking.actions import end_expired_alerts
from dateline.cdn.purgers import configured
from dateline.cdn.sender import follow_outbox
from dateline.core import tasks
from dateline.core.leader import schedule_round
from dateline.live.events import prune_events
from dateline.search import follower as search_follower
from dateline.subscriptions.digests import run_digests
from dateline.subscriptions.push import resume_push_alerts
from dateline.subscriptions.sending import resume_stalled
from dateline.wire.rounds import follow_sources

logger = logging.getLogger("dateline.worker")

PRUNE_EVERY_SECONDS = 3600
FIRST_PAUSE_SECONDS = 1.0
LONGEST_PAUSE_SECONDS = 60.0


class Backoff:
    """Pauses after failures: 1 s, 2 s, 4 s … up to a minute, back to 1 s after a success."""

    def __init__(self) -> None:
        self.failures = 0

    def failed(self) -> float:
        pause = min(FIRST_PAUSE_SECONDS * 2**self.failures, LONGEST_PAUSE_SECONDS)
        self.failures += 1
        return pause

    def succeeded(self) -> None:
        self.failures = 0


def publish_due_pages() -> None:
    """Publish stories whose go-live time has come and withdraw those whose expiry has."""
    output = StringIO()
    call_command("publish_scheduled", stdout=output)
    report = output.getvalue().strip()
    if report and "No objects to go live" not in report:
        logger.info("scheduled publishing: %s", " ".join(report.split()))


class Background:
    """The task-queue, schedule and wire threads; `start()` them, `stop()` them (waits for a task that
    is running to finish, up to `timeout`)."""

    def __init__(self, task_interval: float = 1.0, schedule_interval: float | None = None) -> None:
        self.task_interval = task_interval
        self.schedule_interval = (
            settings.DATELINE_SCHEDULE_SECONDS if schedule_interval is None else schedule_interval
        )
        self.stopping = threading.Event()
        self.worker: Worker | None = None
        self.threads = [
            threading.Thread(target=self.run_tasks, name="background-tasks", daemon=True),
            threading.Thread(target=self.run_schedule, name="background-schedule", daemon=True),
            threading.Thread(
                target=follow_sources, args=(self.stopping,), name="background-wire", daemon=True
            ),
            threading.Thread(
                target=search_follower.follow_outbox,
                args=(self.stopping,),
                name="background-search",
                daemon=True,
            ),
        ]
        # A CDN named without its token stops the process here, saying so, not a thread later.
        purger = configured()
        if purger is not None:
            self.threads.append(
                threading.Thread(
                    target=follow_outbox, args=(purger, self.stopping), name="background-cdn", daemon=True
                )
            )
        self.last_prune = 0.0

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self.stopping.set()
        if self.worker is not None:
            self.worker.running = False
        deadline = time.monotonic() + timeout
        for thread in self.threads:
            if thread.is_alive():
                thread.join(max(0.0, deadline - time.monotonic()))

    def alive(self) -> bool:
        return all(thread.is_alive() for thread in self.threads)

    def run_tasks(self) -> None:
        """Run queued tasks until stopped; a database error pauses the queue, never ends it."""
        backoff = Backoff()
        while not self.stopping.is_set():
            self.worker = Worker(
                queue_names=["*"],
                interval=self.task_interval,
                batch=False,
                backend_name="default",
                startup_delay=False,
                max_tasks=None,
                worker_id=get_random_string(32),
                excluded_queue_names=[],
            )
            started = time.monotonic()
            try:
                self.worker.run()
            except Exception as error:
                if time.monotonic() - started >= LONGEST_PAUSE_SECONDS:
                    backoff.succeeded()
                pause = backoff.failed()
                if isinstance(error, DatabaseError):
                    logger.warning("the task queue failed (%s); trying again in %g s", error, pause)
                else:
                    logger.exception("the task queue failed; trying again in %g s", pause)
                self._forget_connections()
                self.stopping.wait(pause)
            else:
                return  # stopped

    def run_schedule(self) -> None:
        """A round of scheduled work every interval, by one process at a time."""
        backoff = Backoff()
        while not self.stopping.is_set():
            pause = self.schedule_interval
            try:
                if self.worker is not None:
                    tasks.beat([self.worker.worker_id])
                with schedule_round() as leading:
                    if leading:
                        self.schedule_round()
                backoff.succeeded()
            except DatabaseError as error:
                pause = max(pause, backoff.failed())
                logger.warning("scheduled work failed (%s); trying again in %g s", error, pause)
            except Exception:
                logger.exception("scheduled work failed; trying again next round")
            finally:
                self._forget_connections()
            self.stopping.wait(pause)

    def schedule_round(self) -> None:
        publish_due_pages()
        end_expired_alerts()
        made, started = run_digests()
        if made or started:
            logger.info("newsletter digests: %d made, %d sent", made, started)
        if resumed := resume_stalled():
            logger.info("took over %d newsletter mailings whose sender stopped", resumed)
        if resumed := resume_push_alerts():
            logger.info("resumed %d browser alerts whose run stopped or failed", resumed)
        if taken_up := tasks.look_after_tasks():
            logger.info("took up %d tasks whose worker stopped answering", taken_up)
        if time.monotonic() - self.last_prune > PRUNE_EVERY_SECONDS:
            pruned = prune_events()
            self.last_prune = time.monotonic()
            if pruned:
                logger.info("forgot %d live events past the retention window", pruned)

    @staticmethod
    def _forget_connections() -> None:
        try:
            close_old_connections()
        except DatabaseError:
            logger.debug("a broken database connection could not be closed cleanly", exc_info=True)
