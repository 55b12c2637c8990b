"""A repaired reading of part of a document, with a map from every character back to the source.

Repairs (joined lines, restored hyphens, footnotes lifted out of a sentence) change the reading,
never the document: analysis runs on the view, and spans are mapped back so that
`document.text[start:end]` still shows the exact source words.
"""
from __future__ import annotations

from array import array
from dataclasses import dataclass, field


@dataclass
class View:
    """Text built from pieces of a source; `origin[i]` is the source offset of view character i."""

    parts: list[str] = field(default_factory=list)
    origin: array = field(default_factory=lambda: array("q"))
    left_out: list[tuple[int, int]] = field(default_factory=list)
    _text: str | None = None

    def copy(self, source: str, start: int, end: int) -> None:
        """Append source[start:end] unchanged."""
        if end > start:
            self.parts.append(source[start:end])
            self.origin.extend(range(start, end))
            self._text = None

    def insert(self, text: str, at: int) -> None:
        """Append text that is not in the source (a restored hyphen, a paragraph break) at offset `at`."""
        if text:
            self.parts.append(text)
            self.origin.extend([at] * len(text))
            self._text = None

    def leave_out(self, start: int, end: int) -> None:
        """Record source text deliberately left out of the reading (a note marker), so later
        stages can still find it."""
        self.left_out.append((start, end))

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "".join(self.parts)
            self.parts = [self._text]
        return self._text

    def __len__(self) -> int:
        return len(self.origin)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source span covering view span [start, end)."""
        if end <= start:
            at = self.origin[start] if start < len(self.origin) else (self.origin[-1] + 1 if self.origin else 0)
            return at, at
        return self.origin[start], self.origin[end - 1] + 1

    @classmethod
    def masked(cls, reading: str) -> "View":
        """A reading of the same length as its source (markup blanked out), offset for offset."""
        view = cls()
        view.parts = [reading]
        view.origin.extend(range(len(reading)))
        return view
