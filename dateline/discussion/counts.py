"""How many comments the stories on a page have, for the counts on story cards.

Story cards are parts of cached pages that are the same for every reader, so they carry no count;
the page's script asks for all of its cards' counts at once, after the page has loaded.
"""

from __future__ import annotations

from http import HTTPStatus

from django.db.models import Count, Q
from django.http import HttpRequest, JsonResponse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from dateline.articles.models import ArticlePage
from dateline.discussion.models import Comment

MAX_IDS = 100
# The largest page id the database holds; a bigger number is junk, never a story.
MAX_ID = 2**31 - 1
MAX_ID_DIGITS = len(str(MAX_ID))
# Browsers and CDNs may keep counts briefly; the ASGI page cache never stores them, as this
# response files itself under no cache tags (page_cache.build_entry), so nothing needs purging.
CACHE_CONTROL = "public, max-age=30"


def story_ids(parts: list[str]) -> list[int]:
    """The story ids among `parts`, in order, without repeats or junk (negative, huge, not a number)."""
    ids: dict[int, None] = {}
    for part in parts:
        # Measured before int(), which refuses numbers of thousands of digits with an error.
        if part.isascii() and part.isdigit() and len(part) <= MAX_ID_DIGITS and 0 < int(part) <= MAX_ID:
            ids[int(part)] = None
    return list(ids)


def published_counts(ids: list[int]) -> dict[int, int]:
    """Published comments per live story among `ids`, in one query; other ids are left out."""
    published = Q(comments__status=Comment.Status.PUBLISHED)
    return dict(
        ArticlePage.objects.live()
        .filter(pk__in=ids)
        .order_by()
        .values("pk")  # grouped by story alone
        .annotate(count=Count("comments", filter=published))
        .values_list("pk", "count")
    )


def count_label(count: int) -> str:
    """The count as a reader reads it ("4 comments"), in the active language and its plural forms."""
    number = formats.number_format(count, force_grouping=True)
    return ngettext("%(count)s comment", "%(count)s comments", count) % {"count": number}


@require_GET
def discussion_counts(request: HttpRequest) -> JsonResponse:
    """`?ids=12,15,19` → `{"counts": {"12": {"count": 4, "label": "4 comments"}, …}}`.

    Only live stories are answered for; an id that is not one is left out, never an error.
    """
    parts = [part.strip() for part in request.GET.get("ids", "").split(",") if part.strip()]
    if len(parts) > MAX_IDS:
        message = _("Ask for the comment counts of at most %(limit)s stories at a time.") % {"limit": MAX_IDS}
        return JsonResponse({"error": message}, status=HTTPStatus.BAD_REQUEST)
    ids = story_ids(parts)
    counts = published_counts(ids) if ids else {}
    response = JsonResponse(
        {
            "counts": {
                str(story_id): {"count": count, "label": count_label(count)}
                for story_id, count in counts.items()
            }
        }
    )
    response["Cache-Control"] = CACHE_CONTROL
    return response
