"""Annotations found by where they fall in the text, without reading a whole book's list for each
sentence: a stage that asks "which times (names, figures) lie in this clause?" once per clause
would otherwise take time growing with the square of the document's length."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Generic, Iterable, Protocol, TypeVar


class Spanned(Protocol):
    start: int
    end: int


T = TypeVar("T", bound=Spanned)


class SpanIndex(list, Generic[T]):
    """A list of annotations (kept in its own order) that also finds those in a stretch of text."""

    def __init__(self, items: Iterable[T] = ()):
        super().__init__(items)
        self._order = sorted(range(len(self)), key=lambda i: self[i].start)
        self._starts = [self[i].start for i in self._order]

    @classmethod
    def of(cls, items: Iterable[T]) -> SpanIndex[T]:
        """The items as an index (the same object when they are one already)."""
        return items if isinstance(items, SpanIndex) else cls(items)

    def starting(self, lo: int, hi: int) -> list[T]:
        """The items whose start is in [lo, hi), in the list's order."""
        found = self._order[bisect_left(self._starts, lo):bisect_left(self._starts, hi)]
        return [self[i] for i in sorted(found)]

    def within(self, start: int, end: int) -> list[T]:
        """The items that lie wholly inside [start, end], in the list's order."""
        found = self._order[bisect_left(self._starts, start):bisect_right(self._starts, end)]
        return [self[i] for i in sorted(found) if self[i].end <= end]
