"""Readers of expressions that name their place in the calendar: dates and ranges of dates, bounds
("before 1968"), approximate dates, clock times, military date-time groups and holidays (a day or a
holiday without its year takes the year its context gives)."""
from __future__ import annotations

import re
from datetime import date, timedelta

from . import holidays
from . import intervals as iv
from .intervals import Interval
from .time_context import Reading, year_less
from .time_grammar import lexicon
from .time_points import full_year, month_number, parse_point


def _year_range(text: str) -> Interval:
    first, second = re.split(r"\s*[-–—]\s*", text.strip(), maxsplit=1)
    last = int(second) if len(second) == 4 else int(first[:2] + second)
    return iv.between(iv.year(int(first)), iv.year(last))


def _end(text: str, ref_year: int | None) -> Interval | None:
    if re.fullmatch(r"\d{4}\s*[-–—]\s*\d{2,4}", text.strip()):
        return _year_range(text)
    return parse_point(text, ref_year=ref_year)


def _read_range(m, ctx):
    last = _end(m["rb"], ctx.ref_year())
    first = parse_point(m["ra"], last.latest.year if last else None, ctx.ref_year()) if last else None
    if first and last and first.earliest > last.latest and not re.search(r"\d{4}", m["ra"]):
        first = parse_point(m["ra"], last.latest.year - 1, ctx.ref_year())  # "from December to March 1969"
    if not first or not last or first.earliest > last.latest:
        return None
    return Reading(iv.between(first, last))


def _read_day_range(m, ctx):
    if m["drm"]:
        month, days, year = month_number(m["drm"]), (int(m["drd1"]), int(m["drd2"])), int(m["dry"])
    elif m["drm2"]:
        month, days, year = month_number(m["drm2"]), (int(m["drd3"]), int(m["drd4"])), int(m["dry2"])
    elif m["dry3"]:
        year = int(m["dry3"])
        first, last = iv.month(year, month_number(m["drm3"])), iv.month(year, month_number(m["drm4"]))
        return Reading(iv.between(first, last)) if first.earliest <= last.latest else None
    elif m["dry4"] or m["dry5"]:  # "between 10 and 15 February 1968", "from May 3 to 9, 1968"
        month, year = month_number(m["drm7"] or m["drm8"]), int(m["dry4"] or m["dry5"])
        days = (int(m["drd9"] or m["drd11"]), int(m["drd10"] or m["drd12"]))
    else:  # "March 6–7", "28–29 March", "the night of 30/31 January": the year the anchor and tense give
        month = month_number(m["drm5"] or m["drm6"] or m["drm7"] or m["drm8"])
        days = (int(m["drd5"] or m["drd7"] or m["drd9"] or m["drd11"]), int(m["drd6"] or m["drd8"] or m["drd10"] or m["drd12"]))
        if not 1 <= days[0] < days[1] <= 31:
            return None
        return year_less(lambda y: iv.between(iv.day(y, month, days[0]), iv.day(y, month, days[1])), ctx, "day")
    if days[0] > days[1]:
        return None
    try:
        return Reading(iv.between(iv.day(year, month, days[0]), iv.day(year, month, days[1])))
    except ValueError:
        return None


def _read_year_range(m, ctx):
    result = _year_range(m["yrange"])
    return Reading(result) if result.earliest <= result.latest else None


def _read_file_month(m, ctx):
    """A file's span in an archival citation, month and two-digit year ("Vol. I, to 9–69": the last
    month the file covers; "1/69–9/69": its first and last); the century is the anchor's."""
    ref = ctx.ref_year()
    if ref is None:
        return Reading(iv.unknown("month"), relative=True)
    ends = [(m["fm1"], m["fy1"]), (m["fm2"], m["fy2"])] if m["fm1"] else [(m["fm"], m["fy"])]
    months = [iv.month(full_year(year, ref), int(month)) for month, year in ends]
    if months[0].earliest > months[-1].latest:
        return None
    return Reading(iv.between(months[0], months[-1]) if len(months) > 1 else months[0], filed=True)


def _read_bound(m, ctx):
    point = parse_point(m["bp"], ref_year=ctx.ref_year())
    if point is None:
        return None
    return _bounded(m["kw"].lower(), point, inclusive=bool(m["endof"]))


def _bounded(word: str, point: Interval, inclusive: bool, **kw) -> Reading:
    """The open interval a preposition of time makes of a point: before, until/till, since, after."""
    if word == "before":
        return Reading(iv.before(point, inclusive=inclusive), **kw)
    if word in ("until", "till"):
        return Reading(iv.before(point, inclusive=True), until=point, **kw)
    if word == "since":
        return Reading(iv.since(point), since=point, **kw)
    return Reading(iv.after(point), **kw)


_SENTENCE_END = re.compile(r"[.!?][\"'’”)]*\s+[\"'‘“(]?[A-Z]")


