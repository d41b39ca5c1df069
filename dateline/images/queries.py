"""The image library's written-out reads: images by id, as a story's body asks for its pictures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from django.db import models

from dateline.core import rows

M = TypeVar("M", bound=models.Model)


def by_ids(model: type[M], ids: Sequence[int]) -> list[M]:
    """The images (of the image model given) whose ids are among `ids`, in no order."""
    if not ids:
        return []
    key = rows.names(model).id
    return rows.fetch(model, f"{key} IN ({rows.placeholders(len(ids))})", ids)
