"""Feeds served from the page cache at page-cache speed (issue 5, section 6; see bench/README.md, "Feeds").

    export DATELINE_DATA_DIR=/tmp/dl-bench-100k
    .venv/bin/python bench/feeds.py

Uses the page benchmarks' database and server (bench/run.py: `dateline setup`, stories from
bench/generate_stories.py until there are `--stories`, the server as `dateline serve --no-worker`
starts it). Checks that the edition's RSS feed and the story page of the page benchmark are both
answered by the page cache, then runs `--repeat` rounds, each from a quiet machine, of:

- the cached story page, `wrk -t1 -c64`: the page cache's speed in this run;
- the cached edition RSS feed, the same: the target is at least `TARGET_RATIO` of the page;
- the feed revalidated (`If-None-Match` with its ETag, 304 from the cache), the same: what most
  feed readers' polls are;
- the feed rendered by Django (`Cookie: sessionid=bench` passes the cache), `wrk -t1 -c1
  --latency`: what the first reader after a publish waits for.

Results go to stdout and to bench/results/feeds-*.md and .json.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import (
    HOST,
    UNCACHED,
    Report,
    WrkResult,
    check_clean,
    count_english_stories,
    data_dir,
    dateline_server,
    django_setup,
    fetch,
    fmt,
    header,
    machine,
    median,
    pick_pages,
    prepare_environment,
    rounds_table,
    running,
    setup_database,
    show_and_save,
    wait_for_quiet,
    wrk,
)

# The target (issue 5, section 6): the feed as fast as a cached page, give or take the
# run-to-run noise of these machines (10–30% between runs, a few % within one).
TARGET_RATIO = 0.90


@dataclass
class Round:
    page: WrkResult
    feed: WrkResult
    revalidated: WrkResult
    uncached: WrkResult

    @property
    def ratio(self) -> float:
        return self.feed.requests_per_second / self.page.requests_per_second


def edition_feed_path() -> str:
    from django.utils import translation

    from dateline.subscriptions.feeds import feed_path

    with translation.override("en"):
        return feed_path("edition", "rss")


def check_cached(url: str, content_type: str) -> tuple[bytes, str]:
    """The second GET of `url` comes from the page cache: its ETag and a public Cache-Control."""
    fetch(url)
    status, headers, body = fetch(url)
    if (
        status != 200
        or not headers.get("content-type", "").startswith(content_type)
        or "etag" not in headers
        or "public" not in headers.get("cache-control", "")
    ):
        raise RuntimeError(f"{url}: not answered from the page cache ({status}, {headers})")
    status, django_headers, _body = fetch(url, UNCACHED)
    if status != 200 or "public" in django_headers.get("cache-control", ""):
        raise RuntimeError(f"{url} with a session cookie did not reach Django ({status}, {django_headers})")
    return body, headers["etag"]


def measure(arguments: argparse.Namespace) -> Report:
    from django.conf import settings

    report = Report("feeds", datetime.now(UTC).isoformat(timespec="seconds"), machine(), {})
    if not arguments.no_setup:
        setup_database(arguments.stories)
    page_path = pick_pages()["article"]
    feed_path = edition_feed_path()
    port = arguments.port
    base = f"http://{HOST}:{port}"
    server = dateline_server(port, arguments.workers, arguments.threads)
    cookie = [f"Cookie: {UNCACHED['Cookie']}"]
    report.settings = {
        "stories": f"{count_english_stories():,} English stories in {data_dir()}",
        "story page": page_path,
        "feed": f"{feed_path} ({settings.DATELINE_FEED_ITEMS} items)",
        "server": f"`{' '.join(server.command)}`",
        "wrk": f"cached and revalidated: -t1 -c64 -d{arguments.duration}s; uncached feed: -t1 -c1 "
        f"-d{arguments.duration}s --latency -H 'Cookie: sessionid=bench'",
    }
    with running(server, base + page_path):
        page_body, _etag = check_cached(base + page_path, "text/html")
        feed_body, feed_etag = check_cached(base + feed_path, "application/rss+xml")
        items = feed_body.count(b"<item>")
        if items != settings.DATELINE_FEED_ITEMS:
            raise RuntimeError(f"the feed lists {items} stories, not {settings.DATELINE_FEED_ITEMS}")
        revalidate = [f"If-None-Match: {feed_etag}"]
        if fetch(base + feed_path, {"If-None-Match": feed_etag})[0] != 304:
            raise RuntimeError("the page cache does not answer the feed's ETag with 304")
        report.settings["sizes"] = f"story page {len(page_body):,} bytes, feed {len(feed_body):,} bytes"
        print("warming up …", flush=True)
        wrk(base + page_path, 64, 2)
        wrk(base + feed_path, 64, 2)
        wrk(base + feed_path, 1, 2, headers=cookie)
        for number in range(1, arguments.repeat + 1):
            idle = wait_for_quiet(arguments.quiet, arguments.patience)
            report.settings.setdefault("idle before rounds", []).append(f"{idle:.0%}")
            results = {}
            for name, path, connections, latency, extra in (
                ("page", page_path, 64, False, []),
                ("feed", feed_path, 64, False, []),
                ("revalidated", feed_path, 64, False, revalidate),
                ("uncached", feed_path, 1, True, cookie),
            ):
                results[name] = wrk(base + path, connections, arguments.duration, latency, extra, server)
                check_clean(results[name], name)
            one = Round(**results)
            report.rounds.append(one)
            print(
                f"round {number}: story page {fmt(one.page.requests_per_second, 0)} req/s, "
                f"feed {fmt(one.feed.requests_per_second, 0)} req/s ({one.ratio:.2f}×), "
                f"304 {fmt(one.revalidated.requests_per_second, 0)} req/s, "
                f"uncached feed p50 {fmt(one.uncached.latency_ms['50'], 2)} ms",
                flush=True,
            )
    report.table = table(report)
    return report


def table(report: Report) -> str:
    rounds: list[Round] = report.rounds
    lines = header(report, "Dateline feed benchmark")
    row = rounds_table(lines, len(rounds))

    ratios = [r.ratio for r in rounds]
    row("cached story page (req/s, c64)", "baseline", [r.page.requests_per_second for r in rounds], 0)
    row("cached edition RSS feed (req/s, c64)", "", [r.feed.requests_per_second for r in rounds], 0)
    row("feed ÷ story page", f"≥ {TARGET_RATIO:.2f}", ratios, 2, median(ratios) >= TARGET_RATIO)
    row("feed revalidated, 304 (req/s, c64)", "", [r.revalidated.requests_per_second for r in rounds], 0)
    cpu = {
        name: [getattr(r, name).server_cpu_us or float("nan") for r in rounds]
        for name in ("page", "feed", "revalidated")
    }
    for name, label in (("page", "story page"), ("feed", "feed"), ("revalidated", "304")):
        row(f"{label} CPU per request (µs)", "", cpu[name], 1)
    row(
        "story page CPU ÷ feed CPU per request",
        "",
        [page / feed for page, feed in zip(cpu["page"], cpu["feed"], strict=True)],
        2,
    )
    row("uncached feed p50 (ms, c1)", "", [r.uncached.latency_ms["50"] for r in rounds], 2)
    row("uncached feed p99 (ms, c1)", "", [r.uncached.latency_ms["99"] for r in rounds], 2)
    row(
        "uncached feed server CPU per request (ms)",
        "",
        [(r.uncached.server_cpu_us or float("nan")) / 1000 for r in rounds],
        2,
    )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="rounds of each measurement (default 3)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--stories", type=int, default=100_000, help="English stories the database must have")
    parser.add_argument("--no-setup", action="store_true", help="skip `dateline setup` and story generation")
    parser.add_argument("--port", type=int, default=8501, help="Dateline's port (default 8501)")
    parser.add_argument(
        "--workers", type=int, default=1, help="granian workers (as `dateline serve --workers`)"
    )
    parser.add_argument("--threads", type=int, default=None, help="DATELINE_DJANGO_THREADS for the server")
    parser.add_argument(
        "--quiet", type=float, default=0.85, help="wait before each round until this share of CPU is idle"
    )
    parser.add_argument(
        "--patience", type=float, default=300, help="…for at most this many seconds (default 300)"
    )
    arguments = parser.parse_args()

    prepare_environment("bench")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    django_setup()
    report = measure(arguments)
    show_and_save(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
