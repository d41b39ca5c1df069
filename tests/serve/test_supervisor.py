"""`dateline serve`'s supervisor: children are restarted with back-off and stopped together."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from dateline.supervisor import Child, Supervisor

SLEEPER = [sys.executable, "-c", "import time; time.sleep(600)"]


def wait_for(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_child_that_keeps_failing_is_started_again_after_longer_and_longer_pauses():
    clock = FakeClock()
    child = Child("server", [sys.executable, "-c", "raise SystemExit(3)"])
    supervisor = Supervisor([child], clock=clock)
    child.start()
    child.started_at = clock.now
    pauses = []
    for _ in range(8):
        assert child.process is not None
        child.process.wait()
        supervisor.watch_once()
        assert child.restart_at is not None
        pauses.append(child.restart_at - clock.now)
        clock.now = child.restart_at
        supervisor.watch_once()
        child.started_at = clock.now
    assert pauses == [1, 2, 4, 8, 16, 32, 60, 60]
    assert child.restarts == 8


def test_a_child_that_stayed_up_a_while_is_restarted_at_once():
    clock = FakeClock()
    child = Child("server", SLEEPER)
    supervisor = Supervisor([child], clock=clock)
    child.quick_failures = 5
    child.start()
    child.started_at = clock.now
    try:
        clock.now += 120
        assert child.process is not None
        child.process.kill()
        child.process.wait()
        supervisor.watch_once()
        assert child.restart_at == clock.now + 1
    finally:
        supervisor.stop_children()


def test_a_killed_child_is_back_within_seconds(tmp_path: Path):
    child = Child("server", SLEEPER)
    supervisor = Supervisor([child])
    child.start()
    try:
        first = child.process
        assert first is not None
        first.kill()
        first.wait()
        deadline = time.monotonic() + 5
        while child.process is first and time.monotonic() < deadline:
            supervisor.watch_once()
            time.sleep(0.05)
        assert child.process is not first
        assert child.process is not None and child.process.poll() is None
    finally:
        supervisor.stop_children()


def test_sigterm_stops_the_supervisor_and_every_child(tmp_path: Path):
    pids = tmp_path / "pids"
    script = textwrap.dedent(
        f"""
        import sys
        from dateline.supervisor import Child, Supervisor
        children = [Child(name, {SLEEPER!r}) for name in ("server", "worker")]
        supervisor = Supervisor(children)
        original = Child.start
        def start(self):
            original(self)
            with open({str(pids)!r}, "a") as file:
                file.write(f"{{self.process.pid}}\\n")
        Child.start = start
        sys.exit(supervisor.run())
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).resolve().parents[2])
    wait_for(lambda: pids.exists() and len(pids.read_text().split()) == 2)
    children = [int(pid) for pid in pids.read_text().split()]
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=15) == 0
    for pid in children:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


SUPERVISED_SLEEPERS = """
import sys
from dateline.supervisor import Child, Supervisor
children = [Child(name, {sleeper!r}) for name in ("server", "worker")]
original = Child.start
def start(self):
    original(self)
    with open({pids!r}, "a") as file:
        file.write(f"{{self.process.pid}}\\n")
Child.start = start
sys.exit(Supervisor(children).run())
"""


def start_supervised_sleepers(pids: Path) -> tuple[subprocess.Popen[bytes], list[int]]:
    """A supervisor of two sleeping children, in a session of its own as a terminal's `dateline
    serve` is: the supervisor and the pids of its children."""
    script = SUPERVISED_SLEEPERS.format(sleeper=SLEEPER, pids=str(pids))
    process = subprocess.Popen(
        [sys.executable, "-c", script], cwd=Path(__file__).resolve().parents[2], start_new_session=True
    )
    wait_for(lambda: pids.exists() and len(pids.read_text().split()) == 2)
    return process, [int(pid) for pid in pids.read_text().split()]


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def stop_all(supervisor: subprocess.Popen[bytes], children: list[int]) -> None:
    """Whatever a failed assertion left running: the supervisor first, so that it restarts nothing."""
    supervisor.kill()
    supervisor.wait()
    for pid in children:
        if not gone(pid):
            os.kill(pid, signal.SIGKILL)


def test_a_signal_to_the_terminal_s_process_group_reaches_only_the_supervisor(tmp_path: Path):
    """Ctrl+C signals a terminal's whole foreground group: granian's workers took it before
    granian did, and granian reported their exit as a failure. Each child has a group of its
    own and is stopped by the supervisor."""
    process, children = start_supervised_sleepers(tmp_path / "pids")
    try:
        for pid in children:
            assert os.getpgid(pid) == pid != os.getpgid(process.pid)
        os.killpg(process.pid, signal.SIGINT)
        assert process.wait(timeout=15) == 0
        for pid in children:
            wait_for(lambda pid=pid: gone(pid))
    finally:
        stop_all(process, children)


def test_children_stop_when_the_supervisor_is_killed(tmp_path: Path):
    """SIGKILL leaves the supervisor no time to stop anything: its children are told by the
    kernel, so that no server is left holding the port with nobody watching it."""
    process, children = start_supervised_sleepers(tmp_path / "pids")
    try:
        process.kill()
        process.wait(timeout=5)
        for pid in children:
            wait_for(lambda pid=pid: gone(pid))
    finally:
        stop_all(process, children)


def test_the_supervisor_imports_no_django():
    code = "import sys, dateline.cli; print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert output.strip() == "[]"
