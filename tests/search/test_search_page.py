"""The search page readers use: `/en/search/?q=…`, its form, its answers to anything typed."""

from __future__ import annotations

from http import HTTPStatus

import pytest

from dateline.core.public import is_declared
from tests.factories import ArticleFactory
from tests.search.indexed import indexed

pytestmark = pytest.mark.usefixtures("editions")


def results_of(response) -> str:
    """The results part of a search page (the Newsfeed above it lists the latest stories)."""
    page = response.content.decode()
    return page[page.index('<section class="search-results"') :]


HOSTILE_QUERIES = [
    '"',
    '"unbalanced quote',
    "NEAR(harbour cranes, 2)",
    "harbour*",
    "^harbour",
    "-harbour",
    "harbour OR",
    "AND AND OR NOT",
    "((harbour)",
    "headline:harbour",
    "{headline lede}: harbour",
    "harbour & | ! <-> :*",
    "' OR 1=1 --",
    "\\",
    "x" * 1024,
    "harbour " * 150,
    "%00",
    "\u202eharbour",
    "🙂",
    "_",
]


def test_every_edition_has_a_search_box_in_its_masthead(client):
    for language in ("en", "ru", "ar"):
        page = client.get(f"/{language}/").content.decode()

        assert f'action="/{language}/search/"' in page
        assert 'role="search"' in page


def test_a_search_shows_story_cards_with_the_words_marked(client):
    story, _other = indexed(
        ArticleFactory(title="Cranes <b>idle</b> at the harbour"), ArticleFactory(title="Rain in the north")
    )

    response = client.get("/en/search/", {"q": "harbours"})
    page = results_of(response)

    assert response.status_code == HTTPStatus.OK
    assert "Cranes &lt;b&gt;idle&lt;/b&gt; at the <mark>harbour</mark>" in page
    assert f'href="{story.url}"' in page
    assert "Rain in the north" not in page
    assert "1 story found" in page


def test_the_russian_and_arabic_editions_search_their_own_stories(client):
    indexed(
        ArticleFactory(title="Доверенные лица подали жалобу", edition="ru"),
        ArticleFactory(title="أَحْمَـد يفوز بالسباق", edition="ar"),
    )

    russian = client.get("/ru/search/", {"q": "доверенное"}).content.decode()
    arabic = client.get("/ar/search/", {"q": "احمد"}).content.decode()

    assert "<mark>Доверенные</mark> лица" in russian
    assert "<mark>أَحْمَـد</mark> يفوز" in arabic
    assert 'dir="rtl"' in arabic


def test_result_pages_are_not_indexed_by_search_engines_nor_kept_by_the_page_cache(client):
    response = client.get("/en/search/", {"q": "harbour"})

    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"
    assert not is_declared(response.wsgi_request)
    assert "public" not in response.get("Cache-Control", "")


def test_a_search_that_finds_nothing_suggests_a_word_of_the_index(client):
    indexed(ArticleFactory(title="Earthquake drill in Tokyo"))

    page = client.get("/en/search/", {"q": "erthquake", "sort": "newest"}).content.decode()

    assert "Did you mean" in page
    assert 'href="?q=earthquake&amp;sort=newest">earthquake</a>' in page


def test_the_filters_and_order_are_in_the_form(client):
    page = client.get("/en/search/").content.decode()

    for name in ("q", "section", "author", "tag", "since", "until", "sort"):
        assert f'name="{name}"' in page
    assert '<label for="id_q">' in page


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_no_query_breaks_the_page(client, query):
    indexed(ArticleFactory(title="Harbour cranes idle"))

    response = client.get("/en/search/", {"q": query})

    assert response.status_code in (HTTPStatus.OK, HTTPStatus.BAD_REQUEST), query
    if response.status_code == HTTPStatus.BAD_REQUEST:
        assert "form-error" in response.content.decode()


def test_a_query_too_long_is_refused_with_a_reason(client):
    response = client.get("/en/search/", {"q": "x" * 1024})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "Search for at most 200 characters." in response.content.decode()


@pytest.mark.parametrize(
    "parameters",
    [
        {"page": "999"},
        {"page": "-1"},
        {"page": "1e9"},
        {"section": "banana"},
        {"section": "99999999999999999999999"},
        {"author": "0"},
        {"tag": "no such topic"},
        {"since": "2026-13-45"},
        {"since": "2026-03-10", "until": "2026-03-01"},
        {"sort": "random()"},
    ],
)
def test_filters_that_make_no_sense_are_a_clear_error(client, parameters):
    response = client.get("/en/search/", {"q": "harbour", **parameters})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "form-error" in response.content.decode()


def test_days_at_the_ends_of_the_calendar_narrow_nothing_and_break_nothing(client):
    indexed(ArticleFactory(title="Harbour cranes idle"))

    response = client.get("/en/search/", {"q": "harbour", "since": "0001-01-01", "until": "9999-12-31"})

    assert response.status_code == HTTPStatus.OK
    assert "1 story found" in response.content.decode()


def test_a_page_past_the_last_says_so(client):
    indexed(ArticleFactory(title="Harbour cranes idle"))

    response = client.get("/en/search/", {"q": "harbour", "page": "3"})

    assert response.status_code == HTTPStatus.OK
    assert "No more results." in response.content.decode()


def test_only_get_is_answered(client):
    assert client.post("/en/search/", {"q": "harbour"}).status_code == HTTPStatus.METHOD_NOT_ALLOWED
