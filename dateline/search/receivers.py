"""What the index hears of besides publishing and withdrawing (which the Newsfeed's events say):
a draft saved, and a story deleted outright. Both are outbox events on the `search` stream, which
no reader may follow and which leave the content version alone: they change no page."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Revision

from dateline.articles.models import ArticlePage
from dateline.live.events import publish_on_commit

STREAM = "search"
DRAFT = "story-draft"
DELETED = "story-deleted"


def is_story_revision(revision: Revision) -> bool:
    model = ContentType.objects.get_for_id(revision.content_type_id).model_class()
    return model is not None and issubclass(model, ArticlePage)


@receiver(post_save, sender=Revision)
def index_draft(sender: Any, instance: Revision, created: bool, **kwargs: Any) -> None:
    """Editors search their drafts too: every saved revision of a story is news to the index (the
    follower indexes a story that is not live from its latest revision)."""
    if created and is_story_revision(instance):
        publish_on_commit(STREAM, DRAFT, {"id": int(instance.object_id)}, changes_pages=False)


@receiver(post_delete)
def forget_deleted_story(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A story deleted outright (a live one was withdrawn first, by Wagtail; a draft was not)."""
    if isinstance(instance, ArticlePage):
        publish_on_commit(STREAM, DELETED, {"id": instance.pk}, changes_pages=False)
