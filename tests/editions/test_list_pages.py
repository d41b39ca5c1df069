"""Home, section, tag and author pages: which stories they show, and in which order."""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.models import PageViewRestriction

from dateline.articles import listing
from dateline.articles.edition_lists import LATEST_ON_HOME
from dateline.editions.models import HomePage
from tests.factories import ArticleFactory, AuthorFactory, locale, publish_translation

pytestmark = pytest.mark.usefixtures("editions")


def hours_ago(hours: float):
    return timezone.now() - timedelta(hours=hours)


def page_of(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return BeautifulSoup(response.content, "html.parser")


def headlines(element) -> list[str]:
    return [link.get_text(strip=True) for link in element.select(".card__headline a")]


# --- home -----------------------------------------------------------------------------------------


def test_home_leads_with_the_newest_story_then_the_latest_ones(client):
    for hour in range(LATEST_ON_HOME + 2, 0, -1):
        ArticleFactory(title=f"Story filed {hour} hours ago", first_published_at=hours_ago(hour))

    home = page_of(client, "/en/")

    assert headlines(home.select_one(".front__top")) == ["Story filed 1 hours ago"]
    assert headlines(home.select_one(".latest-list")) == [
        f"Story filed {hour} hours ago" for hour in range(2, 2 + LATEST_ON_HOME)
    ]


def test_home_has_a_block_for_each_section_with_stories_not_shown_above(client):
    for hour in range(1, 1 + 1 + LATEST_ON_HOME):
        ArticleFactory(section="world", first_published_at=hours_ago(hour))
    ArticleFactory(title="Older world story", section="world", first_published_at=hours_ago(30))
    ArticleFactory(title="Cup final goes to extra time", section="sport", first_published_at=hours_ago(40))

    home = page_of(client, "/en/")

    blocks = {
        block.select_one("h2").get_text(strip=True): headlines(block)
        for block in home.select(".section-block")
    }
    assert blocks == {"World": ["Older world story"], "Sport": ["Cup final goes to extra time"]}


def test_editor_chosen_top_story_leads_the_home_page(client):
    chosen = ArticleFactory(title="The story editors chose", first_published_at=hours_ago(6))
    ArticleFactory(title="A newer story", first_published_at=hours_ago(1))
    home = HomePage.objects.get(locale__language_code="en")
    home.top_story = chosen
    home.save_revision().publish()

    page = page_of(client, "/en/")

    assert headlines(page.select_one(".front__top")) == ["The story editors chose"]
    assert headlines(page.select_one(".latest-list")) == ["A newer story"]


def test_home_leaves_out_stories_behind_a_privacy_setting_and_fills_the_lists_without_them(client):
    for hour in range(LATEST_ON_HOME + 2, 0, -1):
        ArticleFactory(section="world", title=f"World story {hour}", first_published_at=hours_ago(hour))
    ArticleFactory(section="business", title="Members-only business story", first_published_at=hours_ago(0.5))
    business = ArticleFactory(section="business", first_published_at=hours_ago(0.6)).get_parent()
    PageViewRestriction.objects.create(page=business, restriction_type=PageViewRestriction.LOGIN)

    home = page_of(client, "/en/")

    assert "Members-only business story" not in home.get_text()
    assert headlines(home.select_one(".front__top")) == ["World story 1"]
    assert len(headlines(home.select_one(".latest-list"))) == LATEST_ON_HOME


def test_home_of_an_edition_shows_only_its_own_stories(client):
    ArticleFactory(title="English story")

    page = page_of(client, "/ru/")

    assert "English story" not in page.get_text()
    assert page.select_one(".empty") is not None


# --- sections -------------------------------------------------------------------------------------


@pytest.fixture
def three_a_page(monkeypatch):
    """Pages of three stories, so that a few stories fill several pages."""
    monkeypatch.setattr(listing, "STORIES_PER_PAGE", 3)


@pytest.mark.usefixtures("three_a_page")
def test_section_lists_its_stories_newest_first_a_page_at_a_time(client):
    for hour in range(4, 0, -1):
        ArticleFactory(title=f"Politics story {hour}", section="politics", first_published_at=hours_ago(hour))
    ArticleFactory(title="A sport story", section="sport")

    first = page_of(client, "/en/politics/")
    second = page_of(client, "/en/politics/" + first.select_one('.pagination a[rel="next"]')["href"])

    assert headlines(first) == ["Politics story 1", "Politics story 2", "Politics story 3"]
    assert headlines(second) == ["Politics story 4"]
    assert second.select_one('.pagination a[rel="prev"]') is not None
    assert second.select_one('.pagination a[rel="next"]') is None


@pytest.mark.usefixtures("three_a_page")
def test_section_page_two_has_its_own_canonical_address(client):
    for _ in range(4):
        ArticleFactory(section="politics")

    page = page_of(client, "/en/politics/?page=2")

    assert page.select_one('link[rel="canonical"]')["href"].endswith("/en/politics/?page=2")


def test_withdrawn_story_leaves_the_section(client):
    story = ArticleFactory(title="Withdrawn story", section="business")

    story.unpublish()

    assert "Withdrawn story" not in headlines(page_of(client, "/en/business/"))


# --- tags and authors -----------------------------------------------------------------------------


def test_tag_page_lists_the_edition_stories_with_that_tag(client):
    ArticleFactory(title="Port strike ends", tags=["Ports"])
    ArticleFactory(title="New container terminal opens", tags=["Ports", "Trade"])
    ArticleFactory(title="Election called", tags=["Elections"])

    page = page_of(client, "/en/tags/ports/")

    assert page.select_one("h1").get_text() == "Ports"
    assert headlines(page) == ["New container terminal opens", "Port strike ends"]


def test_author_page_lists_the_stories_they_wrote(client):
    author = AuthorFactory(name="Mariko Tanabe", role="Tokyo correspondent")
    ArticleFactory(title="Port strike ends", authors=[author])
    ArticleFactory(title="Someone else's story")

    page = page_of(client, author.get_url())

    assert page.select_one("h1").get_text() == "Mariko Tanabe"
    assert page.select_one(".author-header__role").get_text() == "Tokyo correspondent"
    assert headlines(page) == ["Port strike ends"]


def test_author_page_in_another_edition_lists_the_stories_of_their_translated_byline(client):
    author = AuthorFactory(name="Mariko Tanabe")
    russian_author = author.copy_for_translation(locale("ru"))
    russian_author.name = "Марико Танабэ"
    russian_author.save()
    story = ArticleFactory(title="Port strike ends", authors=[author])
    russian_story = publish_translation(
        story, "ru", title="Забастовка в порту закончилась", slug="zabastovka"
    )

    page = page_of(client, russian_author.get_url())
    byline = page_of(client, russian_story.url).select_one('.byline a[rel="author"]')

    assert headlines(page) == ["Забастовка в порту закончилась"]
    assert (byline.get_text(), byline["href"]) == ("Марико Танабэ", russian_author.get_url())
