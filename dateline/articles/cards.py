"""Story cards, the unit every list is made of: templates/jinja2/includes/story_card.html.

A front page shows some forty of them, so the card is a Jinja2 template: Django's engine takes a
third longer (bench/README.md, "Markup: templates or Python"). What a card shows is read as a
`Card`, not a page instance: one statement for all of a list's cards and their pictures
(`listing.cards`), where Wagtail's page models cost more to build than the card to render.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.safestring import SafeString
from wagtail.models import Page

from dateline.articles.models import ArticlePage
from dateline.core import jinja, versioned
from dateline.editions import navigation
from dateline.images.pictures import Picture

if TYPE_CHECKING:
    from dateline.editions.models import SectionPage

CARD_IMAGE_SPEC = "fill-640x360-c60"
# Rendered cards each server process keeps: a front page and its sections show a few hundred.
CARDS_KEPT = 2048


@dataclass
class Card:
    """A live story as its card shows it; `section` is given from the loaded navigation."""

    pk: int
    title: str
    url_path: str
    path: str
    locale_id: int
    content_type_id: int
    first_published_at: datetime | None
    kicker: str
    lede: str
    lead_image_id: int | None
    picture: Picture | None
    section: SectionPage | None = field(default=None)

    steplen: ClassVar[int] = Page.steplen

    def get_url(self, request: HttpRequest | None) -> str | None:
        """The story's address, as its page's `get_url` gives it."""
        return navigation.page_url(request, self.locale_id, self.url_path)


def story_card(
    request: HttpRequest | None,
    story: Card,
    *,
    lead: bool = False,
    compact: bool = False,
    show_section: bool = False,
    level: int = 3,
    headline: SafeString | None = None,
    summary: SafeString | None = None,
) -> SafeString:
    """A card: picture, section, kicker and headline linked to the story, lede and time.

    `headline` and `summary` replace the story's headline and lede with markup made from them (a
    search result's, with the words found marked), escaped already.

    The comment count's link is hidden until the page's script has the count
    (static/dateline/comment-counts.js): cached pages are the same for everyone and carry none.
    """
    published = timezone.localtime(story.first_published_at) if story.first_published_at else None
    picture = None if compact else story.picture
    section = story.section if show_section else None
    url = story.get_url(request)
    heading = "h2" if lead or level == 2 else "h3"
    shown_headline: str = headline if headline is not None else story.title
    shown_summary: str = summary if summary is not None else story.lede
    discussion = has_discussion(story)
    # Everything the card's markup is made of (its time in the zone in force, the language, and
    # whether a headline is markup already): a story's card is the same on every list showing it.
    key = (
        story.pk, story.content_type_id, story.kicker, url, heading, lead, compact,
        shown_headline, hasattr(shown_headline, "__html__"), shown_summary, hasattr(shown_summary, "__html__"),
        discussion, published, timezone.get_current_timezone_name(), translation.get_language(),
        picture and (picture.url, picture.width, picture.height, picture.alt), section and section.title,
    )  # fmt: skip

    def render() -> SafeString:
        return jinja.render(
            "includes/story_card.html",
            request=request,
            story=story,
            lead=lead,
            compact=compact,
            picture=picture,
            section=section,
            url=url,
            heading=heading,
            headline=shown_headline,
            summary=shown_summary,
            published=published,
            discussion=discussion,
        )

    return versioned.remembered_per_object("story-card", key, request, render, keep=CARDS_KEPT)


def has_discussion(story: Card | ArticlePage) -> bool:
    """A plain story, whose page ends with its discussion (a live coverage's page has none).

    The content type tells them apart without a query; whether the discussion is closed is not
    asked (it costs one per card): a closed discussion's comments are still worth reading.
    """
    return story.content_type_id == ContentType.objects.get_for_model(ArticlePage).pk
