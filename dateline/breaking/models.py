"""A breaking-news alert: one per story, shown on every page of the story's edition while active."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

if TYPE_CHECKING:
    from dateline.articles.models import ArticlePage


class BreakingNewsQuerySet(models.QuerySet["BreakingNews"]):
    def current(self, now: datetime | None = None) -> BreakingNewsQuerySet:
        """Alerts readers should see now: started, not yet over, about a story that is live."""
        now = now or timezone.now()
        return self.filter(cleared_at__isnull=True, started_at__lte=now, ends_at__gt=now, story__live=True)

    def overdue(self, now: datetime | None = None) -> BreakingNewsQuerySet:
        """Alerts whose time ran out but that have not been ended yet (the worker ends them)."""
        return self.filter(cleared_at__isnull=True, ends_at__lte=now or timezone.now())

    def in_edition(self, locale: Locale | int) -> BreakingNewsQuerySet:
        locale_id = locale.pk if isinstance(locale, Locale) else locale
        return self.filter(story__locale_id=locale_id)

    def active(self, locale: Locale | int, now: datetime | None = None) -> BreakingNews | None:
        """The alert an edition shows now: the most recently started current one, in one query."""
        return (
            self.in_edition(locale)
            .current(now)
            .select_related("story")
            # Only what the banner shows: the story's body can be large.
            .only(
                "id",
                "headline",
                "started_at",
                "ends_at",
                "story__id",
                "story__title",
                "story__url_path",
                "story__locale_id",
                "story__path",
                "story__depth",
                "story__live",
            )
            .order_by("-started_at", "-id")
            .first()
        )


class BreakingNews(models.Model):
    """A story marked as breaking news in its edition.

    There is one row per story, ever: marking the story again later reactivates the same row, so
    `pk` identifies "this story broke" for anything that must happen once per story (e-mail and
    push alerts key their deliveries on it; see `dateline.breaking.signals`).

    An alert is active from `started_at` until `ends_at`, unless `cleared_at` is set first: by an
    editor clearing it, by the worker once `ends_at` has passed, or when the story is withdrawn.
    Setting `cleared_at` is also what makes the "cleared" event go out exactly once.
    """

    class EndReason(models.TextChoices):
        CLEARED = "cleared", _("Cleared by an editor")
        EXPIRED = "expired", _("Time ran out")
        WITHDRAWN = "withdrawn", _("Story withdrawn")

    story = models.OneToOneField(
        "articles.ArticlePage",
        verbose_name=_("story"),
        on_delete=models.CASCADE,
        related_name="breaking_news",
    )
    headline = models.CharField(
        _("banner headline"),
        max_length=160,
        blank=True,
        help_text=_("Leave empty to use the story's headline."),
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    ends_at = models.DateTimeField(_("ends at"))
    cleared_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    end_reason = models.CharField(_("how it ended"), max_length=20, choices=EndReason.choices, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cleared by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = BreakingNewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("breaking-news alert")
        verbose_name_plural = _("breaking-news alerts")
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["cleared_at", "ends_at"], name="breaking_open_alerts")]

    def __str__(self) -> str:
        return self.banner_headline

    @property
    def banner_headline(self) -> str:
        """What the banner says: the editor's wording, or the story's headline."""
        story: ArticlePage = self.story
        return self.headline or story.title

    def is_active(self, now: datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.cleared_at is None and self.started_at <= now < self.ends_at
