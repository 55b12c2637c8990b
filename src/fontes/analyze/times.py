"""Time expressions: every date, period, range, relative time, duration and set in a document,
normalised to an EDTF interval with bounds and precision.

Recognition is a grammar of regex patterns built from data (time_grammar.py); what each expression
means is read against its anchors (time_values.py, which hands each kind to time_dates.py or
time_relative.py; anchors.py); the calendar arithmetic is the edtf library's (intervals.py).
Relative expressions are anchored to the document's own date ("last week", "Friday", "yesterday"),
or to the narrative's last date where it moved far from it or within a quotation ("three years
later", "that same month"), and in a note to the day its calling sentence tells of (time_notes.py);
with no anchor their bounds stay null. What looks like time but is not is passed over
(time_filters.py). Neighbours are then joined: a clock time with its day ("10 p.m. Wednesday"), two
dates with "to", "through", "until" or a dash between them into one range; a pair of days that share
their month ("12 and 13 May") is split into two.

Durations, sets and vague references ("three years", "every week", "now") are found too, with no
calendar bounds: their precision says which they are ("duration", "set", "vague").
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from ..model import TimeExpr
from . import intervals as iv
from .anchors import FUTURE, PAST, UNKNOWN, Anchors, tense
from .intervals import Interval
from .language import Parsed
from .layout import NOTE
from .time_context import Context, Reading
from .time_filters import passed_over
from .time_grammar import YEAR, find, lexicon, master
from .time_notes import called_days, note_at, note_starts
from .time_points import parse_point
from .time_values import TENSED, UNPLACED, read

__all__ = ["find", "inside_quotation", "interpret", "master", "parse_point", "parse_published", "run"]

_RANGE_GAP = re.compile(r"\s*(?:[-–—]|through|thru|until|till)\s*")
_TO_GAP = re.compile(r"\s+(?:to|and)\s+")
_FROM = re.compile(r"(?:[Ff]rom|[Bb]etween)\s+$")
_BARE_TO = re.compile(r"\s+to\s+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_CLOCK_BEFORE_DAY = re.compile(r"\s*,?\s*(?:on\s+)?")
_NOUN_BETWEEN = re.compile(r"\s+([a-z]+)\s+")  # "the 10 a.m. session Friday"
_DAY_BEFORE_CLOCK = re.compile(r"\s*,?\s*(?:at\s+)?")


def interpret(m: re.Match[str], anchor: Interval | None, published: Interval | None) -> Interval | None:
    """The interval a matched expression means, given the narrative's last date and the document's
    own date, read without a parse (the tense unknown); None when it is no time after all."""
    anchors = Anchors(published, narrative={"body": anchor} if anchor else {})
    reading = read(m, Context(anchors))
    return reading.interval if reading else None


def inside_quotation(text: str, position: int) -> bool:
    """Whether a position lies inside a quotation opened earlier in its paragraph."""
    paragraph = text[text.rfind("\n", 0, position) + 1:position]
    return (paragraph.count("“") > paragraph.count("”") or paragraph.count('"') % 2 == 1
            or paragraph.count("``") > paragraph.count("''"))


@lru_cache(maxsize=1)
def _boundary_before() -> re.Pattern[str]:
    """A word that makes the period after it a boundary, up to two words before it ("After a flat")."""
    words = "|".join(re.escape(w) for w in lexicon()["boundary_words"])
    return re.compile(rf"\b(?i:{words})\s+(?:[\w-]+\s+){{0,2}}$")


# "by 1992": a deadline; one still to come when the document was written is a goal, not a time the
# narrative moved to ("intended by 1992 to double its share ... an increase for the full year")
_DEADLINE_BEFORE = re.compile(r"\b(?i:by)\s+(?:the\s+)?$")
_STRETCH_OF_MONTHS = re.compile(r"(?i)the\s+(?:(?:first|latest|past|last)\s+)?\w+\s+months")


def run(chunks: list[Parsed], source: str, published: str | None, kind: str | None = None) -> list[TimeExpr]:
    """Time expressions of one document's chunks (in reading order), anchors carried along; `kind`
    is the document's kind ("news" quotations speak at the time of writing)."""
    anchors = Anchors(parse_published(published), news=kind == "news", archival=kind == "archival")
    found: list[TimeExpr] = []
    called: dict[int, date] = {}  # note number: the day its calling sentence tells of
    for parsed in chunks:
        readings: list[tuple[int, int, Reading]] = []
        last_end = 0
        starts = note_starts(parsed)
        for m in find(parsed.text, frozenset(start for start, _ in starts)):
            if readings and m.start() < readings[-1][1]:
                continue  # the year of a pair of days read with it ("May 12 and 13, 1970")
            if "\n" in parsed.text[last_end:m.start()]:
                anchors.new_paragraph(parsed.region, note=parsed.region == NOTE)
            last_end = m.end()
            anchors.called = called.get(note_at(starts, m.start())) if parsed.region == NOTE else None
            if passed_over(parsed, m, anchors.published.earliest.year if anchors.published else None):
                continue
            ctx = Context(anchors, parsed.region, inside_quotation(parsed.text, m.start()),
                          _tense(parsed, m))
            reading = read(m, ctx)
            if reading is None:
                continue
            if m.lastgroup == "duration" and _STRETCH_OF_MONTHS.fullmatch(m.group()):
                # "for the nine months": the report compares another stretch than the quarter named before
                anchors.named.pop(parsed.region, None)
            topic = not _boundary_before().search(parsed.text, max(0, m.start() - 40), m.start())
            goal = bool(_DEADLINE_BEFORE.search(parsed.text, max(0, m.start() - 20), m.start()))
            for start, end, each in _paired_day(parsed.text, m, reading):
                _remember(anchors, parsed.region, each, topic=topic, goal=goal)
                readings.append((start, end, each))
            if reading.interval.closed:
                anchors.last_told[parsed.region] = (m.end(), reading.interval)
            elif m.lastgroup == "then" and (reading.interval.earliest or reading.interval.latest):
                # "Until then ... Since then": the same time, told again
                anchors.last_told[parsed.region] = (m.end(), anchors.last_told[parsed.region][1])
        readings = joined(readings, parsed.text)
        if parsed.region != NOTE:
            called.update(called_days(parsed, source, readings))
        for start, end, reading in readings:
            found.append(_expression(parsed, source, start, end, reading))
    return found


