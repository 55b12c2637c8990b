"""The reader's text: a document cut into pages at line ends, and each page into pieces, every piece
carrying the marks (entity, time, quantity, claim, note marker, target span) that cover it. Pieces are
plain data; the template escapes their text, so a source's own markup is shown, never run."""
from __future__ import annotations

from dataclasses import dataclass, field

PAGE_CHARS = 40_000


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str       # entity, time, quantity, claim, marker, target
    key: str        # e12, t3, q7, c40, n5, target
    title: str = ""


@dataclass
class Piece:
    start: int
    text: str
    marks: list[Mark] = field(default_factory=list)

    @property
    def classes(self) -> str:
        return " ".join(sorted({m.kind for m in self.marks}))

    @property
    def keys(self) -> str:
        return " ".join(m.key for m in self.marks)

    @property
    def title(self) -> str:
        return " · ".join(m.title for m in self.marks if m.title)

    @property
    def note(self) -> str | None:
        return next((m.key for m in self.marks if m.kind == "marker"), None)


def pages(text: str, size: int = PAGE_CHARS) -> list[tuple[int, int]]:
    """Page bounds: about `size` characters each, cut after a line end so no sentence is split mid-line."""
    bounds, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.find("\n", end)
            end = len(text) if cut == -1 or cut - end > size // 4 else cut + 1
        bounds.append((start, end))
        start = end
    return bounds or [(0, 0)]


def page_holding(bounds: list[tuple[int, int]], offset: int) -> int:
    """The index of the page that holds a character offset (the last page for offsets past the end)."""
    return next((i for i, (start, end) in enumerate(bounds) if start <= offset < end), len(bounds) - 1)


def pieces(text: str, window: tuple[int, int], marks: list[Mark]) -> list[Piece]:
    """The window's text cut at every mark boundary, each piece with the marks covering it."""
    lo, hi = window
    inside = [m for m in marks if m.start < hi and m.end > lo and m.end > m.start]
    cuts = sorted({lo, hi} | {max(lo, min(hi, x)) for m in inside for x in (m.start, m.end)})
    inside.sort(key=lambda m: (m.start, -m.end))
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if b > a:
            out.append(Piece(a, text[a:b], [m for m in inside if m.start <= a and m.end >= b]))
    return out
