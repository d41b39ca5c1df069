"""`dateline manage live_server`: /live/ served by Dateline's own live server (`dateline.live.server`).

`dateline serve --live-port N` starts it beside granian; nginx sends /live/ to it
(`dateline nginx-config --live-upstream`).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from dateline.live import server


class Command(BaseCommand):
    help = "Serve the live streams (/live/, Server-Sent Events) on a port of their own."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="the address to listen on")
        parser.add_argument("--port", type=int, default=8001, help="the port to listen on")

    def handle(self, *args: Any, host: str, port: int, **options: Any) -> None:
        server.run(host, port)
