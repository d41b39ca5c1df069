"""Chats (issue 19, section 4): one server process, N readers in one room, writers sending at a rate.

    export DATELINE_DATA_DIR=/tmp/dl-bench-chats
    .venv/bin/python -m bench.chats --readers 2000             # SQLite
    .venv/bin/python -m bench.chats --readers 10000 --backend postgres+redis

The server starts as `dateline serve --no-worker` does (one granian worker). Readers are the live
benchmarks' SSE load client (bench/live/client.py) on the room's stream `chat:<room id>`; writers
are signed-in readers (bench/harness/readers.py) posting to the room's send endpoint on keep-alive
connections (bench/harness/http.py), `--rate` messages a second in all, each writer on a schedule
of its own. A share of the messages (`--retry-share`) is sent a second time with the same client
id, as a retrying browser would: it must be stored once and delivered once.

Measured: send latency (POST to the whole answer, which comes after the commit), delivery latency
(from the POST being sent to each reader's receipt of the message's event), every reader's events
checked against the outbox (none missed, none twice, in order), messages stored against those
acknowledged, and the server worker's memory per idle reader (RSS growth over the readers).
With `--live-port N` the readers read from Dateline's own live server on that port (`dateline serve
--live-port`), the writers still post to granian; memory per reader is then the live server's.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

from bench.harness.environment import (
    HOST,
    ROOT,
    django_setup,
    prepare_environment,
    python_module,
    raise_open_files_limit,
)
from bench.harness.http import CONNECTION_ERRORS, Connection, run_client
from bench.harness.readers import Reader, comment_body, make_readers
from bench.harness.report import summary
from bench.live import native
from bench.live.common import (
    backend_environment,
    check_readers,
    latencies,
    load_clients,
    memory,
    migrate,
    start_live_server,
    start_server,
)

TARGET_SEND_P99 = 0.2
TARGET_DELIVERY_P99 = 1.0
TARGET_KIB_PER_READER = 40.0


# --- in a Django process of its own: the room and writers, and afterwards the outbox ---------------------


def setup_room(writers: int, seed: int) -> dict[str, Any]:
    """The editions, a fresh room and `writers` signed-in readers."""
    from dateline.chats.models import Room
    from dateline.editions.setup import ensure_editions

    homes = ensure_editions()
    room = Room.objects.create(locale=homes["en"].locale, title=f"Bench room {uuid.uuid4().hex[:8]}")
    readers = make_readers(f"chat{room.pk}w", writers, random.Random(seed))
    return {"room": room.pk, "writers": [reader.__dict__ for reader in readers]}


def room_events(room: int) -> dict[str, Any]:
    """The room's events in the outbox (id → message id) and its stored messages (id → client id)."""
    from dateline.chats.models import Message
    from dateline.live.models import Event

    events = Event.objects.filter(stream=f"chat:{room}", kind="chat-message").order_by("id")
    messages = Message.objects.filter(room_id=room).values_list("id", "client_id")
    return {
        "events": [[event.id, event.payload["id"]] for event in events],
        "messages": [[pk, str(client_id)] for pk, client_id in messages],
    }


def in_django(env: dict[str, str], *arguments: str) -> Any:
    """This module in a Django process of its own with `env`: its one JSON answer."""
    done = subprocess.run(
        python_module("bench.chats", *arguments),
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.splitlines()[-1])


# --- the writers ----------------------------------------------------------------------------------------


@dataclass
class Sends:
    """What the writers sent and were answered, message by message."""

    latency: list[float] = field(default_factory=list)
    status: list[int] = field(default_factory=list)
    sent_at: dict[int, float] = field(default_factory=dict)  # message id → when its first POST went out
    acknowledged: dict[str, int] = field(default_factory=dict)  # client id → message id
    retried_differently: int = 0  # a retry answered with another message than the first send
    failures: list[str] = field(default_factory=list)


