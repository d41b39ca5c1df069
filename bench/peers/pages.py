"""Dateline's uncached story and home against Ghost's (issue 18, section 2), in the same run.

    sudo bash bench/peers/ghost.sh                     # once: Ghost on 127.0.0.1:9005 with the story
    export DATELINE_DATA_DIR=/tmp/dl-bench-peers
    .venv/bin/python -m bench.peers.pages

Runs `dateline setup --demo` on the data directory unless it already holds the demo, starts one
server as `dateline serve --no-worker` does, checks that Ghost answers with the same story, and
measures each round one after the other with the same wrk command: Ghost's story, Dateline's story
uncached (the forged staff cookie), Ghost's home, Dateline's home uncached, all `-c1 --latency`;
then both stories at 64 connections. Reports the p50s, Dateline ÷ Ghost per round and their
medians, and each server's CPU per request. Results go to stdout and to bench/results/.
"""

from __future__ import annotations

import argparse
import html
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.harness.environment import (
    HOST,
    ROOT,
    data_dir,
    dateline_command,
    django_setup,
    prepare_environment,
)
from bench.harness.http import UNCACHED_COOKIE, fetch
from bench.harness.machine import add_quiet_options
from bench.harness.processes import RunningProcess, running
from bench.harness.report import Report, median, new_report, rounds_table, show_and_save
from bench.harness.server import add_server_options, dateline_server, django_threads
from bench.harness.site import check_cached
from bench.harness.wrk import Target, WrkResult, require_wrk, run_rounds, server_cpu_ms
from bench.peers.ghost import GHOST_SLUG, measured_story

# The targets: Dateline's p50 ÷ Ghost's, one connection, uncached.
TARGET_STORY_RATIO = 0.5
TARGET_HOME_RATIO = 1.0
# Where bench/peers/ghost.sh installs Ghost and keeps its process id (the same default).
GHOST_HOME = Path(os.environ.get("GHOST_HOME", Path(tempfile.gettempdir()) / "dateline-peers"))


def ghost_pid(base: str) -> RunningProcess:
    """Ghost's process, once its story answers; how to start it if it does not."""
    start = "start it with `sudo bash bench/peers/ghost.sh` (it also publishes the story)"
    try:
        status, _headers, body = fetch(f"{base}/{GHOST_SLUG}/")
    except OSError as error:
        raise SystemExit(f"Ghost does not answer on {base} ({error}): {start}") from error
    if status != 200 or html.escape(measured_story().versions["en"].title).encode() not in body:
        raise SystemExit(f"Ghost answers {status} without the story at {base}/{GHOST_SLUG}/: {start}")
    pid_file = GHOST_HOME / "ghost.pid"
    if not pid_file.exists():
        raise SystemExit(f"{pid_file} is missing: {start}")
    return RunningProcess(int(pid_file.read_text()))


