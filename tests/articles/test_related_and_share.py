"""Under a story: links to share it (plain links, no other site's script) and related stories, by
shared tags first, then from its section."""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from dateline.articles import related
from dateline.articles.models import ArticlePage
from tests.factories import ArticleFactory
from tests.query_plans import sqlite_plan

pytestmark = pytest.mark.usefixtures("editions")


def story_page(client, story) -> BeautifulSoup:
    response = client.get(story.url)
    assert response.status_code == HTTPStatus.OK
    return BeautifulSoup(response.content, "html.parser")


def related_headlines(page: BeautifulSoup) -> list[str]:
    return [link.get_text(strip=True) for link in page.select(".related .card__headline a")]


def hours_ago(hours: int):
    return timezone.now() - timedelta(hours=hours)


def test_related_stories_share_most_tags_first_then_come_from_the_section(client):
    story = ArticleFactory(title="Port strike ends", tags=["Ports", "Strikes"], section="business")
    ArticleFactory(
        title="Dockers vote", tags=["Ports", "Strikes"], section="world", first_published_at=hours_ago(5)
    )
    ArticleFactory(title="Ports expand", tags=["Ports"], section="world", first_published_at=hours_ago(1))
    ArticleFactory(title="Markets calm", section="business", first_published_at=hours_ago(2))
    ArticleFactory(title="Unrelated world story", section="world", first_published_at=hours_ago(1))
    ArticleFactory(title="Another edition", tags=["Ports"], edition="ru", section="business")
    ArticleFactory(title="A draft", tags=["Ports"], live=False)

    page = story_page(client, story)

    assert related_headlines(page) == ["Dockers vote", "Ports expand", "Markets calm"]


def test_related_stories_are_looked_for_among_each_tags_most_recently_tagged_stories(client, monkeypatch):
    monkeypatch.setattr(related, "CANDIDATES_PER_TAG", 2)
    ArticleFactory(
        title="Long ago on ports", tags=["Ports"], section="world", first_published_at=hours_ago(3)
    )
    ArticleFactory(title="Ports expand", tags=["Ports"], section="world", first_published_at=hours_ago(2))
    ArticleFactory(title="Ports reopen", tags=["Ports"], section="world", first_published_at=hours_ago(1))
    story = ArticleFactory(title="Port strike ends", tags=["Ports"], section="business")

    page = story_page(client, story)

    # The story itself is among its tag's two newest: one other is found by the tag, none older.
    assert related_headlines(page) == ["Ports reopen"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's plan")
def test_a_tags_newest_stories_are_read_from_its_index_without_sorting_every_story_it_is_on():
    story = ArticleFactory(title="Port strike ends", tags=["Ports", "Strikes"], section="business")
    with CaptureQueriesContext(connection) as queries:
        related.sharing_most_tags(story, [tag.pk for tag in story.tags.all()], 4)
    tagged = next(query["sql"] for query in queries.captured_queries if "articles_articletag" in query["sql"])
    plan = sqlite_plan(tagged)
    assert not any("TEMP B-TREE" in step for step in plan), plan


def test_every_tags_newest_stories_are_read_in_one_statement():
    story = ArticleFactory(title="Port strike ends", tags=["Ports", "Strikes", "Unions"], section="business")
    ArticleFactory(
        title="Dockers vote", tags=["Strikes", "Unions"], section="world", first_published_at=hours_ago(1)
    )
    ArticleFactory(title="Ports expand", tags=["Ports"], section="world", first_published_at=hours_ago(2))
    tag_ids = [tag.pk for tag in story.tags.all()]

    with CaptureQueriesContext(connection) as queries:
        chosen = related.sharing_most_tags(story, tag_ids, 4)

    tag_reads = [query["sql"] for query in queries.captured_queries if "articles_articletag" in query["sql"]]
    assert len(tag_reads) == 1, tag_reads
    assert [ArticlePage.objects.get(pk=pk).title for pk in chosen] == ["Dockers vote", "Ports expand"]


def test_the_story_page_reads_its_tags_once_for_the_tag_list_and_the_related_stories(client):
    story = ArticleFactory(title="Port strike ends", tags=["Ports", "Strikes"], section="business")
    ArticleFactory(title="Dockers vote", tags=["Strikes"], section="world", first_published_at=hours_ago(1))

    with CaptureQueriesContext(connection) as queries:
        page = story_page(client, story)

    assert related_headlines(page) == ["Dockers vote"]
    tag_reads = [query["sql"] for query in queries.captured_queries if 'FROM "taggit_tag"' in query["sql"]]
    assert len(tag_reads) == 1, tag_reads


def test_stories_behind_a_privacy_setting_are_never_related(client):
    story = ArticleFactory(title="Port strike ends", tags=["Ports"], section="business")
    ArticleFactory(title="Ports expand", tags=["Ports"], section="world", first_published_at=hours_ago(1))
    private = ArticleFactory(title="Private ports", tags=["Ports"], section="politics")
    ArticleFactory(title="Markets calm", section="business", first_published_at=hours_ago(2))
    hidden_in_section = ArticleFactory(
        title="Private markets", section="business", first_published_at=hours_ago(1)
    )
    for page in (private.get_parent(), hidden_in_section):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    page = story_page(client, story)

    assert related_headlines(page) == ["Ports expand", "Markets calm"]


def test_a_story_alone_in_the_edition_has_no_related_stories(client):
    page = story_page(client, ArticleFactory())

    assert page.select_one(".related") is None


def test_the_story_page_is_filed_under_the_related_stories_so_withdrawing_one_purges_it(client):
    story = ArticleFactory(tags=["Ports"])
    other = ArticleFactory(tags=["Ports"])

    response = client.get(story.url)

    assert f"page:{other.pk}" in response["X-Dateline-Cache-Tags"].split()


def test_share_links_carry_the_story_address_and_load_nothing_from_other_sites(client):
    story = ArticleFactory(title="Port strike ends")

    page = story_page(client, story)

    links = {link.get_text(): link["href"] for link in page.select(".share a")}
    assert set(links) == {"E-mail", "X", "Facebook", "WhatsApp", "Telegram", "LinkedIn"}
    facebook = parse_qs(urlsplit(links["Facebook"]).query)
    assert facebook["u"] == [settings.BASE_URL + story.url]
    assert "Port strike ends" in parse_qs(urlsplit(links["E-mail"]).query)["subject"][0]
    assert all(link.get("rel") == ["noopener", "noreferrer"] for link in page.select(".share a[target]"))
    assert not [script for script in page.select("script[src]") if "//" in script["src"]]
