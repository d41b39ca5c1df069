"""A page's cache tags become keys every CDN accepts, within the headers' limits, and a page whose
keys do not fit is still purged by any change."""

from __future__ import annotations

from dateline.asgi.page_cache import build_entry
from dateline.core import cache_tags, surrogate_keys


def test_a_tag_in_any_alphabet_becomes_an_ascii_key_without_separators():
    key = surrogate_keys.key("tag:2:порты и доки,склады")

    assert key.isascii()
    assert " " not in key and "," not in key
    assert key != surrogate_keys.key("tag:2:порты")


def test_a_key_too_long_for_a_cdn_becomes_a_digest_the_purge_computes_alike():
    tag = "tag:2:" + "я" * 200

    assert len(surrogate_keys.key(tag)) <= surrogate_keys.KEY_BYTES
    assert surrogate_keys.key(tag) in surrogate_keys.purge_keys([tag])


def test_a_page_whose_keys_overflow_the_header_is_purged_by_any_change():
    tags = [f"page:{number}" for number in range(5000)]

    headers = surrogate_keys.headers(tags)

    assert all(len(value) <= surrogate_keys.HEADER_BYTES for value in headers.values())
    assert set(headers[surrogate_keys.SURROGATE_KEY].split()) == {"all", surrogate_keys.OVERFLOW}
    assert surrogate_keys.OVERFLOW in surrogate_keys.purge_keys(["author:7"])


def test_a_page_with_more_tags_than_cloudflare_reads_is_purged_by_any_change():
    tags = [f"p:{number}" for number in range(surrogate_keys.MAX_KEYS)]  # 1,001 keys with `all`

    assert surrogate_keys.page_keys(tags) == ["all", surrogate_keys.OVERFLOW]


def test_a_page_within_the_limit_carries_every_tag_and_all():
    headers = surrogate_keys.headers(["page:4", "home:1"])

    assert headers == {"Surrogate-Key": "all home:1 page:4", "Cache-Tag": "all,home:1,page:4"}


def test_the_page_cache_keeps_the_cdn_headers_and_drops_its_own():
    entry = build_entry(
        200,
        [
            (b"Cache-Control", b"public, max-age=30"),
            (cache_tags.HEADER.encode(), b"home:1"),
            (b"Surrogate-Key", b"all home:1"),
            (b"Cache-Tag", b"all,home:1"),
        ],
        b"<p>The front page</p>",
    )

    assert entry is not None
    served = dict(entry.headers)
    assert served[b"surrogate-key"] == b"all home:1"
    assert served[b"cache-tag"] == b"all,home:1"
    assert cache_tags.HEADER.lower().encode() not in served