def dateline_story_path() -> str:
    """The path of the demo story Ghost shows too, after `dateline setup --demo` if it is missing."""
    from django.db import connection

    from dateline.articles.models import ArticlePage

    title = measured_story().versions["en"].title
    story = None
    if ArticlePage._meta.db_table in connection.introspection.table_names():  # a new data directory has none
        story = ArticlePage.objects.live().filter(locale__language_code="en", title=title).first()
    if story is None:
        print(f"dateline setup --demo on {data_dir()} …", flush=True)
        subprocess.run(dateline_command("setup", "--demo"), cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        story = ArticlePage.objects.live().get(locale__language_code="en", title=title)
    return str(story.url)


def measure(arguments: argparse.Namespace) -> Report:
    """Check both sites, start Dateline's server, run the rounds."""
    report = new_report("peers")
    ghost_base = f"http://{HOST}:{arguments.ghost_port}"
    ghost = ghost_pid(ghost_base)
    story = dateline_story_path()
    base = f"http://{HOST}:{arguments.port}"
    server = dateline_server(arguments.port, arguments.workers, arguments.threads)
    cookie = [f"Cookie: {UNCACHED_COOKIE}"]
    report.settings = {
        "story": f"{measured_story().versions['en'].title!r}: Dateline {story}, Ghost /{GHOST_SLUG}/",
        "Dateline": f"`{shlex.join(server.command)}`, {data_dir()} (`dateline setup --demo`)",
        "DATELINE_DJANGO_THREADS": django_threads(arguments.threads),
        "Ghost": f"6.65, NODE_ENV=production, SQLite, {ghost_base} (bench/peers/ghost.sh), pid {ghost.pid}",
        "quiet": arguments.quiet,
        "wrk": f"-t1 -c1 -d{arguments.duration}s --latency (Dateline with -H 'Cookie: {UNCACHED_COOKIE}'); "
        f"throughput -t1 -c64 -d{arguments.duration}s",
    }
    with running(server, base + story):
        sizes = []
        for path in (story, "/en/"):
            body, _headers, _django_headers = check_cached(base + path)
            sizes.append(f"Dateline {path} {len(body):,} bytes")
        for path in (f"/{GHOST_SLUG}/", "/"):
            sizes.append(f"Ghost {path} {len(fetch(ghost_base + path)[2]):,} bytes")
        report.settings["sizes"] = ", ".join(sizes)
        targets = [
            Target("ghost-story", f"{ghost_base}/{GHOST_SLUG}/", 1, True, server=ghost),
            Target("dateline-story", base + story, 1, True, cookie, server),
            Target("ghost-home", f"{ghost_base}/", 1, True, server=ghost),
            Target("dateline-home", base + "/en/", 1, True, cookie, server),
            Target("ghost-story-c64", f"{ghost_base}/{GHOST_SLUG}/", 64, server=ghost),
            Target("dateline-story-c64", base + story, 64, False, cookie, server),
        ]
        run_rounds(report, targets, arguments)
    report.table = table(report)
    return report


def table(report: Report) -> str:
    """Every round and the medians: the p50s, the ratios against their targets, CPU, throughput."""
    rounds: list[dict[str, WrkResult]] = report.rounds
    lines, row = rounds_table(report, "Uncached pages against Ghost")
    # Other work on two cores moves both servers' figures more than any change measured here:
    # a round that started on a busy machine says little.
    idle = [float(share.rstrip("%")) for share in report.settings.get("idle before rounds", [])]
    row("machine idle before the round (%)", f"≥ {report.settings['quiet']:.0%}", idle, 0)
    for page, target in (("story", TARGET_STORY_RATIO), ("home", TARGET_HOME_RATIO)):
        ghost = [r[f"ghost-{page}"] for r in rounds]
        dateline = [r[f"dateline-{page}"] for r in rounds]
        ghost_p50 = [r.latency_ms["50"] for r in ghost]
        dateline_p50 = [r.latency_ms["50"] for r in dateline]
        ratios = [d / g for d, g in zip(dateline_p50, ghost_p50, strict=True)]
        row(f"Ghost {page} p50 (ms, c1)", "baseline", ghost_p50, 2)
        row(f"Dateline {page} p50 (ms, c1, uncached)", "", dateline_p50, 2)
        row(f"Dateline ÷ Ghost, {page} p50", f"≤ {target:.1f}", ratios, 2, median(ratios) <= target)
        row(f"Ghost {page} p99 (ms, c1)", "", [r.latency_ms["99"] for r in ghost], 2)
        row(f"Dateline {page} p99 (ms, c1)", "", [r.latency_ms["99"] for r in dateline], 2)
        row(f"Ghost {page} CPU per request (ms)", "", server_cpu_ms(ghost), 2)
        row(f"Dateline {page} CPU per request (ms)", "", server_cpu_ms(dateline), 2)
    for name, label in (
        ("ghost-story-c64", "Ghost story"),
        ("dateline-story-c64", "Dateline story, uncached"),
    ):
        results = [r[name] for r in rounds]
        row(f"{label} (req/s, c64)", "", [r.requests_per_second for r in results], 0)
        row(f"{label} CPU per request (ms, c64)", "", server_cpu_ms(results), 2)
    return "\n".join(lines) + "\n"


def main() -> int:
    """Parse the options, measure, print and save the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds of each measurement (default 3)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--ghost-port", type=int, default=9005, help="Ghost's port (default 9005)")
    add_server_options(parser, 8730)
    add_quiet_options(parser)
    arguments = parser.parse_args()
    prepare_environment("bench-peers")
    require_wrk()
    django_setup()
    show_and_save(measure(arguments))
    return 0


if __name__ == "__main__":
    sys.exit(main())
