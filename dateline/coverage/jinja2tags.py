"""What live coverage adds to the Jinja2 templates: `is_running_coverage(request, story)`, for the
"Live" mark on story cards (templates/jinja2/includes/story_card.html)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from jinja2 import Environment
from jinja2.ext import Extension

from dateline.core import versioned
from dateline.coverage.models import LiveCoveragePage


def is_running_coverage(request: Any, story: Any) -> bool:
    """Whether `story`, from a plain list of stories, is a live coverage that is running.

    The content type tells a coverage from other stories without a query, and the running
    coverages are looked up once per content version, only when a card is a coverage.
    """
    coverage_type = ContentType.objects.get_for_model(LiveCoveragePage)
    return story.content_type_id == coverage_type.pk and story.pk in _running_ids(request)


def _running_ids(request: Any) -> set[int]:
    """The running coverages' ids, once per content version: a coverage starts and ends by
    publishing its page."""
    return versioned.remembered(
        "running-coverage",
        request,
        lambda: set(
            LiveCoveragePage.objects.live()
            .filter(status=LiveCoveragePage.Status.LIVE)
            .values_list("pk", flat=True)
        ),
    )


class CoverageExtension(Extension):
    """Listed in TEMPLATES' Jinja2 `extensions`, as a Django app's template tags are loaded."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.globals["is_running_coverage"] = is_running_coverage


coverage = CoverageExtension
