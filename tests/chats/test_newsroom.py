"""Chats in the newsroom: moderators publish or delete held messages and read a room's log."""

from __future__ import annotations

import uuid
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from dateline.chats import actions, moderation
from dateline.chats.models import Message
from dateline.discussion.models import WordRule
from tests.discussion.factories import reader

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_moderator_publishes_a_held_message_from_the_newsroom(room, moderator):
    WordRule.objects.create(phrase="bribe", kind=WordRule.Kind.SUSPECT)
    message = actions.do_send(reader(), room, "A bribe, surely", str(uuid.uuid4()))
    client = signed_in(moderator)
    assert "A bribe, surely" in client.get(reverse("chats_newsroom:held")).content.decode()
    client.post(reverse("chats_newsroom:decide", args=[message.pk]), {"decision": "approve"})
    message.refresh_from_db()
    assert message.status == Message.Status.PUBLISHED


def test_the_rooms_log_lists_its_decisions(room, moderator):
    message = actions.do_send(reader("Rude Rob"), room, "Rubbish", str(uuid.uuid4()))
    moderation.do_remove(moderator, message, hide=True)
    page = signed_in(moderator).get(reverse("chats_newsroom:log", args=[room.pk])).content.decode()
    assert "Message hidden" in page and "Rude Rob" in page and "Rubbish" in page


def test_a_reader_cannot_open_the_held_messages(room):
    response = signed_in(reader()).get(reverse("chats_newsroom:held"))
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)


def test_an_editor_creates_a_room_in_the_newsroom(editor, editions):
    response = signed_in(editor).get(reverse("chat_rooms:add"))
    assert response.status_code == HTTPStatus.OK


def test_a_moderator_sees_a_reported_message_and_dismisses_its_reports(room, moderator):
    message = actions.do_send(reader(), room, "Harmless, really", str(uuid.uuid4()))
    actions.do_report(reader(), message, "I disagree with it")
    client = signed_in(moderator)
    page = client.get(reverse("chats_newsroom:held")).content.decode()
    assert "Harmless, really" in page and "I disagree with it" in page
    client.post(reverse("chats_newsroom:decide", args=[message.pk]), {"decision": "dismiss"})
    assert "I disagree with it" not in client.get(reverse("chats_newsroom:held")).content.decode()
    message.refresh_from_db()
    assert message.status == Message.Status.PUBLISHED
