"""A live coverage's entries for the API, newest first, a cursor page at a time."""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from dateline.api import cursors, ninjs, problems
from dateline.api.stories import API_ROOT, SPACES, picture_of
from dateline.core import cache_tags, links
from dateline.coverage.models import LiveCoveragePage, LiveEntry
from dateline.editions import navigation
from dateline.editions.reader_pages import public


def coverage(request: HttpRequest, story_id: int) -> LiveCoveragePage:
    """A published live coverage, or a 404 problem."""
    page = public(LiveCoveragePage.objects.live(), request).filter(pk=story_id).first()
    if page is None:
        raise problems.not_found(_("There is no published live coverage %(id)s.") % {"id": story_id})
    return page


def entry_uri(page_id: int, entry_id: int) -> str:
    return links.absolute(f"{API_ROOT}stories/{page_id}/entries/{entry_id}")


def page_of_entries(
    request: HttpRequest, page: LiveCoveragePage, cursor: str | None, limit: int, full_text: bool
) -> tuple[list[ninjs.EntryFacts], str | None]:
    """One page of entries in the order they were written, newest first (pinning is the page's
    business, not a feed's), and the next page's cursor."""
    cache_tags.add(request, cache_tags.page(page.pk))
    filters = {"coverage": page.pk}
    entries = (
        LiveEntry.objects.filter(page_id=page.pk)
        .select_related("author", "image")
        .order_by("-created_at", "-pk")
    )
    if cursor:
        position = cursors.read(cursor, filters)
        try:
            moment, entry_id = datetime.fromisoformat(position[0]), int(position[1])
        except (IndexError, TypeError, ValueError) as error:
            raise problems.bad_parameter("cursor", _("This cursor cannot be read.")) from error
        entries = entries.filter(Q(created_at__lt=moment) | Q(created_at=moment, pk__lt=entry_id))
    found = list(entries[: limit + 1])
    shown = found[:limit]
    next_cursor = None
    if len(found) > limit:
        last = shown[-1]
        next_cursor = cursors.make([last.created_at.isoformat(), last.pk], filters)
    language = edition_language(request, page)
    href = links.absolute(page.get_url(request) or "")
    facts = []
    for entry in shown:
        facts.append(_facts(entry, page, language, href, full_text))
        if entry.author_id:
            cache_tags.add(request, cache_tags.author(entry.author_id))
        if entry.image_id:
            cache_tags.add(request, cache_tags.image(entry.image_id))
    return facts, next_cursor


def edition_language(request: HttpRequest, page: LiveCoveragePage) -> str:
    for edition in navigation.editions(request):
        if edition.locale_id == page.locale_id:
            return edition.language_code
    return page.locale.language_code


def _facts(
    entry: LiveEntry, page: LiveCoveragePage, language: str, href: str, full_text: bool
) -> ninjs.EntryFacts:
    body: dict[str, Any] = {}
    if full_text:
        body_html = expand_db_html(entry.body)
        body = {
            "body_html": body_html,
            "body_text": SPACES.sub(" ", html.unescape(strip_tags(body_html))).strip(),
            "quote": entry.quote_text,
            "quote_by": entry.quote_speaker,
        }
    return ninjs.EntryFacts(
        uri=entry_uri(page.pk, entry.pk),
        language=language,
        headline=entry.headline,
        first_created=entry.created_at,
        version_created=entry.edited_at or entry.created_at,
        by=entry.author.name if entry.author else "",
        href=f"{href}#entry-{entry.pk}",
        embed=entry.embed_url,
        picture=picture_of(entry.image) if entry.image else None,
        **body,
    )
