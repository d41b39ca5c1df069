"""A chat message's markup (templates/chats/message.html): the same for the room's page, its older
pages and the live stream, and so never personal (a moderator's menu is added by the page)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from dateline.chats.models import Message
from dateline.discussion import markup as discussion_markup
from dateline.discussion.models import Reaction
from dateline.discussion.text import render_comment


def message_values(message: Message) -> dict[str, Any]:
    profile = discussion_markup.profile_of(message.author)
    reply_to = message.reply_to if message.reply_to_id else None
    return {
        "message": message,
        "name": profile.display_name if profile else "",
        "text": render_comment(message.body),
        "quote": reply_to if reply_to is not None and reply_to.status == Message.Status.PUBLISHED else None,
        "quote_name": discussion_markup.profile_of(reply_to.author).display_name  # type: ignore[union-attr]
        if reply_to is not None and reply_to.author_id
        else "",
        "reactions": [(kind, label, message.reactions.get(kind, 0)) for kind, label in Reaction.choices],
    }


def message_html(message: Message, language: str) -> str:
    with translation.override(language):
        return render_to_string("chats/message.html", message_values(message))
