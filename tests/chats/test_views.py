"""The rooms as readers reach them: the edition's list, a room's page without JavaScript, older
messages, and the JSON answers of sending and moderating."""

from __future__ import annotations

import uuid
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from dateline.chats import actions
from dateline.chats.models import Message, Room
from dateline.chats.streams import stream_name
from dateline.live import audience, streams
from dateline.live.models import Event
from tests.coverage.factories import CoverageFactory
from tests.discussion.factories import reader
from tests.factories import locale

pytestmark = pytest.mark.django_db
FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def say(room, text, user=None):
    return actions.do_send(user or reader(), room, text, str(uuid.uuid4()))


def test_the_masthead_links_to_the_editions_chats(room):
    page = Client().get("/en/")
    assert reverse("chat_list") in page.content.decode()


def test_the_list_shows_the_editions_open_rooms_with_their_latest_message(room):
    say(room, "Penalty!")
    Room.objects.create(locale=locale("en"), title="Closed room", listed=False)
    Room.objects.create(locale=locale("ru"), title="Чемпионат мира")
    page = Client().get(reverse("chat_list")).content.decode()
    assert "World Cup" in page and "Penalty!" in page and "0 reading" in page
    assert "Closed room" not in page and "Чемпионат" not in page


def test_the_list_and_the_room_count_the_readers_of_every_process_serving_the_room(room):
    """Readers on granian and on the live server are counted together (each reports its own)."""
    audience.report({stream_name(room.pk): 2}, node="granian")
    audience.report({stream_name(room.pk): 40}, node="live-server")

    assert "42 reading" in Client().get(reverse("chat_list")).content.decode()
    assert "42 reading" in Client().get(reverse("chat_room", args=[room.pk])).content.decode()