_DAY = r"(3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_DAY_AND_BEFORE = re.compile(rf"(?<![\w.,/:-]){_DAY}\s+(?:and|or|&)\s+$")
_AND_DAY_AFTER = re.compile(rf"\s+(?:and|or|&)\s+{_DAY}(?:,?\s+({YEAR}))?"
                            rf"(?=\s*(?:[,.;:)\]]|$)|\s+(?:the|in|at|to|of|for|with|when|he|she|they|we|I)\b)")


def _paired_day(text: str, m: re.Match[str], reading: Reading) -> list[tuple[int, int, Reading]]:
    """A pair of days that share their month: "on 12 and 13 May" ('12' a day of its own, in the
    month and year of the other), "on May 12 and 13, 1970" (the year written last is both days')."""
    interval = reading.interval
    found = [(m.start(), m.end(), reading)]
    if reading.clock or not interval.closed or interval.earliest != interval.latest:
        return found
    first = m.group()[:1].isdigit()  # "13 May": a pair is written before it; "May 12": after it
    pair = _DAY_AND_BEFORE.search(text, max(0, m.start() - 12), m.start()) if first else \
        _AND_DAY_AFTER.match(text, m.end()) if m.group()[-1:].isdigit() and m.lastgroup == "md" else None
    if pair is None:
        return found
    day = int(pair.group(1))
    if (day >= interval.earliest.day) if first else (day <= interval.earliest.day):
        return found
    year = int(pair.group(2)) if not first and pair.group(2) else None
    try:
        other = iv.day(year or interval.earliest.year, interval.earliest.month, day)
        if year:
            reading = Reading(iv.day(year, interval.earliest.month, interval.earliest.day))
    except ValueError:
        return found
    other_day = (pair.start(1), pair.end(2 if year else 1), Reading(other, relative=reading.relative))
    return [other_day, (m.start(), m.end(), reading)] if first else [(m.start(), m.end(), reading), other_day]


