"""Dateline's page benchmarks, in one command each (see bench/README.md).

    export DATELINE_DATA_DIR=/tmp/dl-bench-100k
    .venv/bin/python bench/run.py pages      # the targets of the issue: nginx, cached, uncached
    .venv/bin/python bench/run.py granian    # which granian options serve the cached page fastest
    .venv/bin/python bench/run.py threads    # a2wsgi threads (DATELINE_DJANGO_THREADS), uncached
    .venv/bin/python bench/run.py profile    # where an uncached article and home request spend time

`pages` runs `dateline setup` on the database, adds stories with bench/generate_stories.py until
there are `--stories` of them, then starts the server as `dateline serve --no-worker` does (the
same `granian_command`) and nginx (Debian's, a child process with its own configuration) serving
a static copy of the same article, and measures with wrk, `--repeat` rounds, reporting medians.
Results go to stdout and to bench/results/ (markdown, and JSON with wrk's raw output).
"""

from __future__ import annotations

import argparse
import contextlib
import html
import json
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"

# The targets (issue 2, section 6).
TARGET_RATIO = 0.40
TARGET_ARTICLE_P50_MS = 10.0
TARGET_HOME_P50_MS = 20.0

# granian variants tried by `granian` (each is added to, or replaces in, the shipped command).
GRANIAN_VARIANTS: dict[str, list[str]] = {
    "as shipped": [],
    "--workers 2": ["--workers", "2"],
    "--runtime-mode st": ["--runtime-mode", "st"],
    "--runtime-mode mt": ["--runtime-mode", "mt"],
    "--runtime-threads 2": ["--runtime-threads", "2"],
    "--loop asyncio": ["--loop", "asyncio"],
    "--loop uvloop": ["--loop", "uvloop"],
    "--loop rloop": ["--loop", "rloop"],
    "--task-impl rust": ["--task-impl", "rust"],
    "--workers 2 --runtime-mode st": ["--workers", "2", "--runtime-mode", "st"],
    "--workers 2 --task-impl rust": ["--workers", "2", "--task-impl", "rust"],
}
THREAD_COUNTS = [1, 2, 4, 8]


# --- wrk ------------------------------------------------------------------------------------------


@dataclass
class WrkResult:
    requests_per_second: float
    requests: int
    latency_ms: dict[str, float]  # percentile ("50", "90", "99") → milliseconds
    errors: str
    command: str
    raw: str
    # CPU time the server's processes spent per request (user + system): unlike req/s, it hardly
    # changes when other work shares the machine.
    server_cpu_us: float | None = None


UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def parse_duration_ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if not match:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(match[1]) * UNITS_MS[match[2]]