async def write_as(
    reader: Reader, number: int, arguments: argparse.Namespace, room: int, sends: Sends, start: float
) -> None:
    """One writer on one keep-alive connection: a message every writers ÷ rate seconds, from a random
    offset, some sent twice with the same client id."""
    chooser = random.Random(arguments.seed * 7919 + number)
    head = (
        f"Host: {HOST}:{arguments.port}\r\nCookie: {reader.cookie}\r\nX-CSRFToken: {reader.csrf}\r\n"
        "X-Requested-With: fetch\r\nContent-Type: application/x-www-form-urlencoded\r\n"
    )
    path = f"POST /en/chats/{room}/send/ HTTP/1.1\r\n{head}"
    interval = arguments.writers / arguments.rate
    due = start + chooser.uniform(0, interval)
    connection = Connection(arguments.port)
    loop = asyncio.get_running_loop()
    with contextlib.suppress(OSError):
        await connection.open()
    count = 0
    try:
        while due < start + arguments.seconds:
            await asyncio.sleep(max(0.0, due - loop.time()))
            due += interval
            client_id = str(uuid.uuid4())
            body = comment_body(chooser, number, count, "chat")[-480:]  # its end is what makes it unique
            form = f"body={quote_plus(body)}&client_id={client_id}".encode()
            count += 1
            for attempt in range(2 if chooser.random() < arguments.retry_share else 1):
                sent_wall, sent = time.time(), loop.time()
                status = 0
                try:
                    status, answer = await connection.request(f"{path}Content-Length: {len(form)}\r\n", form)
                    if status == 200:
                        message = int(json.loads(answer)["id"])
                        if attempt == 0:
                            sends.sent_at[message] = sent_wall
                            sends.acknowledged[client_id] = message
                        elif sends.acknowledged.get(client_id) != message:
                            sends.retried_differently += 1
                    elif len(sends.failures) < 10:
                        sends.failures.append(f"{status}: {answer[:200]!r}")
                except CONNECTION_ERRORS as error:
                    if len(sends.failures) < 10:
                        sends.failures.append(f"connection: {error!r}")
                    connection.close()
                sends.latency.append(loop.time() - sent)
                sends.status.append(status)
    finally:
        connection.close()


async def write_all(writers: list[Reader], arguments: argparse.Namespace, room: int) -> Sends:
    sends = Sends()
    start = asyncio.get_running_loop().time() + 0.5
    await asyncio.gather(*(write_as(w, n, arguments, room, sends, start) for n, w in enumerate(writers)))
    return sends


# --- one run --------------------------------------------------------------------------------------------


