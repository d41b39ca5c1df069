"""WebSub (https://www.w3.org/TR/websub/): every feed names the configured hub
(`DATELINE_WEBSUB_HUB`), and the hub hears when a story is published in it.

The ping is a background task enqueued once the publish commits, never work in the publishing
request: one form POST (`hub.mode=publish`, `hub.url=<feed>`) per feed that lists the story — its
edition's, its section's, its tags' and its authors', in every format, through the outward guard
(`core/outward.py`: a hub at an internal address is refused). A failing hub is logged and
not retried: the feeds are right either way, and their subscribers hear at their next poll.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.db import transaction
from django.dispatch import receiver
from django.utils import translation
from django_tasks import task
from wagtail.signals import page_published

from dateline.articles.models import ArticlePage, Author
from dateline.core import outward
from dateline.core.links import absolute
from dateline.subscriptions.feeds import FILE_NAMES, feed_path

logger = logging.getLogger(__name__)

PING_TIMEOUT_SECONDS = 10
# A hub answers a ping with its status; whatever it says besides is not read past this.
HUB_ANSWER_BYTES = 64 * 1024


@receiver(page_published)
def ping_hub_on_publish(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A published story changes its feeds: tell the hub after the commit, if there is a hub."""
    if not settings.DATELINE_WEBSUB_HUB or not isinstance(instance, ArticlePage):
        return
    story_id = instance.pk
    transaction.on_commit(lambda: ping_hub.enqueue(story_id))


@task()
def ping_hub(story_id: int) -> None:
    """Tell the hub that every feed listing the story has changed."""
    hub = settings.DATELINE_WEBSUB_HUB
    story = ArticlePage.objects.select_related("locale").filter(pk=story_id, live=True).first()
    if not hub or story is None:
        return
    if urlsplit(hub).scheme not in ("http", "https"):
        logger.error("DATELINE_WEBSUB_HUB is not an http(s) address: %r", hub)
        return
    for topic in feeds_listing(story):
        if not notify_hub(hub, topic):
            break  # unreachable: the other feeds' pings would only wait for it too


def feeds_listing(story: ArticlePage) -> list[str]:
    """The address of every feed that lists `story`, in every format."""
    channels = [("edition", "")]
    if story.section is not None:
        channels.append(("section", story.section.slug))
    channels += [("tag", tag.slug) for tag in story.tags.all()]
    # A byline may name an author's version in another edition; this edition's feed is its own version's.
    byline_authors = Author.objects.filter(pk__in=story.bylines.values("author_id"))
    authors = Author.objects.filter(
        locale_id=story.locale_id, translation_key__in=byline_authors.values("translation_key")
    )
    channels += [("author", slug) for slug in authors.values_list("slug", flat=True)]
    with translation.override(story.locale.language_code):
        return [
            absolute(feed_path(kind, feed_format, slug))
            for kind, slug in channels
            for feed_format in FILE_NAMES
        ]


def notify_hub(hub: str, topic: str) -> bool:
    """POST one publish ping for `topic`; False if the hub could not be reached at all."""
    body = urlencode({"hub.mode": "publish", "hub.url": topic}).encode()
    try:
        answer = outward.fetch(
            hub,
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            body=body,
            max_bytes=HUB_ANSWER_BYTES,
            timeouts=outward.Timeouts(connect=PING_TIMEOUT_SECONDS, read=PING_TIMEOUT_SECONDS),
        )
    except outward.OutwardError as error:
        logger.warning("The WebSub hub %s could not be reached: %s", hub, error)
        return False
    if answer.status >= HTTPStatus.BAD_REQUEST:
        logger.warning("The WebSub hub %s refused the ping for %s: HTTP %s", hub, topic, answer.status)
    return True
