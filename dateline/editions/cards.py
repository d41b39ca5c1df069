"""Story cards, the unit every list is made of, built in Python.

A front page shows some forty of them; as a template include each cost about half a millisecond
of template machinery, more than all the page's queries together. The markup is the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

if TYPE_CHECKING:
    from dateline.articles.models import ArticlePage

CARD_IMAGE_SPEC = "fill-640x360-c60"


def story_card(
    request: HttpRequest | None,
    story: ArticlePage,
    *,
    lead: bool = False,
    compact: bool = False,
    show_section: bool = False,
    level: int = 3,
) -> SafeString:
    """A card: picture, section, kicker and headline linked to the story, lede and time."""
    from dateline.coverage.templatetags.coverage_tags import live_badge_html

    parts: list[str] = [format_html('<article class="card{}">', " card--lead" if lead else "")]
    if story.lead_image_id and not compact and story.lead_image is not None:
        picture = story.lead_image.get_rendition(CARD_IMAGE_SPEC)
        parts.append(
            format_html(
                '<img class="card__image" src="{}" width="{}" height="{}" alt="{}" loading="lazy" decoding="async">',
                picture.url,
                picture.width,
                picture.height,
                picture.alt,
            )
        )
    parts.append('<div class="card__text">')
    section = story.__dict__.get("section")
    if section is not None and show_section:
        parts.append(format_html('<p class="card__section">{}</p>', section.title))
    url = story.get_url(request)
    heading = "h2" if lead or level == 2 else "h3"
    kicker = format_html('<span class="kicker">{}:</span> ', story.kicker) if story.kicker else ""
    parts.append(
        format_html(
            '<{} class="card__headline"><a href="{}">{}{}{}</a></{}>',
            mark_safe(heading),  # noqa: S308  (one of two literals)
            url,
            live_badge_html(request, story),
            kicker,
            story.title,
            mark_safe(heading),  # noqa: S308
        )
    )
    if not compact:
        parts.append(format_html('<p class="card__lede">{}</p>', story.lede))
    meta: list[str] = []
    if story.first_published_at:
        published = timezone.localtime(story.first_published_at)
        meta.append(
            format_html(
                '<time datetime="{}">{}</time>',
                published.isoformat(),
                formats.date_format(published, "DATETIME_FORMAT"),
            )
        )
    if has_discussion(story):
        meta.append(comment_count_link(url, story))
    if meta:
        parts += ['<p class="card__meta">', " ".join(meta), "</p>"]
    parts.append("</div></article>")
    return mark_safe("".join(parts))  # noqa: S308  (every part is escaped above)


def has_discussion(story: ArticlePage) -> bool:
    """A plain story, whose page ends with its discussion (a live coverage's page has none).

    The content type tells them apart without a query; whether the discussion is closed is not
    asked (it costs one per card): a closed discussion's comments are still worth reading.
    """
    from django.contrib.contenttypes.models import ContentType

    from dateline.articles.models import ArticlePage

    return story.content_type_id == ContentType.objects.get_for_model(ArticlePage).pk


def comment_count_link(url: str, story: ArticlePage) -> SafeString:
    """A link to the story's discussion, hidden until the page's script has the count
    (static/dateline/comment-counts.js): cached pages are the same for everyone and carry none."""
    return format_html(
        '<a class="story-card__comments" href="{}#discussion" data-comment-count-for="{}" hidden></a>',
        url,
        story.pk,
    )
