"""`dateline backup` while readers comment, `dateline restore` into a new data directory."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from contextlib import closing
from http import HTTPStatus
from pathlib import Path

import httpx
import psycopg
import pytest
from django.conf import settings
from django.db import connection, connections
from django.urls import reverse

from dateline.cli import granian_command
from dateline.discussion import actions as discussion
from dateline.discussion.models import Comment
from dateline.subscriptions import actions as subscriptions
from dateline.subscriptions.models import Subscriber, Subscription
from tests.browser.server import database_url, free_port, serving
from tests.discussion.factories import reader
from tests.factories import ArticleFactory, locale

pytestmark = pytest.mark.usefixtures("committed_db")


def dateline(*arguments: str, environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dateline.cli", *arguments],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def restored_database() -> Iterator[dict[str, str]]:
    """Where the restore goes: a new data directory's SQLite file, or a new PostgreSQL database."""
    if connection.vendor != "postgresql":
        yield {}
        return
    name = f"restored_{uuid.uuid4().hex[:10]}"
    url = database_url({**connection.settings_dict, "NAME": name})
    admin = database_url(connection.settings_dict).replace("postgres://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    yield {"DATABASE_URL": url}
    with psycopg.connect(admin, autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def comment_ids(environment: dict[str, str], data_dir: Path) -> set[int]:
    table = Comment._meta.db_table
    if "DATABASE_URL" in environment:
        with psycopg.connect(environment["DATABASE_URL"].replace("postgres://", "postgresql://")) as other:
            return {row[0] for row in other.execute(f"SELECT id FROM {table}")}  # noqa: S608
    with closing(sqlite3.connect(data_dir / "dateline.sqlite3")) as other:
        return {row[0] for row in other.execute(f"SELECT id FROM {table}")}  # noqa: S608


def test_a_backup_taken_while_readers_comment_restores_every_comment_and_old_unsubscribe_links(
    tmp_path, restored_database, settings
):
    settings.DATELINE_COMMENT_RATE = "100000/m"
    story = ArticleFactory()
    writers = [reader(f"Reader {n}") for n in range(3)]
    subscriber = Subscriber.objects.create(email="mina@example.org", locale=locale("en"))
    daily = subscriptions.newsletters_of(locale("en"))[0]
    Subscription.objects.create(subscriber=subscriber, newsletter=daily)
    subscriber.confirmed_at = subscriber.created_at
    subscriber.save()
    # The link in an e-mail mailed before the backup.
    unsubscribe = reverse(
        "subscription_unsubscribe", args=[subscriptions.unsubscribe_token(subscriber, daily)]
    )

    committed: list[int] = []
    failures: list[BaseException] = []
    stop = threading.Event()

    def keep_commenting() -> None:
        try:
            number = 0
            while not stop.is_set():
                number += 1
                comment = discussion.do_post_comment(
                    writers[number % 3], story, f"Comment {number}, going on"
                )
                committed.append(comment.pk)
        except BaseException as error:
            failures.append(error)
        finally:
            connections.close_all()

    poster = threading.Thread(target=keep_commenting)
    poster.start()
    while len(committed) < 20 and poster.is_alive():
        stop.wait(0.05)
    assert not failures, failures
    before = set(committed)
    backup = tmp_path / "backup"
    source = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATELINE_DATA_DIR": str(settings.DATA_DIR),
        "DATABASE_URL": database_url(connection.settings_dict),
    }
    made = dateline("backup", str(backup), environment=source)
    stop.set()
    poster.join()
    assert not failures, failures
    assert made.returncode == 0, made.stderr
    assert "keep it safe" in made.stdout
    assert len(committed) > len(before), "the comments stopped during the backup"

    new_home = tmp_path / "restored"
    target = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SECRET_KEY")},
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATELINE_DATA_DIR": str(new_home),
        **restored_database,
    }
    restored = dateline("restore", str(backup), environment=target)
    assert restored.returncode == 0, restored.stderr
    found = comment_ids(target, new_home)
    assert before <= found, "comments committed before the backup are missing"
    assert found <= set(committed)

    again = dateline("restore", str(backup), environment=target)
    assert again.returncode != 0
    assert "already holds a site" in again.stderr

    port = free_port()
    command = granian_command("127.0.0.1", port, 1)
    base_url = f"http://127.0.0.1:{port}"
    with serving(command, base_url, tmp_path / "server.log", target), httpx.Client(base_url=base_url) as http:
        assert http.get(unsubscribe).status_code == HTTPStatus.OK
        assert http.post(unsubscribe).status_code == HTTPStatus.OK
    subscribed = (
        "SELECT count(*) FROM subscriptions_subscription s JOIN subscriptions_subscriber r ON r.id = s.subscriber_id "
        "WHERE r.email = 'mina@example.org'"
    )
    if "DATABASE_URL" in target:
        with psycopg.connect(target["DATABASE_URL"].replace("postgres://", "postgresql://")) as other:
            assert other.execute(subscribed).fetchone()[0] == 0
    else:
        with closing(sqlite3.connect(new_home / "dateline.sqlite3")) as other:
            assert other.execute(subscribed).fetchone()[0] == 0


def test_a_damaged_backup_is_refused_before_anything_is_touched(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATELINE_DATA_DIR": str(settings.DATA_DIR),
        "DATABASE_URL": database_url(connection.settings_dict),
    }
    backup = tmp_path / "backup"
    assert dateline("backup", str(backup), environment=environment).returncode == 0
    with (backup / "secret_key").open("a") as file:
        file.write("tampered")
    target = {
        **environment,
        "DATELINE_DATA_DIR": str(tmp_path / "new"),
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    }
    target.pop("DATABASE_URL")
    result = dateline("restore", str(backup), environment=target)
    assert result.returncode != 0
    assert "damaged" in result.stderr
    assert not (tmp_path / "new" / "dateline.sqlite3").exists()
