"""Dateline's comment benchmarks (issue 4, section 5), one command each (see bench/README.md, "Comments").

    .venv/bin/python bench/comments.py post      # 200 signed-in readers commenting at once for 60 s
    .venv/bin/python bench/comments.py page      # the first page of a discussion of 10,000 comments
    .venv/bin/python bench/comments.py profile   # where one comment's POST spends its time (no server)

Each mode makes its own data directory afresh (`--data`; it refuses one it did not make), runs
`dateline setup` and bench/generate_stories.py on it, creates readers with confirmed e-mail
addresses and ready-made sessions in-process (no log-in requests), and starts the server as
`dateline serve --no-worker` does (`dateline.cli.granian_command`, one worker) with
`DATELINE_COMMENT_RATE=100000/m`: the per-reader rate limit is a product rule, not what is measured.

`post` runs `--repeat` rounds, each of two loads on a fresh copy of the same database: `max`, every
reader posting back to back (what the server can take), and `paced`, the readers posting at
`--rate` comments a second in all (the latency at the target's rate). Every acknowledged id is
checked against the comment rows afterwards. `page` measures the discussion fragment with wrk on
one connection, anonymous and signed in, next to a tiny Django request as the same run's baseline.
Results go to stdout and to bench/results/comments-*.md and .json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import resource
import secrets
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote_plus

# This checkout's code first, also for the modules imported in-process (see `main` for children).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from live import percentile, worker_pid
from run import (
    HOST,
    ROOT,
    Child,
    Report,
    check_clean,
    ensure_port_free,
    fetch,
    fmt,
    granian_args,
    header,
    machine,
    median,
    prepare_environment,
    show_and_save,
    wait_for_quiet,
    wrk,
)

# The targets (issue 4, section 5).
TARGET_ACCEPTED_PER_SECOND = 300.0
TARGET_POST_P99_MS = 200.0
TARGET_PAGE_P50_MS = 20.0

COMMENT_RATE = "100000/m"  # the server's per-reader limit during the bench (default 6/m)
MARKER = ".dateline-bench-comments"  # a data directory this script made, and may wipe
DATABASE = "dateline.sqlite3"
SNAPSHOT = "snapshot.sqlite3"
BACKEND = "dateline.accounts.backends.ReaderBackend"  # readers log in by e-mail
PRIVATE_COOKIE = "sessionid=bench"  # an unknown session: takes a request past the page cache

COMMENT_WORDS = (
    "the council vote was closer than the report suggests and the minister should explain why "
    "nobody asked the residents before the plan went ahead this is exactly what happened in our "
    "town last year when prices rose again I would like to see the figures behind the claim about "
    "schools hospitals roads budgets and the people who pay for all of it thank you for covering "
    "this story so carefully though the headline seems a little unfair to the farmers who spoke"
)
WORDS = COMMENT_WORDS.split()


def sentence(chooser: random.Random, low: int = 8, high: int = 40) -> str:
    words = chooser.choices(WORDS, k=chooser.randint(low, high))
    return " ".join(words).capitalize() + "."


# --- the data directory and the database -------------------------------------------------------------


def fresh_data_dir(path: Path) -> Path:
    """Wipe and make `path`, unless it holds something this script did not make."""
    path = path.resolve()
    if path.exists() and any(path.iterdir()) and not (path / MARKER).exists():
        raise SystemExit(f"{path} is not empty and was not made by bench/comments.py: pass another --data")
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    (path / MARKER).write_text("made by bench/comments.py; wiped by its next run\n")
    (path / "static").mkdir()
    (path / "media").mkdir()
    return path


def setup_site(stories: int) -> None:
    """`dateline setup` (no static files: no page is measured), then `stories` published stories.

    The stories are saved through Wagtail in-process (a few are needed, not 100,000).
    """
    data = os.environ["DATELINE_DATA_DIR"]
    print(f"dateline setup on {data} …", flush=True)
    setup = [sys.executable, "-m", "dateline.cli", "manage", "setup", "--no-static"]
    subprocess.run(setup, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    django_setup()
    from django.utils import timezone

    from dateline.articles.models import ArticlePage
    from dateline.editions.models import SectionPage

    section = SectionPage.objects.get(locale__language_code="en", slug="world")
    chooser = random.Random(stories)
    for number in range(stories):
        paragraphs = [("paragraph", f"<p>{sentence(chooser, 30, 80)}</p>") for _ in range(6)]
        story = ArticlePage(
            title=f"Bench story {number + 1}: {sentence(chooser, 4, 8)}",
            slug=f"bench-story-{number + 1}",
            lede=sentence(chooser, 15, 30),
            body=paragraphs,
            live=True,
            first_published_at=timezone.now(),
        )
        section.add_child(instance=story)


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()


def close_database() -> None:
    """Fold the WAL into the database file and let go of it, so the file can be copied."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def database_files(data: Path) -> list[Path]:
    return [data / DATABASE, data / f"{DATABASE}-wal", data / f"{DATABASE}-shm"]


def take_snapshot(data: Path) -> None:
    close_database()
    shutil.copyfile(data / DATABASE, data / SNAPSHOT)


def restore_snapshot(data: Path) -> None:
    """The database as it was after setup: every load starts from the same rows."""
    from django.db import connection

    connection.close()
    for path in database_files(data):
        path.unlink(missing_ok=True)
    shutil.copyfile(data / SNAPSHOT, data / DATABASE)


# --- readers ------------------------------------------------------------------------------------------


@dataclass
class Reader:
    user_id: int
    session_key: str
    csrf: str

    @property
    def cookie(self) -> str:
        return f"sessionid={self.session_key}; csrftoken={self.csrf}"


def make_readers(prefix: str, count: int, chooser: random.Random) -> list[Reader]:
    """Readers with a confirmed primary e-mail address, a profile and a signed-in session each.

    The sessions hold what `django.contrib.auth.login` would put there, so no log-in request is
    needed; the CSRF cookie is an unmasked secret, which Django accepts in the header as it is.
    """
    from importlib import import_module

    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH

    from dateline.accounts.models import ReaderProfile

    User = get_user_model()
    session_store = import_module(settings.SESSION_ENGINE).SessionStore
    first_names = ["Anna", "Ben", "Chloé", "Dmitri", "Elif", "Farid", "Grace", "Hugo", "Ines", "Jonas"]
    last_names = ["Adler", "Brook", "Castro", "Dahl", "Evans", "Fischer", "Garcia", "Horvat", "Ivanova"]
    with transaction.atomic():
        users = User.objects.bulk_create(
            [
                User(
                    username=f"{prefix}{n}", email=f"{prefix}{n}@bench.invalid", password=make_password(None)
                )
                for n in range(count)
            ]
        )
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users]
        )
        ReaderProfile.objects.bulk_create(
            [
                ReaderProfile(
                    user=user, display_name=f"{chooser.choice(first_names)} {chooser.choice(last_names)}"
                )
                for user in users
            ]
        )
        readers = []
        for user in users:
            session = session_store()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = BACKEND
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            csrf = "".join(secrets.choice(CSRF_ALLOWED_CHARS) for _ in range(CSRF_SECRET_LENGTH))
            readers.append(Reader(user.pk, session.session_key, csrf))
    return readers


