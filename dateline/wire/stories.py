"""From an agency's item to a story: "Use" makes a draft in a section of an edition, "Use in another
edition" a translation of that draft, and an embargo keeps both from being published too early.

`check_can_use` says why an item cannot be used there (a kill, a withheld item, a section the
editor may not write in); `do_use_item` and `do_use_in_edition` write the draft and its provenance
(`WireUse`); `embargo_of` is what a story's publishing schedule is checked against
(`ArticlePage.clean`, through the wire's `story_earliest_go_live` hook).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from dateline.articles.models import Agency, ArticleByline, ArticlePage, Author
from dateline.core import slugs, versioned
from dateline.editions.models import SectionPage
from dateline.wire import pictures
from dateline.wire.items import Block
from dateline.wire.models import WireItem, WireUse

LEDE_CHARACTERS = 400
TITLE_CHARACTERS = 255
SUBHEADING_CHARACTERS = 160
SPEAKER_CHARACTERS = 120
PLACE_CHARACTERS = 80
TAG_CHARACTERS = 100
SAFE_LINK_SCHEMES = ("http://", "https://", "mailto:")


class UseRefused(Exception):
    """Why an item cannot be used (shown to the editor)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def check_can_use(user: Any, item: WireItem, section: Page) -> None:
    """Raise `UseRefused` unless `user` may make a draft from `item` in `section`."""
    if item.is_kill:
        raise UseRefused(_("The agency killed this item: it must not be used."))
    if item.status == WireItem.Status.WITHHELD:
        raise UseRefused(_("The agency withheld this item: wait for its next version."))
    if not isinstance(section.specific, SectionPage):
        raise UseRefused(_("Choose a section of an edition."))
    if not section.permissions_for_user(user).can_add_subpage():
        raise UseRefused(_("You may not add stories to this section."))


def do_use_item(
    user: Any, item: WireItem, section: SectionPage, fetched: Sequence[pictures.Fetched] = ()
) -> ArticlePage:
    """A draft story (not published) in `section` with the item's text, dateline, credit, bylines
    and keywords, and a record of the item and version it holds. The `fetched` pictures
    (`pictures.fetch_pictures`, done before) go into the image library: the first is the story's
    lead image, the others follow the text as image blocks."""
    check_can_use(user, item, section)
    with transaction.atomic():
        images = [pictures.save_picture(picture, user) for picture in fetched]
        title = (item.headline or item.slugline or item.uri)[:TITLE_CHARACTERS]
        story = ArticlePage(
            title=title,
            slug=slugs.slug_for(title),
            lede=(item.lede or _first_text(item) or title)[:LEDE_CHARACTERS],
            body=story_blocks(item.blocks())
            + [("image", {"image": image, "caption": "", "credit": ""}) for image in images[1:]],
            lead_image=images[0] if images else None,
            dateline_place=item.dateline_place[:PLACE_CHARACTERS],
            dateline_date=_day(item.first_created or item.version_created),
            agency=agency_for(item, section.locale),
            # Scheduled for the embargo: publishing it by any way (the editor, a workflow, in bulk)
            # schedules it for then rather than putting it live early.
            go_live_at=_schedule_for(item.embargo),
            live=False,
            owner=user,
        )
        story.slug = story.free_slug(story.slug, parent=section)
        story.tags.add(*{keyword[:TAG_CHARACTERS] for keyword in item.keywords if keyword.strip()})
        story.bylines = [
            ArticleByline(author=author, sort_order=order)
            for order, author in enumerate(authors_for(item, section.locale))
        ]
        section.add_child(instance=story)
        story.save_revision(user=user, log_action=True)
        record_use(story, item)
    return story


def do_use_in_edition(user: Any, story: ArticlePage, locale: Locale) -> ArticlePage:
    """A draft of `story` in the edition of `locale`, linked to it as its translation (same
    translation key), holding the agency's text for the translator and the same provenance."""
    use = story.wire_uses.select_related("item").order_by("-used_at").first()
    if use is None:
        raise UseRefused(_("This story was not made from a wire item."))
    if ArticlePage.objects.filter(translation_key=story.translation_key, locale=locale).exists():
        raise UseRefused(_("This story already has a version in that edition."))
    parent = story.get_parent().specific
    translated_parent = parent.get_translation_or_none(locale)
    if translated_parent is None:
        raise UseRefused(_("The story's section has no version in that edition."))
    if not translated_parent.permissions_for_user(user).can_add_subpage():
        raise UseRefused(_("You may not add stories to this section."))
    with transaction.atomic():
        translation = story.copy_for_translation(locale)
        translation.go_live_at = _later(translation.go_live_at, embargo_of(story))
        translation.agency = agency_for(use.item, locale) if use.item is not None else None
        translation.bylines = [
            ArticleByline(author=author, sort_order=order)
            for order, author in enumerate(authors_for(use.item, locale) if use.item is not None else ())
        ]
        translation.save()
        translation.save_revision(user=user, log_action=True)
        WireUse.objects.create(
            story=translation, item=use.item, source_id=use.source_id, uri=use.uri, version=use.version
        )
    return translation


def record_use(story: ArticlePage, item: WireItem) -> WireUse:
    return WireUse.objects.create(
        story=story, item=item, source_id=item.source_id, uri=item.uri, version=item.version
    )


