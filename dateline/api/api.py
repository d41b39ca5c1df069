"""The content API, read-only, at /api/v1/: django-ninja's typed parameters and OpenAPI 3.1
description, our door (`dateline.api.door`), problems (`dateline.api.problems`) and ninjs documents
(`dateline.api.ninjs`).

Each view is a thin adapter: check the query, ask one query module, write the answer.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path, Query, Schema
from ninja.errors import HttpError, ValidationError

from dateline.api import changes, cursors, entries, ninjs, problems, stories
from dateline.api.door import access_of
from dateline.articles.models import all_authors
from dateline.core import cache_tags, links
from dateline.editions import navigation
from dateline.editions.models import SectionPage
from dateline.live import outbox

# The largest id a 64-bit integer column holds: beyond it a path names nothing (404, not a 500).
MAX_ID = 2**63 - 1
READ = ["GET", "HEAD"]
PAGING = frozenset({"cursor", "limit"})
STORY_LIST_PARAMETERS = PAGING | {
    "format",
    "edition",
    "section",
    "tag",
    "author",
    "published_after",
    "published_before",
    "updated_after",
    "updated_before",
}
NINJS_RESPONSE = {
    "description": "An IPTC ninjs 3.3 document (ninjs 2.4 with format=ninjs2)",
    "content": {
        "application/json": {"schema": {"$ref": "http://www.iptc.org/std/ninjs/ninjs-schema_3.3.json#"}}
    },
}
PROBLEM_RESPONSE = {
    "description": "An RFC 9457 problem: type, title, status, detail",
    "content": {"application/problem+json": {"schema": {"type": "object"}}},
}

api = NinjaAPI(
    title="Dateline content API",
    version="1",
    description=(
        "Read-only access to the published stories of every edition as IPTC ninjs documents. "
        "Anonymous reads get metadata within a per-address limit; a key from the newsroom, sent as "
        "`Authorization: Bearer <key>`, has its own limit and may include the stories' text."
    ),
    urls_namespace="api",
    docs_url=None,
    openapi_url="/openapi.json",
)


def json_answer(data: Any) -> HttpResponse:
    return HttpResponse(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")), content_type="application/json"
    )


def _aware(moment: datetime | None) -> datetime | None:
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment, timezone.get_current_timezone())
    return moment


class Page(Schema):
    next: str | None = None


class EditionOut(Schema):
    language: str
    name: str
    direction: str
    url: str


class SectionOut(Schema):
    id: int
    edition: str
    title: str
    slug: str
    url: str


class AuthorOut(Schema):
    id: int
    edition: str
    name: str
    slug: str
    role: str
    url: str


class TagOut(Schema):
    name: str
    slug: str


class EditionList(Schema):
    items: list[EditionOut]


class SectionList(Schema):
    items: list[SectionOut]


class AuthorList(Page):
    items: list[AuthorOut]


class TagList(Page):
    items: list[TagOut]


# --- stories -----------------------------------------------------------------------------------------


@api.api_operation(
    READ,
    "/stories",
    url_name="stories",
    summary="Published stories, newest first",
    openapi_extra={"responses": {"200": NINJS_RESPONSE, "400": PROBLEM_RESPONSE, "404": PROBLEM_RESPONSE}},
)
def story_list(
    request: HttpRequest,
    edition: str | None = Query(None, description="An edition's language code, e.g. en"),
    section: int | None = Query(None, ge=1, le=MAX_ID, description="A section's id (see /sections)"),
    tag: str | None = Query(None, max_length=100, description="A tag's slug (see /tags)"),
    author: int | None = Query(None, ge=1, le=MAX_ID, description="An author's id (see /authors)"),
    published_after: datetime | None = Query(None, description="ISO 8601 date and time"),
    published_before: datetime | None = Query(None, description="ISO 8601 date and time"),
    updated_after: datetime | None = Query(None, description="ISO 8601 date and time"),
    updated_before: datetime | None = Query(None, description="ISO 8601 date and time"),
    cursor: str | None = Query(None, description="The `next` of the previous page"),
    limit: int = Query(stories.DEFAULT_LIMIT, ge=1, le=stories.MAX_LIMIT),
    version: str = Query(
        ninjs.NINJS_3, alias="format", pattern="^ninjs[23]$", description="ninjs3 or ninjs2"
    ),
) -> HttpResponse:
    """A page of stories as ninjs documents, `next` naming the following page, and `position`, the
    changes feed's position when the list was read (follow /changes from there)."""
    problems.check_parameters(request.GET, STORY_LIST_PARAMETERS)
    filters = stories.StoryFilters(
        edition=edition,
        section=section,
        tag=tag,
        author=author,
        published_after=_aware(published_after),
        published_before=_aware(published_before),
        updated_after=_aware(updated_after),
        updated_before=_aware(updated_before),
    )
    # Read before the stories, so that following the changes from here misses nothing.
    position = outbox.newest_id()
    found, next_cursor = stories.page_of(stories.filtered(request, filters), cursor, limit, filters)
    documents = [
        ninjs.story(facts, version)
        for facts in stories.facts_for(request, found, access_of(request).full_text)
    ]
    return json_answer({"items": documents, "next": next_cursor, "position": position})


