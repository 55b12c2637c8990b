"""Readers of the periods that reports count in: quarters and halves ("the third quarter", "the
second half of next year"), and the periods named before ("the quarter", "the latest period", "the
year-ago quarter"), read from the last period the text named or from the document's date."""
from __future__ import annotations

import re
from datetime import timedelta

from . import intervals as iv
from .intervals import Interval
from .numbers import parse_number
from .time_context import Reading, year_less
from .time_grammar import lexicon
from .time_points import ordinal_number


def pointer(word: str | None) -> int | None:
    """Which way a pointer word counts: -1 ("last"), 0 ("this"), 1 ("next", "the following")."""
    if word is None:
        return None
    word = " ".join(word.lower().split())
    return lexicon()["pointers"].get(word, lexicon()["told_pointers"].get(word))


def read_period(m, ctx):
    """"The quarter", "the latest period", "the year-ago quarter", "the 1988 period"."""
    named = ctx.anchors.named.get(ctx.region)
    if m["pyear"]:  # "the 1988 period": the period named last, in that year
        year = int(m["pyear"])
        return Reading(iv.years_apart(named, year - named.earliest.year) if named else iv.year(year), derived=True)
    kind = lexicon()["period_refs"][" ".join(m["period"].lower().split())]
    quarter_named = named if named is not None and _is_quarter(named) else None
    present = ctx.anchors.present(ctx.quoted)
    if kind == "year-ago":
        quarterly = "quarter" in m["period"].lower()
        # "the year-ago quarter" after "in December": a month named is no quarter to count back from
        base = named if not quarterly or is_quarter_or_half(named) else None
        return Reading(_year_ago(base, present, quarterly), relative=True, derived=True)
    if kind == "named" and named is not None and ("period" in m["period"].lower() or quarter_named):
        return Reading(named, relative=True)
    over = present is None or present.earliest is None or \
        (quarter_named is not None and quarter_named.latest is not None and quarter_named.latest < present.earliest)
    if quarter_named is not None and (kind == "named" or (kind == "latest" and over)):
        return Reading(quarter_named, relative=True)  # the latest quarter is one already over
    if present is None or present.earliest is None:
        return Reading(iv.unknown("month"), relative=True)
    day = present.earliest
    current = iv.quarter(day.year, (day.month - 1) // 3 + 1)
    if kind == "current":
        return Reading(current, relative=True)
    before = current.earliest - timedelta(days=1)
    return Reading(iv.quarter(before.year, (before.month - 1) // 3 + 1), relative=True)


def _year_ago(named: Interval | None, present: Interval | None, quarter: bool) -> Interval:
    """The period named, a year before; without one, a year before the writing: the year ("the
    year-ago results"), or the quarter last over ("the year-earlier quarter")."""
    if named is not None:
        return iv.years_apart(named, -1)
    if present is None or present.earliest is None:
        return iv.unknown("month")
    if not quarter:
        return iv.shift(present, "year", -1)
    day = present.earliest
    index = day.year * 4 + (day.month - 1) // 3 - 1  # the quarter before the one under way
    return iv.years_apart(iv.quarter(index // 4, index % 4 + 1), -1)


def _is_quarter(interval: Interval) -> bool:
    return bool(interval.edtf) and re.fullmatch(r"\d{4}-3[3-6]", interval.edtf) is not None


def is_quarter_or_half(interval: Interval | None) -> bool:
    """Whether an interval is a quarter or a half of a year (EDTF 33-36, 40-41)."""
    return interval is not None and bool(interval.edtf) and re.fullmatch(r"\d{4}-(?:3[3-6]|4[01])", interval.edtf) is not None


def read_quarter(m, ctx):
    """"The third quarter", "the first half of next year", "the first two quarters of 1990"."""
    if m["qcount"]:  # "the first two quarters of 1990": from its first day to the end of the last quarter counted
        year, count = int(m["qcy"]), int(parse_number(m["qcount"]))
        return Reading(iv.half(year, 1) if count == 2 else iv.between(iv.quarter(year, 1), iv.quarter(year, count)))
    if m["hn"]:
        half = ordinal_number("halves", m["hn"])
        make = (lambda y: iv.half(y, half))
    else:
        number = ordinal_number("quarters", m["qn"])
        make = (lambda y: iv.quarter(y, number))
    word = m["qy"] or m["qy2"] or m["hy"] or m["hy2"]
    if word:  # "next year's first quarter", "the second half of last year": counted from the writing
        present = ctx.anchors.present(ctx.quoted)
        if present is None:
            return Reading(iv.unknown("month"), relative=True)
        return Reading(make(present.earliest.year + pointer(word)), relative=True)
    return year_less(make, ctx, "month")
