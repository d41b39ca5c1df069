"""Dateline's newsletter benchmark (issue 5, section 6): a digest to 100,000 subscribers, rendered and
handed to a local SMTP server, timed, with the sender's peak memory.

    .venv/bin/python -m bench.newsletter                 # 100,000 subscribers, 3 rounds
    .venv/bin/python -m bench.newsletter --subscribers 10000 --repeat 1

It makes its own data directory afresh (`--data`; it refuses one it did not make), runs
`dateline setup` and bench/generate_stories.py there, and writes the subscribers (each confirmed,
on the English daily digest) in bulk. Each round makes a new mailing of the ten newest stories,
starts bench/harness/smtp_sink.py (aiosmtpd) on `--smtp-port`, and runs `dateline newsletter send`
as the newsroom would, under /usr/bin/time for its peak memory, with `EMAIL_HOST` pointing at the
sink. Afterwards the sink's count is checked: as many messages as subscribers, one each, every
Message-ID distinct. Results go to stdout and bench/results/newsletter-*.md and .json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.harness import environment
from bench.harness.machine import add_quiet_options, wait_for_quiet
from bench.harness.report import fmt, median, new_report, show_and_save, table_head
from bench.harness.site import daily_digest, generate_stories, newest_stories, subscribe
from bench.harness.smtp_sink import running_sink


def prepare(data: Path, subscribers: int) -> None:
    """`dateline setup`, 20 stories and the subscribers, in a fresh data directory."""
    environment.fresh_data_dir(data, "newsletter")
    print(f"dateline setup on {data} …", flush=True)
    subprocess.run(
        environment.python_module("dateline.cli", "setup"),
        cwd=environment.ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    generate_stories(20)
    environment.django_setup()
    print(f"writing {subscribers:,} subscribers …", flush=True)
    subscribe(subscribers, "reader")


def new_mailing() -> int:
    """A mailing of the daily digest with the ten newest English stories; its id."""
    from dateline.subscriptions.models import Mailing

    mailing = Mailing.objects.create(
        newsletter=daily_digest(),
        subject="The day’s top stories",
        intro="Good morning.",
        stories=newest_stories(10),
    )
    return mailing.pk


def time_value(label: str, report: str) -> float:
    """A figure /usr/bin/time -v reported (`label` is the start of its line)."""
    found = re.search(rf"{re.escape(label)}: ([\d.]+)", report)
    if found is None:
        raise RuntimeError(f"/usr/bin/time did not report {label!r}")
    return float(found[1])


def one_round(number: int, port: int, data: Path) -> dict[str, Any]:
    """Send one new mailing to every subscriber through the sink: time, memory, what arrived."""
    mailing_id = new_mailing()
    summary_path = data / f"sink-{number}.json"
    with running_sink(port, summary_path):
        env = {**os.environ, "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(port), "EMAIL_USE_TLS": "false"}
        started = time.monotonic()
        sender = subprocess.run(
            ["/usr/bin/time", "-v", *environment.dateline_command("newsletter", "send", str(mailing_id))],
            cwd=environment.ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        seconds = time.monotonic() - started
    if sender.returncode != 0:
        raise RuntimeError(f"the sender failed:\n{sender.stdout[-2000:]}\n{sender.stderr[-3000:]}")
    peak_kib = time_value("Maximum resident set size (kbytes)", sender.stderr)
    cpu = sum(time_value(f"{label} time (seconds)", sender.stderr) for label in ("User", "System"))
    received = json.loads(summary_path.read_text())
    return {
        "round": number,
        "mailing": mailing_id,
        "seconds": round(seconds, 1),
        "per_second": round(received["messages"] / seconds, 1) if seconds else 0,
        "peak_mib": round(peak_kib / 1024, 1),
        "sender_cpu_seconds": round(cpu, 1),
        **received,
    }


def main() -> int:
    """Parse the options, prepare, send every round, print and save the report."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    environment.add_data_option(parser, "dl-bench-newsletter")
    parser.add_argument(
        "--subscribers", type=int, default=100_000, help="confirmed subscribers of the digest"
    )
    parser.add_argument("--repeat", type=int, default=3, help="rounds, a new mailing each (default 3)")
    parser.add_argument("--smtp-port", type=int, default=8425)
    add_quiet_options(parser, patience=120)
    arguments = parser.parse_args()
    environment.prepare_environment(None)
    os.environ["DATELINE_DATA_DIR"] = str(arguments.data)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"  # also the sender's
    report = new_report("newsletter", subscribers=f"{arguments.subscribers:,}", data=str(arguments.data))
    prepare(arguments.data, arguments.subscribers)
    for number in range(1, arguments.repeat + 1):
        idle = wait_for_quiet(arguments.quiet, arguments.patience)
        row = one_round(number, arguments.smtp_port, arguments.data)
        row["idle_before"] = round(idle, 2)
        report.rounds.append(row)
        print(
            f"round {number}: {row['messages']:,} messages in {row['seconds']} s ({row['per_second']}/s), "
            f"peak {row['peak_mib']} MiB, distinct ids {row['distinct_message_ids']:,}, "
            f"more than one copy: {row['recipients_with_more_than_one']}",
            flush=True,
        )
    lines = table_head(
        report,
        "Newsletter: a digest to every subscriber",
        "round | messages | seconds | messages/s | sender peak memory | sender CPU s | distinct Message-IDs | recipients with > 1 copy | idle before",
    )
    for row in report.rounds:
        lines.append(
            f"| {row['round']} | {row['messages']:,} | {row['seconds']} | {fmt(row['per_second'])} | {row['peak_mib']} MiB "
            f"| {row['sender_cpu_seconds']} | {row['distinct_message_ids']:,} | {row['recipients_with_more_than_one']} "
            f"| {row['idle_before']:.0%} |"
        )
    seconds = median([row["seconds"] for row in report.rounds])
    peak = max(row["peak_mib"] for row in report.rounds)
    lines += [
        "",
        f"Median {fmt(seconds)} s for {arguments.subscribers:,} subscribers (target ≤ 120 s: "
        f"{'met' if seconds <= 120 else 'not met'}); peak memory {peak} MiB (target ≤ 500: {'met' if peak <= 500 else 'not met'}).",
    ]
    report.table = "\n".join(lines) + "\n"
    show_and_save(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
