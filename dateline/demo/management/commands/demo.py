"""`dateline demo`: fill the editions with the demo stories, authors, agencies and pictures, give the
wire desk a demo agency with its items, and each edition a chat room with a conversation."""

from typing import Any

from django.core.management.base import BaseCommand

from dateline.demo.chats import ensure_demo_chats
from dateline.demo.coverage import ensure_live_coverage
from dateline.demo.discussion import ensure_demo_discussion
from dateline.demo.loader import load_demo
from dateline.demo.wire import ensure_demo_wire


class Command(BaseCommand):
    help = "Create the demo stories with their authors, agencies, images and discussions; running it again adds only what is missing."

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        summary = load_demo(stdout=self.stdout if verbosity > 1 else None)
        coverages = ensure_live_coverage()
        comments = ensure_demo_discussion()
        wire_items = ensure_demo_wire()
        chat_messages = ensure_demo_chats()
        if verbosity > 0:
            self.stdout.write(self.style.SUCCESS(f"Demo content: {summary.line()}"))
            if coverages:
                self.stdout.write(f"Demo live coverage: {coverages} new page(s)")
            if comments:
                self.stdout.write(f"Demo discussion: {comments} new comment(s)")
            if wire_items:
                self.stdout.write(f"Demo wire desk: {wire_items} agency item(s) in the queue")
            if chat_messages:
                self.stdout.write(f"Demo chats: {chat_messages} new message(s)")
