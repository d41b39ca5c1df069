"""The first page of a discussion of 10,000 comments (issue 4, section 5; bench/README.md, "Comments").

    .venv/bin/python -m bench.comments.page --profile   # ≈ 6 min; data in /tmp/dl-bench-comments-page

Measures the discussion fragment with wrk on one connection, anonymous and signed in, in each sort
order, next to a tiny Django request as the same run's baseline; with `--profile`, then where the
first page's time goes, in-process. Results go to stdout and to bench/results/comments-page-*.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench.comments.common import (
    close_database,
    english_stories,
    main,
    parser,
    run,
    server_setting,
    serving,
    setup_site,
)
from bench.comments.timing import PAGE_PARTS, time_requests
from bench.harness.environment import HOST
from bench.harness.http import UNCACHED_COOKIE, fetch
from bench.harness.machine import wait_for_quiet
from bench.harness.profiling import fenced, profile_calls, query_plan
from bench.harness.readers import Reader, make_readers, sentence
from bench.harness.report import Report, fmt, header, median, verdict
from bench.harness.wrk import check_clean, wrk

TARGET_PAGE_P50_MS = 20.0


@dataclass
class PageSetup:
    """The discussion measured, and the reader measured signed in."""

    story_id: int
    signed_in: Reader
    comments: int
    threads: int


def seed_discussion(arguments: argparse.Namespace) -> PageSetup:
    """One story with `--comments` comments: threads, replies, reactions, a few hundred authors.

    About 70% start a thread and 30% reply. Threads differ in how much they draw (a Pareto
    weight): popular ones get most replies and reactions, as on a real site. Times spread over the
    last three days, replies after their thread. About 1% were deleted by their author and 1% wait
    for a moderator. Reader 0, the one measured signed in, reacted to a fair share of them.
    """
    from django.db import transaction
    from django.utils import timezone

    from dateline.discussion.models import Comment, CommentReaction, Reaction

    chooser = random.Random(arguments.seed)
    story = english_stories(1)[0]
    readers = make_readers("reader", arguments.authors, chooser)
    authors = [reader.user_id for reader in readers]
    now = timezone.now()
    top_level = round(arguments.comments * 0.7)
    kinds = list(Reaction.values)

    def status() -> str:
        roll = chooser.random()
        if roll < 0.01:
            return Comment.Status.REMOVED
        if roll < 0.02:
            return Comment.Status.PENDING
        return Comment.Status.PUBLISHED

    started = time.monotonic()
    with transaction.atomic():
        threads = []
        for _ in range(top_level):
            state = status()
            threads.append(
                Comment(
                    story=story,
                    author_id=chooser.choice(authors),
                    body=""
                    if state == Comment.Status.REMOVED
                    else " ".join(sentence(chooser) for _ in range(chooser.randint(1, 4))),
                    status=state,
                    created_at=now - timedelta(seconds=chooser.uniform(60, 3 * 86400)),
                )
            )
        threads = Comment.objects.bulk_create(threads, batch_size=2000)
        weights = [chooser.paretovariate(1.5) for _ in threads]
        published = [t for t in threads if t.status == Comment.Status.PUBLISHED]
        published_weights = [
            w for t, w in zip(threads, weights, strict=True) if t.status == Comment.Status.PUBLISHED
        ]
        replies = []
        for thread in chooser.choices(published, published_weights, k=arguments.comments - top_level):
            state = status()
            age = (now - thread.created_at).total_seconds()
            replies.append(
                Comment(
                    story=story,
                    author_id=chooser.choice(authors),
                    body="" if state == Comment.Status.REMOVED else sentence(chooser),
                    status=state,
                    thread=thread,
                    reply_to=thread,
                    created_at=thread.created_at
                    + timedelta(seconds=min(age - 1, chooser.expovariate(1 / 7200))),
                )
            )
        replies = Comment.objects.bulk_create(replies, batch_size=2000)
        # Some replies answer an earlier reply of their thread rather than the thread itself.
        by_thread: dict[int, list[Comment]] = {}
        for reply in sorted(replies, key=lambda r: r.created_at):
            assert reply.thread_id is not None
            earlier = by_thread.setdefault(reply.thread_id, [])
            if earlier and chooser.random() < 0.4:
                reply.reply_to = chooser.choice(earlier)
            earlier.append(reply)
        Comment.objects.bulk_update(replies, ["reply_to"], batch_size=2000)
        counts = Counter(r.thread_id for r in replies if r.status == Comment.Status.PUBLISHED)
        for thread in threads:
            thread.reply_count = counts.get(thread.pk, 0)
        weight_of = {t.pk: w for t, w in zip(threads, weights, strict=True)}
        reactions = []
        reacted = []
        for comment in threads + replies:
            if comment.status != Comment.Status.PUBLISHED or chooser.random() >= 0.3:
                continue
            weight = weight_of[comment.thread_id or comment.pk]
            total = min(len(authors), max(1, int(weight * chooser.uniform(0.5, 3))))
            pairs = {(chooser.choice(authors), chooser.choice(kinds)) for _ in range(total)}
            if chooser.random() < 0.3:
                pairs.add((readers[0].user_id, chooser.choice(kinds)))
            tally = Counter(kind for _reader, kind in pairs)
            comment.reactions = dict(tally)
            comment.reaction_count = sum(tally.values())
            reacted.append(comment)
            reactions += [CommentReaction(comment=comment, reader_id=r, kind=k) for r, k in pairs]
        Comment.objects.bulk_update(threads, ["reply_count"], batch_size=2000)
        Comment.objects.bulk_update(reacted, ["reactions", "reaction_count"], batch_size=2000)
        CommentReaction.objects.bulk_create(reactions, batch_size=5000)
    total = Comment.objects.filter(story=story).count()
    print(
        f"seeded story {story.pk}: {total:,} comments ({top_level:,} threads, {len(replies):,} replies, "
        f"the busiest thread {max(counts.values()):,} replies), {len(reactions):,} reactions by "
        f"{len(authors)} readers in {time.monotonic() - started:.1f} s",
        flush=True,
    )
    return PageSetup(story.pk, readers[0], total, top_level)


def check_page_paths(base: str, setup: PageSetup) -> dict[str, Any]:
    """The fragment reaches Django both ways, shows a page of threads, and the session signs in."""
    facts: dict[str, Any] = {}
    url = f"{base}/en/discussion/{setup.story_id}/"
    fragment = {"X-Requested-With": "fetch"}
    for name, headers in (
        ("anonymous", fragment),
        ("signed in", {**fragment, "Cookie": setup.signed_in.cookie}),
    ):
        fetch(url, headers)
        status, answer_headers, body = fetch(url, headers)
        if status != 200 or "etag" in answer_headers:
            raise RuntimeError(f"{url} ({name}): {status}, {answer_headers}")
        text = body.decode()
        threads = text.count('class="comment"') + text.count('class="comment comment--removed"')
        facts[name] = {"bytes": len(body), "threads": threads, "comments": text.count("data-comment=")}
        if name == "signed in" and "data-comment-form" not in text:
            raise RuntimeError("the signed-in fragment shows no comment form: the session did not sign in")
        if name == "anonymous" and "data-comment-form" in text:
            raise RuntimeError("the anonymous fragment shows the comment form")
    status, answer_headers, _body = fetch(f"{base}/robots.txt", {"Cookie": UNCACHED_COOKIE})
    if status != 200 or "etag" in answer_headers:
        raise RuntimeError(f"the baseline request did not reach Django ({status}, {answer_headers})")
    return facts


def page_targets(base: str, setup: PageSetup) -> list[tuple[str, str, list[str]]]:
    """What each round measures: name, URL, headers."""
    url = f"{base}/en/discussion/{setup.story_id}/"
    fetch_header = "X-Requested-With: fetch"
    signed = f"Cookie: {setup.signed_in.cookie}"
    return [
        ("baseline: /robots.txt through Django", f"{base}/robots.txt", [f"Cookie: {UNCACHED_COOKIE}"]),
        ("anonymous, newest (first page)", url, [fetch_header]),
        ("signed in, newest (first page)", url, [fetch_header, signed]),
        ("anonymous, sort=reacted", url + "?sort=reacted", [fetch_header]),
        ("signed in, sort=reacted", url + "?sort=reacted", [fetch_header, signed]),
        ("anonymous, sort=oldest", url + "?sort=oldest", [fetch_header]),
        ("signed in, sort=oldest", url + "?sort=oldest", [fetch_header, signed]),
    ]


def measure(arguments: argparse.Namespace, report: Report, data: Path) -> None:
    """Seed the discussion, start the server, run the rounds (then the profile, if asked)."""
    setup_site(1)
    setup = seed_discussion(arguments)
    close_database()
    base = f"http://{HOST}:{arguments.port}"
    report.settings.update(
        {
            "data": f"{data}: story {setup.story_id} with {setup.comments:,} comments ({setup.threads:,} threads)",
            "server": server_setting(arguments),
            "wrk": f"-t1 -c1 -d{arguments.duration}s --latency, -H 'X-Requested-With: fetch' (+ the reader's "
            "session and CSRF cookies when signed in), one after the other each round",
        }
    )
    with serving(arguments) as server:
        facts = check_page_paths(base, setup)
        report.settings["fragment"] = "; ".join(
            f"{name} {fact['bytes']:,} bytes, {fact['threads']} threads, {fact['comments']} comments shown"
            for name, fact in facts.items()
        )
        targets = page_targets(base, setup)
        for _name, url, headers in targets:
            wrk(url, 1, 2, headers=headers)
        for number in range(1, arguments.repeat + 1):
            idle = wait_for_quiet(arguments.quiet, arguments.patience)
            results = {}
            for name, url, headers in targets:
                result = wrk(url, 1, arguments.duration, True, headers, server)
                check_clean(result, name)
                results[name] = {
                    "p50": result.latency_ms["50"],
                    "p90": result.latency_ms["90"],
                    "p99": result.latency_ms["99"],
                    "requests": result.requests,
                    "requests_per_second": result.requests_per_second,
                    "cpu_ms": (result.server_cpu_us or float("nan")) / 1000,
                    "command": result.command,
                }
            report.rounds.append({"round": number, "idle_before": idle, "results": results})
            print(
                f"round {number} ({idle:.0%} idle before): "
                + "; ".join(f"{name} p50 {r['p50']:.1f} ms" for name, r in results.items()),
                flush=True,
            )
    report.table = table(report)
    if arguments.profile:
        report.table += profile_page(arguments, setup)


def profile_page(arguments: argparse.Namespace, setup: PageSetup) -> str:
    """The fragment's GETs in-process (no server): queries, the parts, and cProfile's top."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    url = f"/en/discussion/{setup.story_id}/"
    signed_in = Client()
    signed_in.cookies.load(setup.signed_in.cookie)
    lines = ["", "## Where the first page spends its time (in-process, no server)", ""]
    for who, client in (("anonymous", Client()), ("signed in", signed_in)):
        for sort in ("newest", "reacted"):

            def get(client: Client = client, sort: str = sort) -> Any:
                response = client.get(url, {"sort": sort}, headers={"X-Requested-With": "fetch"})
                if response.status_code != 200:
                    raise RuntimeError(f"GET {url}?sort={sort} answered {response.status_code}")
                return response

            for _ in range(3):
                get()
            with CaptureQueriesContext(connection) as captured:
                response = get()
            queries = list(captured.captured_queries)  # the next request empties the log
            shown = response.content.count(b"data-comment=")
            requests = max(5, arguments.page_requests)
            timed = time_requests(get, requests, PAGE_PARTS)
            lines += [
                f"### {who}, sort={sort}: {len(response.content):,} bytes, {shown} comments shown, "
                f"{len(queries)} queries",
                "",
                f"Median {fmt(median(timed.timings) * 1000, 2)} ms over {requests} GETs one after the other.",
                "",
                *timed.parts_table("GET", PAGE_PARTS),
                f"| every SQL statement in the driver | {timed.mean_ms(timed.clock.seconds)} | "
                f"{timed.clock.seconds / timed.whole:.0%} |",
                "",
                "Queries:",
                "",
            ]
            for n, query in enumerate(queries, 1):
                lines.append(f"{n}. {query['time']} s: `{query['sql'][:240]}`")
                if float(query["time"]) >= 0.001 and query["sql"].startswith("SELECT"):
                    lines.append(f"   - plan: {query_plan(connection, query['sql'])}")
            lines += (
                ["", f"Not found in this code: {', '.join(timed.missing)}.", ""] if timed.missing else [""]
            )
            if who == "signed in" and sort == "newest":
                for title, text in profile_calls(get, requests, arguments.top).items():
                    lines += [*fenced(f"cProfile, {who}, sort={sort}, by {title} time:", text, 9000), ""]
    return "\n".join(lines) + "\n"


