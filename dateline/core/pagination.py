"""Pages of a long list that know whether another page follows, not how many there are: counting
a large archive or a busy wire (a `COUNT(*)` over every match) costs more than showing the page."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from django.http import Http404

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
# Page numbers beyond this are refused: nobody pages a million deep, and a huge OFFSET costs.
MOST_DIGITS = 6


@dataclass
class UncountedPage(Generic[T]):
    """One page of a list, with Django's `Page` names for what templates ask of it."""

    object_list: list[T]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def page_number(raw: str | None) -> int:
    """The page a query string asks for (1 if it asks for none); anything but a page number is a 404."""
    if raw is None:
        return 1
    if not raw.isascii() or not raw.isdigit() or len(raw) > MOST_DIGITS or int(raw) < 1:
        raise Http404("No such page")
    return int(raw)


class Sliceable(Protocol[T_co]):
    """A list or a query set: what can be cut into pages."""

    def __getitem__(self, index: slice) -> Iterable[T_co]: ...


def page_of(rows: Sliceable[T], number: int, per_page: int) -> UncountedPage[T]:
    """Page `number` of `rows` (a query set is sliced: one query, one row past the page); a page past
    the end of the list is a 404, except the first, which may be empty."""
    start = (number - 1) * per_page
    found = list(rows[start : start + per_page + 1])
    if not found and number > 1:
        raise Http404("No such page")
    return UncountedPage(found[:per_page], number, has_next=len(found) > per_page)
