"""Sending in a chat room: who may, what is refused and why, what is held, and what goes live."""

from __future__ import annotations

import uuid
from http import HTTPStatus

import pytest
from django.contrib.auth.models import AnonymousUser

from dateline.chats import actions, moderation
from dateline.chats.models import Message
from dateline.chats.rooms import room_of_coverage
from dateline.discussion.models import ModerationAction, WordRule
from dateline.live.models import Event
from tests.coverage.factories import CoverageFactory
from tests.discussion.factories import reader

pytestmark = pytest.mark.django_db


def send(user, room, body="Goal!", **kwargs):
    return actions.do_send(user, room, body, str(kwargs.pop("client_id", uuid.uuid4())), **kwargs)


def events(room, kind):
    return list(Event.objects.filter(stream=room.stream, kind=kind).order_by("id"))


def test_a_confirmed_reader_sends_a_message_that_goes_live_on_the_rooms_stream(room):
    message = send(reader(), room, "What a goal")
    assert message.status == Message.Status.PUBLISHED
    [event] = events(room, "chat-message")
    assert event.payload["id"] == message.pk
    assert "What a goal" in event.payload["html"]


def test_a_retry_with_the_same_client_id_returns_the_stored_message_instead_of_a_second_one(room):
    writer, client_id = reader(), uuid.uuid4()
    first = send(writer, room, "Once", client_id=client_id)
    again = send(writer, room, "Once", client_id=client_id)
    assert again.pk == first.pk
    assert Message.objects.count() == 1
    assert len(events(room, "chat-message")) == 1


def test_a_message_longer_than_500_characters_is_refused_with_its_length(room):
    with pytest.raises(actions.DiscussionError) as refused:
        send(reader(), room, "a" * 501)
    assert "501" in refused.value.message
    assert not Message.objects.exists()


@pytest.mark.parametrize("body", ["", "   ", "\u200b\u200b"])
def test_an_empty_message_is_refused(room, body):
    with pytest.raises(actions.DiscussionError):
        send(reader(), room, body)


def test_an_anonymous_or_unconfirmed_reader_may_not_send(room):
    for user in (AnonymousUser(), reader(confirmed=False)):
        with pytest.raises(actions.ChatError) as refused:
            send(user, room)
        assert refused.value.status == HTTPStatus.FORBIDDEN


def test_a_new_readers_link_is_held_for_a_moderator_and_not_published(room, settings):
    settings.DATELINE_NEW_READER_LINKS = 0
    message = send(reader(), room, "Look at https://example.com/replay")
    assert message.status == Message.Status.HELD
    assert not events(room, "chat-message")


def test_the_same_text_twice_is_refused(room):
    writer = reader()
    send(writer, room, "Come on England")
    with pytest.raises(actions.ChatError) as refused:
        send(writer, room, "come on   ENGLAND")
    assert refused.value.status == HTTPStatus.BAD_REQUEST


def test_slow_mode_refuses_the_next_message_with_the_seconds_left(room):
    room.slow_mode_seconds = 30
    room.save()
    writer = reader()
    send(writer, room, "First")
    with pytest.raises(actions.ChatError) as refused:
        send(writer, room, "Second")
    assert refused.value.status == HTTPStatus.TOO_MANY_REQUESTS
    assert 28 <= refused.value.retry_after <= 30
    assert "30" in refused.value.message or "29" in refused.value.message


def test_a_reader_over_the_rate_is_timed_out_automatically_and_it_is_logged(room, settings):
    settings.DATELINE_CHAT_RATE = "2/m"
    settings.DATELINE_CHAT_AUTO_TIMEOUT_SECONDS = 120
    writer = reader()
    send(writer, room, "one")
    send(writer, room, "two")
    with pytest.raises(actions.ChatError) as refused:
        send(writer, room, "three")
    assert refused.value.status == HTTPStatus.TOO_MANY_REQUESTS
    assert refused.value.retry_after == 120
    with pytest.raises(actions.ChatError) as still:
        send(writer, room, "four")
    assert still.value.status == HTTPStatus.FORBIDDEN
    assert ModerationAction.objects.get(reader=writer).kind == ModerationAction.Kind.TIMEOUT
    [event] = events(room, "chat-standing")
    assert event.payload == {"reader": writer.pk, "seconds": 120, "banned": False}


def test_a_timed_out_or_banned_reader_is_refused(room, moderator):
    timed_out, banned = reader(), reader()
    first = send(timed_out, room, "hello")
    second = send(banned, room, "hi")
    moderation.do_timeout(moderator, room, first.author_id, 60)
    moderation.do_ban(moderator, room, second.author_id)
    for user in (timed_out, banned):
        with pytest.raises(actions.ChatError) as refused:
            send(user, room, "again?")
        assert refused.value.status == HTTPStatus.FORBIDDEN
    assert [e.payload["banned"] for e in events(room, "chat-standing")] == [False, True]


@pytest.mark.parametrize("seconds", [9, 86401])
def test_a_timeout_lasts_from_ten_seconds_to_a_day(room, moderator, seconds):
    with pytest.raises(actions.ChatError):
        moderation.do_timeout(moderator, room, reader().pk, seconds)


