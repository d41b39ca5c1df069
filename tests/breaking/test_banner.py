"""The breaking-news banner as readers get it from the server, on every page of the edition."""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.utils import timezone, translation

from dateline.breaking import actions
from dateline.breaking.jinja2tags import breaking_banner
from dateline.core import cache_tags
from dateline.editions.navigation import current_edition
from tests.factories import ArticleFactory, section_page


def read(client: Any, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return BeautifulSoup(response.content, "html.parser")


def banner(page: BeautifulSoup) -> Any:
    return page.select_one("[data-breaking] [role=region]")


@pytest.fixture
def english_pages(editions: Any, story: Any) -> list[str]:
    other_story = ArticleFactory(title="Markets open lower", section="business")
    return [editions["en"].url, section_page("en", "world").url, story.url, other_story.url]


def test_every_page_of_the_edition_shows_the_alert(client: Any, story: Any, english_pages: list[str]) -> None:
    actions.do_mark_breaking(story, user=None, headline="Strong earthquake hits the north")

    for url in english_pages:
        alert = banner(read(client, url))
        assert alert is not None, f"no banner on {url}"
        assert alert["aria-label"] == "Breaking news"
        assert alert.select_one(".breaking__label").get_text() == "Breaking"
        link = alert.select_one("a")
        assert link.get_text() == "Strong earthquake hits the north"
        assert link["href"] == story.url
        dismiss = alert.select_one("button")
        assert dismiss["type"] == "button"
        assert dismiss["aria-label"] == "Dismiss this alert"


def test_banner_comes_right_after_the_masthead_in_a_polite_live_container(client: Any, story: Any) -> None:
    actions.do_mark_breaking(story, user=None)

    page = read(client, story.url)

    container = page.select_one("header.masthead").find_next_sibling()
    assert container is not None and container.has_attr("data-breaking")
    assert container["aria-live"] == "polite"


def test_pages_of_another_edition_show_no_alert(client: Any, story: Any, editions: Any) -> None:
    actions.do_mark_breaking(story, user=None)

    page = read(client, editions["ru"].url)

    assert page.select_one("[data-breaking]")["data-edition"] == "ru"
    assert banner(page) is None


def test_without_an_alert_pages_carry_the_empty_live_container(client: Any, story: Any) -> None:
    page = read(client, story.url)

    container = page.select_one("[data-breaking]")
    assert container["data-edition"] == "en"
    assert container["aria-live"] == "polite"
    assert banner(page) is None


def test_cleared_and_ended_alerts_are_not_shown(client: Any, story: Any, editions: Any) -> None:
    cleared = actions.do_mark_breaking(story, user=None)
    actions.do_clear_breaking(cleared, user=None)
    actions.do_mark_breaking(
        ArticleFactory(title="Ended an hour ago"), user=None, hours=1, now=timezone.now() - timedelta(hours=2)
    )

    assert banner(read(client, editions["en"].url)) is None


def test_a_headline_with_markup_is_shown_as_text(client: Any, story: Any) -> None:
    actions.do_mark_breaking(story, user=None, headline='<script>alert("x")</script> Fire & "smoke"')

    response = client.get(story.url)

    html = response.content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html
    link = banner(BeautifulSoup(html, "html.parser")).select_one("a")
    assert link.get_text() == '<script>alert("x")</script> Fire & "smoke"'


def test_the_alert_carries_what_the_script_needs_to_hide_it_in_time(client: Any, story: Any) -> None:
    alert = actions.do_mark_breaking(story, user=None)

    shown = banner(read(client, story.url))

    assert shown["data-id"] == str(alert.pk)
    assert shown["data-started-at"] == alert.started_at.isoformat()
    assert shown["data-ends-at"] == alert.ends_at.isoformat()


def test_cached_pages_are_filed_under_their_edition_which_marking_purges(client: Any, story: Any) -> None:
    response = client.get(story.url)

    assert cache_tags.edition(story.locale_id) in response[cache_tags.HEADER].split()


def test_the_banner_costs_one_query(story: Any, django_assert_num_queries: Any) -> None:
    actions.do_mark_breaking(story, user=None)
    request = RequestFactory().get(story.url)
    with translation.override("en"):
        edition = current_edition(request)
        story.get_url(request)  # the site's root paths, which every page has looked up already

        with django_assert_num_queries(1):
            html = breaking_banner({"request": request, "edition": edition})

    assert "Earthquake shakes the northern coast" in html
