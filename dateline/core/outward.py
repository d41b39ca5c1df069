"""The one way Dateline makes a request outwards: `fetch`, guarded against being turned inwards.

An address given by an editor or an agency may name the site's own network (a metadata service,
a database, the admin of a router), in plain or disguised spelling; a host name may resolve to one,
or resolve to a public address once and to an internal one the next time (DNS rebinding). So:

- only http and https, no user name or password in the address, only the ports of
  `DATELINE_OUTWARD_PORTS` (80 and 443 unless more are named);
- the host is resolved once (an address written as a number in any spelling is read by the same
  resolver) and refused if ANY of its addresses is not public (`is_public`: loopback, private,
  link-local, CGNAT, multicast, reserved, unspecified, and IPv6 forms embedding such an IPv4);
  the connection then goes to that address, never to a second lookup, while the Host header and
  TLS's server name stay the host's;
- redirects are followed here, at most `MAX_REDIRECTS`, each new address checked the same way;
- the body is read in chunks and refused past `max_bytes`, counted after gzip or deflate decoding
  (a small bomb cannot become a large body); connect and read timeouts hold for each step, and a
  deadline for the whole request, redirects included.

`DATELINE_OUTWARD_ALLOW_PRIVATE` lets a test's local server or an intranet install reach loopback
and private addresses; link-local ones (the cloud's metadata service at 169.254.169.254),
multicast and unspecified ones stay refused, and every other rule still holds. Whatever goes wrong is one `OutwardError`, with a reason an editor
can read.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import httpcore
from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

MAX_REDIRECTS = 5
REDIRECTS = frozenset({301, 302, 303, 307, 308})
CREDENTIALS = frozenset({"authorization", "cookie", "proxy-authorization"})
DEFAULT_PORTS = {"http": 80, "https": 443}
CHUNK_BYTES = 64 * 1024
# Parts of a path and query kept as they are; anything else (spaces, non-ASCII) is percent-encoded.
SAFE_TARGET = "/?&=%:@!$'()*+,;~-._[]"
# Networks not marked by `ipaddress`'s flags whose addresses are no public host's.
SHARED_ADDRESS_SPACE = ipaddress.IPv4Network("100.64.0.0/10")
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")

REASONS: dict[str, Promise] = {
    "address": _("The address %(url)s cannot be read."),
    "scheme": _("Only http:// and https:// addresses can be fetched."),
    "userinfo": _("An address with a user name or password in it is refused."),
    "port": _("Port %(port)s is not one Dateline may call."),
    "unresolvable": _("The host name %(host)s could not be found."),
    "internal": _("%(host)s leads to an address inside a private network (%(address)s): refused."),
    "connect": _("No connection to %(host)s could be made."),
    "timeout": _("%(host)s took too long to answer."),
    "protocol": _("%(host)s did not answer in valid HTTP."),
    "redirects": _("More than %(limit)s redirects."),
    "encoding": _("The answer is compressed as “%(encoding)s”, which Dateline does not read."),
    "too-large": _("The answer is larger than %(limit)s bytes."),
    "status": _("%(host)s answered with HTTP status %(status)s."),
}


class OutwardError(Exception):
    """Why an outward request was refused or failed; `reason` says it in the active language."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(code)

    @property
    def reason(self) -> str:
        return str(REASONS[self.code]) % self.params

    def __str__(self) -> str:
        return self.reason


@dataclass(frozen=True)
class Timeouts:
    """Seconds to connect, to wait for each read, and for the whole request with its redirects."""

    connect: float = 5.0
    read: float = 15.0
    total: float = 60.0


@dataclass(frozen=True)
class Answer:
    """A final answer (redirects followed): its status, headers (names in lower case) and body."""

    url: str
    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


