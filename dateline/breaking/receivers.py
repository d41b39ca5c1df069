"""A story that leaves the site takes its breaking-news banner with it, on open pages too.

Wagtail unpublishes a live page before deleting it, so this one receiver covers deletion as well.
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from wagtail.signals import page_unpublished

from dateline.articles.models import ArticlePage
from dateline.breaking import actions


@receiver(page_unpublished)
def end_alert_of_unpublished_story(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, ArticlePage):
        actions.end_alert_of_withdrawn_story(instance)
