"""`{% feed_links %}`: feed autodiscovery links in every reader page's <head>."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from taggit.models import Tag

from dateline.articles.models import Author
from dateline.core.links import absolute
from dateline.subscriptions.feeds import FORMAT_NAMES, MEDIA_TYPES, feed_path, feed_title

register = template.Library()


@register.simple_tag(takes_context=True)
def feed_links(context: Mapping[str, Any]) -> SafeString:
    """The edition's feeds in every format, and those of the section, tag or author the page is
    (or, for a story, of its section).

    Every page renders this: it reads only what the context already holds, and each list's links
    are made once per process (`channel_links`).
    """
    edition = context.get("edition")
    if not edition:
        return SafeString("")
    channels = [("edition", "", "")]
    section = context.get("current_section")
    if section is not None:
        channels.append(("section", section.slug, section.title))
    tag = context.get("tag")
    if isinstance(tag, Tag):
        channels.append(("tag", tag.slug, tag.name))
    author = context.get("author")
    if isinstance(author, Author):
        channels.append(("author", author.slug, author.name))
    links = [
        channel_links(edition.language_code, kind, slug, name, settings.SITE_NAME, settings.BASE_URL)
        for kind, slug, name in channels
    ]
    return mark_safe("\n  ".join(links))  # noqa: S308  (built by format_html)


@lru_cache(maxsize=4096)
def channel_links(language: str, kind: str, slug: str, name: str, site_name: str, base_url: str) -> str:
    """The <link>s to one list's feeds in every format: the same on every page that shows them.

    The site's name and address are arguments so that a change of settings is a new entry.
    """
    links = []
    # In the edition's language: a page in a language with no live edition shows the first one.
    with translation.override(language):
        title = feed_title(name)
        for feed_format, media_type in MEDIA_TYPES.items():
            links.append(
                format_html(
                    '<link rel="alternate" type="{}" title="{}" href="{}">',
                    media_type,
                    # Translators: a feed's title and its format, e.g. "Dateline — World (RSS)".
                    gettext("%(title)s (%(format)s)") % {"title": title, "format": FORMAT_NAMES[feed_format]},
                    absolute(feed_path(kind, feed_format, slug)),
                )
            )
    return "\n  ".join(links)


@register.simple_tag
def feed_formats(kind: str, slug: str = "") -> SafeString:
    """Visible links to a list's feeds, for the header of a section, tag or author page."""
    links = format_html_join(
        " · ",
        '<a href="{}" type="{}">{}</a>',
        ((feed_path(kind, f, slug), MEDIA_TYPES[f], FORMAT_NAMES[f]) for f in MEDIA_TYPES),
    )
    return format_html('<p class="feed-formats">{} {}</p>', gettext("Follow in a feed reader:"), links)
