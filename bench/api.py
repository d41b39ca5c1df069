"""The content API's target (issue 16, section 3): a list of 20 stories, uncached, p50 ≤ 10 ms at
100,000 stories.

    export DATELINE_DATA_DIR=/tmp/dl-bench-100k
    .venv/bin/python -m bench.api

Uses the page benchmarks' database and server (as bench/pages.py: `dateline setup`, stories from
bench/generate_stories.py until there are `--stories`, the server as `dateline serve --no-worker`
starts it, with an anonymous rate limit no run reaches). API answers never come from the page
cache, so every request below goes through Django. Runs `--repeat` rounds, each from a quiet
machine, of `--requests` requests one after the other on one kept-alive connection (a Python
client: this measures one reader's wait, for which wrk is not needed; the client's own share is
about 0.1 ms a request) on:

- the English edition's first 20 stories, anonymous (metadata): the target;
- the first 20 stories of every edition, anonymous;
- the English World section's first 20 stories, anonymous;
- the English edition's first 20 stories with a full-text key (their bodies rendered);
- the story page of the page benchmark, uncached (`Cookie: sessionid=bench`): the baseline, a
  page through all of Django in the same run.

Results go to stdout and to bench/results/api-*.md and .json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import sys
import time
from urllib.parse import urlsplit

from bench.harness.environment import HOST, data_dir
from bench.harness.http import UNCACHED_COOKIE, fetch
from bench.harness.machine import add_quiet_options, wait_for_quiet
from bench.harness.processes import Child, running
from bench.harness.report import Report, median, new_report, percentile, rounds_table
from bench.harness.server import add_server_options, dateline_server
from bench.harness.site import (
    add_story_site_options,
    count_english_stories,
    prepare_story_site,
    run_on_story_site,
)

TARGET_LIST_P50_MS = 10.0
PAGE_SIZE = 20
# So that no round is cut short by the API's own limit.
NO_LIMIT = "100000000/s"


def bench_key() -> str:
    """A full-text key made for this run (revoked ones from earlier runs stay listed as such)."""
    from dateline.api.keys import do_create_key, do_revoke_key
    from dateline.api.models import ApiKey

    for old in ApiKey.objects.filter(name="bench.api", revoked_at__isnull=True):
        do_revoke_key(old)
    _key, raw = do_create_key("bench.api", ApiKey.Scope.FULL_TEXT, NO_LIMIT)
    return raw


def world_section_id() -> int:
    from dateline.editions.models import SectionPage

    return SectionPage.objects.get(locale__language_code="en", slug="world").pk


def check_list(url: str, headers: dict[str, str], full_text: bool) -> int:
    """The list answers 200 with 20 ninjs documents (with bodies for a full-text key); its size."""
    status, _headers, body = fetch(url, headers)
    if status != 200:
        raise RuntimeError(f"{url} answered {status}: {body[:300]!r}")
    items = json.loads(body)["items"]
    if len(items) != PAGE_SIZE:
        raise RuntimeError(f"{url} listed {len(items)} stories, not {PAGE_SIZE}")
    if full_text != all("bodies" in item for item in items):
        raise RuntimeError(f"{url}: bodies {'missing' if full_text else 'present'}")
    return len(body)


def timed_requests(url: str, headers: dict[str, str], count: int) -> list[float]:
    """`count` GETs of `url` one after the other on one connection: each one's time in ms."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or HOST, parts.port, timeout=60)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    timings = []
    try:
        for _ in range(count):
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            timings.append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                raise RuntimeError(f"{url} answered {response.status}")
    finally:
        connection.close()
    return timings


def run_round(targets: dict[str, tuple[str, dict[str, str]]], count: int, server: Child) -> dict[str, dict]:
    """Each target in turn: p50 and p99 of `count` requests, and the server's CPU per request."""
    results = {}
    for name, (url, headers) in targets.items():
        cpu_before = server.cpu_seconds()
        timings = sorted(timed_requests(url, headers, count))
        results[name] = {
            "p50": percentile(timings, 0.50),
            "p99": percentile(timings, 0.99),
            "cpu_ms": (server.cpu_seconds() - cpu_before) / count * 1000,
        }
    return results


