"""Uncached pages under each count of Django threads (DATELINE_DJANGO_THREADS, the thread bridge).

    export DATELINE_DATA_DIR=/tmp/dl-bench-100k
    .venv/bin/python -m bench.django_threads                    # 1, 2, 4 and 8 threads
    .venv/bin/python -m bench.django_threads --thread-counts 4 8

The uncached article and home with `Cookie: dateline_newsroom=bench`: p50 on one connection, and req/s and
p99 with eight connections at once (signed-in readers arriving together). Results go to stdout and
to bench/results/threads-*.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from typing import Any

from bench.harness.environment import HOST
from bench.harness.http import UNCACHED_COOKIE
from bench.harness.machine import add_quiet_options, wait_for_quiet
from bench.harness.processes import running
from bench.harness.report import Report, fmt, median, new_report, table_head, table_row
from bench.harness.server import add_server_options, dateline_server
from bench.harness.site import add_story_site_options, prepare_story_site, run_on_story_site, verify_paths
from bench.harness.wrk import check_clean, wrk

THREAD_COUNTS = [1, 2, 4, 8]


def measure(arguments: argparse.Namespace) -> Report:
    """A server per thread count: each page on one connection, then on eight."""
    report = new_report("threads")
    pages = prepare_story_site(arguments)
    port = arguments.port
    base = f"http://{HOST}:{port}"
    cookie = [f"Cookie: {UNCACHED_COOKIE}"]
    report.settings = {
        "article": pages["article"],
        "wrk": f"-t1 -d{arguments.duration}s --latency -H 'Cookie: dateline_newsroom=bench', {arguments.repeat} runs, median",
    }
    rows: list[dict[str, Any]] = []
    for threads in arguments.thread_counts or THREAD_COUNTS:
        wait_for_quiet(arguments.quiet, arguments.patience)
        server = dateline_server(port, arguments.workers, threads, shlex.split(arguments.granian))
        with running(server, base + pages["home"]):
            verify_paths(base, pages)
            wrk(base + pages["article"], 8, 2, headers=cookie)
            for name in ("article", "home"):
                one = [
                    wrk(base + pages[name], 1, arguments.duration, True, cookie, server)
                    for _ in range(arguments.repeat)
                ]
                eight = [
                    wrk(base + pages[name], 8, arguments.duration, True, cookie, server)
                    for _ in range(arguments.repeat)
                ]
                for result in one + eight:
                    check_clean(result, f"{name} with {threads} threads")
                rows.append(
                    {
                        "threads": threads,
                        "page": name,
                        "c1 p50": median([r.latency_ms["50"] for r in one]),
                        "c1 req/s": median([r.requests_per_second for r in one]),
                        "c8 req/s": median([r.requests_per_second for r in eight]),
                        "c8 p50": median([r.latency_ms["50"] for r in eight]),
                        "c8 p99": median([r.latency_ms["99"] for r in eight]),
                        "c8 CPU ms": median([(r.server_cpu_us or 0) / 1000 for r in eight]),
                    }
                )
                print(rows[-1], flush=True)
    report.rounds = rows
    lines = table_head(
        report,
        "Django threads (DATELINE_DJANGO_THREADS), uncached pages",
        "threads | page | c1 p50 (ms) | c1 req/s | c8 req/s | c8 p50 (ms) | c8 p99 (ms) | c8 CPU/request (ms)",
    )
    for r in rows:
        lines.append(
            table_row(
                r["threads"],
                r["page"],
                fmt(r["c1 p50"], 2),
                fmt(r["c1 req/s"], 0),
                fmt(r["c8 req/s"], 0),
                fmt(r["c8 p50"], 1),
                fmt(r["c8 p99"], 1),
                fmt(r["c8 CPU ms"], 2),
            )
        )
    report.table = "\n".join(lines) + "\n"
    return report


def main() -> int:
    """Parse the options, measure, print and save the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_story_site_options(parser)
    add_server_options(parser, 8101)
    parser.add_argument(
        "--granian", default="", help="extra or replacing granian options, e.g. '--runtime-mode st'"
    )
    parser.add_argument("--thread-counts", type=int, nargs="*", help=f"default {THREAD_COUNTS}")
    add_quiet_options(parser)
    return run_on_story_site(measure, parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
