"""The rules a comment passes as it is posted: published, held for a moderator, or rejected."""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from dateline.discussion import actions, moderation
from dateline.discussion.models import (
    Comment,
    ModerationAction,
    Notification,
    ReaderStanding,
    WordRule,
)
from dateline.editions.models import DiscussionMode
from dateline.live.models import Event
from tests.discussion.factories import reader
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(editions):
    return ArticleFactory()


@pytest.fixture
def relaxed(settings):
    settings.DATELINE_COMMENT_RATE = "1000/m"
    return settings


def test_a_new_readers_first_comment_waits_for_a_moderator_and_only_they_see_it(story, relaxed, client):
    relaxed.DATELINE_HELD_FIRST_COMMENTS = 1
    mina = reader("Mina")
    first = actions.do_post_comment(mina, story, "My first words here")
    assert (first.status, first.held_because) == (Comment.Status.PENDING, Comment.Held.NEW_READER)
    assert not Event.objects.filter(stream=f"comments:{story.pk}").exists()
    client.force_login(mina)
    assert (
        "My first words here" in client.get(f"/en/discussion/{story.pk}/", HTTP_X_REQUESTED_WITH="fetch").text
    )
    client.force_login(reader("Other"))
    assert (
        "My first words here"
        not in client.get(f"/en/discussion/{story.pk}/", HTTP_X_REQUESTED_WITH="fetch").text
    )


def test_once_a_first_comment_is_approved_the_next_ones_go_straight_up(story, relaxed, moderator):
    relaxed.DATELINE_HELD_FIRST_COMMENTS = 1
    mina = reader("Mina")
    first = actions.do_post_comment(mina, story, "First")
    assert moderation.do_approve(moderator, first)
    assert actions.do_post_comment(mina, story, "Second").status == Comment.Status.PUBLISHED


def test_a_banned_word_rejects_and_a_suspect_word_holds_in_that_language_only(story, relaxed):
    WordRule.objects.create(phrase="Scoundrel", kind=WordRule.Kind.BANNED, language="en")
    WordRule.objects.create(phrase="miracle cure", kind=WordRule.Kind.SUSPECT, language="")
    WordRule.objects.create(phrase="harbour", kind=WordRule.Kind.BANNED, language="ru")
    mina = reader("Mina")
    banned = actions.do_post_comment(mina, story, "What a SCOUNDREL!")
    assert (banned.status, banned.held_detail) == (Comment.Status.REJECTED, "scoundrel")
    assert Notification.objects.get(recipient=mina, comment=banned).kind == Notification.Kind.REJECTED
    suspect = actions.do_post_comment(mina, story, "Try this miracle   cure now")
    assert suspect.status == Comment.Status.PUBLISHED  # the phrase is whole words with one space
    suspect = actions.do_post_comment(mina, story, "Try this Miracle cure today")
    assert (suspect.status, suspect.held_because) == (Comment.Status.PENDING, Comment.Held.SUSPECT_WORD)
    assert actions.do_post_comment(mina, story, "The harbour is quiet").status == Comment.Status.PUBLISHED
    assert (
        actions.do_post_comment(mina, story, "Scoundrels is not the word").status == Comment.Status.PUBLISHED
    )


def test_a_changed_word_list_applies_to_the_next_comment(story, relaxed):
    mina = reader("Mina")
    assert actions.do_post_comment(mina, story, "Plain words").status == Comment.Status.PUBLISHED
    rule = WordRule.objects.create(phrase="plain", kind=WordRule.Kind.BANNED)
    assert actions.do_post_comment(mina, story, "Plain words again").status == Comment.Status.REJECTED
    rule.delete()
    assert actions.do_post_comment(mina, story, "Plain words once more").status == Comment.Status.PUBLISHED


def test_a_new_reader_with_many_links_is_held_a_trusted_one_is_not(story, relaxed):
    relaxed.DATELINE_TRUSTED_AFTER_COMMENTS = 2
    relaxed.DATELINE_NEW_READER_LINKS = 1
    mina = reader("Mina")
    links = "See https://example.org/a and www.example.org/b"
    held = actions.do_post_comment(mina, story, links)
    assert (held.status, held.held_because, held.held_detail) == (
        Comment.Status.PENDING,
        Comment.Held.LINKS,
        "2",
    )
    actions.do_post_comment(mina, story, "One")
    actions.do_post_comment(mina, story, "Two")
    assert actions.do_post_comment(mina, story, links + " too").status == Comment.Status.PUBLISHED


