"""The pages a news site is expected to have: About, Contact, Privacy and Terms in every edition and
linked from every footer, the edition's indexes of topics, authors and months, the web app manifest
and the favicon."""

from __future__ import annotations

import json
from datetime import datetime
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone, translation
from wagtail.models import Page

from dateline.core import cache_tags
from dateline.editions.models import InfoPage
from dateline.editions.setup import ensure_editions
from tests.factories import ArticleFactory, AuthorFactory, locale

pytestmark = pytest.mark.usefixtures("editions")


def page_of(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return BeautifulSoup(response.content, "html.parser")


def footer_links(page: BeautifulSoup) -> dict[str, str]:
    return {link.get_text(strip=True): link["href"] for link in page.select(".site-footer__pages a")}


def on(year: int, month: int, day: int = 15) -> datetime:
    return timezone.make_aware(datetime(year, month, day, 12))


# --- About, Contact, Privacy, Terms ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "titles"),
    [
        ("en", ["About us", "Contact", "Privacy", "Terms of use"]),
        ("ru", ["О нас", "Контакты", "Конфиденциальность", "Условия использования"]),
        ("ar", ["من نحن", "اتصل بنا", "الخصوصية", "شروط الاستخدام"]),
    ],
)
def test_every_edition_starts_with_pages_about_the_publication(client, language, titles):
    for slug, title in zip(["about", "contact", "privacy", "terms"], titles, strict=True):
        page = page_of(client, f"/{language}/{slug}/")
        assert page.select_one("h1").get_text() == title
        assert page.select_one(".info__body h2, .info__body p")


def test_setup_run_again_keeps_what_the_newsroom_wrote(client):
    about = InfoPage.objects.get(locale=locale("en"), slug="about")
    about.body = "<p>Founded in a garage in 1998.</p>"
    about.save_revision().publish()

    ensure_editions()

    assert InfoPage.objects.filter(slug="about").count() == 3
    assert "Founded in a garage" in page_of(client, "/en/about/").select_one(".info__body").get_text()


@pytest.mark.parametrize("path", ["/en/", "/en/world/", "/en/tags/", "/en/privacy/", "story"])
def test_every_footer_links_the_pages_about_the_publication_and_the_indexes(client, path):
    if path == "story":
        path = ArticleFactory().url

    links = footer_links(page_of(client, path))

    assert links == {
        "About us": "/en/about/",
        "Contact": "/en/contact/",
        "Privacy": "/en/privacy/",
        "Terms of use": "/en/terms/",
        "Archive": "/en/archive/",
        "Authors": "/en/authors/",
        "Topics": "/en/tags/",
    }


def test_the_arabic_footer_links_the_arabic_pages(client):
    links = footer_links(page_of(client, "/ar/"))

    assert links["الخصوصية"] == "/ar/privacy/"


def test_a_page_the_newsroom_adds_or_renames_shows_in_the_footer(client):
    privacy = InfoPage.objects.get(locale=locale("en"), slug="privacy")
    privacy.title = "Your privacy"
    privacy.save_revision().publish()
    home = privacy.get_parent()
    corrections = InfoPage(title="Corrections", slug="corrections", body="<p>What we got wrong.</p>")
    home.add_child(instance=corrections)
    corrections.save_revision().publish()

    links = footer_links(page_of(client, "/en/"))

    assert links["Your privacy"] == "/en/privacy/"
    assert links["Corrections"] == "/en/corrections/"


def test_a_withdrawn_page_leaves_the_footer(client):
    InfoPage.objects.get(locale=locale("en"), slug="terms").unpublish()

    assert "Terms of use" not in footer_links(page_of(client, "/en/"))
    assert client.get("/en/terms/").status_code == HTTPStatus.NOT_FOUND


def test_information_pages_are_public_content_kept_by_the_page_cache(client):
    response = client.get("/en/about/")

    assert response["Cache-Control"].startswith("public")


# --- topics, authors, archive ---------------------------------------------------------------------


def test_topics_lists_the_tags_of_the_edition_with_their_number_of_stories(client):
    ArticleFactory(tags=["Ports", "Strikes"])
    ArticleFactory(tags=["Ports"])
    ArticleFactory(tags=["Elections"], edition="ru")
    ArticleFactory(tags=["Draft only"], live=False)

    page = page_of(client, "/en/tags/")

    entries = [item.get_text(" ", strip=True) for item in page.select(".index-list--tags li")]
    assert entries == ["Ports 2 stories", "Strikes 1 story"]
    assert page.select_one(".index-list--tags a")["href"] == "/en/tags/ports/"


def test_authors_lists_everyone_credited_in_the_edition_by_name(client):
    tanabe = AuthorFactory(name="Mariko Tanabe", role="Tokyo correspondent")
    okafor = AuthorFactory(name="Chidi Okafor")
    AuthorFactory(name="Nobody Yet")
    ArticleFactory(authors=[tanabe])
    ArticleFactory(authors=[okafor, tanabe])

    page = page_of(client, "/en/authors/")

    names = [link.get_text() for link in page.select(".author-list__name")]
    assert names == ["Chidi Okafor", "Mariko Tanabe"]
    assert page.select_one(".author-list__name")["href"] == okafor.get_url()
    assert "Tokyo correspondent" in page.select_one(".author-list").get_text()


