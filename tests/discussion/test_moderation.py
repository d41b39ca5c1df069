"""What moderators decide, what authors are told, and the audit log of it."""

from __future__ import annotations

from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from dateline.discussion import actions, moderation
from dateline.discussion.models import (
    Comment,
    CommentReport,
    ModerationAction,
    Notification,
    ReaderStanding,
)
from dateline.live.models import Event
from tests.discussion.factories import reader
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(editions, settings):
    settings.DATELINE_COMMENT_RATE = "1000/m"
    return ArticleFactory()


def test_approving_a_held_comment_publishes_it_live_and_tells_its_author(
    story, moderator, settings, django_capture_on_commit_callbacks
):
    settings.DATELINE_HELD_FIRST_COMMENTS = 1
    mina = reader("Mina")
    held = actions.do_post_comment(mina, story, "First")
    with django_capture_on_commit_callbacks(execute=True):
        assert moderation.do_approve(moderator, held)
    held.refresh_from_db()
    assert held.status == Comment.Status.PUBLISHED and held.moderated_by == moderator
    assert Event.objects.get(stream=f"comments:{story.pk}").kind == "comment"
    assert Notification.objects.get(recipient=mina).kind == Notification.Kind.APPROVED
    assert ModerationAction.objects.get().kind == ModerationAction.Kind.APPROVE
    assert not moderation.do_approve(moderator, held)  # twice changes nothing


def test_rejecting_a_published_comment_takes_it_down_and_the_author_learns_why(
    story, moderator, django_capture_on_commit_callbacks
):
    mina = reader("Mina")
    comment = actions.do_post_comment(mina, story, "Something rude")
    CommentReport.objects.create(comment=comment, reporter=reader("Ben"), reason="rude")
    with django_capture_on_commit_callbacks(execute=True):
        assert moderation.do_reject(moderator, comment, "Abusive: calls names")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED
    assert comment.rejection_reason == "Abusive: calls names"
    assert Event.objects.filter(stream=f"comments:{story.pk}", kind="comment-removed").exists()
    note = Notification.objects.get(recipient=mina)
    assert (note.kind, note.reason) == (Notification.Kind.REJECTED, "Abusive: calls names")
    assert not CommentReport.objects.filter(resolved=False).exists()
    log = ModerationAction.objects.get()
    assert (log.kind, log.moderator, log.reader, log.reason) == (
        ModerationAction.Kind.REJECT,
        moderator,
        mina,
        "Abusive: calls names",
    )


def test_a_rejection_needs_a_reason(story, moderator):
    comment = actions.do_post_comment(reader(), story, "Hi")
    with pytest.raises(actions.DiscussionError, match="reason"):
        moderation.do_reject(moderator, comment, "   ")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED


def test_a_reader_or_a_reporter_cannot_moderate(story, reporter):
    comment = actions.do_post_comment(reader(), story, "Hi")
    for user in (reader("Other"), reporter):
        with pytest.raises(PermissionDenied):
            moderation.do_reject(user, comment, "No")
        with pytest.raises(PermissionDenied):
            moderation.do_set_standing(user, comment.author_id, ModerationAction.Kind.BAN)


def test_a_reader_whose_comments_are_often_rejected_goes_to_pre_moderation(story, moderator, settings):
    settings.DATELINE_REJECTION_MINIMUM = 4
    settings.DATELINE_REJECTION_THRESHOLD = 0.5
    mina = reader("Mina")
    comments = [actions.do_post_comment(mina, story, f"Comment {n}") for n in range(4)]
    moderation.do_reject(moderator, comments[0], "Spam")
    assert not ReaderStanding.objects.filter(reader=mina, premoderated=True).exists()
    moderation.do_reject(moderator, comments[1], "Spam")
    assert ReaderStanding.objects.get(reader=mina).premoderated
    automatic = ModerationAction.objects.get(kind=ModerationAction.Kind.PREMODERATE)
    assert automatic.moderator is None and "2 of 4" in automatic.reason
    held = actions.do_post_comment(mina, story, "And now?")
    assert (held.status, held.held_because) == (Comment.Status.PENDING, Comment.Held.READER)


def test_many_comments_are_decided_at_once(story, moderator):
    comments = [actions.do_post_comment(reader(f"R{n}"), story, f"Comment {n}") for n in range(3)]
    assert moderation.do_moderate_many(moderator, comments, "reject", "Off topic") == 3
    assert set(Comment.objects.values_list("status", flat=True)) == {Comment.Status.REJECTED}
    assert moderation.do_moderate_many(moderator, comments, "approve") == 3
    assert set(Comment.objects.values_list("status", flat=True)) == {Comment.Status.PUBLISHED}


