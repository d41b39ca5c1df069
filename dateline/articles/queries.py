"""The articles' written-out reads: the story a page shows, its bylines, notes and tags, the story
that follows it and its versions in the other editions, each tag's most recently tagged stories and
which of them readers may see, for related stories, and what story cards show. What readers are
shown leaves out pages behind a privacy setting, whose paths the caller gives
(`reader_pages.restricted_paths`).

Built through the ORM, a statement costs 0.5–1 ms on these machines against a twentieth of that to
run (`dateline.core.rows`). The models are given by the caller (`models.py` reads through here).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from django.db import models
from taggit.models import Tag, TaggedItemBase
from wagtail.models import Orderable, Page

from dateline.core import rows
from dateline.editions import queries as editions_queries

Child = TypeVar("Child", bound=Orderable)
Story = TypeVar("Story", bound=Page)


def ordered_children(model: type[Child], story_id: int) -> list[Child]:
    """A saved story's rows of one of its inline panels (bylines, notes) in their order, as
    `story.notes.all()` reads them."""
    return rows.fetch(model, _ordered_children_where(model), [story_id])


def story_tags(through: type[TaggedItemBase], story_id: int) -> list[Tag]:
    """A saved story's tags in the order they were given, as `story.tags.all()` reads them."""
    return rows.fetch(Tag, _story_tags_where(through), [story_id, story_id])


def card_rows(
    story_model: type[Page],
    image_model: type[models.Model],
    story_ids: Sequence[int],
    locale_id: int,
    restricted_paths: Sequence[str],
) -> list[tuple[Any, ...]]:
    """For each live story of the edition among `story_ids`, pages behind a privacy setting left
    out: id, title, url_path, path, content_type_id, first_published_at (as the database gives it),
    kicker, lede, lead_image_id, then its lead image's file, title, description and focal point
    (x, y, width, height), or None."""
    if not story_ids:
        return []
    page, story, image = rows.names(Page), rows.names(story_model), rows.names(image_model)
    where, params = _published_in_edition(locale_id, None, restricted_paths)
    statement = (
        f"SELECT {page}.{page.id}, {page}.{page.title}, {page}.{page.url_path}, {page}.{page.path}, "  # noqa: S608  (names from the models)
        f"{page}.{page.content_type}, {page}.{page.first_published_at}, "
        f"{story}.{story.kicker}, {story}.{story.lede}, {story}.{story.lead_image}, "
        f"{image}.{image.file}, {image}.{image.title}, {image}.{image.description}, "
        f"{image}.{image.focal_point_x}, {image}.{image.focal_point_y}, "
        f"{image}.{image.focal_point_width}, {image}.{image.focal_point_height} "
        f"FROM {page} INNER JOIN {story} ON {story}.{story.page_ptr} = {page}.{page.id} "
        f"LEFT JOIN {image} ON {image}.{image.id} = {story}.{story.lead_image} "
        f"WHERE {page}.{page.id} IN ({rows.placeholders(len(story_ids))}) AND {where}"
    )
    return rows.select(statement, [*story_ids, *params])


def newest_stories(
    story_model: type[Page], locale_id: int, hidden_paths: Sequence[str], limit: int
) -> list[tuple[int, str]]:
    """(id, tree path) of the edition's `limit` newest live stories, leaving out those under
    `hidden_paths` (pages behind a privacy setting), as `published_stories` orders them."""
    page, story = rows.names(Page), rows.names(story_model)
    where, params = _published_in_edition(locale_id, None, hidden_paths)
    statement = (
        f"SELECT {page}.{page.id}, {page}.{page.path} FROM {rows.tables(story_model)} "  # noqa: S608  (names from the models)
        f"WHERE {where} ORDER BY {page}.{page.first_published_at} DESC, {story}.{story.page_ptr} DESC LIMIT %s"
    )
    return rows.select(statement, [*params, limit])


def _ordered_children_where(model: type[Orderable]) -> str:
    child = rows.names(model)
    return f"{child.page} = %s ORDER BY {child.sort_order}"


def _story_tags_where(through: type[TaggedItemBase]) -> str:
    tag, tagged = rows.names(Tag), rows.names(through)
    return (
        f"{tag.id} IN (SELECT {tagged.tag} FROM {tagged} WHERE {tagged.content_object} = %s) "  # noqa: S608  (names from the models)
        f"ORDER BY (SELECT MIN({tagged.id}) FROM {tagged} "
        f"WHERE {tagged.tag} = {tag}.{tag.id} AND {tagged.content_object} = %s)"
    )


def newest_tagged(
    through: type[TaggedItemBase], tag_ids: Sequence[int], per_tag: int
) -> list[tuple[int, int]]:
    """(tag id, story id) of the `per_tag` stories most recently given each tag, in one statement:
    a part per tag, each reading the index on (tag, id) backwards rather than every story the tag is on."""
    if not tag_ids:
        return []
    statement = " UNION ALL ".join(_newest_of_one_tag(through, position) for position in range(len(tag_ids)))
    params = [value for tag_id in tag_ids for value in (tag_id, per_tag)]
    return [(tag_id, story_id) for tag_id, story_id in rows.select(statement, params)]


