"""The composed ASGI application, driven as granian drives it: scopes in, messages out.

It is built the way `config/asgi.py` builds it: Django's WSGI application in worker threads (`dateline.asgi.django_bridge`),
the page cache in front, the hub feeding it purges. Django runs in the bridge's threads, so the
stories these tests read are committed (`committed_db`).
"""

from __future__ import annotations

import asyncio
import gzip
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, TypeVar

import pytest
from django.conf import settings
from django.core.signals import request_finished
from django.core.wsgi import get_wsgi_application
from django.db import connections
from django.test import Client

from dateline.asgi.application import DatelineApplication, bridge_django
from dateline.asgi.page_cache import TAG_HEADER, PageCache
from dateline.live.hub import Hub
from dateline.live.sse import LiveEndpoint
from tests.discussion.factories import reader
from tests.factories import ArticleFactory

T = TypeVar("T")


@dataclass
class Response:
    status: int
    headers: dict[bytes, bytes]
    body: bytes


class CountingDjango:
    """Django as the application sees it, counting how often it is asked."""

    def __init__(self, django: Callable[..., Any]) -> None:
        self.django = django
        self.calls = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.calls += 1
        await self.django(scope, receive, send)


async def request(
    app: DatelineApplication,
    path: str,
    method: str = "GET",
    headers: list[tuple[bytes, bytes]] | None = None,
    host: bytes = b"testserver",
) -> Response:
    """`path` may carry a query string, sent as the scope's `query_string`."""
    path, _, query = path.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", host), *(headers or [])],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    start, *body = sent
    return Response(start["status"], dict(start["headers"]), b"".join(part.get("body", b"") for part in body))


def kept(app: DatelineApplication, path: str) -> bool:
    """Whether the page cache keeps the page at `path` (with its query, if any) for the test host."""
    return f"http://testserver{path}" in app.page_cache.entries


def run_in_a_thread(function: Callable[[], T]) -> Callable[[], Any]:
    """`function` as the newsroom would run it: in a thread of its own, committing as it goes."""

    def work() -> T:
        try:
            return function()
        finally:
            connections.close_all()

    return lambda: asyncio.to_thread(work)


@pytest.fixture
def django_threads_close_connections() -> Iterator[None]:
    # The bridge's threads would keep their database connections open past the test, and the test
    # database cannot be emptied or dropped under them.
    def close(**kwargs: Any) -> None:
        connections.close_all()

    request_finished.connect(close, dispatch_uid="tests-close-connections")
    yield
    request_finished.disconnect(dispatch_uid="tests-close-connections")


@pytest.fixture
def site(committed_db: None, editions: Any, django_threads_close_connections: None) -> DatelineApplication:
    hub = Hub(poll_seconds=60)
    return DatelineApplication(
        django=CountingDjango(bridge_django(get_wsgi_application(), threads=1)),
        page_cache=PageCache(),
        hub=hub,
        live=LiveEndpoint(hub),
    )


def django_calls(site: DatelineApplication) -> int:
    return site.django.calls


def test_first_request_is_rendered_by_django_and_kept(site):
    story = ArticleFactory(title="Harbour cranes return to work")

    response = asyncio.run(request(site, story.url))

    assert response.status == 200
    assert b"Harbour cranes return to work" in response.body
    assert django_calls(site) == 1
    assert kept(site, story.url)
    assert TAG_HEADER not in response.headers, "the cache tags stay between Django and the cache"
    assert response.headers[b"cache-control"].startswith(b"public")


def test_the_same_page_again_is_answered_from_memory_without_django(site):
    story = ArticleFactory()

    async def twice() -> tuple[Response, Response]:
        return await request(site, story.url), await request(site, story.url)

    first, second = asyncio.run(twice())

    assert second.status == 200
    assert second.body == first.body
    assert django_calls(site) == 1
    assert site.page_cache.hits == 1


def test_reader_who_has_the_page_already_gets_not_modified(site):
    story = ArticleFactory()

    async def revalidate() -> tuple[Response, Response]:
        first = await request(site, story.url)
        return first, await request(site, story.url, headers=[(b"if-none-match", first.headers[b"etag"])])

    first, second = asyncio.run(revalidate())

    assert second.status == 304
    assert second.body == b""
    assert second.headers[b"etag"] == first.headers[b"etag"]


def test_a_feed_reader_sending_only_a_date_gets_not_modified_from_the_cache(site):
    ArticleFactory()

    async def revalidate() -> tuple[Response, Response, Response]:
        first = await request(site, "/en/feeds/rss.xml")
        since = first.headers[b"last-modified"]
        same = await request(site, "/en/feeds/rss.xml", headers=[(b"if-modified-since", since)])
        older = await request(
            site, "/en/feeds/rss.xml", headers=[(b"if-modified-since", b"Mon, 01 Jan 2001 00:00:00 GMT")]
        )
        return first, same, older

    first, same, older = asyncio.run(revalidate())

    assert first.status == 200 and same.status == 304 and same.body == b""
    assert older.status == 200 and older.body == first.body
    assert django_calls(site) == 1


