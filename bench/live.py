"""Dateline's live-stream benchmarks, one command each (see bench/README.md, "Live stream").

    export DATELINE_DATA_DIR=/tmp/dl-sse
    .venv/bin/python bench/live.py fanout   # 10,000 readers on one server, 100 events: latency, memory
    .venv/bin/python bench/live.py storm    # 10,000 readers hang up and come back with Last-Event-ID
    .venv/bin/python bench/live.py crash    # kill -9 the server while events are published

Each starts the server as `dateline serve --no-worker` does (`dateline.cli.granian_command`, one
worker), the SSE load client (bench/live_client.py, 1–2 processes of raw asyncio sockets) and a
publisher (bench/live_publish.py, a Django process of its own, as the background worker is), on
the database `--backend` names: `sqlite` (the hub hears of another process's events by its poll
timer), `sqlite+redis`, `postgres`, `postgres+redis` (PostgreSQL NOTIFY, Redis pub/sub).
Every reader's every event is checked against what was published: none missed, none twice.
Results go to stdout and to bench/results/live-*.md and .json.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import json
import os
import pickle
import random
import resource
import shlex
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import itertools

from run import (
    HOST,
    ROOT,
    Child,
    Report,
    fmt,
    granian_args,
    header,
    machine,
    median,
    prepare_environment,
    show_and_save,
    wait_for_quiet,
)

STREAM = "newsfeed:en"
STREAM_PATH = f"/live/?stream={STREAM}"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/dlsse"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
BACKENDS = ("sqlite", "sqlite+redis", "postgres", "postgres+redis")
# Every reader connects from 127.0.0.1: the per-address limit (default 32) is raised for the bench.
CONNECTIONS_PER_ADDRESS = "1000000"
STATS_APP = "bench.live_app:application"

# The targets (issue 3, section 6).
TARGET_P99_SECONDS = 1.0
TARGET_KIB_PER_CONNECTION = 40.0
TARGET_STORM_SECONDS = 10.0


# --- processes -------------------------------------------------------------------------------------


def raise_open_files_limit() -> int:
    """As many open files as the hard limit allows, for this process and all it starts."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


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
        [sys.executable, "-m", "dateline.cli", "manage", "migrate", "--noinput"],
        cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def start_server(port: int, env: dict[str, str], app: str | None, extra: dict[str, str]) -> Child:
    """The server as `dateline serve --no-worker` starts it (optionally with bench/live_app.py)."""
    command = server_command(app, port)
    server_env = {**env, "DATELINE_LIVE_MAX_CONNECTIONS_PER_ADDRESS": CONNECTIONS_PER_ADDRESS, **extra}
    child = Child("dateline-live", command, port, server_env)
    child.wait_ready(f"http://{HOST}:{port}{STREAM_PATH}")
    return child


def processes_of(child: Child) -> list[int]:
    """The pids of the server's process group (granian's main process and its worker)."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == child.process.pid:
            pids.append(int(stat.parent.name))
    return pids


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def worker_pid(child: Child) -> int:
    """granian's worker: the process of the group that runs Dateline (the largest)."""
    return max(processes_of(child), key=rss_kib)


def memory(child: Child) -> dict[str, int]:
    pids = processes_of(child)
    return {"worker_kib": rss_kib(worker_pid(child)), "group_kib": sum(rss_kib(pid) for pid in pids)}


def server_stats(port: int) -> dict[str, Any]:
    """bench/live_app.py's counters (only when the server runs that module)."""
    with urllib.request.urlopen(f"http://{HOST}:{port}/bench/live-stats", timeout=30) as response:
        return json.loads(response.read())


