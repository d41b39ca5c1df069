"""Taking in a watched directory, where an agency's FTP or SFTP server delivers its files.

Each file goes through the same steps, in this order, so that a crash at any point (`kill -9`
included) neither loses nor doubles an item:

1. the file is read (refused by its size first) and parsed;
2. its items, or its quarantine record, are committed to the database;
3. only then is it moved aside: into `.done/` or `.quarantine/` beside the files to come.

A crash before 2 leaves the file where it was, taken next time; a crash between 2 and 3 leaves it
too, and taking it again records nothing new (an item's version is recorded once, a quarantined
file once). Files whose name starts with a dot (uploads in progress, our own folders) are not
looked at, nor files changed in the last `settle_seconds` (a delivery still being written), nor
links and anything else that is not a regular file.
"""

from __future__ import annotations

import logging
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from dateline.core.leader import round_of
from dateline.wire import actions
from dateline.wire.formats import QuarantineError, parse, registry
from dateline.wire.models import WireSource

logger = logging.getLogger(__name__)

DONE = ".done"
QUARANTINE = ".quarantine"
DEFAULT_SETTLE_SECONDS = 1.0


@dataclass
class IngestReport:
    """What one pass over a directory did."""

    files: int = 0
    items: int = 0
    quarantined: int = 0


def ingest_directory(source: WireSource, *, limit: int | None = None) -> IngestReport:
    """Take in the files waiting in `source`'s directory (at most `limit`), oldest first.

    One process at a time takes a given source's directory; another finds it taken and returns an
    empty report.
    """
    if source.kind != WireSource.Kind.DIRECTORY:
        raise ValueError(f"wire source {source.slug!r} is not a watched directory")
    report = IngestReport()
    with round_of(f"wire-directory-{source.pk}") as leading:
        if not leading:
            return report
        directory = Path(source.settings["path"])
        for path in waiting_files(directory, _settle_seconds(source))[:limit]:
            ingest_file(source, path, report)
    return report


def waiting_files(directory: Path, settle_seconds: float) -> list[Path]:
    """The files ready to take, oldest first."""
    settled_before = time.time() - settle_seconds
    ready = []
    with os.scandir(directory) as entries:
        for entry in entries:
            if entry.name.startswith(".") or not entry.is_file(follow_symlinks=False):
                continue
            modified = entry.stat(follow_symlinks=False).st_mtime
            if modified <= settled_before:
                ready.append((modified, entry.name))
    return [directory / name for _modified, name in sorted(ready)]


def ingest_file(source: WireSource, path: Path, report: IngestReport) -> None:
    """Record one file's items (or its quarantine), then move it aside."""
    options = source.parse_options(settings.DATELINE_WIRE_MAX_FILE_BYTES)
    name = display_name(path)
    try:
        # Never through a link, never blocking on a pipe: whoever can write to the directory must
        # not make the desk read another file, or wait.
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        logger.warning("wire: %s from %s left alone: %s", path.name, source.slug, error)
        return
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(stream.fileno())
        if not stat.S_ISREG(status.st_mode):
            logger.warning("wire: %s from %s left alone: not a regular file", path.name, source.slug)
            return
        data: bytes | None = None
        try:
            if status.st_size > options.max_bytes:
                raise QuarantineError("too-large", limit=options.max_bytes)
            data = registry.read_limited(stream, options.max_bytes)
            items = parse(data, name=name, options=options)
        except QuarantineError as error:
            actions.do_quarantine(source, name, error, data, status.st_size)
            logger.info("wire: %s from %s quarantined: %s", name, source.slug, error.code)
            folder = QUARANTINE
            report.quarantined += 1
        else:
            report.items += len(actions.do_record_items(source, items, name))
            folder = DONE
    _move_aside(path, folder)
    report.files += 1


def display_name(path: Path) -> str:
    """The file's name as text the database keeps: bytes that are not UTF-8 shown as "�"."""
    return os.fsencode(path.name).decode("utf-8", "replace")


def _move_aside(path: Path, folder: str) -> None:
    target_directory = path.parent / folder
    target_directory.mkdir(exist_ok=True)
    target = target_directory / path.name
    counter = 1
    while target.exists():
        counter += 1
        target = target_directory / f"{path.stem}-{counter}{path.suffix}"
    os.replace(path, target)


def _settle_seconds(source: WireSource) -> float:
    value = source.settings.get("settle_seconds", DEFAULT_SETTLE_SECONDS)
    return float(value) if isinstance(value, int | float) and value >= 0 else DEFAULT_SETTLE_SECONDS
