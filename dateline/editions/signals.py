"""Newsroom changes that the Newsfeed shows live."""

from typing import Any

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from dateline.articles.models import ArticlePage
from dateline.editions import newsfeed


@receiver(page_published)
def announce_published_story(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, ArticlePage):
        newsfeed.notify_published(instance)


@receiver(page_unpublished)
def announce_withdrawn_story(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, ArticlePage):
        newsfeed.notify_withdrawn(instance)