def test_head_request_gets_the_headers_and_no_body(site):
    story = ArticleFactory()

    async def head_then_get() -> tuple[Response, Response]:
        return await request(site, story.url, method="HEAD"), await request(site, story.url)

    head, get = asyncio.run(head_then_get())

    assert (head.status, head.body) == (200, b"")
    assert head.headers[b"content-length"] == str(len(get.body)).encode()
    assert b"<article" in get.body, "the page kept after a HEAD is the whole page"
    assert django_calls(site) == 1


def test_reader_who_accepts_gzip_gets_a_compressed_page(site):
    story = ArticleFactory(title="Harbour cranes return to work")

    async def plain_then_gzip() -> tuple[Response, Response]:
        plain = await request(site, story.url)
        return plain, await request(site, story.url, headers=[(b"accept-encoding", b"gzip, br")])

    plain, compressed = asyncio.run(plain_then_gzip())

    assert compressed.headers[b"content-encoding"] == b"gzip"
    assert gzip.decompress(compressed.body) == plain.body
    assert int(compressed.headers[b"content-length"]) == len(compressed.body) < len(plain.body)


def session_cookie(user: Any, *extra: bytes) -> bytes:
    client = Client()
    client.force_login(user)
    return b"; ".join([f"sessionid={client.cookies['sessionid'].value}".encode(), *extra])


def test_a_signed_in_readers_view_of_a_cached_story_does_not_enter_django(site):
    story = ArticleFactory(title="Harbour cranes return to work")
    cookie = session_cookie(reader("Mina Sato"), b"csrftoken=abc")

    async def anonymous_then_signed_in() -> tuple[Response, Response]:
        anonymous = await request(site, story.url)
        return anonymous, await request(site, story.url, headers=[(b"cookie", cookie)])

    anonymous, signed_in = asyncio.run(anonymous_then_signed_in())

    assert signed_in.status == 200
    assert signed_in.body == anonymous.body
    assert django_calls(site) == 1


def test_a_page_rendered_for_a_signed_in_reader_is_never_kept(site):
    story = ArticleFactory()
    cookie = session_cookie(reader("Mina Sato"))

    async def signed_in_then_anonymous() -> tuple[Response, Response]:
        signed_in = await request(site, story.url, headers=[(b"cookie", cookie)])
        return signed_in, await request(site, story.url)

    signed_in, anonymous = asyncio.run(signed_in_then_anonymous())

    assert signed_in.status == anonymous.status == 200
    assert not signed_in.headers.get(b"cache-control", b"").startswith(b"public")
    assert django_calls(site) == 2  # the reader's page was not kept; the anonymous one is
    assert kept(site, story.url)


def test_newsroom_staff_reach_django_and_see_their_user_bar(site, editor):
    story = ArticleFactory()
    staff = session_cookie(editor, f"{settings.DATELINE_STAFF_COOKIE_NAME}=1".encode())

    async def anonymous_then_staff() -> Response:
        await request(site, story.url)
        return await request(site, story.url, headers=[(b"cookie", staff)])

    response = asyncio.run(anonymous_then_staff())

    assert response.status == 200
    assert django_calls(site) == 2
    assert b"wagtail-userbar" in response.body
    assert not response.headers.get(b"cache-control", b"").startswith(b"public")


def test_not_found_page_is_never_kept(site):
    async def twice() -> Response:
        await request(site, "/en/no-such-story/")
        return await request(site, "/en/no-such-story/")

    response = asyncio.run(twice())

    assert response.status == 404
    assert django_calls(site) == 2
    assert not site.page_cache.entries


def test_page_rendered_while_a_purge_arrives_is_not_kept(site):
    story = ArticleFactory()
    django = site.django

    async def purge_while_rendering(scope: Any, receive: Any, send: Any) -> None:
        site.page_cache.purge([f"page:{story.pk}"])
        await django(scope, receive, send)

    site.django = purge_while_rendering
    response = asyncio.run(request(site, story.url))

    assert response.status == 200
    assert not kept(site, story.url)


def test_publishing_a_story_drops_the_cached_home_page_so_the_next_reader_sees_it(site):
    ArticleFactory(title="Yesterday's news")

    def publish_breaking_story() -> None:
        ArticleFactory(title="Harbour cranes return to work")

    async def scenario() -> Response:
        await site.hub.start()
        try:
            before = await request(site, "/en/")
            assert b"Yesterday&#x27;s news" in before.body
            assert kept(site, "/en/")
            await run_in_a_thread(publish_breaking_story)()
            async with asyncio.timeout(10):
                while kept(site, "/en/"):
                    await asyncio.sleep(0.02)
            return await request(site, "/en/")
        finally:
            await site.hub.stop()

    after = asyncio.run(scenario())

    assert b"Harbour cranes return to work" in after.body
    assert django_calls(site) == 2


