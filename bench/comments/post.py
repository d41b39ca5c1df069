"""200 signed-in readers commenting at once (issue 4, section 5; bench/README.md, "Comments").

    .venv/bin/python -m bench.comments.post      # ≈ 12 min; data in /tmp/dl-bench-comments

Runs `--repeat` rounds, each of two loads on a fresh copy of the same database: `max`, every reader
posting back to back (what the server can take), and `paced`, the readers posting at `--rate`
comments a second in all (the latency at the target's rate). Every acknowledged id is checked
against the comment rows afterwards. Results go to stdout and to bench/results/comments-post-*.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

from bench.comments.common import (
    COMMENT_RATE,
    TARGET_ACCEPTED_PER_SECOND,
    PostSetup,
    add_posting_options,
    main,
    parser,
    prepare_post,
    restore_snapshot,
    run,
    server_setting,
    serving,
)
from bench.harness.environment import HOST
from bench.harness.http import CONNECTION_ERRORS, Connection, run_client
from bench.harness.machine import wait_for_quiet
from bench.harness.processes import own_cpu_seconds, start_py_spy
from bench.harness.readers import Reader, comment_body
from bench.harness.report import Report, median, percentile, table_head, table_row, verdict

TARGET_POST_P99_MS = 200.0


@dataclass
class Load:
    """What one load run sent and got back, request by request."""

    latency: list[float] = field(default_factory=list)  # seconds, from sending to the whole answer
    since_due: list[float] = field(default_factory=list)  # paced: from when it was due to be sent
    status: list[int] = field(default_factory=list)  # HTTP status, or 0 for a broken connection
    acknowledged: list[int] = field(default_factory=list)  # comment ids of the 200 answers
    published_as: Counter[str] = field(default_factory=Counter)  # the answer's status, if it says
    replies: int = 0
    failures: list[str] = field(default_factory=list)  # a few examples
    finished_at: float = 0.0


@dataclass
class Plan:
    """Who posts where: readers, stories, and the published comments replies go to."""

    port: int
    readers: list[Reader]
    stories: list[int]
    reply_targets: dict[int, list[int]]  # story id → comment ids
    reply_share: float
    seconds: float
    rate: float | None  # comments a second in all, or None: back to back
    seed: int
    label: str
    posts_each: int | None = None  # stop after this many posts per reader


async def post_as(plan: Plan, number: int, load: Load, started: float) -> None:
    """One reader on one keep-alive connection, posting until the time is up."""
    reader = plan.readers[number]
    chooser = random.Random(plan.seed * 100_003 + number)
    head = (
        f"Host: {HOST}:{plan.port}\r\nCookie: {reader.cookie}\r\nX-CSRFToken: {reader.csrf}\r\n"
        "X-Requested-With: fetch\r\nAccept: application/json\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
    )
    connection = Connection(plan.port)
    interval = len(plan.readers) / plan.rate if plan.rate else 0.0
    due = started + (chooser.uniform(0, interval) if interval else 0.0)
    deadline = started + plan.seconds
    count = 0
    loop = asyncio.get_running_loop()
    with contextlib.suppress(OSError):  # connected before the start; else at the first post
        await connection.open()
    try:
        while True:
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            scheduled = due
            if loop.time() >= deadline or count == plan.posts_each:
                return
            if interval:
                due += chooser.expovariate(1 / interval)  # Poisson arrivals over all readers
            story = chooser.choice(plan.stories)
            fields = f"body={quote_plus(comment_body(chooser, number, count, plan.label))}"
            if chooser.random() < plan.reply_share:
                fields += f"&reply_to={chooser.choice(plan.reply_targets[story])}"
                load.replies += 1
            count += 1
            form = fields.encode()
            sent = loop.time()
            status = 0
            try:
                status, body = await connection.request(
                    f"POST /en/discussion/{story}/comments/ HTTP/1.1\r\n{head}Content-Length: {len(form)}\r\n",
                    form,
                )
                if status == 200:
                    answer = json.loads(body)
                    load.acknowledged.append(int(answer["id"]))
                    load.published_as[answer.get("status", "not said")] += 1
                elif len(load.failures) < 10:
                    load.failures.append(f"{status}: {body[:300]!r}")
            except CONNECTION_ERRORS as error:
                if len(load.failures) < 10:
                    load.failures.append(f"{status or 'connection'}: {error!r}")
                connection.close()
            done = loop.time()
            load.latency.append(done - sent)
            load.since_due.append(done - max(scheduled, started) if interval else done - sent)
            load.status.append(status)
            load.finished_at = max(load.finished_at, done - started)
    finally:
        connection.close()


async def run_load(plan: Plan) -> Load:
    """Every reader of `plan` posting at once, from 0.2 s from now."""
    load = Load()
    loop = asyncio.get_running_loop()
    started = loop.time() + 0.2
    await asyncio.gather(*(post_as(plan, number, load, started) for number in range(len(plan.readers))))
    return load


def check_post_path(port: int, setup: PostSetup) -> list[int]:
    """One top-level comment and one reply through the server, as the page's script posts them."""
    acknowledged = []
    for share in (0.0, 1.0):
        plan = Plan(port, setup.warm_readers[:1], setup.stories[:1], setup.reply_targets, share,
                    60.0, None, 0, "check", posts_each=1)  # fmt: skip
        load = run_client(run_load(plan))
        if load.status != [200]:
            raise RuntimeError(f"a comment POST was not accepted: {load.status} {load.failures}")
        acknowledged += load.acknowledged
    return acknowledged


