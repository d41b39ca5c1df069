"""What the story page's Jinja2 templates (templates/jinja2/articles/) use: the story's body,
metadata and notes (the same as Django's tags in `templatetags/article_tags.py`, which live coverage
pages use), its reading time, links to share it, the stories related to it and their cards, and
what the body's blocks (templates/jinja2/articles/blocks/) use."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlencode

from django.template.defaultfilters import linebreaksbr
from django.templatetags.i18n import language_name_local
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from jinja2 import Environment, pass_context
from jinja2.ext import Extension
from wagtail.embeds.templatetags.wagtailembeds_tags import embed_tag
from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.templatetags.wagtailcore_tags import richtext

from dateline.articles.cards import story_card
from dateline.articles.related import related_stories
from dateline.articles.templatetags.article_tags import (
    article_meta,
    reading_time,
    story_body,
    story_notes_list,
    tag_url,
)
from dateline.core import jinja
from dateline.core.links import absolute


def share_targets(title: str, url: str) -> list[tuple[str, str, str]]:
    """(key, name, address) of each place a reader can share a story to: plain links, so no
    script of theirs runs on the page and nobody learns who read it until the reader shares."""
    return [
        ("email", _("E-mail"), f"mailto:?{urlencode({'subject': title, 'body': url}, quote_via=quote)}"),
        ("x", "X", f"https://x.com/intent/post?{urlencode({'text': title, 'url': url})}"),
        ("facebook", "Facebook", f"https://www.facebook.com/sharer/sharer.php?{urlencode({'u': url})}"),
        ("whatsapp", "WhatsApp", f"https://wa.me/?{urlencode({'text': f'{title} {url}'})}"),
        ("telegram", "Telegram", f"https://t.me/share/url?{urlencode({'url': url, 'text': title})}"),
        (
            "linkedin",
            "LinkedIn",
            f"https://www.linkedin.com/sharing/share-offsite/?{urlencode({'url': url})}",
        ),
    ]


def share_links(page: Any) -> SafeString:
    """Links to share `page` (templates/jinja2/articles/includes/share.html)."""
    url = absolute(page.url)
    return jinja.render(
        "articles/includes/share.html", page=page, url=url, targets=share_targets(page.title, url)
    )


def related(context: Mapping[str, Any], page: Any) -> SafeString:
    """The stories related to `page`, with the tags its page shows (no second query for them)."""
    request = context["request"]
    stories = related_stories(page, request, tags=context.get("tags"))
    if not stories:
        return SafeString("")
    return jinja.render("articles/includes/related.html", page=page, stories=stories, request=request)


class ArticlesExtension(Extension):
    """Listed in TEMPLATES' Jinja2 `extensions`, as a Django app's template tags are loaded."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.globals.update(
            article_meta=pass_context(article_meta),
            embed=embed_tag,
            reading_time=reading_time,
            related=pass_context(related),
            rendition=get_rendition_or_not_found,
            share_links=share_links,
            story_body=pass_context(story_body),
            story_card=story_card,
            story_notes_list=pass_context(story_notes_list),
            tag_url=pass_context(tag_url),
        )
        environment.filters.update(
            language_name_local=language_name_local, linebreaksbr=linebreaksbr, richtext=richtext
        )


articles = ArticlesExtension
