"""`dateline serve`: starts the processes of a running site, restarts one that dies, stops them all.

This module imports no Django: it only starts, watches and stops processes, so it costs a bare
interpreter's memory. Its children are the server (granian, which runs Dateline's ASGI application
and, by default, the background work in threads of its process) and, when asked for, a background
worker process of its own.

A child that exits while the site is meant to be up is started again after a pause that doubles
with each quick failure (1 s, 2 s, 4 s … up to a minute) and goes back to one second once the
child has stayed up for a minute: a database that is down for a while is retried calmly, and a
process killed once is back at once. SIGTERM, SIGINT or SIGHUP stop every child (SIGTERM, then
SIGKILL after a grace period) and the supervisor exits. Each child runs in a process group of its
own and is stopped through its own main process; a child whose supervisor dies is sent SIGTERM.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

logger = logging.getLogger("dateline.serve")

FIRST_PAUSE_SECONDS = 1.0
LONGEST_PAUSE_SECONDS = 60.0
# A child that stayed up this long is healthy again: its next failure waits the first pause.
STEADY_SECONDS = 60.0
STOP_GRACE_SECONDS = 10.0
POLL_SECONDS = 0.5


@dataclass
class Child:
    """One process the supervisor keeps running."""

    name: str
    command: Sequence[str]
    environment: dict[str, str] | None = None
    process: subprocess.Popen[bytes] | None = None
    started_at: float = 0.0
    quick_failures: int = 0
    restart_at: float | None = None
    restarts: int = 0

    def start(self) -> None:
        # A process group of its own: Ctrl+C in a terminal (or a signal to `dateline serve`'s
        # group) reaches only the supervisor, which stops each child through its main process.
        # Granian's workers, sharing the group, took the signal before granian did and granian
        # reported their exit as a failure ("Unexpected exit from worker-1").
        self.process = subprocess.Popen(  # noqa: S603
            self.command, env=self.environment, process_group=0, preexec_fn=stop_with_parent(os.getpid())
        )
        self.started_at = time.monotonic()
        self.restart_at = None

    def pause_after_exit(self, now: float) -> float:
        """How long to wait before starting it again, after it exited at `now`."""
        if now - self.started_at >= STEADY_SECONDS:
            self.quick_failures = 0
        pause = min(FIRST_PAUSE_SECONDS * 2**self.quick_failures, LONGEST_PAUSE_SECONDS)
        self.quick_failures += 1
        return pause


@dataclass
class Supervisor:
    children: list[Child]
    stopping: threading.Event = field(default_factory=threading.Event)
    clock: Callable[[], float] = time.monotonic

    def run(self) -> int:
        """Start every child and keep them up until a signal asks to stop; the exit status."""
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, self._on_signal)
        try:
            for child in self.children:
                child.start()
            while not self.stopping.is_set():
                self.watch_once()
                self.stopping.wait(POLL_SECONDS)
        finally:
            self.stop_children()
        return 0

    def watch_once(self) -> None:
        """Notice children that exited and start those whose pause is over."""
        now = self.clock()
        for child in self.children:
            if child.restart_at is not None:
                if now >= child.restart_at and not self.stopping.is_set():
                    child.restarts += 1
                    logger.warning("starting the %s again (restart %d)", child.name, child.restarts)
                    child.start()
                continue
            if child.process is None or (code := child.process.poll()) is None:
                continue
            pause = child.pause_after_exit(now)
            child.restart_at = now + pause
            logger.error(
                "the %s exited with %s; starting it again in %g s", child.name, describe_exit(code), pause
            )

    def stop_children(self) -> None:
        """SIGTERM to every running child, then SIGKILL to those still running after the grace period."""
        running = [c.process for c in self.children if c.process is not None and c.process.poll() is None]
        for process in running:
            process.terminate()
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for process in running:
            try:
                process.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def _on_signal(self, signum: int, frame: object) -> None:
        self.stopping.set()


PR_SET_PDEATHSIG = 1


def stop_with_parent(parent: int) -> Callable[[], None] | None:
    """Run in a child before it starts (Linux): SIGTERM it when the supervisor dies, even by
    SIGKILL, so that no server is left holding the port with nobody watching it."""
    if not sys.platform.startswith("linux"):
        return None
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)

    def set_death_signal() -> None:
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the supervisor died before the signal was asked for
            os._exit(1)

    return set_death_signal


def describe_exit(code: int) -> str:
    if code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"code {code}"


def configure_logging() -> None:
    logging.basicConfig(
        level=os.environ.get("DATELINE_LOG_LEVEL", "INFO"),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
