"""`dateline setup`: bring a database up to date and make sure the newsroom can start working."""

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from dateline.editions.setup import ensure_editions
from dateline.newsroom.accounts import FIRST_ACCOUNT, ensure_first_account
from dateline.newsroom.roles import ensure_roles


class Command(BaseCommand):
    help = "Migrate, collect static files, create editions, sections, roles and the first account."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--demo", action="store_true", help="Also create the demo stories.")
        parser.add_argument("--no-static", action="store_true", help="Skip collecting static files.")

    def handle(self, *args: Any, demo: bool = False, no_static: bool = False, **options: Any) -> None:
        verbosity = options["verbosity"]
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        if not no_static:
            call_command("collectstatic", interactive=False, verbosity=0)
        ensure_editions()
        ensure_roles()
        if demo:
            call_command("demo", verbosity=verbosity)
        password = ensure_first_account()
        newsroom = f"{settings.BASE_URL}/newsroom/"
        if password:
            self.stdout.write(
                self.style.SUCCESS(
                    "\nThe newsroom is ready.\n"
                    f"  URL:       {newsroom}\n"
                    f"  User name: {FIRST_ACCOUNT}\n"
                    f"  Password:  {password}\n"
                    "This password is shown only once; change it in the newsroom under Account.\n"
                )
            )
        else:
            self.stdout.write(
                f"\nNewsroom: {newsroom} (user {FIRST_ACCOUNT!r}, password shown at the first setup; "
                f"`dateline manage changepassword {FIRST_ACCOUNT}` sets a new one)\n"
            )