def english_stories(count: int) -> list[Any]:
    from dateline.articles.models import ArticlePage

    stories = list(ArticlePage.objects.live().filter(locale__language_code="en").order_by("pk")[:count])
    if len(stories) < count:
        raise RuntimeError(f"only {len(stories)} English stories, {count} wanted")
    closed = [story.pk for story in stories if not story.takes_comments()]
    if closed:
        raise RuntimeError(f"stories {closed} do not take comments")
    return stories


# --- the server ---------------------------------------------------------------------------------------


def server_command(port: int, workers: int = 1) -> list[str]:
    command = granian_args(workers)
    command[command.index("--port") + 1] = str(port)
    return command


def start_server(port: int, threads: int | None, workers: int = 1) -> Child:
    """The server as `dateline serve --no-worker` starts it, with the rate limit out of the way."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATELINE_COMMENT_RATE": COMMENT_RATE,
    }
    if threads is not None:
        env["DATELINE_DJANGO_THREADS"] = str(threads)
    child = Child("dateline-comments", server_command(port, workers), port, env)
    try:
        child.wait_ready(f"http://{HOST}:{port}/robots.txt")
    except BaseException:
        child.stop()
        raise
    return child


@contextlib.contextmanager
def serving(port: int, threads: int | None, workers: int = 1) -> Iterator[Child]:
    child = start_server(port, threads, workers)
    try:
        yield child
    finally:
        child.stop()


def django_threads(arguments: argparse.Namespace) -> int:
    return arguments.threads or int(os.environ.get("DATELINE_DJANGO_THREADS", "4"))


# --- the load client ------------------------------------------------------------------------------------


class HTTPError(Exception):
    pass


async def read_response(stream: asyncio.StreamReader) -> tuple[int, bytes, bool]:
    """Status, body and whether the server keeps the connection open (HTTP/1.1)."""
    head = await stream.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    length: int | None = None
    chunked = False
    keep_alive = True
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding":
            chunked = b"chunked" in value.lower()
        elif name == b"connection":
            keep_alive = b"close" not in value.lower()
    if length is not None:
        return status, await stream.readexactly(length), keep_alive
    if not chunked:
        raise HTTPError("a response with neither Content-Length nor chunked encoding")
    body = bytearray()
    while True:
        size = int((await stream.readline()).split(b";")[0], 16)
        if size == 0:
            await stream.readline()
            return status, bytes(body), keep_alive
        body += (await stream.readexactly(size + 2))[:-2]


@dataclass
class Load:
    """What one load run sent and got back, request by request."""

    latency: list[float] = field(default_factory=list)  # seconds, from sending to the whole answer
    since_due: list[float] = field(default_factory=list)  # paced: from when it was due to be sent
    status: list[int] = field(default_factory=list)  # HTTP status, or 0 for a broken connection
    acknowledged: list[int] = field(default_factory=list)  # comment ids of the 200 answers
    published_as: Counter[str] = field(default_factory=Counter)  # the answer's status, if it says
    replies: int = 0
    failures: list[str] = field(default_factory=list)  # a few examples
    finished_at: float = 0.0


@dataclass
class Plan:
    """Who posts where: readers, stories, and the published comments replies go to."""

    port: int
    readers: list[Reader]
    stories: list[int]
    reply_targets: dict[int, list[int]]  # story id → comment ids
    reply_share: float
    seconds: float
    rate: float | None  # comments a second in all, or None: back to back
    seed: int
    label: str
    posts_each: int | None = None  # stop after this many posts per reader


def comment_body(chooser: random.Random, reader: int, number: int, label: str) -> str:
    """A plain-text comment no other is the same as (the rules hold repeated text)."""
    parts = [sentence(chooser) for _ in range(chooser.randint(1, 3))]
    return f"{' '.join(parts)} ({label} reader {reader}, comment {number}, {secrets.token_hex(4)})"


async def post_as(plan: Plan, number: int, load: Load, started: float) -> None:
    """One reader on one keep-alive connection, posting until the time is up."""
    reader = plan.readers[number]
    chooser = random.Random(plan.seed * 100_003 + number)
    head = (
        f"Host: {HOST}:{plan.port}\r\nCookie: {reader.cookie}\r\nX-CSRFToken: {reader.csrf}\r\n"
        "X-Requested-With: fetch\r\nAccept: application/json\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
    ).encode()
    stream: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    interval = len(plan.readers) / plan.rate if plan.rate else 0.0
    due = started + (chooser.uniform(0, interval) if interval else 0.0)
    deadline = started + plan.seconds
    count = 0
    loop = asyncio.get_running_loop()
    with contextlib.suppress(OSError):  # connected before the start; else at the first post
        stream, writer = await asyncio.open_connection(HOST, plan.port)
    try:
        while True:
            wait = due - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            scheduled = due
            if loop.time() >= deadline or count == plan.posts_each:
                return
            if interval:
                due += chooser.expovariate(1 / interval)  # Poisson arrivals over all readers
            story = chooser.choice(plan.stories)
            fields = f"body={quote_plus(comment_body(chooser, number, count, plan.label))}"
            if chooser.random() < plan.reply_share:
                fields += f"&reply_to={chooser.choice(plan.reply_targets[story])}"
                load.replies += 1
            count += 1
            form = fields.encode()
            request = (
                f"POST /en/discussion/{story}/comments/ HTTP/1.1\r\n".encode()
                + head
                + f"Content-Length: {len(form)}\r\n\r\n".encode()
                + form
            )
            sent = loop.time()
            status = 0
            try:
                if writer is None:
                    stream, writer = await asyncio.open_connection(HOST, plan.port)
                assert stream is not None
                writer.write(request)
                status, body, keep_alive = await asyncio.wait_for(read_response(stream), 60)
                if status == 200:
                    answer = json.loads(body)
                    load.acknowledged.append(int(answer["id"]))
                    load.published_as[answer.get("status", "not said")] += 1
                elif len(load.failures) < 10:
                    load.failures.append(f"{status}: {body[:300]!r}")
                if not keep_alive:
                    writer.close()
                    writer = None
            except (
                OSError,
                asyncio.IncompleteReadError,
                TimeoutError,
                HTTPError,
                ValueError,
            ) as error:
                if len(load.failures) < 10:
                    load.failures.append(f"{status or 'connection'}: {error!r}")
                status = status or 0
                if writer is not None:
                    writer.close()
                writer = None
            done = loop.time()
            load.latency.append(done - sent)
            load.since_due.append(done - max(scheduled, started) if interval else done - sent)
            load.status.append(status)
            load.finished_at = max(load.finished_at, done - started)
    finally:
        if writer is not None:
            writer.close()


async def run_load(plan: Plan) -> Load:
    load = Load()
    loop = asyncio.get_running_loop()
    started = loop.time() + 0.2
    await asyncio.gather(*(post_as(plan, number, load, started) for number in range(len(plan.readers))))
    return load


def run_async(coroutine: Any) -> Any:
    """uvloop (a dependency of Dateline's) when importable: the load client costs less CPU."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


def process_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --- post ---------------------------------------------------------------------------------------------


@dataclass
class PostSetup:
    readers: list[Reader]
    warm_readers: list[Reader]
    stories: list[int]
    reply_targets: dict[int, list[int]]
    first_new_id: int  # every comment row from this id on was posted during a load


def prepare_post(arguments: argparse.Namespace, data: Path) -> PostSetup:
    """Stories, readers with sessions and a history, and published comments per story for replies.

    A reader's first comments wait for a moderator (the moderation rules): most readers of a busy
    discussion are regulars, so all but `--new-share` of them have `--history` published comments
    on another story, from the days before. The new ones' comments are held, and still count as
    accepted: they are answered with an id and stored.
    """
    setup_site(arguments.stories + 1)
    from django.utils import timezone

    from dateline.discussion.models import Comment

    chooser = random.Random(arguments.seed)
    *stories, archive = english_stories(arguments.stories + 1)
    readers = make_readers("reader", arguments.readers, chooser)
    warm_readers = make_readers("warm", arguments.warm_readers, chooser)
    # Replies go to comments published before the load by a regular: a reply to a comment that the
    # rules held would be refused, and the point is to measure replies, not refusals.
    regular = make_readers("regular", 1, chooser)[0]
    now = timezone.now()
    new = round(len(readers) * arguments.new_share)
    regulars = [regular, *warm_readers, *readers[new:]]
    Comment.objects.bulk_create(
        [
            Comment(
                story=archive,
                author_id=reader.user_id,
                body=sentence(chooser),
                created_at=now - timedelta(days=2, minutes=chooser.randint(0, 5000)),
            )
            for reader in regulars
            for _ in range(arguments.history)
        ],
        batch_size=2000,
    )
    seeded = Comment.objects.bulk_create(
        [
            Comment(
                story=story,
                author_id=regular.user_id,
                body=sentence(chooser),
                created_at=now - timedelta(minutes=10 * n + 1),
            )
            for story in stories
            for n in range(arguments.seeded)
        ]
    )
    reply_targets: dict[int, list[int]] = {}
    for comment in seeded:
        reply_targets.setdefault(comment.story_id, []).append(comment.pk)
    first_new_id = max(comment.pk for comment in seeded) + 1
    take_snapshot(data)
    return PostSetup(readers, warm_readers, [story.pk for story in stories], reply_targets, first_new_id)


def check_post_path(port: int, setup: PostSetup) -> list[int]:
    """One top-level comment and one reply through the server, as the page's script posts them."""
    acknowledged = []
    for share in (0.0, 1.0):
        plan = Plan(port, setup.warm_readers[:1], setup.stories[:1], setup.reply_targets, share,
                    60.0, None, 0, "check", posts_each=1)  # fmt: skip
        load = run_async(run_load(plan))
        if load.status != [200]:
            raise RuntimeError(f"a comment POST was not accepted: {load.status} {load.failures}")
        acknowledged += load.acknowledged
    return acknowledged


def post_round(
    arguments: argparse.Namespace, data: Path, setup: PostSetup, number: int, kind: str
) -> dict[str, Any]:
    """One load on a fresh copy of the database, then every acknowledged id against the rows."""
    from dateline.discussion.models import Comment
    from dateline.live.models import Event

    restore_snapshot(data)
    rate = None if kind == "max" else arguments.rate
    row: dict[str, Any] = {"round": number, "load": kind, "offered_rate": rate}
    row["idle_before"] = wait_for_quiet(arguments.quiet, arguments.patience)
    with serving(arguments.port, arguments.threads, arguments.workers) as server:
        checked = check_post_path(arguments.port, setup)
        warm = Plan(arguments.port, setup.warm_readers, setup.stories, setup.reply_targets,
                    arguments.reply_share, arguments.warm_seconds, None, number, "warm-up")  # fmt: skip
        warm_load = run_async(run_load(warm))
        plan = Plan(arguments.port, setup.readers, setup.stories, setup.reply_targets,
                    arguments.reply_share, arguments.seconds, rate, number, kind)  # fmt: skip
        profiler = start_profiler(arguments, server, data, f"{kind}-{number}") if number == 1 else None
        server_cpu, client_cpu = server.cpu_seconds(), process_cpu_seconds()
        # What the server holds before and after: a server that keeps something of every request
        # grows with the load (granian's Rust tasks kept every response; see bench/README.md).
        row["server_mb_before"] = server.anonymous_bytes() / 2**20
        load = run_async(run_load(plan))
        row["server_cpu"] = server.cpu_seconds() - server_cpu
        row["client_cpu"] = process_cpu_seconds() - client_cpu
        row["server_mb_after"] = server.anonymous_bytes() / 2**20
        if profiler is not None:
            profiler.wait()
            row["py_spy"] = str(data / f"py-spy-{kind}-{number}.txt")
    stored = set(Comment.objects.filter(pk__gte=setup.first_new_id).values_list("pk", flat=True))
    acknowledged = checked + warm_load.acknowledged + load.acknowledged
    row["rows"] = len(stored)
    row["acknowledged"] = len(acknowledged)
    row["acknowledged_twice"] = len(acknowledged) - len(set(acknowledged))
    row["lost"] = len(set(acknowledged) - stored)
    row["unacknowledged_rows"] = len(stored - set(acknowledged))
    row["stored_as"] = dict(
        Counter(Comment.objects.filter(pk__in=load.acknowledged).values_list("status", flat=True))
    )
    row["outbox_events"] = Event.objects.filter(stream__startswith="comments:").count()
    row["warm_up"] = {
        "requests": len(warm_load.status),
        "errors": sum(1 for s in warm_load.status if s != 200),
    }
    row.update(load_summary(load, arguments.seconds))
    print(
        f"round {number}, {kind}{f' ({rate:g}/s offered)' if rate else ''}: "
        f"{row['accepted_per_second']:.0f} accepted/s, p50 {row['latency_ms']['p50']:.0f} ms, "
        f"p99 {row['latency_ms']['p99']:.0f} ms, max {row['latency_ms']['max']:.0f} ms, errors {row['errors'] or 0}; "
        f"rows {row['rows']:,} for {row['acknowledged']:,} acknowledged, {row['lost']} lost; "
        f"CPU: server {row['server_cpu']:.1f} s, client {row['client_cpu']:.1f} s; "
        f"server heap {row['server_mb_before']:.0f} → {row['server_mb_after']:.0f} MB "
        f"({row['idle_before']:.0%} idle before)",
        flush=True,
    )
    for failure in load.failures[:5]:
        print(f"    {failure}", flush=True)
    return row


def load_summary(load: Load, seconds: float) -> dict[str, Any]:
    latencies = sorted(load.latency)
    since_due = sorted(load.since_due)
    accepted = sum(1 for status in load.status if status == 200)
    errors = Counter(str(status) for status in load.status if status != 200)
    elapsed = max(load.finished_at, seconds)
    return {
        "requests": len(load.status),
        "accepted": accepted,
        "replies": load.replies,
        "seconds": elapsed,
        "accepted_per_second": accepted / elapsed,
        "latency_ms": {
            name: percentile(latencies, share) * 1000
            for name, share in (("p50", 0.5), ("p90", 0.9), ("p95", 0.95), ("p99", 0.99))
        }
        | {"max": (latencies[-1] if latencies else float("nan")) * 1000},
        "since_due_ms": {
            name: percentile(since_due, share) * 1000 for name, share in (("p50", 0.5), ("p99", 0.99))
        },
        "errors": dict(errors),
        "answered_as": dict(load.published_as),
        "failures": load.failures,
    }


def start_profiler(
    arguments: argparse.Namespace, server: Child, data: Path, name: str
) -> subprocess.Popen[bytes] | None:
    """With --py-spy: sample the server's worker, the thread holding the GIL only (= its CPU)."""
    if not arguments.py_spy:
        return None
    out = data / f"py-spy-{name}.txt"
    command = [arguments.py_spy, "record", "-p", str(worker_pid(server)), "-d", str(arguments.profile_seconds),
               "-f", "raw", "-o", str(out), "--nonblocking", "--gil"]  # fmt: skip
    print(f"  py-spy → {out}", flush=True)
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def post_mode(arguments: argparse.Namespace) -> Report:
    report = new_report("comments-post", arguments)
    data = fresh_data_dir(arguments.data)
    os.environ["DATELINE_DATA_DIR"] = str(data)
    setup = prepare_post(arguments, data)
    report.settings.update(
        {
            "data": f"{data}: {arguments.stories} stories, {arguments.seeded} published comments each to reply to",
            "readers": f"{arguments.readers} signed in (confirmed e-mail, profile, session made in-process), "
            f"one keep-alive connection each; {arguments.new_share:.0%} new (nothing published yet), the others "
            f"with {arguments.history} published comments; {arguments.reply_share:.0%} of posts are replies",
            "loads": f"max: back to back; paced: Poisson arrivals at {arguments.rate:g}/s in all; "
            f"{arguments.seconds:g} s each, after a {arguments.warm_seconds:g} s warm-up by "
            f"{arguments.warm_readers} other readers; each on a fresh copy of the database",
            "server": f"`{shlex.join(server_command(arguments.port, arguments.workers))}`, DATELINE_DJANGO_THREADS={django_threads(arguments)}, "
            f"DATELINE_COMMENT_RATE={COMMENT_RATE}",
        }
    )
    for number in range(1, arguments.repeat + 1):
        for kind in arguments.loads:
            report.rounds.append(post_round(arguments, data, setup, number, kind))
    report.table = post_table(report)
    return report


def post_table(report: Report) -> str:
    lines = header(report, "Comments: 200 readers posting at once")
    lines += [
        "| round | load | accepted/s | p50 / p95 / p99 / max (ms) | errors | acknowledged / rows / lost / "
        "rows not acknowledged | answered as | p50 / p99 from when due (ms) | server CPU (s; ms per comment) | "
        "client CPU (s) | server heap before → after (MB) | idle before |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in report.rounds:
        lat = row["latency_ms"]
        errors = ", ".join(f"{k}: {v}" for k, v in row["errors"].items()) or "0"
        answered = ", ".join(f"{k} {v:,}" for k, v in row["answered_as"].items())
        per_comment = row["server_cpu"] / max(1, row["accepted"]) * 1000
        since_due = row["since_due_ms"]
        due = f"{since_due['p50']:.0f} / {since_due['p99']:.0f}" if row["offered_rate"] else "–"
        load = row["load"] + (f" ({row['offered_rate']:g}/s)" if row["offered_rate"] else "")
        memory = (
            f"{row['server_mb_before']:.0f} → {row['server_mb_after']:.0f}"
            if "server_mb_after" in row
            else "–"
        )
        lines.append(
            f"| {row['round']} | {load} | "
            f"**{row['accepted_per_second']:.0f}** | {lat['p50']:.0f} / {lat['p95']:.0f} / **{lat['p99']:.0f}** / "
            f"{lat['max']:.0f} | {errors} | {row['acknowledged']:,} / {row['rows']:,} / {row['lost']} / "
            f"{row['unacknowledged_rows']} | {answered} | {due} | {row['server_cpu']:.1f}; {per_comment:.1f} | "
            f"{row['client_cpu']:.1f} | {memory} | {row['idle_before']:.0%} |"
        )
    lines += [
        "",
        "| load | accepted/s (median) | target | p99 ms (median) | target | errors | lost |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind in dict.fromkeys(row["load"] for row in report.rounds):
        rows = [row for row in report.rounds if row["load"] == kind]
        rate = median([row["accepted_per_second"] for row in rows])
        p99 = median([row["latency_ms"]["p99"] for row in rows])
        errors = sum(sum(row["errors"].values()) for row in rows)
        lost = sum(row["lost"] + row["acknowledged_twice"] for row in rows)
        if kind == "max":
            rate_target = f"≥ {TARGET_ACCEPTED_PER_SECOND:.0f} {verdict(rate >= TARGET_ACCEPTED_PER_SECOND)}"
        else:
            # A paced load cannot be accepted faster than it is offered (Poisson arrivals: 299.9 a
            # second is the whole of 300): what it must show is that every comment sent was taken.
            taken = all(row["accepted"] == row["requests"] for row in rows)
            rate_target = f"every one offered {verdict(taken)}"
        lines.append(
            f"| {kind} | **{rate:.0f}** | {rate_target} | "
            f"**{p99:.0f}** | ≤ {TARGET_POST_P99_MS:.0f} {verdict(p99 <= TARGET_POST_P99_MS)} | "
            f"{errors} {verdict(errors == 0)} | {lost} {verdict(lost == 0)} |"
        )
    return "\n".join(lines) + "\n"


# --- page ---------------------------------------------------------------------------------------------


@dataclass
class PageSetup:
    story_id: int
    signed_in: Reader
    comments: int
    threads: int


def seed_discussion(arguments: argparse.Namespace) -> PageSetup:
    """One story with `--comments` comments: threads, replies, reactions, a few hundred authors.

    About 70% start a thread and 30% reply. Threads differ in how much they draw (a Pareto
    weight): popular ones get most replies and reactions, as on a real site. Times spread over the
    last three days, replies after their thread. About 1% were deleted by their author and 1% wait
    for a moderator. Reader 0, the one measured signed in, reacted to a fair share of them.
    """
    from django.db import transaction
    from django.utils import timezone

    from dateline.discussion.models import Comment, CommentReaction, Reaction

    chooser = random.Random(arguments.seed)
    story = english_stories(1)[0]
    readers = make_readers("reader", arguments.authors, chooser)
    authors = [reader.user_id for reader in readers]
    now = timezone.now()
    top_level = round(arguments.comments * 0.7)
    kinds = list(Reaction.values)

    def status() -> str:
        roll = chooser.random()
        if roll < 0.01:
            return Comment.Status.REMOVED
        if roll < 0.02:
            return Comment.Status.PENDING
        return Comment.Status.PUBLISHED

    started = time.monotonic()
    with transaction.atomic():
        threads = []
        for _ in range(top_level):
            state = status()
            threads.append(
                Comment(
                    story=story,
                    author_id=chooser.choice(authors),
                    body=""
                    if state == Comment.Status.REMOVED
                    else " ".join(sentence(chooser) for _ in range(chooser.randint(1, 4))),
                    status=state,
                    created_at=now - timedelta(seconds=chooser.uniform(60, 3 * 86400)),
                )
            )
        threads = Comment.objects.bulk_create(threads, batch_size=2000)
        weights = [chooser.paretovariate(1.5) for _ in threads]
        published = [t for t in threads if t.status == Comment.Status.PUBLISHED]
        published_weights = [
            w for t, w in zip(threads, weights, strict=True) if t.status == Comment.Status.PUBLISHED
        ]
        replies = []
        for thread in chooser.choices(published, published_weights, k=arguments.comments - top_level):
            state = status()
            age = (now - thread.created_at).total_seconds()
            replies.append(
                Comment(
                    story=story,
                    author_id=chooser.choice(authors),
                    body="" if state == Comment.Status.REMOVED else sentence(chooser),
                    status=state,
                    thread=thread,
                    reply_to=thread,
                    created_at=thread.created_at
                    + timedelta(seconds=min(age - 1, chooser.expovariate(1 / 7200))),
                )
            )
        replies = Comment.objects.bulk_create(replies, batch_size=2000)
        # Some replies answer an earlier reply of their thread rather than the thread itself.
        by_thread: dict[int, list[Comment]] = {}
        for reply in sorted(replies, key=lambda r: r.created_at):
            earlier = by_thread.setdefault(reply.thread_id, [])
            if earlier and chooser.random() < 0.4:
                reply.reply_to = chooser.choice(earlier)
            earlier.append(reply)
        Comment.objects.bulk_update(replies, ["reply_to"], batch_size=2000)
        counts = Counter(r.thread_id for r in replies if r.status == Comment.Status.PUBLISHED)
        for thread in threads:
            thread.reply_count = counts.get(thread.pk, 0)
        weight_of = {t.pk: w for t, w in zip(threads, weights, strict=True)}
        reactions = []
        reacted = []
        for comment in threads + replies:
            if comment.status != Comment.Status.PUBLISHED or chooser.random() >= 0.3:
                continue
            weight = weight_of[comment.thread_id or comment.pk]
            total = min(len(authors), max(1, int(weight * chooser.uniform(0.5, 3))))
            pairs = {(chooser.choice(authors), chooser.choice(kinds)) for _ in range(total)}
            if chooser.random() < 0.3:
                pairs.add((readers[0].user_id, chooser.choice(kinds)))
            tally = Counter(kind for _reader, kind in pairs)
            comment.reactions = dict(tally)
            comment.reaction_count = sum(tally.values())
            reacted.append(comment)
            reactions += [CommentReaction(comment=comment, reader_id=r, kind=k) for r, k in pairs]
        Comment.objects.bulk_update(threads, ["reply_count"], batch_size=2000)
        Comment.objects.bulk_update(reacted, ["reactions", "reaction_count"], batch_size=2000)
        CommentReaction.objects.bulk_create(reactions, batch_size=5000)
    total = Comment.objects.filter(story=story).count()
    print(
        f"seeded story {story.pk}: {total:,} comments ({top_level:,} threads, {len(replies):,} replies, "
        f"the busiest thread {max(counts.values()):,} replies), {len(reactions):,} reactions by "
        f"{len(authors)} readers in {time.monotonic() - started:.1f} s",
        flush=True,
    )
    return PageSetup(story.pk, readers[0], total, top_level)


def check_page_paths(base: str, setup: PageSetup) -> dict[str, Any]:
    """The fragment reaches Django both ways, shows a page of threads, and the session signs in."""
    facts: dict[str, Any] = {}
    url = f"{base}/en/discussion/{setup.story_id}/"
    fragment = {"X-Requested-With": "fetch"}
    for name, headers in (
        ("anonymous", fragment),
        ("signed in", {**fragment, "Cookie": setup.signed_in.cookie}),
    ):
        fetch(url, headers)
        status, answer_headers, body = fetch(url, headers)
        if status != 200 or "etag" in answer_headers:
            raise RuntimeError(f"{url} ({name}): {status}, {answer_headers}")
        text = body.decode()
        threads = text.count('class="comment"') + text.count('class="comment comment--removed"')
        facts[name] = {"bytes": len(body), "threads": threads, "comments": text.count("data-comment=")}
        if name == "signed in" and "data-comment-form" not in text:
            raise RuntimeError("the signed-in fragment shows no comment form: the session did not sign in")
        if name == "anonymous" and "data-comment-form" in text:
            raise RuntimeError("the anonymous fragment shows the comment form")
    status, answer_headers, _body = fetch(f"{base}/robots.txt", {"Cookie": PRIVATE_COOKIE})
    if status != 200 or "etag" in answer_headers:
        raise RuntimeError(f"the baseline request did not reach Django ({status}, {answer_headers})")
    return facts


def page_targets(base: str, setup: PageSetup) -> list[tuple[str, str, list[str]]]:
    url = f"{base}/en/discussion/{setup.story_id}/"
    fetch_header = "X-Requested-With: fetch"
    signed = f"Cookie: {setup.signed_in.cookie}"
    return [
        ("baseline: /robots.txt through Django", f"{base}/robots.txt", [f"Cookie: {PRIVATE_COOKIE}"]),
        ("anonymous, newest (first page)", url, [fetch_header]),
        ("signed in, newest (first page)", url, [fetch_header, signed]),
        ("anonymous, sort=reacted", url + "?sort=reacted", [fetch_header]),
        ("signed in, sort=reacted", url + "?sort=reacted", [fetch_header, signed]),
        ("anonymous, sort=oldest", url + "?sort=oldest", [fetch_header]),
        ("signed in, sort=oldest", url + "?sort=oldest", [fetch_header, signed]),
    ]


def page_mode(arguments: argparse.Namespace) -> Report:
    report = new_report("comments-page", arguments)
    data = fresh_data_dir(arguments.data)
    os.environ["DATELINE_DATA_DIR"] = str(data)
    setup_site(1)
    setup = seed_discussion(arguments)
    close_database()
    base = f"http://{HOST}:{arguments.port}"
    report.settings.update(
        {
            "data": f"{data}: story {setup.story_id} with {setup.comments:,} comments ({setup.threads:,} threads)",
            "server": f"`{shlex.join(server_command(arguments.port, arguments.workers))}`, DATELINE_DJANGO_THREADS={django_threads(arguments)}",
            "wrk": f"-t1 -c1 -d{arguments.duration}s --latency, -H 'X-Requested-With: fetch' (+ the reader's "
            "session and CSRF cookies when signed in), one after the other each round",
        }
    )
    with serving(arguments.port, arguments.threads, arguments.workers) as server:
        facts = check_page_paths(base, setup)
        report.settings["fragment"] = "; ".join(
            f"{name} {fact['bytes']:,} bytes, {fact['threads']} threads, {fact['comments']} comments shown"
            for name, fact in facts.items()
        )
        targets = page_targets(base, setup)
        for _name, url, headers in targets:
            wrk(url, 1, 2, headers=headers)
        for number in range(1, arguments.repeat + 1):
            idle = wait_for_quiet(arguments.quiet, arguments.patience)
            results = {}
            for name, url, headers in targets:
                result = wrk(url, 1, arguments.duration, True, headers, server)
                check_clean(result, name)
                results[name] = {
                    "p50": result.latency_ms["50"],
                    "p90": result.latency_ms["90"],
                    "p99": result.latency_ms["99"],
                    "requests": result.requests,
                    "requests_per_second": result.requests_per_second,
                    "cpu_ms": (result.server_cpu_us or float("nan")) / 1000,
                    "command": result.command,
                }
            report.rounds.append({"round": number, "idle_before": idle, "results": results})
            print(
                f"round {number} ({idle:.0%} idle before): "
                + "; ".join(f"{name} p50 {r['p50']:.1f} ms" for name, r in results.items()),
                flush=True,
            )
    report.table = page_table(report)
    if arguments.profile:
        report.table += profile_page(arguments, setup)
    return report


def query_plan(connection: Any, sql: str) -> str:
    """SQLite's EXPLAIN QUERY PLAN of a logged query (Django logs it with its parameters quoted)."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return "; ".join(str(row[-1]) for row in cursor.fetchall())


def profile_page(arguments: argparse.Namespace, setup: PageSetup) -> str:
    """The fragment's GETs in-process (no server): queries, the parts, and cProfile's top."""
    import cProfile
    import io
    import pstats

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    url = f"/en/discussion/{setup.story_id}/"
    signed_in = Client()
    signed_in.cookies.load(setup.signed_in.cookie)
    lines = ["", "## Where the first page spends its time (in-process, no server)", ""]
    for who, client in (("anonymous", Client()), ("signed in", signed_in)):
        for sort in ("newest", "reacted"):

            def get(client: Client = client, sort: str = sort) -> Any:
                response = client.get(url, {"sort": sort}, headers={"X-Requested-With": "fetch"})
                if response.status_code != 200:
                    raise RuntimeError(f"GET {url}?sort={sort} answered {response.status_code}")
                return response

            for _ in range(3):
                get()
            with CaptureQueriesContext(connection) as captured:
                response = get()
            queries = list(captured.captured_queries)  # the next request empties the log
            shown = response.content.count(b"data-comment=")
            requests = max(5, arguments.page_requests)
            parts: Counter[str] = Counter()
            clock = SQLClock()
            timings = []
            with clock.watching(connection), timing_parts(parts, PAGE_PARTS) as missing:
                for _ in range(requests):
                    began = time.perf_counter()
                    get()
                    timings.append(time.perf_counter() - began)
            whole = sum(timings)
            lines += [
                f"### {who}, sort={sort}: {len(response.content):,} bytes, {shown} comments shown, "
                f"{len(queries)} queries",
                "",
                f"Median {fmt(median(timings) * 1000, 2)} ms over {requests} GETs one after the other.",
                "",
                "| part | ms a GET (mean) | share |",
                "|---|---|---|",
                f"| the whole request through the test client | {fmt(whole * 1000 / requests, 2)} | 100% |",
            ]
            for label, _module, _attribute in PAGE_PARTS:
                if label in parts:
                    lines.append(
                        f"| {label} | {fmt(parts[label] * 1000 / requests, 2)} | {parts[label] / whole:.0%} |"
                    )
            lines += [
                f"| every SQL statement in the driver | {fmt(clock.seconds * 1000 / requests, 2)} | "
                f"{clock.seconds / whole:.0%} |",
                "",
                "Queries:",
                "",
            ]
            for n, query in enumerate(queries, 1):
                lines.append(f"{n}. {query['time']} s: `{query['sql'][:240]}`")
                if float(query["time"]) >= 0.001 and query["sql"].startswith("SELECT"):
                    lines.append(f"   - plan: {query_plan(connection, query['sql'])}")
            lines += ["", f"Not found in this code: {', '.join(missing)}.", ""] if missing else [""]
            if who == "signed in" and sort == "newest":
                profiler = cProfile.Profile()
                profiler.enable()
                for _ in range(requests):
                    get()
                profiler.disable()
                own, cumulative = io.StringIO(), io.StringIO()
                pstats.Stats(profiler, stream=cumulative).sort_stats("cumulative").print_stats(arguments.top)
                pstats.Stats(profiler, stream=own).sort_stats("tottime").print_stats(arguments.top)
                for title, text in (("cumulative", cumulative), ("own", own)):
                    lines += [f"cProfile, {who}, sort={sort}, by {title} time:", "", "```",
                              text.getvalue().strip()[-9000:], "```", ""]  # fmt: skip
    return "\n".join(lines) + "\n"


def page_table(report: Report) -> str:
    lines = header(report, "Comments: the first page of a 10,000-comment discussion")
    rounds = report.rounds
    runs = " | ".join(f"p50 run {r['round']}" for r in rounds)
    lines += [
        f"| request | {runs} | p50 (median) | p90 / p99 (median) | requests a run | server CPU per request (ms) | target |",
        "|---|" + "---|" * len(rounds) + "---|---|---|---|---|",
    ]
    for name in rounds[0]["results"]:
        results = [r["results"][name] for r in rounds]
        p50 = median([r["p50"] for r in results])
        target = ""
        if "first page" in name:
            target = f"≤ {TARGET_PAGE_P50_MS:.0f} ms {verdict(p50 <= TARGET_PAGE_P50_MS)}"
        lines.append(
            f"| {name} | {' | '.join(fmt(r['p50'], 2) for r in results)} | **{fmt(p50, 2)}** | "
            f"{fmt(median([r['p90'] for r in results]), 1)} / {fmt(median([r['p99'] for r in results]), 1)} | "
            f"{fmt(median([r['requests'] for r in results]), 0)} | {fmt(median([r['cpu_ms'] for r in results]), 2)} | {target} |"
        )
    idle = ", ".join(f"{r['idle_before']:.0%}" for r in rounds)
    return "\n".join(lines) + f"\n\nIdle before each round: {idle}.\n"


# --- profile ------------------------------------------------------------------------------------------


# What `profile` and `page --profile` time separately: (label, module, attribute). Nested parts
# are inside the ones above them; a part the code no longer has is reported as such.
POST_PARTS = [
    ("session and user loaded (auth middleware)", "django.contrib.auth.middleware", "get_user"),
    ("site and editions looked up again: the content version changed", "dateline.core.middleware",
     "ContentVersionMiddleware.find_site"),
    ("the view, all of it", "dateline.discussion.views", "post_comment"),
    ("· the action: do_post_comment", "dateline.discussion.actions", "do_post_comment"),
    ("· · checks: confirmed e-mail, story open", "dateline.discussion.actions", "check_can_post"),
    ("· · the reader's standing", "dateline.discussion.rules", "standing_of"),
    ("· · the rules (words, links, repeats)", "dateline.discussion.rules", "screen"),
    ("· · rows written (comment, notification, outbox event)", "dateline.core.rows", "insert"),
    ("· · notify_comment: published count, comment HTML, outbox row (in the transaction)",
     "dateline.discussion.actions", "notify_comment"),
    ("· · · the comment's markup", "dateline.discussion.markup", "comment_html"),
    ("· · the commit", "django.db.transaction", "Atomic.__exit__"),
]  # fmt: skip
PAGE_PARTS = [
    ("session and user loaded (auth middleware)", "django.contrib.auth.middleware", "get_user"),
    ("site and editions (remembered per content version)", "dateline.core.middleware",
     "ContentVersionMiddleware.find_site"),
    ("the view, all of it", "dateline.discussion.views", "discussion"),
    ("· the template, discussion/panel.html (its queries included)", "dateline.discussion.views", "render"),
    ("· · {% url %} tags", "django.template.defaulttags", "URLNode.render"),
    ("· · {% csrf_token %} tags", "django.template.defaulttags", "CsrfTokenNode.render"),
    ("· · comment text to HTML (comment_text)", "dateline.discussion.text", "render_comment"),
]  # fmt: skip


@contextlib.contextmanager
def timing_parts(totals: Counter[str], parts: Sequence[tuple[str, str, str]]) -> Iterator[list[str]]:
    """Wrap each of `parts` so that its wall time adds up in `totals`; yields those not found."""
    import importlib
    import inspect

    undo = []
    missing = []
    for label, module_name, attribute in parts:
        owner: Any = importlib.import_module(module_name)
        *path, name = attribute.split(".")
        for step in path:
            owner = getattr(owner, step, None)
        if owner is None or not hasattr(owner, name):
            missing.append(label)
            continue
        raw = inspect.getattr_static(owner, name)
        original = getattr(owner, name)

        def wrapper(*args: Any, _original: Any = original, _label: str = label, **kwargs: Any) -> Any:
            began = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                totals[_label] += time.perf_counter() - began

        setattr(owner, name, staticmethod(wrapper) if isinstance(raw, staticmethod) else wrapper)
        undo.append((owner, name, raw))
    # The URL patterns hold the views themselves: point them at the wrappers too.
    from dateline.discussion import urls

    for pattern in urls.urlpatterns:
        for owner, name, raw in list(undo):
            if pattern.callback is raw:
                pattern.callback = getattr(owner, name)
                undo.append((pattern, "callback", raw))
    try:
        yield missing
    finally:
        for owner, name, raw in undo:
            setattr(owner, name, raw)


@dataclass
class SQLClock:
    """Per thread: time in the driver, waiting to begin a write transaction, and holding it."""

    statements: int = 0
    seconds: float = 0.0
    begin_wait: list[float] = field(default_factory=list)
    held: list[float] = field(default_factory=list)
    _began: float = 0.0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            done = time.perf_counter()
            self.statements += 1
            self.seconds += done - started
            if sql.startswith("BEGIN"):
                self.begin_wait.append(done - started)
                self._began = done

    @contextlib.contextmanager
    def watching(self, connection: Any) -> Iterator[None]:
        """Count this connection's statements, and its commits (which are no statements)."""
        original = connection._commit

        def commit() -> Any:
            try:
                return original()
            finally:
                if self._began:
                    self.held.append(time.perf_counter() - self._began)
                    self._began = 0.0

        connection._commit = commit
        try:
            with connection.execute_wrapper(self):
                yield
        finally:
            del connection._commit


def profile_mode(arguments: argparse.Namespace) -> Report:
    """Readers' POSTs through Django's test client, in-process: queries, parts, threads, functions."""
    import cProfile
    import io
    import pstats
    import threading

    report = new_report("comments-profile", arguments)
    data = fresh_data_dir(arguments.data)
    os.environ["DATELINE_DATA_DIR"] = str(data)
    os.environ["DATELINE_COMMENT_RATE"] = COMMENT_RATE
    setup = prepare_post(arguments, data)
    restore_snapshot(data)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    def poster(reader: Reader, seed: int) -> Any:
        client = Client(enforce_csrf_checks=True)
        client.cookies.load(reader.cookie)
        chooser = random.Random(seed)
        headers = {"X-Requested-With": "fetch", "X-CSRFToken": reader.csrf}
        counter = iter(range(10**9))

        def post(reply: bool | None = None) -> Any:
            story = chooser.choice(setup.stories)
            form = {"body": comment_body(chooser, reader.user_id, next(counter), "profile")}
            if reply if reply is not None else chooser.random() < arguments.reply_share:
                form["reply_to"] = str(chooser.choice(setup.reply_targets[story]))
            response = client.post(f"/en/discussion/{story}/comments/", form, headers=headers)
            if response.status_code != 200:
                raise RuntimeError(f"POST answered {response.status_code}: {response.content[:300]!r}")
            return response

        return post

    post = poster(setup.readers[-1], arguments.seed)  # a regular: the first readers are new
    for _ in range(20):
        post()
    report.settings["idle before"] = f"{wait_for_quiet(arguments.quiet, arguments.patience):.0%}"
    lines = header(report, "Comments: where a POST spends its time (in-process, no server)")
    for title, reply in (("a top-level comment", False), ("a reply", True)):
        with CaptureQueriesContext(connection) as captured:
            post(reply)
        lines += [f"### Queries of {title}: {len(captured.captured_queries)}", ""]
        lines += [
            f"{n}. {q['time']} s: `{q['sql'][:300]}`" for n, q in enumerate(captured.captured_queries, 1)
        ]
        lines.append("")

    requests = arguments.requests
    timings = []
    clock = SQLClock()
    parts: Counter[str] = Counter()
    with clock.watching(connection), timing_parts(parts, POST_PARTS) as missing:
        for _ in range(requests):
            began = time.perf_counter()
            post()
            timings.append(time.perf_counter() - began)
    whole = sum(timings)
    lines += [
        f"### One reader, {requests} POSTs one after the other ({arguments.reply_share:.0%} replies)",
        "",
        f"Median {fmt(median(timings) * 1000, 2)} ms a POST, min {fmt(min(timings) * 1000, 2)} ms, "
        f"max {fmt(max(timings) * 1000, 2)} ms; {clock.statements / requests:.1f} statements a POST.",
        "",
        "| part | ms a POST (mean) | share |",
        "|---|---|---|",
        f"| the whole request through the test client | {fmt(whole * 1000 / requests, 2)} | 100% |",
    ]
    for label, _module, _attribute in POST_PARTS:
        if label in parts:
            lines.append(
                f"| {label} | {fmt(parts[label] * 1000 / requests, 2)} | {parts[label] / whole:.0%} |"
            )
    lines += [
        f"| every SQL statement in the driver (BEGIN included, COMMIT not) | {fmt(clock.seconds * 1000 / requests, 2)} | "
        f"{clock.seconds / whole:.0%} |",
        f"| the write transaction held, BEGIN to COMMIT | {fmt(sum(clock.held) * 1000 / requests, 2)} | "
        f"{sum(clock.held) / whole:.0%} |",
        "",
    ]
    lines += [f"Not found in this code: {', '.join(missing)}.", ""] if missing else []
    report.rounds.append(
        {
            "sequential_ms": [t * 1000 for t in timings],
            "parts_ms": {k: v * 1000 / requests for k, v in parts.items()},
        }
    )

    for threads in arguments.profile_threads:
        clocks = [SQLClock() for _ in range(threads)]
        errors: list[str] = []
        each = max(1, requests // threads)
        barrier = threading.Barrier(threads + 1)

        def work(
            number: int, clock: SQLClock, each: int, barrier: threading.Barrier, errors: list[str]
        ) -> None:
            from django.db import connections

            post_as_reader = poster(setup.readers[-2 - number], arguments.seed + number)
            try:
                post_as_reader()
                barrier.wait()
                with clock.watching(connections["default"]):
                    for _ in range(each):
                        post_as_reader()
            except Exception as error:
                errors.append(repr(error))
            finally:
                connections.close_all()

        workers = [
            threading.Thread(target=work, args=(n, clocks[n], each, barrier, errors)) for n in range(threads)
        ]
        for worker in workers:
            worker.start()
        barrier.wait()
        began = time.perf_counter()
        for worker in workers:
            worker.join()
        elapsed = time.perf_counter() - began
        waits = sorted(w for c in clocks for w in c.begin_wait)
        held = sorted(h for c in clocks for h in c.held)
        lines += [
            f"### {threads} threads posting at once, {each} POSTs each (in-process, no server)",
            "",
            f"- {threads * each / elapsed:.0f} POSTs a second ({errors[0] if errors else 'no errors'})",
            f"- waiting for the write lock (BEGIN IMMEDIATE): median {fmt(median(waits) * 1000, 2)} ms, "
            f"p99 {fmt(percentile(waits, 0.99) * 1000, 1)} ms, max {fmt(waits[-1] * 1000, 1)} ms",
            f"- write lock held, BEGIN to COMMIT: median {fmt(median(held) * 1000, 2)} ms, "
            f"p99 {fmt(percentile(held, 0.99) * 1000, 1)} ms; the lock was held "
            f"{sum(held) / elapsed:.0%} of the time",
            "",
        ]
        report.rounds.append(
            {"threads": threads, "per_second": threads * each / elapsed, "begin_wait_ms": [w * 1000 for w in waits],
             "held_ms": [h * 1000 for h in held], "errors": errors}
        )  # fmt: skip

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(requests):
        post()
    profiler.disable()
    cumulative, own = io.StringIO(), io.StringIO()
    pstats.Stats(profiler, stream=cumulative).sort_stats("cumulative").print_stats(arguments.top)
    pstats.Stats(profiler, stream=own).sort_stats("tottime").print_stats(arguments.top)
    for title, text in (("cumulative", cumulative), ("own", own)):
        lines += [
            "",
            f"cProfile, {requests} POSTs, by {title} time:",
            "",
            "```",
            text.getvalue().strip()[-9000:],
            "```",
        ]
    report.table = "\n".join(lines) + "\n"
    return report


def summarise_py_spy(path: Path, top: int = 30) -> str:
    """A py-spy raw (collapsed stacks) file as the functions with most samples, inclusive and own."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack:
            continue
        count = int(count_text)
        total += count
        frames = [frame.split(" (")[0] + " (" + frame.split(" (")[-1].split(":")[0].rsplit("/", 1)[-1] + ")"
                  for frame in stack.split(";")]  # fmt: skip
        for frame in set(frames):
            inclusive[frame] += count
        own[frames[-1]] += count
    lines = [f"{total} samples", "", "inclusive:"]
    lines += [f"{count / total:6.1%}  {frame}" for frame, count in inclusive.most_common(top)]
    lines += ["", "own:"]
    lines += [f"{count / total:6.1%}  {frame}" for frame, count in own.most_common(top)]
    return "\n".join(lines)


# --- reports ------------------------------------------------------------------------------------------


def verdict(met: bool) -> str:
    return "yes" if met else "**no**"


def new_report(mode: str, arguments: argparse.Namespace) -> Report:
    report = Report(mode, datetime.now(UTC).isoformat(timespec="seconds"), machine(), {})
    if arguments.code:
        report.settings["code"] = f"{ROOT}: {arguments.code}"
    else:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        )
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True)  # fmt: skip
        report.settings["code"] = (
            f"{ROOT}, commit {commit.stdout.strip()}"
            + (" with local changes" if dirty.stdout.strip() else "")
            if commit.returncode == 0
            else f"{ROOT} (not a git checkout: say which code with --code)"
        )
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["post", "page", "profile"])
    parser.add_argument("--data", type=Path, default=None, help="data directory, wiped and made afresh")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (default 3)")
    parser.add_argument("--port", type=int, default=8401)
    parser.add_argument(
        "--threads", type=int, default=None, help="DATELINE_DJANGO_THREADS (default: as set, or 4)"
    )
    parser.add_argument(
        "--workers", type=int, default=1, help="server processes (`dateline serve --workers`; default 1)"
    )
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument(
        "--code", default="", help="what code this is, for the report (e.g. an exported commit)"
    )
    parser.add_argument(
        "--quiet", type=float, default=0.85, help="wait before each round until this share of CPU is idle"
    )
    parser.add_argument("--patience", type=float, default=300, help="…for at most this many seconds")
    post = parser.add_argument_group("post and profile")
    post.add_argument("--readers", type=int, default=200)
    post.add_argument("--seconds", type=float, default=60.0, help="length of each load")
    post.add_argument("--loads", nargs="+", choices=["max", "paced"], default=["max", "paced"])
    post.add_argument(
        "--rate", type=float, default=TARGET_ACCEPTED_PER_SECOND, help="paced: comments/s in all"
    )
    post.add_argument("--stories", type=int, default=10, help="stories the readers comment on")
    post.add_argument("--seeded", type=int, default=10, help="published comments per story to reply to")
    post.add_argument("--reply-share", type=float, default=0.3)
    post.add_argument("--new-share", type=float, default=0.1, help="readers without published comments yet")
    post.add_argument("--history", type=int, default=5, help="published comments each other reader has")
    post.add_argument("--warm-readers", type=int, default=20)
    post.add_argument("--warm-seconds", type=float, default=3.0)
    post.add_argument(
        "--py-spy", default=None, help="py-spy's path: sample the server in round 1 of each load"
    )
    post.add_argument("--profile-seconds", type=int, default=20)
    post.add_argument("--requests", type=int, default=200, help="profile: POSTs timed and profiled")
    post.add_argument(
        "--profile-threads", type=int, nargs="*", default=[1, 4], help="profile: threads at once"
    )
    post.add_argument("--top", type=int, default=40, help="profile: functions listed")
    page = parser.add_argument_group("page")
    page.add_argument("--comments", type=int, default=10_000)
    page.add_argument("--authors", type=int, default=300)
    page.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    page.add_argument("--profile", action="store_true", help="then profile the fragment in-process")
    page.add_argument("--page-requests", type=int, default=30, help="--profile: GETs timed per request kind")
    arguments = parser.parse_args()
    default_data = {
        "post": "dl-bench-comments",
        "page": "dl-bench-comments-page",
        "profile": "dl-bench-comments-profile",
    }
    arguments.data = arguments.data or Path(tempfile.gettempdir()) / default_data[arguments.mode]

    prepare_environment(None)  # each mode makes its own data directory
    if arguments.mode != "profile":
        ensure_port_free(arguments.port)  # before minutes of setup, not after
    if arguments.mode == "page" and not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    mode = {"post": post_mode, "page": page_mode, "profile": profile_mode}
    report = mode[arguments.mode](arguments)
    for row in report.rounds:
        spy = row.get("py_spy") if isinstance(row, dict) else None
        if spy and Path(spy).exists():
            summary = summarise_py_spy(Path(spy))
            report.table += f"\n### py-spy, {row['load']} (round {row['round']}, GIL holder only)\n\n```\n{summary}\n```\n"
    show_and_save(report)
    return 0


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
    sys.exit(130)
