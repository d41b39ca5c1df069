"""Turn newsroom changes to pages, sites and privacy settings into cache purges, sent to every
server process on commit."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from dateline.core import cache_tags
from dateline.live.purge import purge_changed_row, purge_on_commit


def page_purge_tags(page: Page) -> list[str]:
    specific = page.specific_deferred if isinstance(page, Page) else page
    hook = getattr(specific, "purge_tags", None)
    if hook is not None:
        return list(hook())
    return [cache_tags.page(page.pk), cache_tags.edition(page.locale_id)]


@receiver(page_published)
@receiver(page_unpublished)
def purge_changed_page(sender: Any, instance: Page, **kwargs: Any) -> None:
    purge_on_commit(page_purge_tags(instance))


@receiver(post_page_move)
def purge_moved_page(sender: Any, instance: Page, url_path_before: str = "", **kwargs: Any) -> None:
    # The old section is found through the story's own tag; the new one is named by purge_tags.
    if instance.live:
        purge_on_commit(page_purge_tags(instance))


@receiver(post_delete)
def purge_deleted_page(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, Page) and type(instance) is Page and instance.live:
        purge_on_commit([cache_tags.page(instance.pk), cache_tags.edition(instance.locale_id)])


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def purge_everything(sender: Any, **kwargs: Any) -> None:
    """A site's address or a page's privacy shows on every page, and in what every process
    remembers of published content."""
    purge_changed_row([cache_tags.EVERYTHING], kwargs)
