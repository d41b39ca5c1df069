"""A public page's cache tags as a CDN reads them: `Surrogate-Key` (Fastly; Varnish copies it into
xkey) and `Cache-Tag` (Cloudflare), and the keys a purge of some tags names at the CDN.

Both CDNs take printable ASCII keys (Fastly separates them with spaces, Cloudflare with commas),
at most 1 KB each, and at most 16 KB for the whole header (Cloudflare also reads at most 1,000
tags). A tag becomes a key by percent-encoding
(a Russian tag's slug stays distinct and ASCII), and a key still too long becomes a digest of it:
the page and the purge compute the same key. Every page carries `all`, so a purge of everything is
a tag purge like any other. A page whose keys do not fit is filed under `all` and
`OVERFLOW` alone, and every purge sent to a CDN names `OVERFLOW` as well: such a page is purged by
any change instead of being missed by one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from urllib.parse import quote

from dateline.core import cache_tags

SURROGATE_KEY = "Surrogate-Key"
CACHE_TAG = "Cache-Tag"
HEADER_BYTES = 16 * 1024
KEY_BYTES = 1024
MAX_KEYS = 1000
OVERFLOW = "overflow"


def key(tag: str) -> str:
    """The CDN key of one cache tag: ASCII without spaces or commas, at most `KEY_BYTES`."""
    encoded = quote(tag, safe=":-._~")
    if len(encoded) <= KEY_BYTES:
        return encoded
    return "digest:" + hashlib.sha256(encoded.encode("ascii")).hexdigest()


def page_keys(tags: Iterable[str]) -> list[str]:
    """The keys a page filed under `tags` is sent with, within the header limit."""
    keys = sorted({key(tag) for tag in tags} | {cache_tags.EVERYTHING})
    # The longer of the two headers: the separators are one byte each in both.
    if len(keys) > MAX_KEYS or sum(len(each) + 1 for each in keys) - 1 > HEADER_BYTES:
        return [cache_tags.EVERYTHING, OVERFLOW]
    return keys


def headers(tags: Iterable[str]) -> dict[str, str]:
    """The `Surrogate-Key` and `Cache-Tag` headers of a public page filed under `tags`."""
    keys = page_keys(tags)
    return {SURROGATE_KEY: " ".join(keys), CACHE_TAG: ",".join(keys)}


def purge_keys(tags: Iterable[str]) -> list[str]:
    """The keys to purge at a CDN when `tags` are purged: theirs, and the pages that overflowed."""
    return sorted({key(tag) for tag in tags} | {OVERFLOW})
