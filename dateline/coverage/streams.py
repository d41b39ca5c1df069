"""The live stream of a coverage page: `coverage:<page id>`, open while the coverage runs."""

from __future__ import annotations

KIND = "coverage"


def stream(page_id: int) -> str:
    return f"{KIND}:{page_id}"


def is_running_coverage(key: str) -> bool:
    """Whether `coverage:<key>` names a published live coverage that has not ended."""
    from dateline.coverage.models import LiveCoveragePage

    if not key.isdigit() or len(key) > 18:
        return False
    return LiveCoveragePage.objects.live().filter(pk=int(key), status=LiveCoveragePage.Status.LIVE).exists()