# --- what the cache keeps, and for whom -------------------------------------------------------------


def test_strangers_query_strings_are_neither_kept_nor_echoed(site):
    """1,033 requests with unique 60 KB query strings grew a worker by 240 MiB: each was a page of
    its own, and each page echoed its query in the log-in link."""

    async def strangers() -> list[Response]:
        return [
            await request(site, f"/en/?utm_source=mail&ref={number}-{'x' * 10_000}&next=stranger{number}")
            for number in range(40)
        ]

    responses = asyncio.run(strangers())

    assert {response.status for response in responses} == {HTTPStatus.OK}
    assert all(
        b"stranger" not in response.body and b"xxxxxxxx" not in response.body for response in responses
    )
    assert b'href="/en/accounts/login/?next=/en/"' in responses[0].body
    assert django_calls(site) == 1
    assert list(site.page_cache.entries) == ["http://testserver/en/"]


def test_a_list_page_is_kept_per_page_of_the_list(site):
    for number in range(25):
        ArticleFactory(title=f"Story {number}", section="world")

    async def pages() -> tuple[Response, Response, Response]:
        return (
            await request(site, "/en/world/"),
            await request(site, "/en/world/?page=2&utm_medium=social"),
            await request(site, "/en/world/?page=2"),
        )

    first, second, second_again = asyncio.run(pages())

    assert first.body != second.body
    assert second_again.body == second.body
    assert b"utm_medium" not in second.body
    assert django_calls(site) == 2
    assert kept(site, "/en/world/?page=2")


@pytest.mark.parametrize(
    "path",
    [
        "/en/accounts/login/",
        "/en/accounts/signup/",
        "/en/accounts/password/reset/",
        "/en/accounts/password/reset/done/",
    ],
)
def test_account_pages_are_never_kept(site, path):
    async def twice() -> tuple[Response, Response]:
        return await request(site, path), await request(site, path)

    first, second = asyncio.run(twice())

    assert first.status == second.status == HTTPStatus.OK
    assert django_calls(site) == 2
    assert not site.page_cache.entries
    assert not first.headers.get(b"cache-control", b"").startswith(b"public")


@pytest.fixture
def production_site(
    settings, committed_db, editions, django_threads_close_connections
) -> DatelineApplication:
    """The site as the production settings serve it, behind a proxy that terminates TLS."""
    settings.ALLOWED_HOSTS = ["news.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    hub = Hub(poll_seconds=60)
    return DatelineApplication(
        django=CountingDjango(bridge_django(get_wsgi_application(), threads=1)),
        page_cache=PageCache(),
        hub=hub,
        live=LiveEndpoint(hub),
    )


OVER_HTTPS = [(b"x-forwarded-proto", b"https")]


def test_in_production_a_cached_page_is_not_served_to_a_stranger_s_host(production_site):
    async def reader_then_attacker() -> tuple[Response, Response]:
        reader = await request(production_site, "/en/", headers=OVER_HTTPS, host=b"news.example.org")
        attacker = await request(production_site, "/en/", headers=OVER_HTTPS, host=b"attacker.example")
        return reader, attacker

    reader, attacker = asyncio.run(reader_then_attacker())

    assert reader.status == HTTPStatus.OK
    assert attacker.status == HTTPStatus.BAD_REQUEST
    assert django_calls(production_site) == 2
    assert list(production_site.page_cache.entries) == ["https://news.example.org/en/"]


def test_in_production_a_cached_page_asked_for_over_http_is_redirected_to_https(production_site):
    async def https_then_http() -> tuple[Response, Response, Response]:
        secure = await request(production_site, "/en/", headers=OVER_HTTPS, host=b"news.example.org")
        proxied_http = await request(
            production_site, "/en/", headers=[(b"x-forwarded-proto", b"http")], host=b"news.example.org"
        )
        direct = await request(production_site, "/en/", host=b"news.example.org")
        return secure, proxied_http, direct

    secure, proxied_http, direct = asyncio.run(https_then_http())

    assert secure.status == HTTPStatus.OK
    for insecure in (proxied_http, direct):
        assert insecure.status == HTTPStatus.MOVED_PERMANENTLY
        assert insecure.headers[b"location"] == b"https://news.example.org/en/"


def test_a_header_spelled_with_underscores_cannot_pass_for_the_proxy_s(production_site):
    """WSGI names headers with underscores, so x_forwarded_proto would read as X-Forwarded-Proto."""
    response = asyncio.run(
        request(production_site, "/en/", headers=[(b"x_forwarded_proto", b"https")], host=b"news.example.org")
    )

    assert response.status == HTTPStatus.MOVED_PERMANENTLY
