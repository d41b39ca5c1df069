"""What every way of serving /live/ shares: who may open which streams, and the frames they get.

The ASGI endpoint (`sse.py`, inside granian) and the live server (`server.py`, a process of its own)
take the same request, `GET /live/?stream=…&stream=…[&since=<event id>]` with `Last-Event-ID` when
resuming, check it here the same way, and send the same frames: `retry:`, `ready`, the events
(their ids the outbox's), heartbeats and `reset`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl

from django.conf import settings

from dateline.live import staff
from dateline.live import streams as stream_registry
from dateline.live.hub import Hub, HubEvent

Headers = Sequence[tuple[bytes, bytes]]

MAX_STREAMS = 8
RETRY_MILLISECONDS = 3000
STREAM_HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-store"),
    # Proxies such as nginx must pass events on at once, not buffer them.
    (b"x-accel-buffering", b"no"),
]
RETRY_FRAME = f"retry: {RETRY_MILLISECONDS}\n\n".encode()
# After a replay, without an id: the browser keeps resuming from the last event it really received.
READY_FRAME = b"event: ready\ndata: {}\n\n"
RESET_FRAME = b"event: reset\ndata: {}\n\n"
HEARTBEAT_FRAME = b": heartbeat\n\n"


@dataclass(frozen=True, slots=True)
class Refusal:
    """A request answered with a short plain-text error instead of a stream."""

    status: int
    body: bytes
    headers: tuple[tuple[bytes, bytes], ...] = ()


@dataclass(frozen=True, slots=True)
class Admission:
    """A request that may open its streams: their names, and the event id to resume after."""

    streams: list[str]
    since: int | None


ONLY_GET = Refusal(405, b"Only GET is allowed here.\n", ((b"allow", b"GET, HEAD"),))
NO_SUCH_STREAM = Refusal(404, b"No such stream.\n")
STAFF_ONLY = Refusal(403, b"This stream is for the newsroom: sign in as newsroom staff.\n")
NOT_AN_EVENT_ID = Refusal(400, b"Last-Event-ID and since take an event id, a number.\n")
TOO_MANY_FROM_ADDRESS = Refusal(
    429, b"Too many live connections from this address.\n", ((b"retry-after", b"30"),)
)


def parse_event_id(raw: str | None) -> int | None:
    """A resume position from a header or query value, None if there is none.

    Raises ValueError for anything but an event id this server could have issued (the browser
    sends back only ids it was sent), rather than quietly starting the reader afresh.
    """
    if raw is None:
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        raise ValueError(f"not an event id: {raw[:40]!r}")
    return int(raw)


async def admit(hub: Hub, method: str, query_string: bytes, headers: Headers) -> Admission | Refusal:
    """Whether the request may open the streams it names (asks the database off the loop, through
    the hub's thread, for streams not answered from memory and for staff-only streams)."""
    if method not in ("GET", "HEAD"):
        return ONLY_GET
    query = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    names = list(dict.fromkeys(value for key, value in query if key == "stream"))
    if not names or len(names) > MAX_STREAMS or not await _all_exist(hub, names):
        return NO_SUCH_STREAM
    if any(stream_registry.staff_only(name) for name in names) and not await _staff(hub, headers):
        return STAFF_ONLY
    try:
        since = parse_event_id(header(headers, b"last-event-id"))
        if since is None:
            since = parse_event_id(next((value for key, value in query if key == "since"), None))
    except ValueError:
        return NOT_AN_EVENT_ID
    return Admission(names, since)


async def _all_exist(hub: Hub, names: list[str]) -> bool:
    for name in names:
        known = stream_registry.known_without_query(name)
        if known is None:
            known = await hub._in_thread(stream_registry.exists, name)
        if not known:
            return False
    return True


async def _staff(hub: Hub, headers: Headers) -> bool:
    cookies = b"; ".join(value for name, value in headers if name == b"cookie")
    if not cookies:
        return False
    return bool(await hub._in_thread(staff.newsroom_member, cookies.decode("latin-1")))


def header(headers: Headers, name: bytes) -> str | None:
    """The first value of the header `name` (lower case), None if the request has none."""
    for key, value in headers:
        if key == name:
            return value.decode("latin-1")
    return None


def ready_frame_at(head: int) -> bytes:
    """A fresh reader's `ready`, with the id it starts at: its first reconnect replays from there."""
    return f"id: {head}\nevent: ready\ndata: {{}}\n\n".encode()


async def missed_frames(hub: Hub, streams: list[str], since: int) -> tuple[bytes, int]:
    """The frames of what a reader who last saw `since` missed, and the last id among them (`since`
    if none). Raises `hub.Reset` for a reader too far behind to be caught up."""
    missed: list[HubEvent] = await hub.replay(streams, since)
    if not missed:
        return b"", since
    return b"".join(event.frame for event in missed), missed[-1].id


class AddressCount:
    """Open live connections per client address, each address held to
    DATELINE_LIVE_MAX_CONNECTIONS_PER_ADDRESS."""

    def __init__(self) -> None:
        self.by_address: dict[str, int] = {}

    def __len__(self) -> int:
        return sum(self.by_address.values())

    def enter(self, address: str) -> bool:
        """Count one more connection from `address`; False (and not counted) if it has its fill."""
        held = self.by_address.get(address, 0)
        if held >= settings.DATELINE_LIVE_MAX_CONNECTIONS_PER_ADDRESS:
            return False
        self.by_address[address] = held + 1
        return True

    def leave(self, address: str) -> None:
        """One connection from `address` has closed."""
        remaining = self.by_address[address] - 1
        if remaining:
            self.by_address[address] = remaining
        else:
            del self.by_address[address]
