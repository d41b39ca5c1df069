"""The edition's indexes: every author with stories in it, every tag of its stories, the months of
its archive. Each is one or two queries, whatever the size of the archive."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from taggit.models import Tag

from dateline.articles import listing
from dateline.articles.models import ArticleByline, ArticlePage, Author
from dateline.editions.reader_pages import restricted_paths


def tags_in_use(locale_id: int, request: HttpRequest) -> QuerySet[Tag]:
    """The tags of the edition's live stories, by name, each with its number of stories (`stories`)."""
    stories = Q(
        articles_articletag_items__content_object__locale_id=locale_id,
        articles_articletag_items__content_object__live=True,
    )
    for path in restricted_paths(request):
        stories &= ~Q(articles_articletag_items__content_object__path__startswith=path)
    return (
        Tag.objects.filter(stories)
        .annotate(stories=Count("articles_articletag_items", filter=stories))
        .order_by("name")
    )


def authors_with_stories(locale_id: int, authors: dict[int, Author]) -> list[Author]:
    """Everyone credited on a live story of the edition, in its edition's version where there is
    one, by name. `authors`: every author by id (`articles.models.all_authors`)."""
    credited = set(
        ArticleByline.objects.filter(page__locale_id=locale_id, page__live=True)
        .values_list("author_id", flat=True)
        .distinct()
    )
    keys = {authors[pk].translation_key for pk in credited if pk in authors}
    chosen: dict[Any, Author] = {}
    for author in authors.values():
        if author.translation_key in keys:
            current = chosen.get(author.translation_key)
            if current is None or (author.locale_id == locale_id and current.locale_id != locale_id):
                chosen[author.translation_key] = author
    return sorted(chosen.values(), key=lambda author: author.name.casefold())


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The month's first moment and the next month's, in the site's time zone."""
        start = timezone.make_aware(datetime.datetime(self.year, self.month, 1))
        days = calendar.monthrange(self.year, self.month)[1]
        end = timezone.make_aware(datetime.datetime(self.year, self.month, days) + datetime.timedelta(days=1))
        return start, end


@dataclass(frozen=True)
class ArchiveYear:
    year: int
    months: list[Month]


def archive_span(stories: QuerySet[ArticlePage]) -> tuple[Month, Month] | None:
    """The months of the edition's oldest and newest stories (two reads of the listing index)."""
    newest = stories.values_list("first_published_at", flat=True).first()
    oldest = stories.order_by("first_published_at", "pk").values_list("first_published_at", flat=True).first()
    if newest is None or oldest is None:
        return None
    newest, oldest = timezone.localtime(newest), timezone.localtime(oldest)
    return Month(oldest.year, oldest.month), Month(newest.year, newest.month)


def archive_years(span: tuple[Month, Month] | None) -> list[ArchiveYear]:
    """Every month from the oldest story's to the newest's, newest year first."""
    if span is None:
        return []
    oldest, newest = span
    years = []
    for year in range(newest.year, oldest.year - 1, -1):
        first = oldest.month if year == oldest.year else 1
        last = newest.month if year == newest.year else 12
        years.append(ArchiveYear(year, [Month(year, month) for month in range(first, last + 1)]))
    return years


def stories_of_month(locale_id: int, request: HttpRequest, month: Month) -> QuerySet[ArticlePage]:
    start, end = month.bounds()
    return listing.published_stories(locale_id, request).filter(
        first_published_at__gte=start, first_published_at__lt=end
    )