def post_round(
    arguments: argparse.Namespace, data: Path, setup: PostSetup, number: int, kind: str
) -> dict[str, Any]:
    """One load on a fresh copy of the database, then every acknowledged id against the rows."""
    from dateline.discussion.models import Comment
    from dateline.live.models import Event

    restore_snapshot(data)
    rate = None if kind == "max" else arguments.rate
    row: dict[str, Any] = {"round": number, "load": kind, "offered_rate": rate}
    row["idle_before"] = wait_for_quiet(arguments.quiet, arguments.patience)
    with serving(arguments) as server:
        checked = check_post_path(arguments.port, setup)
        warm = Plan(arguments.port, setup.warm_readers, setup.stories, setup.reply_targets,
                    arguments.reply_share, arguments.warm_seconds, None, number, "warm-up")  # fmt: skip
        warm_load = run_client(run_load(warm))
        plan = Plan(arguments.port, setup.readers, setup.stories, setup.reply_targets,
                    arguments.reply_share, arguments.seconds, rate, number, kind)  # fmt: skip
        profiler = None
        if arguments.py_spy and number == 1:
            # The thread holding the GIL only: the worker's CPU.
            profiler = start_py_spy(arguments.py_spy, server.worker_pid(), arguments.profile_seconds,
                                    data / f"py-spy-{kind}-{number}.txt", gil_only=True)  # fmt: skip
        server_cpu, client_cpu = server.cpu_seconds(), own_cpu_seconds()
        # What the server holds before and after: a server that keeps something of every request
        # grows with the load (granian's Rust tasks kept every response; see bench/README.md).
        row["server_mb_before"] = server.anonymous_bytes() / 2**20
        load = run_client(run_load(plan))
        row["server_cpu"] = server.cpu_seconds() - server_cpu
        row["client_cpu"] = own_cpu_seconds() - client_cpu
        row["server_mb_after"] = server.anonymous_bytes() / 2**20
        if profiler is not None:
            profiler.wait()
            row["py_spy"] = str(data / f"py-spy-{kind}-{number}.txt")
    stored = set(Comment.objects.filter(pk__gte=setup.first_new_id).values_list("pk", flat=True))
    acknowledged = checked + warm_load.acknowledged + load.acknowledged
    row["rows"] = len(stored)
    row["acknowledged"] = len(acknowledged)
    row["acknowledged_twice"] = len(acknowledged) - len(set(acknowledged))
    row["lost"] = len(set(acknowledged) - stored)
    row["unacknowledged_rows"] = len(stored - set(acknowledged))
    row["stored_as"] = dict(
        Counter(Comment.objects.filter(pk__in=load.acknowledged).values_list("status", flat=True))
    )
    row["outbox_events"] = Event.objects.filter(stream__startswith="comments:").count()
    row["warm_up"] = {
        "requests": len(warm_load.status),
        "errors": sum(1 for s in warm_load.status if s != 200),
    }
    row.update(load_summary(load, arguments.seconds))
    print(
        f"round {number}, {kind}{f' ({rate:g}/s offered)' if rate else ''}: "
        f"{row['accepted_per_second']:.0f} accepted/s, p50 {row['latency_ms']['p50']:.0f} ms, "
        f"p99 {row['latency_ms']['p99']:.0f} ms, max {row['latency_ms']['max']:.0f} ms, errors {row['errors'] or 0}; "
        f"rows {row['rows']:,} for {row['acknowledged']:,} acknowledged, {row['lost']} lost; "
        f"CPU: server {row['server_cpu']:.1f} s, client {row['client_cpu']:.1f} s; "
        f"server heap {row['server_mb_before']:.0f} → {row['server_mb_after']:.0f} MB "
        f"({row['idle_before']:.0%} idle before)",
        flush=True,
    )
    for failure in load.failures[:5]:
        print(f"    {failure}", flush=True)
    return row