@api.api_operation(
    READ,
    "/stories/{story_id}",
    url_name="story",
    summary="One published story",
    openapi_extra={"responses": {"200": NINJS_RESPONSE, "404": PROBLEM_RESPONSE}},
)
def story_detail(
    request: HttpRequest,
    story_id: int = Path(..., ge=1, le=MAX_ID),
    version: str = Query(
        ninjs.NINJS_3, alias="format", pattern="^ninjs[23]$", description="ninjs3 or ninjs2"
    ),
) -> HttpResponse:
    problems.check_parameters(request.GET, frozenset({"format"}))
    full_text = access_of(request).full_text
    story = stories.published_story(request, story_id, full_text)
    (facts,) = stories.facts_for(request, [story], full_text)
    return json_answer(ninjs.story(facts, version))


@api.api_operation(
    READ,
    "/stories/{story_id}/entries",
    url_name="entries",
    summary="A live coverage's entries, newest first",
    openapi_extra={"responses": {"200": NINJS_RESPONSE, "404": PROBLEM_RESPONSE}},
)
def entry_list(
    request: HttpRequest,
    story_id: int = Path(..., ge=1, le=MAX_ID),
    cursor: str | None = Query(None),
    limit: int = Query(stories.DEFAULT_LIMIT, ge=1, le=stories.MAX_LIMIT),
    version: str = Query(ninjs.NINJS_3, alias="format", pattern="^ninjs[23]$"),
) -> HttpResponse:
    problems.check_parameters(request.GET, PAGING | {"format"})
    page = entries.coverage(request, story_id)
    found, next_cursor = entries.page_of_entries(request, page, cursor, limit, access_of(request).full_text)
    return json_answer({"items": [ninjs.entry(facts, version) for facts in found], "next": next_cursor})


@api.api_operation(
    READ,
    "/changes",
    url_name="changes",
    summary="Stories created, updated and withdrawn since a position, oldest first",
    openapi_extra={"responses": {"400": PROBLEM_RESPONSE, "410": PROBLEM_RESPONSE}},
)
def change_list(
    request: HttpRequest,
    since: int = Query(..., ge=0, le=MAX_ID, description="The last position you saw"),
    limit: int = Query(stories.MAX_LIMIT, ge=1, le=stories.MAX_LIMIT),
) -> HttpResponse:
    """Each change names its position; ask again with `since` set to the answer's `position`. A
    position older than the site keeps is a 410 problem: fetch the story list again."""
    problems.check_parameters(request.GET, frozenset({"since", "limit"}))
    found, position = changes.changes_after(request, since, limit)
    return json_answer({"items": [change.as_json() for change in found], "position": position})


# --- editions, sections, authors, tags -------------------------------------------------------------


@api.api_operation(READ, "/editions", url_name="editions", response=EditionList, summary="The editions")
def edition_list(request: HttpRequest) -> dict[str, Any]:
    problems.check_parameters(request.GET, frozenset())
    editions = navigation.editions(request)
    cache_tags.add(request, *(cache_tags.edition(edition.locale_id) for edition in editions))
    return {
        "items": [
            {
                "language": edition.language_code,
                "name": edition.name,
                "direction": edition.direction,
                "url": links.absolute(edition.url),
            }
            for edition in editions
        ]
    }


