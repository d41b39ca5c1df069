"""The CDNs' tag-purge APIs: Fastly's, Cloudflare's, and a plain address sent `{"tags": [...]}`.

Wagtail's frontend-cache backends purge addresses, not tags: a tag such as `home:1` stands for
pages whose addresses Dateline does not list (every page of a list, every feed format), so purges
go by tag through each CDN's own API. A request goes to the configured host only: no redirect is
followed (a 3xx is a failure), and it gives up after `DATELINE_CDN_TIMEOUT_SECONDS`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from http.client import HTTPConnection, HTTPException, HTTPSConnection
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Read of an answer at most: enough for an error message, never a CDN's whole page.
ANSWER_BYTES = 64 * 1024


class PurgeFailed(Exception):
    """The CDN did not confirm a purge; it is tried again."""


class Purger:
    """Sends tag purges to one endpoint, `batch_size` keys a request."""

    batch_size = 256

    def __init__(self, url: str, token: str = "", timeout: float = 10.0) -> None:
        self.url = url
        self.token = token
        self.timeout = timeout

    def headers(self) -> dict[str, str]:
        """The request's headers besides its content type."""
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def body(self, keys: Sequence[str]) -> dict[str, Any]:
        """The JSON document that asks for `keys` to be purged."""
        return {"tags": list(keys)}

    def check(self, status: int, answer: bytes) -> None:
        """Raise `PurgeFailed` unless the answer confirms the purge."""
        if not 200 <= status < 300:
            raise PurgeFailed(f"{self.host} answered {status}: {answer[:200]!r}")

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc

    def batches(self, keys: Sequence[str]) -> Iterator[list[str]]:
        """`keys` in requests of at most `batch_size`."""
        for start in range(0, len(keys), self.batch_size):
            yield list(keys[start : start + self.batch_size])

    def purge(self, keys: Sequence[str]) -> None:
        """Purge one batch of keys; raises `PurgeFailed` if the CDN does not confirm it."""
        parts = urlsplit(self.url)
        connection_class = HTTPSConnection if parts.scheme == "https" else HTTPConnection
        connection = connection_class(parts.hostname or "", parts.port, timeout=self.timeout)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {"Content-Type": "application/json", "Accept": "application/json", **self.headers()}
        try:
            connection.request("POST", path, body=json.dumps(self.body(keys)).encode(), headers=headers)
            response = connection.getresponse()
            answer = response.read(ANSWER_BYTES)
        except (OSError, HTTPException) as error:
            raise PurgeFailed(f"{self.host}: {error or type(error).__name__}") from error
        finally:
            connection.close()
        self.check(response.status, answer)


class FastlyPurger(Purger):
    """Fastly's purge of several surrogate keys (up to 256 a request)."""

    batch_size = 256

    def __init__(self, service_id: str, token: str, timeout: float = 10.0) -> None:
        super().__init__(f"https://api.fastly.com/service/{service_id}/purge", token, timeout)

    def headers(self) -> dict[str, str]:
        return {"Fastly-Key": self.token}

    def body(self, keys: Sequence[str]) -> dict[str, Any]:
        return {"surrogate_keys": list(keys)}


class CloudflarePurger(Purger):
    """Cloudflare's purge by cache tag (30 tags a request on every plan)."""

    batch_size = 30

    def __init__(self, zone_id: str, token: str, timeout: float = 10.0) -> None:
        super().__init__(f"https://api.cloudflare.com/client/v4/zones/{zone_id}/purge_cache", token, timeout)

    def check(self, status: int, answer: bytes) -> None:
        super().check(status, answer)
        # Cloudflare reports some refusals in the document of a 200.
        try:
            confirmed = json.loads(answer).get("success") is True
        except (ValueError, AttributeError):
            confirmed = False
        if not confirmed:
            raise PurgeFailed(f"{self.host} did not confirm the purge: {answer[:200]!r}")


def configured() -> Purger | None:
    """The purger `DATELINE_CDN_PURGE` names, or None when no CDN is configured."""
    address: str = settings.DATELINE_CDN_PURGE
    if not address:
        return None
    token: str = settings.DATELINE_CDN_TOKEN
    timeout: float = settings.DATELINE_CDN_TIMEOUT_SECONDS
    parts = urlsplit(address)
    if parts.scheme in ("http", "https"):
        return Purger(address, token, timeout)
    if not parts.netloc or not token:
        raise ImproperlyConfigured(f"DATELINE_CDN_PURGE={address} needs an id and DATELINE_CDN_TOKEN")
    if parts.scheme == "fastly":
        return FastlyPurger(parts.netloc, token, timeout)
    if parts.scheme == "cloudflare":
        return CloudflarePurger(parts.netloc, token, timeout)
    raise ImproperlyConfigured(f"DATELINE_CDN_PURGE: no CDN is known as {parts.scheme}://")
