"""A local SMTP server that accepts every message and counts them, for the mail benchmarks.

    .venv/bin/python -m bench.harness.smtp_sink --port 8425 --summary /tmp/sink.json

It keeps, per message, the recipients and the Message-ID, and on SIGTERM writes a summary:
messages, distinct Message-IDs, recipients who got more than one copy, the first and last arrival,
and per mailing (Dateline's Message-IDs are `<mailing-M.S@host>`) its messages and Message-IDs that
came more than once (the soak sends several mailings to the same subscribers). `running_sink`
starts it as a child process for as long as a benchmark needs it.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import re
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.harness.environment import ROOT, python_module
from bench.harness.processes import wait_for_port

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.IGNORECASE | re.MULTILINE)
MAILING = re.compile(rb"^<mailing-(\d+)\.")


class Counting:
    """aiosmtpd's handler: accepts every message and counts it."""

    def __init__(self) -> None:
        self.copies: Counter[str] = Counter()
        self.ids: Counter[bytes] = Counter()
        self.messages = 0
        self.bytes = 0
        self.first = self.last = 0.0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        """Count the message, its Message-ID and its recipients; accept it."""
        now = time.monotonic()
        self.first = self.first or now
        self.last = now
        self.messages += 1
        content = envelope.content or b""
        self.bytes += len(content)
        found = MESSAGE_ID.search(content[:4000])
        if found:
            self.ids[found.group(1)] += 1
        for recipient in envelope.rcpt_tos:
            self.copies[recipient] += 1
        return "250 OK"

    def summary(self) -> dict[str, Any]:
        """What came: messages, distinct Message-IDs, recipients and their copies, per mailing."""
        return {
            "messages": self.messages,
            "distinct_message_ids": len(self.ids),
            "recipients": len(self.copies),
            "recipients_with_more_than_one": sum(1 for n in self.copies.values() if n > 1),
            "bytes": self.bytes,
            "seconds_first_to_last": round(self.last - self.first, 3),
            "per_mailing": self.per_mailing(),
        }

    def per_mailing(self) -> dict[str, dict[str, int]]:
        """Each mailing's messages and the Message-IDs of it that came more than once."""
        mailings: dict[str, dict[str, int]] = {}
        for message_id, copies in self.ids.items():
            found = MAILING.match(message_id)
            if found:
                counts = mailings.setdefault(
                    found.group(1).decode(), {"messages": 0, "ids_more_than_once": 0}
                )
                counts["messages"] += copies
                counts["ids_more_than_once"] += copies > 1
        return mailings


@contextlib.contextmanager
def running_sink(port: int, summary: Path) -> Iterator[None]:
    """The sink on `port` in a child process while the block runs; `summary` written once it stops."""
    sink = subprocess.Popen(
        python_module("bench.harness.smtp_sink", "--port", str(port), "--summary", str(summary)), cwd=ROOT
    )
    try:
        wait_for_port(port)
        yield
    finally:
        sink.terminate()
        sink.wait(timeout=30)


def main() -> None:
    """Serve until SIGTERM or SIGINT, then write the summary."""
    from aiosmtpd.controller import Controller

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--summary", type=Path, required=True)
    arguments = parser.parse_args()
    handler = Counting()
    controller = Controller(handler, hostname="127.0.0.1", port=arguments.port, data_size_limit=10_000_000)
    controller.start()
    stop = asyncio.Event()

    async def wait() -> None:
        loop = asyncio.get_running_loop()
        loop.add_signal_handler(signal.SIGTERM, stop.set)
        loop.add_signal_handler(signal.SIGINT, stop.set)
        await stop.wait()

    asyncio.run(wait())
    controller.stop()
    arguments.summary.write_text(json.dumps(handler.summary()))


if __name__ == "__main__":
    main()
