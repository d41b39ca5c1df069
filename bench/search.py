"""Search (issue 16, section 1): 200 English and Russian queries with filters on 100,000 stories,
p50 and p95 per query in each order, and the time to index them all.

    export DATELINE_DATA_DIR=/tmp/dl-bench-search
    .venv/bin/python -m bench.search                      # SQLite in the data directory
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dl_bench .venv/bin/python -m bench.search

Runs `dateline setup` and bench/generate_stories.py (with a Russian version of a fifth of the
stories) until there are `--stories` English stories, indexes every story from scratch
(`dateline.search.indexing.rebuild`, as `dateline manage search_index --rebuild` does; timed),
then asks `dateline.search.finding.find` each query `--repeat` times in this process and takes
each query's median. The generator writes from a small vocabulary, so most words are in tens of
thousands of stories: the case where ranking costs most.

The "every match" rows rank all of a query's matches, the simpler design the default order's
bounded candidates (the `finding.CANDIDATES` newest matches) replace: measured in the same run.
"""

from __future__ import annotations

import argparse
import functools
import random
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bench import story_words as vocabulary
from bench.harness.environment import (
    ROOT,
    data_dir,
    dateline_command,
    django_setup,
    prepare_environment,
    python_module,
)
from bench.harness.report import (
    Report,
    fmt,
    new_report,
    percentile,
    show_and_save,
    table_head,
    table_row,
    verdict,
)
from bench.harness.site import count_english_stories

TARGET_P95_MS = 50.0
QUERY_COUNT = 200
RUSSIAN_SHARE = 0.3


@dataclass
class Query:
    language: str
    text: str
    filters: dict[str, Any] = field(default_factory=dict)


def english_words() -> list[str]:
    phrases = [
        *vocabulary.EN_HEADLINE_TOPICS,
        *vocabulary.EN_SUBJECTS,
        *vocabulary.EN_OBJECTS,
        *vocabulary.EN_TAG_WORDS,
    ]
    return sorted({word.lower() for phrase in phrases for word in phrase.split() if len(word) > 3})


def make_queries(seed: int, count: int, sections: dict[str, list[int]], tags: list[int]) -> list[Query]:
    """One to three words each, a third of them with a filter: a section, a tag or the last 90 days."""
    rng = random.Random(seed)
    english = english_words()
    russian = sorted({word for word in vocabulary.RU_WORDS if len(word) > 3})
    queries = []
    for _ in range(count):
        language = "ru" if rng.random() < RUSSIAN_SHARE else "en"
        words = rng.sample(russian if language == "ru" else english, rng.choice([1, 1, 2, 3]))
        filters: dict[str, Any] = {}
        kind = rng.random()
        if kind < 0.12 and sections.get(language):
            filters["section_id"] = rng.choice(sections[language])
        elif kind < 0.22 and tags and language == "en":
            filters["tag_id"] = rng.choice(tags)
        elif kind < 0.33:
            filters["since"] = "90 days"
        queries.append(Query(language, " ".join(words), filters))
    return queries


