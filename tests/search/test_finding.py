"""What readers find: the words of every edition's language in their forms, ranked, filtered,
ordered and paged, with the words marked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from taggit.models import Tag

from dateline.search import finding
from dateline.search.engines import Filters
from tests.factories import ArticleFactory, AuthorFactory, paragraph, section_page
from tests.search.indexed import indexed

pytestmark = pytest.mark.usefixtures("editions")


def headlines(query: str, language: str = "en", sort: str = finding.Sort.RELEVANCE, **filters) -> list[str]:
    results = finding.find(query, language, Filters(**filters), sort)
    return [hit.headline.replace("<mark>", "").replace("</mark>", "") for hit in results.hits]


def test_a_russian_word_finds_its_other_forms():
    indexed(ArticleFactory(title="Доверенные лица кандидата подали жалобу", edition="ru"))

    assert headlines("доверенное", "ru") == ["Доверенные лица кандидата подали жалобу"]
    assert headlines("доверенным лицам", "ru") == ["Доверенные лица кандидата подали жалобу"]


@pytest.mark.parametrize(("written", "searched"), [("Ёлка на площади", "елка"), ("Елка на площади", "ёлка")])
def test_yo_and_ye_find_each_other(written, searched):
    indexed(ArticleFactory(title=written, edition="ru"))

    assert headlines(searched, "ru") == [written]


@pytest.mark.parametrize("searched", ["احمد", "أحمد", "إحمد", "آحمد", "أَحْمَد", "احـــمد"])
def test_an_arabic_name_is_found_whatever_its_alef_tatweel_and_harakat(searched):
    indexed(ArticleFactory(title="أَحْمَـد يفوز بالسباق", edition="ar"))

    assert headlines(searched, "ar") == ["أَحْمَـد يفوز بالسباق"]


def test_an_english_word_finds_its_plural_and_a_query_in_capitals():
    indexed(ArticleFactory(title="Ministers meet in Lisbon"))

    assert headlines("MINISTER") == ["Ministers meet in Lisbon"]


def test_a_headline_match_ranks_above_a_body_match():
    in_body = ArticleFactory(
        title="Port reopens after a week", body=[paragraph("The glacier had been mentioned by no one.")]
    )
    in_headline = ArticleFactory(title="Glacier retreats a record distance")
    indexed(in_body, in_headline)

    for sort in (finding.Sort.RELEVANCE, finding.Sort.RECENT):
        assert headlines("glacier", sort=sort) == [
            "Glacier retreats a record distance",
            "Port reopens after a week",
        ]


def test_every_word_of_the_query_must_be_found():
    indexed(ArticleFactory(title="Copper prices rise"), ArticleFactory(title="Copper mine floods"))

    assert headlines("copper floods") == ["Copper mine floods"]


def test_a_story_of_another_edition_is_not_found():
    indexed(ArticleFactory(title="Lisbon summit opens", edition="en"))

    assert headlines("lisbon", "ru") == []


def test_filters_narrow_by_section_author_tag_and_days():
    author = AuthorFactory(name="Ines Moreau")
    day = datetime(2026, 3, 10, 12, tzinfo=UTC)
    indexed(
        ArticleFactory(title="Harbour news in business", section="business", first_published_at=day),
        ArticleFactory(
            title="Harbour news by Ines", authors=[author], first_published_at=day - timedelta(days=5)
        ),
        ArticleFactory(
            title="Harbour news about ports", tags=["Ports"], first_published_at=day - timedelta(days=20)
        ),
    )
    business = section_page("en", "business")

    assert headlines("harbour", section_id=business.pk) == ["Harbour news in business"]
    assert headlines("harbour", author_id=author.pk) == ["Harbour news by Ines"]
    assert headlines("harbour", tag_id=Tag.objects.get(name="Ports").pk) == ["Harbour news about ports"]
    assert headlines("harbour", since=day - timedelta(days=6), until=day - timedelta(days=1)) == [
        "Harbour news by Ines"
    ]


def test_newest_first_orders_by_publication():
    now = timezone.now()
    indexed(
        ArticleFactory(title="Drought: old", first_published_at=now - timedelta(days=40)),
        ArticleFactory(title="Drought: new", first_published_at=now - timedelta(days=1)),
        ArticleFactory(title="Drought: middle", first_published_at=now - timedelta(days=10)),
    )

    assert headlines("drought", sort=finding.Sort.NEWEST) == [
        "Drought: new",
        "Drought: middle",
        "Drought: old",
    ]


def test_the_default_order_weighs_relevance_by_recency():
    now = timezone.now()
    old_in_headline = ArticleFactory(title="Volcano erupts", first_published_at=now - timedelta(days=900))
    new_in_body = ArticleFactory(
        title="Flights resume in the north",
        body=[paragraph("Ash from the volcano has cleared.")],
        first_published_at=now - timedelta(hours=3),
    )
    indexed(old_in_headline, new_in_body)

    assert headlines("volcano", sort=finding.Sort.RELEVANCE)[0] == "Volcano erupts"
    assert headlines("volcano", sort=finding.Sort.RECENT)[0] == "Flights resume in the north"


def test_results_come_a_page_at_a_time():
    now = timezone.now()
    indexed(
        *(
            ArticleFactory(title=f"Tide report {n}", first_published_at=now - timedelta(hours=n))
            for n in range(25)
        )
    )

    first = finding.find("tide", "en", Filters(), finding.Sort.NEWEST, page=1)
    second = finding.find("tide", "en", Filters(), finding.Sort.NEWEST, page=2)
    beyond = finding.find("tide", "en", Filters(), finding.Sort.NEWEST, page=3)

    assert (first.total, first.pages, len(first.hits), len(second.hits), beyond.hits) == (25, 2, 20, 5, [])
    assert not {hit.page_id for hit in first.hits} & {hit.page_id for hit in second.hits}


def test_the_default_order_counts_its_matches_as_far_as_a_reader_may_page(monkeypatch):
    monkeypatch.setattr(finding, "MOST_COUNTED", 10)
    monkeypatch.setattr(finding, "CANDIDATES", 10)
    now = timezone.now()
    indexed(
        *(
            ArticleFactory(title=f"Harvest report {n}", first_published_at=now - timedelta(hours=n))
            for n in range(12)
        )
    )

    few = finding.find("harvest report 3", "en", Filters())
    many = finding.find("harvest", "en", Filters())

    assert (few.total, few.more_than, len(few.hits)) == (1, 0, 1)
    assert (many.total, many.more_than, len(many.hits)) == (11, 10, 10)
    assert [hit.headline for hit in many.hits][:2] == [
        "<mark>Harvest</mark> report 0",
        "<mark>Harvest</mark> report 1",
    ]


def test_the_words_found_are_marked_and_everything_else_escaped():
    indexed(
        ArticleFactory(
            title="<script>alert('x')</script> Floods & storms",
            lede="Floods <b>closed</b> roads.",
        )
    )

    [hit] = finding.find("flooding", "en", Filters()).hits

    assert (
        hit.headline == "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; <mark>Floods</mark> &amp; storms"
    )
    assert hit.snippet == "<mark>Floods</mark> &lt;b&gt;closed&lt;/b&gt; roads."


def test_the_snippet_is_cut_from_the_body_around_the_first_match():
    filler = " ".join(f"word{n}" for n in range(60))
    indexed(
        ArticleFactory(
            title="Budget", lede="The budget.", body=[paragraph(f"{filler} tariffs rise. {filler}")]
        )
    )

    [hit] = finding.find("tariffs", "en", Filters()).hits

    assert "<mark>tariffs</mark> rise." in hit.snippet
    assert hit.snippet.startswith("… ") and hit.snippet.endswith(" …")
    assert len(hit.snippet.split()) < 40


def test_a_query_of_stop_words_only_finds_nothing_without_asking_the_index():
    indexed(ArticleFactory(title="The state of the union"))

    results = finding.find("the of and", "en", Filters())

    assert (results.words, results.total, results.hits) == ([], 0, [])


def test_a_misspelt_word_gets_a_suggestion_from_the_index_own_words():
    indexed(ArticleFactory(title="Earthquake shakes the capital"), ArticleFactory(title="Earthquake drill"))

    results = finding.find("erthquake", "en", Filters())

    assert (results.total, results.suggestion) == (0, "earthquake")


def test_no_suggestion_when_nothing_near_would_find_a_story():
    indexed(ArticleFactory(title="Earthquake shakes the capital"))

    assert finding.find("xylophone", "en", Filters()).suggestion == ""
