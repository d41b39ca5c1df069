"""From the watched directory to an open wire queue (issue 17, section 4: an item dropped into the
watched directory appears within 2 s), through the server as `dateline serve` runs it.

    .venv/bin/python -m bench.wire_arrival                  # 40 items, ≈ 1 min
    .venv/bin/python -m bench.wire_arrival --items 100

It makes its data directory afresh (`--data`) and migrates a database there, adds a watched
directory source with the default settle time, and a newsroom reporter whose session follows the
`wire:desk` stream as the queue page does. Then it starts the server with the background work in its
process and the shipped wire poll interval, and drops the items one at a time at random moments
(written beside the directory, then renamed into it, as an FTP server finishing an upload does).
What is timed is each item's rename to the stream's event naming it: the settle time (a file must
stay unchanged that long before it is taken, so that a half-written upload is never read), the
wait for the next round, the ingest, the commit and the hub's delivery. The queue page adds the
row from that event (one request for the rendered rows, measured by `bench.wire_queue`).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import sys
import threading
import time
from pathlib import Path

from bench.harness import environment
from bench.harness.processes import running
from bench.harness.readers import make_readers
from bench.harness.report import fmt, median, new_report, percentile, show_and_save, table_head, verdict
from bench.harness.server import dateline_server

TARGET_SECONDS = 2.0
PORT = 8131
ITEM = Path(__file__).resolve().parent.parent / "tests" / "wire" / "items" / "en-ninjs3-quake-v1.json"


def item_bytes(number: int) -> bytes:
    """The test item with an identity of its own."""
    document = json.loads(ITEM.read_text())
    document["uri"] = f"urn:bench:arrival:{number}"
    document["headline"] = f"Arrival {number}"
    return json.dumps(document).encode()


class DeskStream:
    """The `wire:desk` stream as the newsroom's page reads it, noting when each item's event came."""

    def __init__(self, port: int, session_key: str) -> None:
        self.arrived: dict[str, float] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.connection.request(
            "GET", "/live/?stream=wire:desk", headers={"Cookie": f"sessionid={session_key}"}
        )
        self.response = self.connection.getresponse()
        if self.response.status != 200:
            raise RuntimeError(f"the desk's stream answered {self.response.status}")
        self.thread = threading.Thread(target=self.read, daemon=True)
        self.thread.start()

    def read(self) -> None:
        while line := self.response.readline():
            if line.startswith(b"data:"):
                payload = json.loads(line[5:])
                uri = payload.get("uri") if isinstance(payload, dict) else None
                if uri:
                    self.arrived.setdefault(uri, time.monotonic())


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    environment.add_data_option(parser, "dl-bench-wire-arrival")
    parser.add_argument("--items", type=int, default=40, help="items dropped one at a time (default 40)")
    parser.add_argument("--seed", type=int, default=20261206)
    arguments = parser.parse_args()
    environment.prepare_environment(None)
    os.environ["DATELINE_DATA_DIR"] = str(arguments.data.resolve())
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    report = new_report("wire-arrival", items=str(arguments.items), data=str(arguments.data))
    environment.migrated_data_dir(arguments.data, "wire-arrival")

    from django.conf import settings

    from dateline.newsroom.roles import REPORTERS, ensure_roles
    from dateline.wire.ingest import DEFAULT_SETTLE_SECONDS
    from dateline.wire.models import WireSource

    incoming = arguments.data / "incoming"
    incoming.mkdir()
    writing = arguments.data / "uploading"
    writing.mkdir()
    WireSource.objects.create(
        name="Bench agency", slug="bench", kind=WireSource.Kind.DIRECTORY, settings={"path": str(incoming)}
    )
    chooser = random.Random(arguments.seed)
    (reporter,) = make_readers("desk", 1, chooser)
    ensure_roles()[REPORTERS].user_set.add(reporter.user_id)
    report.settings["poll"] = f"{settings.DATELINE_WIRE_POLL_SECONDS:g} s (DATELINE_WIRE_POLL_SECONDS)"
    report.settings["settle"] = f"{DEFAULT_SETTLE_SECONDS:g} s (the default of a watched directory)"

    server = dateline_server(PORT, extra={"DATELINE_BACKGROUND_IN_SERVER": "true"})
    dropped: dict[str, float] = {}
    with running(server, f"http://127.0.0.1:{PORT}/robots.txt"):
        desk = DeskStream(PORT, reporter.session_key)
        time.sleep(2)
        for number in range(arguments.items):
            time.sleep(chooser.uniform(0.3, 2.5))
            upload = writing / f"item-{number}.json"
            upload.write_bytes(item_bytes(number))
            dropped[f"urn:bench:arrival:{number}"] = time.monotonic()
            upload.rename(incoming / upload.name)
        deadline = time.monotonic() + 10
        while len(desk.arrived) < len(dropped) and time.monotonic() < deadline:
            time.sleep(0.1)

    waits = sorted(desk.arrived[uri] - at for uri, at in dropped.items() if uri in desk.arrived)
    missing = len(dropped) - len(waits)
    lines = table_head(
        report, "Wire desk: from the watched directory to the queue", "measurement | target | value | met"
    )
    lines.append(
        f"| items dropped / announced | all | {len(dropped)} / {len(waits)} | {verdict(not missing)} |"
    )
    if waits:
        lines.append(f"| drop → announced, p50 | | {fmt(median(waits), 2)} s | |")
        lines.append(f"| drop → announced, p95 | | {fmt(percentile(waits, 0.95), 2)} s | |")
        lines.append(
            f"| drop → announced, slowest | ≤ {TARGET_SECONDS:g} s | {fmt(waits[-1], 2)} s "
            f"| {verdict(waits[-1] <= TARGET_SECONDS and not missing)} |"
        )
    report.rounds.append({"waits": waits, "missing": missing})
    report.table = "\n".join(lines) + "\n"
    show_and_save(report)
    shutil.rmtree(writing, ignore_errors=True)
    return 0 if not missing else 1


if __name__ == "__main__":
    sys.exit(main())
