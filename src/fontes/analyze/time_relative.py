"""Readers of expressions placed from their anchors: weekdays and "today", year-less months, days and
seasons, "next year" and "the end of the month", quarters and periods named before, "the 3rd",
"the same year", "the sixties", and "three years later"; quarters and periods named before are in
time_periods.py."""
from __future__ import annotations

import re
from datetime import date, timedelta

from . import intervals as iv
from .anchors import FUTURE, PAST, choose, weekdays_around
from .intervals import Interval
from .numbers import parse_number
from .time_context import Reading, year_less
from .time_grammar import lexicon
from .time_periods import is_quarter_or_half, pointer, read_period, read_quarter
from .time_points import month_number, ordinal_number, part_number, season


def _read_unit(m, ctx):
    present = ctx.anchors.present(ctx.quoted)
    if m["wkend"]:
        return _weekend(ctx, pointer(m["wkp"]) if m["wkp"] else None)
    if m["um2"]:
        if present is None:
            return Reading(iv.unknown("month"), relative=True)
        year, month = present.earliest.year + pointer(m["up2"]), month_number(m["um2"])
        if m["ud2"]:  # "Feb. 3 last year"
            try:
                return Reading(iv.day(year, month, int(m["ud2"])), relative=True)
            except ValueError:
                return None
        return Reading(iv.month(year, month), relative=True)
    towards = pointer(m["up"] or m["up1"]) if (m["up"] or m["up1"]) else 0
    if not (m["up"] or m["up1"] or m["um"]):  # "the year", "the end of the month": the narrative's, else the present's
        present = ctx.narrative or present
        told = ctx.anchors.told_day(ctx.region)
        if m["uu3"] and m["uu3"].lower() == "week" and told is not None:
            present = iv.on_day(told)  # "The market fell Friday. For the week, ...": Friday's week
    if m["yend"] or m["uu3"]:
        if present is None or present.earliest is None:
            return Reading(iv.unknown("year"), relative=True)
        unit = "year" if m["yend"] else m["uu3"].lower()
        return _narrowed(Reading(iv.shift(present, unit, 0), relative=True), "the end of" if m["yend"] else None)
    if m["um"]:
        month = month_number(m["um"])
        found = year_less(lambda y: iv.month(y, month), ctx, "month", towards)
        return _narrowed(_past_the_neighbour(found, ctx, (m["up"] or m["up1"] or "").lower()), m["upart"])
    unit = " ".join(m["uu"].lower().split())
    if lexicon()["calendar_units"].get(unit) == "weekend":
        return _weekend(ctx, towards)
    if unit in lexicon()["seasons"]:
        found = year_less(lambda y: season(unit, y), ctx, "season", towards)
        return _narrowed(found, m["upart"])
    if present is None or present.earliest is None:
        return Reading(iv.unknown(lexicon()["calendar_units"][unit]), relative=True)
    unit = lexicon()["calendar_units"][unit]
    if unit == "quarter":
        day = present.earliest
        index = day.year * 4 + (day.month - 1) // 3 + towards
        found = Reading(iv.quarter(index // 4, index % 4 + 1), relative=True)
    else:
        found = Reading(iv.shift(present, unit, towards), relative=True)
    return _narrowed(found, m["upart"])


def _past_the_neighbour(found: Reading, ctx, pointer_word: str) -> Reading:
    """"Last February" written in March is not the month just ended (that is "last month") but the
    February of a year before; "next April" written in March is the April of the year after. Across
    the turn of a year the month beside it is meant ("last December" written in January)."""
    step = {"last": -1, "next": 1}.get(pointer_word)
    ref = ctx.calendar_ref()
    interval = found.interval
    if step is None or ref is None or ref.earliest is None or not interval.closed:
        return found
    neighbour = iv.shift(iv.month(ref.earliest.year, ref.earliest.month), "month", step)
    if (interval.earliest, interval.latest) != (neighbour.earliest, neighbour.latest) or \
            interval.earliest.year != ref.earliest.year:
        return found
    return Reading(iv.years_apart(interval, step), relative=True)


def _narrowed(found: Reading, part_word: str | None) -> Reading:
    """Early, mid or late in a year or month is its third ("early next year"); "earlier this month"
    and parts of other units keep the whole unit."""
    interval = found.interval
    if not part_word or not interval.closed or part_word.lower() in lexicon()["softeners"]:
        return found
    part = part_number(part_word)
    if interval.precision == "year":
        return Reading(iv.part_of_year(interval.earliest.year, part), relative=True)
    if interval.precision == "month" and interval.earliest.day == 1 and interval.latest.month == interval.earliest.month:
        return Reading(iv.part_of_month(interval.earliest.year, interval.earliest.month, part), relative=True)
    return found


def _weekend(ctx, pointer: int | None):
    """The Saturday and Sunday meant: "last" and "next" step over the anchor, "the" goes the way the
    tense goes ("rallied over the weekend"); "this weekend" is the one of the anchor's week, unless the
    past tense says it is over ("will meet this weekend" written on a Wednesday; "rallied this weekend"
    written on a Monday)."""
    day = ctx.anchors.day(ctx.region, ctx.quoted)
    if day is None:
        return Reading(iv.unknown("day"), relative=True)
    if pointer == 0 and ctx.direction != PAST:
        return Reading(iv.weekend(day), relative=True)
    candidates = [iv.weekend(day + timedelta(weeks=k)) for k in (-1, 0, 1)]
    return Reading(choose(candidates, day, ctx.direction, pointer or None), relative=True)


def _read_weekday(m, ctx):
    day = ctx.anchors.day(ctx.region, ctx.quoted)
    if m["wp"] and " ".join(m["wp"].lower().split()) in lexicon()["pointers_from_told"]:
        # "down 4.5% from the previous Friday" after a Friday's trading: the one before the day told of
        day = ctx.anchors.told_day(ctx.region) or day
    if day is None:
        return Reading(iv.unknown("day"), relative=True)
    weekday = lexicon()["weekdays"][m["wd"].lower()]

    def again(other: date, direction: int) -> Interval | None:
        return choose(weekdays_around(weekday, other), other, direction)

    # a weekday after a date of the narrative is the next such day ("On 9 August ... On Friday")
    direction = FUTURE if ctx.anchors.moved(ctx.region) else ctx.direction
    found = choose(weekdays_around(weekday, day), day, direction, pointer(m["wp"]) if m["wp"] else None)
    return Reading(found or iv.unknown("day"), relative=True, again=again)


_OF_BEFORE = re.compile(r"[A-Za-z]{3,}\s+of\s+$")
_POSSESSIVE_AFTER = re.compile(r"['’]s\s+(\w+)")


def _is_era(m) -> bool:
    """"The cities of tomorrow", "today's world", "by today's standards": the present or the future as
    an age, not the day of writing or the one after it."""
    word = m["dw"].lower()
    if m["dsoft"] or m["dtod"] or word not in ("today", "tomorrow"):
        return False
    noun = _POSSESSIVE_AFTER.match(m.string, m.end())
    if noun is not None:  # "part of today's program" is today's: the noun after it decides
        return noun.group(1).lower() in lexicon()["era_nouns"]
    return bool(_OF_BEFORE.search(m.string, max(0, m.start() - 30), m.start()))


def _read_day_word(m, ctx):
    if _is_era(m):
        return Reading(iv.unknown("vague"))
    days = lexicon()["days"]
    offset = days[" ".join(m["dw"].lower().split())]
    today = ctx.anchors.today(ctx.quoted, ctx.region)
    if today is None:
        return Reading(iv.unknown("day"), relative=True)
    return Reading(iv.on_day(today + timedelta(days=offset)), relative=True)


def _read_day_of(m, ctx):
    """"Today is the eighth day of the blockade", "it's the second day of the strike": the day of
    writing; "later in the day", "in the morning", "by mid-afternoon": the day last told of, else the day
    of writing."""
    today = ctx.anchors.today(ctx.quoted, ctx.region)
    told = ctx.anchors.told_day(ctx.region)
    published = ctx.anchors.published
    ahead = told is not None and published is not None and told > published.latest
    if m["dpart"] and ctx.direction != PAST and not ahead:
        # "he works in the evening", "will land in the morning": no day said, unless a day to come was
        # just told of ("the meeting tomorrow ... keep it brief in the morning")
        return Reading(iv.unknown("day"), relative=True)
    if ahead and ctx.direction == PAST:
        told = None  # "had asked earlier in the morning" after a meeting set for next week: no day to come
    day = (told or today) if m["inday"] or m["dpart"] else today
    return Reading(iv.on_day(day) if day else iv.unknown("day"), relative=True)


def _read_month_day(m, ctx):
    month, day = month_number(m["mdm"] or m["mdm2"]), int(m["mdd"] or m["mdd2"])
    if not 1 <= day <= 31:
        return None
    return year_less(lambda y: iv.day(y, month, day), ctx, "day")


def _read_nth_day(m, ctx):
    """"On the 3rd", "until the 25th": that day of the month the narrative is in, else of the month
    the tense gives from the anchor."""
    number = int(m["nthd"])
    narrative = ctx.narrative
    if narrative is not None and narrative.closed and narrative.precision == "month" and \
            narrative.earliest.month == narrative.latest.month:
        try:
            return Reading(iv.day(narrative.earliest.year, narrative.earliest.month, number), relative=True, dated=True)
        except ValueError:
            return None
    told = narrative is not None and narrative.closed and narrative.earliest == narrative.latest
    ref = narrative if told else ctx.calendar_ref()
    if ref is None or ref.earliest is None or ref.earliest != ref.latest:
        return Reading(iv.unknown("day"), relative=True)
    anchor = ref.earliest
    candidates = []
    for shift in (-1, 0, 1):
        year, month = divmod(anchor.year * 12 + anchor.month - 1 + shift, 12)
        try:
            candidates.append(iv.day(year, month + 1, number))
        except ValueError:
            candidates.append(None)
    found = choose(candidates, anchor, ctx.direction)
    if told:  # after a day of the narrative ("left on May 2 and was back on the 9th") the story goes forward,
        # though what the past tense tells cannot lie after the writing
        published = ctx.anchors.published
        ahead = [c for c in candidates if c is not None and c.latest >= anchor and not (
            ctx.direction == PAST and published is not None and c.earliest > published.latest)]
        found = ahead[0] if ahead else found
    return Reading(found, relative=True, dated=True) if found else None


def _read_week_of_month(m, ctx):
    """"The first week of January" (its days 1-7), "the last week of May" (its last seven days), "the
    first / last day of December"; in the year written, else the year the context gives."""
    month, order = month_number(m["mwm"]), m["mwo"].lower()
    if m["mwu"] == "day":
        if order not in ("first", "last"):
            return None
        make = (lambda y: iv.day_of_month(y, month, order == "first"))
    else:
        week = None if order == "last" else ordinal_number("ordinals", order)
        make = (lambda y: iv.week_of_month(y, month, week))
    if m["mwy"]:
        return Reading(make(int(m["mwy"])))
    return year_less(make, ctx, "day")


def _read_week_of(m, ctx):
    """"The week of January 22" (its Monday-to-Sunday week), "the week ending January 27" (the seven
    days up to it), "the week beginning May 3" (the seven days from it); the year written, else the one
    the context gives."""
    month, number = month_number(m["wkm"] or m["wkm2"]), int(m["wkd"] or m["wkd2"])
    relation = m["wkrel"].lower()

    def make(year: int) -> Interval:
        day = date(year, month, number)
        if relation == "of":
            return iv.week(day)
        if relation in ("ending", "ended"):
            return iv.span(day - timedelta(days=6), day, "day")
        return iv.span(day, day + timedelta(days=6), "day")

    if m["wky"]:
        try:
            return Reading(make(int(m["wky"])))
        except ValueError:
            return None
    return year_less(make, ctx, "day")


def _read_month_part(m, ctx):
    month, part = month_number(m["mpm"]), part_number(m["mpp"])
    return year_less(lambda y: iv.part_of_month(y, month, part), ctx, "day")


def _read_season(m, ctx):
    name = m["ss"].lower()
    return year_less(lambda y: season(name, y), ctx, "season")


def _read_month(m, ctx):
    month = month_number(m["month"])
    return year_less(lambda y: iv.month(y, month), ctx, "month")


def _read_decade_short(m, ctx):
    digit = int(m["dsd"]) if m["dsd"] else lexicon()["decade_words"][m["dsw"].lower()]
    part = m["dsp"] or m["dsp2"]
    year = ctx.ref_year()
    if year is None:
        return Reading(iv.unknown("decade"), relative=True)
    start = year // 100 * 100 + digit * 10
    start -= 100 if start > year else 0
    return Reading(iv.decade(start, part_number(part) if part else None), relative=True)


def _read_same(m, ctx):
    """"That same month", "the following year", "the day before": the unit of the narrative's last
    date, or the one after or before it. A day is counted from the day last told of, weekdays
    included ("arrived Monday; the next day ..."); with nothing told, "the day before" is the day
    before the writing, as "a day earlier" is, while a day after or the same day stays unknown."""
    unit = (m["su"] or m["su2"] or m["su3"]).lower()
    unit = "day" if unit in lexicon()["day_parts"] else unit  # "the following morning", "that night"
    words = set(m["same"].lower().split())
    amount = 1 if words & {"following", "next", "after"} else -1 if words & {"previous", "preceding", "before"} else 0
    anchor = ctx.narrative
    told = ctx.anchors.told_day(ctx.region) if unit == "day" else None
    if told is not None:
        anchor = iv.on_day(told)
    if anchor is None and amount < 0:
        anchor = ctx.anchors.present(ctx.quoted)
    if anchor is None or anchor.earliest is None:
        return Reading(iv.unknown(unit), relative=True)
    return Reading(iv.shift(anchor, unit, amount), relative=True)


def _read_later(m, ctx):
    unit = lexicon()["units"][m["lu"].lower()]
    amount = parse_number(m["n"]) if not m["n"].lower().startswith(("a few", "several")) else None
    direction = " ".join(m["dir"].lower().split())
    ahead = direction in ("hence", "from now", "from today")  # counted from the writing, as "ago" is
    sign = -1 if direction in ("earlier", "before", "ago") else 1
    named = ctx.anchors.named.get(ctx.region)
    if amount is not None and unit == "year" and is_quarter_or_half(named) and direction in ("earlier", "ago", "before"):
        # "a year earlier" beside a quarter: the same quarter, a year before
        return Reading(iv.years_apart(named, -int(amount)), relative=True, derived=True)
    base = ctx.anchors.present(ctx.quoted) if direction == "ago" or ahead else ctx.narrative
    if base is None and sign < 0:  # "a year earlier" with no date before it: a year before the writing
        base = ctx.anchors.present(ctx.quoted)
    if amount is None or base is None or base.earliest is None:
        return Reading(iv.unknown(unit), relative=True)
    result = iv.shift(base, unit, sign * int(amount))
    return Reading(iv.approximately(result) if m["lh"] else result, relative=True)


READERS = {
    "period": read_period, "quarter": read_quarter, "unit": _read_unit, "wday": _read_weekday,
    "dword": _read_day_word, "dayof": _read_day_of, "md": _read_month_day, "nth": _read_nth_day,
    "mpart": _read_month_part, "wkof": _read_week_of, "mweek": _read_week_of_month, "month": _read_month,
    "sless": _read_season, "dshort": _read_decade_short, "same": _read_same, "later": _read_later,
}