def wrk(
    url: str,
    connections: int,
    duration: int,
    latency: bool = False,
    headers: Sequence[str] = (),
    server: Child | None = None,
) -> WrkResult:
    cpu_before = server.cpu_seconds() if server else 0.0
    # A 30 s timeout (wrk's default is 2 s) so that a slow page is measured, not counted as an error.
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--timeout", "30s"]
    if latency:
        command.append("--latency")
    for header in headers:
        command += ["-H", header]
    command.append(url)
    done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=duration + 90)
    out = done.stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    total = re.search(r"(\d+) requests in", out)
    if not rate or not total:
        raise RuntimeError(f"wrk gave no result:\n{out}\n{done.stderr}")
    percentiles = {
        m[1]: parse_duration_ms(m[2]) for m in re.finditer(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", out, re.M)
    }
    errors = "; ".join(
        line.strip() for line in out.splitlines() if "Non-2xx" in line or "Socket errors" in line
    )
    result = WrkResult(float(rate[1]), int(total[1]), percentiles, errors, shlex.join(command), out)
    if server and result.requests:
        result.server_cpu_us = (server.cpu_seconds() - cpu_before) / result.requests * 1e6
    return result


def check_clean(result: WrkResult, what: str) -> None:
    """A run with errors or non-2xx answers measured something else: stop."""
    if "Non-2xx" in result.errors or re.search(r"(connect|read|write|timeout) [1-9]", result.errors):
        raise RuntimeError(f"{what}: wrk reported errors: {result.errors}\n{result.raw}")


# --- child processes -------------------------------------------------------------------------------


def ensure_port_free(port: int) -> None:
    """Refuse to start next to a forgotten server: wrk would measure that one instead."""
    import socket

    with socket.socket() as probe:
        # As servers do, so that connections of an earlier run in TIME_WAIT do not count.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((HOST, port))
        except OSError:
            raise SystemExit(f"port {port} is in use: stop what listens there or pass --port") from None


class Child:
    """A process this script started, in its own process group, stopped with it."""

    def __init__(
        self,
        name: str,
        command: list[str],
        port: int,
        env: dict[str, str] | None = None,
        log: Path | None = None,
    ):
        ensure_port_free(port)
        self.cleanup: Path | None = None  # a directory to remove once the process has stopped
        self.name = name
        self.command = command
        self.log = log or Path(tempfile.mkstemp(prefix=f"dl-bench-{name}-", suffix=".log")[1])
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )

    def wait_ready(self, url: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited ({self.process.returncode}):\n{self.log.read_text()[-3000:]}"
                )
            with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=30) as response:
                if response.status == 200:
                    return
            time.sleep(0.3)
        raise RuntimeError(f"{self.name} did not answer {url} within {timeout:.0f} s")

    def _group_stats(self) -> Iterator[tuple[Path, list[str]]]:
        """The /proc directory and the `stat` fields after the command name (state, ppid, pgrp, …)
        of every process of this child's process group."""
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue  # the process ended meanwhile
            if int(fields[2]) == self.process.pid:
                yield stat.parent, fields

    def cpu_seconds(self) -> float:
        """User and system CPU time used so far by every process of this child's process group."""
        # utime and stime are the 12th and 13th fields after the command name.
        ticks = sum(int(fields[11]) + int(fields[12]) for _directory, fields in self._group_stats())
        return ticks / os.sysconf("SC_CLK_TCK")

    def anonymous_bytes(self) -> int:
        """Anonymous memory resident now in every process of this child's process group, summed
        (`RssAnon`: the heaps, not the database file SQLite maps into memory as it is read)."""
        total = 0
        for directory, _fields in self._group_stats():
            with contextlib.suppress(OSError):  # the process ended meanwhile
                for line in (directory / "status").read_text().splitlines():
                    if line.startswith("RssAnon:"):
                        total += int(line.split()[1]) * 1024
        return total

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if self.cleanup is not None:
            shutil.rmtree(self.cleanup, ignore_errors=True)


@contextlib.contextmanager
def running(child: Child, ready_url: str) -> Iterator[Child]:
    try:
        child.wait_ready(ready_url)
        yield child
    finally:
        child.stop()


def data_dir() -> Path:
    return Path(os.environ["DATELINE_DATA_DIR"])


def granian_args(workers: int, variant: Sequence[str] = ()) -> list[str]:
    """`dateline serve`'s granian command, with the options of `variant` set or replaced."""
    from dateline.cli import granian_command

    command = granian_command(HOST, 0, workers, data_dir() / "static", data_dir() / "media")
    target = command.pop()
    tokens = list(variant)
    while tokens:
        flag = tokens.pop(0)
        value = tokens.pop(0) if tokens and not tokens[0].startswith("--") else None
        if flag in command and value is not None:
            command[command.index(flag) + 1] = value
        elif flag not in command:
            command += [flag] if value is None else [flag, value]
    return [*command, target]


def dateline_server(
    port: int, workers: int = 1, threads: int | None = None, variant: Sequence[str] = ()
) -> Child:
    """The server as `dateline serve --no-worker` starts it."""
    command = granian_args(workers, variant)
    command[command.index("--port") + 1] = str(port)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    if threads is not None:
        env["DATELINE_DJANGO_THREADS"] = str(threads)
    return Child("dateline", command, port, env)


NGINX_CONF = """\
# Generated by bench/run.py: static files only, tuned as a static server would be.
worker_processes {workers};
daemon off;
master_process on;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    sendfile on;
    tcp_nopush on;
    tcp_nodelay on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    open_file_cache max=64 inactive=60s;
    default_type text/html;
    charset utf-8;
    client_body_temp_path {tmp}/client_body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen {host}:{port} reuseport backlog=4096;
        root {tmp}/html;
        location / {{ try_files $uri ${{uri}}index.html =404; }}
    }}
}}
"""