# Dates of the calendar written without their year. The present tense of news speaks of the days
# ahead ("the talks open Monday", "arrives on the 3rd"); of a date in the calendar it says nothing of
# the side ("The Embassy reports the arrival on March 30", "I enclose the minutes of March 2"): the
# nearest one, as a month either way is already allowed to a tense.
_CALENDAR_DATES = {"md", "drange", "mpart", "month", "holiday", "sless", "mweek", "wkof"}


def _tense(parsed: Parsed, m: re.Match[str]) -> int:
    """The tense that places a weekday or a year-less date; a weekday in a clause without one
    ("Friday's vote") is read as past: reports tell what happened. A modal or a plan ("would end
    Friday") leaves the nearest one."""
    if m.lastgroup not in TENSED:
        return UNKNOWN
    present = UNKNOWN if m.lastgroup in _CALENDAR_DATES else FUTURE
    untensed = PAST if m.lastgroup == "wday" else UNKNOWN
    return tense(parsed.sdoc, m.start(), m.end(), untensed=untensed, present=present)


def _remember(anchors: Anchors, region: str, reading: Reading, topic: bool = True, goal: bool = False) -> None:
    """An explicit closed date moves the narrative (a date written without its year too); any closed
    stretch shorter than a year, explicit or not, begun by the writing and not named as a boundary
    (`topic`; "After a flat second quarter, profit rose"), is the period that "a year earlier" and
    "the quarter" refer to; a single day is the day last told of. A deadline still to come when the
    document was written (`goal`: "by 1992") does none of these."""
    interval = reading.interval
    if not interval.closed or reading.filed:
        return
    if goal and anchors.published is not None and interval.earliest > anchors.published.latest:
        return
    if interval.earliest == interval.latest:
        anchors.last_day[region] = interval.earliest
    if (interval.latest - interval.earliest).days > 366:
        return  # "1964–1968" in a book's title places no "January 20" after it
    if not reading.relative or reading.dated:
        anchors.narrative[region] = interval
    # a quarter still running when the report was written is forecast, not reported on ("continue into
    # the fourth quarter"): results compared with "the year-ago period" are of one that is over
    long = (interval.latest - interval.earliest).days > 40
    begun = anchors.published is None or \
        (interval.latest < anchors.published.earliest if long else interval.earliest <= anchors.published.latest)
    if not reading.derived and interval.precision in ("month", "season") and \
            (interval.latest - interval.earliest).days < 360 and begun and topic:
        # a period still to come ("the third quarter of 1990" in a forecast) is not one a report
        # compares with: "the year-ago period" counts back from one begun by the writing
        anchors.named[region] = interval


def joined(readings: list[tuple[int, int, Reading]], text: str) -> list[tuple[int, int, Reading]]:
    """Neighbours that are one expression: a clock time and its day, and the two ends of a range."""
    out: list[tuple[int, int, Reading]] = []
    for start, end, reading in readings:
        if out:
            p_start, p_end, previous = out[-1]
            gap = text[p_end:start]
            if _PARAGRAPH_BREAK.search(gap):  # one expression never runs across paragraphs (or notes)
                out.append((start, end, reading))
                continue
            between = _NOUN_BETWEEN.fullmatch(gap)
            if previous.clock and _is_day(reading) and between and \
                    between.group(1).lower() in lexicon()["scheduled_nouns"]:
                # "the 3:00 meeting tomorrow": the clock is the meeting's, which the day places; two
                # expressions still, with the noun between them
                out[-1] = (p_start, p_end, _on_day(previous.clock, reading))
                out.append((start, end, reading))
                continue
            merged = _clock_in_set(previous, reading, gap) or _clock_with_day(previous, reading, gap) or \
                _range(previous, reading, gap, bool(_FROM.search(text[max(0, p_start - 8):p_start])))
            if merged is not None:
                out[-1] = (p_start, end, merged)
                continue
        out.append((start, end, reading))
    return out