def test_without_javascript_the_room_shows_its_latest_messages_escaped(room):
    say(room, "<script>alert(1)</script> and <b>bold</b>")
    page = Client().get(reverse("chat_room", args=[room.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert "Log in to write in the chat." in page


def test_without_javascript_a_message_shows_the_reactions_it_has_had_with_their_counts(room):
    message = say(room, "What a save")
    actions.do_toggle_reaction(reader(), message, "agree")
    page = Client().get(reverse("chat_room", args=[room.pk])).content.decode()
    assert 'data-count="1">Agree 1</span>' in page
    assert "Funny 0" not in page


def test_the_tools_every_message_shares_are_in_the_room_page_once_not_in_each_message(room):
    """Every message goes to every reader live: its markup carries only what is its own."""
    for number in range(3):
        say(room, f"Message {number}")
    page = Client().get(reverse("chat_room", args=[room.pk])).content.decode()
    assert page.count("What is wrong with this message?") == 1
    assert page.count('data-react="agree"') == 1
    live = Event.objects.filter(stream=stream_name(room.pk), kind="chat-message").last()
    assert "Message 2" in live.payload["html"]
    assert "Reply" not in live.payload["html"] and "Agree" not in live.payload["html"]


def test_addresses_in_a_message_are_links_marked_nofollow_ugc(room):
    say(room, "see https://example.org/match", user=reader())
    Message.objects.update(status=Message.Status.PUBLISHED)
    page = Client().get(reverse("chat_room", args=[room.pk])).content.decode()
    assert 'href="https://example.org/match" rel="nofollow ugc noopener"' in page


def test_older_messages_load_in_steps_before_the_first_shown(room, settings):
    settings.DATELINE_CHAT_MESSAGES_SHOWN = 2
    for number in range(5):
        say(room, f"message {number}")
    page = Client().get(reverse("chat_room", args=[room.pk])).content.decode()
    assert "message 4" in page and "message 3" in page and "message 2" not in page
    ids = list(Message.objects.order_by("id").values_list("id", flat=True))
    older = Client().get(reverse("chat_room", args=[room.pk]) + f"?before={ids[3]}", **FETCH).json()
    assert ["message 1" in older["html"][0], "message 2" in older["html"][1]] == [True, True]
    assert older["older"] == ids[1]


def test_sending_answers_json_with_the_stored_message(room):
    response = signed_in(reader()).post(
        reverse("chat_send", args=[room.pk]), {"body": "Hello", "client_id": str(uuid.uuid4())}, **FETCH
    )
    assert response.status_code == HTTPStatus.OK
    assert Message.objects.get(pk=response.json()["id"]).body == "Hello"


def test_slow_mode_answers_429_with_the_seconds_left(room):
    room.slow_mode_seconds = 45
    room.save()
    client = signed_in(reader())
    url = reverse("chat_send", args=[room.pk])
    client.post(url, {"body": "one", "client_id": str(uuid.uuid4())}, **FETCH)
    response = client.post(url, {"body": "two", "client_id": str(uuid.uuid4())}, **FETCH)
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert 40 <= response.json()["retry_after"] <= 45
    assert response["Retry-After"] == str(response.json()["retry_after"])
    assert response.json()["error"]


def test_a_message_without_a_client_id_is_refused_clearly(room):
    response = signed_in(reader()).post(reverse("chat_send", args=[room.pk]), {"body": "Hi"}, **FETCH)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["error"]


def test_a_reader_cannot_moderate(room):
    message = say(room, "Fine")
    response = signed_in(reader()).post(
        reverse("chat_moderate_message", args=[message.pk]), {"decision": "delete"}, **FETCH
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    message.refresh_from_db()
    assert message.status == Message.Status.PUBLISHED


def test_a_moderator_deletes_from_the_room_and_every_reader_is_told(room, moderator):
    message = say(room, "Nasty")
    response = signed_in(moderator).post(
        reverse("chat_moderate_message", args=[message.pk]), {"decision": "delete"}, **FETCH
    )
    assert response.status_code == HTTPStatus.OK
    assert Event.objects.filter(stream=room.stream, kind="chat-remove").exists()
    assert "Nasty" not in Client().get(reverse("chat_room", args=[room.pk])).content.decode()


def test_a_moderator_times_out_the_author_for_the_chosen_seconds(room, moderator):
    message = say(room, "Loud")
    response = signed_in(moderator).post(
        reverse("chat_moderate_message", args=[message.pk]),
        {"decision": "timeout", "seconds": "600"},
        **FETCH,
    )
    assert response.status_code == HTTPStatus.OK
    event = Event.objects.get(stream=room.stream, kind="chat-standing")
    assert event.payload["seconds"] == 600


def test_a_moderator_sees_the_menu_and_room_tools(room, moderator):
    page = signed_in(moderator).get(reverse("chat_room", args=[room.pk])).content.decode()
    assert "data-chat-menu" in page and "Pause the room" in page
    assert "data-chat-menu" not in Client().get(reverse("chat_room", args=[room.pk])).content.decode()


def test_a_room_of_another_edition_is_not_found(room):
    assert Client().get(f"/ru/chats/{room.pk}/").status_code == HTTPStatus.NOT_FOUND


def test_a_coverage_leads_to_its_room_made_when_first_needed(editions):
    coverage = CoverageFactory()
    response = Client().get(reverse("chat_coverage_room", args=[coverage.pk]))
    room = Room.objects.get(coverage=coverage)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("chat_room", args=[room.pk])
    assert reverse("chat_coverage_room", args=[coverage.pk]) in Client().get(coverage.url).content.decode()


def test_the_chat_stream_is_known_for_a_room_and_refused_for_none(room):
    assert streams.exists(room.stream)
    assert not streams.exists("chat:999999")


def test_reporting_answers_json_with_thanks(room):
    message = say(room, "Dubious claim")
    response = signed_in(reader()).post(
        reverse("chat_report", args=[message.pk]), {"reason": "Misleading"}, **FETCH
    )
    assert response.status_code == HTTPStatus.OK
    assert response.json()["message"]
    assert message.reports.get().reason == "Misleading"


def test_without_javascript_the_form_sends_and_a_second_submit_of_the_page_stores_nothing_more(room):
    client = signed_in(reader())
    page = client.get(reverse("chat_room", args=[room.pk])).content.decode()
    client_id = page.split('name="client_id" value="')[1].split('"')[0]
    for _ in range(2):
        response = client.post(
            reverse("chat_send", args=[room.pk]), {"body": "Plain form", "client_id": client_id}
        )
        assert response.status_code == HTTPStatus.FOUND
    assert Message.objects.filter(body="Plain form").count() == 1
