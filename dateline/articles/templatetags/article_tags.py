"""Template tags for story pages: the dateline, the body it leads into, and structured data.

The story page is a Jinja2 template, which has these through `articles/jinja2tags.py`; live
coverage pages are Django's. The markup they give is Jinja2's (templates/jinja2/articles/includes/).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django import template
from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext, pgettext
from wagtail import hooks
from wagtail.rich_text import expand_db_html

from dateline.articles.datelines import typed_dateline, without_typed_dateline
from dateline.core import jinja
from dateline.core.links import absolute
from dateline.images.models import SHARE_IMAGE_SPEC

register = template.Library()

FIRST_PARAGRAPH = re.compile(r"^\s*<p\b[^>]*>")
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
# The hook a story page's JSON-LD passes through: `hook(page, data)` adds to `data` in place.
STORY_JSON_LD_HOOK = "story_json_ld"


def dateline_html(page: Any) -> SafeString:
    """`TOKYO, September 11 (Agency) –`, with the date in the edition's language and format."""
    from django.utils.dateformat import format as format_date

    if not page.dateline_place and not page.agency_id:
        return SafeString("")
    day = page.filed_on
    # Translators: the date in a dateline, as a Django date format ("F j" = "September 11").
    date_format = pgettext("dateline date format", "F j")
    date_text = format_html('<time datetime="{}">{}</time>', day.isoformat(), format_date(day, date_format))
    text = date_text
    if page.dateline_place:
        place = format_html('<span class="dateline__place">{}</span>', page.dateline_place.upper())
        # Translators: a dateline's place and date, "TOKYO, September 11"; Arabic uses "،".
        text = format_html(escape(pgettext("dateline", "{place}, {date}")), place=place, date=date_text)
    if page.agency_id:
        agency = page.agency
        name = format_html('<a href="{}">{}</a>', agency.url, agency.name) if agency.url else agency.name
        credit = format_html('<span class="dateline__agency">{}</span>', name)
        # Translators: a dateline followed by the agency credit, "TOKYO, September 11 (Agency)".
        template = escape(pgettext("dateline", "{dateline} ({agency})"))
        text = format_html(template, dateline=text, agency=credit)
    return format_html('<span class="dateline">{} –</span> ', text)


@register.simple_tag(takes_context=True)
def story_body(context: Mapping[str, Any], page: Any) -> SafeString:
    """The body's blocks, with the dateline leading into the first paragraph."""
    dateline = dateline_html(page)
    rendered = []
    placed = not dateline
    request = context.get("request")
    for block in page.body:
        if block.block_type == "paragraph":
            # What its template, and the rich text's own (`{{ html|safe }}`), would render.
            html = expand_db_html(block.value.source)
        else:
            # Its Jinja2 template, as Wagtail's `render` would find it through Django's loader.
            html = jinja.render(
                block.block.meta.template, self=block.value, value=block.value, page=page, request=request
            )
        if not placed and block.block_type == "paragraph":
            if typed := typed_dateline(html):
                html = without_typed_dateline(html, typed)  # the dateline fields say it already
            match = FIRST_PARAGRAPH.match(html)
            if match:
                html = html[: match.end()] + dateline + html[match.end() :]
                placed = True
        rendered.append(html)
    if not placed:
        rendered.insert(0, format_html('<p class="dateline-only">{}</p>', dateline))
    return mark_safe("".join(rendered))  # noqa: S308  (blocks render escaped HTML)


@register.simple_tag(takes_context=True)
def tag_url(context: Mapping[str, Any], tag: Any) -> str:
    edition = context.get("edition")
    base = edition.url if edition else "/"
    return f"{base}tags/{tag.slug}/"


@register.simple_tag(takes_context=True)
def article_meta(context: Mapping[str, Any], page: Any) -> SafeString:
    """OpenGraph article fields, Twitter card and schema.org NewsArticle JSON-LD."""
    extra: dict[str, Any] = {"wordCount": page.word_count}
    if page.dateline_place:
        extra["locationCreated"] = {"@type": "Place", "name": page.dateline_place}
    return story_meta(context, page, "NewsArticle", extra=extra)


def story_meta(
    context: Mapping[str, Any] | template.Context,
    page: Any,
    schema_type: str,
    modified: datetime | None = None,
    extra: dict[str, Any] | None = None,
) -> SafeString:
    """The <head> metadata every kind of story shares; `extra` adds to its JSON-LD."""
    authors = context.get("authors") or []
    section = context.get("section")
    image_url = ""
    if page.lead_image:
        image_url = absolute(page.lead_image.get_rendition(SHARE_IMAGE_SPEC).url)
    published = page.first_published_at or page.published_date
    modified = modified or page.last_published_at or published
    shown_tags = context.get("tags")
    tags = [tag.name for tag in (page.tags.all() if shown_tags is None else shown_tags)]
    url = absolute(page.url)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": schema_type,
        "headline": page.title[:110],
        "description": page.lede,
        "inLanguage": page.locale.language_code,
        "datePublished": published.isoformat(),
        "dateModified": modified.isoformat(),
        "mainEntityOfPage": url,
        "url": url,
        "author": [
            {"@type": "Person", "name": author.name, "url": absolute(author.get_url())} for author in authors
        ]
        or [credited_organization(page)],
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME, "url": settings.BASE_URL + "/"},
        **(extra or {}),
    }
    corrections = [note for note in story_notes(context, page) if note.kind == "correction"]
    if corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "text": note.text, "datePublished": note.date.isoformat()}
            for note in corrections
        ]
    if image_url:
        data["image"] = [image_url]
    if section:
        data["articleSection"] = section.title
    if tags:
        data["keywords"] = tags
    # Apps above this one add what they know of the story (the wire desk: the agency's item).
    for add_to_json_ld in hooks.get_hooks(STORY_JSON_LD_HOOK):
        add_to_json_ld(page, data)
    return jinja.render(
        "articles/includes/article_meta.html",
        page=page,
        image_url=image_url,
        published=published,
        modified=modified,
        section=section,
        tags=tags,
        json_ld=mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES)),  # noqa: S308
    )


def credited_organization(page: Any) -> dict[str, str]:
    """Who a story without a byline is credited to: its agency, else the site's newsroom."""
    if page.agency_id:
        organization = {"@type": "Organization", "name": page.agency.name}
        return {**organization, "url": page.agency.url} if page.agency.url else organization
    return {"@type": "Organization", "name": settings.SITE_NAME, "url": settings.BASE_URL + "/"}


def story_notes(context: Mapping[str, Any] | template.Context, page: Any) -> list[Any]:
    """The story's corrections and updates, oldest first, as its page already has them."""
    notes = context.get("notes")
    return list(page.notes.all()) if notes is None else notes


@register.simple_tag(takes_context=True)
def story_notes_list(context: Mapping[str, Any], page: Any) -> SafeString:
    """The corrections and updates under a story, each with its kind and day."""
    # Translators: the day of a correction or update, as a Django date format ("12 September").
    day_format = pgettext("correction date format", "j F")
    return jinja.render(
        "articles/includes/notes.html", notes=story_notes(context, page), day_format=day_format
    )


def reading_time(minutes: int) -> str:
    """ "4 min read": how long the story takes to read."""
    return ngettext("%(minutes)s min read", "%(minutes)s min read", minutes) % {"minutes": minutes}