@api.api_operation(
    READ, "/sections", url_name="sections", response=SectionList, summary="Every edition's sections"
)
def section_list(
    request: HttpRequest, edition: str | None = Query(None, description="An edition's language code")
) -> dict[str, Any]:
    problems.check_parameters(request.GET, frozenset({"edition"}))
    locale_ids = stories.edition_locale_ids(request, edition)
    languages = {e.locale_id: e.language_code for e in navigation.editions(request)}
    menus = SectionPage.menus(request)
    cache_tags.add(request, *(cache_tags.edition(locale_id) for locale_id in locale_ids))
    return {
        "items": [
            {
                "id": section.pk,
                "edition": languages[locale_id],
                "title": section.title,
                "slug": section.slug,
                "url": links.absolute(section.nav_url),
            }
            for locale_id in locale_ids
            for section in menus.get(locale_id, [])
        ]
    }


@api.api_operation(READ, "/authors", url_name="authors", response=AuthorList, summary="Authors, by id")
def author_list(
    request: HttpRequest,
    edition: str | None = Query(None, description="An edition's language code"),
    cursor: str | None = Query(None),
    limit: int = Query(stories.MAX_LIMIT, ge=1, le=stories.MAX_LIMIT),
) -> dict[str, Any]:
    problems.check_parameters(request.GET, PAGING | {"edition"})
    locale_ids = set(stories.edition_locale_ids(request, edition))
    languages = {e.locale_id: e.language_code for e in navigation.editions(request)}
    after = _id_after(cursor, {"list": "authors", "edition": edition})
    authors = sorted(
        (a for a in all_authors(request).values() if a.locale_id in locale_ids and a.pk > after),
        key=lambda author: author.pk,
    )
    shown = authors[:limit]
    for author in shown:
        cache_tags.add(request, cache_tags.author(author.pk))
    return {
        "items": [
            {
                "id": author.pk,
                "edition": languages.get(author.locale_id, ""),
                "name": author.name,
                "slug": author.slug,
                "role": author.role,
                "url": stories.author_url(request, author),
            }
            for author in shown
        ],
        "next": _next_id_cursor(shown, len(authors) > limit, {"list": "authors", "edition": edition}),
    }


@api.api_operation(
    READ, "/tags", url_name="tags", response=TagList, summary="Tags on published stories, by id"
)
def tag_list(
    request: HttpRequest,
    cursor: str | None = Query(None),
    limit: int = Query(stories.MAX_LIMIT, ge=1, le=stories.MAX_LIMIT),
) -> dict[str, Any]:
    problems.check_parameters(request.GET, PAGING)
    after = _id_after(cursor, {"list": "tags"})
    found = list(stories.used_tags(after, limit + 1))
    cache_tags.add(request, *(cache_tags.home(e.locale_id) for e in navigation.editions(request)))
    return {
        "items": [{"name": tag.name, "slug": tag.slug} for tag in found[:limit]],
        "next": _next_id_cursor(found[:limit], len(found) > limit, {"list": "tags"}),
    }


def _id_after(cursor: str | None, filters: dict[str, Any]) -> int:
    if not cursor:
        return 0
    position = cursors.read(cursor, filters)
    if len(position) != 1 or not isinstance(position[0], int):
        raise problems.bad_parameter("cursor", _("This cursor cannot be read."))
    return position[0]


def _next_id_cursor(shown: list[Any], more: bool, filters: dict[str, Any]) -> str | None:
    return cursors.make([shown[-1].pk], filters) if more and shown else None


# --- errors as problems ------------------------------------------------------------------------------


@api.exception_handler(problems.Problem)
def problem_answer(request: HttpRequest, problem: problems.Problem) -> HttpResponse:
    return problem.response()


@api.exception_handler(ValidationError)
def invalid_parameters(request: HttpRequest, error: ValidationError) -> HttpResponse:
    first = error.errors[0] if error.errors else {}
    location = [str(part) for part in first.get("loc", ())]
    name = location[-1] if location else ""
    detail = _("“%(name)s”: %(message)s") % {"name": name[:40], "message": first.get("msg", "")}
    return problems.bad_parameter(name[:40], detail).response()


@api.exception_handler(Http404)
def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return problems.not_found(_("Nothing is here.")).response()


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    return problems.Problem(error.status_code, "error", str(error.message), str(error.message)).response()  # type: ignore[arg-type]
