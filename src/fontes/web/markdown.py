"""Markdown in the reader: the role of each source line (heading, list item, quotation) and the
inline styles and markup characters within it, all by offset into the source text.

The reader shows a Markdown source styled rather than raw, but every annotation points into the
source text itself, markup included. So nothing is taken out: the markup characters are wrapped
and hidden by a class, and lines and words are styled where they stand. Markdown parsers give
no character offsets for inline markup, hence these few patterns for what sources commonly use.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

HIDDEN = "md-markup"

_HEADING = re.compile(r"^(#{1,6})[ \t]+(?=\S)")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_BULLET = re.compile(r"^[ \t]*([-*+])[ \t]+(?=\S)")
_NUMBERED = re.compile(r"^[ \t]*\d{1,3}[.)][ \t]+(?=\S)")
_QUOTE = re.compile(r"^>[ \t]?")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
# Inline forms: the named groups are the markup, the rest of the match is the styled text.
_INLINE = [
    ("md-code", re.compile(r"(?P<open>`)(?=[^`\n])[^`\n]+?(?P<close>`)")),
    ("md-strong", re.compile(r"(?P<open>\*\*|__)(?=\S)[^\n]+?(?<=\S)(?P<close>(?P=open))")),
    ("md-em", re.compile(r"(?<![\w*])(?P<open>\*)(?=[^\s*])[^\n*]*?(?<=[^\s*])(?P<close>\*)(?![\w*])"
                         r"|(?<![\w_])(?P<open2>_)(?=[^\s_])[^\n_]*?(?<=[^\s_])(?P<close2>_)(?![\w_])")),
    ("md-link", re.compile(r"(?P<open>\[)[^\]\n]+(?P<close>\]\([^)\s]+\))")),
]


@dataclass(frozen=True)
class Style:
    """A span of the source shown in a style (md-strong, md-em, md-code, md-link) or hidden (md-markup)."""
    start: int
    end: int
    name: str


@dataclass(frozen=True)
class LineRole:
    """A source line (start to end, its newline included) and what it is: h1..h6, item (bulleted),
    numbered (list item), quote."""
    start: int
    end: int
    role: str


def _line_role(line: str) -> tuple[str | None, list[tuple[int, int]]]:
    """A line's role and the spans (relative to the line) of its block markup."""
    if m := _HEADING.match(line):
        hidden = [(0, m.end())]
        if close := _CLOSING_HASHES.search(line.rstrip("\n")):
            hidden.append((close.start(), close.end()))
        return f"h{len(m.group(1))}", hidden
    if m := _BULLET.match(line):
        return "item", [(m.start(1), m.end())]
    if _NUMBERED.match(line):
        return "numbered", []  # the number is the item's label, shown as written
    if m := _QUOTE.match(line):
        return "quote", [(0, m.end())]
    return None, []


def _inline(line: str, skip: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Inline styles and their markup in one line (relative offsets), outside the block markup."""
    taken = [False] * len(line)
    for a, b in skip:
        taken[a:b] = [True] * (b - a)
    found: list[tuple[int, int, str]] = []
    for name, pattern in _INLINE:
        for m in pattern.finditer(line):
            if any(taken[m.start():m.end()]):
                continue
            opened = "open" if m.group("open") is not None else "open2"
            closed = "close" if opened == "open" else "close2"
            found += [(m.start(), m.end(), name), (m.start(opened), m.end(opened), HIDDEN),
                      (m.start(closed), m.end(closed), HIDDEN)]
            if name == "md-code":  # nothing inside code is markup
                taken[m.start():m.end()] = [True] * (m.end() - m.start())
            else:
                for a, b in ((m.start(opened), m.end(opened)), (m.start(closed), m.end(closed))):
                    taken[a:b] = [True] * (b - a)
    return found


def read(text: str, window: tuple[int, int]) -> tuple[list[LineRole], list[Style]]:
    """The roles of the lines in a window of Markdown source, and the styles within them."""
    lo, hi = window
    roles: list[LineRole] = []
    styles: list[Style] = []
    fenced = False
    start = lo
    while start < hi:
        newline = text.find("\n", start, hi)
        end = hi if newline == -1 else newline + 1
        line = text[start:end]
        if _FENCE.match(line):
            fenced = not fenced
            styles.append(Style(start, end, "md-code"))
        elif fenced:
            styles.append(Style(start, end, "md-code"))
        else:
            role, hidden = _line_role(line)
            if role:
                roles.append(LineRole(start, end, role))
            styles += [Style(start + a, start + b, HIDDEN) for a, b in hidden]
            styles += [Style(start + a, start + b, name) for a, b, name in _inline(line, hidden)]
        start = end
    return roles, styles
