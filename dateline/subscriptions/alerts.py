"""Breaking news by e-mail: marking a story breaking mails the edition's alert list, once per story.

The mailing is written in the transaction that marks the story (`breaking_news_marked` is sent
inside it), keyed on the list and the story: marking the story again, or two editors marking it at
once, finds the same mailing and sends nothing more. A task, committed with it, starts it.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dateline.breaking.signals import breaking_news_marked
from dateline.subscriptions import sending
from dateline.subscriptions.models import Mailing, Newsletter


@receiver(breaking_news_marked, dispatch_uid="subscriptions-breaking-email")
def mail_breaking_news(alert: Any, **kwargs: Any) -> None:
    story = alert.story
    newsletter, _created = Newsletter.objects.get_or_create(
        locale_id=story.locale_id, key="breaking", defaults={"kind": Newsletter.Kind.BREAKING}
    )
    if not newsletter.active or Mailing.objects.filter(newsletter=newsletter, story=story).exists():
        return
    with translation.override(story.locale.language_code):
        subject = _("Breaking: %(headline)s") % {"headline": alert.headline or story.title}
    try:
        with transaction.atomic():
            # Due now: if the task below were lost, the worker's schedule starts it (digests.py).
            mailing = Mailing.objects.create(
                newsletter=newsletter,
                story=story,
                subject=subject[:200],
                stories=[story.pk],
                scheduled_for=timezone.now(),
            )
    except IntegrityError:  # marked by someone else at the same moment: theirs goes out
        return
    # Writing a delivery for each of many thousand subscribers is the task's work, not the
    # marking's: the editor's request (and SQLite's write lock) is not held for it.
    sending.start_mailing.enqueue(mailing.pk)
