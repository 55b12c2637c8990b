"""Times and notes: a note's marker is no part of a date, and a note is read on the day that the
sentence calling it tells of ("all of this will be discussed at the meeting tomorrow.4", and note 4:
"the President met from 3:20 to 5:22 p.m.": tomorrow's meeting)."""
from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from functools import lru_cache

from .language import Parsed
from .layout import NOTE
from .time_context import Reading
from .time_grammar import YEAR, lexicon

# A number that opens a line of notes is the note's marker, as the notes stage reads it ("3 April 21."
# is note 3, on April 21), never the day of a date.
_NOTE_MARKER = re.compile(r"^[ \t]*\[?(\d{1,3})\]?[.)]?[ \t]+(?=\S)", re.MULTILINE)


@lru_cache(maxsize=1)
def _month_and_year() -> re.Pattern[str]:
    return re.compile(rf"{lexicon()['month_re']},?\s+{YEAR}")


def note_starts(parsed: Parsed) -> list[tuple[int, int]]:
    """Offsets and numbers of the note markers that open the lines of a chunk of notes. A number
    before a month and its year is the day of a whole date ("12 May 1968 ..." where a wrapped line
    begins), not a marker before "May 1968"."""
    if parsed.region != NOTE:
        return []
    return [(m.start(1), int(m.group(1))) for m in _NOTE_MARKER.finditer(parsed.text)
            if not _month_and_year().match(parsed.text, m.end())]


def note_at(starts: list[tuple[int, int]], position: int) -> int | None:
    """The number of the note that a position of a chunk of notes lies in."""
    numbers = [number for start, number in starts if start <= position]
    return numbers[-1] if numbers else None


def called_days(parsed: Parsed, source: str, readings: list[tuple[int, int, Reading]]) -> dict[int, date]:
    """For each note called from this chunk of the body, the day its calling sentence tells of: the
    last single day read in that sentence before the marker, where there is one."""
    out: dict[int, date] = {}
    if not readings:
        return out
    origin = parsed.view.origin
    for start, end in parsed.view.left_out:
        mark = source[start:end].strip("[]")
        if not mark.isdigit():
            continue
        at = bisect_left(origin, start) - parsed.offset  # where the marker was cut out of the reading
        if not 0 < at <= len(parsed.text):
            continue
        sentence = parsed.sdoc.char_span(at - 1, at, alignment_mode="expand")
        opening = sentence.sent.start_char if sentence is not None else at
        days = [r.interval.earliest for s, e, r in readings if opening <= s and e <= at and r.interval.closed
                and r.interval.earliest == r.interval.latest]
        if days:
            out[int(mark)] = days[-1]
    return out
