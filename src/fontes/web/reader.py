"""The reader's text: a document cut into pages at line ends, and each page into pieces, every piece
carrying the marks (entity, time, quantity, claim, note marker, target span) that cover it. Pieces are
plain data; the template escapes their text, so a source's own markup is shown, never run.

A Markdown source's pieces also carry its styles (emphasis, hidden markup) and are grouped into
blocks by the role of their line (heading, list item), so it reads as rendered while every piece
keeps its offsets into the source text."""
from __future__ import annotations

from dataclasses import dataclass, field

from .markdown import LineRole, Style

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
    styles: tuple[str, ...] = ()
    anchor: bool = False  # the first piece of the target span, which the page scrolls to

    @property
    def classes(self) -> str:
        return " ".join(sorted({m.kind for m in self.marks} | set(self.styles)))

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


@dataclass
class Block:
    """Consecutive pieces shown together: one line with a Markdown role, or plain text."""
    role: str | None
    pieces: list[Piece]

    @property
    def tag(self) -> str:
        """The HTML element: a Markdown heading one level below the page's own title."""
        if self.role and self.role[0] == "h":
            return f"h{min(6, int(self.role[1:]) + 1)}"
        return {"item": "div", "numbered": "div", "quote": "blockquote"}.get(self.role or "", "")


def pieces(text: str, window: tuple[int, int], marks: list[Mark], styles: list[Style] = (),
           lines: list[LineRole] = ()) -> list[Piece]:
    """The window's text cut at every mark, style and line boundary, each piece with the marks
    and styles covering it."""
    lo, hi = window
    inside = [m for m in marks if m.start < hi and m.end > lo and m.end > m.start]
    bounds = [(m.start, m.end) for m in inside] + [(s.start, s.end) for s in styles] + [(r.start, r.end) for r in lines]
    cuts = sorted({lo, hi} | {max(lo, min(hi, x)) for pair in bounds for x in pair})
    inside.sort(key=lambda m: (m.start, -m.end))
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if b > a:
            covering = tuple(sorted({s.name for s in styles if s.start <= a and s.end >= b}))
            out.append(Piece(a, text[a:b], [m for m in inside if m.start <= a and m.end >= b], covering))
    first_target = next((p for p in out if any(m.kind == "target" for m in p.marks)), None)
    if first_target:
        first_target.anchor = True
    return out


def blocks(cut: list[Piece], lines: list[LineRole]) -> list[Block]:
    """Group pieces (cut at line boundaries) into the blocks of the lines with a role, and runs of
    plain text between them."""
    roles = {line.start: line for line in lines}
    out: list[Block] = []
    current: LineRole | None = None
    for piece in cut:
        if current and piece.start >= current.end:
            current = None
        if piece.start in roles:
            current = roles[piece.start]
            out.append(Block(current.role, []))
        elif not out or (out[-1].role and current is None):
            out.append(Block(None, []))
        out[-1].pieces.append(piece)
    return out
