"""The load client of the live-stream benchmarks: thousands of SSE readers in one asyncio process.

It is driven by bench/live/common.py's `LoadClients` over stdin and stdout, one JSON object a line each way:

    {"do": "connect", "readers": [0, 1, …], "since": {"0": 41, …}}   open readers (Last-Event-ID)
    {"do": "wait_ready", "timeout": 60}       until every open reader has had `event: ready`
    {"do": "wait_ready", "timeout": 60, "every_reader": true}   … every reader, open or not yet
    {"do": "wait_for", "id": 1234, "timeout": 60}   until every open reader has received event 1234
    {"do": "drop"}                            close every connection (the client hangs up)
    {"do": "reconnect", "on": true, "retry": 3.0}   after the server hangs up, reconnect as EventSource does
    {"do": "results", "path": "/tmp/…"}       write what every reader received (pickle), then reply
    {"do": "quit"}

Each reader is a raw socket (an asyncio Protocol, no HTTP library) speaking HTTP/1.1 as a browser's
EventSource does. While measuring, a reader only keeps the bytes it received and the time they
arrived (`time.time()`, comparable with the publisher's commit times on the same machine); the
chunked encoding and the SSE frames are decoded afterwards, so that parsing costs no CPU while the
server is being measured. Only two things are looked for on arrival, with a bytes search: the
`ready` event and the id a `wait_for` is waiting for.
"""

from __future__ import annotations

import asyncio
import json
import pickle
import sys
import time
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from bench.harness.sse import dechunk, frames

now = time.time


@dataclass(slots=True)
class Connection:
    """One HTTP connection of a reader, from connect to close, with everything it received."""

    since: int | None
    started: float
    chunks: list[bytes] = field(default_factory=list)
    stamps: list[float] = field(default_factory=list)
    ready_at: float | None = None
    closed_at: float | None = None
    error: str = ""
    closed_by_client: bool = False


@dataclass(slots=True)
class Decoded:
    """What one connection's bytes say: status, events (id, kind, arrival) and the stream's end."""

    status: int = 0
    ids: list[int] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    stamps: list[float] = field(default_factory=list)
    ready_id: int | None = None
    resets: int = 0
    last_id: int | None = None  # what EventSource would send as Last-Event-ID on its next connect
    complete_frames: int = 0


def decode(connection: Connection) -> Decoded:
    """Decode the HTTP response (chunked) and its SSE frames, as EventSource would."""
    out = Decoded()
    raw = b""
    body = b""
    in_headers = True
    chunked = True
    ended = False
    for chunk, stamp in zip(connection.chunks, connection.stamps, strict=True):
        raw += chunk
        if in_headers:
            end = raw.find(b"\r\n\r\n")
            if end < 0:
                continue
            head, raw = raw[:end], raw[end + 4 :]
            lines = head.split(b"\r\n")
            out.status = int(lines[0].split()[1])
            chunked = any(line.lower() == b"transfer-encoding: chunked" for line in lines[1:])
            in_headers = False
        if not chunked:
            body, raw = body + raw, b""
        elif not ended:
            data, raw, ended = dechunk(raw)
            body += data
        found, body = frames(body)
        for frame in found:
            out.complete_frames += 1
            if frame.id is not None:
                out.last_id = frame.id
            if not frame.has_data:
                continue  # `retry:`, heartbeats: no event is dispatched
            if frame.kind == "ready":
                out.ready_id = frame.id
            elif frame.kind == "reset":
                out.resets += 1
            else:
                assert frame.id is not None, f"an event without an id: {frame!r}"
                out.ids.append(frame.id)
                out.kinds.append(frame.kind)
                out.stamps.append(stamp)
    return out


class Reader:
    """One simulated browser tab: a sequence of connections, resuming as EventSource does."""

    __slots__ = ("connections", "current", "number", "protocol")

    def __init__(self, number: int) -> None:
        self.number = number
        self.connections: list[Connection] = []
        self.current: Connection | None = None
        self.protocol: StreamProtocol | None = None

    def last_event_id(self) -> int | None:
        """The id EventSource would resume from: the last id of any connection that had one."""
        for connection in reversed(self.connections):
            decoded = decode(connection)
            if decoded.last_id is not None:
                return decoded.last_id
            if connection.since is not None:
                return connection.since
        return None


