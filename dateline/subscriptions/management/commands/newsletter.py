"""`dateline newsletter send <mailing>`: send a mailing from the command line, with a progress bar."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dateline.subscriptions import sending
from dateline.subscriptions.models import Mailing

BAR_WIDTH = 30


class Command(BaseCommand):
    help = "Send a newsletter mailing (started in the newsroom, or started here), showing progress."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        send = actions.add_parser("send", help="start the mailing if it is a draft, and send what is left")
        send.add_argument("mailing", type=int, help="the mailing's number (shown in the newsroom)")
        actions.add_parser("list", help="the latest mailings and how far they got")

    def handle(self, *args: Any, action: str = "", **options: Any) -> None:
        if action == "list":
            for mailing in Mailing.objects.select_related("newsletter")[:20]:
                sent, total = sending.progress(mailing)
                self.stdout.write(
                    f"{mailing.pk:>6}  {mailing.status:<8} {sent:>7}/{total:<7} {mailing.subject}"
                )
            return
        found = Mailing.objects.filter(pk=options["mailing"]).first()
        if found is None:
            raise CommandError(f"There is no mailing {options['mailing']}.")
        if found.status == Mailing.Status.DRAFT:
            sending.do_start(found)
        mailing = sending.run(found.pk, report=self.show)
        sent, total = sending.progress(mailing)
        self.show(sent, total)
        self.stdout.write(f"\n{mailing.status}: {sent} of {total} sent.")

    def show(self, sent: int, total: int) -> None:
        share = sent / total if total else 1.0
        filled = round(share * BAR_WIDTH)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        self.stdout.write(f"\r[{bar}] {share:4.0%} {sent}/{total}", ending="")
        if self.stdout.isatty():
            sys.stdout.flush()