def table(report: Report) -> str:
    """Every request's p50 in every round, its medians, and the target of the first pages."""
    lines = header(report, "Comments: the first page of a 10,000-comment discussion")
    rounds = report.rounds
    runs = " | ".join(f"p50 run {r['round']}" for r in rounds)
    lines += [
        f"| request | {runs} | p50 (median) | p90 / p99 (median) | requests a run | server CPU per request (ms) | target |",
        "|---|" + "---|" * len(rounds) + "---|---|---|---|---|",
    ]
    for name in rounds[0]["results"]:
        results = [r["results"][name] for r in rounds]
        p50 = median([r["p50"] for r in results])
        target = ""
        if "first page" in name:
            target = f"≤ {TARGET_PAGE_P50_MS:.0f} ms {verdict(p50 <= TARGET_PAGE_P50_MS)}"
        lines.append(
            f"| {name} | {' | '.join(fmt(r['p50'], 2) for r in results)} | **{fmt(p50, 2)}** | "
            f"{fmt(median([r['p90'] for r in results]), 1)} / {fmt(median([r['p99'] for r in results]), 1)} | "
            f"{fmt(median([r['requests'] for r in results]), 0)} | {fmt(median([r['cpu_ms'] for r in results]), 2)} | {target} |"
        )
    idle = ", ".join(f"{r['idle_before']:.0%}" for r in rounds)
    return "\n".join(lines) + f"\n\nIdle before each round: {idle}.\n"


def run_mode() -> int:
    """Parse the options and run."""
    options = parser(__doc__, "dl-bench-comments-page")
    options.add_argument("--comments", type=int, default=10_000)
    options.add_argument("--authors", type=int, default=300)
    options.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    options.add_argument("--profile", action="store_true", help="then profile the fragment in-process")
    options.add_argument(
        "--page-requests", type=int, default=30, help="--profile: GETs timed per request kind"
    )
    return run(measure, options.parse_args(), "comments-page", wrk=True)


if __name__ == "__main__":
    main(run_mode)
