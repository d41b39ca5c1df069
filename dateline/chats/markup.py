"""A chat message's markup (templates/chats/message.html): the same for the room's page, its older
pages and the live stream, and so never personal. It holds only what is the message's own, since
every message goes to every reader of the room: the tools all messages share (reactions, reply,
report, a moderator's menu) are in the room's page once and the page's script adds them."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from dateline.chats.models import Message
from dateline.discussion import markup as discussion_markup
from dateline.discussion.models import Reaction
from dateline.discussion.text import render_comment


def message_values(message: Message) -> dict[str, Any]:
    """What the template shows of a message: its author's name, its text as markup, the message it
    answers (while that is published) and the reactions it has had, with their counts."""
    reply_to = message.reply_to if message.reply_to_id else None
    quoted = reply_to if reply_to is not None and reply_to.status == Message.Status.PUBLISHED else None
    return {
        "message": message,
        "name": display_name(message.author),
        "text": render_comment(message.body),
        "quote": quoted,
        "quote_name": display_name(quoted.author) if quoted is not None else "",
        "reacted": [
            (kind, label, message.reactions[kind])
            for kind, label in Reaction.choices
            if message.reactions.get(kind)
        ],
    }


def display_name(user: Any) -> str:
    """ "" for a deleted account (the template says so)."""
    profile = discussion_markup.profile_of(user)
    return profile.display_name if profile is not None else ""


def message_html(message: Message, language: str) -> str:
    with translation.override(language):
        return render_to_string("chats/message.html", message_values(message))
