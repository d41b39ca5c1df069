"""Reconnect storm (issue 3, section 6): 10,000 readers hang up and come back with Last-Event-ID.

    export DATELINE_DATA_DIR=/tmp/dl-sse
    .venv/bin/python -m bench.live.storm --backend sqlite --backend postgres+redis --repeat 2

Events are published before the server starts and while the readers are connected; then every
reader hangs up and comes back from its last id (a quarter each: up to date, still in the hub's
buffer, older, from before the server started) while events keep coming. Measured: how soon all
are caught up, and how many queries the hub made for them. The server runs bench/live/app.py for
its counters.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.harness.report import Report, summary, table_head, table_row
from bench.live import common

# The columns of the table of runs.
COLUMNS = "backend | run | all caught up in (s) | catch-up p50 / p99 (s) | hub queries during the storm | SQL statements (by thread) | missed / twice / resets | server CPU (s) | idle before"


def table(report: Report) -> str:
    """Every run: how soon all were caught up, and what it cost."""
    lines = table_head(report, "Live stream: reconnect storm", COLUMNS)
    for row in report.rounds:
        check, catch = row["check"], row["catch_up"]
        statements = ", ".join(f"{k} {v}" for k, v in sorted(row["statements"].items()) if v)
        lines.append(
            table_row(
                row["backend"],
                row["run"],
                f"**{row['storm_seconds']:.1f}**",
                f"{catch['p50']:.1f} / {catch['p99']:.1f}",
                f"**{row['hub_queries']}**",
                statements or "0",
                f"{check['missed']} / {check['sent_twice']} / {check['resets']}",
                f"{row['storm_cpu']:.1f}",
                f"{row['idle_before']:.0%}",
            )
        )
    return "\n".join(lines) + "\n"


def storm_positions(
    numbers: Sequence[int], history: Sequence[int], live: Sequence[int], stats: dict[str, Any]
) -> dict[int, tuple[str, int]]:
    """Each reader's Last-Event-ID for the storm, in four groups of a quarter each.

    up to date: the last event (nothing to replay); in memory: an id the hub still buffers; older:
    an event the readers saw live that has since left the buffer; before start: an event published
    before the server started, which the hub never saw.
    """
    floor = stats["buffer_floor"]
    in_memory = [i for i in live if i >= floor]
    older = [i for i in live if i < floor]
    groups = [("up to date", [live[-1]]), ("in memory", in_memory[:-1] or in_memory),
              ("older", older or history), ("before start", list(history))]  # fmt: skip
    chooser = random.Random(20261130)
    positions = {}
    for number in numbers:
        name, ids = groups[number % len(groups)]
        positions[number] = (name, chooser.choice(ids))
    return positions


def storm_run(
    arguments: argparse.Namespace, backend: str, run: int, log_dir: Path
) -> tuple[dict[str, Any], common.Check, str]:
    """One run: history, readers, live events, then every reader back at once while events come."""
    env = common.backend_environment(backend, arguments)
    row = common.new_row(arguments, backend, run)
    # Events from before the server started: the hub has never held them in memory.
    history = common.publish(env, "--count", str(arguments.history), "--interval", "0")
    server = common.start_server(
        arguments, env, common.STATS_APP, {"DATELINE_LIVE_BUFFER_EVENTS": str(arguments.buffer)}
    )
    try:
        with common.load_clients(arguments, log_dir) as clients:
            numbers = list(range(arguments.readers))
            clients.connect_all(arguments.readers)
            live = common.publish(
                env, "--count", str(arguments.events), "--interval", str(arguments.interval)
            )
            missing, _at = clients.wait_for(live[-1][0], 120)
            if missing:
                raise RuntimeError(f"{missing} readers did not receive the live events before the storm")
            stats_before = common.server_stats(arguments.port)
            row["buffer"] = {"size": arguments.buffer, "floor": stats_before["buffer_floor"]}
            since = storm_positions(numbers, [i for i, _ in history], [i for i, _ in live], stats_before)
            row["groups"] = dict(Counter(group for group, _ in since.values()))
            # Events keep coming while the readers come back.
            during = common.Publisher(
                env, "--rate", str(arguments.storm_rate), "--seconds", str(arguments.storm_seconds)
            )
            time.sleep(0.5)
            cpu = server.cpu_seconds()
            clients.ask_all({"do": "drop"})
            started = time.time()
            clients.connect(numbers, {n: position for n, (_group, position) in since.items()})
            ready, _opened, ready_at = clients.wait_ready(180)
            row["storm_seconds"] = ready_at - started
            row["storm_cpu"] = server.cpu_seconds() - cpu
            row["ready_after_storm"] = ready
            stats_after = common.server_stats(arguments.port)
            storm = during.records()
            missing, _at = clients.wait_for(storm[-1][0], 120)
            row["missing_at_end"] = missing
            stats_end = common.server_stats(arguments.port)
            results = clients.results()
    finally:
        server.stop()
    published = [i for i, _ in history + live + storm]
    check = common.check_readers(results, published, resumes=False)
    row["hub_queries"] = stats_after["hub_queries"] - stats_before["hub_queries"]
    row["statements"] = {
        thread: count - stats_before["statements"].get(thread, 0)
        for thread, count in stats_after["statements"].items()
    }
    row["hub_queries_to_end"] = stats_end["hub_queries"] - stats_before["hub_queries"]
    row["storm_events"] = len(storm)
    catch_up = []
    for _number, connections in results.items():
        last = connections[-1]
        if last["ready_at"] is not None:
            catch_up.append(last["ready_at"] - started)
    row["catch_up"] = summary(catch_up)
    return (
        row,
        check,
        f"{ready:,} readers caught up in {row['storm_seconds']:.1f} s (p50 {row['catch_up']['p50']:.1f} s); "
        f"{row['hub_queries']} hub queries, statements {row['statements']}",
    )


def main() -> int:
    """Parse the options and run."""
    options = common.parser(__doc__, events=300, interval=0.01)
    options.add_argument("--history", type=int, default=300, help="events published before the server starts")
    options.add_argument("--buffer", type=int, default=200, help="DATELINE_LIVE_BUFFER_EVENTS of the server")
    options.add_argument("--storm-rate", type=float, default=10.0, help="events/s during the storm")
    options.add_argument(
        "--storm-seconds", type=float, default=10.0, help="how long events come during the storm"
    )
    arguments = options.parse_args()
    connects = f", at most {arguments.concurrency} connects in flight per process"
    mode = common.Mode(
        "live-storm", storm_run, table, ["sqlite+redis", "postgres+redis"], common.STATS_APP, connects
    )
    settings = {
        "events": f"{arguments.history} before the server starts, {arguments.events} while readers are connected, "
        f"{arguments.storm_rate:g}/s for {arguments.storm_seconds:g} s during the storm",
        "hub buffer": f"DATELINE_LIVE_BUFFER_EVENTS={arguments.buffer}",
    }
    return common.run(arguments, mode, settings)


if __name__ == "__main__":
    sys.exit(main())