def test_a_featured_comment_leads_the_discussion_and_its_author_is_told(story, moderator, client):
    first = actions.do_post_comment(reader("Ana"), story, "Older but better")
    actions.do_post_comment(reader("Ben"), story, "Newer")
    assert moderation.do_feature(moderator, first, True)
    html = client.get(reverse("discussion", args=[story.pk]), HTTP_X_REQUESTED_WITH="fetch").text
    assert html.index("Older but better") < html.index("Newer")
    assert "Featured" in html
    assert Notification.objects.get(recipient=first.author).kind == Notification.Kind.FEATURED


def test_a_rejected_thread_starter_stays_as_a_trace_for_its_replies(story, moderator, client):
    top = actions.do_post_comment(reader("Ana"), story, "Bad start")
    actions.do_post_comment(reader("Ben"), story, "Good answer", reply_to=top)
    moderation.do_reject(moderator, top, "Abusive")
    html = client.get(reverse("discussion", args=[story.pk]), HTTP_X_REQUESTED_WITH="fetch").text
    assert "Bad start" not in html
    assert "removed by a moderator" in html
    assert "Good answer" in html


# --- the newsroom pages ------------------------------------------------------------------------------


def test_the_moderator_sees_the_pending_queue_and_rejects_from_it(story, moderator, client, settings):
    settings.DATELINE_HELD_FIRST_COMMENTS = 1
    held = actions.do_post_comment(reader("Mina"), story, "<b>Held</b> text")
    client.force_login(moderator)
    page = client.get(reverse("moderation:queue"))
    assert page.status_code == HTTPStatus.OK
    assert "&lt;b&gt;Held&lt;/b&gt; text" in page.text
    response = client.post(
        reverse("moderation:decide"),
        {"comment": [held.pk], "decision": "reject", "reason": "spam", "details": "links to a shop"},
    )
    assert response.status_code == HTTPStatus.FOUND
    held.refresh_from_db()
    assert held.status == Comment.Status.REJECTED
    assert held.rejection_reason == "Spam or advertising: links to a shop"


def test_the_newsroom_pages_clip_stacked_marks_and_isolate_reader_text(story, moderator, client, settings):
    settings.DATELINE_HELD_FIRST_COMMENTS = 1
    zalgo = "Z" + "\u0336" * 30 + "algo"  # 35 characters: a name fits its column (40)
    held = actions.do_post_comment(reader(zalgo), story, f"Loud {zalgo} \u202eevil")
    CommentReport.objects.create(comment=held, reporter=reader("Ben"), reason=f"\u202e{zalgo}")
    client.force_login(moderator)
    clipped = "Z" + "\u0336" * 4 + "algo"
    for url in (
        reverse("moderation:queue"),
        reverse("moderation:comment", args=[held.pk]),
        reverse("moderation:reader", args=[held.author_id]),
    ):
        page = client.get(url).text
        assert "\u0336" * 5 not in page, url
        assert f"<bdi>{clipped}</bdi>" in page, url
    queue = client.get(reverse("moderation:queue")).text
    assert f"<bdi>Loud {clipped} \u202eevil</bdi>" in queue
    detail = client.get(reverse("moderation:comment", args=[held.pk])).text
    assert f'dir="auto">Loud {clipped} \u202eevil</blockquote>' in detail
    assert f"<bdi>\u202e{clipped}</bdi>" in detail


@pytest.mark.parametrize("queue", ["pending", "reported", "rejected", "all", "nonsense"])
def test_every_queue_and_page_opens(story, moderator, client, queue):
    comment = actions.do_post_comment(reader("Mina"), story, "Hello")
    CommentReport.objects.create(comment=comment, reporter=reader("Ben"), reason="hm")
    client.force_login(moderator)
    for url in (
        reverse("moderation:queue") + f"?queue={queue}&edition=en&q=hel&page=x",
        reverse("moderation:comment", args=[comment.pk]),
        reverse("moderation:reader", args=[comment.author_id]),
        reverse("moderation:log"),
        reverse("word_rules:index"),
    ):
        assert client.get(url).status_code == HTTPStatus.OK, url


def test_a_suspension_from_the_reader_page_needs_days(story, moderator, client):
    mina = reader("Mina")
    client.force_login(moderator)
    url = reverse("moderation:reader_standing", args=[mina.pk])
    client.post(url, {"kind": "suspend", "days": ""})
    assert not ReaderStanding.objects.filter(reader=mina, suspended_until__isnull=False).exists()
    client.post(url, {"kind": "suspend", "days": "3", "reason": "cool off"})
    standing = ReaderStanding.objects.get(reader=mina)
    assert standing.is_suspended() and standing.reason == "cool off"


def test_readers_and_reporters_are_kept_out_of_the_moderation_pages(story, client, reporter):
    for user in (reader("Mina"), reporter):
        client.force_login(user)
        for url in (reverse("moderation:queue"), reverse("moderation:log")):
            assert client.get(url).status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
        response = client.post(reverse("moderation:decide"), {"comment": [1], "decision": "approve"})
        assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