def measure(arguments: argparse.Namespace) -> Report:
    """Set up, start the server, check the answers, run the rounds."""
    report = new_report("api")
    page_path = prepare_story_site(arguments)["article"]
    key = bench_key()
    port = arguments.port
    base = f"http://{HOST}:{port}"
    server = dateline_server(
        port, arguments.workers, arguments.threads, extra={"DATELINE_API_ANONYMOUS_RATE": NO_LIMIT}
    )
    english = f"{base}/api/v1/stories?edition=en"
    full_text = {"Authorization": f"Bearer {key}"}
    targets = {
        "english": (english, {}),
        "every edition": (f"{base}/api/v1/stories", {}),
        "section": (f"{base}/api/v1/stories?section={world_section_id()}", {}),
        "full text": (english, full_text),
        "story page": (base + page_path, {"Cookie": UNCACHED_COOKIE}),
    }
    report.settings = {
        "stories": f"{count_english_stories():,} English stories in {data_dir()}",
        "lists": f"{PAGE_SIZE} stories a page, ninjs 3.3",
        "baseline": f"{page_path}, uncached (Cookie: {UNCACHED_COOKIE})",
        "server": f"`{' '.join(server.command)}` with DATELINE_API_ANONYMOUS_RATE={NO_LIMIT}",
        "client": f"{arguments.requests} requests a target a round, one connection, one at a time",
    }
    with running(server, base + page_path):
        sizes = {
            "metadata": check_list(english, {}, False),
            "full text": check_list(english, full_text, True),
        }
        for name in ("every edition", "section"):
            check_list(targets[name][0], {}, False)
        report.settings["sizes"] = ", ".join(f"{name} {size:,} bytes" for name, size in sizes.items())
        print("warming up …", flush=True)
        for url, headers in targets.values():
            timed_requests(url, headers, 20)
        for number in range(1, arguments.repeat + 1):
            idle = wait_for_quiet(arguments.quiet, arguments.patience)
            report.settings.setdefault("idle before rounds", []).append(f"{idle:.0%}")
            results = run_round(targets, arguments.requests, server)
            report.rounds.append(results)
            print(
                f"round {number}: " + "; ".join(f"{n} p50 {r['p50']:.2f} ms" for n, r in results.items()),
                flush=True,
            )
    report.table = table(report)
    return report


def table(report: Report) -> str:
    """Every round and the medians, the target met or not."""
    rounds = report.rounds
    lines, row = rounds_table(report, "Dateline content API benchmark")
    english = [r["english"]["p50"] for r in rounds]
    met = median(english) <= TARGET_LIST_P50_MS
    row("English list of 20, anonymous: p50 (ms)", f"≤ {TARGET_LIST_P50_MS:g}", english, 2, met)
    row("English list of 20, anonymous: p99 (ms)", "", [r["english"]["p99"] for r in rounds], 2)
    row("every edition's list of 20: p50 (ms)", "", [r["every edition"]["p50"] for r in rounds], 2)
    row("a section's list of 20: p50 (ms)", "", [r["section"]["p50"] for r in rounds], 2)
    row("English list of 20, full text: p50 (ms)", "", [r["full text"]["p50"] for r in rounds], 2)
    row("uncached story page (baseline): p50 (ms)", "", [r["story page"]["p50"] for r in rounds], 2)
    row("English list: server CPU per request (ms)", "", [r["english"]["cpu_ms"] for r in rounds], 2)
    return "\n".join(lines) + "\n"


def main() -> int:
    """Parse the options, measure, print and save the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_story_site_options(parser)
    add_server_options(parser, 8620)
    parser.add_argument("--requests", type=int, default=300, help="requests a target a round (default 300)")
    add_quiet_options(parser)
    return run_on_story_site(measure, parser.parse_args(), wrk=False)


if __name__ == "__main__":
    sys.exit(main())
