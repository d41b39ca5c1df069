"""The page store: pages the page cache keeps, written as files for nginx, and purged with it.

Driven through the composed application with Django rendering real stories (as in
test_application.py), so a stored page is what a reader would have been sent.
"""

from __future__ import annotations

import asyncio
import gzip
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from django.conf import settings
from django.core.wsgi import get_wsgi_application

from dateline.asgi.application import DatelineApplication, bridge_django
from dateline.asgi.page_cache import PageCache, build_entry
from dateline.asgi.page_store import PageStore, public_page_headers, relative_file
from dateline.core.cache_tags import EVERYTHING, HEADER
from dateline.live.hub import Hub, HubEvent
from tests.asgi.test_application import CountingDjango, django_threads_close_connections, request  # noqa: F401  (a fixture)
from tests.factories import ArticleFactory

TAG = HEADER.lower().encode()
PAGE = b"<!doctype html><title>Harbour cranes</title>" + b"<p>Dock workers returned.</p>" * 100


def stored_pages(directory: Path) -> set[str]:
    return {str(path.relative_to(directory)) for path in directory.glob("http*/**/*.html")}


def store_in(directory: Path) -> PageStore:
    return PageStore(directory, *public_page_headers(settings))


def public_page(tags: str, body: bytes = PAGE, language: bytes = b"en") -> Any:
    headers, _secure = public_page_headers(settings)
    raw = [
        (b"content-type", b"text/html; charset=utf-8"),
        (b"content-language", language),
        (TAG, tags.encode()),
    ]
    raw += [(name.lower().encode(), value.encode()) for name, value in headers]
    page = build_entry(HTTPStatus.OK, raw, body)
    assert page is not None
    return page


@pytest.fixture
def store(tmp_path: Path) -> PageStore:
    return store_in(tmp_path / "store")


@pytest.fixture
def site(committed_db: None, editions: Any, django_threads_close_connections: None, store: PageStore):  # noqa: F811
    hub = Hub(poll_seconds=60)
    return DatelineApplication(
        django=CountingDjango(bridge_django(get_wsgi_application(), threads=1)),
        page_cache=PageCache(),
        hub=hub,
        page_store=store,
    )


# --- writing ----------------------------------------------------------------------------------------


def test_a_page_the_cache_keeps_is_written_with_its_gzip_copy_beside_it(site, store):
    story = ArticleFactory(title="Harbour cranes return to work")

    response = asyncio.run(request(site, story.url))

    file = store.directory / relative_file(f"http://testserver{story.url}", story.url)
    assert file.read_bytes() == response.body
    assert gzip.decompress(Path(f"{file}.gz").read_bytes()) == response.body
    assert b"Harbour cranes return to work" in file.read_bytes()


def test_a_list_page_is_stored_under_its_page_number_and_tracking_parameters_change_nothing(site, store):
    ArticleFactory()

    asyncio.run(request(site, "/en/world/?page=1&utm_source=mail"))

    assert stored_pages(store.directory) == {"http/testserver/en/world/@page=1.html"}


def test_a_russian_story_is_stored_under_its_cyrillic_address(site, store):
    story = ArticleFactory(title="Краны в порту", slug="краны-в-порту", edition="ru", section="sport")

    path = unquote(story.url)  # granian hands the application the decoded path, as nginx reads it

    response = asyncio.run(request(site, path))

    assert response.status == HTTPStatus.OK
    assert stored_pages(store.directory) == {"http/testserver/ru/sport/краны-в-порту/@.html"}


def test_nothing_the_page_cache_would_not_keep_is_written(site, store, editor):
    story = ArticleFactory()
    staff = f"{settings.DATELINE_STAFF_COOKIE_NAME}=1".encode()

    async def everything_but_a_keepable_page() -> None:
        await request(site, story.url, headers=[(b"cookie", staff)])
        await request(site, story.url, headers=[(b"cookie", b"messages=abc")])
        await request(site, story.url, method="POST")
        await request(site, "/en/no-such-story/")
        await request(site, "/newsroom/login/")
        await request(site, "/accounts/login/")  # a private page: it sets a cookie
        await request(site, story.url, host=b"attacker.example")

    asyncio.run(everything_but_a_keepable_page())

    assert stored_pages(store.directory) == set()