def test_archive_lists_every_month_from_the_first_story_to_the_latest(client):
    ArticleFactory(first_published_at=on(2025, 11, 3))
    ArticleFactory(first_published_at=on(2026, 2, 20))

    page = page_of(client, "/en/archive/")

    years = {
        section.select_one("h2").get_text(): [link["href"] for link in section.select("a")]
        for section in page.select(".archive-year")
    }
    assert years == {
        "2026": ["/en/archive/2026/01/", "/en/archive/2026/02/"],
        "2025": ["/en/archive/2025/11/", "/en/archive/2025/12/"],
    }


def test_a_month_of_the_archive_shows_its_stories_newest_first(client):
    ArticleFactory(title="Early November", first_published_at=on(2025, 11, 1))
    ArticleFactory(title="Late November", first_published_at=on(2025, 11, 30))
    ArticleFactory(
        title="December",
        first_published_at=on(
            2025,
            12,
            1,
        ),
    )

    page = page_of(client, "/en/archive/2025/11/")

    assert page.select_one("h1").get_text() == "November 2025"
    assert [a.get_text(strip=True) for a in page.select(".card__headline a")] == [
        "Late November",
        "Early November",
    ]


@pytest.mark.parametrize("path", ["/en/archive/2025/10/", "/en/archive/2026/01/", "/en/archive/2025/00/"])
def test_a_month_outside_the_archive_is_not_found(client, path):
    ArticleFactory(first_published_at=on(2025, 11, 3))

    assert client.get(path).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("path", ["/en/tags/", "/en/authors/", "/en/archive/"])
def test_an_index_of_an_empty_edition_says_so(client, path):
    assert page_of(client, path).select_one(".empty")


@pytest.mark.parametrize("path", ["/en/tags/", "/en/authors/", "/en/archive/", "/en/archive/2025/11/"])
def test_the_indexes_are_filed_where_publishing_a_story_purges(client, path):
    ArticleFactory(first_published_at=on(2025, 11, 3))

    response = client.get(path)

    assert cache_tags.home(locale("en").pk) in response[cache_tags.HEADER].split()


# --- manifest and favicon -------------------------------------------------------------------------


def test_each_edition_has_a_web_app_manifest_in_its_language(client):
    response = client.get("/ar/manifest.webmanifest")

    manifest = json.loads(response.content)
    assert response["Content-Type"] == "application/manifest+json"
    assert (manifest["lang"], manifest["dir"], manifest["start_url"]) == ("ar", "rtl", "/ar/")
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}


def test_every_page_names_the_manifest_and_the_icons(client):
    page = page_of(client, "/en/")

    assert page.select_one("link[rel=manifest]")["href"] == "/en/manifest.webmanifest"
    assert {link["href"] for link in page.select("link[rel=icon]")} == {
        "/static/dateline/favicon.ico",
        "/static/dateline/favicon.svg",
    }


def test_favicon_at_the_root_leads_to_the_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "/static/dateline/favicon.ico"


# --- addresses --------------------------------------------------------------------------------------


@pytest.mark.parametrize("edition", ["en", "ru", "ar"])
@pytest.mark.parametrize("language_active", ["en", "ru", "ar"])
def test_a_page_links_to_the_same_address_wagtail_would_make_in_any_active_language(
    editions, rf, edition, language_active
):
    story = ArticleFactory(
        title="Порт снова работает", slug="порт-снова-работает", edition=edition, section="world"
    )
    pages = [editions[edition], story.get_parent().specific, story]
    request = rf.get("/")

    with translation.override(language_active):
        made = [page.get_url_parts(request) for page in pages]
        wagtails = [Page.get_url_parts(page, request) for page in pages]

    assert made == wagtails
    assert (
        made[2][2]
        == f"/{edition}/world/%D0%BF%D0%BE%D1%80%D1%82-%D1%81%D0%BD%D0%BE%D0%B2%D0%B0-%D1%80%D0%B0%D0%B1%D0%BE%D1%82%D0%B0%D0%B5%D1%82/"
    )


def test_a_story_link_on_a_page_is_the_address_the_story_answers_at(client):
    story = ArticleFactory(title="Порт снова работает", slug="порт-снова-работает", edition="ru")

    assert client.get(story.url).status_code == HTTPStatus.OK


def test_a_page_gives_its_new_address_once_its_slug_changes():
    story = ArticleFactory(slug="cranes", section="world")
    assert story.url == "/en/world/cranes/"

    story.slug = "harbour-cranes"
    story.set_url_path(story.get_parent())

    assert story.url == "/en/world/harbour-cranes/"