class StreamProtocol(asyncio.Protocol):
    """One connection of a reader, as raw bytes."""

    __slots__ = ("client", "connection", "reader", "transport")

    def __init__(self, client: Client, reader: Reader, connection: Connection) -> None:
        self.client = client
        self.reader = reader
        self.connection = connection
        self.transport: asyncio.WriteTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        """Send the request, with Last-Event-ID when resuming."""
        # uvloop's transport is not an asyncio.Transport, though it does what one does.
        self.transport = cast(asyncio.WriteTransport, transport)
        since = self.connection.since
        last = b"" if since is None else b"Last-Event-ID: %d\r\n" % since
        self.transport.write(self.client.request_head + last + b"\r\n")

    def data_received(self, data: bytes) -> None:
        """Keep the bytes and their arrival; look only for `ready` and the id waited for."""
        stamp = now()
        connection = self.connection
        connection.chunks.append(data)
        connection.stamps.append(stamp)
        if connection.ready_at is None and b"event: ready" in data:
            connection.ready_at = stamp
            self.client.ready += 1
        watch = self.client.watch
        if watch is not None and watch in data:
            self.client.arrived.add(self.reader.number)

    def connection_lost(self, exc: Exception | None) -> None:
        """Note the close; reconnect later if the server hung up and readers reconnect."""
        connection = self.connection
        connection.closed_at = now()
        if exc is not None:
            connection.error = repr(exc)
        if self.reader.protocol is self:
            self.reader.protocol = None
            self.client.open -= 1
            if connection.ready_at is not None:
                self.client.ready -= 1
            if self.client.reconnecting and not connection.closed_by_client:
                self.client.schedule_reconnect(self.reader)


def returning(protocol: StreamProtocol) -> Callable[[], StreamProtocol]:
    """A protocol factory for `create_connection` that gives this one protocol."""
    return lambda: protocol


class Client:
    """Every reader of this process, and what `serve` is asked to do with them."""

    def __init__(self, host: str, port: int, path: str, concurrency: int) -> None:
        self.host = host
        self.port = port
        self.request_head = (
            f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n"
            "Cache-Control: no-cache\r\n"
        ).encode()
        self.readers: dict[int, Reader] = {}
        self.open = 0
        self.ready = 0
        self.failed_connects = 0
        self.watch: bytes | None = None
        self.arrived: set[int] = set()
        self.reconnecting = False
        self.retry = 3.0
        self.limit = asyncio.Semaphore(concurrency)
        self.pending: set[asyncio.Task[None]] = set()

    async def open_reader(self, reader: Reader, since: int | None) -> None:
        """Open one connection; a refused connect is retried after `retry` s when reconnecting."""
        loop = asyncio.get_running_loop()
        while True:
            connection = Connection(since=since, started=now())
            reader.connections.append(connection)
            protocol = StreamProtocol(self, reader, connection)
            async with self.limit:
                try:
                    await loop.create_connection(returning(protocol), self.host, self.port)
                except OSError as error:
                    connection.error = repr(error)
                    connection.closed_at = now()
                    self.failed_connects += 1
                    if not self.reconnecting:
                        return
                else:
                    reader.protocol = protocol
                    self.open += 1
                    return
            await asyncio.sleep(self.retry)

    def schedule_reconnect(self, reader: Reader) -> None:
        """Open the reader again after `retry` s, from its last event, as EventSource does."""

        async def later() -> None:
            await asyncio.sleep(self.retry)
            await self.open_reader(reader, reader.last_event_id())

        task = asyncio.create_task(later())
        self.pending.add(task)
        task.add_done_callback(self.pending.discard)

    async def connect(self, numbers: list[int], since: dict[int, int | None]) -> dict[str, Any]:
        """Open the readers `numbers`, each from its id in `since` if it has one."""
        started = now()
        readers = []
        for number in numbers:
            reader = self.readers.setdefault(number, Reader(number))
            readers.append(reader)
        await asyncio.gather(*(self.open_reader(r, since.get(r.number)) for r in readers))
        return {"open": self.open, "failed_connects": self.failed_connects, "seconds": now() - started}

    async def wait_ready(self, timeout: float, every_reader: bool = False) -> dict[str, Any]:
        """Until each open connection (or, with `every_reader`, each reader) has had `ready`."""
        deadline = now() + timeout
        while (self.ready < (len(self.readers) if every_reader else self.open)) and now() < deadline:
            await asyncio.sleep(0.05)
        return {"open": self.open, "ready": self.ready, "at": now()}

    async def wait_for(self, event_id: int, timeout: float) -> dict[str, Any]:
        """Until every open reader received `event_id` (a bytes search on arrival, then decoding)."""
        self.watch = b"id: %d\n" % event_id
        deadline = now() + timeout
        checked = now()
        while now() < deadline:
            waiting = [r for r in self.readers.values() if r.protocol and r.number not in self.arrived]
            if not waiting:
                break
            if now() - checked > 2.0:
                # The id may have been split between two reads: decode those still waiting.
                checked = now()
                for reader in waiting:
                    current = reader.connections[-1]
                    if event_id in decode(current).ids:
                        self.arrived.add(reader.number)
            await asyncio.sleep(0.05)
        self.watch = None
        missing = sum(1 for r in self.readers.values() if r.protocol and r.number not in self.arrived)
        self.arrived.clear()
        return {"missing": missing, "at": now()}

    def drop(self) -> dict[str, Any]:
        """Hang up every reader's connection."""
        for reader in self.readers.values():
            if reader.protocol is not None and reader.protocol.transport is not None:
                reader.protocol.connection.closed_by_client = True
                reader.protocol.transport.abort()
        return {"open": self.open}

    def results(self, path: str) -> dict[str, Any]:
        """Every reader's connections, decoded: what the live benchmarks check and measure."""
        readers = {}
        for number, reader in self.readers.items():
            connections = []
            for connection in reader.connections:
                decoded = decode(connection)
                connections.append(
                    {
                        "since": connection.since,
                        "started": connection.started,
                        "ready_at": connection.ready_at,
                        "closed_at": connection.closed_at,
                        "error": connection.error,
                        "closed_by_client": connection.closed_by_client,
                        "status": decoded.status,
                        "ready_id": decoded.ready_id,
                        "resets": decoded.resets,
                        "ids": array("q", decoded.ids),
                        "stamps": array("d", decoded.stamps),
                        "kinds": sorted(set(decoded.kinds)),
                    }
                )
            readers[number] = connections
        with open(path, "wb") as out:
            pickle.dump(readers, out, protocol=pickle.HIGHEST_PROTOCOL)
        return {"readers": len(readers)}


