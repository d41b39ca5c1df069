"""Another story as a link to it shows it: the next story under a story, the same story in the
other editions. Read as a row (`queries.next_story`, `queries.live_translations`), not a page
instance: a Wagtail page type's instance costs more to build than its link to render."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from wagtail.models import Locale

from dateline.editions import navigation


@dataclass
class LinkedStory:
    """A live story's id, title, edition and address, as the page linking to it shows them."""

    pk: int
    title: str
    locale: Locale
    url: str | None


def linked_story(request: HttpRequest | None, row: tuple[int, str, str, int]) -> LinkedStory:
    """The story of a row (id, title, url_path, locale_id); its address as its page's `url`."""
    story_id, title, url_path, locale_id = row
    locale = navigation.locales(request).get(locale_id) or Locale.objects.get(pk=locale_id)
    return LinkedStory(story_id, title, locale, navigation.page_url(request, locale_id, url_path))
