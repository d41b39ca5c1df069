"""The wire queue's page with a busy desk (issue 17, section 4: p50 ≤ 30 ms with 100,000 items),
on SQLite by default.

    .venv/bin/python -m bench.wire_queue                     # 100,000 items, 200 requests a case
    .venv/bin/python -m bench.wire_queue --items 20000 --requests 50

It makes its own data directory afresh (`--data`; it refuses one it did not make) and migrates a
database there (and collects the static files). The queue page (`/newsroom/wire/`, rendered by Django for a signed-in reporter, in
this process: no server, no network) is timed first with 1,000 current items, then with `--items`, beside Wagtail's own
dashboard in the same run (the admin shell every newsroom page pays), in four cases: no filter, a language, urgent items only, and a text
search (a substring match over every current item: the case the issue's "full-text search" will
need an index for). Results go to stdout and bench/results/wire-queue-*.md and .json.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any

from bench.harness import environment
from bench.harness.machine import add_quiet_options, wait_for_quiet
from bench.harness.report import median, ms, new_report, percentile, show_and_save, table_head

BASELINE_ITEMS = 1_000
TARGET_SECONDS = 0.030
# Wagtail's own dashboard, the same admin shell around a few panels: what any newsroom page costs.
DASHBOARD = "/newsroom/"
DASHBOARD_CASE = "baseline: the newsroom's dashboard"
CASES = {
    DASHBOARD_CASE: {},
    "no filter": {},
    "language ru": {"language": "ru"},
    "urgency 1–2": {"urgency": "2"},
    "text “harbour”": {"q": "harbour"},
}
WORDS = ["harbour", "minister", "storm", "budget", "election", "market", "river", "summit", "strike", "quake"]


def fill(source: Any, start: int, count: int) -> None:
    """`count` current items in two languages, one in ten urgent."""
    from dateline.wire.models import WireItem

    rows = []
    for number in range(start, start + count):
        word = WORDS[number % len(WORDS)]
        headline = f"Item {number}: {word} news from the agency"
        body = f"Paragraph about the {word} and what happened next, number {number}."
        rows.append(
            WireItem(
                source=source,
                uri=f"urn:bench:{number}",
                format="ninjs 3.3",
                urgency=1 + number % 20 if number % 20 < 2 else 5,
                language="ru" if number % 3 == 0 else "en",
                headline=headline,
                lede=f"The lede of item {number}.",
                body=[{"kind": "paragraph", "text": body}],
                search_text="\n".join((headline, body)).casefold(),
                category="WORLD",
            )
        )
    WireItem.objects.bulk_create(rows, batch_size=2_000)


def time_cases(client: Any, requests: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {}
    for label, query in CASES.items():
        address = DASHBOARD if label == DASHBOARD_CASE else "/newsroom/wire/"
        client.get(address, query)  # warm
        samples = []
        for _number in range(requests):
            started = time.perf_counter()
            response = client.get(address, query)
            samples.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise RuntimeError(f"{label}: {response.status_code}")
        timings[label] = sorted(samples)
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    environment.add_data_option(parser, "dl-bench-wire-queue")
    parser.add_argument("--items", type=int, default=100_000, help="current items (default 100,000)")
    parser.add_argument("--requests", type=int, default=200, help="requests a case (default 200)")
    add_quiet_options(parser, patience=120)
    arguments = parser.parse_args()
    environment.prepare_environment(None)
    os.environ["DATELINE_DATA_DIR"] = str(arguments.data.resolve())
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    report = new_report("wire-queue", items=f"{arguments.items:,}", data=str(arguments.data))
    environment.migrated_data_dir(arguments.data, "wire-queue", collect_static=True)

    from django.contrib.auth import get_user_model
    from django.test import Client

    from dateline.newsroom.roles import REPORTERS, ensure_roles
    from dateline.wire.models import WireSource

    reporter = get_user_model().objects.create_user(username="bench-reporter")  # signed in by force_login
    reporter.groups.add(ensure_roles()[REPORTERS])
    client = Client(HTTP_HOST="localhost")
    client.force_login(reporter)
    source = WireSource.objects.create(name="Bench agency", slug="bench", kind=WireSource.Kind.PUSH)

    results = {}
    fill(source, 0, BASELINE_ITEMS)
    wait_for_quiet(arguments.quiet, arguments.patience)
    results[BASELINE_ITEMS] = time_cases(client, arguments.requests)
    print(f"filling to {arguments.items:,} items …", flush=True)
    fill(source, BASELINE_ITEMS, arguments.items - BASELINE_ITEMS)
    wait_for_quiet(arguments.quiet, arguments.patience)
    results[arguments.items] = time_cases(client, arguments.requests)

    lines = table_head(
        report,
        "Wire desk: the queue page",
        "case | p50, 1,000 items | p50 | p90 | target p50 ≤ 30 ms",
    )
    for label in CASES:
        base = results[BASELINE_ITEMS][label]
        busy = results[arguments.items][label]
        p50 = median(busy)
        lines.append(
            f"| {label} | {ms(median(base))} | {ms(p50)} | {ms(percentile(busy, 0.9))} "
            f"| {'' if label == DASHBOARD_CASE else 'met' if p50 <= TARGET_SECONDS else 'not met'} |"
        )
        report.rounds.append(
            {"case": label, "baseline_p50": median(base), "p50": p50, "p90": percentile(busy, 0.9)}
        )
    report.table = "\n".join(lines) + "\n"
    show_and_save(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
