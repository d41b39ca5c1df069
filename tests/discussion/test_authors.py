"""What a comment needs to know about its author is read once for settled readers, and forgotten
when it changes."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from allauth.account.models import EmailAddress
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dateline.discussion import actions, moderation
from dateline.discussion.models import Comment
from tests.discussion.factories import reader
from tests.factories import ArticleFactory
from tests.query_plans import sqlite_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(editions):
    return ArticleFactory()


@pytest.fixture
def settled(settings):
    settings.DATELINE_COMMENT_RATE = "1000/m"
    settings.DATELINE_HELD_FIRST_COMMENTS = 1
    settings.DATELINE_TRUSTED_AFTER_COMMENTS = 2
    settings.DATELINE_NEW_READER_LINKS = 0
    return settings


def tables_read(work):
    with CaptureQueriesContext(connection) as queries:
        result = work()
    return result, " ".join(q["sql"] for q in queries.captured_queries)


def test_a_settled_readers_address_count_and_profile_are_not_asked_again(story, settled, moderator):
    mina = reader("Mina")
    moderation.do_approve(moderator, actions.do_post_comment(mina, story, "First"))
    actions.do_post_comment(mina, story, "Second")
    actions.do_post_comment(mina, story, "Third")
    comment, sql = tables_read(lambda: actions.do_post_comment(mina, story, "Fourth"))
    assert comment.status == Comment.Status.PUBLISHED
    assert "account_emailaddress" not in sql
    assert "accounts_readerprofile" not in sql
    assert "Mina" in comment.rendered


def test_a_new_reader_is_asked_afresh_so_an_approval_counts_at_once(story, settled, moderator):
    mina = reader("Mina")
    first = actions.do_post_comment(mina, story, "First")
    assert first.status == Comment.Status.PENDING
    _comment, sql = tables_read(lambda: actions.do_post_comment(mina, story, "Still new"))
    assert "account_emailaddress" in sql
    moderation.do_approve(moderator, first)
    assert actions.do_post_comment(mina, story, "Now trusted").status == Comment.Status.PUBLISHED


def test_a_rejected_comment_takes_a_settled_reader_back_to_the_new_reader_rules(story, settled, moderator):
    mina = reader("Mina")
    for number in range(3):
        moderation.do_approve(moderator, actions.do_post_comment(mina, story, f"Comment {number}"))
    actions.do_post_comment(mina, story, "Settled now")  # remembered from here on
    for comment in Comment.objects.filter(author=mina, status=Comment.Status.PUBLISHED)[1:]:
        moderation.do_reject(moderator, comment, "Off topic")
    held = actions.do_post_comment(mina, story, "A link: https://example.org/")
    assert (held.status, held.held_because) == (Comment.Status.PENDING, Comment.Held.LINKS)


def test_a_new_display_name_shows_on_the_next_comment(story, settled, moderator):
    mina = reader("Mina")
    moderation.do_approve(moderator, actions.do_post_comment(mina, story, "First"))
    actions.do_post_comment(mina, story, "Second")
    assert "Mina" in actions.do_post_comment(mina, story, "Third").rendered
    profile = mina.reader_profile
    profile.display_name = "Mina S."
    profile.save()
    assert "Mina S." in actions.do_post_comment(mina, story, "Fourth").rendered


def test_a_settled_readers_held_comment_has_their_details_asked_afresh_next_time(story, settled, moderator):
    mina = reader("Mina")
    moderation.do_approve(moderator, actions.do_post_comment(mina, story, "First"))
    actions.do_post_comment(mina, story, "Second")
    actions.do_post_comment(mina, story, "Third")  # remembered from here on
    held = actions.do_post_comment(mina, story, "A link: https://example.org/ " * 11)
    assert (held.status, held.held_because) == (Comment.Status.PENDING, Comment.Held.LINK_LIMIT)
    _comment, sql = tables_read(lambda: actions.do_post_comment(mina, story, "Fifth"))
    assert "account_emailaddress" in sql


def test_a_reader_without_a_confirmed_address_any_more_cannot_post(story, settled, moderator):
    mina = reader("Mina")
    moderation.do_approve(moderator, actions.do_post_comment(mina, story, "First"))
    actions.do_post_comment(mina, story, "Second")
    actions.do_post_comment(mina, story, "Third")
    EmailAddress.objects.filter(user=mina).get().delete()
    with pytest.raises(actions.DiscussionError) as refused:
        actions.do_post_comment(mina, story, "Fourth")
    assert refused.value.status == HTTPStatus.FORBIDDEN


def test_a_readers_own_comments_are_found_through_their_index_not_the_sites(story, settled):
    """A new reader's published count and the repeat check run at every post: on SQLite without
    statistics they once walked every published comment of the site (the status index)."""
    if connection.vendor != "sqlite":
        pytest.skip("the query plans checked are SQLite's")
    from dateline.discussion import authors, rules

    others = [reader(f"Reader {number}") for number in range(3)]
    for number in range(30):
        actions.do_post_comment(others[number % 3], story, f"Published comment {number}")
    newcomer = reader("Newcomer")
    with CaptureQueriesContext(connection) as queries:
        authors.forget(newcomer.pk)
        authors.author_of(newcomer)
        rules.posted_recently(newcomer.pk, rules.fingerprint("Hello"))
    asked = [q["sql"] for q in queries.captured_queries if "discussion_comment" in q["sql"]]
    assert len(asked) == 2
    for sql in asked:
        plan = " ".join(sqlite_plan(sql))
        assert "comment_author_status" in plan, (sql, plan)
        assert "comment_status_newest" not in plan, (sql, plan)


def test_a_discussions_first_page_reads_through_indexes_the_partial_ones_included(story, settled):
    """The featured threads and the replies are found through indexes kept only where the column is
    set (featured, thread): the queries must match their conditions, or SQLite reads the table."""
    if connection.vendor != "sqlite":
        pytest.skip("the query plans checked are SQLite's")
    from dateline.discussion import threads

    settled.DATELINE_HELD_FIRST_COMMENTS = 0
    mina, ben = reader("Mina"), reader("Ben")
    first = actions.do_post_comment(mina, story, "First")
    second = actions.do_post_comment(ben, story, "Second")
    actions.do_post_comment(ben, story, "A reply", reply_to=first)
    Comment.objects.filter(pk=first.pk).update(featured=True)
    with CaptureQueriesContext(connection) as queries:
        page = threads.threads_page(story, ben, "newest", 1, 20)
    assert [thread.pk for thread in page.threads] == [first.pk, second.pk]
    assert [reply.body for reply in page.threads[0].shown_replies] == ["A reply"]
    steps = [
        step
        for query in queries.captured_queries
        if "discussion_comment" in query["sql"]
        for step in sqlite_plan(query["sql"])
    ]
    used = " | ".join(steps)
    assert "USING INDEX comment_featured_by_story" in used and "USING INDEX comment_thread " in used, used
    assert "SCAN discussion_comment" not in steps, used