def nginx_server(port: int, workers: str, pages: dict[str, bytes]) -> Child:
    """Debian's nginx, not daemonised, serving `pages` (URL path → HTML) as static files.

    Its configuration and files live in a temporary directory removed when it stops.
    """
    tmp = Path(tempfile.mkdtemp(prefix="dl-bench-nginx-"))
    tmp.chmod(0o755)  # nginx's workers drop root for nobody, and must read the files
    for path, body in pages.items():
        target = tmp / "html" / path.strip("/") / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(workers=workers, tmp=tmp, host=HOST, port=port))
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    child = Child("nginx", [nginx, "-e", str(tmp / "error.log"), "-p", str(tmp), "-c", str(conf)], port)
    child.cleanup = tmp
    return child


# --- the database and the pages to measure -----------------------------------------------------------


def setup_database(stories: int) -> None:
    """`dateline setup`, then stories until there are `stories` English ones."""
    print(f"dateline setup on {data_dir()} …", flush=True)
    subprocess.run([str(BIN / "dateline"), "setup"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    have = count_english_stories()
    if have < stories:
        print(f"{have} English stories; generating {stories - have} more …", flush=True)
        generate = [
            sys.executable,
            str(ROOT / "bench" / "generate_stories.py"),
            "--count",
            str(stories - have),
        ]
        subprocess.run(generate, cwd=ROOT, check=True)


def count_english_stories() -> int:
    from dateline.articles.models import ArticlePage

    return ArticlePage.objects.filter(locale__language_code="en").count()


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def pick_pages() -> dict[str, str]:
    """The article measured (the median-age story of the English World section) and the home."""
    from dateline.articles.models import ArticlePage
    from dateline.editions.models import SectionPage

    world = SectionPage.objects.get(locale__language_code="en", slug="world")
    stories = ArticlePage.objects.live().child_of(world).order_by("first_published_at", "pk")
    total = stories.count()
    if not total:
        raise SystemExit("The English World section has no stories: run bench/generate_stories.py.")
    article = stories[total // 2]
    return {"article": article.url, "home": world.get_parent().url, "headline": article.title}


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


UNCACHED = {"Cookie": "sessionid=bench"}


def verify_paths(base: str, pages: dict[str, str]) -> dict[str, Any]:
    """Check that the cached path answers from the cache and the cookie path reaches Django."""
    facts: dict[str, Any] = {}
    for name in ("article", "home"):
        url = base + pages[name]
        fetch(url)  # fills the cache
        status, headers, body = fetch(url)
        if status != 200 or "etag" not in headers or "public" not in headers.get("cache-control", ""):
            raise RuntimeError(f"{url}: not answered from the page cache ({status}, {headers})")
        facts[f"{name}_bytes"] = len(body)
        status, headers, body = fetch(url, UNCACHED)
        # The page cache puts an ETag on everything it answers; Django's own answers have none, and
        # Django drops the unknown session with a Set-Cookie.
        if status != 200 or "etag" in headers or "public" in headers.get("cache-control", ""):
            raise RuntimeError(f"{url} with a session cookie did not reach Django ({status}, {headers})")
        facts[f"{name}_uncached_headers"] = headers
    _status, _headers, article = fetch(base + pages["article"])
    if html.escape(pages["headline"]).encode() not in article:
        raise RuntimeError("the article page does not show its headline")
    return facts


def cpu_idle(seconds: float = 1.0) -> float:
    """The share of the machine's CPU time that was idle over the next `seconds`."""

    def sample() -> tuple[int, int]:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return fields[3] + fields[4], sum(fields)  # idle + iowait, total

    idle_before, total_before = sample()
    time.sleep(seconds)
    idle_after, total_after = sample()
    return (idle_after - idle_before) / max(1, total_after - total_before)


def wait_for_quiet(threshold: float, patience: float) -> float:
    """Wait (up to `patience` seconds) until others leave the machine mostly idle; say how idle."""
    deadline = time.monotonic() + patience
    idle = cpu_idle(2)
    while idle < threshold and time.monotonic() < deadline:
        print(f"  the machine is busy ({idle:.0%} idle); waiting …", flush=True)
        time.sleep(5)
        idle = cpu_idle(2)
    return idle


# --- modes -----------------------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


@dataclass
class Round:
    nginx: WrkResult
    cached: WrkResult
    article: WrkResult
    home: WrkResult

    @property
    def ratio(self) -> float:
        return self.cached.requests_per_second / self.nginx.requests_per_second


@dataclass
class Report:
    mode: str
    started: str
    machine: dict[str, str]
    settings: dict[str, Any]
    rounds: list[Any] = field(default_factory=list)
    table: str = ""


def machine() -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    memory_kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])  # type: ignore[index]
    nginx_version = (
        subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr.strip().split("/")[-1]
        if shutil.which("nginx")
        else "not installed"
    )
    granian_version = subprocess.run(
        [str(BIN / "granian"), "--version"], capture_output=True, text=True
    ).stdout.strip()
    import sqlite3

    return {
        "cores": str(os.cpu_count()),
        "cpu": cpu,
        "memory": f"{memory_kib / 1024 / 1024:.0f} GiB",
        "python": platform.python_version(),
        "granian": granian_version.split()[-1] if granian_version else "?",
        "nginx": nginx_version,
        "sqlite": sqlite3.sqlite_version,
        "load before": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def save(report: Report) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = RESULTS / f"{report.mode}-{report.started.replace(':', '').replace('-', '')[:15]}"
    stem.with_suffix(".md").write_text(report.table)
    stem.with_suffix(".json").write_text(json.dumps(asdict(report), indent=2, default=str))
    return stem.with_suffix(".md")


def prepare_environment(data: str | None) -> None:
    """What every benchmark script sets up first: this checkout's code, also in the servers and
    commands started from here (which would otherwise import the editable install's, if this is a
    copy of the repository); SIGTERM running the `finally` clauses that stop those servers; and,
    unless `data` is None, DATELINE_DATA_DIR (default var/<data>) as an absolute path."""
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    if data is not None:
        os.environ.setdefault("DATELINE_DATA_DIR", str(ROOT / "var" / data))
        os.environ["DATELINE_DATA_DIR"] = str(Path(os.environ["DATELINE_DATA_DIR"]).resolve())


def show_and_save(report: Report) -> None:
    """The report's table on stdout, and the report in bench/results."""
    path = save(report)
    print()
    print(report.table)
    print(f"(saved to {path.relative_to(ROOT)} and {path.with_suffix('.json').relative_to(ROOT)})")


def fmt(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}"


def header(report: Report, title: str) -> list[str]:
    m = report.machine
    lines = [
        f"## {title} — {report.started[:16].replace('T', ' ')} UTC",
        "",
        f"- machine: {m['cores']} cores ({m['cpu']}), {m['memory']}; load average before: {m['load before']}",
        f"- Python {m['python']}, granian {m['granian']}, nginx {m['nginx']}, SQLite {m['sqlite']}",
    ]
    for name, value in report.settings.items():
        lines.append(f"- {name}: {', '.join(value) if isinstance(value, list) else value}")
    return [*lines, ""]


def pages_mode(arguments: argparse.Namespace) -> Report:
    report = Report("pages", datetime.now(UTC).isoformat(timespec="seconds"), machine(), {})
    if not arguments.no_setup:
        setup_database(arguments.stories)
    pages = pick_pages()
    port = arguments.port
    base = f"http://{HOST}:{port}"
    server = dateline_server(port, arguments.workers, arguments.threads, shlex.split(arguments.granian))
    threads = arguments.threads or int(os.environ.get("DATELINE_DJANGO_THREADS", "4"))
    report.settings = {
        "stories": f"{count_english_stories():,} English stories in {data_dir()}",
        "article": pages["article"],
        "server": f"`{shlex.join(server.command)}`",
        "DATELINE_DJANGO_THREADS": threads,
        "nginx": f"worker_processes {arguments.nginx_workers}, access_log off, sendfile, open_file_cache",
        "wrk": f"cached and nginx: -t1 -c64 -d{arguments.duration}s; uncached: -t1 -c1 -d{arguments.duration}s "
        "--latency -H 'Cookie: sessionid=bench'",
    }
    with running(server, base + pages["home"]):
        facts = verify_paths(base, pages)
        report.settings["sizes"] = (
            f"article {facts['article_bytes']:,} bytes, home {facts['home_bytes']:,} bytes"
        )
        _status, _headers, article_html = fetch(base + pages["article"])
        nginx = nginx_server(port + 1, arguments.nginx_workers, {pages["article"]: article_html})

        nginx_url = f"http://{HOST}:{port + 1}{pages['article']}"
        with running(nginx, nginx_url):
            if fetch(nginx_url)[2] != article_html:
                raise RuntimeError("nginx does not serve the same bytes as Dateline")
            print(f"warming up ({pages['article']}) …", flush=True)
            wrk(nginx_url, 64, 2)
            wrk(base + pages["article"], 64, 2)
            for name in ("article", "home"):
                wrk(base + pages[name], 1, 2, headers=[f"Cookie: {UNCACHED['Cookie']}"])
            for number in range(1, arguments.repeat + 1):
                idle = wait_for_quiet(arguments.quiet, arguments.patience)
                report.settings.setdefault("idle before rounds", []).append(f"{idle:.0%}")
                results = {}
                cookie = [f"Cookie: {UNCACHED['Cookie']}"]
                for name, url, connections, latency, extra, child in (
                    ("nginx", nginx_url, 64, False, (), nginx),
                    ("cached", base + pages["article"], 64, False, (), server),
                    ("article", base + pages["article"], 1, True, cookie, server),
                    ("home", base + pages["home"], 1, True, cookie, server),
                ):
                    results[name] = wrk(url, connections, arguments.duration, latency, extra, child)
                    check_clean(results[name], name)
                one = Round(**results)
                report.rounds.append(one)
                print(
                    f"round {number}: nginx {fmt(one.nginx.requests_per_second, 0)} req/s, "
                    f"cached {fmt(one.cached.requests_per_second, 0)} req/s ({one.ratio:.2f}×), "
                    f"uncached article p50 {fmt(one.article.latency_ms['50'], 2)} ms, "
                    f"home p50 {fmt(one.home.latency_ms['50'], 2)} ms",
                    flush=True,
                )
    report.table = pages_table(report)
    return report


def rounds_table(lines: list[str], rounds: int) -> Callable[..., None]:
    """Start a table with a column per round, the median and whether the target is met; returns
    `row(label, target, values, digits, met=None)`, which adds a row to `lines`."""
    runs = " | ".join(f"run {i}" for i in range(1, rounds + 1))
    lines += [
        f"| measurement | target | {runs} | median | met |",
        "|---|---|" + "---|" * rounds + "---|---|",
    ]

    def row(label: str, target: str, values: list[float], digits: int, met: bool | None = None) -> None:
        cells = " | ".join(fmt(v, digits) for v in values)
        verdict = "" if met is None else ("yes" if met else "**no**")
        lines.append(f"| {label} | {target} | {cells} | **{fmt(median(values), digits)}** | {verdict} |")

    return row


def pages_table(report: Report) -> str:
    rounds: list[Round] = report.rounds
    lines = header(report, "Dateline page benchmarks")
    row = rounds_table(lines, len(rounds))

    nginx = [r.nginx.requests_per_second for r in rounds]
    cached = [r.cached.requests_per_second for r in rounds]
    ratios = [r.ratio for r in rounds]
    row("nginx, static copy of the article (req/s, c64)", "baseline", nginx, 0)
    row("cached article (req/s, c64)", "", cached, 0)
    row("cached ÷ nginx", f"≥ {TARGET_RATIO:.2f}", ratios, 2, median(ratios) >= TARGET_RATIO)
    nginx_cpu = [r.nginx.server_cpu_us or float("nan") for r in rounds]
    cached_cpu = [r.cached.server_cpu_us or float("nan") for r in rounds]
    row("nginx CPU per request (µs)", "", nginx_cpu, 1)
    row("cached article CPU per request (µs)", "", cached_cpu, 1)
    row(
        "nginx CPU ÷ cached CPU per request",
        "(if each had the CPU to itself)",
        [n / c for n, c in zip(nginx_cpu, cached_cpu, strict=True)],
        2,
    )
    for name, label, target in (
        ("article", "uncached article", TARGET_ARTICLE_P50_MS),
        ("home", "uncached home", TARGET_HOME_P50_MS),
    ):
        results: list[WrkResult] = [getattr(r, name) for r in rounds]
        p50 = [r.latency_ms["50"] for r in results]
        row(f"{label} p50 (ms, c1)", f"≤ {target:.0f}", p50, 2, median(p50) <= target)
        row(f"{label} p90 (ms, c1)", "", [r.latency_ms["90"] for r in results], 2)
        row(f"{label} p99 (ms, c1)", "", [r.latency_ms["99"] for r in results], 2)
        row(f"{label} (req/s, c1)", "", [r.requests_per_second for r in results], 0)
        row(
            f"{label} server CPU per request (ms)",
            "",
            [(r.server_cpu_us or float("nan")) / 1000 for r in results],
            2,
        )
    return "\n".join(lines) + "\n"


def granian_mode(arguments: argparse.Namespace) -> Report:
    """The cached article under each granian variant, with nginx measured in the same run."""
    report = Report("granian", datetime.now(UTC).isoformat(timespec="seconds"), machine(), {})
    if not arguments.no_setup:
        setup_database(arguments.stories)
    pages = pick_pages()
    port = arguments.port
    base = f"http://{HOST}:{port}"
    variants = (
        {name: GRANIAN_VARIANTS[name] for name in arguments.variants}
        if arguments.variants
        else GRANIAN_VARIANTS
    )
    report.settings = {
        "article": pages["article"],
        "wrk": f"-t1 -c64 -d{arguments.duration}s, {arguments.repeat} runs each, median",
        "base command": f"`{shlex.join(granian_args(1))}`",
    }
    rows: list[dict[str, Any]] = []

    def measure(name: str, url: str, child: Child, idle: float) -> None:
        wrk(url, 64, 2)
        results = [wrk(url, 64, arguments.duration, server=child) for _ in range(arguments.repeat)]
        rows.append(
            {
                "variant": name,
                "requests_per_second": [r.requests_per_second for r in results],
                "cpu_us": [r.server_cpu_us for r in results],
                "idle_before": idle,
            }
        )
        rates = ", ".join(fmt(r.requests_per_second, 0) for r in results)
        print(f"{name}: {rates} req/s, {fmt(median([r.server_cpu_us or 0 for r in results]), 1)} µs CPU/request "
              f"({idle:.0%} idle before)", flush=True)  # fmt: skip

    article_html = b""
    if arguments.side_by_side:
        variants = {
            n: v for n, v in variants.items() if "--loop" not in v or loop_available(v[v.index("--loop") + 1])
        }
        with contextlib.ExitStack() as stack:
            servers = {}
            for number, (name, variant) in enumerate(variants.items()):
                server_base = f"http://{HOST}:{port + 2 + number}"
                server = dateline_server(port + 2 + number, 1, arguments.threads, variant)
                stack.enter_context(running(server, server_base + pages["home"]))
                verify_paths(server_base, pages)
                article_html = article_html or fetch(server_base + pages["article"])[2]
                wrk(server_base + pages["article"], 64, 2)
                servers[name] = (server, server_base + pages["article"])
            measured: dict[str, list[WrkResult]] = {name: [] for name in servers}
            for _round in range(arguments.repeat):
                idle = wait_for_quiet(arguments.quiet, arguments.patience)
                for name, (server, url) in servers.items():
                    measured[name].append(wrk(url, 64, arguments.duration, server=server))
                print({name: round(results[-1].requests_per_second) for name, results in measured.items()}, f"({idle:.0%} idle before)", flush=True)  # fmt: skip
        for name, results in measured.items():
            rows.append(
                {
                    "variant": name,
                    "requests_per_second": [r.requests_per_second for r in results],
                    "cpu_us": [r.server_cpu_us for r in results],
                    "idle_before": idle,
                }
            )
        variants = {}
    for name, variant in variants.items():
        if "--loop" in variant and not loop_available(variant[variant.index("--loop") + 1]):
            rows.append({"variant": f"{name} (not installed)", "requests_per_second": [], "cpu_us": []})
            continue
        idle = wait_for_quiet(arguments.quiet, arguments.patience)
        server = dateline_server(port, 1, arguments.threads, variant)
        with running(server, base + pages["home"]):
            verify_paths(base, pages)
            article_html = article_html or fetch(base + pages["article"])[2]
            measure(name, base + pages["article"], server, idle)
    for workers in ("1", "auto"):
        idle = wait_for_quiet(arguments.quiet, arguments.patience)
        nginx = nginx_server(port + 1, workers, {pages["article"]: article_html})
        url = f"http://{HOST}:{port + 1}{pages['article']}"
        with running(nginx, url):
            measure(f"nginx, worker_processes {workers}", url, nginx, idle)
    report.rounds = rows
    how = "side by side, measured in turn each round" if arguments.side_by_side else "one at a time"
    lines = header(report, f"granian options, cached article ({how})")
    lines += ["| variant | req/s (runs) | median req/s | CPU per request (µs, median) | idle before |"]
    lines.append("|---|---|---|---|---|")
    for row in rows:
        rates, cpu = row["requests_per_second"], [c for c in row["cpu_us"] if c is not None]
        lines.append(
            f"| {row['variant']} | {', '.join(fmt(v, 0) for v in rates)} | **{fmt(median(rates), 0)}** | "
            f"{fmt(median(cpu), 1)} | {row.get('idle_before', 0):.0%} |"
        )
    report.table = "\n".join(lines) + "\n"
    return report


def loop_available(loop: str) -> bool:
    if loop in ("auto", "asyncio"):
        return True
    found = subprocess.run([sys.executable, "-c", f"import {loop}"], capture_output=True)
    return found.returncode == 0


def threads_mode(arguments: argparse.Namespace) -> Report:
    """Uncached pages under each a2wsgi thread count: one reader, and eight at once."""
    report = Report("threads", datetime.now(UTC).isoformat(timespec="seconds"), machine(), {})
    if not arguments.no_setup:
        setup_database(arguments.stories)
    pages = pick_pages()
    port = arguments.port
    base = f"http://{HOST}:{port}"
    cookie = [f"Cookie: {UNCACHED['Cookie']}"]
    report.settings = {
        "article": pages["article"],
        "wrk": f"-t1 -d{arguments.duration}s --latency -H 'Cookie: sessionid=bench', {arguments.repeat} runs, median",
    }
    rows = []
    for threads in arguments.thread_counts or THREAD_COUNTS:
        wait_for_quiet(arguments.quiet, arguments.patience)
        server = dateline_server(port, arguments.workers, threads, shlex.split(arguments.granian))
        with running(server, base + pages["home"]):
            verify_paths(base, pages)
            wrk(base + pages["article"], 8, 2, headers=cookie)
            for name in ("article", "home"):
                one = [
                    wrk(base + pages[name], 1, arguments.duration, True, cookie, server)
                    for _ in range(arguments.repeat)
                ]
                eight = [
                    wrk(base + pages[name], 8, arguments.duration, True, cookie, server)
                    for _ in range(arguments.repeat)
                ]
                for result in one + eight:
                    check_clean(result, f"{name} with {threads} threads")
                rows.append(
                    {
                        "threads": threads,
                        "page": name,
                        "c1 p50": median([r.latency_ms["50"] for r in one]),
                        "c1 req/s": median([r.requests_per_second for r in one]),
                        "c8 req/s": median([r.requests_per_second for r in eight]),
                        "c8 p50": median([r.latency_ms["50"] for r in eight]),
                        "c8 p99": median([r.latency_ms["99"] for r in eight]),
                        "c8 CPU ms": median([(r.server_cpu_us or 0) / 1000 for r in eight]),
                    }
                )
                print(rows[-1], flush=True)
    report.rounds = rows
    lines = header(report, "a2wsgi threads (DATELINE_DJANGO_THREADS), uncached pages")
    lines += [
        "| threads | page | c1 p50 (ms) | c1 req/s | c8 req/s | c8 p50 (ms) | c8 p99 (ms) | c8 CPU/request (ms) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['threads']} | {r['page']} | {fmt(r['c1 p50'], 2)} | {fmt(r['c1 req/s'], 0)} | "
            f"{fmt(r['c8 req/s'], 0)} | {fmt(r['c8 p50'], 1)} | {fmt(r['c8 p99'], 1)} | {fmt(r['c8 CPU ms'], 2)} |"
        )
    report.table = "\n".join(lines) + "\n"
    return report


@dataclass
class Query:
    sql: str
    params: Any
    ms: float  # executed again on its own, and every row fetched
    plan: str


def record_queries(connection: Any) -> tuple[list[tuple[str, Any]], Any]:
    """A Django execute wrapper that keeps each query and its parameters."""
    seen: list[tuple[str, Any]] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        seen.append((sql, params))
        return execute(sql, params, many, context)

    return seen, wrapper


def explain(connection: Any, sql: str, params: Any) -> Query:
    """Time a query on its own, rows and all, and ask the database how it runs it."""
    with connection.cursor() as cursor:
        started = time.perf_counter()
        cursor.execute(sql, params)
        cursor.fetchall()
        ms = (time.perf_counter() - started) * 1000
        prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        cursor.execute(prefix + sql, params)
        plan = "; ".join(str(row[-1]) for row in cursor.fetchall())
    return Query(sql, params, ms, plan)


def profile_mode(arguments: argparse.Namespace) -> Report:
    """cProfile and the SQL of uncached requests, in-process through Django's test client."""
    import cProfile
    import io
    import pstats

    from django.db import connection
    from django.test import Client

    report = Report("profile", datetime.now(UTC).isoformat(timespec="seconds"), machine(), {})
    pages = pick_pages()
    client = Client()
    client.cookies["sessionid"] = "bench"
    lines = header(report, "Profile of uncached requests")
    for name in ("article", "home"):
        url = pages[name]
        for _ in range(3):
            client.get(url)
        timings = []
        for _ in range(arguments.requests):
            started = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        seen, wrapper = record_queries(connection)
        with connection.execute_wrapper(wrapper):
            client.get(url)
        queries = [
            explain(connection, sql, params) for sql, params in seen if sql.lstrip().startswith("SELECT")
        ]
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(arguments.requests):
            client.get(url)
        profiler.disable()
        cumulative, own = io.StringIO(), io.StringIO()
        pstats.Stats(profiler, stream=cumulative).sort_stats("cumulative").print_stats(arguments.top)
        pstats.Stats(profiler, stream=own).sort_stats("tottime").print_stats(arguments.top)
        lines += [
            f"### {name}: {url}",
            "",
            f"- {arguments.requests} requests in-process (no server): median {fmt(median(timings), 2)} ms, "
            f"min {fmt(min(timings), 2)} ms",
            f"- {len(seen)} queries; the SELECTs take {fmt(sum(q.ms for q in queries), 2)} ms run one by one",
            "",
            "Slowest queries:",
            "",
        ]
        for query in sorted(queries, key=lambda q: -q.ms)[: arguments.queries]:
            lines += [
                f"- {query.ms:.2f} ms: `{query.sql[:700]}` {query.params!r:.200}",
                f"  - plan: {query.plan}",
            ]
        for title, text in (("cumulative", cumulative), ("own", own)):
            lines += [
                "",
                f"Top functions by {title} time:",
                "",
                "```",
                text.getvalue().strip()[-8000:],
                "```",
            ]
        lines.append("")
        report.rounds.append({"page": name, "timings_ms": timings, "queries": [asdict(q) for q in queries]})
    report.table = "\n".join(lines) + "\n"
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "mode", choices=["pages", "granian", "threads", "profile"], nargs="?", default="pages"
    )
    parser.add_argument("--repeat", type=int, default=3, help="rounds of each measurement (default 3)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--stories", type=int, default=100_000, help="English stories the database must have")
    parser.add_argument("--no-setup", action="store_true", help="skip `dateline setup` and story generation")
    parser.add_argument("--port", type=int, default=8101, help="Dateline's port; nginx uses the next one")
    parser.add_argument(
        "--workers", type=int, default=1, help="granian workers (as `dateline serve --workers`)"
    )
    parser.add_argument("--threads", type=int, default=None, help="DATELINE_DJANGO_THREADS for the server")
    parser.add_argument(
        "--granian", default="", help="extra or replacing granian options, e.g. '--runtime-mode st'"
    )
    parser.add_argument("--nginx-workers", default="1", help="nginx worker_processes (default 1: see README)")
    parser.add_argument("--variants", nargs="*", help=f"granian mode: which of {list(GRANIAN_VARIANTS)}")
    parser.add_argument(
        "--side-by-side",
        action="store_true",
        help="granian mode: start every variant at once (ports --port+2…), measure them in turn each round",
    )
    parser.add_argument(
        "--thread-counts", type=int, nargs="*", help=f"threads mode (default {THREAD_COUNTS})"
    )
    parser.add_argument(
        "--quiet", type=float, default=0.85, help="wait before each round until this share of CPU is idle"
    )
    parser.add_argument(
        "--patience", type=float, default=300, help="…for at most this many seconds (default 300)"
    )
    parser.add_argument("--requests", type=int, default=30, help="profile mode: requests profiled per page")
    parser.add_argument("--top", type=int, default=30, help="profile mode: functions listed")
    parser.add_argument("--queries", type=int, default=6, help="profile mode: slowest queries explained")
    arguments = parser.parse_args()

    prepare_environment("bench")
    if not shutil.which("wrk") and arguments.mode != "profile":
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    django_setup()
    mode = {"pages": pages_mode, "granian": granian_mode, "threads": threads_mode, "profile": profile_mode}
    report = mode[arguments.mode](arguments)
    show_and_save(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