async def serve(host: str, port: int, path: str, concurrency: int) -> None:
    """Carry out the orders read from stdin, a reply to each on stdout, until `quit`."""
    client = Client(host, port, path, concurrency)
    loop = asyncio.get_running_loop()
    commands = asyncio.StreamReader(limit=2**26)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(commands), sys.stdin)
    while line := await commands.readline():
        order = json.loads(line)
        action = order["do"]
        if action == "connect":
            since = {int(k): v for k, v in order.get("since", {}).items()}
            reply = await client.connect(order["readers"], since)
        elif action == "wait_ready":
            reply = await client.wait_ready(order["timeout"], order.get("every_reader", False))
        elif action == "wait_for":
            reply = await client.wait_for(order["id"], order["timeout"])
        elif action == "drop":
            reply = client.drop()
            await asyncio.sleep(0.2)
        elif action == "reconnect":
            client.reconnecting = order["on"]
            client.retry = order.get("retry", client.retry)
            reply = {"reconnecting": client.reconnecting}
        elif action == "status":
            reply = {"open": client.open, "ready": client.ready, "pending": len(client.pending)}
        elif action == "results":
            reply = client.results(order["path"])
        elif action == "quit":
            client.drop()
            print(json.dumps({"bye": True}), flush=True)
            return
        else:
            reply = {"error": f"unknown order {action!r}"}
        print(json.dumps(reply), flush=True)


def main() -> None:
    """Parse the options and serve."""
    import argparse

    parser = argparse.ArgumentParser(description="SSE load client (driven by bench/live/common.py)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--path", default="/live/?stream=newsfeed:en")
    parser.add_argument("--concurrency", type=int, default=500, help="connects in flight at once")
    arguments = parser.parse_args()
    try:
        import uvloop

        uvloop.install()
    except ImportError:
        pass
    asyncio.run(serve(arguments.host, arguments.port, arguments.path, arguments.concurrency))


if __name__ == "__main__":
    main()
