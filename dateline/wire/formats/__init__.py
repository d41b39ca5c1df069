"""Parsers from an agency's bytes to `ParsedItem`s: one module per format, `registry` to choose.

from dateline.wire.formats import QuarantineError, parse
items = parse(data, name="rtr0042.xml")
"""

from dateline.wire.formats.errors import REASONS, QuarantineError
from dateline.wire.formats.options import DEFAULT_OPTIONS, ParseOptions
from dateline.wire.formats.registry import detect, parse, parse_path, parse_stream

__all__ = [
    "DEFAULT_OPTIONS",
    "REASONS",
    "ParseOptions",
    "QuarantineError",
    "detect",
    "parse",
    "parse_path",
    "parse_stream",
]
