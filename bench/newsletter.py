"""Dateline's newsletter benchmark (issue 5, section 6): a digest to 100,000 subscribers, rendered and
handed to a local SMTP server, timed, with the sender's peak memory.

    .venv/bin/python bench/newsletter.py                 # 100,000 subscribers, 3 rounds
    .venv/bin/python bench/newsletter.py --subscribers 10000 --repeat 1

It makes its own data directory afresh (`--data`; it refuses one it did not make), runs
`dateline setup --no-static` and bench/generate_stories.py there, and writes the subscribers (each
confirmed, on the English daily digest) in bulk. Each round makes a new mailing of the ten newest
stories, starts bench/smtp_sink.py (aiosmtpd) on `--smtp-port`, and runs `dateline newsletter send`
as the newsroom would, under /usr/bin/time for its peak memory, with `EMAIL_HOST` pointing at the
sink. Afterwards the sink's count is checked: as many messages as subscribers, one each, every
Message-ID distinct. Results go to stdout and bench/results/newsletter-*.md and .json.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import BIN, ROOT, Report, fmt, header, machine, median, save, wait_for_quiet

MARKER = ".dateline-bench-newsletter"


def prepare(data: Path, subscribers: int) -> None:
    if data.exists():
        if not (data / MARKER).exists():
            raise SystemExit(f"{data} exists and was not made by this script: choose another --data")
        shutil.rmtree(data)
    data.mkdir(parents=True)
    (data / MARKER).write_text("made by bench/newsletter.py\n")
    print(f"dateline setup on {data} …", flush=True)
    subprocess.run(
        [sys.executable, "-m", "dateline.cli", "setup"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "generate_stories.py"), "--count", "20"], cwd=ROOT, check=True
    )
    django_setup()
    from django.utils import timezone
    from wagtail.models import Locale

    from dateline.subscriptions.actions import newsletters_of
    from dateline.subscriptions.models import Subscriber, Subscription

    english = Locale.objects.get(language_code="en")
    daily = next(n for n in newsletters_of(english) if n.key == "daily")
    now = timezone.now()
    print(f"writing {subscribers:,} subscribers …", flush=True)
    step = 5000
    for start in range(0, subscribers, step):
        made = Subscriber.objects.bulk_create(
            [
                Subscriber(email=f"reader{n}@example.org", locale=english, confirmed_at=now)
                for n in range(start, min(subscribers, start + step))
            ]
        )
        Subscription.objects.bulk_create([Subscription(subscriber=s, newsletter=daily) for s in made])


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()


def new_mailing() -> int:
    from wagtail.models import Locale

    from dateline.articles.models import ArticlePage
    from dateline.subscriptions.actions import newsletters_of
    from dateline.subscriptions.models import Mailing

    english = Locale.objects.get(language_code="en")
    daily = next(n for n in newsletters_of(english) if n.key == "daily")
    stories = list(
        ArticlePage.objects.live()
        .filter(locale=english)
        .order_by("-first_published_at")
        .values_list("pk", flat=True)[:10]
    )
    mailing = Mailing.objects.create(
        newsletter=daily, subject="The day’s top stories", intro="Good morning.", stories=stories
    )
    return mailing.pk


def wait_for_port(port: int, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"the SMTP sink did not listen on {port}")


def one_round(number: int, port: int, data: Path) -> dict[str, Any]:
    import json

    mailing_id = new_mailing()
    summary_path = data / f"sink-{number}.json"
    sink = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "bench" / "smtp_sink.py"),
            "--port",
            str(port),
            "--summary",
            str(summary_path),
        ],
        cwd=ROOT,
    )
    try:
        wait_for_port(port)
        env = {**os.environ, "EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(port), "EMAIL_USE_TLS": "false"}
        started = time.monotonic()
        sender = subprocess.run(
            ["/usr/bin/time", "-v", str(BIN / "dateline"), "newsletter", "send", str(mailing_id)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        seconds = time.monotonic() - started
    finally:
        sink.terminate()
        sink.wait(timeout=30)
    if sender.returncode != 0:
        raise RuntimeError(f"the sender failed:\n{sender.stdout[-2000:]}\n{sender.stderr[-3000:]}")
    peak_kib = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", sender.stderr)[1])  # type: ignore[index]
    cpu = sum(
        float(re.search(rf"{label} time \(seconds\): ([\d.]+)", sender.stderr)[1])  # type: ignore[index]
        for label in ("User", "System")
    )
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
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=Path(tempfile.gettempdir()) / "dl-bench-newsletter")
    parser.add_argument("--subscribers", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--smtp-port", type=int, default=8425)
    parser.add_argument(
        "--quiet", type=float, default=0.85, help="wait before each round until this share is idle"
    )
    parser.add_argument("--patience", type=float, default=120)
    arguments = parser.parse_args()
    os.environ["DATELINE_DATA_DIR"] = str(arguments.data)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    report = Report(
        "newsletter",
        datetime.now(UTC).isoformat(timespec="seconds"),
        machine(),
        {"subscribers": f"{arguments.subscribers:,}", "data": str(arguments.data)},
    )
    prepare(arguments.data, arguments.subscribers)
    django_setup()
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
    lines = header(report, "Newsletter: a digest to every subscriber")
    lines += [
        "| round | messages | seconds | messages/s | sender peak memory | sender CPU s | distinct Message-IDs | recipients with > 1 copy | idle before |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
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
    print(report.table)
    print(f"(saved to {save(report)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
