"""Template tags for the end of a story: links to share it and the stories related to it."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from dateline.articles.related import related_stories
from dateline.core.links import absolute

register = template.Library()


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


@register.simple_tag(takes_context=True)
def share_links(context: template.Context, page: Any) -> SafeString:
    url = absolute(page.url)
    return render_to_string(
        "articles/includes/share.html",
        {"page": page, "url": url, "targets": share_targets(page.title, url)},
    )


@register.simple_tag(takes_context=True)
def related(context: template.Context, page: Any) -> SafeString:
    """The stories related to `page`, with the tags its page shows (no second query for them)."""
    request = context["request"]
    stories = related_stories(page, request, tags=context.get("tags"))
    if not stories:
        return SafeString("")
    return render_to_string("articles/includes/related.html", {"page": page, "stories": stories}, request)