class LoadClients:
    """The SSE load client processes (bench/live_client.py); reader n lives in process n % count."""

    def __init__(self, count: int, port: int, concurrency: int, log: Path) -> None:
        command = [sys.executable, str(ROOT / "bench" / "live_client.py"), "--port", str(port),
                   "--path", STREAM_PATH, "--concurrency", str(concurrency)]  # fmt: skip
        self.log = log.open("ab")
        self.processes = [
            subprocess.Popen(
                command, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, text=True
            )
            for _ in range(count)
        ]

    def cpu_seconds(self) -> float:
        """User and system CPU time the load client processes have used so far."""
        ticks = 0
        for process in self.processes:
            with contextlib.suppress(OSError):
                fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
                ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")

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
        replies = self.ask_all({"do": "wait_ready", "timeout": timeout, "every_reader": every_reader})
        return (
            sum(r["ready"] for r in replies),
            sum(r["open"] for r in replies),
            max(r["at"] for r in replies),
        )

    def wait_for(self, event_id: int, timeout: float) -> tuple[int, float]:
        replies = self.ask_all({"do": "wait_for", "id": event_id, "timeout": timeout})
        return sum(r["missing"] for r in replies), max(r["at"] for r in replies)

    def results(self) -> dict[int, list[dict[str, Any]]]:
        paths = [tempfile.mkstemp(prefix="dl-live-results-", suffix=".pickle")[1] for _ in self.processes]
        self.ask([{"do": "results", "path": path} for path in paths])
        merged: dict[int, list[dict[str, Any]]] = {}
        for path in paths:
            with open(path, "rb") as data:
                merged.update(pickle.load(data))  # noqa: S301  (our own client's file)
            os.unlink(path)
        return merged

    def close(self) -> None:
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


@contextlib.contextmanager
def load_clients(count: int, port: int, concurrency: int, log: Path) -> Iterator[LoadClients]:
    clients = LoadClients(count, port, concurrency, log)
    try:
        yield clients
    finally:
        clients.close()


class Publisher:
    """bench/live_publish.py in the background; `records()` waits for it and reads what it published."""

    def __init__(self, env: dict[str, str], *options: str) -> None:
        command = [sys.executable, str(ROOT / "bench" / "live_publish.py"), "--stream", STREAM, *options]
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    def records(self, timeout: float = 300) -> list[tuple[int, float]]:
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
        return not (
            self.missed or self.sent_twice or self.not_published or self.out_of_order or self.resets
            or self.incomplete_readers
        )  # fmt: skip

    def note(self, text: str) -> None:
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


def percentile(sorted_values: Sequence[float], share: float) -> float:
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(share * len(sorted_values)))]


