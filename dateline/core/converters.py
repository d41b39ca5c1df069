"""Path converters for the project's URLs."""

from __future__ import annotations

from django.urls import register_converter

# The largest id a database column holds (a signed 64-bit integer, SQLite's and PostgreSQL's bigint).
LARGEST_ID = 2**63 - 1


class IdConverter:
    """A row's id in a path (`<id:story_id>`): digits up to the largest id a database holds.

    Django's `int` passes any number of digits on, and one beyond the column's range fails in the
    database (an integer overflow, a 500); past it, the path matches nothing, so the answer is 404.
    """

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > LARGEST_ID:
            raise ValueError(f"beyond the largest id: {value}")
        return number

    def to_url(self, value: int) -> str:
        return str(value)


# Registered when the first URLconf that uses it imports this module (Wagtail reads some of them
# while apps are still being set up, before any app's ready()).
register_converter(IdConverter, "id")
