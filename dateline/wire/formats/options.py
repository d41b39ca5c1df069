"""How one source's files are read: the size limit, a plain-text wire's encoding, a feed's fields."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ParseOptions:
    """A source's reading settings. `field_mapping` tells a feed's parser which element carries
    what (see feeds.FIELDS); `text_encoding` is the plain-text wire's, which does not say it;
    `provider` and `language` stand in for an item that does not name its own."""

    max_bytes: int = DEFAULT_MAX_BYTES
    text_encoding: str = "utf-8"
    field_mapping: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    provider: str = ""
    language: str = ""


DEFAULT_OPTIONS = ParseOptions()
