"""What the live-stream benchmarks share: the backends, the server, the load client and publisher
processes, and the check of what every reader received.

    .venv/bin/python -m bench.live.fanout   # 10,000 readers on one server, 100 events: latency, memory
    .venv/bin/python -m bench.live.storm    # 10,000 readers hang up and come back with Last-Event-ID
    .venv/bin/python -m bench.live.crash    # kill -9 the server while events are published

Each starts the server as `dateline serve --no-worker` does (`dateline.cli.granian_command`, one
worker), the SSE load client (bench/live/client.py, 1–2 processes of raw asyncio sockets) and a
publisher (bench/live/publisher.py, a Django process of its own, as the background worker is), on
the database `--backend` names: `sqlite` (the hub hears of another process's events by its poll
timer), `sqlite+redis`, `postgres`, `postgres+redis` (PostgreSQL NOTIFY, Redis pub/sub).
Every reader's every event is checked against what was published: none missed, none twice.
Results go to stdout and to bench/results/live-*.md and .json.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import itertools
import json
import os
import pickle
import shlex
import signal
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.harness.environment import HOST, ROOT, prepare_environment, python_module, raise_open_files_limit
from bench.harness.machine import add_quiet_options, wait_for_quiet
from bench.harness.processes import Child, cpu_seconds
from bench.harness.report import Report, new_report, show_and_save
from bench.harness.server import dateline_server, server_command
from dateline.cli import live_server_command as own_live_server_command

STREAM = "newsfeed:en"
STREAM_PATH = f"/live/?stream={STREAM}"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/dlsse"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
BACKENDS = ("sqlite", "sqlite+redis", "postgres", "postgres+redis")
# Every reader connects from 127.0.0.1: the per-address limit (default 32) is raised for the bench.
CONNECTIONS_PER_ADDRESS = "1000000"
STATS_APP = "bench.live.app:application"


# --- the backends and the server ---------------------------------------------------------------------


def backend_environment(backend: str, arguments: argparse.Namespace) -> dict[str, str]:
    """The environment of every process of a run: the data directory and the chosen engines."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    if backend.startswith("postgres"):
        env["DATABASE_URL"] = arguments.database_url
    if backend.endswith("+redis"):
        env["REDIS_URL"] = arguments.redis_url
    return env


