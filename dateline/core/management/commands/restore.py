"""`dateline restore DIR`: a backup put back into this data directory or database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from dateline.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup made by `dateline backup` (stop the site first)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path, help="The backup's directory.")
        parser.add_argument("--replace", action="store_true", help="Overwrite an existing database and keys.")

    def handle(self, *args: Any, directory: Path, replace: bool = False, **options: Any) -> None:
        try:
            summary = restore(directory, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        # A backup from an older version is brought up to date; the static files are this version's.
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(
            f"Restored the {summary.engine} database, keys and media from {summary.directory}. "
            "Start the site with `dateline serve`."
        )
