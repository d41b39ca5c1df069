"""PostgreSQL's two ways to the newest matches: reading the edition's newest stories and testing
each one's words (a common word), or asking the GIN index and sorting what it finds (a rare
one). Readers must find the same stories either way."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dateline.articles.models import ArticlePage
from dateline.search import engines, finding
from dateline.search.engines import Filters, PostgresEngine
from tests.factories import ArticleFactory, section_page
from tests.search.indexed import indexed

pytestmark = [
    pytest.mark.usefixtures("editions"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL engine's own paths"),
]


@pytest.fixture
def few_read_first(monkeypatch):
    """Six stories read, then the GIN index's matches among the newest eight sorted, before every
    match is: the three paths with a few stories."""
    monkeypatch.setattr(engines, "LOOK_AT", 6)
    monkeypatch.setattr(engines, "WINDOW", 8)


def stories(*titles_and_days: tuple[str, int]):
    now = timezone.now()
    return indexed(
        *(
            ArticleFactory(title=title, first_published_at=now - timedelta(days=days))
            for title, days in titles_and_days
        )
    )


@pytest.mark.usefixtures("few_read_first")
def test_a_common_word_newest_matches_come_newest_first_from_the_newest_stories_alone():
    stories(
        ("Harbour dues rise", 9),
        ("Harbour pilots strike", 1),
        ("Rail timetable changes", 2),
        ("Harbour crane collapses", 3),
        ("Harbour ferry delayed", 5),
        ("Harbour opens at night", 7),
    )

    with CaptureQueriesContext(connection) as statements:
        newest = PostgresEngine().newest("en", ["harbour"], Filters(), 3, 0)
        ranked = PostgresEngine().newest_ranked("en", ["harbour"], Filters(), 3)

    expected = ["Harbour pilots strike", "Harbour crane collapses", "Harbour ferry delayed"]
    assert [title_of(page_id) for page_id in newest] == expected
    assert [title_of(candidate.page_id) for candidate in ranked] == expected
    assert all(candidate.relevance > 0 and candidate.published is not None for candidate in ranked)
    assert len(statements) == 2  # the GIN index was not asked after the newest stories were read
    assert all("Scan Backward using search_newest" in plan_of(statement["sql"]) for statement in statements)


@pytest.mark.usefixtures("few_read_first")
def test_a_less_common_word_newest_matches_come_from_the_gin_index_among_the_newest_stories():
    stories(
        ("Glacier walk closed", 30),
        *((f"Market report {day}", day) for day in range(1, 7)),
        ("Glacier melts early", 7),
        ("Glacier film opens", 8),
    )

    with CaptureQueriesContext(connection) as statements:
        newest = PostgresEngine().newest("en", ["glacier"], Filters(), 2, 0)

    assert [title_of(page_id) for page_id in newest] == ["Glacier melts early", "Glacier film opens"]
    assert len(statements) == 2  # the newest six read, then the window: every match was not sorted


@pytest.mark.usefixtures("few_read_first")
def test_a_rare_word_old_match_behind_the_newest_stories_is_still_found():
    stories(
        ("Lighthouse keeper retires", 400),
        *((f"Market report {day}", day) for day in range(1, 9)),
    )

    assert finding_headlines("lighthouse", finding.Sort.NEWEST) == ["Lighthouse keeper retires"]
    assert finding_headlines("lighthouse", finding.Sort.RECENT) == ["Lighthouse keeper retires"]


@pytest.mark.usefixtures("few_read_first")
def test_a_page_past_the_newest_stories_read_is_ordered_by_the_gin_path_alike():
    stories(*((f"Tide report {day}", day) for day in range(1, 11)), ("Rail works", 0))

    first = finding.find("tide", "en", Filters(), finding.Sort.NEWEST, page=1)

    assert [hit.headline.replace("<mark>", "").replace("</mark>", "") for hit in first.hits] == [
        f"Tide report {day}" for day in range(1, 11)
    ]


@pytest.mark.usefixtures("few_read_first")
def test_a_section_narrows_the_newest_stories_read():
    now = timezone.now()
    indexed(
        ArticleFactory(title="Harbour news in business", section="business", first_published_at=now),
        *(
            ArticleFactory(title=f"Harbour news {day}", first_published_at=now - timedelta(days=day))
            for day in range(1, 4)
        ),
        ArticleFactory(
            title="Harbour deal in business", section="business", first_published_at=now - timedelta(days=5)
        ),
    )
    business = section_page("en", "business")

    found = PostgresEngine().newest("en", ["harbour"], Filters(section_id=business.pk), 2, 0)

    assert [title_of(page_id) for page_id in found] == [
        "Harbour news in business",
        "Harbour deal in business",
    ]


def plan_of(sql: str) -> str:
    """PostgreSQL's plan for a statement as it would be on a table too big to read whole: whether
    the (language, live, first publication) index serves the order asked for."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def finding_headlines(query: str, sort: str) -> list[str]:
    results = finding.find(query, "en", Filters(), sort)
    return [hit.headline.replace("<mark>", "").replace("</mark>", "") for hit in results.hits]


def title_of(page_id: int) -> str:
    return ArticlePage.objects.get(pk=page_id).title
