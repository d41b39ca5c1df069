"""`dateline backup DIR`: a consistent copy of the running site (database, keys, media)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dateline.core.backup import BackupError, back_up


class Command(BaseCommand):
    help = "Back up the database, the secret and VAPID keys and the media into a new directory."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="A new (or empty) directory for the backup.")

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        try:
            summary = back_up(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up the {summary.engine} database, keys and media into {summary.directory} "
            f"({summary.files} files, {summary.bytes / 1_048_576:.1f} MiB). It holds the secret key: "
            "keep it safe."
        )
