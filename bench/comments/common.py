"""What the comment benchmarks share: the site and its snapshot, the posting setup, the server,
and the options and run of every mode."""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from bench.harness.environment import (
    HOST,
    ROOT,
    add_data_option,
    data_dir,
    django_setup,
    fresh_data_dir,
    prepare_environment,
    python_module,
    raise_open_files_limit,
)
from bench.harness.machine import add_quiet_options
from bench.harness.processes import Child, ensure_port_free, running
from bench.harness.profiling import summarise_py_spy
from bench.harness.readers import Reader, make_readers, sentence
from bench.harness.report import Report, code_description, new_report, show_and_save
from bench.harness.server import dateline_server, django_threads, server_command
from bench.harness.wrk import require_wrk

# The target for posting (issue 4, section 5); the others are in their modules.
TARGET_ACCEPTED_PER_SECOND = 300.0

COMMENT_RATE = "100000/m"  # the server's per-reader limit during the bench (default 6/m)
DATABASE = "dateline.sqlite3"
SNAPSHOT = "snapshot.sqlite3"


# --- the data directory and the database -------------------------------------------------------------


def comments_data_dir(path: Path) -> Path:
    """Wipe and make `path`, with the folders the server writes to."""
    path = fresh_data_dir(path, "comments")
    (path / "static").mkdir()
    (path / "media").mkdir()
    return path


def setup_site(stories: int) -> None:
    """`dateline setup` (no static files: no page is measured), then `stories` published stories.

    The stories are saved through Wagtail in-process (a few are needed, not 100,000).
    """
    print(f"dateline setup on {data_dir()} …", flush=True)
    setup = python_module("dateline.cli", "manage", "setup", "--no-static")
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


def close_database() -> None:
    """Fold the WAL into the database file and let go of it, so the file can be copied."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def take_snapshot(data: Path) -> None:
    """A copy of the database as it is now, for `restore_snapshot`."""
    close_database()
    shutil.copyfile(data / DATABASE, data / SNAPSHOT)


def restore_snapshot(data: Path) -> None:
    """The database as it was after setup: every load starts from the same rows."""
    from django.db import connection

    connection.close()
    for path in (data / DATABASE, data / f"{DATABASE}-wal", data / f"{DATABASE}-shm"):
        path.unlink(missing_ok=True)
    shutil.copyfile(data / SNAPSHOT, data / DATABASE)


def english_stories(count: int) -> list[Any]:
    """The first `count` English stories, which must all take comments."""
    from dateline.articles.models import ArticlePage

    stories = list(ArticlePage.objects.live().filter(locale__language_code="en").order_by("pk")[:count])
    if len(stories) < count:
        raise RuntimeError(f"only {len(stories)} English stories, {count} wanted")
    closed = [story.pk for story in stories if not story.takes_comments()]
    if closed:
        raise RuntimeError(f"stories {closed} do not take comments")
    return stories


# --- posting -------------------------------------------------------------------------------------------


@dataclass
class PostSetup:
    """Who posts where, made once and kept in the snapshot."""

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


# --- the server ---------------------------------------------------------------------------------------


@contextlib.contextmanager
def serving(arguments: argparse.Namespace) -> Iterator[Child]:
    """The server as `dateline serve --no-worker` starts it, with the rate limit out of the way."""
    server = dateline_server(
        arguments.port,
        arguments.workers,
        arguments.threads,
        extra={"DATELINE_COMMENT_RATE": COMMENT_RATE},
        name="dateline-comments",
    )
    with running(server, f"http://{HOST}:{arguments.port}/robots.txt"):
        yield server


def server_setting(arguments: argparse.Namespace) -> str:
    """The report's line about the server."""
    command = server_command(arguments.port, arguments.workers)
    return f"`{shlex.join(command)}`, DATELINE_DJANGO_THREADS={django_threads(arguments.threads)}"


# --- options and the run --------------------------------------------------------------------------------


def parser(description: str, data: str) -> argparse.ArgumentParser:
    """The options every comment benchmark takes (`data`: the default data directory's name)."""
    found = argparse.ArgumentParser(description=description.split("\n\n")[0])
    add_data_option(found, data)
    found.add_argument("--repeat", type=int, default=3, help="rounds (default 3)")
    found.add_argument("--port", type=int, default=8401)
    found.add_argument(
        "--threads", type=int, default=None, help="DATELINE_DJANGO_THREADS (default: as set, or 4)"
    )
    found.add_argument(
        "--workers", type=int, default=1, help="server processes (`dateline serve --workers`; default 1)"
    )
    found.add_argument("--seed", type=int, default=20261129)
    found.add_argument(
        "--code", default="", help="what code this is, for the report (e.g. an exported commit)"
    )
    found.add_argument("--top", type=int, default=40, help="profiles: functions listed")
    add_quiet_options(found)
    return found


def add_posting_options(options: argparse.ArgumentParser) -> None:
    """The options of the posting setup (`prepare_post`) and of the posts themselves."""
    options.add_argument("--readers", type=int, default=200)
    options.add_argument("--stories", type=int, default=10, help="stories the readers comment on")
    options.add_argument("--seeded", type=int, default=10, help="published comments per story to reply to")
    options.add_argument("--reply-share", type=float, default=0.3)
    options.add_argument(
        "--new-share", type=float, default=0.1, help="readers without published comments yet"
    )
    options.add_argument("--history", type=int, default=5, help="published comments each other reader has")
    options.add_argument("--warm-readers", type=int, default=20)


def run(
    measure: Callable[[argparse.Namespace, Report, Path], None],
    arguments: argparse.Namespace,
    mode: str,
    server: bool = True,
    wrk: bool = False,
) -> int:
    """Prepare the environment and a fresh data directory, `measure` into a new report of `mode`
    (with which code it measured), add py-spy's summaries, print and save it."""
    prepare_environment(None)  # each mode makes its own data directory
    if server:
        ensure_port_free(arguments.port)  # before minutes of setup, not after
    if wrk:
        require_wrk()
    raise_open_files_limit()
    report = new_report(mode, code=code_description(arguments.code))
    data = comments_data_dir(arguments.data)
    os.environ["DATELINE_DATA_DIR"] = str(data)
    measure(arguments, report, data)
    for row in report.rounds:
        spy = row.get("py_spy") if isinstance(row, dict) else None
        if spy and Path(spy).exists():
            summary = summarise_py_spy(Path(spy))
            report.table += f"\n### py-spy, {row['load']} (round {row['round']}, GIL holder only)\n\n```\n{summary}\n```\n"
    show_and_save(report)
    return 0


def main(run_mode: Callable[[], int]) -> None:
    """Exit with what `run_mode` returns; 130 on Ctrl-C, without a traceback."""
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(run_mode())
    sys.exit(130)
