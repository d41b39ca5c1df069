"""The in-process page cache: what it keeps, what it forgets, and what it refuses to keep."""

from __future__ import annotations

import gzip

from dateline.asgi.page_cache import GZIP_MIN_BYTES, CacheKeys, PageCache, build_entry
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


def scope(
    path: str = "/en/",
    method: str = "GET",
    headers=(),
    query: bytes = b"",
    host: bytes = b"news.example.org",
    scheme: str = "http",
) -> dict:
    return {
        "type": "http",
        "method": method,
        "scheme": scheme,
        "path": path,
        "headers": [(b"host", host), *headers],
        "query_string": query,
    }


# What the production settings say, for a site at news.example.org behind a proxy that terminates TLS.
PRODUCTION = CacheKeys(
    ["news.example.org"], ssl_redirect=True, proxy_ssl_header=("HTTP_X_FORWARDED_PROTO", "https")
)
BY_PROXY_OVER_HTTPS = (b"x-forwarded-proto", b"https")
cache_key = CacheKeys(["news.example.org"]).key


# --- keeping and finding --------------------------------------------------------------------------


def test_stored_page_is_found_again():
    cache = PageCache()
    cache.store("/en/", entry())

    assert cache.get("/en/").body == PAGE
    assert cache.get("/ru/") is None


def test_least_recently_read_page_makes_room_for_a_new_one():
    two_pages = 2 * (entry().size + len("/en/world/"))
    cache = PageCache(max_bytes=two_pages)
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


def test_the_cache_holds_no_more_bytes_than_its_limit_whatever_the_pages_weigh():
    cache = PageCache(max_bytes=1024 * 1024)
    heavy = b"<p>" + bytes(range(256)) * 400  # 100 KB that gzip cannot shrink much

    for number in range(50):
        cache.store(f"/en/world/{number}/", entry(f"page:{number}", body=heavy + str(number).encode()))

    assert cache.size <= cache.max_bytes
    assert len(cache.entries) < 50
    assert "/en/world/49/" in cache.entries, "the newest page is kept, the oldest went"
    assert "/en/world/0/" not in cache.entries
    kept = sum(len(key) + stored.size for key, stored in cache.entries.items())
    assert cache.size == kept


def test_an_entry_counts_both_bodies_and_its_headers():
    built = entry()

    assert built.size > len(built.body) + len(built.gzip_body) + sum(len(v) for _n, v in built.headers)


def test_a_page_larger_than_the_whole_cache_is_not_kept_and_drops_nothing():
    cache = PageCache(max_bytes=entry().size + 100)
    cache.store("/en/", entry())

    cache.store("/en/huge/", entry(body=PAGE * 3))

    assert set(cache.entries) == {"/en/"}


def test_purging_returns_the_bytes_of_the_pages_it_drops():
    cache = PageCache()
    cache.store("/en/", entry("home:1"))
    cache.store("/ru/", entry("home:2"))

    cache.purge(["home:1"])
    assert cache.size == len("/ru/") + cache.entries["/ru/"].size
    cache.purge([EVERYTHING])
    assert cache.size == 0


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
    assert cache_key(scope("/en/")) == "http://news.example.org/en/"
    assert cache_key(scope("/en/", method="HEAD")) == "http://news.example.org/en/"
    assert cache_key(scope("/en/world/", query=b"page=2")) == "http://news.example.org/en/world/?page=2"


def test_writes_newsroom_staff_and_the_newsroom_always_go_to_django():
    assert cache_key(scope("/en/", method="POST")) is None
    staff = b"csrftoken=x; sessionid=abc; dateline_newsroom=1"
    assert cache_key(scope("/en/", headers=[(b"cookie", staff)])) is None
    assert cache_key(scope("/en/", headers=[(b"cookie", b"dateline_newsroom=1")])) is None
    assert cache_key(scope("/en/", headers=[(b"authorization", b"Basic eDp5")])) is None
    assert cache_key(scope("/newsroom/")) is None
    assert cache_key(scope("/live/")) is None


