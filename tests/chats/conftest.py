"""Rooms, readers and a moderator for the chat tests."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model

from dateline.chats.models import Room
from dateline.newsroom.roles import COMMENT_MODERATORS
from tests.factories import PASSWORD, locale


@pytest.fixture
def room(editions: Any) -> Room:
    return Room.objects.create(locale=locale("en"), title="World Cup", description="The final, live")


@pytest.fixture
def moderator(roles: dict[str, Any]) -> Any:
    """A newsroom account in the "Comment moderators" group, who moderates chats too."""
    user = get_user_model().objects.create_user(
        username="moderator", email="moderator@example.org", password=PASSWORD, is_staff=True
    )
    user.groups.add(roles[COMMENT_MODERATORS])
    return user
