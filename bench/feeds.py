"""Feeds served from the page cache at page-cache speed (issue 5, section 6; see bench/README.md, "Feeds").

    export DATELINE_DATA_DIR=/tmp/dl-bench-100k
    .venv/bin/python -m bench.feeds

Uses the page benchmarks' database and server (as bench/pages.py: `dateline setup`, stories from
bench/generate_stories.py until there are `--stories`, the server as `dateline serve --no-worker`
starts it). Checks that the edition's RSS feed and the story page of the page benchmark are both
answered by the page cache, then runs `--repeat` rounds, each from a quiet machine, of:

- the cached story page, `wrk -t1 -c64`: the page cache's speed in this run;
- the cached edition RSS feed, the same: the target is at least `TARGET_RATIO` of the page;
- the feed revalidated (`If-None-Match` with its ETag, 304 from the cache), the same: what most
  feed readers' polls are;
- the feed rendered by Django (`Cookie: dateline_newsroom=bench` passes the cache), `wrk -t1 -c1
  --latency`: what the first reader after a publish waits for.

Results go to stdout and to bench/results/feeds-*.md and .json.
"""

from __future__ import annotations

import argparse
import sys

from bench.harness.environment import HOST, data_dir
from bench.harness.http import UNCACHED_COOKIE, fetch
from bench.harness.machine import add_quiet_options
from bench.harness.processes import running
from bench.harness.report import Report, new_report, rounds_table
from bench.harness.server import add_server_options, dateline_server
from bench.harness.site import (
    add_story_site_options,
    check_cached,
    count_english_stories,
    prepare_story_site,
    run_on_story_site,
)
from bench.harness.wrk import Target, compared_rows, run_rounds, server_cpu_ms

# The target (issue 5, section 6): the feed as fast as a cached page, give or take the
# run-to-run noise of these machines (10–30% between runs, a few % within one).
TARGET_RATIO = 0.90


def edition_feed_path() -> str:
    """The English edition's RSS feed's path."""
    from django.utils import translation

    from dateline.subscriptions.feeds import feed_path

    with translation.override("en"):
        return feed_path("edition", "rss")


def measure(arguments: argparse.Namespace) -> Report:
    """Set up, start the server, check that page and feed come from the cache, run the rounds."""
    from django.conf import settings

    report = new_report("feeds")
    page_path = prepare_story_site(arguments)["article"]
    feed_path = edition_feed_path()
    port = arguments.port
    base = f"http://{HOST}:{port}"
    server = dateline_server(port, arguments.workers, arguments.threads)
    report.settings = {
        "stories": f"{count_english_stories():,} English stories in {data_dir()}",
        "story page": page_path,
        "feed": f"{feed_path} ({settings.DATELINE_FEED_ITEMS} items)",
        "server": f"`{' '.join(server.command)}`",
        "wrk": f"cached and revalidated: -t1 -c64 -d{arguments.duration}s; uncached feed: -t1 -c1 "
        f"-d{arguments.duration}s --latency -H 'Cookie: dateline_newsroom=bench'",
    }
    with running(server, base + page_path):
        page_body, _headers, _django_headers = check_cached(base + page_path, "text/html")
        feed_body, feed_headers, _django_headers = check_cached(base + feed_path, "application/rss+xml")
        items = feed_body.count(b"<item>")
        if items != settings.DATELINE_FEED_ITEMS:
            raise RuntimeError(f"the feed lists {items} stories, not {settings.DATELINE_FEED_ITEMS}")
        feed_etag = feed_headers["etag"]
        if fetch(base + feed_path, {"If-None-Match": feed_etag})[0] != 304:
            raise RuntimeError("the page cache does not answer the feed's ETag with 304")
        report.settings["sizes"] = f"story page {len(page_body):,} bytes, feed {len(feed_body):,} bytes"
        targets = [
            Target("page", base + page_path, 64, server=server),
            Target("feed", base + feed_path, 64, server=server),
            Target("revalidated", base + feed_path, 64, False, [f"If-None-Match: {feed_etag}"], server),
            Target("uncached", base + feed_path, 1, True, [f"Cookie: {UNCACHED_COOKIE}"], server),
        ]
        run_rounds(report, targets, arguments)
    report.table = table(report)
    return report


def table(report: Report) -> str:
    """Every round and the medians, the target met or not."""
    rounds = report.rounds
    lines, row = rounds_table(report, "Dateline feed benchmark")

    page, feed = ("page", "cached story page (req/s, c64)"), ("feed", "cached edition RSS feed (req/s, c64)")
    compared_rows(row, rounds, page, feed, "feed ÷ story page", TARGET_RATIO)
    row("feed revalidated, 304 (req/s, c64)", "", [r["revalidated"].requests_per_second for r in rounds], 0)
    cpu = {
        name: [r[name].server_cpu_us or float("nan") for r in rounds]
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
    row("uncached feed p50 (ms, c1)", "", [r["uncached"].latency_ms["50"] for r in rounds], 2)
    row("uncached feed p99 (ms, c1)", "", [r["uncached"].latency_ms["99"] for r in rounds], 2)
    row(
        "uncached feed server CPU per request (ms)",
        "",
        server_cpu_ms([r["uncached"] for r in rounds]),
        2,
    )
    return "\n".join(lines) + "\n"


def main() -> int:
    """Parse the options, measure, print and save the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_story_site_options(parser)
    add_server_options(parser, 8501)
    add_quiet_options(parser)
    return run_on_story_site(measure, parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
