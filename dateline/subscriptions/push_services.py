"""Where the server may post a browser's alert: the push services named in `DATELINE_PUSH_SERVICES`.

A browser's subscription names an address at its push service, and a stranger can hand the site
any address at all; the server must never be made to call into its own network. An endpoint is
taken only in the plain form browsers give: `https://`, a lower-case host name, no user info, no
port (http and a port only where the list's entry names them), printable ASCII without spaces or
backslashes, at most 1,000 characters. It is then read the
way the HTTP client that posts it reads it (requests prepares the address, urllib3 connects to
what it parses) and the way Python's `urlsplit` reads it (pywebpush signs for that host): both must
find the same scheme, host and port, and the host must be on the list exactly.

A list entry is a host name (`fcm.googleapis.com`), a wildcard for one label of a service that
gives each browser a host of its own (`*.notify.windows.com`), or, for a local service in tests and
development, an origin with its scheme and port (`http://127.0.0.1:8123`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core import checks
from urllib3.exceptions import LocationParseError
from urllib3.util import parse_url

ENDPOINT_LENGTH = 1000
# The shape browsers send; anything else (escapes, brackets, "@", a dot at the end) is refused
# before a parser can read it one way or another.
ENDPOINT = re.compile(
    r"(?P<scheme>https?)://(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::(?P<port>[1-9][0-9]{0,4}))?"
    r"/(?:[A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*"
)
ENTRY = re.compile(
    r"(?:(?P<scheme>https?)://)?(?P<wildcard>\*\.)?(?P<host>[a-z0-9-]+(?:\.[a-z0-9-]+)*)"
    r"(?::(?P<port>[1-9][0-9]{0,4}))?"
)
LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


@dataclass(frozen=True)
class PushService:
    """One entry of `DATELINE_PUSH_SERVICES`, read."""

    scheme: str
    host: str
    # None: the scheme's default port, and an endpoint that names no port at all.
    port: int | None = None
    # `*.host`: any one label in front of the host, never the host itself nor two labels.
    wildcard: bool = False

    def serves(self, scheme: str, host: str, port: int | None) -> bool:
        if (scheme, port) != (self.scheme, self.port):
            return False
        if not self.wildcard:
            return host == self.host
        label, _dot, rest = host.partition(".")
        return rest == self.host and LABEL.fullmatch(label) is not None


def push_services() -> list[PushService]:
    """The allowed services (an entry that cannot be read allows nothing: see `check_push_services`)."""
    return [service for entry in settings.DATELINE_PUSH_SERVICES if (service := read_entry(entry))]


def read_entry(entry: str) -> PushService | None:
    found = ENTRY.fullmatch(entry.strip().lower())
    # A bare host name is a public service: https on its default port, nothing else.
    if found is None or (found["scheme"] is None and found["port"] is not None):
        return None
    port = int(found["port"]) if found["port"] else None
    return PushService(found["scheme"] or "https", found["host"], port, wildcard=bool(found["wildcard"]))


@checks.register(checks.Tags.security)
def check_push_services(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """An entry of DATELINE_PUSH_SERVICES that cannot be read is said at startup, not ignored."""
    return [
        checks.Warning(
            f"DATELINE_PUSH_SERVICES: {entry!r} is not a host name, a '*.' wildcard or an origin, "
            "so it allows nothing.",
            id="dateline.W001",
        )
        for entry in settings.DATELINE_PUSH_SERVICES
        if read_entry(entry) is None
    ]


def allowed_endpoint(endpoint: str) -> bool:
    """Whether the server may post to this address: see the module's docstring."""
    found = ENDPOINT.fullmatch(endpoint) if len(endpoint) <= ENDPOINT_LENGTH else None
    if found is None:
        return False
    where = (found["scheme"], found["host"], int(found["port"]) if found["port"] else None)
    if (where[2] or 0) > 65535 or destination(endpoint) != where or signed_for(endpoint) != where:
        return False
    return any(service.serves(*where) for service in push_services())


def destination(endpoint: str) -> tuple[str, str, int | None] | None:
    """Where the HTTP client would connect: the address as requests prepares it, read by urllib3."""
    try:
        parsed = parse_url(requests.Request("POST", endpoint).prepare().url or "")
    except (requests.RequestException, LocationParseError, ValueError):
        return None
    if parsed.auth is not None or parsed.scheme is None or parsed.host is None:
        return None
    return parsed.scheme, parsed.host, parsed.port


def signed_for(endpoint: str) -> tuple[str, str, int | None] | None:
    """Where Python's own parser points (the audience pywebpush signs the alert for)."""
    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError:
        return None
    if parts.username is not None or parts.password is not None or not parts.hostname:
        return None
    return parts.scheme, parts.hostname, port
