"""Where an uncached article and home request spend their time: no server, Django's test client.

    export DATELINE_DATA_DIR=/tmp/dl-bench-100k
    .venv/bin/python -m bench.page_profile

cProfile over uncached requests (`Cookie: dateline_newsroom=bench`) in-process, and every SELECT timed
again on its own with its query plan. What to read when a latency target is missed. Results go to
stdout and to bench/results/profile-*.
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from dataclasses import asdict, dataclass
from typing import Any

from bench.harness.profiling import fenced, profile_calls, query_plan
from bench.harness.report import Report, fmt, header, median, new_report
from bench.harness.site import pick_pages, run_on_story_site


@dataclass
class Query:
    """A query of one request, run again on its own."""

    sql: str
    params: Any
    ms: float  # executed again on its own, and every row fetched
    plan: str


def record_queries() -> tuple[list[tuple[str, Any]], Any]:
    """A Django execute wrapper that keeps each query and its parameters."""
    seen: list[tuple[str, Any]] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        seen.append((sql, params))
        return execute(sql, params, many, context)

    return seen, wrapper


def explain(connection: Any, sql: str, params: Any) -> Query:
    """Time a query on its own, rows and all, and ask the database how it runs it."""
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(sql, params)
        cursor.fetchall()
        ms = (time.perf_counter() - started) * 1000
    return Query(sql, params, ms, query_plan(connection, sql, params))


def measure(arguments: argparse.Namespace) -> Report:
    """Per page: timed requests, its queries explained, cProfile's top functions."""
    from django.db import connection
    from django.test import Client

    report = new_report("profile")
    pages = pick_pages()
    client = Client()
    client.cookies["sessionid"] = "bench"
    lines = header(report, "Profile of uncached requests")
    for name in ("article", "home"):
        url = pages[name]
        for _ in range(3):
            client.get(url)
        timings = []
        for _ in range(arguments.requests):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        seen, wrapper = record_queries()
        with connection.execute_wrapper(wrapper):
            client.get(url)
        queries = [
            explain(connection, sql, params) for sql, params in seen if sql.lstrip().startswith("SELECT")
        ]
        profiles = profile_calls(functools.partial(client.get, url), arguments.requests, arguments.top)
        lines += [
            f"### {name}: {url}",
            "",
            f"- {arguments.requests} requests in-process (no server): median {fmt(median(timings), 2)} ms, "
            f"min {fmt(min(timings), 2)} ms",
            f"- {len(seen)} queries; the SELECTs take {fmt(sum(q.ms for q in queries), 2)} ms run one by one",
            "",
            "Slowest queries:",
            "",
        ]
        for query in sorted(queries, key=lambda q: -q.ms)[: arguments.queries]:
            lines += [
                f"- {query.ms:.2f} ms: `{query.sql[:700]}` {query.params!r:.200}",
                f"  - plan: {query.plan}",
            ]
        for title, text in profiles.items():
            lines += ["", *fenced(f"Top functions by {title} time:", text, 8000)]
        lines.append("")
        report.rounds.append({"page": name, "timings_ms": timings, "queries": [asdict(q) for q in queries]})
    report.table = "\n".join(lines) + "\n"
    return report


def main() -> int:
    """Parse the options, profile, print and save the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=30, help="requests timed and profiled per page")
    parser.add_argument("--top", type=int, default=30, help="functions listed")
    parser.add_argument("--queries", type=int, default=6, help="slowest queries explained")
    return run_on_story_site(measure, parser.parse_args(), wrk=False)


if __name__ == "__main__":
    sys.exit(main())
