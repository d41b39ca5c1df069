"""What readers do in a discussion, and what they may not."""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.utils import timezone, translation

from dateline.articles.models import ArticlePage
from dateline.discussion import actions, markup
from dateline.discussion.models import Comment, CommentReport
from dateline.live.models import Event
from tests.discussion.factories import reader
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(editions):
    return ArticleFactory()


def test_a_confirmed_reader_posts_a_comment_and_readers_of_the_story_hear_of_it(
    story, django_capture_on_commit_callbacks
):
    mina = reader()
    with django_capture_on_commit_callbacks(execute=True):
        comment = actions.do_post_comment(mina, story, "  The drill ran smoothly in our ward.\r\n")
    assert comment.body == "The drill ran smoothly in our ward."
    assert comment.status == Comment.Status.PUBLISHED
    event = Event.objects.get(stream=f"comments:{story.pk}")
    assert event.kind == "comment"
    assert event.payload["count"] == 1
    assert "The drill ran smoothly" in event.payload["html"]


def test_the_live_markup_made_before_saving_is_the_comments_own(story):
    """The live event's markup is made before the comment has an id; the id is put in after."""
    first = actions.do_post_comment(reader(), story, "Counted 1000000000000000000 ballots.")
    reply = actions.do_post_comment(reader(), story, "Is that 2000000000000000000?", reply_to=first)
    for comment in (first, reply):
        event = Event.objects.get(stream=f"comments:{story.pk}", payload__id=comment.pk)
        stored = Comment.objects.select_related("story", "author__reader_profile").get(pk=comment.pk)
        with translation.override("en"):
            assert event.payload["html"] == markup.comment_html(stored)
        assert f'id="comment-{comment.pk}"' in event.payload["html"]
    assert "1000000000000000000 ballots" in first.rendered


def test_a_reader_who_has_not_confirmed_their_address_cannot_post(story):
    with pytest.raises(actions.DiscussionError, match="confirm your e-mail") as error:
        actions.do_post_comment(reader(confirmed=False), story, "Hello")
    assert error.value.status == HTTPStatus.FORBIDDEN
    assert not Comment.objects.exists()


def test_a_reply_to_a_reply_joins_the_thread_and_names_who_it_answers(story):
    first, second, third = reader("Ana"), reader("Ben"), reader("Chen")
    top = actions.do_post_comment(first, story, "Top")
    reply = actions.do_post_comment(second, story, "Reply", reply_to=top)
    answer = actions.do_post_comment(third, story, "Answer", reply_to=reply)
    assert reply.thread == top and answer.thread == top
    assert answer.reply_to == reply
    top.refresh_from_db()
    assert top.reply_count == 2


def test_over_long_and_empty_comments_are_refused_with_a_reason(story):
    mina = reader()
    with pytest.raises(actions.DiscussionError, match="2,000 characters; this is 2,001"):
        actions.do_post_comment(mina, story, "x" * 2001)
    with pytest.raises(actions.DiscussionError, match="write something"):
        actions.do_post_comment(mina, story, " \n\t ")
    assert not Comment.objects.exists()


def test_a_comment_can_be_edited_for_ten_minutes_and_is_marked_edited(story):
    mina = reader()
    comment = actions.do_post_comment(mina, story, "Frist")
    actions.do_edit_comment(mina, comment, "First")
    comment.refresh_from_db()
    assert comment.body == "First" and comment.edited_at is not None
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=11))
    comment.refresh_from_db()
    with pytest.raises(actions.DiscussionError, match="first ten minutes"):
        actions.do_edit_comment(mina, comment, "Too late")


def test_only_the_author_can_edit_or_delete(story):
    comment = actions.do_post_comment(reader(), story, "Mine")
    stranger = reader("Someone else")
    with pytest.raises(actions.DiscussionError, match="Only the author"):
        actions.do_edit_comment(stranger, comment, "Hijacked")
    with pytest.raises(actions.DiscussionError, match="Only the author"):
        actions.do_delete_comment(stranger, comment)
    comment.refresh_from_db()
    assert comment.body == "Mine"


def test_a_deleted_comment_keeps_its_place_but_loses_its_text(story):
    mina = reader()
    comment = actions.do_post_comment(mina, story, "Regrettable")
    actions.do_delete_comment(mina, comment)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REMOVED and comment.body == ""


def test_reactions_toggle_and_count(story):
    comment = actions.do_post_comment(reader(), story, "React to me")
    ana, ben = reader("Ana"), reader("Ben")
    assert actions.do_toggle_reaction(ana, comment, "agree") == {"agree": 1}
    assert actions.do_toggle_reaction(ben, comment, "agree") == {"agree": 2}
    assert actions.do_toggle_reaction(ben, comment, "funny") == {"agree": 2, "funny": 1}
    assert actions.do_toggle_reaction(ana, comment, "agree") == {"agree": 1, "funny": 1}
    comment.refresh_from_db()
    assert comment.reaction_count == 2
    with pytest.raises(actions.DiscussionError, match="Unknown reaction"):
        actions.do_toggle_reaction(ana, comment, "love")


def test_a_reader_reports_a_comment_once_and_not_their_own(story):
    author = reader()
    comment = actions.do_post_comment(author, story, "Provocative")
    ana = reader("Ana")
    actions.do_report_comment(ana, comment, "Insults another reader")
    with pytest.raises(actions.DiscussionError, match="already reported"):
        actions.do_report_comment(ana, comment, "Again")
    with pytest.raises(actions.DiscussionError, match="your own"):
        actions.do_report_comment(author, comment, "Me")
    assert CommentReport.objects.get().reason == "Insults another reader"


def test_posting_too_often_is_refused_and_nothing_stored_is_lost(story, settings):
    settings.DATELINE_COMMENT_RATE = "3/m"
    mina = reader()
    for number in range(3):
        actions.do_post_comment(mina, story, f"Comment {number}")
    with pytest.raises(actions.DiscussionError, match="too often") as error:
        actions.do_post_comment(mina, story, "One too many")
    assert error.value.status == HTTPStatus.TOO_MANY_REQUESTS
    assert list(Comment.objects.order_by("id").values_list("body", flat=True)) == [
        "Comment 0",
        "Comment 1",
        "Comment 2",
    ]


def test_a_closed_discussion_takes_no_comment_reply_edit_or_reaction(story):
    mina = reader()
    comment = actions.do_post_comment(mina, story, "Before it closed")
    story.discussion = "closed"
    story.save_revision().publish()
    story.refresh_from_db()
    for attempt in (
        lambda: actions.do_post_comment(mina, story, "After"),
        lambda: actions.do_post_comment(reader("Ben"), story, "Reply", reply_to=comment),
        lambda: actions.do_edit_comment(mina, comment, "Changed"),
        lambda: actions.do_toggle_reaction(reader("Chen"), comment, "agree"),
    ):
        with pytest.raises(actions.DiscussionError, match="closed"):
            attempt()
    assert list(Comment.objects.values_list("body", flat=True)) == ["Before it closed"]


def test_a_story_follows_its_section_unless_it_says_otherwise(story):
    section = story.get_parent().specific
    section.discussion = "closed"
    section.save_revision().publish()
    assert not ArticlePage.objects.get(pk=story.pk).takes_comments()
    story.discussion = "open"
    story.save_revision().publish()
    assert ArticlePage.objects.get(pk=story.pk).takes_comments()
