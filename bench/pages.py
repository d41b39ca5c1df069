"""The page targets (issue 2, section 6): nginx, the cached article, the uncached article and home.

    export DATELINE_DATA_DIR=/tmp/dl-bench-100k
    .venv/bin/python -m bench.pages

Runs `dateline setup` on the database, adds stories with bench/generate_stories.py until there are
`--stories` of them, then starts the server as `dateline serve --no-worker` does (the same
`granian_command`) and nginx (Debian's, a child process with its own configuration) serving a
static copy of the same article, and measures with wrk, `--repeat` rounds, reporting medians.
Results go to stdout and to bench/results/ (markdown, and JSON with wrk's raw output).
"""

from __future__ import annotations

import argparse
import shlex
import sys

from bench.harness.environment import HOST, data_dir
from bench.harness.http import READER_COOKIE, UNCACHED_COOKIE, fetch
from bench.harness.machine import add_quiet_options
from bench.harness.nginx import nginx_server
from bench.harness.processes import running
from bench.harness.report import Report, median, new_report, rounds_table
from bench.harness.server import add_server_options, dateline_server, django_threads
from bench.harness.site import (
    add_story_site_options,
    count_english_stories,
    prepare_story_site,
    run_on_story_site,
    verify_paths,
)
from bench.harness.wrk import Target, WrkResult, compared_rows, run_rounds, server_cpu_ms

# The targets (issue 2, section 6).
TARGET_RATIO = 0.40
TARGET_ARTICLE_P50_MS = 10.0
TARGET_HOME_P50_MS = 20.0
# Issue 18: a signed-in reader's cached page costs what an anonymous reader's does.
TARGET_SIGNED_IN_RATIO = 0.90


def measure(arguments: argparse.Namespace) -> Report:
    """Set up, start the server and nginx, check the paths, run the rounds."""
    report = new_report("pages")
    pages = prepare_story_site(arguments)
    port = arguments.port
    base = f"http://{HOST}:{port}"
    server = dateline_server(port, arguments.workers, arguments.threads, shlex.split(arguments.granian))
    report.settings = {
        "stories": f"{count_english_stories():,} English stories in {data_dir()}",
        "article": pages["article"],
        "server": f"`{shlex.join(server.command)}`",
        "DATELINE_DJANGO_THREADS": django_threads(arguments.threads),
        "nginx": f"worker_processes {arguments.nginx_workers}, access_log off, sendfile, open_file_cache",
        "wrk": f"cached and nginx: -t1 -c64 -d{arguments.duration}s; uncached: -t1 -c1 -d{arguments.duration}s "
        "--latency -H 'Cookie: dateline_newsroom=bench'",
    }
    with running(server, base + pages["home"]):
        facts = verify_paths(base, pages)
        report.settings["sizes"] = (
            f"article {facts['article_bytes']:,} bytes, home {facts['home_bytes']:,} bytes"
        )
        _status, _headers, article_html = fetch(base + pages["article"])
        nginx = nginx_server(port + 1, arguments.nginx_workers, {pages["article"]: article_html})
        nginx_url = f"http://{HOST}:{port + 1}{pages['article']}"
        with running(nginx, nginx_url):
            if fetch(nginx_url)[2] != article_html:
                raise RuntimeError("nginx does not serve the same bytes as Dateline")
            cookie = [f"Cookie: {UNCACHED_COOKIE}"]
            targets = [
                Target("nginx", nginx_url, 64, server=nginx),
                Target("cached", base + pages["article"], 64, server=server),
                # A signed-in reader's browser: a session cookie (the page cache reads no session).
                Target("signed-in", base + pages["article"], 64, False, [f"Cookie: {READER_COOKIE}"], server),
                Target("article", base + pages["article"], 1, True, cookie, server),
                Target("home", base + pages["home"], 1, True, cookie, server),
            ]
            run_rounds(report, targets, arguments)
    report.table = table(report)
    return report


def table(report: Report) -> str:
    """Every round and the medians, each target met or not."""
    rounds: list[dict[str, WrkResult]] = report.rounds
    lines, row = rounds_table(report, "Dateline page benchmarks")

    nginx = ("nginx", "nginx, static copy of the article (req/s, c64)")
    compared_rows(
        row, rounds, nginx, ("cached", "cached article (req/s, c64)"), "cached ÷ nginx", TARGET_RATIO
    )
    nginx_cpu = [r["nginx"].server_cpu_us or float("nan") for r in rounds]
    cached_cpu = [r["cached"].server_cpu_us or float("nan") for r in rounds]
    compared_rows(
        row,
        rounds,
        ("cached", "cached article (req/s, c64)"),
        ("signed-in", "cached article, signed-in reader (req/s, c64)"),
        "signed-in ÷ anonymous",
        TARGET_SIGNED_IN_RATIO,
    )
    row("nginx CPU per request (µs)", "", nginx_cpu, 1)
    row("cached article CPU per request (µs)", "", cached_cpu, 1)
    row(
        "cached article, signed-in reader, CPU per request (µs)",
        "",
        [r["signed-in"].server_cpu_us or float("nan") for r in rounds],
        1,
    )
    row(
        "nginx CPU ÷ cached CPU per request",
        "(if each had the CPU to itself)",
        [n / c for n, c in zip(nginx_cpu, cached_cpu, strict=True)],
        2,
    )
    for name, label, target in (
        ("article", "uncached article", TARGET_ARTICLE_P50_MS),
        ("home", "uncached home", TARGET_HOME_P50_MS),
    ):
        results: list[WrkResult] = [r[name] for r in rounds]
        p50 = [r.latency_ms["50"] for r in results]
        row(f"{label} p50 (ms, c1)", f"≤ {target:.0f}", p50, 2, median(p50) <= target)
        row(f"{label} p90 (ms, c1)", "", [r.latency_ms["90"] for r in results], 2)
        row(f"{label} p99 (ms, c1)", "", [r.latency_ms["99"] for r in results], 2)
        row(f"{label} (req/s, c1)", "", [r.requests_per_second for r in results], 0)
        row(
            f"{label} server CPU per request (ms)",
            "",
            server_cpu_ms(results),
            2,
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    """Parse the options, measure, print and save the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_story_site_options(parser)
    add_server_options(parser, 8101, "Dateline's port; nginx uses the next one")
    parser.add_argument(
        "--granian", default="", help="extra or replacing granian options, e.g. '--runtime-mode st'"
    )
    parser.add_argument("--nginx-workers", default="1", help="nginx worker_processes (default 1: see README)")
    add_quiet_options(parser)
    return run_on_story_site(measure, parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
