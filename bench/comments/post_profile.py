"""Where a comment's POST spends its time (bench/README.md, "Comments"): no server, in-process.

    .venv/bin/python -m bench.comments.post_profile   # ≈ 2 min; data in /tmp/dl-bench-comments-profile

Readers' POSTs through Django's test client on the posting benchmark's data: the queries of a
comment and of a reply, the parts of a POST timed on their own, the write lock with several
threads posting at once, and cProfile's top functions. Results go to stdout and to
bench/results/comments-profile-*.
"""

from __future__ import annotations

import argparse
import os
import random
import threading
import time
from pathlib import Path
from typing import Any

from bench.comments import common
from bench.comments.timing import POST_PARTS, SQLClock, time_requests
from bench.harness.machine import wait_for_quiet
from bench.harness.profiling import fenced, profile_calls
from bench.harness.readers import Reader, comment_body
from bench.harness.report import Report, fmt, header, median, percentile


def measure(arguments: argparse.Namespace, report: Report, data: Path) -> None:
    """Readers' POSTs through Django's test client, in-process: queries, parts, threads, functions."""
    os.environ["DATELINE_COMMENT_RATE"] = common.COMMENT_RATE
    setup = common.prepare_post(arguments, data)
    common.restore_snapshot(data)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    def poster(reader: Reader, seed: int) -> Any:
        client = Client(enforce_csrf_checks=True)
        client.cookies.load(reader.cookie)
        chooser = random.Random(seed)
        headers = {"X-Requested-With": "fetch", "X-CSRFToken": reader.csrf}
        counter = iter(range(10**9))

        def post(reply: bool | None = None) -> Any:
            story = chooser.choice(setup.stories)
            form = {"body": comment_body(chooser, reader.user_id, next(counter), "profile")}
            if reply if reply is not None else chooser.random() < arguments.reply_share:
                form["reply_to"] = str(chooser.choice(setup.reply_targets[story]))
            response = client.post(f"/en/discussion/{story}/comments/", form, headers=headers)
            if response.status_code != 200:
                raise RuntimeError(f"POST answered {response.status_code}: {response.content[:300]!r}")
            return response

        return post

    post = poster(setup.readers[-1], arguments.seed)  # a regular: the first readers are new
    for _ in range(20):
        post()
    report.settings["idle before"] = f"{wait_for_quiet(arguments.quiet, arguments.patience):.0%}"
    lines = header(report, "Comments: where a POST spends its time (in-process, no server)")
    for title, reply in (("a top-level comment", False), ("a reply", True)):
        with CaptureQueriesContext(connection) as captured:
            post(reply)
        lines += [f"### Queries of {title}: {len(captured.captured_queries)}", ""]
        lines += [
            f"{n}. {q['time']} s: `{q['sql'][:300]}`" for n, q in enumerate(captured.captured_queries, 1)
        ]
        lines.append("")

    requests = arguments.requests
    timed = time_requests(post, requests, POST_PARTS)
    timings, clock = timed.timings, timed.clock
    lines += [
        f"### One reader, {requests} POSTs one after the other ({arguments.reply_share:.0%} replies)",
        "",
        f"Median {fmt(median(timings) * 1000, 2)} ms a POST, min {fmt(min(timings) * 1000, 2)} ms, "
        f"max {fmt(max(timings) * 1000, 2)} ms; {clock.statements / requests:.1f} statements a POST.",
        "",
        *timed.parts_table("POST", POST_PARTS),
        f"| every SQL statement in the driver (BEGIN included, COMMIT not) | {timed.mean_ms(clock.seconds)} | "
        f"{clock.seconds / timed.whole:.0%} |",
        f"| the write transaction held, BEGIN to COMMIT | {timed.mean_ms(sum(clock.held))} | "
        f"{sum(clock.held) / timed.whole:.0%} |",
        "",
    ]
    lines += [f"Not found in this code: {', '.join(timed.missing)}.", ""] if timed.missing else []
    report.rounds.append(
        {
            "sequential_ms": [t * 1000 for t in timings],
            "parts_ms": {k: v * 1000 / requests for k, v in timed.parts.items()},
        }
    )

    for threads in arguments.profile_threads:
        clocks = [SQLClock() for _ in range(threads)]
        errors: list[str] = []
        each = max(1, requests // threads)
        barrier = threading.Barrier(threads + 1)

        def work(
            number: int, clock: SQLClock, each: int, barrier: threading.Barrier, errors: list[str]
        ) -> None:
            from django.db import connections

            post_as_reader = poster(setup.readers[-2 - number], arguments.seed + number)
            try:
                post_as_reader()
                barrier.wait()
                with clock.watching(connections["default"]):
                    for _ in range(each):
                        post_as_reader()
            except Exception as error:
                errors.append(repr(error))
            finally:
                connections.close_all()

        workers = [
            threading.Thread(target=work, args=(n, clocks[n], each, barrier, errors)) for n in range(threads)
        ]
        for worker in workers:
            worker.start()
        barrier.wait()
        began = time.perf_counter()
        for worker in workers:
            worker.join()
        elapsed = time.perf_counter() - began
        waits = sorted(w for c in clocks for w in c.begin_wait)
        held = sorted(h for c in clocks for h in c.held)
        lines += [
            f"### {threads} threads posting at once, {each} POSTs each (in-process, no server)",
            "",
            f"- {threads * each / elapsed:.0f} POSTs a second ({errors[0] if errors else 'no errors'})",
            f"- waiting for the write lock (BEGIN IMMEDIATE): median {fmt(median(waits) * 1000, 2)} ms, "
            f"p99 {fmt(percentile(waits, 0.99) * 1000, 1)} ms, max {fmt(waits[-1] * 1000, 1)} ms",
            f"- write lock held, BEGIN to COMMIT: median {fmt(median(held) * 1000, 2)} ms, "
            f"p99 {fmt(percentile(held, 0.99) * 1000, 1)} ms; the lock was held "
            f"{sum(held) / elapsed:.0%} of the time",
            "",
        ]
        report.rounds.append(
            {"threads": threads, "per_second": threads * each / elapsed, "begin_wait_ms": [w * 1000 for w in waits],
             "held_ms": [h * 1000 for h in held], "errors": errors}
        )  # fmt: skip

    for title, text in profile_calls(post, requests, arguments.top).items():
        lines += ["", *fenced(f"cProfile, {requests} POSTs, by {title} time:", text, 9000)]
    report.table = "\n".join(lines) + "\n"


def run_mode() -> int:
    """Parse the options and run."""
    options = common.parser(__doc__, "dl-bench-comments-profile")
    common.add_posting_options(options)
    options.add_argument("--requests", type=int, default=200, help="POSTs timed and profiled")
    options.add_argument("--profile-threads", type=int, nargs="*", default=[1, 4], help="threads at once")
    return common.run(measure, options.parse_args(), "comments-profile", server=False)


if __name__ == "__main__":
    common.main(run_mode)
