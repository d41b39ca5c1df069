"""Language editions: the right edition for each reader, and pages in the edition's language."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup

from dateline.editions.models import HomePage, SectionPage
from dateline.editions.setup import SECTIONS, ensure_editions
from tests.factories import ArticleFactory

pytestmark = pytest.mark.usefixtures("editions")


@pytest.mark.parametrize(
    ("accept_language", "edition"),
    [
        ("ru-RU,ru;q=0.9,en;q=0.8", "/ru/"),
        ("ar", "/ar/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("ja-JP,ja;q=0.9", "/en/"),
        ("", "/en/"),
    ],
)
def test_front_door_sends_readers_to_the_edition_in_their_language(client, accept_language, edition):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == edition


@pytest.mark.parametrize("path", ["/ar/", "/ar/world/"])
def test_arabic_pages_read_right_to_left(client, path):
    response = client.get(path)

    assert response.status_code == HTTPStatus.OK
    html = BeautifulSoup(response.content, "html.parser").html
    assert (html["lang"], html["dir"]) == ("ar", "rtl")


def test_arabic_story_reads_right_to_left(client):
    story = ArticleFactory(edition="ar", title="عودة الرافعات إلى العمل في الميناء", slug="cranes")

    html = BeautifulSoup(client.get(story.url).content, "html.parser").html

    assert (html["lang"], html["dir"]) == ("ar", "rtl")


@pytest.mark.parametrize(("path", "language"), [("/en/", "en"), ("/ru/world/", "ru")])
def test_left_to_right_editions_say_so(client, path, language):
    html = BeautifulSoup(client.get(path).content, "html.parser").html

    assert (html["lang"], html["dir"]) == (language, "ltr")


def test_every_edition_has_the_same_seven_sections_in_its_own_language(client):
    for language in ("en", "ru", "ar"):
        page = BeautifulSoup(client.get(f"/{language}/").content, "html.parser")
        titles = [a.get_text() for a in page.select("nav.sections a")]
        assert titles == [section.titles[language] for section in SECTIONS]


def test_section_pages_are_linked_as_translations_of_each_other():
    english = SectionPage.objects.get(locale__language_code="en", slug="world")

    translations = {page.locale.language_code for page in english.get_translations()}

    assert translations == {"ru", "ar"}


def test_running_the_edition_setup_again_duplicates_nothing():
    before = (HomePage.objects.count(), SectionPage.objects.count())

    ensure_editions()

    assert (HomePage.objects.count(), SectionPage.objects.count()) == before == (3, 21)


def test_edition_switcher_marks_the_current_edition(client):
    page = BeautifulSoup(client.get("/ru/").content, "html.parser")

    current = page.select_one('.edition-switcher a[aria-current="true"]')
    assert current["hreflang"] == "ru"
    assert {a["href"] for a in page.select(".edition-switcher a")} == {"/en/", "/ru/", "/ar/"}


def head_alternates(client, url: str) -> dict[str, str]:
    page = BeautifulSoup(client.get(url).content, "html.parser")
    return {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')}


def test_a_section_names_its_versions_in_every_edition_and_drops_one_withdrawn(client, settings):
    assert head_alternates(client, "/en/world/") == {
        "en": settings.BASE_URL + "/en/world/",
        "ru": settings.BASE_URL + "/ru/world/",
        "ar": settings.BASE_URL + "/ar/world/",
    }

    SectionPage.objects.get(locale__language_code="ar", slug="world").unpublish()

    assert set(head_alternates(client, "/en/world/")) == {"en", "ru"}
