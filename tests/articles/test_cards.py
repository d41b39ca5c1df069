"""Story cards read with written-out statements (`listing.cards`): what a reader may see of a list,
with the picture Wagtail would give."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from wagtail.models import PageViewRestriction

from dateline.articles import listing
from dateline.articles.cards import CARD_IMAGE_SPEC, story_card
from dateline.core import jinja
from tests.factories import ArticleFactory, NewsImageFactory, locale

pytestmark = pytest.mark.usefixtures("editions")


def cards_of(*stories, language: str = "en"):
    return listing.cards(RequestFactory().get("/"), [story.pk for story in stories], locale(language).pk)


def test_a_card_shows_what_the_story_page_shows_of_the_story():
    story = ArticleFactory(title="Tokyo rehearses the big one", kicker="Japan", lede="A million people stop.")

    card = cards_of(story)[story.pk]

    assert (card.title, card.kicker, card.lede) == (
        "Tokyo rehearses the big one",
        "Japan",
        "A million people stop.",
    )
    assert card.get_url(None) == story.get_url()
    assert card.first_published_at == story.first_published_at


def test_drafts_stories_of_another_edition_and_private_stories_get_no_card():
    shown = ArticleFactory(section="world")
    draft = ArticleFactory(section="world", live=False)
    private = ArticleFactory(section="business")
    PageViewRestriction.objects.create(page=private.get_parent(), restriction_type=PageViewRestriction.LOGIN)
    russian = ArticleFactory(locale=locale("ru"))

    assert list(cards_of(shown, draft, private, russian)) == [shown.pk]
    assert list(cards_of(shown, russian, language="ru")) == [russian.pk]


def test_a_cards_picture_is_the_rendition_wagtail_gives_for_the_images_focal_point():
    image = NewsImageFactory(title="Cranes", description="Cranes at dusk over the harbour")
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = (
        40,
        30,
        20,
        20,
    )
    image.save()
    story = ArticleFactory(lead_image=image)

    picture = cards_of(story)[story.pk].picture  # made now: the image had no rendition at this size
    again = cards_of(story)[story.pk].picture  # found: the one just made
    rendition = image.get_rendition(CARD_IMAGE_SPEC)

    assert picture == again
    assert (again.url, again.width, again.height) == (rendition.url, rendition.width, rendition.height)
    assert again.alt == "Cranes at dusk over the harbour"


def test_moving_the_focal_point_gives_the_card_a_rendition_for_the_new_one():
    image = NewsImageFactory()
    story = ArticleFactory(lead_image=image)
    before = cards_of(story)[story.pk].picture
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = (
        300,
        170,
        10,
        10,
    )
    image.save()

    after = cards_of(story)[story.pk].picture

    assert after.url != before.url
    assert after.url == image.get_rendition(CARD_IMAGE_SPEC).url


def test_an_image_without_a_description_is_described_by_its_title():
    story = ArticleFactory(lead_image=NewsImageFactory(title="Harbour cranes", description=""))

    assert cards_of(story)[story.pk].picture.alt == "Harbour cranes"


def test_a_cards_time_is_formatted_in_each_readers_language():
    story = ArticleFactory(first_published_at=datetime(2026, 12, 6, 9, 30, tzinfo=UTC))
    card = cards_of(story)[story.pk]

    with translation.override("en"):
        english = story_card(None, card)
    with translation.override("ru"):
        russian = story_card(None, card)
    with translation.override("en"):
        english_again = story_card(None, card)

    assert "6 December 2026" in english
    assert "6 декабря 2026" in russian
    assert english_again == english


def test_the_same_moment_is_formatted_in_the_zone_it_is_given_in():
    moment = datetime(2026, 12, 6, 22, 30, tzinfo=UTC)

    assert jinja.date_format(moment, "H:i") == "22:30"
    assert jinja.date_format(moment.astimezone(ZoneInfo("Asia/Tokyo")), "H:i") == "07:30"


def test_a_card_rendered_again_in_another_zone_shows_that_zones_time():
    story = ArticleFactory(first_published_at=datetime(2026, 12, 6, 22, 30, tzinfo=UTC))
    card = cards_of(story)[story.pk]

    with timezone.override("UTC"):
        in_utc = story_card(None, card)
    with timezone.override("Asia/Tokyo"):
        in_tokyo = story_card(None, card)

    assert "22:30" in in_utc and "07:30" not in in_utc
    assert "07:30" in in_tokyo


def test_a_headline_given_as_text_is_escaped_even_after_the_same_words_were_given_as_markup():
    story = ArticleFactory(title="Harbour cranes")
    card = cards_of(story)[story.pk]
    words = "Harbour <mark>cranes</mark>"

    as_markup = story_card(None, card, headline=mark_safe(words))  # noqa: S308  (the test's own markup)
    as_text = story_card(None, card, headline=words)

    assert "Harbour <mark>cranes</mark>" in as_markup
    assert "Harbour &lt;mark&gt;cranes&lt;/mark&gt;" in as_text


def test_a_card_shows_the_new_title_once_the_story_is_republished():
    story = ArticleFactory(title="Harbour cranes idle")
    before = story_card(None, cards_of(story)[story.pk])

    story.title = "Harbour cranes return to work"
    story.save_revision().publish()

    after = story_card(None, cards_of(story)[story.pk])
    assert "Harbour cranes idle" in before
    assert "Harbour cranes return to work" in after