def story_blocks(blocks: tuple[Block, ...]) -> list[tuple[str, Any]]:
    """The item's body as the story's blocks: paragraphs (rich text with the item's bold, italic
    and links, every character escaped), subheadings, and quotes with their speaker (a quote
    nobody is named for stays a paragraph)."""
    result: list[tuple[str, Any]] = []
    for block in blocks:
        if block.kind == "subheading":
            result.append(("subheading", block.text[:SUBHEADING_CHARACTERS]))
        elif block.kind == "quote" and block.attribution.strip():
            result.append(
                ("quote", {"text": block.text, "speaker": block.attribution[:SPEAKER_CHARACTERS], "role": ""})
            )
        elif block.kind == "quote":
            result.append(("paragraph", f"<p>“{escape(block.text)}”</p>"))
        else:
            result.append(("paragraph", f"<p>{rich_text(block)}</p>"))
    return result


def rich_text(block: Block) -> str:
    """A paragraph's text, escaped, with its marks (overlapping ones dropped) as rich text."""
    pieces: list[str] = []
    position = 0
    for mark in sorted(block.marks, key=lambda mark: (mark.start, -mark.end)):
        if mark.start < position or mark.end > len(block.text) or mark.end <= mark.start:
            continue
        inner = escape(block.text[mark.start : mark.end])
        if mark.kind == "bold":
            marked = f"<b>{inner}</b>"
        elif mark.kind == "italic":
            marked = f"<i>{inner}</i>"
        elif mark.href.startswith(SAFE_LINK_SCHEMES):
            marked = f'<a href="{escape(mark.href)}">{inner}</a>'
        else:
            marked = inner
        pieces.append(escape(block.text[position : mark.start]))
        pieces.append(marked)
        position = mark.end
    pieces.append(escape(block.text[position:]))
    return "".join(pieces)


def agency_for(item: WireItem, locale: Locale) -> Agency:
    """The edition's agency of the item's source (by name), made if the edition has none yet."""
    name = (item.source.name or item.provider)[:100]
    agency = Agency.objects.filter(locale=locale, name__iexact=name).first()
    if agency is None:
        agency = Agency.objects.create(locale=locale, name=name)
    return agency


def authors_for(item: WireItem, locale: Locale) -> list[Author]:
    """The edition's authors whose names are the item's bylines; a byline nobody matches is left out."""
    wanted = [byline.strip() for byline in item.bylines if byline.strip()]
    found = []
    for byline in wanted:
        author = Author.objects.filter(locale=locale, name__iexact=byline).first()
        if author is not None and author not in found:
            found.append(author)
    return found


def embargo_of(page: Page) -> datetime | None:
    """The latest embargo of the wire items a story was built on, while it still holds."""
    embargoes = [
        use.item.embargo
        for use in WireUse.objects.filter(story_id=page.pk).select_related("item")
        if use.item is not None and use.item.embargo is not None
    ]
    latest = max(embargoes, default=None)
    return latest if latest is not None and latest > timezone.now() else None


def _schedule_for(embargo: datetime | None) -> datetime | None:
    """A publishing schedule that keeps `embargo` (None once it has passed): on the minute, as the
    newsroom's schedule field shows and sends it back."""
    if embargo is None or embargo <= timezone.now():
        return None
    on_the_minute = embargo.replace(second=0, microsecond=0)
    return on_the_minute if on_the_minute == embargo else on_the_minute + timedelta(minutes=1)


def _later(first: datetime | None, second: datetime | None) -> datetime | None:
    return max((moment for moment in (first, second) if moment is not None), default=None)


def _first_text(item: WireItem) -> str:
    return next(
        (block.text for block in item.blocks() if block.kind == "paragraph" and block.text.strip()), ""
    )


def _day(moment: datetime | None) -> Any:
    return timezone.localtime(moment).date() if moment is not None else None


def uses_with_news(uses: QuerySet[WireUse]) -> QuerySet[WireUse]:
    """The uses annotated with their item's current version (`news_id`, `news_version`,
    `news_status`), kept only where the agency has sent a newer version or killed the item."""
    current = WireItem.objects.filter(source_id=OuterRef("source_id"), uri=OuterRef("uri"), current=True)
    return (
        uses.annotate(
            news_id=Subquery(current.values("pk")[:1]),
            news_version=Subquery(current.values("version")[:1]),
            news_status=Subquery(current.values("status")[:1]),
        )
        .filter(Q(news_version__gt=F("version")) | Q(news_status=WireItem.Status.CANCELED))
        .select_related("story__locale", "source")
        .order_by("-used_at", "-pk")
    )


def may_have_uses(page: Page) -> bool:
    """Whether `page` may have been made from an agency's item, mostly without a query: the ids of
    the stories made from one are remembered per content version. A use is recorded with a draft,
    and only publishing puts it before readers, which makes a new version; a preview asks."""
    request = versioned.current_request()
    if request is None or getattr(request, "is_preview", False):
        return True
    used = versioned.remembered(
        "stories-with-wire-uses",
        request,
        lambda: frozenset(WireUse.objects.values_list("story_id", flat=True)),
    )
    return page.pk in used


def alerts_for(story_id: int) -> list[WireUse]:
    """What the agency sent since a story was made from its item: newer versions and kills."""
    return list(uses_with_news(WireUse.objects.filter(story_id=story_id)))
