"""The coverage page as a reader sees it: everything server-rendered, live while it runs."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup

from dateline.core import cache_tags
from dateline.coverage.models import LiveCoveragePage
from dateline.live.models import Event
from tests.coverage.factories import CoverageFactory, EntryFactory
from tests.factories import AuthorFactory, NewsImageFactory, section_page

pytestmark = pytest.mark.usefixtures("editions")


def read(client, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK
    return BeautifulSoup(response.content, "html.parser")


def entry_ids(page: BeautifulSoup) -> list[str]:
    return [article["id"] for article in page.select("[data-coverage-entries] > article")]


def live_streams(page: BeautifulSoup) -> list[str]:
    return page.body["data-live-streams"].split()


def test_entries_are_on_the_page_pinned_first_then_newest(client):
    coverage = CoverageFactory()
    old = EntryFactory(page=coverage, minutes_ago=90)
    pinned = EntryFactory(page=coverage, minutes_ago=60, is_pinned=True)
    new = EntryFactory(page=coverage, minutes_ago=2)

    page = read(client, coverage.url)

    assert entry_ids(page) == [f"entry-{pinned.pk}", f"entry-{new.pk}", f"entry-{old.pk}"]
    assert page.select_one(f"#entry-{pinned.pk} .entry__flag--pinned").get_text() == "Pinned"


def test_each_entry_shows_its_time_author_and_what_it_carries(client):
    author = AuthorFactory(name="Lena Brandt")
    coverage = CoverageFactory()
    entry = EntryFactory(
        page=coverage,
        headline="Harbour closed",
        body="<p>No ship may leave <b>until noon</b>.</p>",
        author=author,
        image=NewsImageFactory(caption="Waves over the pier.", credit="Harbour office"),
        quote_text="We closed the gates at dawn.",
        quote_speaker="Ana Ruiz",
        quote_role="harbour master",
        embed_url="https://video.example/clips/pier",
    )

    article = read(client, coverage.url).select_one(f"#entry-{entry.pk}")

    assert article.time["datetime"] == entry.created_at.isoformat()
    assert article.select_one(".entry__headline").get_text() == "Harbour closed"
    assert article.select_one(".entry__body b").get_text() == "until noon"
    assert article.select_one(".entry__author a").get_text() == "Lena Brandt"
    assert article.select_one(".entry__author a")["href"].endswith(f"/authors/{author.slug}/")
    assert "Waves over the pier." in article.select_one(".entry__figure figcaption").get_text()
    assert article.select_one(".quote__speaker").get_text() == "Ana Ruiz"
    # An address no provider embeds is still there for the reader, as a link.
    assert article.select_one(".entry__embed a")["href"] == "https://video.example/clips/pier"


def test_key_events_are_summed_up_at_the_top_with_links_to_their_entries(client):
    coverage = CoverageFactory()
    first = EntryFactory(page=coverage, minutes_ago=50, is_key_event=True, headline="Storm makes landfall")
    EntryFactory(page=coverage, minutes_ago=40)
    second = EntryFactory(
        page=coverage, minutes_ago=10, is_key_event=True, body="<p>Evacuation ordered for the old town.</p>"
    )

    page = read(client, coverage.url)

    links = page.select("[data-coverage-key-list] a")
    assert [link["href"] for link in links] == [f"#entry-{second.pk}", f"#entry-{first.pk}"]
    assert "Evacuation ordered for the old town." in links[0].get_text()
    assert "Storm makes landfall" in links[1].get_text()
    assert page.select_one("[data-coverage-key-events]").get("hidden") is None


def test_a_coverage_without_key_events_hides_their_list(client):
    coverage = CoverageFactory()
    EntryFactory(page=coverage)

    page = read(client, coverage.url)

    assert page.select_one("[data-coverage-key-events]").has_attr("hidden")


def test_a_running_coverage_is_marked_live_and_follows_its_stream(client):
    coverage = CoverageFactory()
    Event.objects.create(stream="newsfeed:en", kind="story", payload={})

    page = read(client, coverage.url)

    assert f"coverage:{coverage.pk}" in live_streams(page)
    assert page.select_one("[data-coverage-badge]").get_text(strip=True) == "Live"
    assert page.select_one("[data-coverage-ended-note]").has_attr("hidden")
    assert page.select_one("[data-coverage]")["data-coverage-stream"] == f"coverage:{coverage.pk}"
    assert int(page.body["data-live-since"]) == Event.objects.order_by("-id").first().pk


def test_an_ended_coverage_is_an_ordinary_page(client):
    coverage = CoverageFactory(status=LiveCoveragePage.Status.ENDED)
    entry = EntryFactory(page=coverage)

    page = read(client, coverage.url)

    assert not [stream for stream in live_streams(page) if stream.startswith("coverage:")]
    assert page.select_one("[data-coverage-badge]") is None
    assert not page.select_one("[data-coverage]").has_attr("data-coverage-stream")
    note = page.select_one("[data-coverage-ended-note]")
    assert not note.has_attr("hidden")
    assert note.get_text() == "This live coverage has ended."
    assert entry_ids(page) == [f"entry-{entry.pk}"]


def test_a_late_reader_gets_a_cacheable_page_filed_under_the_coverage(client):
    author = AuthorFactory()
    coverage = CoverageFactory()
    EntryFactory(page=coverage, author=author)

    response = client.get(coverage.url)

    assert response.status_code == HTTPStatus.OK
    tags = response[cache_tags.HEADER].split()
    assert cache_tags.page(coverage.pk) in tags
    assert cache_tags.author(author.pk) in tags
    assert "public" in response["Cache-Control"]


def test_the_page_reads_a_fixed_number_of_queries_however_many_entries(client, django_assert_max_num_queries):
    coverage = CoverageFactory()
    for _number in range(3):
        EntryFactory(page=coverage, author=AuthorFactory(), image=NewsImageFactory())
    client.get(coverage.url)  # renditions are made on the first view
    with django_assert_max_num_queries(200) as few:
        client.get(coverage.url)
    with_three = len(few)
    for _number in range(6):
        EntryFactory(page=coverage, author=AuthorFactory(), image=NewsImageFactory())
    client.get(coverage.url)

    with django_assert_max_num_queries(with_three):
        client.get(coverage.url)


def test_story_cards_mark_running_coverages_live(client):
    section = section_page("en", "world")
    running = CoverageFactory(section="world")
    ended = CoverageFactory(section="world", status=LiveCoveragePage.Status.ENDED)

    page = read(client, section.url)

    def badge(coverage):
        return page.select_one(f'.card__headline a[href="{coverage.url}"] .live-badge')

    assert badge(running).get_text() == "Live"
    assert badge(ended) is None


def test_a_coverage_ended_by_publishing_loses_its_live_mark_on_the_next_page(client):
    section = section_page("en", "world")
    coverage = CoverageFactory(section="world")
    assert read(client, section.url).select_one(".live-badge") is not None

    coverage.status = LiveCoveragePage.Status.ENDED
    coverage.save_revision().publish()

    assert read(client, section.url).select_one(".live-badge") is None


def test_more_coverages_in_a_list_cost_no_more_queries(client, django_assert_max_num_queries):
    section = section_page("en", "world")
    CoverageFactory(section="world")
    client.get(section.url)
    with django_assert_max_num_queries(200) as queries:
        client.get(section.url)
    with_one = len(queries)
    for _number in range(4):
        CoverageFactory(section="world")
    client.get(section.url)  # as before: what every page shares is remembered again

    with django_assert_max_num_queries(with_one):
        client.get(section.url)


def test_a_newsroom_preview_does_not_follow_the_live_stream():
    coverage = CoverageFactory()

    response = coverage.make_preview_request(preview_mode=coverage.default_preview_mode)

    page = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == HTTPStatus.OK
    assert f"coverage:{coverage.pk}" not in live_streams(page)
