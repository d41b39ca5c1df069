"""Backing up a running site, and restoring it into a new data directory or database.

A backup is a directory:

- the database: SQLite's online backup (`dateline.sqlite3`, a consistent copy taken while the site
  goes on writing), or `pg_dump`'s custom format for PostgreSQL (`database.pgdump`);
- the secrets that links already mailed depend on: the secret key (signed unsubscribe, preference
  and confirmation links) and the VAPID key pair (browsers' push subscriptions are tied to it);
- the media (uploaded images, documents, avatars), copied after the database, so that every
  file the copied database names is there;
- `manifest.json`: what is in it, with a SHA-256 of every file, checked before a restore touches
  anything.

The backup holds the secret key: keep it as safe as the site's own data directory.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.db import connection
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "dateline.sqlite3"
POSTGRES_FILE = "database.pgdump"
SECRET_KEY_FILE = "secret_key"  # noqa: S105  (a file name, not a key)
VAPID_KEY_FILE = "vapid_private.pem"
MEDIA_DIRECTORY = "media"


class BackupError(Exception):
    """Something the operator must fix; the message says what."""


@dataclass
class Summary:
    directory: Path
    engine: str
    files: int
    bytes: int


def back_up(directory: Path) -> Summary:
    """Write a backup of the site into `directory`, which must be empty or not exist yet."""
    directory = directory.resolve()
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"{directory} is not empty: give a new directory for each backup.")
    directory.mkdir(parents=True, exist_ok=True)
    directory.chmod(0o700)
    engine = connection.vendor
    if engine == "sqlite":
        _copy_sqlite(Path(connection.settings_dict["NAME"]), directory / SQLITE_FILE)
    elif engine == "postgresql":
        _postgres_tool(["pg_dump", "--format=custom", "--no-owner", "--file", str(directory / POSTGRES_FILE)])
    else:
        raise BackupError(f"backing up a {engine} database is not supported")
    _write_private(directory / SECRET_KEY_FILE, settings.SECRET_KEY.encode())
    vapid = Path(settings.DATELINE_VAPID_KEY_FILE)
    if vapid.exists():
        _write_private(directory / VAPID_KEY_FILE, vapid.read_bytes())
    media = Path(settings.MEDIA_ROOT)
    if media.exists():
        shutil.copytree(media, directory / MEDIA_DIRECTORY, symlinks=False)
    files = {
        str(path.relative_to(directory)): _sha256(path)
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "engine": engine,
        "files": files,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2))
    size = sum((directory / name).stat().st_size for name in files)
    return Summary(directory, engine, len(files), size)


def restore(directory: Path, replace: bool = False) -> Summary:
    """Put a backup back: the database, the secret and VAPID keys, the media.

    The target is a new installation (no database yet, or an empty one): its keys are replaced
    by the backup's, as nothing was signed with them. An existing database is overwritten only
    with `replace`.
    """
    directory = directory.resolve()
    manifest = read_manifest(directory)
    engine = connection.vendor
    if manifest["engine"] != engine:
        raise BackupError(
            f"this backup is of a {manifest['engine']} database; DATABASE_URL points at {engine}"
        )
    secret = (directory / SECRET_KEY_FILE).read_text().strip()
    from_environment = settings.SECRET_KEY if settings.DATELINE_SECRET_KEY_FROM_ENVIRONMENT else None
    if from_environment and from_environment != secret:
        raise BackupError(
            "DJANGO_SECRET_KEY differs from the backup's key: links mailed before the backup would stop "
            "working. Set DJANGO_SECRET_KEY to the key in the backup's secret_key file, then restore."
        )
    if _database_has_tables() and not replace:
        raise BackupError(
            "the database already holds a site: restore into a new data directory or an empty database, "
            "or pass --replace to overwrite it"
        )
    if engine == "sqlite":
        _restore_sqlite(directory / SQLITE_FILE, Path(connection.settings_dict["NAME"]))
    else:
        _restore_postgresql(directory / POSTGRES_FILE)
    if not from_environment:
        _write_private(Path(settings.DATA_DIR) / SECRET_KEY_FILE, secret.encode())
    if (vapid := directory / VAPID_KEY_FILE).exists():
        _write_private(Path(settings.DATELINE_VAPID_KEY_FILE), vapid.read_bytes())
    media = directory / MEDIA_DIRECTORY
    Path(settings.MEDIA_ROOT).mkdir(parents=True, exist_ok=True)
    if media.exists():
        shutil.copytree(media, Path(settings.MEDIA_ROOT), dirs_exist_ok=True)
    files = manifest["files"]
    return Summary(directory, engine, len(files), sum((directory / name).stat().st_size for name in files))


def read_manifest(directory: Path) -> dict[str, Any]:
    """The backup's manifest, once every file it lists is there and unchanged."""
    try:
        manifest: dict[str, Any] = json.loads((directory / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{directory} is not a Dateline backup (no readable {MANIFEST})") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"this backup's format ({manifest.get('format')}) is not one this version reads")
    for name, digest in manifest["files"].items():
        path = directory / name
        if not path.is_file() or _sha256(path) != digest:
            raise BackupError(f"{path} is missing or damaged: the backup cannot be restored")
    return manifest


def _copy_sqlite(source: Path, target: Path) -> None:
    # One step: a single read transaction, so the copy is the database at one moment, while the
    # site's writers go on (WAL readers do not stop them).
    with closing(sqlite3.connect(source)) as origin, closing(sqlite3.connect(target)) as copy:
        origin.backup(copy, pages=-1)
    target.chmod(0o600)


def _database_has_tables() -> bool:
    if connection.vendor == "sqlite" and not Path(connection.settings_dict["NAME"]).exists():
        return False
    return bool(connection.introspection.table_names())


def _restore_sqlite(source: Path, target: Path) -> None:
    connection.close()
    for leftover in (Path(f"{target}-wal"), Path(f"{target}-shm")):
        leftover.unlink(missing_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(source)) as origin, closing(sqlite3.connect(target)) as copy:
        origin.backup(copy, pages=-1)


def _restore_postgresql(source: Path) -> None:
    replacing = _database_has_tables()
    connection.close()
    options = ["--clean", "--if-exists"] if replacing else []
    _postgres_tool(["pg_restore", "--no-owner", "--exit-on-error", *options, str(source)])


def _postgres_tool(command: list[str]) -> None:
    """Run pg_dump or pg_restore against the site's database."""
    database = connection.settings_dict
    environment = {**os.environ, "PGPASSWORD": database.get("PASSWORD") or ""}
    try:
        subprocess.run(  # noqa: S603
            [*command, "--dbname", _postgres_url(database)], env=environment, check=True, capture_output=True
        )
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client)") from error
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.decode(errors='replace').strip()}") from error


def _postgres_url(database: dict[str, Any]) -> str:
    host = database.get("HOST") or "localhost"
    port = f":{database['PORT']}" if database.get("PORT") else ""
    user = quote(database.get("USER") or "", safe="")
    return f"postgresql://{user}@{host}{port}/{quote(database['NAME'], safe='')}"


def _write_private(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(content)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
