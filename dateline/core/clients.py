"""The client's address, as every rate limit counts it: the peer, or what trusted proxies say.

A reverse proxy (nginx, a load balancer) connects to the server itself and names whoever connected
to it at the end of `X-Forwarded-For`. The header is walked from the right: each hop that is one of
`DATELINE_TRUSTED_PROXIES` (addresses or networks) is passed over, and the first that is not is
the client. From a peer that is not a trusted proxy the header is ignored, so a client cannot choose
its own address; an entry that is not an address ends the walk at the last trusted hop.

`address_of_request` serves Django (the subscribe and push limits, allauth's adapter),
`address_of_scope` the live stream, which is pure ASGI; both come down to `client_address`.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from django.http import HttpRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
# What a connection without a peer address (a Unix socket) is counted as.
UNKNOWN = "unknown"
# No address, with brackets and a port, is longer than this; anything longer is not one.
LONGEST_ENTRY = 64


def client_address(peer: str | None, forwarded_for: str | None) -> str:
    """The client's address, from the connection's peer and its X-Forwarded-For headers (joined by
    commas, as Django joins them)."""
    address = parse_address(peer)
    if address is None:
        return peer or UNKNOWN
    proxies = trusted_proxies()
    if not forwarded_for or not is_trusted(address, proxies):
        return str(address)
    for entry in reversed(forwarded_for.split(",")):
        hop = parse_address(entry)
        if hop is None:
            break
        address = hop
        if not is_trusted(address, proxies):
            break
    return str(address)


def address_of_request(request: HttpRequest) -> str:
    """The client's address of a Django request."""
    return client_address(request.META.get("REMOTE_ADDR"), request.META.get("HTTP_X_FORWARDED_FOR"))


def address_of_scope(scope: Mapping[str, Any]) -> str:
    """The client's address of an ASGI connection."""
    client = scope.get("client")
    forwarded = [
        value.decode("latin-1") for name, value in scope.get("headers", ()) if name == b"x-forwarded-for"
    ]
    return client_address(client[0] if client else None, ",".join(forwarded))


def parse_address(entry: str | None) -> Address | None:
    """An IPv4 or IPv6 address as proxies write them (`[2001:db8::1]:443`, `192.0.2.1:80` too);
    None for anything else. An IPv4 address mapped into IPv6 is the IPv4 address."""
    if not entry:
        return None
    text = entry.strip()
    if len(text) > LONGEST_ENTRY:
        return None
    if text.startswith("["):
        text, bracket, after = text[1:].partition("]")
        if not bracket or (after and not (after.startswith(":") and _is_port(after[1:]))):
            return None
    elif text.count(":") == 1:
        text, _colon, port = text.partition(":")
        if not _is_port(port):
            return None
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _is_port(text: str) -> bool:
    return text.isascii() and text.isdigit()


def is_trusted(address: Address, proxies: Iterable[Network]) -> bool:
    return any(address in network for network in proxies)


def trusted_proxies() -> tuple[Network, ...]:
    """DATELINE_TRUSTED_PROXIES as networks (a single address is a network of one)."""
    return _networks(tuple(settings.DATELINE_TRUSTED_PROXIES))


@lru_cache(maxsize=4)
def _networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(
                f"DATELINE_TRUSTED_PROXIES: {entry!r} is neither an IP address nor a network"
            ) from error
    return tuple(networks)


def check_trusted_proxies(**kwargs: Any) -> list[checks.CheckMessage]:
    """A mistyped proxy fails `check` (and so the server's start), not every rate-limited request."""
    try:
        trusted_proxies()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="dateline.E001")]
    return []
