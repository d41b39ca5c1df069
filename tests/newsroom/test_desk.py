"""The newsroom's dashboard as each role's desk: drafts, reviews, today's schedule and what was
published lately, each for the roles it concerns, in a fixed number of queries."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Workflow
from wagtail.users.models import UserProfile

from dateline.discussion.models import Comment
from dateline.newsroom import desk
from dateline.newsroom.roles import COMMENT_MODERATORS, REVIEW_WORKFLOW
from tests.discussion.factories import reader
from tests.factories import ArticleFactory, UserFactory
from tests.newsroom.desk_panels import assert_fixed_queries, render

pytestmark = pytest.mark.usefixtures("editions")

_titles = itertools.count(1)


def dashboard(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


@pytest.fixture
def moderator(roles: dict[str, Any]) -> Any:
    return UserFactory(username="moderator", groups=[COMMENT_MODERATORS])


def draft_by(user, title: str = "") -> Any:
    return ArticleFactory(title=title or f"Draft {next(_titles)}", live=False, owner=user)


def submitted_by(user, title: str = "") -> Any:
    story = draft_by(user, title)
    Workflow.objects.get(name=REVIEW_WORKFLOW).start(story, user)
    return story


def at(moment: datetime, monkeypatch) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment)


def scheduled(go_live_at: datetime, title: str = "") -> Any:
    """What an editor's "Publish" does to a story with a go-live time in the future."""
    story = ArticleFactory(title=title or f"Scheduled {next(_titles)}", live=False)
    story.go_live_at = go_live_at
    story.save_revision().publish()
    return story


# --- your drafts ------------------------------------------------------------------------------------


def test_a_reporter_sees_their_own_drafts_and_changes_not_yet_published(client, reporter, editor):
    draft_by(reporter, "Ferry timetable changes")
    changed = ArticleFactory(title="Bridge reopens", owner=reporter)
    changed.lede = "A new lede."
    changed.save_revision(user=reporter)
    draft_by(editor, "The editor's own draft")
    ArticleFactory(title="Published and unchanged", owner=reporter)

    html = dashboard(client, reporter)

    assert "Your drafts" in html
    assert "Ferry timetable changes" in html
    assert "Bridge reopens" in html and "live + draft" in html
    assert "The editor&#x27;s own draft" not in html and "The editor's own draft" not in html
    assert "Published and unchanged" not in html


def test_a_draft_last_edited_by_the_reporter_is_theirs_too(client, reporter, editor):
    story = draft_by(editor, "Handed over")
    story.save_revision(user=reporter)

    assert "Handed over" in dashboard(client, reporter)


def test_a_reporter_with_no_drafts_is_told_so(client, reporter):
    assert "You have no drafts" in dashboard(client, reporter)


def test_a_comment_moderator_has_no_drafts_panel(client, moderator):
    assert "Your drafts" not in dashboard(client, moderator)


def test_drafts_take_a_fixed_number_of_queries(reporter, django_assert_max_num_queries):
    assert_fixed_queries(
        desk.DraftsPanel(), reporter, lambda: draft_by(reporter), django_assert_max_num_queries
    )


# --- awaiting your review -----------------------------------------------------------------------------


def test_an_editor_sees_the_stories_submitted_for_review(client, reporter, editor):
    submitted_by(reporter, "Harbour strike: the full story")

    html = dashboard(client, editor)

    assert "Awaiting your review" in html
    assert "Harbour strike: the full story" in html
    assert "Editor approval" in html
    # Wagtail's own panel of the same name is gone: the story is listed once.
    assert html.count("Harbour strike: the full story") == 1


def test_an_editor_with_nothing_to_review_is_told_so(client, editor):
    assert "Nothing awaits your review." in dashboard(client, editor)


def test_a_reporter_has_no_review_panel_but_sees_their_submission_in_review(client, reporter):
    submitted_by(reporter, "Harbour strike: the full story")

    html = dashboard(client, reporter)

    assert "Awaiting your review" not in html
    assert "in moderation" in html


def test_reviews_take_a_fixed_number_of_queries(reporter, editor, django_assert_max_num_queries):
    assert_fixed_queries(
        desk.ReviewPanel(), editor, lambda: submitted_by(reporter), django_assert_max_num_queries
    )


# --- scheduled for today ------------------------------------------------------------------------------


def test_an_editor_sees_what_goes_live_today_in_order(client, editor, monkeypatch):
    morning = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
    at(morning, monkeypatch)
    scheduled(morning + timedelta(hours=6), "Budget vote at three")
    scheduled(morning + timedelta(hours=1), "Markets open")
    scheduled(morning + timedelta(days=1), "Tomorrow's story")

    html = dashboard(client, editor)

    assert "Scheduled for today" in html
    assert html.index("Markets open") < html.index("Budget vote at three")
    assert "Tomorrow&#x27;s story" not in html and "Tomorrow's story" not in html


def test_today_is_the_editors_own_day_in_their_time_zone(client, editor, monkeypatch):
    evening = datetime(2026, 12, 6, 20, 0, tzinfo=UTC)  # already the 7th in Tokyo
    at(evening, monkeypatch)
    scheduled(evening + timedelta(hours=8), "Tokyo morning news")
    assert "Tokyo morning news" not in dashboard(client, editor)

    profile = UserProfile.get_for_user(editor)
    profile.current_time_zone = "Asia/Tokyo"
    profile.save()

    assert "Tokyo morning news" in dashboard(client, editor)


def test_nothing_scheduled_today_is_said_and_reporters_have_no_schedule(client, editor, reporter):
    assert "Nothing is scheduled to go live today." in dashboard(client, editor)
    assert "Scheduled for today" not in dashboard(client, reporter)


def test_the_schedule_takes_a_fixed_number_of_queries(editor, monkeypatch, django_assert_max_num_queries):
    morning = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
    at(morning, monkeypatch)
    minutes = itertools.count(1)
    assert_fixed_queries(
        desk.ScheduledPanel(),
        editor,
        lambda: scheduled(morning + timedelta(minutes=next(minutes))),
        django_assert_max_num_queries,
    )


# --- recently published -------------------------------------------------------------------------------


def comment(story, status: str = Comment.Status.PUBLISHED) -> Comment:
    return Comment.objects.create(story=story, author=reader(), body="A comment.", status=status)


def test_recently_published_stories_show_their_published_comments(client, editor):
    discussed = ArticleFactory(title="Much discussed")
    for _ in range(3):
        comment(discussed)
    comment(discussed, Comment.Status.PENDING)
    ArticleFactory(title="Quiet one")

    html = dashboard(client, editor)

    assert "Recently published" in html
    assert "3 comments" in html
    assert "0 comments" in html
    panel = render(desk.PublishedPanel(), editor)
    assert panel.index("Quiet one") < panel.index("Much discussed"), "newest first"


def test_comment_moderators_see_recent_stories_and_reporters_do_not(client, moderator, reporter):
    ArticleFactory(title="Much discussed")

    assert "Much discussed" in dashboard(client, moderator)
    assert "Recently published" not in dashboard(client, reporter)


def test_recent_stories_take_a_fixed_number_of_queries(editor, django_assert_max_num_queries):
    def discussed_story() -> None:
        comment(ArticleFactory())

    assert_fixed_queries(desk.PublishedPanel(), editor, discussed_story, django_assert_max_num_queries)


def test_story_titles_are_escaped_on_the_desk(editor):
    ArticleFactory(title="<script>alert(1)</script> Headline")

    html = render(desk.PublishedPanel(), editor)

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