def load_summary(load: Load, seconds: float) -> dict[str, Any]:
    """What a load's report row says of it: rates, latency percentiles, errors, answers."""
    latencies = sorted(load.latency)
    since_due = sorted(load.since_due)
    accepted = sum(1 for status in load.status if status == 200)
    errors = Counter(str(status) for status in load.status if status != 200)
    elapsed = max(load.finished_at, seconds)
    return {
        "requests": len(load.status),
        "accepted": accepted,
        "replies": load.replies,
        "seconds": elapsed,
        "accepted_per_second": accepted / elapsed,
        "latency_ms": {
            name: percentile(latencies, share) * 1000
            for name, share in (("p50", 0.5), ("p90", 0.9), ("p95", 0.95), ("p99", 0.99))
        }
        | {"max": (latencies[-1] if latencies else float("nan")) * 1000},
        "since_due_ms": {
            name: percentile(since_due, share) * 1000 for name, share in (("p50", 0.5), ("p99", 0.99))
        },
        "errors": dict(errors),
        "answered_as": dict(load.published_as),
        "failures": load.failures,
    }


def measure(arguments: argparse.Namespace, report: Report, data: Path) -> None:
    """Set the readers up, then every round of every load."""
    setup = prepare_post(arguments, data)
    report.settings.update(
        {
            "data": f"{data}: {arguments.stories} stories, {arguments.seeded} published comments each to reply to",
            "readers": f"{arguments.readers} signed in (confirmed e-mail, profile, session made in-process), "
            f"one keep-alive connection each; {arguments.new_share:.0%} new (nothing published yet), the others "
            f"with {arguments.history} published comments; {arguments.reply_share:.0%} of posts are replies",
            "loads": f"max: back to back; paced: Poisson arrivals at {arguments.rate:g}/s in all; "
            f"{arguments.seconds:g} s each, after a {arguments.warm_seconds:g} s warm-up by "
            f"{arguments.warm_readers} other readers; each on a fresh copy of the database",
            "server": f"{server_setting(arguments)}, DATELINE_COMMENT_RATE={COMMENT_RATE}",
        }
    )
    for number in range(1, arguments.repeat + 1):
        for kind in arguments.loads:
            report.rounds.append(post_round(arguments, data, setup, number, kind))
    report.table = table(report)


