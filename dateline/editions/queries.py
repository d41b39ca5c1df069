"""The editions' written-out SQL: the condition that keeps pages behind a privacy setting out of
what readers are shown (`reader_pages.public` says the same to the ORM)."""

from __future__ import annotations

from collections.abc import Sequence

from wagtail.models import Page

from dateline.core import rows


def outside(restricted_paths: Sequence[str]) -> tuple[str, list[str]]:
    """SQL true of a page under none of `restricted_paths`, as " AND …" (empty without any), and
    its parameters. Tree paths are made of digits and capital letters: nothing LIKE would read as
    a wildcard."""
    path = rows.names(Page).path
    return "".join(f" AND {path} NOT LIKE %s" for _path in restricted_paths), [
        f"{restricted}%" for restricted in restricted_paths
    ]
