"""What every API answer carries: ETags and 304, rate limits with their headers and 429, CORS for
public reads, keys that work until revoked, and a problem document for every bad request."""

from __future__ import annotations

import re
from http import HTTPStatus

import pytest

from dateline.api.keys import do_create_key, do_revoke_key
from dateline.api.models import ApiKey
from tests.factories import ArticleFactory

pytestmark = pytest.mark.usefixtures("editions")

PROBLEM = "application/problem+json"


@pytest.fixture
def story(db):
    return ArticleFactory(tags=["Ports"])


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/stories",
        "/api/v1/editions",
        "/api/v1/sections",
        "/api/v1/authors",
        "/api/v1/tags",
        "/api/v1/docs",
    ],
)
def test_an_unchanged_answer_is_a_304_to_a_client_that_has_it(client, story, address):
    first = client.get(address)
    etag = first["ETag"]

    again = client.get(address, HTTP_IF_NONE_MATCH=etag)

    assert first.status_code == HTTPStatus.OK
    assert again.status_code == HTTPStatus.NOT_MODIFIED
    assert again.content == b""
    assert again["ETag"] == etag


def test_a_changed_story_gets_a_new_etag(client, story):
    etag = client.get(f"/api/v1/stories/{story.pk}")["ETag"]
    story.title = "Cranes still"
    story.save_revision().publish()

    response = client.get(f"/api/v1/stories/{story.pk}", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == HTTPStatus.OK
    assert response["ETag"] != etag


def test_head_answers_with_the_headers_and_no_body(client, story):
    response = client.head("/api/v1/stories")

    assert response.status_code == HTTPStatus.OK
    assert response.content == b""
    assert response["ETag"]


def test_anonymous_reads_are_counted_per_address_with_ratelimit_headers(client, settings, story):
    settings.DATELINE_API_ANONYMOUS_RATE = "3/m"

    answers = [client.get("/api/v1/editions") for _ in range(4)]

    assert [a.status_code for a in answers] == [200, 200, 200, HTTPStatus.TOO_MANY_REQUESTS]
    assert [a["RateLimit-Remaining"] for a in answers] == ["2", "1", "0", "0"]
    assert answers[0]["RateLimit-Limit"] == "3"
    assert 1 <= int(answers[0]["RateLimit-Reset"]) <= 60
    refused = answers[3]
    assert refused["Content-Type"] == PROBLEM
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["status"] == HTTPStatus.TOO_MANY_REQUESTS
    # Another address has its own allowance.
    assert client.get("/api/v1/editions", REMOTE_ADDR="192.0.2.9").status_code == HTTPStatus.OK


def test_a_key_has_its_own_limit(client, settings, story):
    settings.DATELINE_API_ANONYMOUS_RATE = "1/m"
    _key, raw = do_create_key("Partner", ApiKey.Scope.METADATA, "5/m")
    client.get("/api/v1/editions")

    keyed = [client.get("/api/v1/editions", HTTP_AUTHORIZATION=f"Bearer {raw}") for _ in range(6)]

    assert [a.status_code for a in keyed] == [200] * 5 + [HTTPStatus.TOO_MANY_REQUESTS]
    assert keyed[0]["RateLimit-Limit"] == "5"
    assert keyed[0]["Cache-Control"].startswith("private")


@pytest.mark.parametrize(
    "header", ["Bearer dl_000000000000_nonsense", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer " + "x" * 5000]
)
def test_an_unknown_key_is_refused_not_read_as_anonymous(client, story, header):
    response = client.get("/api/v1/stories", HTTP_AUTHORIZATION=header)

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response["Content-Type"] == PROBLEM
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_key_stops_working_at_once(client, story):
    key, raw = do_create_key("Partner", ApiKey.Scope.FULL_TEXT, "100/m")
    assert client.get("/api/v1/stories", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == HTTPStatus.OK

    do_revoke_key(key)

    assert (
        client.get("/api/v1/stories", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code
        == HTTPStatus.UNAUTHORIZED
    )


def test_keys_are_stored_as_digests_only(db):
    key, raw = do_create_key("Partner", ApiKey.Scope.METADATA, "100/m")

    stored = ApiKey.objects.get(pk=key.pk)
    assert raw not in {stored.digest, stored.prefix, stored.name}
    assert raw.split("_")[2] not in stored.digest


def test_public_reads_are_open_to_other_sites_without_credentials(client, story):
    response = client.get("/api/v1/stories", HTTP_ORIGIN="https://partner.example")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "RateLimit-Remaining" in response["Access-Control-Expose-Headers"]


def test_a_cors_preflight_is_answered(client):
    response = client.options(
        "/api/v1/stories",
        HTTP_ORIGIN="https://partner.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )

    assert response.status_code == HTTPStatus.NO_CONTENT
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "Authorization" in response["Access-Control-Allow-Headers"]


def test_anonymous_answers_are_public_and_never_enter_the_page_cache(client, story):
    response = client.get("/api/v1/stories")

    assert response["Cache-Control"].startswith("public")
    assert "X-Dateline-Cache-Tags" not in response
    assert "Authorization" in response["Vary"]


BAD_REQUESTS = [
    ("/api/v1/stories?cursor=abc", HTTPStatus.BAD_REQUEST),
    ("/api/v1/stories?cursor=" + "a" * 1000, HTTPStatus.BAD_REQUEST),
    ("/api/v1/stories?cursor=eyJwIjpbXX0:1abc:xyz", HTTPStatus.BAD_REQUEST),
    ("/api/v1/stories?published_after=yesterday", HTTPStatus.BAD_REQUEST),
    ("/api/v1/stories?updated_before=2026-13-45T99:00:00", HTTPStatus.BAD_REQUEST),
    ("/api/v1/stories?published_after=%00", HTTPStatus.BAD_REQUEST),
    ("/api/v1/stories?section=abc", HTTPStatus.BAD_REQUEST),
    ("/api/v1/stories?section=99999999999999999999999", HTTPStatus.BAD_REQUEST),
    ("/api/v1/stories?section=-1", HTTPStatus.BAD_REQUEST),
    ("/api/v1/stories?author=1e3", HTTPStatus.BAD_REQUEST),
    ("/api/v1/stories?limit=0", HTTPStatus.BAD_REQUEST),
    ("/api/v1/stories?limit=many", HTTPStatus.BAD_REQUEST),
    ("/api/v1/stories?format=ninjs1", HTTPStatus.BAD_REQUEST),
    ("/api/v1/stories?tag=" + "t" * 101, HTTPStatus.BAD_REQUEST),
    ("/api/v1/stories?sort=title", HTTPStatus.BAD_REQUEST),
    ("/api/v1/stories?editon=en", HTTPStatus.BAD_REQUEST),
    ("/api/v1/stories/1?bogus=1", HTTPStatus.BAD_REQUEST),
    ("/api/v1/changes", HTTPStatus.BAD_REQUEST),
    ("/api/v1/changes?since=-5", HTTPStatus.BAD_REQUEST),
    ("/api/v1/changes?since=abc", HTTPStatus.BAD_REQUEST),
    ("/api/v1/authors?cursor=zzz", HTTPStatus.BAD_REQUEST),
    ("/api/v1/stories?edition=xx", HTTPStatus.NOT_FOUND),
    ("/api/v1/stories?section=99999", HTTPStatus.NOT_FOUND),
    ("/api/v1/stories?author=99999", HTTPStatus.NOT_FOUND),
    ("/api/v1/stories/99999", HTTPStatus.NOT_FOUND),
    ("/api/v1/stories/99999999999999999999999", HTTPStatus.BAD_REQUEST),
    ("/api/v1/stories/abc", HTTPStatus.BAD_REQUEST),
    ("/api/v1/stories/99999/entries", HTTPStatus.NOT_FOUND),
    ("/api/v1/sections?edition=xx", HTTPStatus.NOT_FOUND),
    ("/api/v1/nothing", HTTPStatus.NOT_FOUND),
    ("/api/v1/stories/1/entries/2/more", HTTPStatus.NOT_FOUND),
]


@pytest.mark.parametrize(("address", "status"), BAD_REQUESTS)
def test_bad_requests_get_a_problem_document(client, story, address, status):
    response = client.get(address)

    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == status
    assert problem["title"] and problem["detail"]
    assert problem["type"].startswith("http")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_cursor_from_one_list_is_refused_by_another(client, story):
    ArticleFactory()
    cursor = client.get("/api/v1/stories", {"limit": 1}).json()["next"]

    assert client.get("/api/v1/authors", {"cursor": cursor}).status_code == HTTPStatus.BAD_REQUEST


def test_fuzzed_parameters_never_make_a_server_error(client, settings, story):
    settings.DATELINE_API_ANONYMOUS_RATE = "1000/m"
    values = [
        "",
        " ",
        "0",
        "-0",
        "1.5",
        "NaN",
        "null",
        "[]",
        "{}",
        "%",
        "é",
        "\u202e",
        "1" * 300,
        "../..",
        "' OR 1=1",
    ]
    names = [
        "edition",
        "section",
        "tag",
        "author",
        "published_after",
        "updated_before",
        "cursor",
        "limit",
        "format",
    ]
    for name in names:
        for value in values:
            response = client.get("/api/v1/stories", {name: value})
            assert response.status_code < 500, (name, value)
            assert response.status_code in (200, 400, 404), (name, value)


def test_the_docs_page_loads_nothing_from_another_site(client):
    response = client.get("/api/v1/docs")

    page = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "/api/v1/stories" in page and "published_after" in page
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_the_openapi_description_lists_every_read(client):
    schema = client.get("/api/v1/openapi.json").json()

    assert schema["openapi"].startswith("3.1")
    paths = set(schema["paths"])
    assert {"/api/v1/stories", "/api/v1/stories/{story_id}", "/api/v1/changes", "/api/v1/editions"} <= paths
    assert {
        "/api/v1/sections",
        "/api/v1/authors",
        "/api/v1/tags",
        "/api/v1/stories/{story_id}/entries",
    } <= paths


def test_the_root_says_where_things_are(client):
    index = client.get("/api/v1/").json()

    assert index["docs"].endswith("/api/v1/docs")
    assert index["stories"].endswith("/api/v1/stories")
