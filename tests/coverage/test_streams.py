"""Readers may follow `coverage:<id>` while that coverage is published and running, and only then."""

from __future__ import annotations

import pytest

from dateline.coverage.models import LiveCoveragePage, is_running_coverage
from dateline.live import streams
from tests.coverage.factories import CoverageFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.usefixtures("editions")


@pytest.fixture(autouse=True)
def forgotten_answers(monkeypatch):
    """Stream answers are remembered per process; each test asks afresh."""
    monkeypatch.setattr(streams, "_answers", {})


def test_a_running_coverage_has_a_stream():
    coverage = CoverageFactory()

    assert streams.exists(f"coverage:{coverage.pk}")


def test_an_ended_coverage_has_none():
    coverage = CoverageFactory(status=LiveCoveragePage.Status.ENDED)

    assert not streams.exists(f"coverage:{coverage.pk}")


def test_a_draft_coverage_has_none():
    coverage = CoverageFactory(live=False)

    assert not is_running_coverage(str(coverage.pk))


def test_an_ordinary_story_has_none():
    story = ArticleFactory()

    assert not is_running_coverage(str(story.pk))


@pytest.mark.parametrize("key", ["999999", "abc", "-1", "1e3", "9" * 40])
def test_names_that_are_no_coverage_have_none(key):
    assert not streams.exists(f"coverage:{key}")