def fetch(
    url: str,
    *,
    max_bytes: int,
    method: str = "GET",
    headers: Mapping[str, str] | None = None,
    body: bytes = b"",
    timeouts: Timeouts | None = None,
    resolver: Resolver | None = None,
) -> Answer:
    """Request `url` through the guard; the answer of any status, or `OutwardError`.

    Redirects are followed for GET and HEAD only (another method's redirect is its answer).
    """
    timeouts = timeouts or Timeouts()
    deadline = time.monotonic() + timeouts.total
    resolve = resolver or resolve_host
    sent = dict(headers or {})
    origin = None
    for _hop in range(MAX_REDIRECTS + 1):
        target = check_url(url)
        if origin is not None and origin != (target.scheme, target.host, target.port):
            # Credentials meant for one server are never handed to the next one a redirect names.
            sent = {name: value for name, value in sent.items() if name.lower() not in CREDENTIALS}
        origin = (target.scheme, target.host, target.port)
        address = pinned_address(target, resolve)
        answer = _request(target, address, method, sent, body, max_bytes, timeouts, deadline)
        location = answer.header("location")
        if answer.status not in REDIRECTS or not location or method not in {"GET", "HEAD"}:
            return answer
        url = urljoin(url, location)
    raise OutwardError("redirects", limit=MAX_REDIRECTS)


@dataclass(frozen=True)
class Target:
    """An address read and checked: what to connect to, and what to say in the request line."""

    scheme: str
    host: str  # as written in the address (IDNA-encoded), for Host and TLS
    port: int
    path: str  # path and query, percent-encoded

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if DEFAULT_PORTS[self.scheme] == self.port else f"{host}:{self.port}"


def check_url(url: str) -> Target:
    """`url` read as the request will use it, or `OutwardError` if its form is refused."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        raise OutwardError("address", url=url[:200]) from None
    if parts.scheme not in DEFAULT_PORTS:
        raise OutwardError("scheme")
    if "@" in parts.netloc:
        raise OutwardError("userinfo")
    if not host or any(character.isspace() for character in host):
        raise OutwardError("address", url=url[:200])
    port = port or DEFAULT_PORTS[parts.scheme]
    if port not in allowed_ports():
        raise OutwardError("port", port=port)
    path = quote(parts.path or "/", safe=SAFE_TARGET)
    if parts.query:
        path += "?" + quote(parts.query, safe=SAFE_TARGET)
    return Target(scheme=parts.scheme, host=host, port=port, path=path)


def allowed_ports() -> frozenset[int]:
    """The ports outward requests may go to: 80, 443 and those `DATELINE_OUTWARD_PORTS` adds."""
    return frozenset({80, 443, *settings.DATELINE_OUTWARD_PORTS})


def resolve_host(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (a numeric host in any spelling is read, not looked up)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    return [str(entry[4][0]) for entry in found]


def pinned_address(target: Target, resolve: Resolver) -> str:
    """The one address to connect to: the first the host resolves to, once every one is allowed."""
    addresses = []
    for written in resolve(target.host, target.port):
        try:
            addresses.append(ipaddress.ip_address(written.split("%", 1)[0]))
        except ValueError:
            raise OutwardError("unresolvable", host=target.host) from None
    if not addresses:
        raise OutwardError("unresolvable", host=target.host)
    allowed = is_reachable if settings.DATELINE_OUTWARD_ALLOW_PRIVATE else is_public
    for address in addresses:
        if not allowed(address):
            raise OutwardError("internal", host=target.host, address=str(address))
    return str(addresses[0])


def is_reachable(address: IPAddress) -> bool:
    """Whether `address` may be called where private networks are allowed: a public, private or
    loopback host's, never link-local (the cloud's metadata service), multicast or unspecified."""
    if isinstance(address, ipaddress.IPv6Address) and (embedded := _embedded_ipv4(address)) is not None:
        return is_reachable(embedded)
    return address.is_loopback or not (
        address.is_link_local or address.is_multicast or address.is_unspecified or address.is_reserved
    )


def is_public(address: IPAddress) -> bool:
    """Whether `address` is a host's on the public internet, never one inside some network."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return is_public(address.ipv4_mapped)
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None and not is_public(embedded):
            return False
    elif address in SHARED_ADDRESS_SPACE:
        return False
    return address.is_global and not (
        address.is_multicast
        or address.is_reserved
        or address.is_loopback
        or address.is_link_local
        or address.is_unspecified
        or address.is_private
    )


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    # Mapped, 6to4, Teredo's client, NAT64, and the old "compatible" ::a.b.c.d all carry an IPv4
    # address that some stack on the way may reach.
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in NAT64 or int(address) >> 32 == 0:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def _request(
    target: Target,
    address: str,
    method: str,
    headers: Mapping[str, str],
    body: bytes,
    max_bytes: int,
    timeouts: Timeouts,
    deadline: float,
) -> Answer:
    request_headers = {
        "Host": target.host_header,
        "User-Agent": "Dateline",
        "Accept-Encoding": "gzip, deflate",
        **headers,
        "Connection": "close",
    }
    if body:
        request_headers["Content-Length"] = str(len(body))
    url = httpcore.URL(scheme=target.scheme, host=target.host, port=target.port, target=target.path)
    extensions = {"timeout": {"connect": timeouts.connect, "read": timeouts.read, "write": timeouts.read}}
    pool = httpcore.ConnectionPool(
        ssl_context=ssl.create_default_context(), network_backend=_PinnedBackend(address, deadline)
    )
    try:
        with (
            pool,
            _failures_named(target.host),
            pool.stream(
                method, url, headers=list(request_headers.items()), content=body, extensions=extensions
            ) as response,
        ):
            answer_headers = _headers(response.headers)
            read = _read_body(response, answer_headers.get("content-encoding", ""), max_bytes)
            return Answer(
                url=f"{target.scheme}://{target.host_header}{target.path}",
                status=response.status,
                headers=answer_headers,
                body=read if method != "HEAD" else b"",
            )
    except _PastDeadline:
        raise OutwardError("timeout", host=target.host) from None