def summary(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    return {
        "p50": percentile(values, 0.50),
        "p90": percentile(values, 0.90),
        "p99": percentile(values, 0.99),
        "max": values[-1] if values else float("nan"),
        "count": len(values),
    }


# --- fan-out ----------------------------------------------------------------------------------------


def warm_up(clients: LoadClients, env: dict[str, str], readers: int) -> None:
    """A few readers and events before measuring, so that every code path has been loaded once."""
    numbers = list(range(-readers, 0))
    clients.connect(numbers)
    clients.wait_ready(30)
    published = publish(env, "--count", "3", "--interval", "0.2")
    clients.wait_for(published[-1][0], 30)
    clients.ask_all({"do": "drop"})


def fanout_run(arguments: argparse.Namespace, backend: str, run: int, log_dir: Path) -> dict[str, Any]:
    env = backend_environment(backend, arguments)
    row: dict[str, Any] = {"backend": backend, "run": run, "readers": arguments.readers}
    idle = wait_for_quiet(arguments.quiet, arguments.patience)
    row["idle_before"] = idle
    server = start_server(arguments.port, env, arguments.app, {})
    try:
        with load_clients(
            arguments.clients, arguments.port, arguments.concurrency, log_dir / "client.log"
        ) as clients:
            warm_up(clients, env, 50)
            time.sleep(2)
            before = memory(server)
            cpu = server.cpu_seconds()
            started = time.time()
            clients.connect(range(arguments.readers))
            ready, opened, ready_at = clients.wait_ready(180)
            row["connect_seconds"] = ready_at - started
            row["ready"] = ready
            row["connect_cpu"] = server.cpu_seconds() - cpu
            if ready < arguments.readers:
                raise RuntimeError(f"only {ready} of {arguments.readers} readers were ready ({opened} open)")
            cpu = server.cpu_seconds()
            time.sleep(arguments.settle)
            row["idle_cpu_share"] = (server.cpu_seconds() - cpu) / arguments.settle
            after = memory(server)
            row["memory_before"] = before
            row["memory_after"] = after
            row["kib_per_connection"] = (after["worker_kib"] - before["worker_kib"]) / arguments.readers
            row["group_kib_per_connection"] = (after["group_kib"] - before["group_kib"]) / arguments.readers
            print(f"  {ready:,} readers ready in {row['connect_seconds']:.1f} s; "
                  f"{row['kib_per_connection']:.1f} KiB each", flush=True)  # fmt: skip
            cpu, client_cpu = server.cpu_seconds(), clients.cpu_seconds()
            profiler = start_profiler(arguments, server, log_dir, f"fanout-{backend}-{run}")
            started = time.time()
            published = publish(env, "--count", str(arguments.events), "--interval", str(arguments.interval))
            _missing, arrived_at = clients.wait_for(published[-1][0], 120)
            row["deliver_seconds"] = arrived_at - started
            row["deliver_cpu"] = server.cpu_seconds() - cpu
            row["client_cpu"] = clients.cpu_seconds() - client_cpu
            if profiler is not None:
                profiler.wait()
            row["peak_memory"] = memory(server)
            results = clients.results()
    finally:
        server.stop()
    results = {n: c for n, c in results.items() if n >= 0}
    committed = dict(published)
    check = check_readers(results, list(committed), resumes=True)
    row["check"] = check.__dict__ | {"exact": check.exact}
    row["latency"] = summary(latencies(results, committed))
    # How late the last reader got each event: the fan-out time of one event.
    last_arrival = Counter()
    for connections in results.values():
        for event_id, stamp in zip(connections[0]["ids"], connections[0]["stamps"], strict=True):
            last_arrival[event_id] = max(last_arrival[event_id], stamp - committed[event_id])
    row["last_reader"] = summary(list(last_arrival.values()))
    row["events"] = len(published)
    row["publish_seconds"] = published[-1][1] - published[0][1]
    print(
        f"  {backend} run {run}: p50 {row['latency']['p50'] * 1000:.0f} ms, p99 {row['latency']['p99'] * 1000:.0f} ms, "
        f"max {row['latency']['max'] * 1000:.0f} ms over {row['latency']['count']:,} deliveries; "
        f"exact: {check.exact} ({check.missed} missed, {check.sent_twice} twice); "
        f"CPU while delivering: server {row['deliver_cpu']:.1f} s, load client {row['client_cpu']:.1f} s, "
        f"{row['deliver_seconds']:.1f} s from first publish to last arrival",
        flush=True,
    )
    for example in check.examples:
        print(f"    {example}", flush=True)
    return row


def start_profiler(
    arguments: argparse.Namespace, server: Child, log_dir: Path, name: str
) -> subprocess.Popen[bytes] | None:
    """With --py-spy, sample the server's worker for --profile-seconds (raw, for flame graphs)."""
    if not arguments.py_spy:
        return None
    out = log_dir / f"py-spy-{name}.txt"
    print(f"  py-spy → {out}", flush=True)
    command = [arguments.py_spy, "record", "-p", str(worker_pid(server)), "-d", str(arguments.profile_seconds),
               "-f", "raw", "-o", str(out), "--nonblocking"]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def run_rounds(
    report: Report,
    arguments: argparse.Namespace,
    default_backends: list[str],
    run_round: Any,
    log_dir: Path,
) -> None:
    """`--repeat` rounds of `run_round` on each backend asked for (its database migrated first)."""
    for backend in arguments.backend or default_backends:
        migrate(backend_environment(backend, arguments))
        for run in range(1, arguments.repeat + 1):
            report.rounds.append(run_round(arguments, backend, run, log_dir))


def fanout_mode(arguments: argparse.Namespace) -> Report:
    report = new_report("live-fanout", arguments)
    log_dir = Path(tempfile.mkdtemp(prefix="dl-live-"))
    report.settings.update(
        {
            "readers": f"{arguments.readers:,} on `{STREAM_PATH}`, {arguments.clients} client process(es)",
            "events": f"{arguments.events}, one every {arguments.interval * 1000:.0f} ms, from a separate Django process",
            "server": f"`{shlex.join(server_command(arguments.app, arguments.port))}`",
            "logs": str(log_dir),
        }
    )
    run_rounds(report, arguments, ["sqlite", "sqlite+redis"], fanout_run, log_dir)
    report.table = fanout_table(report)
    return report


def fanout_table(report: Report) -> str:
    lines = header(report, "Live stream: fan-out to 10,000 readers")
    lines += [
        "| backend | run | latency p50 / p90 / p99 / max (ms) | last reader per event, median (ms) | "
        "missed / twice | KiB per connection (worker / group) | ready in (s) | server CPU: connect / deliver (s) | idle before |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    by_backend: dict[str, list[dict[str, Any]]] = {}
    for row in report.rounds:
        by_backend.setdefault(row["backend"], []).append(row)
        lat, check = row["latency"], row["check"]
        lines.append(
            f"| {row['backend']} | {row['run']} | {ms(lat['p50'])} / {ms(lat['p90'])} / {ms(lat['p99'])} / {ms(lat['max'])} | "
            f"{ms(row['last_reader']['p50'])} | {check['missed']} / {check['sent_twice']} | "
            f"{row['kib_per_connection']:.1f} / {row['group_kib_per_connection']:.1f} | {row['connect_seconds']:.1f} | "
            f"{row['connect_cpu']:.1f} / {row['deliver_cpu']:.1f} | {row['idle_before']:.0%} |"
        )
    lines += ["", "| backend | p99 (median of runs) | target | KiB per connection (median) | target | all exact |",
              "|---|---|---|---|---|---|"]  # fmt: skip
    for backend, rows in by_backend.items():
        p99 = median([r["latency"]["p99"] for r in rows])
        kib = median([r["kib_per_connection"] for r in rows])
        exact = all(r["check"]["exact"] for r in rows)
        lines.append(
            f"| {backend} | **{ms(p99)} ms** | ≤ {TARGET_P99_SECONDS * 1000:.0f} ms {verdict(p99 <= TARGET_P99_SECONDS)} | "
            f"**{kib:.1f}** | ≤ {TARGET_KIB_PER_CONNECTION:.0f} {verdict(kib <= TARGET_KIB_PER_CONNECTION)} | "
            f"{'yes' if exact else '**no**'} |"
        )
    return "\n".join(lines) + "\n"


# --- reconnect storm --------------------------------------------------------------------------------


def storm_run(arguments: argparse.Namespace, backend: str, run: int, log_dir: Path) -> dict[str, Any]:
    env = backend_environment(backend, arguments)
    row: dict[str, Any] = {"backend": backend, "run": run, "readers": arguments.readers}
    row["idle_before"] = wait_for_quiet(arguments.quiet, arguments.patience)
    # Events from before the server started: the hub has never held them in memory.
    history = publish(env, "--count", str(arguments.history), "--interval", "0")
    extra = {"DATELINE_LIVE_BUFFER_EVENTS": str(arguments.buffer)}
    server = start_server(arguments.port, env, STATS_APP, extra)
    try:
        with load_clients(
            arguments.clients, arguments.port, arguments.concurrency, log_dir / "client.log"
        ) as clients:
            numbers = list(range(arguments.readers))
            clients.connect(numbers)
            ready, opened, _at = clients.wait_ready(180)
            if ready < arguments.readers:
                raise RuntimeError(f"only {ready} of {arguments.readers} readers were ready ({opened} open)")
            live = publish(env, "--count", str(arguments.events), "--interval", str(arguments.interval))
            missing, _at = clients.wait_for(live[-1][0], 120)
            if missing:
                raise RuntimeError(f"{missing} readers did not receive the live events before the storm")
            stats_before = server_stats(arguments.port)
            row["buffer"] = {"size": arguments.buffer, "floor": stats_before["buffer_floor"]}
            since = storm_positions(numbers, [i for i, _ in history], [i for i, _ in live], stats_before)
            row["groups"] = dict(Counter(group for group, _ in since.values()))
            # Events keep coming while the readers come back.
            during = Publisher(
                env, "--rate", str(arguments.storm_rate), "--seconds", str(arguments.storm_seconds)
            )
            time.sleep(0.5)
            cpu = server.cpu_seconds()
            clients.ask_all({"do": "drop"})
            started = time.time()
            clients.connect(numbers, {n: position for n, (_group, position) in since.items()})
            ready, opened, ready_at = clients.wait_ready(180)
            row["storm_seconds"] = ready_at - started
            row["storm_cpu"] = server.cpu_seconds() - cpu
            row["ready_after_storm"] = ready
            stats_after = server_stats(arguments.port)
            storm = during.records()
            missing, _at = clients.wait_for(storm[-1][0], 120)
            row["missing_at_end"] = missing
            stats_end = server_stats(arguments.port)
            results = clients.results()
    finally:
        server.stop()
    published = [i for i, _ in history + live + storm]
    check = check_readers(results, published, resumes=False)
    row["check"] = check.__dict__ | {"exact": check.exact}
    row["hub_queries"] = stats_after["hub_queries"] - stats_before["hub_queries"]
    row["statements"] = {
        thread: count - stats_before["statements"].get(thread, 0)
        for thread, count in stats_after["statements"].items()
    }
    row["hub_queries_to_end"] = stats_end["hub_queries"] - stats_before["hub_queries"]
    row["storm_events"] = len(storm)
    catch_up = []
    for _number, connections in results.items():
        last = connections[-1]
        if last["ready_at"] is not None:
            catch_up.append(last["ready_at"] - started)
    row["catch_up"] = summary(catch_up)
    print(
        f"  {backend} run {run}: {ready:,} readers caught up in {row['storm_seconds']:.1f} s "
        f"(p50 {row['catch_up']['p50']:.1f} s); {row['hub_queries']} hub queries, statements {row['statements']}; "
        f"exact: {check.exact} ({check.missed} missed, {check.sent_twice} twice, {check.resets} resets)",
        flush=True,
    )
    for example in check.examples:
        print(f"    {example}", flush=True)
    return row


def storm_positions(
    numbers: Sequence[int], history: Sequence[int], live: Sequence[int], stats: dict[str, Any]
) -> dict[int, tuple[str, int]]:
    """Each reader's Last-Event-ID for the storm, in four groups of a quarter each.

    up to date: the last event (nothing to replay); in memory: an id the hub still buffers; older:
    an event the readers saw live that has since left the buffer; before start: an event published
    before the server started, which the hub never saw.
    """
    floor = stats["buffer_floor"]
    in_memory = [i for i in live if i >= floor]
    older = [i for i in live if i < floor]
    groups = [("up to date", [live[-1]]), ("in memory", in_memory[:-1] or in_memory),
              ("older", older or history), ("before start", list(history))]  # fmt: skip
    chooser = random.Random(20261130)
    positions = {}
    for number in numbers:
        name, ids = groups[number % len(groups)]
        positions[number] = (name, chooser.choice(ids))
    return positions


def storm_mode(arguments: argparse.Namespace) -> Report:
    report = new_report("live-storm", arguments)
    log_dir = Path(tempfile.mkdtemp(prefix="dl-live-"))
    report.settings.update(
        {
            "readers": f"{arguments.readers:,} on `{STREAM_PATH}`, {arguments.clients} client process(es), "
            f"at most {arguments.concurrency} connects in flight per process",
            "events": f"{arguments.history} before the server starts, {arguments.events} while readers are connected, "
            f"{arguments.storm_rate:g}/s for {arguments.storm_seconds:g} s during the storm",
            "hub buffer": f"DATELINE_LIVE_BUFFER_EVENTS={arguments.buffer}",
            "server": f"`{shlex.join(server_command(STATS_APP, arguments.port))}`",
            "logs": str(log_dir),
        }
    )
    run_rounds(report, arguments, ["sqlite+redis", "postgres+redis"], storm_run, log_dir)
    report.table = storm_table(report)
    return report


def storm_table(report: Report) -> str:
    lines = header(report, "Live stream: reconnect storm")
    lines += [
        "| backend | run | all caught up in (s) | catch-up p50 / p99 (s) | hub queries during the storm | "
        "SQL statements (by thread) | missed / twice / resets | server CPU (s) | idle before |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in report.rounds:
        check, catch = row["check"], row["catch_up"]
        statements = ", ".join(f"{k} {v}" for k, v in sorted(row["statements"].items()) if v)
        lines.append(
            f"| {row['backend']} | {row['run']} | **{row['storm_seconds']:.1f}** | {catch['p50']:.1f} / {catch['p99']:.1f} | "
            f"**{row['hub_queries']}** | {statements or '0'} | {check['missed']} / {check['sent_twice']} / {check['resets']} | "
            f"{row['storm_cpu']:.1f} | {row['idle_before']:.0%} |"
        )
    return "\n".join(lines) + "\n"


# --- crash ---------------------------------------------------------------------------------------


def crash_run(arguments: argparse.Namespace, backend: str, run: int, log_dir: Path) -> dict[str, Any]:
    env = backend_environment(backend, arguments)
    row: dict[str, Any] = {"backend": backend, "run": run, "readers": arguments.readers}
    row["idle_before"] = wait_for_quiet(arguments.quiet, arguments.patience)
    server = start_server(arguments.port, env, STATS_APP, {})
    publisher: Publisher | None = None
    try:
        with load_clients(
            arguments.clients, arguments.port, arguments.concurrency, log_dir / "client.log"
        ) as clients:
            numbers = list(range(arguments.readers))
            clients.connect(numbers)
            ready, opened, _at = clients.wait_ready(180)
            if ready < arguments.readers:
                raise RuntimeError(f"only {ready} of {arguments.readers} readers were ready ({opened} open)")
            # From here on readers behave as EventSource: a lost connection is retried after the
            # server's `retry:` (3 s) with the last id received as Last-Event-ID.
            clients.ask_all({"do": "reconnect", "on": True, "retry": 3.0})
            publisher = Publisher(env, "--rate", str(arguments.rate))
            time.sleep(arguments.before_kill)
            pids = processes_of(server)
            killed_at = time.time()
            os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait()
            row["killed"] = len(pids)
            time.sleep(arguments.down)
            server = start_server(arguments.port, env, STATS_APP, {})
            row["down_seconds"] = time.time() - killed_at
            # Every reader, not just those open now: most are still waiting out their retry.
            ready, opened, ready_at = clients.wait_ready(180, every_reader=True)
            row["back_seconds"] = ready_at - killed_at
            row["ready_after"] = ready
            row["hub_queries_after_restart"] = server_stats(arguments.port)["hub_queries"]
            time.sleep(arguments.after_restart)
            publisher.stop()
            published = publisher.records()
            publisher = None
            missing, _at = clients.wait_for(published[-1][0], 120)
            row["missing_at_end"] = missing
            row["hub_queries_total"] = server_stats(arguments.port)["hub_queries"]
            clients.ask_all({"do": "reconnect", "on": False})
            results = clients.results()
    finally:
        if publisher is not None:
            publisher.stop()
            with contextlib.suppress(Exception):
                publisher.records()
        server.stop()
    committed = dict(published)
    check = check_readers(results, list(committed), resumes=True)
    row["check"] = check.__dict__ | {"exact": check.exact}
    row["events"] = len(published)
    row["during_outage"] = sum(
        1 for _i, at in published if killed_at <= at <= killed_at + row["down_seconds"]
    )
    row["connections_per_reader"] = summary([float(len(c)) for c in results.values()])
    print(
        f"  {backend} run {run}: {len(published)} events, {row['during_outage']} while the server was down; "
        f"all {ready:,} readers back {row['back_seconds']:.1f} s after the kill; "
        f"exact: {check.exact} ({check.missed} missed, {check.sent_twice} twice, {check.resets} resets)",
        flush=True,
    )
    for example in check.examples:
        print(f"    {example}", flush=True)
    return row


def crash_mode(arguments: argparse.Namespace) -> Report:
    report = new_report("live-crash", arguments)
    log_dir = Path(tempfile.mkdtemp(prefix="dl-live-"))
    report.settings.update(
        {
            "readers": f"{arguments.readers:,} on `{STREAM_PATH}`, {arguments.clients} client process(es), "
            "reconnecting as EventSource does (after 3 s, Last-Event-ID = last id received)",
            "publisher": f"{arguments.rate:g} events/s from a separate Django process, throughout",
            "crash": f"kill -9 of the server's process group {arguments.before_kill:g} s in, restarted "
            f"{arguments.down:g} s later, publishing goes on {arguments.after_restart:g} s after it serves again",
            "server": f"`{shlex.join(server_command(STATS_APP, arguments.port))}`",
            "logs": str(log_dir),
        }
    )
    run_rounds(report, arguments, ["sqlite", "postgres+redis"], crash_run, log_dir)
    report.table = crash_table(report)
    return report


def crash_table(report: Report) -> str:
    lines = header(report, "Live stream: kill -9 while publishing")
    lines += [
        "| backend | run | events published | while down | readers back after kill (s) | hub queries after restart | "
        "missed / twice / resets | all exact | idle before |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in report.rounds:
        check = row["check"]
        lines.append(
            f"| {row['backend']} | {row['run']} | {row['events']} | {row['during_outage']} | {row['back_seconds']:.1f} | "
            f"{row['hub_queries_after_restart']} | {check['missed']} / {check['sent_twice']} / {check['resets']} | "
            f"{'yes' if check['exact'] else '**no**'} | {row['idle_before']:.0%} |"
        )
    return "\n".join(lines) + "\n"


# --- reports ---------------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return fmt(seconds * 1000, 0)


def verdict(met: bool) -> str:
    return "yes" if met else "**no**"


GRANIAN_VARIANT: list[str] = []  # --granian: options added to or replacing the shipped ones


def server_command(app: str | None, port: int) -> list[str]:
    command = granian_args(1, GRANIAN_VARIANT)
    command[command.index("--port") + 1] = str(port)
    if app:
        command[-1] = app
    return command


def new_report(mode: str, arguments: argparse.Namespace) -> Report:
    report = Report(mode, datetime.now(UTC).isoformat(timespec="seconds"), machine(), {})
    report.settings["open files"] = f"soft limit raised to {arguments.open_files} for server and clients"
    report.settings["DATELINE_LIVE_MAX_CONNECTIONS_PER_ADDRESS"] = (
        f"{CONNECTIONS_PER_ADDRESS} (every reader comes from 127.0.0.1)"
    )
    report.settings["data"] = os.environ["DATELINE_DATA_DIR"]
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["fanout", "storm", "crash"])
    parser.add_argument(
        "--backend", action="append", choices=BACKENDS, help="repeat for several (default per mode)"
    )
    parser.add_argument("--readers", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=1, help="load client processes (1 or 2)")
    parser.add_argument("--concurrency", type=int, default=500, help="connects in flight per client process")
    parser.add_argument("--repeat", type=int, default=3, help="runs per backend (default 3)")
    parser.add_argument("--port", type=int, default=8301)
    parser.add_argument("--app", default=None, help="fanout: serve this ASGI app instead of config.asgi's")
    parser.add_argument("--events", type=int, default=None, help="fanout: 100; storm: 300 (while connected)")
    parser.add_argument("--interval", type=float, default=None, help="seconds between events (fanout 0.05)")
    parser.add_argument(
        "--settle", type=float, default=5.0, help="fanout: idle seconds before measuring memory"
    )
    parser.add_argument(
        "--history", type=int, default=300, help="storm: events published before the server starts"
    )
    parser.add_argument(
        "--buffer", type=int, default=200, help="storm: DATELINE_LIVE_BUFFER_EVENTS of the server"
    )
    parser.add_argument("--storm-rate", type=float, default=10.0, help="storm: events/s during the storm")
    parser.add_argument("--storm-seconds", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=20.0, help="crash: events/s throughout")
    parser.add_argument("--before-kill", type=float, default=10.0)
    parser.add_argument("--down", type=float, default=1.0, help="crash: seconds between kill and restart")
    parser.add_argument("--after-restart", type=float, default=10.0)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL))
    parser.add_argument(
        "--granian", default="", help="extra or replacing granian options, e.g. '--task-impl asyncio'"
    )
    parser.add_argument("--py-spy", default=None, help="py-spy's path: profile the server while it delivers")
    parser.add_argument("--profile-seconds", type=int, default=6)
    parser.add_argument(
        "--quiet", type=float, default=0.80, help="wait before each run until this share of CPU is idle"
    )
    parser.add_argument("--patience", type=float, default=120)
    arguments = parser.parse_args()
    if arguments.events is None:
        arguments.events = 100 if arguments.mode == "fanout" else 300
    if arguments.interval is None:
        arguments.interval = 0.05 if arguments.mode == "fanout" else 0.01

    prepare_environment("bench-live")
    GRANIAN_VARIANT.extend(shlex.split(arguments.granian))
    arguments.open_files = raise_open_files_limit()
    if arguments.open_files < arguments.readers + 1000:
        raise SystemExit(
            f"the open files limit ({arguments.open_files}) is too low for {arguments.readers} readers"
        )
    mode = {"fanout": fanout_mode, "storm": storm_mode, "crash": crash_mode}
    report = mode[arguments.mode](arguments)
    show_and_save(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
