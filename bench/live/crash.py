"""A crash while publishing (issue 3, section 6): kill -9 the server, start it again.

    export DATELINE_DATA_DIR=/tmp/dl-sse
    .venv/bin/python -m bench.live.crash --backend sqlite --backend postgres+redis --repeat 1

The readers behave as EventSource does (after a lost connection, back after 3 s with the last id
they received); a publisher in a process of its own goes on throughout. Checked: every reader
received every event once, those committed while the server was down too. The server runs
bench/live/app.py for its counters.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

from bench.harness.report import Report, summary, table_head, table_row, verdict
from bench.live.common import (
    STATS_APP,
    Check,
    Mode,
    Publisher,
    backend_environment,
    check_readers,
    load_clients,
    new_row,
    parser,
    run,
    server_stats,
    start_server,
)

# What the report says of the readers.
RECONNECTING = ", reconnecting as EventSource does (after 3 s, Last-Event-ID = last id received)"


# The columns of the table of runs.
COLUMNS = "backend | run | events published | while down | readers back after kill (s) | hub queries after restart | missed / twice / resets | all exact | idle before"


def table(report: Report) -> str:
    """Every run: what was published, how soon readers were back, whether they missed anything."""
    lines = table_head(report, "Live stream: kill -9 while publishing", COLUMNS)
    for row in report.rounds:
        check = row["check"]
        lines.append(
            table_row(
                row["backend"],
                row["run"],
                row["events"],
                row["during_outage"],
                f"{row['back_seconds']:.1f}",
                row["hub_queries_after_restart"],
                f"{check['missed']} / {check['sent_twice']} / {check['resets']}",
                verdict(check["exact"]),
                f"{row['idle_before']:.0%}",
            )
        )
    return "\n".join(lines) + "\n"


def crash_run(
    arguments: argparse.Namespace, backend: str, run: int, log_dir: Path
) -> tuple[dict[str, Any], Check, str]:
    """One run: readers, publishing, kill -9, restart, publishing on; then the check."""
    env = backend_environment(backend, arguments)
    row = new_row(arguments, backend, run)
    server = start_server(arguments, env, STATS_APP)
    publisher: Publisher | None = None
    try:
        with load_clients(arguments, log_dir) as clients:
            clients.connect_all(arguments.readers)
            # From here on readers behave as EventSource: a lost connection is retried after the
            # server's `retry:` (3 s) with the last id received as Last-Event-ID.
            clients.ask_all({"do": "reconnect", "on": True, "retry": 3.0})
            publisher = Publisher(env, "--rate", str(arguments.rate))
            time.sleep(arguments.before_kill)
            pids = server.pids()
            killed_at = time.time()
            os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait()
            row["killed"] = len(pids)
            time.sleep(arguments.down)
            server = start_server(arguments, env, STATS_APP)
            row["down_seconds"] = time.time() - killed_at
            # Every reader, not just those open now: most are still waiting out their retry.
            ready, _opened, ready_at = clients.wait_ready(180, every_reader=True)
            row["back_seconds"] = ready_at - killed_at
            row["ready_after"] = ready
            row["hub_queries_after_restart"] = server_stats(arguments.port)["hub_queries"]
            time.sleep(arguments.after_restart)
            publisher.stop()
            published = publisher.records()
            publisher = None
            missing, _at = clients.wait_for(published[-1][0], 120)
            row["missing_at_end"] = missing
            row["hub_queries_total"] = server_stats(arguments.port)["hub_queries"]
            clients.ask_all({"do": "reconnect", "on": False})
            results = clients.results()
    finally:
        if publisher is not None:
            publisher.stop()
            with contextlib.suppress(Exception):
                publisher.records()
        server.stop()
    committed = dict(published)
    check = check_readers(results, list(committed), resumes=True)
    row["events"] = len(published)
    row["during_outage"] = sum(
        1 for _i, at in published if killed_at <= at <= killed_at + row["down_seconds"]
    )
    row["connections_per_reader"] = summary([float(len(c)) for c in results.values()])
    return (
        row,
        check,
        f"{len(published)} events, {row['during_outage']} while the server was down; "
        f"all {ready:,} readers back {row['back_seconds']:.1f} s after the kill",
    )


def main() -> int:
    """Parse the options and run."""
    options = parser(__doc__)
    options.add_argument("--rate", type=float, default=20.0, help="events/s throughout")
    options.add_argument(
        "--before-kill", type=float, default=10.0, help="seconds of publishing before the kill"
    )
    options.add_argument("--down", type=float, default=1.0, help="seconds between kill and restart")
    options.add_argument(
        "--after-restart", type=float, default=10.0, help="seconds of publishing once it serves again"
    )
    arguments = options.parse_args()
    mode = Mode("live-crash", crash_run, table, ["sqlite", "postgres+redis"], STATS_APP, RECONNECTING)
    settings = {
        "publisher": f"{arguments.rate:g} events/s from a separate Django process, throughout",
        "crash": f"kill -9 of the server's process group {arguments.before_kill:g} s in, restarted "
        f"{arguments.down:g} s later, publishing goes on {arguments.after_restart:g} s after it serves again",
    }
    return run(arguments, mode, settings)


if __name__ == "__main__":
    sys.exit(main())
