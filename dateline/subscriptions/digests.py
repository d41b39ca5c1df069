"""Daily digests, made and sent by the worker's schedule at each list's local time.

`DATELINE_DIGEST_PREPARE_MINUTES` before a digest's time, its mailing is made as a draft from the
day's stories (the edition's chosen top story first, then the newest; a section's digest only if
the section published something that day), so that an editor can reorder it, add an introduction
or send it earlier in the newsroom. At its time, a draft that is still a draft is sent (and a
start cut short, a draft made due with some of its deliveries written, is finished). One mailing
per list and day, however many workers run the schedule.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from dateline.articles.models import ArticlePage
from dateline.editions.models import HomePage
from dateline.subscriptions import sending
from dateline.subscriptions.models import Mailing, Newsletter

logger = logging.getLogger(__name__)

DIGESTS = (Newsletter.Kind.DAILY, Newsletter.Kind.SECTION)


def local_zone(newsletter: Newsletter) -> ZoneInfo:
    try:
        return ZoneInfo(newsletter.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def due_time(newsletter: Newsletter, day: date) -> datetime:
    return datetime.combine(day, newsletter.send_time, tzinfo=local_zone(newsletter))


def run_digests(now: datetime | None = None) -> tuple[int, int]:
    """Make the digests whose time is near and send the drafts whose time has come: (made, sent)."""
    now = now or timezone.now()
    made = sent = 0
    prepare = timedelta(minutes=settings.DATELINE_DIGEST_PREPARE_MINUTES)
    for newsletter in Newsletter.objects.filter(active=True, kind__in=DIGESTS).select_related(
        "locale", "section"
    ):
        day = now.astimezone(local_zone(newsletter)).date()
        if now >= due_time(newsletter, day) - prepare and assemble(newsletter, day) is not None:
            made += 1
    for mailing in Mailing.objects.filter(status=Mailing.Status.DRAFT, scheduled_for__lte=now):
        try:
            sending.do_start(mailing)
            sent += 1
        except sending.SendingError:
            pass  # started by someone else meanwhile
    return made, sent


def assemble(newsletter: Newsletter, day: date) -> Mailing | None:
    """The day's digest as a draft, made once; None if it exists already or there is nothing to say."""
    if Mailing.objects.filter(newsletter=newsletter, issue_date=day).exists():
        return None
    stories = day_stories(newsletter, day)
    if not stories:
        return None
    with translation.override(newsletter.locale.language_code):
        subject = _("%(list)s — %(day)s") % {
            "list": newsletter.title(),
            "day": formats.date_format(day, "DATE_FORMAT"),
        }
    try:
        with transaction.atomic():
            return Mailing.objects.create(
                newsletter=newsletter,
                subject=subject[:200],
                stories=stories,
                issue_date=day,
                scheduled_for=due_time(newsletter, day),
            )
    except IntegrityError:  # another worker made it first
        return None


def day_stories(newsletter: Newsletter, day: date) -> list[int]:
    """The stories of the 24 hours before the digest's time, the chosen top story first."""
    until = due_time(newsletter, day)
    stories = (
        ArticlePage.objects.live()
        .public()
        .filter(
            locale_id=newsletter.locale_id,
            first_published_at__gt=until - timedelta(days=1),
            first_published_at__lte=until,
        )
    )
    if newsletter.kind == Newsletter.Kind.SECTION:
        if newsletter.section is None:
            return []
        stories = stories.child_of(newsletter.section)
    ids = list(stories.order_by("-first_published_at", "-pk").values_list("pk", flat=True))
    if newsletter.kind == Newsletter.Kind.DAILY:
        home = HomePage.objects.filter(locale_id=newsletter.locale_id).first()
        if home is not None and home.top_story_id in ids:
            ids.remove(home.top_story_id)
            ids.insert(0, home.top_story_id)
    return ids[: settings.DATELINE_DIGEST_STORIES]