@contextmanager
def _failures_named(host: str) -> Iterator[None]:
    try:
        yield
    except httpcore.TimeoutException:
        raise OutwardError("timeout", host=host) from None
    except (httpcore.ConnectError, httpcore.NetworkError):
        raise OutwardError("connect", host=host) from None
    except (httpcore.ProtocolError, httpcore.UnsupportedProtocol, httpcore.LocalProtocolError):
        raise OutwardError("protocol", host=host) from None


def _headers(raw: list[tuple[bytes, bytes]]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in raw:
        key = name.decode("latin-1").lower()
        text = value.decode("latin-1")
        headers[key] = f"{headers[key]}, {text}" if key in headers else text
    return headers


def _read_body(response: httpcore.Response, encoding: str, max_bytes: int) -> bytes:
    decoder = _decoder(encoding.strip().lower())
    chunks: list[bytes] = []
    size = 0
    for raw in response.iter_stream():
        # A compressed chunk is decoded only as far as the limit allows, a byte past it refused.
        data = decoder.decompress(raw, max_bytes - size + 1) if decoder is not None else raw
        size += len(data)
        if size > max_bytes or (decoder is not None and decoder.unconsumed_tail):
            raise OutwardError("too-large", limit=max_bytes)
        chunks.append(data)
    if decoder is not None:
        tail = decoder.flush()
        size += len(tail)
        if size > max_bytes:
            raise OutwardError("too-large", limit=max_bytes)
        chunks.append(tail)
    return b"".join(chunks)


def _decoder(encoding: str) -> Any:
    if encoding in {"", "identity"}:
        return None
    if encoding in {"gzip", "x-gzip"}:
        return zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj()
    raise OutwardError("encoding", encoding=encoding[:40])


class _PastDeadline(Exception):
    """The whole request's time is up."""


class _PinnedBackend(httpcore.SyncBackend):
    """Connects to the address checked, whatever host the request names (no second lookup)."""

    def __init__(self, address: str, deadline: float) -> None:
        self.address = address
        self.deadline = deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        stream = super().connect_tcp(
            self.address, port, _within(timeout, self.deadline), local_address, socket_options
        )
        return _DeadlineStream(stream, self.deadline)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every wait ends by the request's deadline (a server dripping its
    headers a byte at a time cannot hold the round)."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: float) -> None:
        self.stream = stream
        self.deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.stream.read(max_bytes, _within(timeout, self.deadline))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.stream.write(buffer, _within(timeout, self.deadline))

    def close(self) -> None:
        self.stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        secured = self.stream.start_tls(ssl_context, server_hostname, _within(timeout, self.deadline))
        return _DeadlineStream(secured, self.deadline)

    def get_extra_info(self, info: str) -> Any:
        return self.stream.get_extra_info(info)


def _within(timeout: float | None, deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise _PastDeadline
    return left if timeout is None else min(timeout, left)
