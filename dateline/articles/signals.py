"""Newsroom changes that the Newsfeed shows live, and the cached pages that show an author or an
agency."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from dateline.articles import newsfeed
from dateline.articles.models import Agency, ArticlePage, Author
from dateline.core import cache_tags
from dateline.live.purge import purge_changed_row


@receiver(page_published)
def announce_published_story(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, ArticlePage):
        newsfeed.notify_published(instance)


@receiver(page_unpublished)
def announce_withdrawn_story(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, ArticlePage):
        newsfeed.notify_withdrawn(instance)


@receiver(post_save, sender=Author)
@receiver(post_delete, sender=Author)
def purge_author(sender: Any, instance: Author, **kwargs: Any) -> None:
    """Bylines and author pages are filed under the author's tag."""
    purge_changed_row([cache_tags.author(instance.pk)], kwargs)


@receiver(post_save, sender=Agency)
@receiver(post_delete, sender=Agency)
def purge_agency(sender: Any, instance: Agency, **kwargs: Any) -> None:
    """Datelines are filed under their agency's tag."""
    purge_changed_row([cache_tags.agency(instance.pk)], kwargs)
