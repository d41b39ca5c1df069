"""Template tags for live coverage: the "Live" mark on story cards, entry parts, structured data."""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.contrib.contenttypes.models import ContentType
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext
from wagtail.embeds import embeds
from wagtail.embeds.exceptions import EmbedException

from dateline.articles.templatetags.article_tags import story_meta
from dateline.coverage.models import LiveCoveragePage, LiveEntry
from dateline.editions.templatetags.edition_tags import absolute

register = template.Library()

# Entries listed in the page's structured data, newest first.
STRUCTURED_UPDATES = 20
# Counts for which the "N new updates" label is rendered, so that the browser finds, with
# Intl.PluralRules, a label of the right plural form for any count in the page's language.
PLURAL_SAMPLES = [0, 1, 2, 3, 5, 11, 21, 100]


@register.simple_tag(takes_context=True)
def live_badge(context: template.Context, story: Any) -> SafeString:
    """A "Live" mark for a story card whose story is a running live coverage.

    Cards come from plain story lists: the content type tells a coverage from other stories
    without a query, and the running coverages are looked up once per request, only when a card
    is a coverage.
    """
    return live_badge_html(context.get("request"), story)


def live_badge_html(request: Any, story: Any) -> SafeString:
    """The "Live" mark for `story` if it is a running live coverage, else nothing."""
    coverage_type = ContentType.objects.get_for_model(LiveCoveragePage)
    if story.content_type_id != coverage_type.pk or story.pk not in _running_ids(request):
        return SafeString("")
    return format_html('<span class="live-badge">{}</span> ', gettext("Live"))


def _running_ids(request: Any) -> set[int]:
    known = getattr(request, "_dateline_running_coverage", None)
    if known is None:
        known = set(
            LiveCoveragePage.objects.live()
            .filter(status=LiveCoveragePage.Status.LIVE)
            .values_list("pk", flat=True)
        )
        if request is not None:
            request._dateline_running_coverage = known
    return known


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
    published = page.first_published_at or page.dateline_date
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
