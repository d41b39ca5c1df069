"""Each server process keeps its Python threads on one core of its own (dateline/asgi/cores.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import httpx
import pytest
from django.conf import settings

from dateline.asgi import cores
from tests.browser.server import granian_server

ALLOWED = sorted(os.sched_getaffinity(0))

pytestmark = pytest.mark.skipif(len(ALLOWED) < 2, reason="one core: there is nothing to choose")

# A process that claims a core, says which, and holds it until its input closes.
HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from dateline.asgi.cores import claim_core
    print(claim_core(Path(sys.argv[1])), flush=True)
    sys.stdin.read()
    """
)


def holder(directory: Path) -> tuple[subprocess.Popen[str], str]:
    """A process holding a core claimed in `directory`, and what it said it claimed."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(directory)],
        cwd=settings.BASE_DIR,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    return process, process.stdout.readline().strip()


def release(process: subprocess.Popen[str]) -> None:
    assert process.stdin is not None
    process.stdin.close()
    process.wait(timeout=10)


@pytest.fixture
def own_claim(monkeypatch: pytest.MonkeyPatch) -> None:
    # This test process may claim again: what it holds is forgotten (and closed) at the end.
    held: list[int] = []
    monkeypatch.setattr(cores, "_held", held)
    yield
    for descriptor in held:
        os.close(descriptor)


def test_the_claiming_thread_and_the_threads_it_starts_stay_on_the_claimed_core(
    tmp_path: Path, own_claim: None
):
    seen: dict[str, object] = {}

    def server_thread() -> None:
        seen["core"] = cores.claim_core(tmp_path)
        seen["claimer"] = os.sched_getaffinity(0)
        started = threading.Thread(target=lambda: seen.update(started=os.sched_getaffinity(0)))
        started.start()
        started.join()

    thread = threading.Thread(target=server_thread)
    thread.start()
    thread.join()

    assert seen["core"] in ALLOWED
    assert seen["claimer"] == {seen["core"]}
    assert seen["started"] == {seen["core"]}
    # Only the claiming thread was pinned: the rest of the process keeps every core.
    assert sorted(os.sched_getaffinity(0)) == ALLOWED


def test_server_processes_claim_different_cores_and_one_too_many_is_left_unpinned(tmp_path: Path):
    holders = [holder(tmp_path) for _ in ALLOWED]
    try:
        claimed = [said for _process, said in holders]
        assert sorted(int(core) for core in claimed) == ALLOWED

        extra, said = holder(tmp_path)
        release(extra)
        assert said == "None"
    finally:
        for process, _said in holders:
            release(process)


def test_the_core_of_a_process_that_ended_is_claimed_by_the_next(tmp_path: Path):
    holders = [holder(tmp_path) for _ in ALLOWED]
    try:
        ended, freed = holders.pop()
        release(ended)

        successor, claimed = holder(tmp_path)
        holders.append((successor, claimed))
        assert claimed == freed
    finally:
        for process, _said in holders:
            release(process)


def test_an_unwritable_directory_leaves_the_process_unpinned(tmp_path: Path, own_claim: None):
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the directory would be")
    seen: dict[str, object] = {}

    def server_thread() -> None:
        seen["core"] = cores.claim_core(blocked / "cores")
        seen["affinity"] = sorted(os.sched_getaffinity(0))

    thread = threading.Thread(target=server_thread)
    thread.start()
    thread.join()

    assert seen == {"core": None, "affinity": ALLOWED}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("committed_db")
def test_the_served_process_runs_its_event_loop_and_django_threads_on_one_core(tmp_path: Path):
    with granian_server(settings.DATABASES["default"], tmp_path / "granian.log") as base_url:
        assert httpx.get(f"{base_url}/robots.txt", timeout=10).status_code == 200
        # A page the cache cannot answer, so that the Django threads have started.
        httpx.get(f"{base_url}/no-such-page/", headers={"Cookie": "dateline_newsroom=1"}, timeout=10)
        workers = worker_pids(base_url)
        assert workers, "no worker process found"
        # Python names no threads for the system: all but granian's I/O runtime's are its.
        python_threads = {
            thread.name: affinity(thread)
            for pid in workers
            for thread in Path(f"/proc/{pid}/task").iterdir()
            if (thread / "comm").read_text().strip() != "tokio-rt-worker"
        }

    affinities = set(python_threads.values())
    assert len(affinities) == 1, python_threads
    (only,) = affinities
    assert only.isdigit(), only  # one core, not a list or range


def worker_pids(base_url: str) -> list[int]:
    """The granian worker processes serving `base_url` (children of the process on its port)."""
    port = base_url.rsplit(":", 1)[1]
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
            status = (entry / "status").read_text()
        except OSError:
            continue
        parent = int(next(line.split()[1] for line in status.splitlines() if line.startswith("PPid:")))
        if b"granian" in b" ".join(command) and port.encode() in command and parent_is_granian(parent):
            found.append(int(entry.name))
    return found


def parent_is_granian(pid: int) -> bool:
    try:
        return b"granian" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def affinity(thread: Path) -> str:
    """The cores a thread may run on, as /proc lists them ("1", "0-1")."""
    status = (thread / "status").read_text()
    return next(
        line.split(":", 1)[1].strip() for line in status.splitlines() if line.startswith("Cpus_allowed_list")
    )
