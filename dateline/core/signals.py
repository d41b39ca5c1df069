"""Turn newsroom changes into cache purges, sent to every server process on commit."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from dateline.core import cache_tags
from dateline.core.purge import purge_on_commit


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


def _purge(tags: list[str], signal_arguments: dict[str, Any]) -> None:
    # Rows loaded as they are (fixtures, a test database restored) are not changes by anyone.
    if not signal_arguments.get("raw"):
        purge_on_commit(tags)


def connect_site_wide_purges() -> None:
    """A site's address or a page's privacy shows on every page, and in what every process
    remembers of published content: both purge everything."""
    from wagtail.models import PageViewRestriction, Site

    def on_change(sender: Any, **kwargs: Any) -> None:
        _purge([cache_tags.EVERYTHING], kwargs)

    for model in (Site, PageViewRestriction):
        for signal in (post_save, post_delete):
            signal.connect(
                on_change, sender=model, weak=False, dispatch_uid=f"purge-all-{model.__name__}-{signal}"
            )


def connect_snippet_purges() -> None:
    """Authors, agencies and images are shown on pages filed under their tags."""
    from dateline.articles.models import Agency, Author
    from dateline.images.models import NewsImage

    def on_author(sender: Any, instance: Author, **kwargs: Any) -> None:
        _purge([cache_tags.author(instance.pk)], kwargs)

    def on_agency(sender: Any, instance: Agency, **kwargs: Any) -> None:
        _purge([cache_tags.agency(instance.pk)], kwargs)

    def on_image(sender: Any, instance: NewsImage, created: bool = False, **kwargs: Any) -> None:
        if not created:
            _purge([cache_tags.image(instance.pk)], kwargs)

    for signal in (post_save, post_delete):
        signal.connect(on_author, sender=Author, weak=False, dispatch_uid=f"purge-author-{signal}")
        signal.connect(on_agency, sender=Agency, weak=False, dispatch_uid=f"purge-agency-{signal}")
        signal.connect(on_image, sender=NewsImage, weak=False, dispatch_uid=f"purge-image-{signal}")
