"""The cached pages that show an image: filed under its tag, dropped when it changes."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from dateline.core import cache_tags
from dateline.images.models import NewsImage
from dateline.live.purge import purge_changed_row


@receiver(post_save, sender=NewsImage)
@receiver(post_delete, sender=NewsImage)
def purge_image(sender: Any, instance: NewsImage, created: bool = False, **kwargs: Any) -> None:
    # A new image is on no page yet.
    if not created:
        purge_changed_row([cache_tags.image(instance.pk)], kwargs)