def table(report: Report) -> str:
    """Every load of every round, then each kind of load's medians against the targets."""
    lines = table_head(
        report,
        "Comments: 200 readers posting at once",
        "round | load | accepted/s | p50 / p95 / p99 / max (ms) | errors | acknowledged / rows / lost / rows not acknowledged | answered as | p50 / p99 from when due (ms) | server CPU (s; ms per comment) | client CPU (s) | server heap before → after (MB) | idle before",
    )
    for row in report.rounds:
        lat = row["latency_ms"]
        errors = ", ".join(f"{k}: {v}" for k, v in row["errors"].items()) or "0"
        answered = ", ".join(f"{k} {v:,}" for k, v in row["answered_as"].items())
        per_comment = row["server_cpu"] / max(1, row["accepted"]) * 1000
        since_due = row["since_due_ms"]
        due = f"{since_due['p50']:.0f} / {since_due['p99']:.0f}" if row["offered_rate"] else "–"
        load = row["load"] + (f" ({row['offered_rate']:g}/s)" if row["offered_rate"] else "")
        memory = (
            f"{row['server_mb_before']:.0f} → {row['server_mb_after']:.0f}"
            if "server_mb_after" in row
            else "–"
        )
        lines.append(
            f"| {row['round']} | {load} | "
            f"**{row['accepted_per_second']:.0f}** | {lat['p50']:.0f} / {lat['p95']:.0f} / **{lat['p99']:.0f}** / "
            f"{lat['max']:.0f} | {errors} | {row['acknowledged']:,} / {row['rows']:,} / {row['lost']} / "
            f"{row['unacknowledged_rows']} | {answered} | {due} | {row['server_cpu']:.1f}; {per_comment:.1f} | "
            f"{row['client_cpu']:.1f} | {memory} | {row['idle_before']:.0%} |"
        )
    lines += [
        "",
        "| load | accepted/s (median) | target | p99 ms (median) | target | errors | lost |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind in dict.fromkeys(row["load"] for row in report.rounds):
        rows = [row for row in report.rounds if row["load"] == kind]
        rate = median([row["accepted_per_second"] for row in rows])
        p99 = median([row["latency_ms"]["p99"] for row in rows])
        failed = sum(sum(row["errors"].values()) for row in rows)
        lost = sum(row["lost"] + row["acknowledged_twice"] for row in rows)
        if kind == "max":
            rate_target = f"≥ {TARGET_ACCEPTED_PER_SECOND:.0f} {verdict(rate >= TARGET_ACCEPTED_PER_SECOND)}"
        else:
            # A paced load cannot be accepted faster than it is offered (Poisson arrivals: 299.9 a
            # second is the whole of 300): what it must show is that every comment sent was taken.
            taken = all(row["accepted"] == row["requests"] for row in rows)
            rate_target = f"every one offered {verdict(taken)}"
        lines.append(
            table_row(
                kind,
                f"**{rate:.0f}**",
                rate_target,
                f"**{p99:.0f}**",
                f"≤ {TARGET_POST_P99_MS:.0f} {verdict(p99 <= TARGET_POST_P99_MS)}",
                f"{failed} {verdict(failed == 0)}",
                f"{lost} {verdict(lost == 0)}",
            )
        )
    return "\n".join(lines) + "\n"


def run_mode() -> int:
    """Parse the options and run."""
    options = parser(__doc__, "dl-bench-comments")
    add_posting_options(options)
    options.add_argument("--seconds", type=float, default=60.0, help="length of each load")
    options.add_argument("--loads", nargs="+", choices=["max", "paced"], default=["max", "paced"])
    options.add_argument(
        "--rate", type=float, default=TARGET_ACCEPTED_PER_SECOND, help="paced: comments/s in all"
    )
    options.add_argument(
        "--warm-seconds", type=float, default=3.0, help="length of the warm-up before each load"
    )
    options.add_argument(
        "--py-spy", default=None, help="py-spy's path: sample the server in round 1 of each load"
    )
    options.add_argument("--profile-seconds", type=int, default=20, help="how long py-spy samples")
    return run(measure, options.parse_args(), "comments-post")


if __name__ == "__main__":
    main(run_mode)