def _is_day(r: Reading) -> bool:
    i = r.interval
    return r.clock is None and i.closed and i.earliest == i.latest


def _clock_with_day(a: Reading, b: Reading, gap: str) -> Reading | None:
    if a.clock and _is_day(b) and _CLOCK_BEFORE_DAY.fullmatch(gap):
        clock, day = a.clock, b
    elif b.clock and _is_day(a) and _DAY_BEFORE_CLOCK.fullmatch(gap):
        clock, day = b.clock, a
    else:
        return None
    return _on_day(clock, day)


def _clock_in_set(a: Reading, b: Reading, gap: str) -> Reading | None:
    """'At 2 p.m. on Fridays', 'daily at noon': a clock time beside a recurring day recurs with it."""
    sets = (a.clock and b.interval.precision == "set" and _CLOCK_BEFORE_DAY.fullmatch(gap)) or \
        (b.clock and a.interval.precision == "set" and _DAY_BEFORE_CLOCK.fullmatch(gap))
    return Reading(iv.unknown("set")) if sets else None


def _on_day(clock: tuple[int, int], day: Reading) -> Reading:
    return Reading(iv.clock(day.interval.earliest, *clock), relative=day.relative)


def _range(a: Reading, b: Reading, gap: str, after_from: bool) -> Reading | None:
    """'from 23 January 1968 to March 1969', 'Monday through Friday', 'May 3 until June 1969', 'since
    1953 through 1955': one range. A bare 'to' joins after 'from' ("a revision Friday to December's
    figures" is none), or two dates that carry their years and differ in precision ("served 23
    January 1968 to March 1969"; a meeting "moved 5 May 1968 to 12 May 1968" is two days)."""
    until = b.until if b.until is not None and not gap.strip() else None
    written = not a.relative and not b.relative and a.interval.precision != b.interval.precision
    if until is None and not _RANGE_GAP.fullmatch(gap) and not (after_from and _TO_GAP.fullmatch(gap)) and \
            not (written and _BARE_TO.fullmatch(gap)):
        return None
    # "since 1953 through 1955": the open start closed by the end written after it
    first, last = a.since or a.interval, until or b.interval
    if not first.closed or not last.closed or a.clock or b.clock:
        return None
    if a.again and not b.relative:  # "December to March 1969": the start is placed from the end
        first = a.again(last.latest, PAST)
    elif b.again and (not a.relative or first.earliest > last.latest):  # "Monday through Friday"
        last = b.again(first.earliest, FUTURE)
    if first is None or last is None or first.earliest > last.latest:
        return None
    return Reading(iv.between(first, last), relative=a.relative and b.relative)


def _expression(parsed: Parsed, source: str, start: int, end: int, reading: Reading) -> TimeExpr:
    interval = reading.interval
    s, e = parsed.source_span(start, end)
    relative = reading.relative or interval.precision in UNPLACED.values()
    return TimeExpr(s, e, source[s:e], interval.edtf,
                    interval.earliest.isoformat() if interval.earliest else None,
                    interval.latest.isoformat() if interval.latest else None,
                    interval.precision, interval.approximate, relative=relative, region=parsed.region)


_PUBLISHED = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")


def parse_published(published: str | None) -> Interval | None:
    """The publication date as an interval (a year, month or day; a time of day is dropped)."""
    match = _PUBLISHED.fullmatch(published.strip()) if published else None
    if not match:
        return None
    parts = [int(p) for p in match.groups() if p]
    try:
        return iv.day(*parts) if len(parts) == 3 else iv.month(*parts) if len(parts) == 2 else iv.year(parts[0])
    except ValueError:
        return None
