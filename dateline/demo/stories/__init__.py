"""All demo content, gathered from one module per section (plus `people`, the shared catalogue).

A module may export STORIES, AUTHORS, AGENCIES and IMAGES. This package offers the same four
names, each the concatenation over MODULES in order, with every key unique across all of them.
They are gathered on first use, so that importing one module (e.g. `people`) loads only that one.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import Any

MODULES = ("people", "world", "politics", "business", "science", "society", "sport", "opinion", "arabic")
CATALOGUES = ("STORIES", "AUTHORS", "AGENCIES", "IMAGES")


@cache
def _gathered() -> dict[str, list[Any]]:
    modules = [import_module(f"{__name__}.{name}") for name in MODULES]
    catalogues: dict[str, list[Any]] = {}
    for catalogue in CATALOGUES:
        items = [item for module in modules for item in getattr(module, catalogue, [])]
        _check_unique_keys(catalogue, items)
        catalogues[catalogue] = items
    return catalogues


def _check_unique_keys(catalogue: str, items: list[Any]) -> None:
    seen: set[str] = set()
    for item in items:
        if item.key in seen:
            raise ValueError(f"Two entries in the demo {catalogue} have the key {item.key!r}")
        seen.add(item.key)


def __getattr__(name: str) -> list[Any]:
    if name in CATALOGUES:
        return _gathered()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
