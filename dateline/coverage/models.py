"""Live coverage pages and the entries that are written into them while the news unfolds.

A live coverage is a story (headline, summary, dateline, authors, tags, section), so it is listed
wherever stories are. Its entries are rows of their own, not part of the page's revisions: an
editor adds, corrects or removes one without republishing the page, and readers see it live.
"""

from __future__ import annotations

import html
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.fields import RichTextField

from dateline.articles.models import ArticlePage, dateline_panel, schedule_panel
from dateline.core import cache_tags
from dateline.coverage import streams
from dateline.editions import navigation
from dateline.images.models import NewsImage

# Entries are short: a few paragraphs with emphasis, links and lists.
ENTRY_FEATURES = ["bold", "italic", "link", "ol", "ul"]
ENTRY_IMAGE_SPEC = "width-1000"
# How many words of an entry stand for it in the key events list when it has no headline.
SUMMARY_WORDS = 14


class LiveCoveragePage(ArticlePage):
    """A story told as it happens: a summary on top and timed entries below, newest first."""

    class Status(models.TextChoices):
        LIVE = "live", _("Live")
        ENDED = "ended", _("Ended")

    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.LIVE,
        help_text=_("End the coverage when no more updates will come; the page then stays as it is."),
    )

    content_panels = [
        FieldPanel("kicker"),
        TitleFieldPanel(
            "title", placeholder=_("Headline"), heading=_("Headline"), help_text=_("As readers will see it")
        ),
        FieldPanel("lede", heading=_("Summary"), help_text=_("What readers need to know right now")),
        FieldPanel("status"),
        dateline_panel(),
        schedule_panel(),
        InlinePanel("bylines", label=_("Authors"), min_num=0),
        FieldPanel("lead_image"),
        FieldPanel("body", heading=_("Background"), help_text=_("Optional: what led up to the events")),
        InlinePanel("notes", heading=_("Corrections and updates"), label=_("Correction or update")),
        FieldPanel("tags"),
    ]
    body_required = False
    template = "coverage/live_coverage_page.html"

    class Meta:
        verbose_name = _("live coverage")
        verbose_name_plural = _("live coverages")

    @property
    def is_running(self) -> bool:
        return self.status == self.Status.LIVE

    def live_stream(self, request: HttpRequest | None = None) -> str:
        """The stream readers of this page follow, or "" when the page is not live news (ended,
        unpublished, or a newsroom preview)."""
        if not (self.live and self.is_running) or getattr(request, "is_preview", False):
            return ""
        return streams.stream(self.pk)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        entries = list(LiveEntry.objects.for_page(self.pk))
        edition = navigation.current_edition(request)
        context.update(
            entries=entries,
            key_events=key_events(entries),
            coverage_stream=self.live_stream(request),
            home=edition.home if edition else None,
        )
        cache_tags.add(
            request,
            *(cache_tags.author(entry.author_id) for entry in entries if entry.author_id),
            *(cache_tags.image(entry.image_id) for entry in entries if entry.image_id),
        )
        return context


class LiveEntryQuerySet(models.QuerySet["LiveEntry"]):
    def for_page(self, page_id: int) -> LiveEntryQuerySet:
        """A coverage's entries as readers see them, with what they show fetched in a fixed
        number of queries: the author, the image and its rendition."""
        return (
            self.filter(page_id=page_id)
            .select_related("author")
            .prefetch_related(
                Prefetch("image", queryset=NewsImage.objects.prefetch_renditions(ENTRY_IMAGE_SPEC))
            )
        )


class LiveEntry(models.Model):
    """One timed update in a live coverage: text, and optionally an image, an embed or a quote."""

    page = models.ForeignKey(
        LiveCoveragePage, verbose_name=_("live coverage"), on_delete=models.CASCADE, related_name="entries"
    )
    created_at = models.DateTimeField(_("time"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Set when the words, picture or quote of an entry change after it went out: readers are told.
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True, editable=False)
    headline = models.CharField(
        _("headline"),
        max_length=160,
        blank=True,
        help_text=_("Optional; key events are listed under their headline"),
    )
    body = RichTextField(_("text"), features=ENTRY_FEATURES, blank=True)
    image = models.ForeignKey(
        "dateline_images.NewsImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    embed_url = models.URLField(
        _("embed"), blank=True, help_text=_("Address of a video or post to show in the entry")
    )
    quote_text = models.TextField(_("quote"), blank=True)
    quote_speaker = models.CharField(_("speaker"), max_length=120, blank=True)
    quote_role = models.CharField(_("role"), max_length=200, blank=True, help_text=_("e.g. Foreign minister"))
    author = models.ForeignKey(
        "articles.Author",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_pinned = models.BooleanField(_("pinned"), default=False, help_text=_("Keep this entry at the top"))
    is_key_event = models.BooleanField(
        _("key event"), default=False, help_text=_("List this entry in the key events summary")
    )
    corrected = models.BooleanField(
        _("corrected"),
        default=False,
        help_text=_("Tick when you fix a mistake in an entry readers have already seen"),
    )

    objects = LiveEntryQuerySet.as_manager()

    panels = [
        FieldPanel("page"),
        FieldPanel("headline"),
        FieldPanel("body"),
        FieldPanel("image"),
        FieldPanel("embed_url"),
        MultiFieldPanel(
            [
                FieldPanel("quote_text"),
                FieldRowPanel([FieldPanel("quote_speaker"), FieldPanel("quote_role")]),
            ],
            heading=_("Quote"),
        ),
        FieldPanel("author"),
        FieldRowPanel([FieldPanel("is_pinned"), FieldPanel("is_key_event"), FieldPanel("corrected")]),
    ]

    # Changing any of these after publication shows the entry as "Edited".
    CONTENT_FIELDS = frozenset(
        {"headline", "body", "image", "embed_url", "quote_text", "quote_speaker", "quote_role"}
    )

    class Meta:
        verbose_name = _("live entry")
        verbose_name_plural = _("live entries")
        ordering = ["-is_pinned", "-created_at", "-id"]
        indexes = [
            models.Index(fields=["page", "-is_pinned", "-created_at"], name="coverage_entry_page_order"),
        ]

    def __str__(self) -> str:
        return self.summary

    def clean(self) -> None:
        if not (strip_tags(self.body).strip() or self.image_id or self.embed_url or self.quote_text):
            raise ValidationError(_("Write some text, or add an image, an embed or a quote."))
        if self.quote_text and not self.quote_speaker:
            raise ValidationError({"quote_speaker": _("Say who is quoted.")})

    @property
    def summary(self) -> str:
        """The headline, or the first words of the text: how the key events list names the entry."""
        if self.headline:
            return self.headline
        text = html.unescape(strip_tags(self.body)).strip() or self.quote_text
        return Truncator(text).words(SUMMARY_WORDS)

    @property
    def created_ms(self) -> int:
        """The entry's time in milliseconds, as the reader's browser orders entries by it."""
        return int(self.created_at.timestamp() * 1000)


def key_events(entries: list[LiveEntry]) -> list[LiveEntry]:
    """The key events among `entries`, newest first (pinning does not move them here)."""
    return sorted(
        (entry for entry in entries if entry.is_key_event),
        key=lambda entry: (entry.created_at, entry.pk),
        reverse=True,
    )


def is_running_coverage(key: str) -> bool:
    """Whether `coverage:<key>` names a published live coverage that has not ended."""
    if not key.isdigit() or len(key) > 18:
        return False
    return LiveCoveragePage.objects.live().filter(pk=int(key), status=LiveCoveragePage.Status.LIVE).exists()