def test_a_page_rendered_while_a_purge_arrives_is_not_written(site, store):
    story = ArticleFactory()
    django = site.django.django

    async def purged_during_rendering(scope: Any, receive: Any, send: Any) -> None:
        site.page_cache.on_events([HubEvent(1, "cache", "purge", {"tags": ["page:0"]})])
        await django(scope, receive, send)

    site.django.django = purged_during_rendering
    response = asyncio.run(request(site, story.url))

    assert response.status == HTTPStatus.OK
    assert stored_pages(store.directory) == set()


def test_a_page_whose_headers_nginx_would_not_send_is_kept_in_memory_only(store):
    unusual = [*public_page("page:1").headers, (b"x-robots-tag", b"noindex")]
    page = public_page("page:1")
    page.headers = unusual

    assert not store.write("http://news.example.org/en/", "/en/", page)
    assert not store.write("http://news.example.org/ru/", "/ru/", public_page("page:1", language=b"en"))
    assert store.write("http://news.example.org/en/", "/en/", public_page("page:1"))


# --- purging ----------------------------------------------------------------------------------------


def test_a_purge_deletes_exactly_the_files_of_its_tags(store):
    store.write(
        "http://news.example.org/en/world/cranes/", "/en/world/cranes/", public_page("page:7 section:2")
    )
    store.write("http://news.example.org/en/world/", "/en/world/", public_page("section:2 page:8"))
    store.write("http://news.example.org/en/sport/", "/en/sport/", public_page("section:3"))

    store.purge(["page:7"])

    assert stored_pages(store.directory) == {
        "http/news.example.org/en/world/@.html",
        "http/news.example.org/en/sport/@.html",
    }
    assert not list(store.directory.glob("http/news.example.org/en/world/cranes/*"))


def test_a_purge_of_everything_empties_the_store(store):
    store.write("http://news.example.org/en/", "/en/", public_page("home:1"))
    store.write("https://news.example.org/ru/", "/ru/", public_page("home:2", language=b"ru"))

    store.purge([EVERYTHING])

    assert stored_pages(store.directory) == set()


def test_the_purge_that_drops_a_page_from_memory_deletes_its_file_in_the_same_wake_up(site, store):
    story = ArticleFactory()
    asyncio.run(request(site, story.url))
    assert stored_pages(store.directory)

    site.hub.dispatch([HubEvent(1, "cache", "purge", {"tags": [f"page:{story.pk}"]})])

    assert stored_pages(store.directory) == set()
    assert not site.page_cache.entries


def test_a_second_process_purging_deletes_what_the_first_wrote(tmp_path):
    directory = tmp_path / "store"
    first, second = store_in(directory), store_in(directory)
    first.write("http://news.example.org/en/", "/en/", public_page("home:1"))

    second.purge(["home:1"])

    assert stored_pages(directory) == set()


# --- what a request can name --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/en/../../etc/",
        "/en/..",
        "/en/./world/",
        "/en/.tags/",
        "/en//world/",
        "/en/a/b\\..\\c/",
        "/en/with\x00nul/",
        "/en/slash%2Fencoded/",
        "/en/x?page=1",
        "/en/" + "long-" * 60 + "/",
        "/en/" + "deep/" * 300,
    ],
)
def test_a_path_that_is_not_plain_names_no_file(path):
    assert relative_file(f"http://news.example.org{path}", path) is None


@pytest.mark.parametrize("host", ["../etc", "news.example.org/..", "a b", "", ".hidden"])
def test_a_host_that_is_not_plain_names_no_file(host):
    assert relative_file(f"http://{host}/en/", "/en/") is None


def test_only_an_empty_query_or_one_page_number_names_a_file():
    assert (
        relative_file("http://news.example.org/en/?page=2", "/en/") == "http/news.example.org/en/@page=2.html"
    )
    assert relative_file("http://news.example.org/en/?page=x", "/en/") is None
    assert relative_file("http://news.example.org/en/?page=1&page=2", "/en/") is None


def test_a_file_never_leaves_the_store(store):
    for path in ("/en/../../../tmp/", "/en/%2e%2e/", "/en/\x00/"):
        assert not store.write(f"http://news.example.org{path}", path, public_page("page:1"))

    assert not any(store.directory.parent.glob("tmp"))
    assert stored_pages(store.directory) == set()
