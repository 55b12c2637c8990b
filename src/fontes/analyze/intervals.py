"""Historical time as intervals: EDTF strings (Library of Congress Extended Date/Time Format)
and the earliest/latest days they can mean, computed with the `edtf` library.

The library does the calendar arithmetic; this module only chooses the EDTF form. Two gaps of
the library are avoided rather than patched: winter is written as a month interval
("1966-12/1967-02", because EDTF season 24 is read as December only), and open intervals get
their closed end from the library and their open end as None.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from edtf import parse_edtf, struct_time_to_date

PRECISIONS = ("day", "month", "season", "year", "decade", "century")


@dataclass(frozen=True)
class Interval:
    """An EDTF expression with its widest bounds; None marks an open or unknown end."""

    edtf: str | None
    earliest: date | None
    latest: date | None
    precision: str
    approximate: bool = False

    @property
    def closed(self) -> bool:
        return self.earliest is not None and self.latest is not None


@lru_cache(maxsize=4096)
def bounds(expression: str) -> tuple[date, date]:
    """Earliest and latest day of a closed EDTF expression, by the edtf library."""
    parsed = parse_edtf(expression)
    return struct_time_to_date(parsed.lower_strict()), struct_time_to_date(parsed.upper_strict())


def make(expression: str, precision: str, approximate: bool = False) -> Interval:
    """An interval from a closed EDTF expression (a '~' is added when approximate)."""
    if approximate and "/" not in expression:
        expression += "~"
    earliest, latest = bounds(expression)
    return Interval(expression, earliest, latest, precision, approximate)


def day(y: int, m: int, d: int) -> Interval:
    date(y, m, d)  # raises ValueError for 31 February
    return make(f"{y:04d}-{m:02d}-{d:02d}", "day")


def month(y: int, m: int) -> Interval:
    return make(f"{y:04d}-{m:02d}", "month")


def year(y: int) -> Interval:
    return make(f"{y:04d}", "year")


def season(y: int, first_month: int, last_month: int, code: int) -> Interval:
    if first_month > last_month:  # winter runs into the next year
        return make(f"{y:04d}-{first_month:02d}/{y + 1:04d}-{last_month:02d}", "season")
    return make(f"{y:04d}-{code}", "season")


def part_of_year(y: int, part: int) -> Interval:
    """Early / mid / late in a year: January-April, May-August, September-December."""
    return make(f"{y:04d}-{36 + part}", "month")


def week_of_month(y: int, m: int, week: int | None) -> Interval:
    """The first, second, ... week of a month as its days 1-7, 8-14, ...; None: its last seven days."""
    last = calendar.monthrange(y, m)[1]
    first_day = last - 6 if week is None else 7 * (week - 1) + 1
    return span(date(y, m, first_day), date(y, m, min(first_day + 6, last)), "day")


def day_of_month(y: int, m: int, first: bool) -> Interval:
    """The first or the last day of a month."""
    return on_day(date(y, m, 1 if first else calendar.monthrange(y, m)[1]))


def part_of_month(y: int, m: int, part: int) -> Interval:
    """Early / mid / late in a month: days 1-10, 11-20, 21 to the end."""
    last = calendar.monthrange(y, m)[1]
    first_day, last_day = {1: (1, 10), 2: (11, 20), 3: (21, last)}[part]
    return span(date(y, m, first_day), date(y, m, last_day), "day")


def decade(start: int, part: int | None = None) -> Interval:
    """The 1960s ('196X'), or a third of it: years 0-3, 4-6, 7-9."""
    if part is None:
        return make(f"{start // 10:03d}X", "decade")
    first, last = {1: (0, 3), 2: (4, 6), 3: (7, 9)}[part]
    return make(f"{start + first:04d}/{start + last:04d}", "decade")


def century(number: int, part: int | None = None) -> Interval:
    """The twentieth century ('19XX'), or a third of it: years 0-33, 34-66, 67-99."""
    base = (number - 1) * 100
    if part is None:
        return make(f"{base // 100:02d}XX", "century")
    first, last = {1: (0, 33), 2: (34, 66), 3: (67, 99)}[part]
    return make(f"{base + first:04d}/{base + last:04d}", "century")


def _edge(d: date, end: bool) -> str:
    """The shortest EDTF date that has `d` as its first (or last) day."""
    if (d.month, d.day) == ((12, 31) if end else (1, 1)):
        return f"{d.year:04d}"
    if d.day == (calendar.monthrange(d.year, d.month)[1] if end else 1):
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def span(earliest: date, latest: date, precision: str, approximate: bool = False) -> Interval:
    """The interval from one day to another, written as compactly as EDTF allows."""
    start, end = _edge(earliest, False), _edge(latest, True)
    expression = start if start == end else f"{start}/{end}"
    if approximate:
        expression = "/".join(part + "~" for part in expression.split("/"))
    return make(expression, precision, approximate=False) if not approximate else \
        Interval(expression, *bounds(expression), precision, True)


def between(first: Interval, last: Interval) -> Interval:
    """From the start of one expression to the end of another ("between 1967 and early 1969")."""
    finer = min(PRECISIONS.index(first.precision), PRECISIONS.index(last.precision))
    return span(first.earliest, last.latest, PRECISIONS[finer], first.approximate or last.approximate)


def before(point: Interval, inclusive: bool) -> Interval:
    """An open start: 'before the end of 1966' (inclusive) or 'before 1966'."""
    latest = point.latest if inclusive else point.earliest - timedelta(days=1)
    return Interval(f"../{latest.isoformat()}", None, latest, point.precision, point.approximate)


def since(point: Interval) -> Interval:
    """An open end: 'since 1965'."""
    return Interval(f"{point.earliest.isoformat()}/..", point.earliest, None, point.precision, point.approximate)


def after(point: Interval) -> Interval:
    """An open end starting once the point is over: 'after 1968'."""
    earliest = point.latest + timedelta(days=1)
    return Interval(f"{earliest.isoformat()}/..", earliest, None, point.precision, point.approximate)


def approximately(point: Interval) -> Interval:
    """The same interval marked approximate (EDTF '~')."""
    if point.edtf is None or point.approximate:
        return point
    if "/" in point.edtf or "X" in point.edtf or point.precision == "season":
        return span(point.earliest, point.latest, point.precision, True)
    return make(point.edtf, point.precision, approximate=True)


def unknown(precision: str = "day") -> Interval:
    """A relative expression with nothing to anchor it: null bounds, never a guess."""
    return Interval(None, None, None, precision)


def _shift_day(ref: date, unit: str, amount: int) -> Interval:
    if unit == "year":
        return year(ref.year + amount)
    if unit == "decade":
        return decade((ref.year + 10 * amount) // 10 * 10)
    if unit == "century":
        return century((ref.year + 100 * amount) // 100 + 1)
    if unit == "month":
        index = ref.year * 12 + ref.month - 1 + amount
        return month(index // 12, index % 12 + 1)
    if unit == "week":
        start = ref - timedelta(days=ref.weekday()) + timedelta(weeks=amount)
        return span(start, start + timedelta(days=6), "day")
    moved = ref + timedelta(days=amount)
    return day(moved.year, moved.month, moved.day)


def shift(anchor: Interval, unit: str, amount: int) -> Interval:
    """The whole unit(s) `amount` units from the anchor ("three years later" after "in 1966"):
    from the unit around the anchor's first day to the one around its last day."""
    first, last = _shift_day(anchor.earliest, unit, amount), _shift_day(anchor.latest, unit, amount)
    return first if first == last else between(first, last)


