"""A watched-directory source for the wire desk's store tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.wire.models import WireSource

ITEMS = Path(__file__).parent / "items"


@pytest.fixture
def incoming(tmp_path) -> Path:
    directory = tmp_path / "incoming"
    directory.mkdir()
    return directory


@pytest.fixture
def source(incoming) -> WireSource:
    return WireSource.objects.create(
        name="Example Wire",
        slug="example-wire",
        kind=WireSource.Kind.DIRECTORY,
        settings={"path": str(incoming), "settle_seconds": 0, "text_encoding": "windows-1251"},
    )


def deliver(directory: Path, name: str, data: bytes | None = None, *, as_name: str | None = None) -> Path:
    """An agency's delivery: a test item (or `data`) written into the watched directory."""
    target = directory / (as_name or name)
    target.write_bytes((ITEMS / name).read_bytes() if data is None else data)
    return target
