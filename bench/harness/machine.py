"""The machine a benchmark runs on: what it is, and waiting until others leave it mostly idle."""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import time
from pathlib import Path

from bench.harness.environment import BIN


def cpu_idle(seconds: float = 1.0) -> float:
    """The share of the machine's CPU time that was idle over the next `seconds`."""

    def sample() -> tuple[int, int]:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return fields[3] + fields[4], sum(fields)  # idle + iowait, total

    idle_before, total_before = sample()
    time.sleep(seconds)
    idle_after, total_after = sample()
    return (idle_after - idle_before) / max(1, total_after - total_before)


def wait_for_quiet(threshold: float, patience: float) -> float:
    """Wait (up to `patience` seconds) until others leave the machine mostly idle; say how idle.

    Other work on a 2-core machine changes the numbers more than anything measured here.
    """
    deadline = time.monotonic() + patience
    idle = cpu_idle(2)
    while idle < threshold and time.monotonic() < deadline:
        print(f"  the machine is busy ({idle:.0%} idle); waiting …", flush=True)
        time.sleep(5)
        idle = cpu_idle(2)
    return idle


def add_quiet_options(parser: argparse.ArgumentParser, quiet: float = 0.85, patience: float = 300) -> None:
    """--quiet and --patience: how idle the machine must be before each round, and how long to wait."""
    parser.add_argument(
        "--quiet", type=float, default=quiet, help="wait before each round until this share of CPU is idle"
    )
    parser.add_argument(
        "--patience",
        type=float,
        default=patience,
        help=f"…for at most this many seconds (default {patience:g})",
    )


def machine() -> dict[str, str]:
    """The cores, CPU, memory and software versions a report names, and the load before the run."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    memory_kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])  # type: ignore[index]
    nginx_version = (
        subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip().split("/")[-1]
        if shutil.which("nginx")
        else "not installed"
    )
    granian_version = subprocess.run(
        [str(BIN / "granian"), "--version"], capture_output=True, text=True
    ).stdout.strip()
    return {
        "cores": str(os.cpu_count()),
        "cpu": cpu,
        "memory": f"{memory_kib / 1024 / 1024:.0f} GiB",
        "python": platform.python_version(),
        "granian": granian_version.split()[-1] if granian_version else "?",
        "nginx": nginx_version,
        "sqlite": sqlite3.sqlite_version,
        "load before": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