def test_a_hundred_links_at_once_are_held_even_from_a_trusted_reader(story, relaxed, client):
    relaxed.DATELINE_TRUSTED_AFTER_COMMENTS = 5
    relaxed.DATELINE_COMMENT_LINKS_LIMIT = 10
    mina = reader("Mina")
    for number in range(5):
        assert actions.do_post_comment(mina, story, f"Thought {number}").status == Comment.Status.PUBLISHED
    ten = " ".join(f"www.shop{number}.example" for number in range(10))
    assert actions.do_post_comment(mina, story, ten).status == Comment.Status.PUBLISHED
    client.force_login(mina)
    hundred = " ".join(f"www.shop{number}.example" for number in range(100))
    response = client.post(
        reverse("discussion_post", args=[story.pk]), {"body": hundred}, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert response.status_code == HTTPStatus.OK
    assert "more links than a comment may have" in response.json()["message"]
    held = Comment.objects.get(pk=response.json()["id"])
    assert (held.status, held.held_because, held.held_detail) == (
        Comment.Status.PENDING,
        Comment.Held.LINK_LIMIT,
        "100",
    )
    published = actions.do_post_comment(mina, story, "Nothing to sell")
    actions.do_edit_comment(mina, published, hundred + " again")
    published.refresh_from_db()
    assert (published.status, published.held_because) == (Comment.Status.PENDING, Comment.Held.LINK_LIMIT)


def test_the_same_text_posted_again_is_held(story, relaxed):
    mina = reader("Mina")
    assert actions.do_post_comment(mina, story, "Buy now at our shop").status == Comment.Status.PUBLISHED
    again = actions.do_post_comment(mina, story, "  buy NOW at   our shop ")
    assert (again.status, again.held_because) == (Comment.Status.PENDING, Comment.Held.REPEATED)
    assert (
        actions.do_post_comment(reader("Ben"), story, "Buy now at our shop").status
        == Comment.Status.PUBLISHED
    )


def test_a_pre_moderated_story_holds_every_reader_comment_but_not_the_newsrooms(story, relaxed):
    story.discussion = DiscussionMode.PREMODERATED
    story.save()
    held = actions.do_post_comment(reader(), story, "Hello")
    assert (held.status, held.held_because) == (Comment.Status.PENDING, Comment.Held.STORY)
    desk = reader("World desk", is_staff=True)
    assert actions.do_post_comment(desk, story, "From the newsroom").status == Comment.Status.PUBLISHED


def test_a_section_can_pre_moderate_its_stories(story, relaxed):
    section = story.get_parent().specific
    section.discussion = DiscussionMode.PREMODERATED
    section.save()
    assert actions.do_post_comment(reader(), story, "Hello").status == Comment.Status.PENDING


def test_a_suspended_reader_cannot_post_until_the_time_passes_and_a_banned_one_never(
    story, relaxed, moderator
):
    mina = reader("Mina")
    moderation.do_set_standing(moderator, mina.pk, ModerationAction.Kind.SUSPEND, days=2)
    with pytest.raises(actions.DiscussionError, match="suspended") as error:
        actions.do_post_comment(mina, story, "Hello")
    assert error.value.status == HTTPStatus.FORBIDDEN
    ReaderStanding.objects.filter(reader=mina).update(suspended_until=timezone.now() - timedelta(minutes=1))
    assert actions.do_post_comment(mina, story, "Back again").status == Comment.Status.PUBLISHED
    moderation.do_set_standing(moderator, mina.pk, ModerationAction.Kind.BAN)
    with pytest.raises(actions.DiscussionError, match="no longer take part"):
        actions.do_post_comment(mina, story, "Hello?")
    moderation.do_set_standing(moderator, mina.pk, ModerationAction.Kind.RESTORE)
    assert actions.do_post_comment(mina, story, "Thanks").status == Comment.Status.PUBLISHED


def test_an_edit_that_adds_a_banned_word_takes_the_comment_down(
    story, relaxed, django_capture_on_commit_callbacks
):
    WordRule.objects.create(phrase="scoundrel", kind=WordRule.Kind.BANNED)
    mina = reader("Mina")
    comment = actions.do_post_comment(mina, story, "A fair point")
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_edit_comment(mina, comment, "A scoundrel's point")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED
    assert Event.objects.filter(stream=f"comments:{story.pk}", kind="comment-removed").exists()
    with pytest.raises(actions.DiscussionError, match="rejected comment cannot be edited"):
        actions.do_edit_comment(mina, comment, "A fair point")


# --- an edited comment passes the rules a new one would ------------------------------------------------


def test_an_edit_that_adds_links_from_a_new_reader_is_held_and_leaves_the_discussion(
    story, relaxed, django_capture_on_commit_callbacks
):
    relaxed.DATELINE_TRUSTED_AFTER_COMMENTS = 5
    relaxed.DATELINE_NEW_READER_LINKS = 1
    mina = reader("Mina")
    comment = actions.do_post_comment(mina, story, "Good to see the lifts running")
    assert comment.status == Comment.Status.PUBLISHED
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_edit_comment(mina, comment, "Cheap tickets at https://a.example and www.b.example")
    comment.refresh_from_db()
    assert (comment.status, comment.held_because, comment.held_detail) == (
        Comment.Status.PENDING,
        Comment.Held.LINKS,
        "2",
    )
    taken_down = Event.objects.get(stream=f"comments:{story.pk}", kind="comment-removed")
    assert taken_down.payload["label"] == "This comment was changed and waits for a moderator."


def test_an_edit_that_repeats_a_recent_comment_is_held_but_fixing_a_typo_is_not(story, relaxed):
    mina = reader("Mina")
    actions.do_post_comment(mina, story, "Buy now at our shop")
    second = actions.do_post_comment(mina, story, "The ferry timetable is out")
    actions.do_edit_comment(mina, second, "The ferry  timetable is OUT")
    second.refresh_from_db()
    assert second.status == Comment.Status.PUBLISHED  # its own earlier text is no repeat
    actions.do_edit_comment(mina, second, "buy now at  our shop")
    second.refresh_from_db()
    assert (second.status, second.held_because) == (Comment.Status.PENDING, Comment.Held.REPEATED)


def test_an_edit_that_adds_a_suspect_word_waits_for_a_moderator(story, relaxed):
    WordRule.objects.create(phrase="miracle cure", kind=WordRule.Kind.SUSPECT)
    mina = reader("Mina")
    comment = actions.do_post_comment(mina, story, "Rest helps")
    actions.do_edit_comment(mina, comment, "A miracle cure helps")
    comment.refresh_from_db()
    assert (comment.status, comment.held_because, comment.held_detail) == (
        Comment.Status.PENDING,
        Comment.Held.SUSPECT_WORD,
        "miracle cure",
    )


def test_edits_count_against_the_comment_rate(story, settings):
    settings.DATELINE_COMMENT_RATE = "2/m"
    mina = reader("Mina")
    comment = actions.do_post_comment(mina, story, "First thought")
    actions.do_edit_comment(mina, comment, "First thought, revised")
    with pytest.raises(actions.DiscussionError, match="too often") as error:
        actions.do_edit_comment(mina, comment, "First thought, revised again")
    assert error.value.status == HTTPStatus.TOO_MANY_REQUESTS
    comment.refresh_from_db()
    assert comment.body == "First thought, revised"


def test_the_reader_is_told_why_their_edit_waits(story, relaxed, client):
    relaxed.DATELINE_NEW_READER_LINKS = 1
    mina = reader("Mina")
    comment = actions.do_post_comment(mina, story, "Good to see the lifts running")
    client.force_login(mina)
    response = client.post(
        reverse("comment_edit", args=[comment.pk]),
        {"body": "See https://a.example and https://b.example"},
        HTTP_X_REQUESTED_WITH="fetch",
    )
    assert response.status_code == HTTPStatus.OK
    answer = response.json()
    assert answer["status"] == Comment.Status.PENDING
    assert "once a moderator has approved it" in answer["message"]
    assert "more links than a new reader may post" in answer["message"]


def test_a_held_edit_is_in_the_moderators_queue_with_its_history(story, relaxed, moderator, client):
    relaxed.DATELINE_NEW_READER_LINKS = 1
    mina = reader("Mina")
    comment = actions.do_post_comment(mina, story, "Good to see the lifts running")
    actions.do_edit_comment(mina, comment, "Tickets: https://a.example and https://b.example")
    client.force_login(moderator)
    queue = client.get(reverse("moderation:queue"), {"queue": "pending"}).content.decode()
    assert "Tickets: https://a.example" in queue
    assert "Edited" in queue and "Too many links for a new reader" in queue
    page = client.get(reverse("moderation:comment", args=[comment.pk])).content.decode()
    assert "Edited by its author" in page
    assert "Edit held by the rules" in page
    log = client.get(reverse("moderation:log"))
    assert log.status_code == HTTPStatus.OK
    assert "Edit held by the rules" in log.content.decode()


def test_a_reader_of_the_russian_edition_is_told_in_russian_why_their_comment_waits(
    editions, relaxed, client
):
    relaxed.DATELINE_HELD_FIRST_COMMENTS = 1
    story = ArticleFactory(edition="ru")
    client.force_login(reader("Мина"))
    with translation.override("ru"):
        url = reverse("discussion_post", args=[story.pk])
    answer = client.post(url, {"body": "Привет всем"}, HTTP_X_REQUESTED_WITH="fetch").json()
    assert answer["status"] == Comment.Status.PENDING
    assert "одобрит модератор" in answer["message"]
    assert "Первые комментарии новых читателей" in answer["message"]