def test_a_visitor_with_a_message_waiting_is_shown_a_page_rendered_for_them():
    # "You have signed out" is kept in a cookie once the session is gone.
    assert cache_key(scope("/en/", headers=[(b"cookie", b"csrftoken=x; messages=abc")])) is None


def test_a_signed_in_reader_is_answered_from_the_cache_like_everyone():
    assert cache_key(scope("/en/", headers=[(b"cookie", b"csrftoken=x; sessionid=abc")])) == (
        "http://news.example.org/en/"
    )


def test_cookies_that_are_not_a_session_do_not_bypass_the_cache():
    assert cache_key(scope("/en/", headers=[(b"cookie", b"csrftoken=x; theme=dark")])) == (
        "http://news.example.org/en/"
    )


def test_tracking_parameters_and_junk_are_left_out_of_the_key():
    plain = cache_key(scope("/en/world/", query=b"page=2"))

    assert cache_key(scope("/en/world/", query=b"utm_source=mail&page=2&fbclid=abc")) == plain
    assert cache_key(scope("/en/world/", query=b"page=2&next=" + b"x" * 60_000)) == plain
    assert cache_key(scope("/en/", query=b"utm_campaign=spring")) == "http://news.example.org/en/"


def test_a_host_django_would_refuse_is_never_answered_from_the_cache():
    assert cache_key(scope(host=b"attacker.example")) is None
    assert cache_key(scope(host=b"news.example.org.attacker.example")) is None
    assert cache_key(scope(host=b"news.example.org:8080")) == "http://news.example.org:8080/en/"
    assert cache_key(scope(host=b"news.example.org@attacker.example")) is None
    assert cache_key(scope(headers=[(b"host", b"attacker.example")])) is None, "a second Host header"
    without_host = scope()
    without_host["headers"] = []
    assert cache_key(without_host) is None


def test_the_host_is_part_of_the_key():
    keys = CacheKeys(["news.example.org", "www.news.example.org"])

    assert keys.key(scope(host=b"news.example.org")) != keys.key(scope(host=b"www.news.example.org"))


def test_a_forwarded_host_is_checked_when_django_is_told_to_believe_it():
    keys = CacheKeys(["news.example.org"], use_forwarded_host=True)

    assert keys.key(scope(headers=[(b"x-forwarded-host", b"attacker.example")])) is None
    assert keys.key(scope(host=b"backend:8000", headers=[(b"x-forwarded-host", b"news.example.org")])) == (
        "http://news.example.org/en/"
    )


def test_in_production_plain_http_goes_to_django_for_its_redirect_to_https():
    assert PRODUCTION.key(scope()) is None
    assert PRODUCTION.key(scope(headers=[(b"x-forwarded-proto", b"http")])) is None
    assert PRODUCTION.key(scope(headers=[(b"x-forwarded-proto", b"http"), BY_PROXY_OVER_HTTPS])) is None
    assert PRODUCTION.key(scope(headers=[BY_PROXY_OVER_HTTPS])) == "https://news.example.org/en/"
    assert PRODUCTION.key(scope(headers=[(b"x-forwarded-proto", b"https, http")])) == (
        "https://news.example.org/en/"
    )


def test_in_production_a_stranger_s_host_goes_to_django_even_over_https():
    assert PRODUCTION.key(scope(host=b"attacker.example", headers=[BY_PROXY_OVER_HTTPS])) is None


def test_the_key_keeps_pages_served_over_http_and_https_apart():
    keys = CacheKeys(["news.example.org"])

    assert keys.key(scope(scheme="https")) == "https://news.example.org/en/"
    assert keys.key(scope(scheme="http")) == "http://news.example.org/en/"


def test_debug_without_allowed_hosts_accepts_what_django_accepts_then():
    keys = CacheKeys([], debug=True)

    assert keys.key(scope(host=b"localhost:8000")) == "http://localhost:8000/en/"
    assert keys.key(scope(host=b"news.example.org")) is None
    assert CacheKeys([]).key(scope(host=b"localhost")) is None
