"""Real SMTP servers (aiosmtpd) that behave the way mail servers do on a bad day, and real sender
processes (`dateline newsletter send`), for the sending tests."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

from tests.browser.server import database_url

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


class MailServer:
    """Keeps what it accepts, taking `delay` seconds a message. It can drop the connection
    instead of answering the `drop_at`-th message (once), and answer 451 ("try again later") to
    the addresses in `deferred`, every time."""

    def __init__(self, delay: float = 0.0, drop_at: int = 0, deferred: frozenset[str] = frozenset()) -> None:
        self.delay = delay
        self.drop_at = drop_at
        self.deferred = deferred
        self.messages = 0
        self.received: list[tuple[str, bytes]] = []

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.deferred:
            return "451 4.7.1 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages += 1
        if self.messages == self.drop_at:
            server.transport.close()  # gone before it answers: the message was not accepted
            return "250 OK"
        if self.delay:
            await asyncio.sleep(self.delay)
        found = MESSAGE_ID.search(envelope.content)
        for recipient in envelope.rcpt_tos:
            self.received.append((recipient, found.group(1) if found else b""))
        return "250 OK"

    def copies(self) -> Counter[str]:
        return Counter(recipient for recipient, _message_id in self.received)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(handler: MailServer, port: int | None = None) -> Iterator[int]:
    """The server listening on a local port (the one given, or a free one), until the block ends."""
    port = port or free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


def use_mail_server(settings: Any, port: int) -> None:
    """This process's mail goes to the local server."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.EMAIL_TIMEOUT = 10


def sender(mailing_id: int, port: int, **environment: str) -> subprocess.Popen[bytes]:
    """`dateline newsletter send` in a process of its own, on the test database, to the server."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATELINE_DATA_DIR": str(settings.DATA_DIR),
        "DATABASE_URL": database_url(connection.settings_dict),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "EMAIL_USE_TLS": "false",
        **environment,
    }
    command = [sys.executable, "-m", "dateline.cli", "newsletter", "send", str(mailing_id)]
    return subprocess.Popen(
        command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
