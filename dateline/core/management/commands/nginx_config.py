"""`dateline nginx-config`: the nginx server block that answers public pages from the page store
(or, without a store, the one that sends /live/ to the live server and the rest to Dateline).

Printed for the operator to include in nginx's `http` block (`dateline.asgi.nginx_config`), with
the site's rules read from the settings: its hosts, the staff cookie, the headers of public pages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from dateline.asgi.nginx_config import StoreSite, proxy_block, server_block
from dateline.asgi.page_cache import BYPASS_PREFIXES
from dateline.asgi.page_store import public_page_headers


class Command(BaseCommand):
    help = (
        "Print the nginx server block that serves cached pages from the page store, or without a store "
        "one that sends /live/ to the live server (--live-upstream) and the rest to Dateline."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--store", default="", help="the page store's directory (default: DATELINE_PAGE_STORE_DIR)"
        )
        parser.add_argument("--upstream", default="127.0.0.1:8000", help="where `dateline serve` listens")
        parser.add_argument(
            "--listen", default="8080", help="nginx's listen directive (port or address:port)"
        )
        parser.add_argument(
            "--live-upstream",
            default="",
            help="where `dateline serve --live-port` serves /live/ (host:port); nginx sends /live/ there",
        )
        parser.add_argument(
            "--file-cache",
            type=int,
            default=0,
            help="seconds nginx may keep stored files open (faster; a purged page is served up to that long)",
        )

    def handle(
        self,
        *args: Any,
        store: str,
        upstream: str,
        listen: str,
        file_cache: int,
        live_upstream: str = "",
        **options: Any,
    ) -> None:
        directory = store or settings.DATELINE_PAGE_STORE_DIR
        hosts = settings.ALLOWED_HOSTS or ["localhost", "127.0.0.1"]
        if not directory:
            if not live_upstream:
                raise CommandError(
                    "Nothing for nginx to do: pass --store (or set DATELINE_PAGE_STORE_DIR) for the page "
                    "store, or --live-upstream for the live server."
                )
            self.write(lambda: proxy_block(upstream, listen, hosts, live_upstream))
            return
        headers, secure_headers = public_page_headers(settings)
        site = StoreSite(
            store=Path(directory).resolve(),
            upstream=upstream,
            listen=listen,
            hosts=hosts,
            staff_cookie=settings.DATELINE_STAFF_COOKIE_NAME,
            messages_cookie="messages",
            bypass_prefixes=BYPASS_PREFIXES,
            headers=headers,
            secure_headers=secure_headers,
            file_cache_seconds=file_cache,
            live_upstream=live_upstream,
        )
        self.write(lambda: server_block(site))

    def write(self, configuration: Callable[[], str]) -> None:
        """The configuration printed, or what nginx could not be given as it is."""
        try:
            self.stdout.write(configuration(), ending="")
        except ValueError as error:
            raise CommandError(str(error)) from error
