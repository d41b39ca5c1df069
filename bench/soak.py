"""Dateline's soak (issue 13, section 10): half an hour of mixed load on `dateline serve` as shipped.

    .venv/bin/python -m bench.soak                       # 30 minutes
    .venv/bin/python -m bench.soak --minutes 3 --live 200   # a short try of the whole thing

It makes its own data directory afresh (`--data`; it refuses one it did not make): `dateline setup
--demo`, bench/generate_stories.py (`--stories`, English), signed-in readers with ready-made sessions
and confirmed subscribers to the English daily digest. Then it starts bench/harness/smtp_sink.py and
`dateline serve` (the supervisor, granian, the background work in the server's process: what
`make run` starts), with only what a load from one address needs changed: the per-reader comment
limit and the live stream's connections per address. While the load runs:

- anonymous readers, `--pages` requests a second (Poisson): the homes and sections (cache hits) and
  stories picked at random from all of them (mostly misses);
- `--commenters` signed-in readers, each posting a comment about every `--comment-every` s to one of
  the discussions and reading its list (signed in, past the page cache) and a story in between;
- `--live` readers of the English newsfeed (one in ten also following a discussion), reconnecting
  with `Last-Event-ID` as EventSource does whenever the server closes a connection;
- an editor in a process of its own (bench/soak_editor.py, as a newsroom on another server would be), publishing a story
  every `--publish-every` s and, every `--mailing-every` s, a digest due at once, which the
  background work starts and sends to the sink.

Every half minute each of the server's processes' memory is read: its own (RssAnon, what the target
counts, as the page benchmarks do) and all it has resident (VmRSS, which adds the database file SQLite
maps into memory as it reads it: shared with the page cache, bounded by the file, growing with it
and with how much of it has been read). Afterwards it checks:
no 5xx and no broken connection; every comment acknowledged is stored, once, and nothing was stored
that was not acknowledged; each live reader received every event of its streams committed after
it connected, once; each mailing delivered every subscriber once and is marked sent; and each
process's memory over the last two thirds of the run (growth from the first sample after warm-up
to the last, and the largest). Results go to stdout and bench/results/soak-*.md and .json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote_plus

from bench.harness.environment import (
    HOST,
    ROOT,
    add_data_option,
    dateline_command,
    django_setup,
    fresh_data_dir,
    prepare_environment,
    python_module,
)
from bench.harness.http import CONNECTION_ERRORS, Connection
from bench.harness.processes import Child, descendants, ensure_port_free, status_kib, wait_for_port
from bench.harness.readers import comment_body, make_readers
from bench.harness.report import Report, header, new_report, show_and_save
from bench.harness.site import generate_stories, subscribe
from bench.harness.smtp_sink import running_sink
from bench.harness.sse import dechunk, frames

LABEL = "soak"
COMMENT_RATE = "100000/m"  # the per-reader limit is a product rule, not what is measured
SAMPLE_SECONDS = 30


# --- the site --------------------------------------------------------------------------------------


def prepare(data: Path, stories: int, commenters: int, subscribers: int) -> None:
    """The demo site, `stories` more stories, the commenters (kept in readers.json), the subscribers."""
    fresh_data_dir(data, "soak")
    print(f"dateline setup --demo on {data} …", flush=True)
    subprocess.run(dateline_command("setup", "--demo"), cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    print(f"generating {stories:,} stories …", flush=True)
    generate_stories(stories)
    django_setup()
    readers = make_readers("soak", commenters, random.Random(13))
    (data / "readers.json").write_text(json.dumps([[r.user_id, r.session_key, r.csrf] for r in readers]))
    subscribe(subscribers, "soak")


def site_plan(discussions: int) -> dict[str, Any]:
    """The addresses the load reads and the discussions it posts to."""
    from dateline.articles.models import ArticlePage
    from dateline.editions.models import HomePage, SectionPage

    homes = [home.url for home in HomePage.objects.live()]
    sections = [section.url for section in SectionPage.objects.live()]
    stories = [story.url for story in ArticlePage.objects.live().specific()]
    open_ones = [
        story
        for story in ArticlePage.objects.live().filter(locale__language_code="en").order_by("-pk")[:200]
        if story.takes_comments()
    ][:discussions]
    return {
        "hot": homes + sections,
        "stories": stories,
        "discussions": [[story.pk, story.url] for story in open_ones],
    }


def settle_readers(readers: list[Any], story_id: int) -> None:
    """Each reader's first comment, approved by a moderator: the readers of the soak are settled
    ones, whose comments are published at once (a new reader's first one waits for a moderator)."""
    from django.contrib.auth import get_user_model

    from dateline.articles.models import ArticlePage
    from dateline.discussion import actions, moderation

    User = get_user_model()
    moderator = User.objects.filter(is_superuser=True).first()
    story = ArticlePage.objects.get(pk=story_id)
    for user_id, _session, _csrf in readers:
        comment = actions.do_post_comment(
            User.objects.get(pk=user_id), story, f"Hello from reader {user_id}."
        )
        moderation.do_approve(moderator, comment)


def server_environment(data: Path, smtp_port: int, live: int, trace_memory: bool = False) -> dict[str, str]:
    """`dateline serve`'s environment: the sink for mail, only the limits a load from one address
    needs raised, and the memory trace if asked for."""
    tracing = {"DATELINE_TRACEMALLOC_DIR": str(data / "memory-trace")} if trace_memory else {}
    return {
        **tracing,
        **os.environ,
        "DATELINE_DATA_DIR": str(data),
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "EMAIL_USE_TLS": "false",
        "DATELINE_COMMENT_RATE": COMMENT_RATE,
        "DATELINE_LIVE_MAX_CONNECTIONS_PER_ADDRESS": str(live + 100),
    }


def process_labels(root: int) -> dict[int, str]:
    """The pids under `root` (itself included), each with a name from its command line."""
    labels = {}
    for pid, (parent, command) in descendants(root).items():
        if pid == root:
            labels[pid] = "supervisor (dateline serve)"
        elif "granian" in command and parent == root:
            labels[pid] = "granian (main)"
        elif "granian" in command or "config.asgi" in command:
            labels[pid] = f"granian worker {pid}"
        else:
            labels[pid] = command.split(" ")[0].rsplit("/", 1)[-1] + f" {pid}"
    return labels


def resident_mib(pid: int) -> dict[str, float] | None:
    """The process's resident memory: all of it (VmRSS), its own (RssAnon: heaps and stacks) and
    the files it maps (RssFile: the SQLite database, read through `mmap_size`, shared with the
    operating system's page cache and bounded by the file)."""
    try:
        found = status_kib(pid, ["VmRSS", "RssAnon", "RssFile"])
    except OSError:
        return None
    return {name: round(kib / 1024, 1) for name, kib in found.items()} or None


# --- the load ----------------------------------------------------------------------------------------


@dataclass
class Tally:
    """What the load's requests got: statuses, broken connections, acknowledged comments."""

    statuses: Counter[str] = field(default_factory=Counter)  # "what status" → count
    broken: Counter[str] = field(default_factory=Counter)  # what → connection errors
    examples: list[str] = field(default_factory=list)
    acknowledged: list[int] = field(default_factory=list)

    def note(self, what: str, status: int, detail: str = "") -> None:
        """Count an answer (and keep an example of a 5xx)."""
        self.statuses[f"{what} {status}"] += 1
        if status >= 500 and len(self.examples) < 20:
            self.examples.append(f"{what} {status} {detail[:200]}")

    def fail(self, what: str, error: BaseException) -> None:
        """Count a broken connection (and keep an example)."""
        self.broken[what] += 1
        if len(self.examples) < 20:
            self.examples.append(f"{what}: {error!r}")


async def anonymous_readers(port: int, plan: dict[str, Any], rate: float, until: float, tally: Tally) -> None:
    """Requests at `rate` a second in all, over a pool of connections: half hits, half misses."""
    chooser = random.Random(1)
    pool: asyncio.Queue[Connection] = asyncio.Queue()
    for _ in range(16):
        pool.put_nowait(Connection(port))
    loop = asyncio.get_running_loop()
    pending: set[asyncio.Task[None]] = set()

    async def one(path: str, kind: str) -> None:
        connection = await pool.get()
        try:
            status, body = await connection.request(f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\n")
            tally.note(kind, status, body[:200].decode(errors="replace"))
        except CONNECTION_ERRORS as error:
            tally.fail(kind, error)
        finally:
            pool.put_nowait(connection)

    while loop.time() < until:
        await asyncio.sleep(chooser.expovariate(rate))
        if chooser.random() < 0.5:
            path, kind = chooser.choice(plan["hot"]), "page (hot)"
        else:
            path, kind = chooser.choice(plan["stories"]), "page (any story)"
        task = asyncio.create_task(one(path, kind))
        pending.add(task)
        task.add_done_callback(pending.discard)
    await asyncio.gather(*pending)


async def commenter(
    port: int, number: int, reader: list[Any], plan: dict[str, Any], every: float, until: float, tally: Tally
) -> None:
    """A signed-in reader: posts a comment, reads the discussion's list and a story, in turn."""
    _user_id, session_key, csrf = reader
    chooser = random.Random(1000 + number)
    connection = Connection(port)
    head = f"Host: {HOST}:{port}\r\nCookie: sessionid={session_key}; csrftoken={csrf}\r\n"
    loop = asyncio.get_running_loop()
    count = 0
    await asyncio.sleep(chooser.uniform(0, every))
    while loop.time() < until:
        story_id, story_url = chooser.choice(plan["discussions"])
        form = f"body={quote_plus(comment_body(chooser, number, count, LABEL))}".encode()
        count += 1
        try:
            status, body = await connection.request(
                f"POST /en/discussion/{story_id}/comments/ HTTP/1.1\r\n{head}X-CSRFToken: {csrf}\r\n"
                "X-Requested-With: fetch\r\nAccept: application/json\r\n"
                f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(form)}\r\n",
                form,
            )
            tally.note("comment", status, body[:200].decode(errors="replace"))
            if status == 200:
                tally.acknowledged.append(int(json.loads(body)["id"]))
            status, body = await connection.request(
                f"GET /en/discussion/{story_id}/ HTTP/1.1\r\n{head}X-Requested-With: fetch\r\n"
            )
            tally.note("discussion list (signed in)", status, body[:200].decode(errors="replace"))
            status, body = await connection.request(f"GET {story_url} HTTP/1.1\r\n{head}")
            tally.note("story (signed in)", status, body[:200].decode(errors="replace"))
        except CONNECTION_ERRORS as error:
            tally.fail("signed-in reader", error)
        # A browser does not keep a connection open through a reader's pause either (the server
        # closes idle ones; a request sent as it does fails without an answer).
        connection.close()
        await asyncio.sleep(chooser.expovariate(1 / every))


class LiveReader(asyncio.Protocol):
    """An EventSource: reads the stream as it arrives (only ids are kept), reconnects after a close
    with `Last-Event-ID` and the retry the server asked for."""

    def __init__(self, client: LiveClient, streams: list[str]) -> None:
        self.client = client
        self.streams = streams
        self.path = "/live/?" + "&".join(f"stream={name}" for name in streams)
        self.first_ready: int | None = None
        self.last_id: int | None = None
        self.received: Counter[int] = Counter()
        self.connections = 0
        self.resets = 0
        self.statuses: Counter[int] = Counter()
        self.raw = self.buffer = b""
        self.head_done = False
        self.transport: asyncio.WriteTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        """Send the request, with Last-Event-ID when resuming."""
        # uvloop's transport is not an asyncio.Transport, though it does what one does.
        self.transport = cast(asyncio.WriteTransport, transport)
        self.raw, self.buffer, self.head_done = b"", b"", False
        since = b"" if self.last_id is None else b"Last-Event-ID: %d\r\n" % self.last_id
        self.transport.write(
            f"GET {self.path} HTTP/1.1\r\nHost: {HOST}:{self.client.port}\r\nAccept: text/event-stream\r\n".encode()
            + since
            + b"\r\n"
        )

    def data_received(self, data: bytes) -> None:
        """Read the events as they arrive: count each id, note `ready` and resets."""
        self.raw += data
        if not self.head_done:
            end = self.raw.find(b"\r\n\r\n")
            if end < 0:
                return
            self.statuses[int(self.raw.split(b" ", 2)[1])] += 1
            self.raw = self.raw[end + 4 :]
            self.head_done = True
        body, self.raw, _ended = dechunk(self.raw)
        found, self.buffer = frames(self.buffer + body)
        for frame in found:
            if frame.id is not None:
                self.last_id = frame.id
            if not frame.has_data:
                continue
            if frame.kind == "ready":
                if self.first_ready is None:
                    self.first_ready = frame.id
            elif frame.kind == "reset":
                self.resets += 1
            elif frame.id is not None:
                self.received[frame.id] += 1

    def connection_lost(self, exc: Exception | None) -> None:
        """Come back after the retry, unless the soak is over."""
        self.transport = None
        if not self.client.stopping:
            self.client.later(self)


class LiveClient:
    """The live readers, reconnecting until stopped."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.readers: list[LiveReader] = []
        self.stopping = False
        self.failed_connects = 0
        self.tasks: set[asyncio.Task[None]] = set()

    async def open(self, reader: LiveReader) -> None:
        """Connect `reader`, trying again every 3 s while the server refuses."""
        loop = asyncio.get_running_loop()
        while not self.stopping:
            try:
                await loop.create_connection(lambda: reader, HOST, self.port)
                reader.connections += 1
                return
            except OSError:
                self.failed_connects += 1
                await asyncio.sleep(3)

    def later(self, reader: LiveReader) -> None:
        """Connect `reader` again after the retry the server sends."""

        async def again() -> None:
            await asyncio.sleep(3)  # the retry the server sends
            await self.open(reader)

        task = asyncio.create_task(again())
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def start(self, count: int, discussions: list[int]) -> None:
        """`count` readers of the newsfeed, one in ten also following a discussion."""
        for number in range(count):
            streams = ["newsfeed:en"]
            if number % 10 == 0:
                streams.append(f"comments:{discussions[number // 10 % len(discussions)]}")
            reader = LiveReader(self, streams)
            self.readers.append(reader)
            await self.open(reader)
            if number % 100 == 99:
                await asyncio.sleep(0.2)

    def stop(self) -> None:
        """Hang up on every reader, for good."""
        self.stopping = True
        for reader in self.readers:
            if reader.transport is not None:
                reader.transport.abort()


async def sample_memory(root: int, until: float, samples: list[dict[str, Any]], started: float) -> None:
    """Every process's memory every SAMPLE_SECONDS until `until`."""
    loop = asyncio.get_running_loop()
    while True:
        rss: dict[str, float] = {}
        own: dict[str, float] = {}
        for pid, label in process_labels(root).items():
            sizes = resident_mib(pid)
            if sizes is not None:
                rss[label] = sizes["VmRSS"]
                own[label] = sizes["RssAnon"]
        samples.append({"minute": round((loop.time() - started) / 60, 2), "rss": rss, "anon": own})
        if loop.time() >= until:
            return
        await asyncio.sleep(min(SAMPLE_SECONDS, max(0.0, until - loop.time())))


async def load(
    arguments: argparse.Namespace, plan: dict[str, Any], readers: list[Any], root: int
) -> dict[str, Any]:
    """The whole load, the editor in its process, then time for the last events and mail."""
    loop = asyncio.get_running_loop()
    tally = Tally()
    live = LiveClient(arguments.port)
    discussion_ids = [story_id for story_id, _url in plan["discussions"]]
    print(f"connecting {arguments.live:,} live readers …", flush=True)
    await live.start(arguments.live, discussion_ids)
    await asyncio.sleep(5)
    started = loop.time()
    until = started + arguments.minutes * 60
    samples: list[dict[str, Any]] = []
    print(f"load for {arguments.minutes} minutes …", flush=True)
    editor_process = subprocess.Popen(
        python_module(
            "bench.soak_editor",
            "--seconds",
            str(arguments.minutes * 60),
            "--publish-every",
            str(arguments.publish_every),
            "--mailing-every",
            str(arguments.mailing_every),
            "--log",
            str(arguments.data / "editor.jsonl"),
        ),
        cwd=ROOT,
        env={**os.environ, "DATELINE_DATA_DIR": str(arguments.data)},
    )
    await asyncio.gather(
        anonymous_readers(arguments.port, plan, arguments.pages, until, tally),
        *(
            commenter(arguments.port, n, reader, plan, arguments.comment_every, until, tally)
            for n, reader in enumerate(readers)
        ),
        sample_memory(root, until, samples, started),
        progress(until, tally, live),
    )
    editor_code = await loop.run_in_executor(None, editor_process.wait)
    # What was committed last reaches the live readers and the last mailing is sent.
    await asyncio.sleep(arguments.settle)
    live.stop()
    return {"tally": tally, "live": live, "samples": samples, "editor": editor_code}


async def progress(until: float, tally: Tally, live: LiveClient) -> None:
    """A line a minute on stdout: requests, failures, comments, live readers."""
    loop = asyncio.get_running_loop()
    while loop.time() < until:
        await asyncio.sleep(min(60, max(0.0, until - loop.time())))
        requests = sum(tally.statuses.values())
        bad = sum(n for key, n in tally.statuses.items() if int(key.rsplit(" ", 1)[1]) >= 500)
        connected = sum(1 for reader in live.readers if reader.transport is not None)
        print(
            f"  {time.strftime('%H:%M:%S')} requests {requests:,}, 5xx {bad}, broken {sum(tally.broken.values())}, "
            f"comments acknowledged {len(tally.acknowledged):,}, live readers connected {connected:,}",
            flush=True,
        )


# --- the checks ------------------------------------------------------------------------------------


def check_comments(acknowledged: list[int]) -> dict[str, Any]:
    """Every comment acknowledged stored once; nothing stored that was not acknowledged."""
    from django.db.models import Count

    from dateline.discussion.models import Comment

    stored = Comment.objects.filter(body__contains=f"({LABEL} reader ")
    ids = set(stored.values_list("pk", flat=True))
    repeated = stored.values("body").annotate(n=Count("pk")).filter(n__gt=1).count()
    return {
        "acknowledged": len(acknowledged),
        "acknowledged_twice": len(acknowledged) - len(set(acknowledged)),
        "stored": len(ids),
        "lost": len(set(acknowledged) - ids),
        "stored_not_acknowledged": len(ids - set(acknowledged)),
        "bodies_stored_twice": repeated,
    }


def check_live(live: LiveClient) -> dict[str, Any]:
    """Each live reader received every event of its streams after it connected, once."""
    from dateline.live.models import Event

    last = Event.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    by_stream: dict[str, list[int]] = {}
    for event_id, stream in Event.objects.filter(stream__startswith="newsfeed:en").values_list(
        "pk", "stream"
    ):
        by_stream.setdefault(stream, []).append(event_id)
    for event_id, stream in Event.objects.filter(stream__startswith="comments:").values_list("pk", "stream"):
        by_stream.setdefault(stream, []).append(event_id)
    lost = twice = expected_total = never_ready = 0
    for reader in live.readers:
        if reader.first_ready is None:
            never_ready += 1
            continue
        expected = {
            event_id
            for stream in reader.streams
            for event_id in by_stream.get(stream, [])
            if reader.first_ready < event_id <= last
        }
        expected_total += len(expected)
        lost += len(expected - set(reader.received))
        twice += sum(n - 1 for n in reader.received.values() if n > 1)
    return {
        "readers": len(live.readers),
        "never_ready": never_ready,
        "events_expected": expected_total,
        "lost": lost,
        "received_twice": twice,
        "resets": sum(reader.resets for reader in live.readers),
        "connections": sum(reader.connections for reader in live.readers),
        "failed_connects": live.failed_connects,
        "statuses": dict(sum((reader.statuses for reader in live.readers), Counter())),
    }


def check_mail(sink: dict[str, Any]) -> dict[str, Any]:
    """Each mailing sent, every subscriber's message received once."""
    from dateline.subscriptions.models import Delivery, Mailing

    mailings = []
    for mailing in Mailing.objects.filter(subject__startswith="Soak digest").order_by("pk"):
        deliveries = Counter(Delivery.objects.filter(mailing=mailing).values_list("status", flat=True))
        received = sink["per_mailing"].get(str(mailing.pk), {"messages": 0, "ids_more_than_once": 0})
        mailings.append(
            {
                "mailing": mailing.pk,
                "status": mailing.status,
                "deliveries": dict(deliveries),
                "received": received["messages"],
                "received_twice": received["ids_more_than_once"],
            }
        )
    return {
        "mailings": mailings,
        "lost": sum(max(0, sum(m["deliveries"].values()) - m["received"]) for m in mailings),
        "twice": sum(m["received_twice"] for m in mailings),
        "not_sent": sum(1 for m in mailings if m["status"] != "sent"),
    }


def memory_growth(
    samples: list[dict[str, Any]], warm_minutes: float, kind: str = "anon"
) -> dict[str, dict[str, float]]:
    """Each process's memory of `kind` ("anon": its own, the target's; "rss": all resident) over the
    samples after the warm-up: at its start, the last, the largest, and the growth."""
    after = [s for s in samples if s["minute"] >= warm_minutes]
    if not after:
        return {}
    growth = {}
    for label, start in after[0][kind].items():
        readings = [s[kind][label] for s in after if label in s[kind]]
        growth[label] = {
            "after_warm_up": start,
            "last": readings[-1],
            "largest": max(readings),
            "growth": round(readings[-1] / start - 1, 3),
            "largest_growth": round(max(readings) / start - 1, 3),
        }
    return growth


# --- the run -----------------------------------------------------------------------------------------


def soak(arguments: argparse.Namespace) -> int:
    """Prepare, run the load against `dateline serve`, check; 0 if every target was met."""
    data: Path = arguments.data.resolve()
    arguments.data = data
    prepare_environment(None)
    os.environ["DATELINE_DATA_DIR"] = str(data)
    ensure_port_free(arguments.port)
    ensure_port_free(arguments.smtp_port)
    report = new_report(
        "soak",
        **{
            "minutes": str(arguments.minutes),
            "stories": f"{arguments.stories:,} generated + the demo",
            "anonymous pages a second": str(arguments.pages),
            "signed-in readers": f"{arguments.commenters}, a comment each about every {arguments.comment_every} s",
            "live readers": f"{arguments.live:,}",
            "editor": f"a story every {arguments.publish_every} s, a digest every {arguments.mailing_every} s "
            f"to {arguments.subscribers:,} subscribers",
        },
    )
    prepare(data, arguments.stories, arguments.commenters, arguments.subscribers)
    plan = site_plan(arguments.discussions)
    readers = json.loads((data / "readers.json").read_text())
    settle_readers(readers, plan["discussions"][0][0])
    from django.db import connections

    connections.close_all()
    sink_summary = data / "sink.json"
    server_log = data / "serve.log"
    with running_sink(arguments.smtp_port, sink_summary):
        server = Child(
            "dateline serve",
            dateline_command("serve", "--port", str(arguments.port)),
            arguments.port,
            server_environment(data, arguments.smtp_port, arguments.live, arguments.trace_memory),
            log=server_log,
        )
        try:
            wait_for_port(arguments.port, timeout=90)
            outcome = asyncio.run(load(arguments, plan, readers, server.process.pid))
            alive = server.process.poll() is None
        finally:
            server.stop()
    tally: Tally = outcome["tally"]
    results = {
        "requests": dict(sorted(tally.statuses.items())),
        "5xx": sum(n for key, n in tally.statuses.items() if int(key.rsplit(" ", 1)[1]) >= 500),
        "broken connections": dict(tally.broken),
        "examples": tally.examples,
        "comments": check_comments(tally.acknowledged),
        "live": check_live(outcome["live"]),
        "mail": check_mail(json.loads(sink_summary.read_text())),
        "memory": memory_growth(outcome["samples"], arguments.minutes / 3),
        "memory (all resident)": memory_growth(outcome["samples"], arguments.minutes / 3, "rss"),
        "memory samples": outcome["samples"],
        "server alive at the end": alive,
        "restarts logged": server_log.read_text(errors="replace").count("restarting"),
        "editor exit code": outcome["editor"],
    }
    report.rounds.append(results)
    report.table = table(report, results)
    show_and_save(report)
    print(f"(the server's log is {server_log})")
    return 0 if targets_met(results) else 1


def targets_met(results: dict[str, Any]) -> bool:
    """No 5xx, nothing broken, lost or doubled, no process's memory grown by more than 10%."""
    comments, live, mail = results["comments"], results["live"], results["mail"]
    return (
        results["5xx"] == 0
        and not results["broken connections"]
        and comments["lost"] == comments["acknowledged_twice"] == comments["stored_not_acknowledged"] == 0
        and live["lost"] == live["received_twice"] == live["never_ready"] == 0
        and mail["lost"] == mail["twice"] == mail["not_sent"] == 0
        and all(m["growth"] <= 0.10 for m in results["memory"].values())
        and results["server alive at the end"]
    )


def table(report: Report, results: dict[str, Any]) -> str:
    """The checks' results and each process's memory."""
    lines = header(report, "Soak: half an hour of mixed load on dateline serve")
    comments, live, mail = results["comments"], results["live"], results["mail"]
    lines += [
        "| what | result |",
        "|---|---|",
        f"| requests | {sum(results['requests'].values()):,} ({', '.join(f'{k}: {v:,}' for k, v in results['requests'].items())}) |",
        f"| 5xx answers | {results['5xx']} |",
        f"| broken connections | {sum(results['broken connections'].values())} |",
        f"| comments acknowledged / stored / lost / stored twice / stored unacknowledged | "
        f"{comments['acknowledged']:,} / {comments['stored']:,} / {comments['lost']} / {comments['bodies_stored_twice']} / "
        f"{comments['stored_not_acknowledged']} |",
        f"| live readers / events due to them / lost / received twice / resets | {live['readers']:,} / "
        f"{live['events_expected']:,} / {live['lost']} / {live['received_twice']} / {live['resets']} |",
        f"| live connections (reconnects included) / failed connects | {live['connections']:,} / {live['failed_connects']} |",
        f"| mailings / sent / messages lost / received twice | {len(mail['mailings'])} / "
        f"{len(mail['mailings']) - mail['not_sent']} / {mail['lost']} / {mail['twice']} |",
        f"| server alive at the end, restarts logged | {results['server alive at the end']}, {results['restarts logged']} |",
        "",
        "Each process's own memory (RssAnon: what a leak would grow; the target's), then all it has",
        "resident (VmRSS, which adds the database file SQLite maps in and the shared libraries):",
        "",
        "| process | own memory after warm-up | last | largest | growth to last | largest growth | VmRSS after warm-up → last |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, m in results["memory"].items():
        everything = results["memory (all resident)"].get(label, {})
        lines.append(
            f"| {label} | {m['after_warm_up']} MiB | {m['last']} MiB | {m['largest']} MiB | "
            f"{m['growth']:+.1%} | {m['largest_growth']:+.1%} | "
            f"{everything.get('after_warm_up', '?')} → {everything.get('last', '?')} MiB |"
        )
    lines += ["", f"Verdict: {'every target met' if targets_met(results) else 'NOT MET'}."]
    if results["examples"]:
        lines += ["", "Examples of failures:", *(f"- {e}" for e in results["examples"])]
    return "\n".join(lines) + "\n"


def main() -> int:
    """Parse the options and soak."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add_data_option(parser, "dl-bench-soak")
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--stories", type=int, default=4000)
    parser.add_argument("--pages", type=float, default=40, help="anonymous requests a second")
    parser.add_argument("--commenters", type=int, default=20)
    parser.add_argument("--comment-every", type=float, default=10)
    parser.add_argument("--discussions", type=int, default=10)
    parser.add_argument("--live", type=int, default=2000)
    parser.add_argument("--publish-every", type=float, default=10)
    parser.add_argument("--mailing-every", type=float, default=300)
    parser.add_argument("--subscribers", type=int, default=5000)
    parser.add_argument(
        "--settle", type=float, default=60, help="s after the load for the last events and mail"
    )
    parser.add_argument(
        "--trace-memory",
        action="store_true",
        help="the server traces its allocations and writes where memory grew to DATA/memory-trace (slow)",
    )
    parser.add_argument("--port", type=int, default=8130)
    parser.add_argument("--smtp-port", type=int, default=8431)
    arguments = parser.parse_args()
    return soak(arguments)


if __name__ == "__main__":
    sys.exit(main())
