"""A local SMTP server that accepts every message and counts them, for bench/newsletter.py.

    .venv/bin/python bench/smtp_sink.py --port 8425 --summary /tmp/sink.json

It keeps, per message, the recipients and the Message-ID, and on SIGTERM writes a summary:
messages, distinct Message-IDs, recipients who got more than one copy, the first and last arrival.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import signal
import time
from collections import Counter
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


class Counting:
    def __init__(self) -> None:
        self.copies: Counter[str] = Counter()
        self.ids: set[bytes] = set()
        self.messages = 0
        self.bytes = 0
        self.first = self.last = 0.0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        now = time.monotonic()
        self.first = self.first or now
        self.last = now
        self.messages += 1
        content = envelope.content or b""
        self.bytes += len(content)
        found = MESSAGE_ID.search(content[:4000])
        if found:
            self.ids.add(found.group(1))
        for recipient in envelope.rcpt_tos:
            self.copies[recipient] += 1
        return "250 OK"

    def summary(self) -> dict[str, Any]:
        return {
            "messages": self.messages,
            "distinct_message_ids": len(self.ids),
            "recipients": len(self.copies),
            "recipients_with_more_than_one": sum(1 for n in self.copies.values() if n > 1),
            "bytes": self.bytes,
            "seconds_first_to_last": round(self.last - self.first, 3),
        }


def main() -> None:
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
