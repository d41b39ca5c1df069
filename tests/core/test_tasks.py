"""Tasks that outlive their worker: one left running by a worker that died is run again by another
worker; one whose worker is alive, however long it runs, is left alone. Real worker processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from dateline.core import tasks
from tests.browser.server import database_url
from tests.core.stalling_tasks import count_runs_and_wait

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LEASE = 2


@pytest.fixture
def database_tasks(committed_db, settings) -> None:
    """Tasks go to the database, where worker processes find them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def workers() -> Iterator[Callable[[], subprocess.Popen[bytes]]]:
    """`dateline worker` processes on the test database, with a short lease; stopped afterwards."""
    started: list[subprocess.Popen[bytes]] = []

    def start() -> subprocess.Popen[bytes]:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATELINE_DATA_DIR": str(django_settings.DATA_DIR),
            "DATABASE_URL": database_url(connection.settings_dict),
            "DATELINE_SCHEDULE_SECONDS": "0.3",
            "DATELINE_TASK_LEASE_SECONDS": str(LEASE),
        }
        process = subprocess.Popen(
            [sys.executable, "-m", "dateline.cli", "worker"],
            cwd=django_settings.BASE_DIR,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in started:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"waited {seconds:g} s for {what}"
        time.sleep(0.05)


def runs(marker: Path) -> int:
    return int(marker.read_text()) if marker.exists() else 0


def test_a_task_left_running_by_a_dead_worker_is_run_again_by_another(database_tasks, workers, tmp_path):
    marker, release = tmp_path / "runs", tmp_path / "release"
    result = count_runs_and_wait.enqueue(str(marker), str(release))
    first = workers()
    wait_for(lambda: runs(marker) == 1, "the first worker to start the task")
    first.send_signal(signal.SIGKILL)
    first.wait()
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.RUNNING
    workers()
    wait_for(lambda: runs(marker) == 2, "another worker to run the task again")
    wait_for(
        lambda: DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL,
        "the second run to finish",
    )
    assert len(DBTaskResult.objects.get(pk=result.id).worker_ids) == 2


def test_a_long_task_whose_worker_is_alive_is_left_to_it(database_tasks, workers, tmp_path):
    marker, release = tmp_path / "runs", tmp_path / "release"
    result = count_runs_and_wait.enqueue(str(marker), str(release))
    workers()
    wait_for(lambda: runs(marker) == 1, "a worker to start the task")
    workers()
    time.sleep(LEASE * 3)  # both look after tasks several times, long past the lease
    task = DBTaskResult.objects.get(pk=result.id)
    assert (runs(marker), task.status, len(task.worker_ids)) == (1, TaskResultStatus.RUNNING, 1)
    release.touch()
    wait_for(
        lambda: DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL,
        "the task to finish",
    )
    assert runs(marker) == 1


def test_a_task_whose_workers_keep_dying_under_it_is_failed_not_run_again(database_tasks, settings, tmp_path):
    result = count_runs_and_wait.enqueue(str(tmp_path / "runs"), str(tmp_path / "release"))
    long_ago = timezone.now() - timedelta(seconds=settings.DATELINE_TASK_LEASE_SECONDS + 1)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, started_at=long_ago, worker_ids=["gone-1", "gone-2", "gone-3"]
    )
    assert tasks.look_after_tasks() == 1
    failed = DBTaskResult.objects.get(pk=result.id)
    assert failed.status == TaskResultStatus.FAILED
    assert failed.exception_class_path == "dateline.core.tasks.WorkerLost"
    assert tasks.look_after_tasks() == 0
