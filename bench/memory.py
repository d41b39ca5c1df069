"""The running site's memory at rest, as `make run` leaves it (issue 13, section 3).

    .venv/bin/python -m bench.memory                   # as shipped: supervisor, granian, server
    .venv/bin/python -m bench.memory --worker-process  # the background work in a process of its own

On a fresh data directory (`var/bench-memory`, emptied first) it runs `dateline setup --demo`, as
`make run` does, starts `dateline serve`, waits until the background work has drained the tasks
the demo queued, and then reads every process of the site from /proc once a second for
`--samples` seconds: RSS (what the target counts) and PSS (RSS with shared pages divided among
the processes that share them). It does so twice: at rest after the start, and at rest again
after one request for each kind of page (the three front pages, a section, a story, the sign-in
form, the newsroom's sign-in redirect), since a process grows by what its first requests load.
The medians go to stdout and bench/results/.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.harness.environment import HOST, ROOT, data_dir, dateline_command, prepare_environment
from bench.harness.processes import Child, descendants
from bench.harness.report import new_report, show_and_save

TARGET_MIB = 250
PAGES = ["/en/", "/ru/", "/ar/", "/en/world/", "/en/accounts/login/", "/newsroom/"]


def role(pid: int, parent: int, command: str, root: int) -> str:
    """What the process is to the site: the supervisor, granian, the server, the worker."""
    if pid == root:
        return "supervisor (dateline serve)"
    if "dateline.cli worker" in command:
        return "background worker"
    if "granian" in command:
        return "granian" if parent == root else "server (granian worker)"
    return command[:40]


def memory_kib(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of a process, in KiB."""
    rss = pss = 0
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Rss:"):
            rss = int(line.split()[1])
        elif line.startswith("Pss:"):
            pss = int(line.split()[1])
    return rss, pss


def sample(root: int, seconds: int) -> dict[str, tuple[float, float]]:
    """Median RSS and PSS (MiB) of each role over `seconds` one-second readings."""
    readings: dict[str, list[tuple[int, int]]] = {}
    for _ in range(seconds):
        for pid, (parent, command) in descendants(root).items():
            try:
                readings.setdefault(role(pid, parent, command, root), []).append(memory_kib(pid))
            except OSError:
                continue
        time.sleep(1)
    return {
        name: (statistics.median(r for r, _ in values) / 1024, statistics.median(p for _, p in values) / 1024)
        for name, values in readings.items()
    }


def wait_for_tasks(timeout: float = 600) -> int:
    """Until no task the demo queued is waiting or running; how many there were."""
    import sqlite3

    database = data_dir() / "dateline.sqlite3"
    deadline = time.monotonic() + timeout
    total = 0
    while time.monotonic() < deadline:
        with sqlite3.connect(database) as connection:
            total, waiting = connection.execute(
                "SELECT count(*), count(*) FILTER (WHERE status IN ('READY', 'RUNNING'))"
                " FROM django_tasks_database_dbtaskresult"
            ).fetchone()
        if not waiting:
            return total
        time.sleep(2)
    raise SystemExit(f"the background work did not drain the task queue within {timeout:.0f} s")


def table(rows: dict[str, dict[str, tuple[float, float]]]) -> str:
    """Each process's RSS and PSS at both points, and the whole site's."""
    lines = ["| process | at rest, RSS | PSS | after one of each page, RSS | PSS |", "|---|---|---|---|---|"]
    names = list(dict.fromkeys(name for readings in rows.values() for name in readings))
    for name in names:
        cells = []
        for when in ("at rest", "after pages"):
            rss, pss = rows[when].get(name, (0.0, 0.0))
            cells += [f"{rss:.0f} MiB", f"{pss:.0f} MiB"]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    totals = []
    for when in ("at rest", "after pages"):
        totals += [
            f"**{sum(r for r, _ in rows[when].values()):.0f} MiB**",
            f"{sum(p for _, p in rows[when].values()):.0f} MiB",
        ]
    lines.append("| **the whole site** | " + " | ".join(totals) + " |")
    return "\n".join(lines)


def main() -> int:
    """Parse the options, start the demo site, read its memory twice, print and save the report."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port", type=int, default=8111)
    parser.add_argument("--samples", type=int, default=15, help="seconds of readings at each point")
    parser.add_argument("--settle", type=int, default=10, help="seconds to wait before reading")
    parser.add_argument("--worker-process", action="store_true", help="background work in its own process")
    arguments = parser.parse_args()
    prepare_environment("bench-memory")
    shutil.rmtree(data_dir(), ignore_errors=True)
    subprocess.run(dateline_command("setup", "--demo"), cwd=ROOT, check=True, capture_output=True)
    command = dateline_command("serve", "--port", str(arguments.port))
    if arguments.worker_process:
        command.append("--worker-process")
    base = f"http://{HOST}:{arguments.port}"
    site = Child("dateline serve", command, arguments.port)
    rows: dict[str, dict[str, tuple[float, float]]] = {}
    try:
        site.wait_ready(f"{base}/robots.txt")
        tasks = wait_for_tasks()
        time.sleep(arguments.settle)
        rows["at rest"] = sample(site.process.pid, arguments.samples)
        for path in PAGES:
            with urllib.request.urlopen(f"{base}{path}", timeout=30) as response:
                response.read()
        time.sleep(arguments.settle)
        rows["after pages"] = sample(site.process.pid, arguments.samples)
    finally:
        site.stop()
    report = new_report(
        "memory", command=" ".join(command[1:]), **{"demo tasks drained": tasks, "target MiB": TARGET_MIB}
    )
    total = sum(r for r, _ in rows["after pages"].values())
    report.table = (
        f"`{' '.join(command[1:])}` on a fresh `dateline setup --demo` ({tasks} demo tasks drained first), "
        f"medians of {arguments.samples} one-second readings:\n\n{table(rows)}\n\n"
        f"Target: the whole site ≤ {TARGET_MIB} MiB RSS at rest: **{'met' if total <= TARGET_MIB else 'missed'}** "
        f"({total:.0f} MiB after one of each page)."
    )
    show_and_save(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
