"""Background tasks that outlive their worker: a task left running by a worker that died runs again.

django-tasks' database backend marks a task RUNNING when a worker takes it and looks at it again
only when that worker finishes it: a worker killed mid-task (`kill -9`, out of memory, a machine
gone) left it RUNNING for good. So every process that runs tasks records a heartbeat for the worker
id it runs them under, once a round of its schedule (`beat`), and the process leading the round
looks for RUNNING tasks whose worker has gone quiet for `DATELINE_TASK_LEASE_SECONDS`: its heartbeat
is older, or there is none and the task started longer ago (`look_after_tasks`). Such a task is put back to be run, unless its
workers died under it `RUNS_BEFORE_GIVING_UP` times (a task that takes its worker down), when it
is failed instead. Dateline's own tasks are safe to run again: mailings and browser alerts claim
their work row by row and batch by batch, so a second run sends nothing twice.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from dateline.core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

RUNS_BEFORE_GIVING_UP = 3
# Heartbeats of workers gone this long are forgotten (a task of theirs counts as never beaten for).
FORGET_HEARTBEATS_AFTER = timedelta(days=1)


class WorkerLost(Exception):
    """Recorded on a task failed because every worker that took it died under it."""


def beat(worker_ids: Iterable[str]) -> None:
    """Say that the workers of this process are alive (every process, every round)."""
    now = timezone.now()
    for worker_id in worker_ids:
        WorkerHeartbeat.objects.update_or_create(worker_id=worker_id, defaults={"seen_at": now})


def look_after_tasks() -> int:
    """Put back the tasks of workers that went quiet; how many were put back (or failed). Run by
    the process that leads a round of the schedule."""
    now = timezone.now()
    WorkerHeartbeat.objects.filter(seen_at__lt=now - FORGET_HEARTBEATS_AFTER).delete()
    quiet_since = now - timedelta(seconds=settings.DATELINE_TASK_LEASE_SECONDS)
    alive = set(WorkerHeartbeat.objects.filter(seen_at__gte=quiet_since).values_list("worker_id", flat=True))
    taken_up = 0
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=quiet_since)
    for task_id, ran_under in running.values_list("pk", "worker_ids"):
        if ran_under and ran_under[-1] in alive:
            continue
        taken_up += take_up(task_id, len(ran_under or []), now)
    return taken_up


def take_up(task_id: Any, runs: int, now: datetime) -> int:
    """Put a task whose worker died back in the queue, or fail it if that happened too often; 1
    if this process did (another may have been first, or the worker finished it after all)."""
    task = DBTaskResult.objects.filter(pk=task_id, status=TaskResultStatus.RUNNING)
    if runs >= RUNS_BEFORE_GIVING_UP:
        logger.warning("task %s: its worker died under it %d times; failed", task_id, runs)
        return task.update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
            traceback=f"WorkerLost: the worker running it stopped answering, {runs} times",
        )
    logger.warning("task %s: its worker stopped answering; it is run again", task_id)
    return task.update(status=TaskResultStatus.READY)
