"""A chat room in each edition for the demo, with a short conversation among the demo readers (one
answering another), so that "Chats" in the masthead has something to show. Written for this
project."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale

from dateline.chats.models import Message, Room
from dateline.demo.discussion import READERS, demo_reader
from dateline.discussion import rules

# The room's title and description; then the messages as (reader index, text, answers message n).
ROOMS = {
    "en": (
        "The storm season",
        "Readers on this year's storms: what you see where you are, and what you want to know.",
        [
            (0, "Heavy rain here on the coast since the morning, the river is already high.", None),
            (1, "Same inland. Does anyone know if the ferries are still running tonight?", None),
            (2, "The port posted an hour ago: the evening ferries are cancelled.", 1),
            (0, "Thanks. Staying home then, and following the live coverage.", 2),
        ],
    ),
    "ru": (
        "Сезон штормов",
        "Читатели о штормах этого года: что вы видите у себя и что хотите узнать.",
        [
            (0, "У нас на побережье с утра ливень, река уже поднялась.", None),
            (1, "А паромы сегодня вечером ходят, никто не знает?", None),
            (2, "Порт час назад написал: вечерние рейсы отменены.", 1),
        ],
    ),
}


def ensure_demo_chats() -> int:
    """The demo room of each edition with its messages, once; how many messages were created."""
    created = 0
    for code, (title, description, conversation) in ROOMS.items():
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None or Room.objects.filter(locale=locale, title=title).exists():
            continue
        room = Room.objects.create(locale=locale, title=title, description=description, order=-1)
        readers = [demo_reader(username, name) for username, name in READERS[code]]
        start = timezone.now() - timedelta(minutes=5 * len(conversation))
        sent: list[Message] = []
        for number, (author, text, answers) in enumerate(conversation):
            sent.append(
                Message.objects.create(
                    room=room,
                    author=readers[author],
                    client_id=uuid.uuid4(),
                    body=text,
                    reply_to=sent[answers] if answers is not None else None,
                    fingerprint=rules.fingerprint(text),
                    created_at=start + timedelta(minutes=5 * number),
                )
            )
        created += len(sent)
    return created