def run_once(arguments: argparse.Namespace, backend: str, log_dir: Path) -> dict[str, Any]:
    env = backend_environment(backend, arguments)
    migrate(env)
    made = in_django(env, "--setup-room", str(arguments.writers))
    room, writers = made["room"], [Reader(**w) for w in made["writers"]]
    batch = {"DATELINE_HUB_BATCH_SECONDS": str(arguments.hub_batch)}
    server = start_server(arguments, env, None, batch)
    readers_server, readers_options = server, arguments
    if arguments.live_port:
        readers_options = argparse.Namespace(**{**vars(arguments), "port": arguments.live_port})
        try:
            readers_server = start_live_server(readers_options, env, batch)
        except BaseException:
            server.stop()
            raise
    row: dict[str, Any] = {
        "backend": backend,
        "readers": arguments.readers,
        "writers": arguments.writers,
        "hub_batch_seconds": arguments.hub_batch,
    }
    try:
        stream = f"/live/?stream=chat:{room}"
        with (
            load_clients(readers_options, log_dir, stream)
            if arguments.load_client == "python"
            else native.native_load_client(readers_options.port, arguments.concurrency, log_dir, stream)
        ) as clients:
            clients.connect(range(-20, 0))  # warm-up readers, left out of the results
            clients.wait_ready(30)
            run_client(
                write_all(
                    writers[:5],
                    argparse.Namespace(**{**vars(arguments), "writers": 5, "rate": 5, "seconds": 2}),
                    room,
                )
            )
            clients.drop()
            time.sleep(2)
            before = memory(readers_server)
            started = time.time()
            clients.connect(range(arguments.readers))
            ready, opened, ready_at = clients.wait_ready(300)
            if ready < arguments.readers:
                raise RuntimeError(f"only {ready} of {arguments.readers} readers were ready ({opened} open)")
            row["connect_seconds"] = ready_at - started
            time.sleep(arguments.settle)
            after = memory(readers_server)
            row["kib_per_reader"] = (after["worker_kib"] - before["worker_kib"]) / arguments.readers
            print(
                f"  {ready:,} readers ready in {row['connect_seconds']:.1f} s; {row['kib_per_reader']:.1f} KiB each",
                flush=True,
            )
            servers = [server] if readers_server is server else [server, readers_server]
            # Who used the cores while the writers sent: each server, the readers, the writers (here).
            cpu = [child.cpu_seconds() for child in servers]
            client_cpu, writers_cpu = clients.cpu_seconds(), time.process_time()
            sends = run_client(write_all(writers, arguments, room))
            spent = [child.cpu_seconds() - before for child, before in zip(servers, cpu, strict=True)]
            row["server_cpu_while_sending"] = sum(spent)
            if len(spent) > 1:
                row["live_server_cpu_while_sending"] = spent[1]
            row["load_client_cpu_while_sending"] = clients.cpu_seconds() - client_cpu
            row["writers_cpu_while_sending"] = time.process_time() - writers_cpu
            outbox = in_django(env, "--room-events", str(room))
            events = [
                (event_id, message) for event_id, message in outbox["events"] if message in sends.sent_at
            ]
            missing, _at = clients.wait_for(events[-1][0], 120)
            results = {n: c for n, c in clients.results().items() if n >= 0}
    finally:
        server.stop()
        if readers_server is not server:
            readers_server.stop()
    committed = {event_id: sends.sent_at[message] for event_id, message in events}
    check = check_readers(results, list(committed), resumes=True)
    delivery = latencies(results, committed)
    stored_clients = [client for _pk, client in outbox["messages"]]
    ours = set(sends.acknowledged)
    row.update(
        sent=len(sends.status),
        acknowledged=len(sends.acknowledged),
        refused={str(s): sends.status.count(s) for s in set(sends.status) if s != 200},
        failures=sends.failures,
        send=summary(sends.latency),
        delivery=summary(delivery),
        deliveries=len(delivery),
        missed=check.missed,
        sent_twice=check.sent_twice,
        exact=check.exact,
        examples=check.examples,
        stored_twice=sum(1 for c in stored_clients if c in ours) - len(ours & set(stored_clients)),
        events_per_message=len(events) / max(1, len(sends.acknowledged)),
        retried_differently=sends.retried_differently,
        not_yet_delivered=missing,
    )
    return row


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--setup-room", type=int, help=argparse.SUPPRESS)
    options.add_argument("--room-events", type=int, help=argparse.SUPPRESS)
    options.add_argument("--backend", default="sqlite", choices=("sqlite", "sqlite+redis", "postgres+redis"))
    options.add_argument("--readers", type=int, default=2000)
    options.add_argument("--writers", type=int, default=200)
    options.add_argument("--rate", type=float, default=50.0, help="messages a second, all writers together")
    options.add_argument("--seconds", type=float, default=20.0, help="how long the writers write")
    options.add_argument("--retry-share", type=float, default=0.05)
    options.add_argument("--settle", type=float, default=5.0)
    options.add_argument(
        "--hub-batch", type=float, default=0.0, help="the server's DATELINE_HUB_BATCH_SECONDS (default 0)"
    )
    options.add_argument("--seed", type=int, default=19)
    options.add_argument("--port", type=int, default=8711)
    options.add_argument("--workers", type=int, default=1)
    options.add_argument(
        "--live-port", type=int, default=None, help="readers on Dateline's own live server on this port"
    )
    options.add_argument(
        "--load-client",
        choices=("native", "python"),
        default="native",
        help="the readers: bench/live/sse_reader.c (default) or bench/live/client.py (keeps every byte)",
    )
    options.add_argument("--clients", type=int, default=1, help="Python load client processes")
    options.add_argument("--concurrency", type=int, default=500)
    options.add_argument("--granian", default="")
    options.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/dl_chats_bench")
    options.add_argument("--redis-url", default="redis://127.0.0.1:6379/5")
    arguments = options.parse_args()
    if arguments.setup_room is not None or arguments.room_events is not None:
        django_setup()
        answer = (
            setup_room(arguments.setup_room, arguments.seed)
            if arguments.setup_room is not None
            else room_events(arguments.room_events)
        )
        print(json.dumps(answer))
        return 0
    prepare_environment("bench-chats")
    open_files = raise_open_files_limit()
    if open_files < arguments.readers + 1000:
        raise SystemExit(f"the open files limit ({open_files}) is too low for {arguments.readers} readers")
    log_dir = Path(tempfile.mkdtemp(prefix="dl-chats-bench-"))
    row = run_once(arguments, arguments.backend, log_dir)
    print(json.dumps(row, indent=2))
    verdicts = [
        ("send p99", row["send"]["p99"], TARGET_SEND_P99),
        ("delivery p99", row["delivery"]["p99"], TARGET_DELIVERY_P99),
    ]
    for name, value, target in verdicts:
        print(
            f"{name}: {value * 1000:.0f} ms (target ≤ {target * 1000:.0f} ms: {'met' if value <= target else 'missed'})"
        )
    print(f"memory per idle reader: {row['kib_per_reader']:.1f} KiB (target ≤ {TARGET_KIB_PER_READER:.0f})")
    print(
        f"missed / twice: {row['missed']} / {row['sent_twice']}; stored twice: {row['stored_twice']}; logs in {log_dir}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
