"""The live stream of a story's discussion: `comments:<story id>`."""

from __future__ import annotations

from dateline.articles.models import ArticlePage
from dateline.live import streams


def stream_name(story_id: int) -> str:
    return f"comments:{story_id}"


def story_takes_comments(key: str) -> bool:
    return key.isdigit() and ArticlePage.objects.live().filter(pk=int(key)).exists()


def register() -> None:
    streams.register("comments", story_takes_comments, needs_database=True)