def test_a_paused_room_is_read_only(room, moderator):
    moderation.do_pause(moderator, room, True)
    with pytest.raises(actions.ChatError) as refused:
        send(reader(), room)
    assert refused.value.status == HTTPStatus.FORBIDDEN
    assert events(room, "chat-room")[-1].payload["read_only"]


def test_the_room_of_an_ended_coverage_is_read_only(editions):
    coverage = CoverageFactory()
    room = room_of_coverage(coverage)
    send(reader(), room, "Still going")
    coverage.status = coverage.Status.ENDED
    coverage.save()
    with pytest.raises(actions.ChatError) as refused:
        send(reader(), room, "Is it over?")
    assert refused.value.status == HTTPStatus.FORBIDDEN


def test_a_coverage_room_keeps_the_coverage_headline_when_it_changes(editions):
    coverage = CoverageFactory(title="Storm makes landfall: live")
    room = room_of_coverage(coverage)

    coverage.title = "Шторм выходит на сушу: трансляция " + "очень " * 20
    coverage.save_revision().publish()

    room.refresh_from_db()
    assert room.title == coverage.title[:120]
    assert room.title.startswith("Шторм выходит на сушу")


def test_a_hidden_message_is_seen_by_its_author_and_nobody_else(room, moderator):
    author, other = reader(), reader()
    message = send(author, room, "Referee is blind")
    moderation.do_remove(moderator, message, hide=True)
    assert list(Message.objects.shown_to(author)) == [message]
    assert not Message.objects.shown_to(other).exists()
    assert not Message.objects.shown_to(AnonymousUser()).exists()
    [event] = events(room, "chat-remove")
    assert event.payload == {"id": message.pk, "author": author.pk, "hidden": True}


def test_deleting_a_message_publishes_its_removal_and_logs_it(room, moderator):
    message = send(reader(), room, "Spam spam")
    moderation.do_remove(moderator, message, hide=False)
    message.refresh_from_db()
    assert message.status == Message.Status.DELETED
    assert events(room, "chat-remove")[0].payload["hidden"] is False
    action = ModerationAction.objects.get(kind=ModerationAction.Kind.DELETE)
    assert action.chat_decision.message == message
    assert action.chat_decision.room == room


def test_a_pinned_message_goes_out_with_the_rooms_state(room, moderator):
    message = send(reader(), room, "Kick-off at eight")
    moderation.do_pin(moderator, message)
    room.refresh_from_db()
    assert room.pinned == message
    assert "Kick-off at eight" in events(room, "chat-room")[-1].payload["pinned"]


def test_a_reply_quotes_the_message_it_answers(room):
    asked = send(reader("Ana"), room, "Who scored?")
    answer = send(reader("Ben"), room, "Kane did", reply_to_id=asked.pk)
    html = events(room, "chat-message")[-1].payload["html"]
    assert answer.reply_to == asked
    assert "Who scored?" in html and "Ana" in html


def test_a_reaction_counts_and_goes_live(room):
    message = send(reader(), room, "Great save")
    assert actions.do_toggle_reaction(reader(), message, "agree") == {"agree": 1}
    assert events(room, "chat-reactions")[-1].payload["reactions"] == {"agree": 1}


def test_a_banned_word_is_refused_and_a_suspect_one_held(room):
    WordRule.objects.create(phrase="cheat", kind=WordRule.Kind.BANNED)
    WordRule.objects.create(phrase="bribe", kind=WordRule.Kind.SUSPECT)
    with pytest.raises(actions.ChatError):
        send(reader(), room, "What a cheat")
    assert send(reader(), room, "A bribe, surely").status == Message.Status.HELD


def test_a_held_message_approved_by_a_moderator_goes_live(room, moderator):
    WordRule.objects.create(phrase="bribe", kind=WordRule.Kind.SUSPECT)
    message = send(reader(), room, "A bribe, surely")
    assert moderation.do_decide_held(moderator, message, approve=True)
    assert events(room, "chat-message")[-1].payload["id"] == message.pk


def test_a_newsroom_host_is_marked_and_skips_slow_mode(room, moderator):
    room.slow_mode_seconds = 60
    room.save()
    send(moderator, room, "Welcome to the room")
    message = send(moderator, room, "Kick-off soon")
    assert message.from_host
    assert "Host" in events(room, "chat-message")[-1].payload["html"]


def test_a_reader_reports_a_message_once_and_not_their_own(room):
    author, reporter = reader(), reader()
    message = send(author, room, "Buy cheap watches")
    actions.do_report(reporter, message, "Spam")
    with pytest.raises(actions.ChatError) as again:
        actions.do_report(reporter, message, "Spam again")
    assert again.value.status == HTTPStatus.CONFLICT
    with pytest.raises(actions.ChatError):
        actions.do_report(author, message, "Mine")
    assert message.reports.count() == 1


def test_deleting_a_reported_message_closes_its_reports(room, moderator):
    message = send(reader(), room, "Buy cheap watches")
    actions.do_report(reader(), message, "Spam")
    moderation.do_remove(moderator, message, hide=False)
    assert not message.reports.filter(resolved=False).exists()
