"""Endnotes printed after the body, as documentary editions and web pages print them: the block of
numbered notes at the end of a document, and the markers in the body that call them.

A copy of such a page glues each marker to the word it follows ("Laird1", "April 15:2",
"Memorandum 271" at the end of a heading). Markers are found in order: note k is called after
note k-1, so "1" is looked for from the top, "2" after the "1" found, and so on. A block counts as
endnotes only when its numbers run 1, 2, 3 … to the end of the document and the body before it
calls them all in that order (one may be missed in a run of five or more): a numbered list at the
end of a text, or the notes at the foot of a PDF's first page, are not endnotes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_NOTE_START = re.compile(r"^\s*(\d{1,3})[.)]?\s+\S")
# A marker glued to what it follows: a letter or closing punctuation, not an opening bracket ("(3)",
# "[2 lines") nor a hyphen or dash (which join designations such as "MiG-21" or "K–3"); then the
# number, then a space, punctuation or the line's end.
_STRICT_BEFORE = re.compile(r"[^\s\d\-–([{“‘]")
_AFTER = re.compile(r"(?:[\s.,;:!?)\]”’\"—]|$)")


@dataclass
class Endnotes:
    """The first line of the notes block, and the body's markers: (number, start, end)."""

    first_line: int
    numbers: list[int]
    markers: list[tuple[int, int, int]] = field(default_factory=list)


def _candidates(text: str, number: int, start: int, stop: int, loose: bool) -> list[int]:
    """Offsets in text[start:stop] where `number` stands glued to what precedes it. Loose
    candidates follow a digit ("Memorandum 271", "and 106 would"), which only the order of the
    notes can tell from a number."""
    found = []
    digits = str(number)
    for m in re.finditer(rf"(?<=\S){digits}(?!\d)", text[start:stop]):
        at = start + m.start()
        before, after = text[at - 1], text[at + len(digits):at + len(digits) + 2]
        if not _AFTER.match(after):
            continue
        if before.isdigit() != loose:
            continue
        if not loose and not _STRICT_BEFORE.match(before):
            continue
        if not loose and before == "." and text[at - 2:at - 1].isdigit() and not re.match(r"(?:\s+[A-Z“\"]|\s*$)", after):
            continue  # "3.5 percent" is a decimal; "action 7.5 Courses" ends a sentence with a marker
        found.append(at)
    return found


def _heading_end(text: str, number: int, stop: int) -> int | None:
    """A marker that ends the document's first line that opens with a number ("12. Telegram From
    … Memorandum 341"): a heading calls its source note even after a digit."""
    for line in re.finditer(r"^\d{1,4}\.\s+\S[^\n]*$", text[:stop], re.M):
        if line.group().endswith(str(number)) and len(line.group()) > len(str(number)) + 4:
            return line.end() - len(str(number))
        return None
    return None


def find_markers(text: str, numbers: list[int], stop: int) -> list[tuple[int, int, int]]:
    """The body's markers for the notes numbered `numbers`, in order, before offset `stop`."""
    found: dict[int, int] = {}
    pos = 0
    for number in numbers:
        heading = _heading_end(text, number, stop) if not found else None
        strict = _candidates(text, number, pos, stop, loose=False)
        at = heading if heading is not None and (not strict or heading < strict[0]) else (strict[0] if strict else None)
        if at is not None:
            found[number] = at
            pos = at + len(str(number))
    # A note whose marker follows a digit is looked for between the markers found around it.
    for i, number in enumerate(numbers):
        if number in found:
            continue
        low = max((found[n] + len(str(n)) for n in numbers[:i] if n in found), default=0)
        high = min((found[n] for n in numbers[i + 1:] if n in found), default=stop)
        loose = _candidates(text, number, low, high, loose=True)
        if loose:
            found[number] = loose[0]
    return sorted((n, at, at + len(str(n))) for n, at in found.items())


def find(text: str, lines: list[tuple[int, int]]) -> Endnotes | None:
    """The endnotes of a text given as (start, end) lines, or None where it has none."""
    starts = [(i, int(m.group(1))) for i, (s, e) in enumerate(lines) if (m := _NOTE_START.match(text[s:e]))]
    for k in range(len(starts) - 1, -1, -1):
        if starts[k][1] != 1:
            continue
        run = [n for _, n in starts[k:]]
        if run != list(range(1, len(run) + 1)):
            continue
        block_start = lines[starts[k][0]][0]
        markers = find_markers(text, run, block_start)
        # every note is called before the block (one may be missed in a long run): notes at the foot
        # of each page are called after the first page's notes, and are not endnotes
        if len(markers) >= len(run) - (len(run) >= 5):
            return Endnotes(starts[k][0], run, markers)
        return None
    return None
