"""Whatever a reader (or a crawler) types into the address bar, the answer is never a server error."""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import ArticleFactory, AuthorFactory

pytestmark = pytest.mark.usefixtures("editions")

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)

BAD_PAGE_NUMBERS = [
    "abc",
    "-1",
    "0",
    "999999",
    "1.5",
    "",
    pytest.param("9" * 5000, id="5000-digits"),
    "%00",
    "1e3",
]
ODD_SLUGS = [
    pytest.param("a" * 300, id="300-letters"),
    "%00",
    "..",
    "%2E%2E",
    "новости",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "story%0D%0ASet-Cookie:%20x=1",
    "%FF%FE",
    "'%20OR%201=1--",
]


def not_found_page(response) -> BeautifulSoup:
    assert response.status_code == HTTPStatus.NOT_FOUND
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one(".error-page h1") is not None, "the 404 is the site's own styled page"
    return page


# --- unknown addresses ----------------------------------------------------------------------------


def test_unknown_address_gets_the_styled_not_found_page_with_the_site_around_it(client):
    page = not_found_page(client.get("/en/no-such-story/"))

    assert page.html["lang"] == "en"
    assert page.select_one(".error-page h1").get_text() == "Page not found"
    assert page.select_one(".error-page a.button")["href"] == "/en/"
    assert [a.get_text() for a in page.select("nav.sections a")][:1] == ["World"]


def test_unknown_address_in_the_russian_edition_is_answered_in_russian(client):
    page = not_found_page(client.get("/ru/no-such-story/"))

    heading = page.select_one(".error-page h1").get_text()
    assert page.html["lang"] == "ru"
    assert page.select_one(".error-page a.button")["href"] == "/ru/"
    with translation.override("ru"):
        assert heading == gettext("Page not found")
    assert CYRILLIC.search(heading), f"expected a heading in Russian, got {heading!r}"


def test_unknown_address_in_the_arabic_edition_reads_right_to_left(client):
    page = not_found_page(client.get("/ar/no-such-story/"))

    assert (page.html["lang"], page.html["dir"]) == ("ar", "rtl")


@pytest.mark.parametrize(
    "path",
    [
        "/xx/",
        "/en/world/no-such-story/",
        "/en/world/no/such/story/",
        "/en/tags/no/such/tag/",
        "/en/archive/1999/13/",
    ],
)
def test_addresses_that_lead_nowhere_are_not_found(client, path):
    # An address without an edition is first tried in the reader's edition.
    not_found_page(client.get(path, follow=True))


# --- page numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize("number", BAD_PAGE_NUMBERS)
def test_section_page_number_that_is_not_a_page_is_not_found(client, number):
    ArticleFactory(section="world")

    not_found_page(client.get(f"/en/world/?page={number}"))


@pytest.mark.parametrize("number", ["abc", "-1", "999999", pytest.param("9" * 5000, id="5000-digits")])
def test_tag_and_author_page_numbers_that_are_not_pages_are_not_found(client, number):
    author = AuthorFactory(name="Mariko Tanabe")
    ArticleFactory(tags=["Ports"], authors=[author])

    not_found_page(client.get(f"/en/tags/ports/?page={number}"))
    not_found_page(client.get(f"{author.get_url()}?page={number}"))


def test_page_number_on_a_page_that_is_not_a_list_is_ignored(client):
    story = ArticleFactory()

    assert client.get(f"{story.url}?page=abc").status_code == HTTPStatus.OK
    assert client.get("/en/?page=-1").status_code == HTTPStatus.OK


# --- slugs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ODD_SLUGS)
def test_odd_story_slug_is_not_found(client, slug):
    not_found_page(client.get(f"/en/world/{slug}/"))


@pytest.mark.parametrize("slug", ODD_SLUGS)
def test_odd_tag_slug_is_not_found(client, slug):
    not_found_page(client.get(f"/en/tags/{slug}/"))


@pytest.mark.parametrize("slug", ODD_SLUGS)
def test_odd_author_slug_is_not_found(client, slug):
    not_found_page(client.get(f"/ru/authors/{slug}/"))


def test_unknown_tag_is_not_found(client):
    not_found_page(client.get("/en/tags/no-such-tag/"))


def test_tag_with_stories_only_in_another_edition_is_not_found_in_this_one(client):
    ArticleFactory(edition="ru", tags=["Порты"])

    not_found_page(client.get("/en/tags/порты/"))


def test_author_of_another_edition_is_not_found_in_this_one(client):
    author = AuthorFactory(name="Mariko Tanabe")

    not_found_page(client.get(f"/ru/authors/{author.slug}/"))


def test_unknown_author_is_not_found(client):
    not_found_page(client.get("/en/authors/nobody-by-this-name/"))


def test_odd_address_is_never_echoed_back_as_markup(client):
    response = client.get("/en/%3Cscript%3Ealert(1)%3C%2Fscript%3E/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert b"<script>alert(1)" not in response.content
