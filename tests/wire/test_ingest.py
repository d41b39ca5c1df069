"""A watched directory is taken in: items recorded once per version, the newest version shown,
refused files quarantined with their reason, every file moved aside only after the database has
it, so that a crash at any moment neither loses nor doubles an item."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import connection

from dateline.live.models import Event
from dateline.wire import actions, ingest
from dateline.wire.ingest import ingest_directory
from dateline.wire.models import Quarantined, WireItem, WireSource
from tests.browser.server import database_url
from tests.wire.conftest import deliver

pytestmark = pytest.mark.django_db


def current(uri: str) -> WireItem:
    return WireItem.objects.get(uri=uri, current=True)


def test_items_are_recorded_and_their_files_moved_aside(source, incoming):
    deliver(incoming, "ru-newsml-g2-message.xml")
    deliver(incoming, "en-rss.xml")

    report = ingest_directory(source)

    assert (report.files, report.items, report.quarantined) == (2, 3, 0)
    assert sorted(path.name for path in (incoming / ".done").iterdir()) == [
        "en-rss.xml",
        "ru-newsml-g2-message.xml",
    ]
    assert not [path for path in incoming.iterdir() if not path.name.startswith(".")]
    metro = WireItem.objects.get(uri="urn:newsml:primer-press.example.ru:20261206:metro-line")
    assert metro.blocks()[3].attribution == "Пётр Иванов"
    assert metro.picture_list()[0].credit == "Пример-Пресс / Сергей Орлов"
    assert metro.file_name == "ru-newsml-g2-message.xml"


def test_each_new_item_is_announced_on_the_wire_stream_without_changing_pages(source, incoming):
    deliver(incoming, "en-ninjs3-quake-v1.json")

    ingest_directory(source)

    (event,) = Event.objects.filter(stream=actions.STREAM)
    assert event.kind == "item" and not event.changes_pages
    assert event.payload["uri"] == "urn:newsml:wire.example.org:20261206:quake-hokkaido"
    assert event.payload["urgency"] == 2


def test_the_same_item_delivered_again_is_recorded_once(source, incoming):
    deliver(incoming, "en-ninjs3-quake-v1.json")
    ingest_directory(source)
    deliver(incoming, "en-ninjs3-quake-v1.json", as_name="resent.json")

    report = ingest_directory(source)

    assert (report.files, report.items) == (1, 0)
    assert WireItem.objects.count() == 1
    assert Event.objects.filter(stream=actions.STREAM).count() == 1


def test_a_newer_version_replaces_the_older_in_the_queue(source, incoming):
    deliver(incoming, "en-ninjs3-quake-v1.json")
    ingest_directory(source)
    deliver(incoming, "en-ninjs3-quake-v2.json")
    ingest_directory(source)

    shown = current("urn:newsml:wire.example.org:20261206:quake-hokkaido")
    assert shown.version == 2
    assert "two injured" in shown.headline
    assert WireItem.objects.filter(uri=shown.uri).count() == 2
    event = Event.objects.filter(stream=actions.STREAM).latest("id")
    assert event.payload["supersedes"] == WireItem.objects.get(uri=shown.uri, version=1).pk


def test_an_older_version_arriving_late_does_not_replace_the_newer(source, incoming):
    deliver(incoming, "en-ninjs3-quake-v2.json")
    ingest_directory(source)
    deliver(incoming, "en-ninjs3-quake-v1.json")
    ingest_directory(source)

    assert current("urn:newsml:wire.example.org:20261206:quake-hokkaido").version == 2
    assert WireItem.objects.get(version=1).current is False


def test_a_kill_notice_becomes_the_item_the_queue_shows(source, incoming):
    deliver(incoming, "en-ninjs2-summit.json")
    ingest_directory(source)
    deliver(incoming, "en-newsml-g2-kill.xml")
    ingest_directory(source)

    shown = current("http://wire.example.org/items/2026/12/06/summit-geneva")
    assert shown.is_kill and shown.version == 4


def test_a_refused_file_is_quarantined_with_its_reason_and_kept(source, incoming):
    junk = b'<!DOCTYPE newsItem [<!ENTITY a "b">]><newsItem guid="x">&a;</newsItem>'
    deliver(incoming, "", junk, as_name="hostile.xml")

    report = ingest_directory(source)

    assert report.quarantined == 1
    record = Quarantined.objects.get()
    assert (record.file_name, record.reason_code, record.size) == ("hostile.xml", "xml-entities", len(junk))
    assert bytes(record.content) == junk
    assert len(record.sha256) == 64
    assert "entities" in record.reason
    assert (incoming / ".quarantine" / "hostile.xml").read_bytes() == junk


def test_a_file_over_the_limit_is_quarantined_by_its_size_alone(source, incoming, settings):
    settings.DATELINE_WIRE_MAX_FILE_BYTES = 1000
    with (incoming / "huge.xml").open("wb") as sparse:
        sparse.truncate(100 * 1024 * 1024)

    ingest_directory(source)

    record = Quarantined.objects.get()
    assert (record.reason_code, record.size, record.sha256, record.content) == (
        "too-large",
        100 * 1024 * 1024,
        "",
        None,
    )
    assert "1000" in record.reason


def test_the_same_refused_file_found_again_is_one_record(source, incoming):
    deliver(incoming, "", b"\x89PNG\r\n\x1a\n0000", as_name="picture.png")
    ingest_directory(source)
    deliver(incoming, "", b"\x89PNG\r\n\x1a\n0000", as_name="picture.png")

    ingest_directory(source)

    assert Quarantined.objects.count() == 1
    assert sorted(path.name for path in (incoming / ".quarantine").iterdir()) == [
        "picture-2.png",
        "picture.png",
    ]


def test_uploads_in_progress_and_fresh_files_are_left_for_later(source, incoming):
    source.settings["settle_seconds"] = 60
    source.save()
    deliver(incoming, "en-rss.xml")
    deliver(incoming, "en-ninjs2-summit.json", as_name=".summit.json.part")
    settled = deliver(incoming, "en-ninjs3-quake-v1.json")
    os.utime(settled, (time.time() - 120, time.time() - 120))

    report = ingest_directory(source)

    assert report.files == 1
    assert (incoming / "en-rss.xml").exists() and (incoming / ".summit.json.part").exists()


def test_a_link_dropped_into_the_directory_is_never_followed(source, incoming, tmp_path):
    secret = tmp_path / "secret.json"
    secret.write_bytes(b'{"uri": "urn:secret", "headline": "not for the desk"}')
    (incoming / "item.json").symlink_to(secret)

    report = ingest_directory(source)

    assert report.files == 0
    assert not WireItem.objects.exists() and not Quarantined.objects.exists()
    assert (incoming / "item.json").is_symlink()


def test_a_file_swapped_for_a_link_after_the_directory_was_read_is_left_alone(source, incoming, tmp_path):
    secret = tmp_path / "secret.json"
    secret.write_bytes(b'{"uri": "urn:secret"}')
    (incoming / "item.json").symlink_to(secret)
    report = ingest.IngestReport()

    ingest.ingest_file(source, incoming / "item.json", report)

    assert report.files == 0 and not WireItem.objects.exists()


def test_characters_no_database_keeps_never_reach_it(source, incoming):
    hostile = {
        "uri": "urn:x:\u0000nul",
        "headlines": [{"value": "Head\u0000line \ud800"}],
        "body_html": '<p><a href="https://example.org/\u0000">link</a></p>',
    }
    deliver(incoming, "", json.dumps(hostile).encode(), as_name="nul.json")
    deliver(incoming, "", json.dumps({"uri": "u", "embargoed": "\u0000soon"}).encode(), as_name="date.json")
    deliver(incoming, "", b'{"uri": "urn:x:name"}', as_name=os.fsdecode(b"caf\xe9.json"))

    report = ingest_directory(source)

    assert (report.files, report.items, report.quarantined) == (3, 2, 1)
    item = WireItem.objects.get(uri="urn:x:nul")
    assert item.headline == "Headline"
    assert item.blocks()[0].marks[0].href == "https://example.org/"
    assert Quarantined.objects.get().reason_params == {"value": "soon"}
    assert WireItem.objects.get(uri="urn:x:name").file_name == "caf\ufffd.json"


def test_a_crash_after_the_commit_and_before_the_move_doubles_nothing(source, incoming, monkeypatch):
    deliver(incoming, "en-rss.xml")

    def crash(*arguments):
        raise SystemExit("killed between the commit and the move")

    with monkeypatch.context() as patched:
        patched.setattr(ingest.os, "replace", crash)
        with pytest.raises(SystemExit):
            ingest_directory(source)
    assert WireItem.objects.count() == 2
    assert (incoming / "en-rss.xml").exists()

    report = ingest_directory(source)

    assert (report.files, report.items) == (1, 0)
    assert WireItem.objects.count() == 2
    assert Event.objects.filter(stream=actions.STREAM).count() == 2


def test_a_source_is_checked_before_it_is_saved():
    directory = WireSource(name="A", slug="a", kind=WireSource.Kind.DIRECTORY, settings={"path": "relative"})
    feed = WireSource(name="B", slug="b", kind=WireSource.Kind.FEED, settings={"url": "file:///etc/passwd"})
    mapping = WireSource(
        name="C", slug="c", kind=WireSource.Kind.PUSH, field_mapping={"byline": "evil:creator"}
    )

    for invalid, field in ((directory, "settings"), (feed, "settings"), (mapping, "field_mapping")):
        with pytest.raises(ValidationError) as raised:
            invalid.full_clean()
        assert field in raised.value.message_dict


def test_a_push_secret_is_kept_only_as_a_hash():
    source = WireSource(name="P", slug="p", kind=WireSource.Kind.PUSH)
    assert not source.check_push_secret("")

    source.set_push_secret("s3cret-from-the-agency")

    assert "s3cret" not in source.push_secret_hash
    assert source.check_push_secret("s3cret-from-the-agency")
    assert not source.check_push_secret("guess")


BATCH = 1000
INGEST_IN_A_PROCESS = """
import django
django.setup()
from dateline.wire.ingest import ingest_directory
from dateline.wire.models import WireSource
ingest_directory(WireSource.objects.get(pk={pk}))
"""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_in_the_middle_of_a_batch_loses_and_doubles_nothing(committed_db, source, incoming):
    for number in range(BATCH):
        item = {
            "uri": f"urn:example:batch:{number}",
            "version": "1",
            "headlines": [{"value": f"Item {number}"}],
        }
        (incoming / f"item-{number:04d}.json").write_text(json.dumps(item))
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATELINE_DATA_DIR": str(django_settings.DATA_DIR),
        "DATABASE_URL": database_url(connection.settings_dict),
    }

    def start() -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, "-c", INGEST_IN_A_PROCESS.format(pk=source.pk)],
            cwd=django_settings.BASE_DIR,
            env=environment,
            stderr=subprocess.PIPE,
        )

    worker = start()
    deadline = time.monotonic() + 60
    while WireItem.objects.count() < BATCH // 10:
        assert worker.poll() is None, worker.stderr.read().decode() if worker.stderr else ""
        assert time.monotonic() < deadline, "the worker never got going"
        time.sleep(0.01)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    killed_at = WireItem.objects.count()
    assert killed_at < BATCH, "the batch finished before the worker was killed"

    again = start()
    _output, errors = again.communicate(timeout=120)
    assert again.returncode == 0, errors.decode()

    assert WireItem.objects.count() == BATCH
    assert WireItem.objects.values("uri").distinct().count() == BATCH
    assert Event.objects.filter(stream=actions.STREAM).count() == BATCH
    assert len(list((incoming / ".done").iterdir())) == BATCH
    assert not [path for path in incoming.iterdir() if not path.name.startswith(".")]