def migrate(env: dict[str, str]) -> None:
    """The database's tables, and the (empty) static and media folders granian is told to serve."""
    for folder in ("static", "media"):
        (Path(env["DATELINE_DATA_DIR"]) / folder).mkdir(parents=True, exist_ok=True)
    subprocess.run(
        python_module("dateline.cli", "manage", "migrate", "--noinput"),
        cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def live_server_command(arguments: argparse.Namespace, app: str | None) -> list[str]:
    """The server's command (with --granian's options), serving `app` instead of Dateline's if given."""
    return server_command(arguments.port, arguments.workers, shlex.split(arguments.granian), app)


def start_server(
    arguments: argparse.Namespace, env: dict[str, str], app: str | None, extra: dict[str, str] | None = None
) -> Child:
    """The server as `dateline serve --no-worker` starts it (optionally serving bench/live/app.py),
    with --workers server processes, once it answers on the stream; with --live-server, Dateline's
    own live server as `dateline serve --live-port` starts it instead (the readers' only server)."""
    if getattr(arguments, "live_server", False):
        return start_live_server(arguments, env, extra)
    server = dateline_server(
        arguments.port,
        arguments.workers,
        variant=shlex.split(arguments.granian),
        app=app,
        environment=env,
        extra={"DATELINE_LIVE_MAX_CONNECTIONS_PER_ADDRESS": CONNECTIONS_PER_ADDRESS, **(extra or {})},
        name="dateline-live",
    )
    return answering(server, arguments.port)


def answering(server: Child, port: int) -> Child:
    """`server` once it answers on the stream (stopped if it never does)."""
    try:
        server.wait_ready(f"http://{HOST}:{port}{STREAM_PATH}")
    except BaseException:
        server.stop()
        raise
    return server


def start_live_server(
    arguments: argparse.Namespace, env: dict[str, str], extra: dict[str, str] | None = None
) -> Child:
    """`dateline.live.server` on --port, as `dateline serve --live-port` starts it."""
    environment = {
        **env,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATELINE_LIVE_MAX_CONNECTIONS_PER_ADDRESS": CONNECTIONS_PER_ADDRESS,
        **(extra or {}),
    }
    server = Child(
        "dateline-live-server", own_live_server_command(HOST, arguments.port), arguments.port, environment
    )
    return answering(server, arguments.port)


def memory(server: Child) -> dict[str, int]:
    """The resident memory of the server's worker and of its whole process group, in KiB."""
    sizes = server.resident_kib()
    return {"worker_kib": sizes[server.worker_pid()], "group_kib": sum(sizes.values())}


def server_stats(port: int) -> dict[str, Any]:
    """bench/live/app.py's counters (only when the server runs that module)."""
    with urllib.request.urlopen(f"http://{HOST}:{port}/bench/live-stats", timeout=30) as response:
        return json.loads(response.read())


# --- the load client and the publisher ---------------------------------------------------------------


class LoadClients:
    """The SSE load client processes (bench/live/client.py); reader n lives in process n % count."""

    def __init__(self, count: int, port: int, concurrency: int, log: Path, path: str = STREAM_PATH) -> None:
        command = python_module("bench.live.client", "--port", str(port), "--path", path,
                                "--concurrency", str(concurrency))  # fmt: skip
        self.log = log.open("ab")
        self.processes = [
            subprocess.Popen(
                command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, text=True
            )
            for _ in range(count)
        ]

    def cpu_seconds(self) -> float:
        """User and system CPU time the load client processes have used so far."""
        return cpu_seconds([process.pid for process in self.processes])

    def ask(self, orders: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """One order to each process at once, then every reply."""
        for process, order in zip(self.processes, orders, strict=True):
            assert process.stdin is not None
            process.stdin.write(json.dumps(order) + "\n")
            process.stdin.flush()
        replies = []
        for process in self.processes:
            assert process.stdout is not None
            line = process.stdout.readline()
            if not line:
                raise RuntimeError(f"a load client died (exit {process.wait()}); see {self.log.name}")
            replies.append(json.loads(line))
        return replies

    def ask_all(self, order: dict[str, Any]) -> list[dict[str, Any]]:
        """The same order to every process; every reply."""
        return self.ask([order] * len(self.processes))

    def connect(self, numbers: Sequence[int], since: dict[int, int | None] | None = None) -> float:
        """Open the readers `numbers` (with Last-Event-ID from `since`); seconds until all opened."""
        started = time.time()
        shares: list[list[int]] = [[] for _ in self.processes]
        for number in numbers:
            shares[number % len(self.processes)].append(number)
        orders = [
            {"do": "connect", "readers": share, "since": {n: (since or {}).get(n) for n in share}}
            for share in shares
        ]
        replies = self.ask(orders)
        failed = sum(reply["failed_connects"] for reply in replies)
        if failed:
            print(f"  {failed} connects failed", flush=True)
        return time.time() - started

    def wait_ready(self, timeout: float, every_reader: bool = False) -> tuple[int, int, float]:
        """Until every open reader (or every reader) had `ready`: how many did, how many are open,
        and when the last of them did."""
        replies = self.ask_all({"do": "wait_ready", "timeout": timeout, "every_reader": every_reader})
        return (
            sum(r["ready"] for r in replies),
            sum(r["open"] for r in replies),
            max(r["at"] for r in replies),
        )

    def wait_for(self, event_id: int, timeout: float) -> tuple[int, float]:
        """Until every open reader received `event_id`: how many did not, and when the last did."""
        replies = self.ask_all({"do": "wait_for", "id": event_id, "timeout": timeout})
        return sum(r["missing"] for r in replies), max(r["at"] for r in replies)

    def drop(self) -> None:
        """Hang up every reader's connection."""
        self.ask_all({"do": "drop"})

    def results(self) -> dict[int, list[dict[str, Any]]]:
        """Every reader's connections and what each received (see bench/live/client.py)."""
        paths = [tempfile.mkstemp(prefix="dl-live-results-", suffix=".pickle")[1] for _ in self.processes]
        self.ask([{"do": "results", "path": path} for path in paths])
        merged: dict[int, list[dict[str, Any]]] = {}
        for path in paths:
            with open(path, "rb") as data:
                merged.update(pickle.load(data))  # noqa: S301  (our own client's file)
            os.unlink(path)
        return merged

    def close(self) -> None:
        """Ask every process to quit; kill those still there after 30 s."""
        for process in self.processes:
            if process.poll() is None:
                with contextlib.suppress(OSError, ValueError):
                    assert process.stdin is not None
                    process.stdin.write(json.dumps({"do": "quit"}) + "\n")
                    process.stdin.flush()
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        self.log.close()

    def connect_all(self, readers: int) -> None:
        """Open readers 0 to `readers` - 1 and wait until each has had `ready`."""
        self.connect(range(readers))
        ready, opened, _at = self.wait_ready(180)
        if ready < readers:
            raise RuntimeError(f"only {ready} of {readers} readers were ready ({opened} open)")


@contextlib.contextmanager
def load_clients(
    arguments: argparse.Namespace, log_dir: Path, path: str = STREAM_PATH
) -> Iterator[LoadClients]:
    """--clients load client processes reading `path`, closed on the way out."""
    clients = LoadClients(
        arguments.clients, arguments.port, arguments.concurrency, log_dir / "client.log", path
    )
    try:
        yield clients
    finally:
        clients.close()


class Publisher:
    """bench/live/publisher.py in the background; `records()` waits for it and reads what it published."""

    def __init__(self, env: dict[str, str], *options: str) -> None:
        command = python_module("bench.live.publisher", "--stream", STREAM, *options)
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)

    def stop(self) -> None:
        """Ask it to stop publishing."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    def records(self, timeout: float = 300) -> list[tuple[int, float]]:
        """Once it has finished: each event's id and commit time, checked against the outbox."""
        out, _ = self.process.communicate(timeout=timeout)
        if self.process.returncode:
            raise RuntimeError(f"the publisher failed ({self.process.returncode})")
        lines = [json.loads(line) for line in out.splitlines() if line.strip()]
        done = lines.pop()
        published = [(line["id"], line["committed_at"]) for line in lines]
        if done["in_database"] != len(published):
            raise RuntimeError(f"published {len(published)} events, the outbox holds {done['in_database']}")
        return published


def publish(env: dict[str, str], *options: str) -> list[tuple[int, float]]:
    """Publish as `options` say and wait for it: each event's id and commit time."""
    return Publisher(env, *options).records()


# --- checking what readers received ---------------------------------------------------------------


@dataclass
class Check:
    """Every reader's every connection against the events published on the stream."""

    readers: int = 0
    connections: int = 0
    failed_connects: int = 0
    received: int = 0
    expected: int = 0
    missed: int = 0
    sent_twice: int = 0  # an id a connection had already had, or (resuming readers) any earlier one
    not_published: int = 0
    out_of_order: int = 0
    resets: int = 0
    incomplete_readers: int = 0
    examples: list[str] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        """Every reader got every event it was owed, once, in order."""
        return not (
            self.missed or self.sent_twice or self.not_published or self.out_of_order or self.resets
            or self.incomplete_readers
        )  # fmt: skip

    def note(self, text: str) -> None:
        """Keep `text` as one of the first ten examples."""
        if len(self.examples) < 10:
            self.examples.append(text)


def check_readers(results: dict[int, list[dict[str, Any]]], published: Sequence[int], resumes: bool) -> Check:
    """Did each reader get every event published after it first connected, in order, once?

    Each connection must receive exactly the published events after the id it started from (its
    Last-Event-ID, or for a fresh one the id of its `ready`), in order, none twice; a connection cut
    short must have received a prefix of them. Over all its connections a reader must have had
    every event after its first start; with `resumes` (readers that come back from their last id,
    as EventSource does) also no event on two connections.
    """
    check = Check(readers=len(results))
    published = sorted(published)
    known = set(published)
    last = published[-1] if published else 0
    for number, connections in results.items():
        first_start: int | None = None
        everything: list[int] = []
        for connection in connections:
            if connection["status"] != 200:
                check.failed_connects += 1
                continue
            check.connections += 1
            check.resets += connection["resets"]
            start = connection["since"] if connection["since"] is not None else connection["ready_id"]
            if start is None:
                check.note(f"reader {number}: a connection had neither Last-Event-ID nor ready id")
                check.incomplete_readers += 1
                continue
            if first_start is None:
                first_start = start
            ids = list(connection["ids"])
            check.received += len(ids)
            expected = published[bisect.bisect_right(published, start) :][: len(ids)]
            if ids != expected:
                strangers = [i for i in ids if i not in known]
                check.not_published += len(strangers)
                twice = len(ids) - len(set(ids))
                check.sent_twice += twice
                check.out_of_order += sum(1 for a, b in itertools.pairwise(ids) if b <= a) - twice
                gaps = len(set(expected) - set(ids))
                check.missed += gaps
                check.note(
                    f"reader {number} from {start}: got {ids[:6]}… ({len(ids)}), expected "
                    f"{expected[:6]}…; {gaps} missing, {twice} twice, {len(strangers)} unknown"
                )
            everything += ids
        if first_start is None:
            check.incomplete_readers += 1
            check.note(f"reader {number}: never connected")
            continue
        owed = published[bisect.bisect_right(published, first_start) :]
        check.expected += len(owed)
        missing = set(owed) - set(everything)
        if missing:
            check.missed += len(missing)
            check.incomplete_readers += 1
            check.note(f"reader {number}: never received {sorted(missing)[:6]}… ({len(missing)})")
        elif everything and max(everything) != last:
            check.incomplete_readers += 1
        if resumes:
            twice_over = len(everything) - len(set(everything))
            check.sent_twice += twice_over
            if twice_over:
                check.note(f"reader {number}: {twice_over} events came on two connections")
    return check


def latencies(
    results: dict[int, list[dict[str, Any]]], committed: dict[int, float], connection: int = 0
) -> list[float]:
    """Seconds from commit to arrival, for every event every reader received on one connection."""
    values = []
    for connections in results.values():
        if len(connections) > connection:
            chosen = connections[connection]
            for event_id, stamp in zip(chosen["ids"], chosen["stamps"], strict=True):
                if event_id in committed:
                    values.append(stamp - committed[event_id])
    return values


# --- the rounds and the report --------------------------------------------------------------------


def new_row(arguments: argparse.Namespace, backend: str, run: int) -> dict[str, Any]:
    """A run's row of the report, started once the machine is quiet."""
    row: dict[str, Any] = {"backend": backend, "run": run, "readers": arguments.readers}
    row["idle_before"] = wait_for_quiet(arguments.quiet, arguments.patience)
    return row


RunRound = Callable[[argparse.Namespace, str, int, Path], tuple[dict[str, Any], Check, str]]


@dataclass
class Mode:
    """A live-stream benchmark: its runs, its table, and what it runs them on."""

    name: str  # the report's mode: live-fanout, …
    run_round: RunRound  # one run on a backend: its row of the report, the check, a line to print
    table: Callable[[Report], str]
    default_backends: list[str]
    app: str | None  # what the server serves (None: Dateline's application)
    readers: str = ""  # what the report says of the readers, after their number and processes


def run_rounds(report: Report, arguments: argparse.Namespace, mode: Mode) -> None:
    """`--repeat` rounds of the mode's run on each backend asked for (its database migrated first),
    each with the logs in a temporary directory the report names, and a line on stdout."""
    log_dir = Path(tempfile.mkdtemp(prefix="dl-live-"))
    report.settings["logs"] = str(log_dir)
    for backend in arguments.backend or mode.default_backends:
        migrate(backend_environment(backend, arguments))
        for run in range(1, arguments.repeat + 1):
            row, check, outcome = mode.run_round(arguments, backend, run, log_dir)
            row["check"] = check.__dict__ | {"exact": check.exact}
            report.rounds.append(row)
            print(
                f"  {backend} run {run}: {outcome}; "
                f"exact: {check.exact} ({check.missed} missed, {check.sent_twice} twice, {check.resets} resets)",
                flush=True,
            )
            for example in check.examples:
                print(f"    {example}", flush=True)


def parser(
    description: str, events: int | None = None, interval: float | None = None
) -> argparse.ArgumentParser:
    """The options every live-stream benchmark takes, and --events and --interval (events published
    while the readers are connected) with the mode's defaults if it publishes such events."""
    found = argparse.ArgumentParser(description=description.split("\n\n")[0])
    found.add_argument(
        "--backend", action="append", choices=BACKENDS, help="repeat for several (default per mode)"
    )
    found.add_argument("--readers", type=int, default=10_000)
    found.add_argument("--clients", type=int, default=1, help="load client processes (1 or 2)")
    found.add_argument("--concurrency", type=int, default=500, help="connects in flight per client process")
    found.add_argument("--repeat", type=int, default=3, help="runs per backend (default 3)")
    found.add_argument("--port", type=int, default=8301)
    found.add_argument("--workers", type=int, default=1, help="server processes sharing the readers (1)")
    if events is not None and interval is not None:
        found.add_argument(
            "--events", type=int, default=events, help=f"events while readers are connected ({events})"
        )
        found.add_argument(
            "--interval", type=float, default=interval, help=f"seconds between them ({interval:g})"
        )
    found.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    found.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL))
    found.add_argument(
        "--granian", default="", help="extra or replacing granian options, e.g. '--task-impl asyncio'"
    )

    add_quiet_options(found, quiet=0.80, patience=120)
    return found


def run(arguments: argparse.Namespace, mode: Mode, settings: dict[str, str]) -> int:
    """Prepare the environment, run the mode's rounds into a new report with `settings`, print and save it."""
    prepare_environment("bench-live")
    open_files = raise_open_files_limit()
    if open_files < arguments.readers + 1000:
        raise SystemExit(f"the open files limit ({open_files}) is too low for {arguments.readers} readers")
    report = new_report(
        mode.name,
        **{
            "open files": f"soft limit raised to {open_files} for server and clients",
            "DATELINE_LIVE_MAX_CONNECTIONS_PER_ADDRESS": f"{CONNECTIONS_PER_ADDRESS} (every reader comes from 127.0.0.1)",
            "data": os.environ["DATELINE_DATA_DIR"],
            "readers": f"{arguments.readers:,} on `{STREAM_PATH}`, {arguments.clients} client process(es){mode.readers}",
        },
    )
    report.settings.update(settings)
    if getattr(arguments, "live_server", False):
        command = own_live_server_command(HOST, arguments.port)
    else:
        command = live_server_command(arguments, mode.app)
    report.settings["server"] = f"`{shlex.join(command)}`"
    run_rounds(report, arguments, mode)
    report.table = mode.table(report)
    show_and_save(report)
    return 0
