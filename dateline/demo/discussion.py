"""A discussion under each edition's top story for the demo: a few readers (invented people), a
thread with replies and reactions, a featured comment, and one comment waiting in the moderation
queue, so the newsroom's Comments menu has something to show. Written for this project."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

from dateline.accounts.models import ReaderProfile
from dateline.discussion.models import Comment, CommentReaction
from dateline.editions.models import HomePage

# (user name, display name)
READERS = {
    "en": [("demo-ana", "Ana Lindqvist"), ("demo-kofi", "Kofi Mensah"), ("demo-rui", "Rui Tavares")],
    "ru": [("demo-olga", "Ольга Смирнова"), ("demo-timur", "Тимур Ахметов"), ("demo-vera", "Вера Л.")],
}
# (reader index, text, replies as (reader index, text), reactions, featured); then one held comment.
THREADS = {
    "en": [
        (
            0,
            "I lived two streets from there for years. Good to read a report that names the people "
            "who actually did the work.",
            [
                (1, "Agreed. The quotes from the crew were the best part."),
                (
                    2,
                    "Does anyone know when the "
                    "next public meeting is? The council site still shows last month's.",
                ),
            ],
            {"agree": 3, "insightful": 2},
            True,
        ),
        (
            1,
            "A map of the affected area would help readers who do not know the city.",
            [],
            {"agree": 2},
            False,
        ),
    ],
    "ru": [
        (
            0,
            "Спасибо за подробности. Хорошо, что в материале есть слова самих участников, а не только "
            "официальные заявления.",
            [
                (1, "Согласен, цитаты — самое ценное."),
                (2, "А будет ли продолжение? Интересно, чем всё закончится."),
            ],
            {"agree": 3, "insightful": 1},
            True,
        ),
    ],
}
HELD = {
    "en": (2, "First time commenting here: see www.example.org for the photos I took that day."),
    "ru": (2, "Впервые пишу здесь. Фотографии с места событий выложу позже."),
}


def ensure_demo_discussion() -> int:
    """Comments under each edition's top story, once; how many were created."""
    created = 0
    for home in HomePage.objects.select_related("top_story", "locale"):
        code = home.locale.language_code
        story = home.top_story
        if story is None or code not in THREADS or Comment.objects.filter(story=story).exists():
            continue
        readers = [demo_reader(username, name) for username, name in READERS[code]]
        start = timezone.now() - timedelta(hours=3)
        for number, (author, text, replies, reactions, featured) in enumerate(THREADS[code]):
            when = start + timedelta(minutes=40 * number)
            top = Comment.objects.create(
                story=story, author=readers[author], body=text, created_at=when, featured=featured
            )
            for offset, (replier, reply_text) in enumerate(replies, start=1):
                Comment.objects.create(
                    story=story,
                    author=readers[replier],
                    body=reply_text,
                    thread=top,
                    reply_to=top,
                    created_at=when + timedelta(minutes=7 * offset),
                )
            top.reply_count = len(replies)
            react(top, reactions, readers)
            created += 1 + len(replies)
        author, text = HELD[code]
        Comment.objects.create(
            story=story,
            author=readers[author],
            body=text,
            status=Comment.Status.PENDING,
            held_because=Comment.Held.NEW_READER,
        )
        created += 1
    return created


def demo_reader(username: str, display_name: str) -> Any:
    user, new = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@example.org"}
    )
    if new:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        ReaderProfile.objects.create(user=user, display_name=display_name)
    return user


def react(comment: Comment, reactions: dict[str, int], readers: list[Any]) -> None:
    """Reactions from the demo readers (at most one of a kind each), counts kept with them."""
    counts: dict[str, int] = {}
    for kind, wanted in reactions.items():
        for reader in readers[: min(wanted, len(readers))]:
            CommentReaction.objects.create(comment=comment, reader=reader, kind=kind)
            counts[kind] = counts.get(kind, 0) + 1
    comment.reactions = counts
    comment.reaction_count = sum(counts.values())
    comment.save(update_fields=["reactions", "reaction_count", "reply_count"])
