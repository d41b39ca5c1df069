"""`{% breaking_banner %}`: the edition's breaking-news banner, on every reader page."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from dateline.breaking.models import BreakingNews
from dateline.core import cache_tags, versioned

register = template.Library()


@register.simple_tag(takes_context=True)
def breaking_banner(context: template.Context) -> SafeString:
    """The active alert of the page's edition, or the empty live container breaking.js fills.

    Remembered until the next event (`dateline.core.versioned`). A cacheable page is filed under its edition, which marking or clearing an alert
    purges, so cached pages never show an alert that has changed.
    """
    edition = context.get("edition")
    if not edition:
        return SafeString("")
    request = context.get("request")
    alert = versioned.remembered(
        ("breaking", edition.locale_id), request, lambda: BreakingNews.objects.active(edition.locale_id)
    )
    if alert is not None and alert.ends_at <= timezone.now():
        alert = None  # expired since it was remembered; the worker is about to announce it
    if request is not None and cache_tags.of(request) is not None:
        cache_tags.add(request, cache_tags.edition(edition.locale_id))
    return render_to_string(
        "breaking/banner.html",
        {
            "alert": alert,
            "url": alert.story.get_url(request) if alert else "",
            "language_code": edition.language_code,
        },
        request,
    )