def same(anchor: Interval, unit: str) -> Interval:
    """The unit that contains the anchor ("that same month")."""
    return shift(anchor, unit, 0)


def quarter(y: int, q: int) -> Interval:
    """A quarter of a year (EDTF sub-year groupings 33-36)."""
    return make(f"{y:04d}-{32 + q}", "month")


def half(y: int, h: int) -> Interval:
    """A half of a year (EDTF semesters 40-41)."""
    return make(f"{y:04d}-{39 + h}", "month")


def week(d: date) -> Interval:
    """The Monday-to-Sunday week around a day."""
    start = d - timedelta(days=d.weekday())
    return span(start, start + timedelta(days=6), "day")


def weekend(d: date) -> Interval:
    """The Saturday and Sunday of the week around a day."""
    saturday = d - timedelta(days=d.weekday()) + timedelta(days=5)
    return span(saturday, saturday + timedelta(days=1), "day")


def on_day(d: date) -> Interval:
    """A single day."""
    return day(d.year, d.month, d.day)


def clock(d: date, hour: int, minute: int) -> Interval:
    """A time of day: EDTF date and time, bounded by its day (days are the finest bounds kept)."""
    return Interval(f"{d.isoformat()}T{hour:02d}:{minute:02d}:00", d, d, "day")


def years_apart(point: Interval, years: int) -> Interval:
    """The same stretch of the calendar `years` years away ("the year-earlier quarter")."""
    def move(d: date) -> date:
        target = d.year + years
        return date(target, 2, 29 if calendar.isleap(target) else 28) if (d.month, d.day) == (2, 29) else d.replace(year=target)

    earliest, latest = move(point.earliest), move(point.latest)
    if point.edtf and "-" in point.edtf and point.edtf[5:7] in ("33", "34", "35", "36", "40", "41"):
        return make(f"{earliest.year:04d}{point.edtf[4:7]}", point.precision)
    if point.precision == "season" and point.edtf and point.edtf[5:7] in ("21", "22", "23"):
        return make(f"{earliest.year:04d}{point.edtf[4:7]}", "season")
    return span(earliest, latest, point.precision)
