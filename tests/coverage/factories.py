"""Live coverages and their entries, for the coverage tests.

    coverage = CoverageFactory(title="Storm reaches the coast")      # published, running
    entry = EntryFactory(page=coverage, body="<p>Winds of 120 km/h.</p>", is_key_event=True)

`CoverageFactory(status="ended")` makes one that has ended; `live=False` leaves a draft. Entries
made by `EntryFactory` are saved directly, without the events the newsroom's actions send.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone

from dateline.coverage.models import LiveCoveragePage, LiveEntry
from tests.factories import ArticleFactory


class CoverageFactory(ArticleFactory):
    """A live coverage in a section of an edition, published and running unless told otherwise."""

    class Meta:
        model = LiveCoveragePage

    title = factory.Sequence(lambda n: f"Storm Amaru reaches the coast, live {n}")
    lede = "Winds and high water along the coast; ports closed and trains cancelled."
    body = factory.LazyFunction(list)
    status = LiveCoveragePage.Status.LIVE

    @classmethod
    def _create(cls, model_class: type[LiveCoveragePage], *args: Any, **kwargs: Any) -> LiveCoveragePage:
        story = super()._create(model_class, *args, **kwargs)
        return LiveCoveragePage.objects.get(pk=story.pk)


class EntryFactory(factory.django.DjangoModelFactory):
    """An entry written `minutes_ago` minutes ago (by default one minute later than the last one)."""

    class Meta:
        model = LiveEntry
        exclude = ["minutes_ago"]

    page = factory.SubFactory(CoverageFactory)
    body = factory.Sequence(lambda n: f"<p>Update {n}: the wind is rising along the sea front.</p>")
    minutes_ago = factory.Sequence(lambda n: 1000 - n)
    created_at = factory.LazyAttribute(lambda entry: timezone.now() - timedelta(minutes=entry.minutes_ago))
