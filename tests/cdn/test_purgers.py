"""Purges go to each CDN's own tag-purge API, in batches of its limit, and count as sent only when
the CDN confirms them."""

from __future__ import annotations

import json
from http import HTTPStatus

import pytest
from django.core.exceptions import ImproperlyConfigured

from dateline.cdn.purgers import CloudflarePurger, FastlyPurger, PurgeFailed, configured


def test_purges_go_in_batches_of_the_cdns_limit():
    keys = [f"page:{number}" for number in range(300)]

    assert [len(batch) for batch in FastlyPurger("svc", "token").batches(keys)] == [256, 44]
    assert [len(batch) for batch in CloudflarePurger("zone", "token").batches(keys)] == [30] * 10


def test_fastly_and_cloudflare_are_asked_through_their_tag_purge_apis(settings):
    settings.DATELINE_CDN_TOKEN = "secret"
    settings.DATELINE_CDN_PURGE = "fastly://SU1Z0isxPaozGVKXdv0eY"
    fastly = configured()
    settings.DATELINE_CDN_PURGE = "cloudflare://023e105f4ecef8ad9ca31a8372d0c353"
    cloudflare = configured()

    assert fastly.url == "https://api.fastly.com/service/SU1Z0isxPaozGVKXdv0eY/purge"
    assert fastly.headers() == {"Fastly-Key": "secret"}
    assert fastly.body(["home:1"]) == {"surrogate_keys": ["home:1"]}
    assert (
        cloudflare.url
        == "https://api.cloudflare.com/client/v4/zones/023e105f4ecef8ad9ca31a8372d0c353/purge_cache"
    )
    assert cloudflare.headers() == {"Authorization": "Bearer secret"}
    assert cloudflare.body(["home:1"]) == {"tags": ["home:1"]}


def test_a_cloudflare_answer_that_does_not_confirm_the_purge_is_a_failure():
    purger = CloudflarePurger("zone", "token")

    purger.check(HTTPStatus.OK, json.dumps({"success": True}).encode())
    with pytest.raises(PurgeFailed):
        purger.check(HTTPStatus.OK, json.dumps({"success": False, "errors": [{"code": 1134}]}).encode())


def test_a_cdn_named_without_its_token_stops_the_worker_with_a_reason(settings):
    settings.DATELINE_CDN_PURGE = "fastly://SU1Z0isxPaozGVKXdv0eY"
    settings.DATELINE_CDN_TOKEN = ""

    with pytest.raises(ImproperlyConfigured, match="DATELINE_CDN_TOKEN"):
        configured()


def test_no_cdn_configured_means_no_purger(settings):
    settings.DATELINE_CDN_PURGE = ""

    assert configured() is None