def _newest_of_one_tag(through: type[TaggedItemBase], position: int) -> str:
    tagged = rows.names(through)
    return (
        f"SELECT * FROM (SELECT {tagged.tag}, {tagged.content_object} FROM {tagged} "  # noqa: S608  (names from the model)
        f"WHERE {tagged.tag} = %s ORDER BY {tagged.id} DESC LIMIT %s) AS newest_{position}"
    )


def story_in_section(model: type[Story], section_path: str, section_depth: int, slug: str) -> Story | None:
    """The story (a whole row: its page is about to be rendered) with this slug in the section."""
    page = rows.names(Page)
    return rows.fetch_first(
        model,
        f"{page.depth} = %s AND {page.path} LIKE %s AND {page.slug} = %s",
        [section_depth + 1, f"{section_path}%", slug],
    )


def next_story(model: type[Story], story: Story, restricted_paths: Sequence[str]) -> tuple[Any, ...] | None:
    """(id, title, url_path, locale_id) of the live story of the edition published last before
    `story`, first looked for in its section; pages behind a privacy setting left out."""
    page = rows.names(Page)
    where, params = _published_in_edition(story.locale_id, story.pk, restricted_paths)
    if story.first_published_at:
        where += f" AND {page.first_published_at} < %s"
        params.append(rows.moment(story.first_published_at))
    newest_first = f" ORDER BY {page.first_published_at} DESC, {page.id} DESC LIMIT 1"
    in_section = f" AND {page.depth} = %s AND {page.path} LIKE %s"
    section_params = [story.depth, f"{story.path[: -story.steplen]}%"]
    select = _linked_story_columns(model)
    return rows.first(select + where + in_section + newest_first, params + section_params) or rows.first(
        select + where + newest_first, params
    )


def live_translations(
    model: type[Story], story: Story, restricted_paths: Sequence[str]
) -> list[tuple[Any, ...]]:
    """(id, title, url_path, locale_id) of the live versions of `story` in the other editions (in
    no order), pages behind a privacy setting left out."""
    page = rows.names(Page)
    outside, outside_params = editions_queries.outside(restricted_paths)
    return rows.select(
        f"{_linked_story_columns(model)}{page.live} AND {page.translation_key} = %s AND {page.id} <> %s{outside}",
        [rows.parameter(Page, "translation_key", story.translation_key), story.pk, *outside_params],
    )


def _linked_story_columns(model: type[Page]) -> str:
    """What a link to a story shows of it (`linked.LinkedStory`), up to WHERE."""
    page = rows.names(Page)
    return f"SELECT {page.id}, {page.title}, {page.url_path}, {page.locale} FROM {rows.tables(model)} WHERE "  # noqa: S608  (names from the models)


def published_among(
    model: type[Page],
    locale_id: int,
    story_ids: Sequence[int],
    excluded_id: int,
    restricted_paths: Sequence[str],
) -> list[int]:
    """Which of `story_ids` are live stories of the edition (but `excluded_id`), newest first;
    pages behind a privacy setting left out."""
    if not story_ids:
        return []
    where, params = _published_in_edition(locale_id, excluded_id, restricted_paths)
    page = rows.names(Page)
    statement = (
        f"SELECT {page.id} FROM {rows.tables(model)} WHERE {where} AND {page.id} IN ({rows.placeholders(len(story_ids))})"  # noqa: S608  (names from the models)
        f" ORDER BY {page.first_published_at} DESC, {page.id} DESC"
    )
    return [story_id for (story_id,) in rows.select(statement, [*params, *story_ids])]


def newest_in_section(
    model: type[Page],
    locale_id: int,
    section_path: str,
    story_depth: int,
    excluded_ids: Sequence[int],
    restricted_paths: Sequence[str],
    limit: int,
) -> list[int]:
    """The ids of the section's `limit` newest live stories but `excluded_ids`; pages behind a
    privacy setting left out."""
    where, params = _published_in_edition(locale_id, None, restricted_paths)
    page = rows.names(Page)
    if excluded_ids:
        where += f" AND {page.id} NOT IN ({rows.placeholders(len(excluded_ids))})"
        params += excluded_ids
    statement = (
        f"SELECT {page.id} FROM {rows.tables(model)} WHERE {where} AND {page.depth} = %s AND {page.path} LIKE %s"  # noqa: S608  (names from the models)
        f" ORDER BY {page.first_published_at} DESC, {page.id} DESC LIMIT %s"
    )
    return [
        story_id for (story_id,) in rows.select(statement, [*params, story_depth, f"{section_path}%", limit])
    ]


def _published_in_edition(
    locale_id: int, excluded_id: int | None, restricted_paths: Sequence[str]
) -> tuple[str, list[Any]]:
    page = rows.names(Page)
    outside, outside_params = editions_queries.outside(restricted_paths)
    where = f"{page.live} AND {page.locale} = %s{outside}"
    params: list[Any] = [locale_id, *outside_params]
    if excluded_id is not None:
        where += f" AND {page.id} <> %s"
        params.append(excluded_id)
    return where, params
