"""Processes a benchmark starts, and what /proc says about them: CPU time and memory."""

from __future__ import annotations

import contextlib
import os
import resource
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Protocol

from bench.harness.environment import HOST, ROOT


def ensure_port_free(port: int) -> None:
    """Refuse to start next to a forgotten server: the load would measure that one instead."""
    with socket.socket() as probe:
        # As servers do, so that connections of an earlier run in TIME_WAIT do not count.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            raise SystemExit(f"port {port} is in use: stop what listens there or pass --port") from None


def wait_for_port(port: int, timeout: float = 20) -> None:
    """Until something listens on `port`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listened on port {port} within {timeout:.0f} s")


def stat_fields(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the command name: state, ppid, pgrp, … (utime is [11])."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def status_kib(pid: int, names: Sequence[str]) -> dict[str, int]:
    """The memory lines `names` (VmRSS, RssAnon, …) of /proc/PID/status, in KiB."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in names:
            found[name] = int(value.split()[0])
    return found


def cpu_seconds(pids: Sequence[int]) -> float:
    """User and system CPU time used so far by the processes `pids` (those still there)."""
    ticks = 0
    for pid in pids:
        with contextlib.suppress(OSError, IndexError):  # the process ended meanwhile
            fields = stat_fields(pid)
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    """User and system CPU time this process has used so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def all_processes() -> dict[int, tuple[int, str]]:
    """Every process: its parent and its command line."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError):  # the process ended meanwhile
            pid = int(stat.parent.name)
            parent = int(stat_fields(pid)[1])
            found[pid] = (parent, (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode())
    return found


def descendants(root: int) -> dict[int, tuple[int, str]]:
    """The processes under `root`, itself included: each one's parent and command line."""
    everyone = all_processes()
    tree = {root}
    grew = True
    while grew:
        more = {pid for pid, (parent, _command) in everyone.items() if parent in tree} - tree
        grew = bool(more)
        tree |= more
    return {pid: everyone[pid] for pid in sorted(tree) if pid in everyone}


class CPUMeter(Protocol):
    """A server whose CPU time a wrk run charges per request: a `Child`, or a peer started elsewhere."""

    def cpu_seconds(self) -> float:
        """User and system CPU time its processes have used so far."""
        ...


class RunningProcess:
    """A server this benchmark did not start (a peer such as Ghost), known by its process id."""

    def __init__(self, pid: int) -> None:
        self.pid = pid

    def cpu_seconds(self) -> float:
        """User and system CPU time used so far by the process and every process it started."""
        return cpu_seconds(list(descendants(self.pid)))


class Child:
    """A process a benchmark started, in its own process group, stopped with it."""

    def __init__(
        self,
        name: str,
        command: list[str],
        port: int,
        env: dict[str, str] | None = None,
        log: Path | None = None,
        cleanup: Path | None = None,
    ) -> None:
        ensure_port_free(port)
        self.cleanup = cleanup  # a directory to remove once the process has stopped
        self.name = name
        self.command = command
        self.log = log or Path(tempfile.mkstemp(prefix=f"dl-bench-{name}-", suffix=".log")[1])
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )

    def wait_ready(self, url: str, timeout: float = 90) -> None:
        """Until `url` answers 200; fails with the end of the log if the process exits first."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited ({self.process.returncode}):\n{self.log.read_text()[-3000:]}"
                )
            with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=30) as response:
                if response.status == 200:
                    return
            time.sleep(0.3)
        raise RuntimeError(f"{self.name} did not answer {url} within {timeout:.0f} s")

    def pids(self) -> list[int]:
        """Every process of this child's process group (granian's main process and its workers)."""
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError):  # the process ended meanwhile
                if int(stat_fields(int(stat.parent.name))[2]) == self.process.pid:
                    pids.append(int(stat.parent.name))
        return pids

    def cpu_seconds(self) -> float:
        """User and system CPU time used so far by every process of this child's process group."""
        return cpu_seconds(self.pids())

    def resident_kib(self, kind: str = "VmRSS") -> dict[int, int]:
        """Each process's resident memory of `kind` (VmRSS: all of it; RssAnon: its heaps and
        stacks, not the database file SQLite maps into memory as it is read), in KiB."""
        sizes = {}
        for pid in self.pids():
            with contextlib.suppress(OSError):  # the process ended meanwhile
                sizes[pid] = status_kib(pid, [kind]).get(kind, 0)
        return sizes

    def anonymous_bytes(self) -> int:
        """Anonymous memory resident now in every process of this child's process group, summed."""
        return sum(self.resident_kib("RssAnon").values()) * 1024

    def worker_pid(self) -> int:
        """granian's worker: the process of the group that runs Dateline (the largest)."""
        sizes = self.resident_kib()
        return max(sizes, key=sizes.__getitem__)

    def stop(self) -> None:
        """SIGTERM to the whole group, SIGKILL after 15 s; then remove what it was given to clean up."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.cleanup is not None:
            shutil.rmtree(self.cleanup, ignore_errors=True)


@contextlib.contextmanager
def running(child: Child, ready_url: str) -> Iterator[Child]:
    """`child` once `ready_url` answers, stopped on the way out (also when it never got ready)."""
    try:
        child.wait_ready(ready_url)
        yield child
    finally:
        child.stop()


def start_py_spy(
    py_spy: str, pid: int, seconds: int, out: Path, gil_only: bool = False
) -> subprocess.Popen[bytes]:
    """py-spy sampling `pid` for `seconds` into `out` (raw, collapsed stacks, for flame graphs);
    `gil_only` samples only the thread holding the GIL, which is the process's CPU."""
    print(f"  py-spy → {out}", flush=True)
    command = [
        py_spy,
        "record",
        "-p",
        str(pid),
        "-d",
        str(seconds),
        "-f",
        "raw",
        "-o",
        str(out),
        "--nonblocking",
    ]
    if gil_only:
        command.append("--gil")
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
