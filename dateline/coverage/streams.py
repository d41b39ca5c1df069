"""The live stream of a coverage page: `coverage:<page id>`, open while the coverage runs
(`models.is_running_coverage`)."""

from __future__ import annotations

KIND = "coverage"


def stream(page_id: int) -> str:
    return f"{KIND}:{page_id}"