def prepare_database(stories: int) -> None:
    """`dateline setup`, then stories until there are `stories` English ones, a fifth of them with a
    Russian version too."""
    subprocess.run(dateline_command("setup"), cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    have = count_english_stories()
    if have < stories:
        print(f"{have:,} English stories; generating {stories - have:,} more …", flush=True)
        command = python_module("bench.generate_stories", "--count", str(stories - have), "--russian", "0.2")
        subprocess.run(command, cwd=ROOT, check=True)


def timed(call: Callable[[], Any], repeat: int) -> float:
    """The median of `repeat` timings of `call`, in seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return sorted(times)[len(times) // 2]


def measure(arguments: argparse.Namespace) -> Report:
    from django.db import connection
    from django.utils import timezone
    from taggit.models import Tag

    from dateline.articles.models import ArticlePage
    from dateline.editions.models import SectionPage
    from dateline.search import finding, indexing, text
    from dateline.search.engines import Filters, engine
    from dateline.search.models import SearchEntry

    report = new_report("search")
    if not arguments.no_setup:
        prepare_database(arguments.stories)
    stories = ArticlePage.objects.count()
    report.settings = {
        "database": f"{connection.vendor} ({connection.settings_dict['NAME']})",
        "stories": f"{stories:,} ({ArticlePage.objects.filter(locale__language_code='ru').count():,} of them Russian)",
        "queries": f"{arguments.queries}, {int(RUSSIAN_SHARE * 100)}% Russian, a third with a filter; "
        f"each asked {arguments.repeat} times, its median taken",
        "candidates": f"the {finding.CANDIDATES} newest matches, ranked by relevance ÷ "
        f"(1 + age in days ÷ {finding.RECENCY_HALF_DAYS:g})",
    }
    index_seconds = None
    if not arguments.no_rebuild:
        print(f"indexing {stories:,} stories …", flush=True)
        started = time.perf_counter()
        indexing.rebuild()
        index_seconds = time.perf_counter() - started
    print(f"{SearchEntry.objects.count():,} stories in the index", flush=True)

    sections: dict[str, list[int]] = {}
    for pk, language in SectionPage.objects.values_list("pk", "locale__language_code"):
        sections.setdefault(language, []).append(pk)
    tags = list(Tag.objects.order_by("pk").values_list("pk", flat=True)[:50])
    queries = make_queries(arguments.seed, arguments.queries, sections, tags)
    now = timezone.now()

    def filters_of(query: Query) -> Filters:
        values = dict(query.filters)
        if values.pop("since", None):
            values["since"] = now - timedelta(days=90)
        return Filters(**values)

    orders: dict[str, Callable[[Query], Any]] = {
        "relevant and recent (default)": lambda q: finding.find(
            q.text, q.language, filters_of(q), finding.Sort.RECENT, now=now
        ),
        "newest": lambda q: finding.find(q.text, q.language, filters_of(q), finding.Sort.NEWEST),
        "most relevant: every match ranked": lambda q: finding.find(
            q.text, q.language, filters_of(q), finding.Sort.RELEVANCE
        ),
        "a second page, default order": lambda q: finding.find(
            q.text, q.language, filters_of(q), finding.Sort.RECENT, page=2, now=now
        ),
    }
    index = engine()
    found = [
        index.count(q.language, text.query_words(q.text, q.language), filters_of(q), 10**9) for q in queries
    ]
    for name, run in orders.items():
        print(f"{name} …", flush=True)
        seconds = [timed(functools.partial(run, query), arguments.repeat) for query in queries]
        report.rounds.append({"order": name, "seconds": seconds})

    found_sorted = sorted(found)
    report.settings["matches per query"] = (
        f"median {fmt(percentile(found_sorted, 0.5), 0)}, p95 {fmt(percentile(found_sorted, 0.95), 0)}, "
        f"most {fmt(found_sorted[-1], 0)}"
    )
    lines = table_head(
        report, f"Search ({datetime.now():%Y-%m-%d})", "measurement | target | p50 | p95 | met"
    )
    for row in report.rounds:
        values = sorted(row["seconds"])
        p95 = percentile(values, 0.95) * 1000
        target = (
            f"p95 ≤ {TARGET_P95_MS:g} ms" if "default" in row["order"] or row["order"] == "newest" else ""
        )
        met = verdict(p95 <= TARGET_P95_MS) if target else ""
        lines.append(
            table_row(row["order"], target, f"{percentile(values, 0.5) * 1000:.1f} ms", f"{p95:.1f} ms", met)
        )
    if index_seconds is not None:
        lines.append(
            table_row(
                f"index all {stories:,} stories",
                "",
                f"{index_seconds:.0f} s",
                f"{stories / index_seconds:,.0f} stories/s",
                "",
            )
        )
    report.settings["data"] = str(data_dir())
    report.table = "\n".join(lines) + "\n"
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=100_000, help="English stories the database must have")
    parser.add_argument("--queries", type=int, default=QUERY_COUNT)
    parser.add_argument("--repeat", type=int, default=3, help="times each query is asked (default 3)")
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--no-setup", action="store_true", help="skip `dateline setup` and story generation")
    parser.add_argument("--no-rebuild", action="store_true", help="measure the index as it is")
    arguments = parser.parse_args()
    prepare_environment("bench-search")
    django_setup()
    show_and_save(measure(arguments))
    return 0


if __name__ == "__main__":
    sys.exit(main())
