"""Template tags for live coverage: entry parts and structured data (the "Live" mark on story cards
is in `jinja2tags`)."""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext
from wagtail.embeds import embeds
from wagtail.embeds.exceptions import EmbedException

from dateline.articles.templatetags.article_tags import story_meta
from dateline.core.links import absolute
from dateline.coverage.models import LiveCoveragePage, LiveEntry

register = template.Library()

# Entries listed in the page's structured data, newest first.
STRUCTURED_UPDATES = 20
# Counts for which the "N new updates" label is rendered, so that the browser finds, with
# Intl.PluralRules, a label of the right plural form for any count in the page's language.
PLURAL_SAMPLES = [0, 1, 2, 3, 5, 11, 21, 100]


@register.simple_tag
def entry_author_url(author: Any, home: Any) -> str:
    """The author's page in the edition, or "" for a byline from another edition."""
    if home is None or author.locale_id != home.locale_id:
        return ""
    return home.url + home.reverse_subpage("author", args=[author.slug])


@register.simple_tag
def entry_embed(url: str) -> SafeString:
    """The embedded post or video, or a plain link when the address cannot be embedded."""
    try:
        return mark_safe(embeds.get_embed(url, max_width=800).html)  # noqa: S308  (provider markup)
    except EmbedException:
        return format_html('<a href="{}" rel="nofollow noopener">{}</a>', url, url)


@register.simple_tag
def new_updates_labels() -> str:
    """ "N new updates" in the page's language for sample counts, as JSON for coverage.js."""
    labels = {
        str(count): ngettext("%(count)s new update", "%(count)s new updates", count) % {"count": count}
        for count in PLURAL_SAMPLES
    }
    return json.dumps(labels, ensure_ascii=False)


@register.simple_tag(takes_context=True)
def coverage_meta(context: template.Context, page: LiveCoveragePage) -> SafeString:
    """OpenGraph article fields, Twitter card and schema.org LiveBlogPosting JSON-LD."""
    entries: list[LiveEntry] = sorted(
        context.get("entries") or [], key=lambda entry: entry.created_at, reverse=True
    )
    published = page.first_published_at or page.published_date
    modified = max([page.last_published_at or published, *(entry.updated_at for entry in entries)])
    url = absolute(page.url)
    extra: dict[str, Any] = {
        "coverageStartTime": published.isoformat(),
        "liveBlogUpdate": [
            {
                "@type": "BlogPosting",
                "headline": entry.summary[:110],
                "datePublished": entry.created_at.isoformat(),
                "dateModified": entry.updated_at.isoformat(),
                "url": f"{url}#entry-{entry.pk}",
            }
            for entry in entries[:STRUCTURED_UPDATES]
        ],
    }
    if not page.is_running:
        extra["coverageEndTime"] = modified.isoformat()
    return story_meta(context, page, "LiveBlogPosting", modified=modified, extra=extra)
