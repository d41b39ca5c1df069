"""The in-process page cache: what it keeps, what it forgets, and what it refuses to keep."""

from __future__ import annotations

import gzip

from dateline.asgi.page_cache import GZIP_MIN_BYTES, PageCache, build_entry, cache_key
from dateline.core.cache_tags import EVERYTHING, HEADER
from dateline.live.hub import HubEvent

TAG_HEADER = HEADER.lower().encode()
PAGE = b"<!doctype html><title>Harbour cranes</title>" + b"<p>Dock workers returned.</p>" * 100


def public_headers(tags: str = "page:1 home:1") -> list[tuple[bytes, bytes]]:
    return [
        (b"content-type", b"text/html; charset=utf-8"),
        (b"cache-control", b"public, max-age=30"),
        (TAG_HEADER, tags.encode()),
    ]


def entry(tags: str = "page:1 home:1", body: bytes = PAGE):
    built = build_entry(200, public_headers(tags), body)
    assert built is not None
    return built


def scope(path: str = "/en/", method: str = "GET", headers=(), query: bytes = b"") -> dict:
    return {"type": "http", "method": method, "path": path, "headers": list(headers), "query_string": query}


# --- keeping and finding --------------------------------------------------------------------------


def test_stored_page_is_found_again():
    cache = PageCache()
    cache.store("/en/", entry())

    assert cache.get("/en/").body == PAGE
    assert cache.get("/ru/") is None


def test_least_recently_read_page_makes_room_for_a_new_one():
    cache = PageCache(max_entries=2)
    cache.store("/en/", entry("home:1"))
    cache.store("/en/world/", entry("section:2"))
    cache.get("/en/")

    cache.store("/en/sport/", entry("section:3"))

    assert set(cache.entries) == {"/en/", "/en/sport/"}
    assert "section:2" not in cache.by_tag


def test_storing_a_page_again_replaces_it_and_its_tags():
    cache = PageCache()
    cache.store("/en/", entry("page:1"))

    cache.store("/en/", entry("page:2"))

    assert cache.purge(["page:1"]) == 0
    assert cache.get("/en/") is not None


# --- forgetting -----------------------------------------------------------------------------------


def test_purge_drops_exactly_the_pages_filed_under_a_tag():
    cache = PageCache()
    cache.store("/en/world/harbour-cranes/", entry("page:7 section:2"))
    cache.store("/en/world/", entry("section:2 page:7 page:8"))
    cache.store("/en/sport/", entry("section:3 page:9"))

    dropped = cache.purge(["page:7"])

    assert dropped == 2
    assert set(cache.entries) == {"/en/sport/"}
    assert set(cache.by_tag) == {"section:3", "page:9"}


def test_purge_of_everything_empties_the_cache():
    cache = PageCache()
    cache.store("/en/", entry("home:1"))
    cache.store("/ru/", entry("home:2"))

    assert cache.purge([EVERYTHING]) == 2
    assert not cache.entries
    assert not cache.by_tag


def test_every_purge_starts_a_new_generation():
    cache = PageCache()
    before = cache.generation

    cache.purge(["page:404"])
    cache.purge([])

    assert cache.generation == before + 2


def test_purge_events_from_the_hub_drop_pages_and_other_events_do_not():
    cache = PageCache()
    cache.store("/en/", entry("home:1"))
    cache.store("/ru/", entry("home:2"))

    cache.on_events(
        [
            HubEvent(1, "newsfeed:en", "story", {"tags": ["home:2"]}),
            HubEvent(2, "cache", "purge", {"tags": ["home:1"]}),
        ]
    )

    assert set(cache.entries) == {"/ru/"}


# --- what may be cached ---------------------------------------------------------------------------


def test_only_a_successful_public_tagged_response_becomes_an_entry():
    assert build_entry(200, public_headers(), PAGE) is not None
    assert build_entry(404, public_headers(), PAGE) is None
    assert build_entry(301, public_headers(), b"") is None
    private = [(b"cache-control", b"private"), (TAG_HEADER, b"page:1")]
    assert build_entry(200, private, PAGE) is None
    untagged = [(b"cache-control", b"public, max-age=30")]
    assert build_entry(200, untagged, PAGE) is None


def test_response_setting_a_cookie_is_never_cached():
    headers = [*public_headers(), (b"set-cookie", b"csrftoken=abc; Path=/")]

    assert build_entry(200, headers, PAGE) is None


def test_entry_keeps_its_tags_but_never_shows_them_to_readers():
    built = entry("page:1 home:1")

    assert built.tags == {"page:1", "home:1"}
    assert TAG_HEADER not in dict(built.headers)
    assert TAG_HEADER not in dict(built.gzip_headers)


def test_entry_has_an_etag_and_a_gzip_copy_for_pages_worth_compressing():
    built = entry()
    headers = dict(built.gzip_headers)

    assert dict(built.headers)[b"etag"] == built.etag
    assert dict(built.headers)[b"content-length"] == str(len(PAGE)).encode()
    assert headers[b"content-encoding"] == b"gzip"
    assert gzip.decompress(built.gzip_body) == PAGE
    assert headers[b"content-length"] == str(len(built.gzip_body)).encode()


def test_tiny_page_is_not_compressed():
    built = entry(body=b"x" * (GZIP_MIN_BYTES - 1))

    assert b"content-encoding" not in dict(built.gzip_headers)


def test_same_page_gets_the_same_etag_and_a_changed_page_another():
    assert entry().etag == entry().etag
    assert entry().etag != entry(body=PAGE + b"<p>Updated</p>").etag


# --- which requests may be answered from the cache ------------------------------------------------


def test_anonymous_get_and_head_of_a_page_may_be_answered_from_the_cache():
    assert cache_key(scope("/en/")) == "/en/"
    assert cache_key(scope("/en/", method="HEAD")) == "/en/"
    assert cache_key(scope("/en/world/", query=b"page=2")) == "/en/world/?page=2"


def test_writes_sessions_and_the_newsroom_always_go_to_django():
    assert cache_key(scope("/en/", method="POST")) is None
    assert cache_key(scope("/en/", headers=[(b"cookie", b"csrftoken=x; sessionid=abc")])) is None
    assert cache_key(scope("/en/", headers=[(b"authorization", b"Basic eDp5")])) is None
    assert cache_key(scope("/newsroom/")) is None
    assert cache_key(scope("/live/")) is None


def test_cookies_that_are_not_a_session_do_not_bypass_the_cache():
    assert cache_key(scope("/en/", headers=[(b"cookie", b"csrftoken=x; theme=dark")])) == "/en/"