def _read_then(m, ctx):
    """"Since then", "until then", "by then": bounded by the last time told, when it was told in
    this sentence or the one before; further back, "then" is more likely the time of an undated
    event told since ("ever since IBM picked the chip ... Since then"), and stays unknown. "By
    then" is that time itself, the time by which the clause holds."""
    told_at, point = ctx.anchors.last_told.get(ctx.region, (None, None))
    near = told_at is not None and told_at <= m.start() and len(_SENTENCE_END.findall(m.string, told_at, m.start())) <= 1
    if not near or point is None:
        return Reading(iv.unknown("day"), relative=True)
    word = m["tkw"].lower()
    if word == "by":
        return Reading(point, relative=True, derived=True)
    return _bounded(word, point, inclusive=False, relative=True, derived=True)


def _read_approx(m, ctx):
    point = parse_point(m["ap"], ref_year=ctx.ref_year())
    return Reading(iv.approximately(point)) if point else None


_NOUN_AFTER = re.compile(r"\s+([a-z]+)\b")
_ARTICLE_BEFORE = re.compile(r"\b(?i:the|a|an|at)\s+$")


def _military_clock(m, ctx) -> tuple[int, int] | None:
    """'The 1400 meeting': a four-digit number between an article and a thing held at a time, that
    reads as a 24-hour clock and lies far from the anchor's year, is the time the thing is held (in
    a paper of 1971, "the 1945 conference" is still a year's)."""
    text = m["point"]
    if not (text.isdigit() and len(text) == 4 and int(text[:2]) <= 23 and int(text[2:]) <= 59) or \
            not _ARTICLE_BEFORE.search(m.string[max(0, m.start() - 4):m.start()]):
        return None
    noun = _NOUN_AFTER.match(m.string, m.end())
    ref = ctx.ref_year()
    if noun is None or noun.group(1) not in lexicon()["scheduled_nouns"] or ref is None or \
            abs(int(text) - ref) <= lexicon()["near_years"]:
        return None
    return int(text[:2]), int(text[2:])


def _read_point(m, ctx):
    clock = _military_clock(m, ctx)
    if clock is not None:
        day = ctx.anchors.day(ctx.region, ctx.quoted)
        return Reading(iv.clock(day, *clock) if day else iv.unknown("day"), relative=True, clock=clock)
    point = parse_point(m["point"], ref_year=ctx.ref_year())
    if point is None and re.search(r"['’]\d{2}\b|\b\d{2}$", m["point"]):
        return Reading(iv.unknown("day"), relative=True)  # a two-digit year and nothing to place it by
    return Reading(point) if point else None


def _read_clock(m, ctx):
    if m["cnoon"]:
        hour, minute = (12, 0) if m["cnoon"].lower() == "noon" else (0, 0)
    elif m["cmil"]:
        hour, minute = int(m["cmil"][:2]), int(m["cmil"][2:])
    else:
        hour, minute = int(m["ch"] or m["ch2"]), int(m["cm"] or m["cm2"] or 0)
        if m["ampm"]:
            if hour > 12:
                return None
            hour = hour % 12 + (12 if m["ampm"].lower().startswith("p") else 0)
    day = ctx.anchors.day(ctx.region, ctx.quoted)
    interval = iv.clock(day, hour, minute) if day else iv.unknown("day")
    return Reading(interval, relative=True, clock=(hour, minute))


def _read_dtg(m, ctx):
    """A military date-time group ("231200Z JAN 68": day, hour and minute, Zulu time, then month and
    year): without a month, the day is the latest such day of the month on or before the anchor."""
    day, hour, minute = int(m["dtgd"]), int(m["dtgh"]), int(m["dtgm"])
    if not 1 <= day <= 31:
        return None
    if m["dtgmon"]:
        month = month_number(m["dtgmon"])
        year = full_year(m["dtgy"], ctx.ref_year()) if m["dtgy"] else None
        if year is None:
            return year_less(lambda y: iv.day(y, month, day), ctx, "day")
        try:
            return Reading(iv.clock(date(year, month, day), hour, minute), clock=(hour, minute))
        except ValueError:
            return None
    anchor = ctx.anchors.day(ctx.region, ctx.quoted)
    if anchor is None:
        return Reading(iv.unknown("day"), relative=True)
    for back in range(3):  # this month, else the months before (31 only in some)
        year, month = (anchor.year * 12 + anchor.month - 1 - back) // 12, (anchor.month - 1 - back) % 12 + 1
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found <= anchor + timedelta(days=1):
            return Reading(iv.clock(found, hour, minute), relative=True, clock=(hour, minute))
    return None


def _read_holiday(m, ctx):
    name = m["holiday"]
    return year_less(lambda y: iv.on_day(holidays.day_of(name, y)), ctx, "day")


READERS = {
    "range": _read_range, "drange": _read_day_range, "yrange": _read_year_range, "fmonth": _read_file_month, "bound": _read_bound, "then": _read_then,
    "approx": _read_approx, "point": _read_point, "clock": _read_clock, "dtg": _read_dtg, "holiday": _read_holiday,
}
