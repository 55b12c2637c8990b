"""What a matched time expression means: its interval, read against its anchors.

Expressions that carry their year are read alone (`parse_point`); the others are read against the
anchors (anchors.py): the document's own date, the narrative's last date, the last period named,
and the tense of the clause. Durations, sets and vague references ("three years", "every week",
"now") have no place in the calendar: their interval is empty, with the kind as its precision.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from collections.abc import Callable

from . import holidays
from . import intervals as iv
from .anchors import FUTURE, PAST, UNKNOWN, Anchors, choose, in_years_around, weekdays_around
from .intervals import Interval
from .numbers import parse_number
from .time_grammar import lexicon, point_patterns

# Kinds whose reading depends on the tense of their clause.
TENSED = {"wday", "md", "nth", "drange", "mpart", "month", "quarter", "holiday", "unit", "sless"}
# Kinds with no calendar place, stored with empty bounds and this precision.
UNPLACED = {"duration": "duration", "set": "set", "vague": "vague"}


@dataclass
class Context:
    """Where an expression stands: its anchors and region, whether it is quoted speech, and its
    clause's tense."""

    anchors: Anchors
    region: str = "body"
    quoted: bool = False
    direction: int = UNKNOWN

    @property
    def narrative(self) -> Interval | None:
        return self.anchors.narrative.get(self.region)

    def calendar_ref(self) -> Interval | None:
        """What a year-less date is read against: the narrative where it moved, else the writer's present."""
        return self.anchors.moved(self.region) or self.anchors.present(self.quoted) or \
            (self.narrative if self.anchors.published is None else None)

    def ref_year(self) -> int | None:
        ref = self.calendar_ref() or self.narrative
        return ref.earliest.year if ref and ref.earliest else None


@dataclass
class Reading:
    """An interval with what the merging of neighbours needs: the same words placed from another day
    (a year-less date or a weekday beside another date: "December to March 1969", "Monday through
    Friday") and a clock time."""

    interval: Interval
    relative: bool = False
    again: Callable[[date, int], Interval | None] | None = None
    dated: bool = False  # a date written without its year: it moves the narrative
    clock: tuple[int, int] | None = None
    until: Interval | None = None
    derived: bool = False  # counted from another period ("a year earlier"): it names no period itself


def full_year(text: str, ref_year: int | None) -> int | None:
    """A year as written; in words ("nineteen sixty-eight"); a two-digit one ('68, 68) in the
    century that puts it nearest the anchor."""
    if re.search(r"[a-zA-Z]", text):
        return spelled_year(text)
    digits = text.lstrip("'’")
    if len(digits) == 4:
        return int(digits)
    if ref_year is None:
        return None
    year = ref_year // 100 * 100 + int(digits)
    return min((year - 100, year, year + 100), key=lambda y: abs(y - ref_year))


def spelled_year(text: str) -> int | None:
    """The value of a year in words: 'nineteen ninety-six' 1996, 'two thousand and eight' 2008."""
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["the", "year"]:
        words = words[2:]
    centuries = lexicon()["spelled_years"]["centuries"]
    if words[0] in centuries and len(words) > 1:
        rest = words[1:]
        if rest == ["hundred"]:
            return centuries[words[0]]
        value = parse_number(" ".join(rest))
        return centuries[words[0]] + int(value) if value is not None and value < 100 else None
    value = parse_number(" ".join(w for w in words if w != "and"))
    return int(value) if value is not None else None


def parse_point(text: str, default_year: int | None = None, ref_year: int | None = None) -> Interval | None:
    """The interval of a single point expression ('Fall 1966', '1 August, 1957', '23 Jan 68')."""
    lx = lexicon()
    text = " ".join(text.split())
    if default_year is not None:
        if re.fullmatch(rf"\d{{1,2}}\s+{lx['month_re']}|{lx['month_re']}\s+\d{{1,2}}|{lx['month_re']}", text):
            text = f"{text} {default_year}" if text[0].isdigit() else re.sub(r"(\d+)$", rf"\1, {default_year}", text) \
                if text[-1].isdigit() else f"{text} {default_year}"
    for kind, pattern in point_patterns().items():
        match = pattern.fullmatch(text)
        if match:
            try:
                return _point(kind, match, ref_year)
            except (ValueError, TypeError):
                return None
    return None


def month_number(name: str) -> int:
    return lexicon()["months"][name.lower().rstrip(".")]


def _part(phrase: str) -> int:
    return lexicon()["parts"][" ".join(phrase.lower().split())]


def _ordinal(table: str, word: str) -> int:
    return lexicon()[table][word.lower()]


def _point(kind: str, m: re.Match[str], ref_year: int | None) -> Interval | None:
    g = m.groupdict()
    y = full_year(g["y"], ref_year) if g.get("y") else None
    if kind in ("dmy", "mdy", "dmy_short"):
        return iv.day(y, month_number(g["m"]), int(g["d"]))
    if kind == "iso":
        return iv.day(int(g["y"]), int(g["m"]), int(g["d"]))
    if kind == "numeric":
        first, second = int(g["a"]), int(g["b"])
        month, day = (second, first) if first > 12 else (first, second)
        return iv.day(full_year(g["y"], ref_year), month, day)
    if kind == "part_month":
        return iv.part_of_month(y, month_number(g["m"]), _part(g["p"]))
    if kind == "my":
        return iv.month(y, month_number(g["m"]))
    if kind == "season":
        return _season(g["s"], y)
    if kind == "holiday":
        return iv.on_day(holidays.day_of(g["h"], y))
    if kind in ("quarter_of", "year_quarter"):
        return iv.quarter(y, _ordinal("quarters", g["q"]))
    if kind == "half_of":
        return iv.half(y, _ordinal("halves", g["h"]))
    if kind == "fiscal":  # "FY 69": a two-digit year in the century nearest the anchor
        return iv.approximately(iv.year(y))  # a fiscal year rarely matches the calendar year
    if kind == "decade":
        return iv.decade(y, _part(g["p"]) if g.get("p") else None)
    if kind == "spelled":
        return iv.year(spelled_year(g["w"]))
    if kind == "part_year":
        return iv.part_of_year(y, _part(g["p"]))
    if kind == "century":
        o = g["o"].lower()
        number = lexicon()["ordinals"].get(o) or int(re.match(r"\d+", o).group())
        return iv.century(number, _part(g["p"]) if g.get("p") else None)
    return iv.year(y)


def _season(name: str, year: int) -> Interval:
    s = lexicon()["seasons"][name.lower()]
    return iv.season(year, s["months"][0], s["months"][1], s["edtf"])


def _year_range(text: str) -> Interval:
    first, second = re.split(r"\s*[-–—]\s*", text.strip(), maxsplit=1)
    last = int(second) if len(second) == 4 else int(first[:2] + second)
    return iv.between(iv.year(int(first)), iv.year(last))


def _end(text: str, ref_year: int | None) -> Interval | None:
    if re.fullmatch(r"\d{4}\s*[-–—]\s*\d{2,4}", text.strip()):
        return _year_range(text)
    return parse_point(text, ref_year=ref_year)


def _pointer(word: str | None) -> int | None:
    return None if word is None else lexicon()["pointers"][" ".join(word.lower().split())]


def read(m: re.Match[str], ctx: Context) -> Reading | None:
    """The reading of one match in its context; None when it is no time after all."""
    kind = m.lastgroup
    if kind in UNPLACED:
        return Reading(iv.unknown(UNPLACED[kind]))
    reader = _READERS.get(kind)
    return reader(m, ctx) if reader else None


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
    else:  # "March 6–7", "28–29 March": the year the anchor and tense give
        month = month_number(m["drm5"] or m["drm6"])
        days = (int(m["drd5"] or m["drd7"]), int(m["drd6"] or m["drd8"]))
        if not 1 <= days[0] < days[1] <= 31:
            return None
        return _year_less(lambda y: iv.between(iv.day(y, month, days[0]), iv.day(y, month, days[1])), ctx, "day")
    if days[0] > days[1]:
        return None
    return Reading(iv.between(iv.day(year, month, days[0]), iv.day(year, month, days[1])))


def _read_year_range(m, ctx):
    result = _year_range(m["yrange"])
    return Reading(result) if result.earliest <= result.latest else None


def _read_bound(m, ctx):
    point = parse_point(m["bp"], ref_year=ctx.ref_year())
    if point is None:
        return None
    word = m["kw"].lower()
    if word == "before":
        return Reading(iv.before(point, inclusive=bool(m["endof"])))
    if word in ("until", "till"):
        return Reading(iv.before(point, inclusive=True), until=point)
    return Reading(iv.since(point) if word == "since" else iv.after(point))


def _read_approx(m, ctx):
    point = parse_point(m["ap"], ref_year=ctx.ref_year())
    return Reading(iv.approximately(point)) if point else None


def _read_point(m, ctx):
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
            return _year_less(lambda y: iv.day(y, month, day), ctx, "day")
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
    return _year_less(lambda y: iv.on_day(holidays.day_of(name, y)), ctx, "day")


def _year_less(make: Callable[[int], Interval | None], ctx: Context, precision: str, pointer: int | None = None):
    """A date written without its year, placed in the year that the anchor and tense give."""
    ref = ctx.calendar_ref()

    def again(day: date, direction: int) -> Interval | None:
        return choose(in_years_around(make, day), day, direction)

    if ref is None or ref.earliest is None:
        return Reading(iv.unknown(precision), relative=True)
    if ref.earliest != ref.latest and pointer is None:  # a narrative year or month: the date inside it
        inside = [c for c in in_years_around(make, ref.earliest) if c and ref.earliest <= c.earliest <= ref.latest]
        if inside:
            return Reading(inside[0], relative=True, again=again, dated=True)
    day = ref.earliest if ref.earliest == ref.latest else ref.latest
    # the writer's tense says nothing of where a narrative's next date lies: the nearest one
    direction = UNKNOWN if ctx.anchors.moved(ctx.region) else ctx.direction
    found = choose(in_years_around(make, day), day, direction, pointer, slack=True)
    return Reading(found or iv.unknown(precision), relative=True, again=again, dated=True)


def _read_period(m, ctx):
    named = ctx.anchors.named.get(ctx.region)
    if m["pyear"]:  # "the 1988 period": the period named last, in that year
        year = int(m["pyear"])
        return Reading(iv.years_apart(named, year - named.earliest.year) if named else iv.year(year), derived=True)
    kind = lexicon()["period_refs"][" ".join(m["period"].lower().split())]
    quarter_named = named if named is not None and _is_quarter(named) else None
    present = ctx.anchors.present(ctx.quoted)
    if kind == "year-ago":
        return Reading(iv.years_apart(named, -1) if named else iv.unknown("month"), relative=True, derived=True)
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


def _is_quarter(interval: Interval) -> bool:
    return bool(interval.edtf) and re.fullmatch(r"\d{4}-3[3-6]", interval.edtf) is not None


def _is_quarter_or_half(interval: Interval | None) -> bool:
    return interval is not None and bool(interval.edtf) and re.fullmatch(r"\d{4}-(?:3[3-6]|4[01])", interval.edtf) is not None


def _read_quarter(m, ctx):
    if m["hn"]:
        half = _ordinal("halves", m["hn"])
        return _year_less(lambda y: iv.half(y, half), ctx, "month")
    number = _ordinal("quarters", m["qn"])
    make = (lambda y: iv.quarter(y, number))
    if m["qy"]:
        present = ctx.anchors.present(ctx.quoted)
        if present is None:
            return Reading(iv.unknown("month"), relative=True)
        return Reading(make(present.earliest.year + _pointer(m["qy"])), relative=True)
    return _year_less(make, ctx, "month")


def _read_unit(m, ctx):
    present = ctx.anchors.present(ctx.quoted)
    if m["wkend"]:
        return _weekend(m, ctx)
    if m["um2"]:
        if present is None:
            return Reading(iv.unknown("month"), relative=True)
        return Reading(iv.month(present.earliest.year + _pointer(m["up2"]), month_number(m["um2"])), relative=True)
    pointer = _pointer(m["up"] or m["up1"]) if (m["up"] or m["up1"]) else 0
    if not (m["up"] or m["up1"] or m["um"]):  # "the year", "the end of the month": the narrative's, else the present's
        present = ctx.narrative or present
    if m["yend"] or m["uu3"]:
        if present is None or present.earliest is None:
            return Reading(iv.unknown("year"), relative=True)
        unit = "year" if m["yend"] else m["uu3"].lower()
        return _narrowed(Reading(iv.shift(present, unit, 0), relative=True), "the end of" if m["yend"] else None)
    if m["um"]:
        month = month_number(m["um"])
        found = _year_less(lambda y: iv.month(y, month), ctx, "month", pointer)
        return _narrowed(found, m["upart"])
    unit = " ".join(m["uu"].lower().split())
    if unit in lexicon()["seasons"]:
        found = _year_less(lambda y: _season(unit, y), ctx, "season", pointer)
        return _narrowed(found, m["upart"])
    if present is None or present.earliest is None:
        return Reading(iv.unknown(lexicon()["calendar_units"][unit]), relative=True)
    unit = lexicon()["calendar_units"][unit]
    if unit == "quarter":
        day = present.earliest
        index = day.year * 4 + (day.month - 1) // 3 + pointer
        found = Reading(iv.quarter(index // 4, index % 4 + 1), relative=True)
    else:
        found = Reading(iv.shift(present, unit, pointer), relative=True)
    return _narrowed(found, m["upart"])


def _narrowed(found: Reading, part_word: str | None) -> Reading:
    """Early, mid or late in a year or month is its third ("early next year"); "earlier this month"
    and parts of other units keep the whole unit."""
    interval = found.interval
    if not part_word or not interval.closed or part_word.lower() in lexicon()["softeners"]:
        return found
    part = _part(part_word)
    if interval.precision == "year":
        return Reading(iv.part_of_year(interval.earliest.year, part), relative=True)
    if interval.precision == "month" and interval.earliest.day == 1 and interval.latest.month == interval.earliest.month:
        return Reading(iv.part_of_month(interval.earliest.year, interval.earliest.month, part), relative=True)
    return found


def _weekend(m, ctx):
    day = ctx.anchors.day(ctx.region, ctx.quoted)
    if day is None:
        return Reading(iv.unknown("day"), relative=True)
    candidates = [iv.weekend(day + timedelta(weeks=k)) for k in (-1, 0, 1)]
    return Reading(choose(candidates, day, ctx.direction, _pointer(m["wkp"]) if m["wkp"] else None), relative=True)


def _read_weekday(m, ctx):
    day = ctx.anchors.day(ctx.region, ctx.quoted)
    if day is None:
        return Reading(iv.unknown("day"), relative=True)
    weekday = lexicon()["weekdays"][m["wd"].lower()]

    def again(other: date, direction: int) -> Interval | None:
        return choose(weekdays_around(weekday, other), other, direction)

    # a weekday after a date of the narrative is the next such day ("On 9 August ... On Friday")
    direction = FUTURE if ctx.anchors.moved(ctx.region) else ctx.direction
    found = choose(weekdays_around(weekday, day), day, direction, _pointer(m["wp"]) if m["wp"] else None)
    return Reading(found or iv.unknown("day"), relative=True, again=again)


def _read_day_word(m, ctx):
    days = lexicon()["days"]
    offset = days[" ".join(m["dw"].lower().split())]
    today = ctx.anchors.today(ctx.quoted, ctx.region)
    if today is None:
        return Reading(iv.unknown("day"), relative=True)
    return Reading(iv.on_day(today + timedelta(days=offset)), relative=True)


def _read_month_day(m, ctx):
    month, day = month_number(m["mdm"] or m["mdm2"]), int(m["mdd"] or m["mdd2"])
    if not 1 <= day <= 31:
        return None
    return _year_less(lambda y: iv.day(y, month, day), ctx, "day")


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


def _read_month_part(m, ctx):
    month, part = month_number(m["mpm"]), _part(m["mpp"])
    return _year_less(lambda y: iv.part_of_month(y, month, part), ctx, "day")


def _read_season(m, ctx):
    name = m["ss"].lower()
    return _year_less(lambda y: _season(name, y), ctx, "season")


def _read_month(m, ctx):
    month = month_number(m["month"])
    return _year_less(lambda y: iv.month(y, month), ctx, "month")


def _read_decade_short(m, ctx):
    digit = int(m["dsd"]) if m["dsd"] else lexicon()["decade_words"][m["dsw"].lower()]
    part = m["dsp"] or m["dsp2"]
    year = ctx.ref_year()
    if year is None:
        return Reading(iv.unknown("decade"), relative=True)
    start = year // 100 * 100 + digit * 10
    start -= 100 if start > year else 0
    return Reading(iv.decade(start, _part(part) if part else None), relative=True)


def _read_same(m, ctx):
    unit = m["su"]
    words = m["same"].lower()
    amount = 1 if ("following" in words or "next" in words) else -1 if ("previous" in words or "preceding" in words) else 0
    anchor = ctx.narrative
    return Reading(iv.shift(anchor, unit, amount) if anchor else iv.unknown(unit), relative=True)


def _read_later(m, ctx):
    unit = lexicon()["units"][m["lu"].lower()]
    amount = parse_number(m["n"]) if not m["n"].lower().startswith(("a few", "several")) else None
    direction = m["dir"].lower()
    sign = -1 if direction in ("earlier", "before", "ago") else 1
    named = ctx.anchors.named.get(ctx.region)
    if amount is not None and unit == "year" and _is_quarter_or_half(named) and direction in ("earlier", "ago", "before"):
        # "a year earlier" beside a quarter: the same quarter, a year before
        return Reading(iv.years_apart(named, -int(amount)), relative=True, derived=True)
    base = ctx.anchors.present(ctx.quoted) if direction == "ago" else ctx.narrative
    if base is None and sign < 0:  # "a year earlier" with no date before it: a year before the writing
        base = ctx.anchors.present(ctx.quoted)
    if amount is None or base is None or base.earliest is None:
        return Reading(iv.unknown(unit), relative=True)
    result = iv.shift(base, unit, sign * int(amount))
    return Reading(iv.approximately(result) if m["lh"] else result, relative=True)


_READERS = {
    "range": _read_range, "drange": _read_day_range, "yrange": _read_year_range, "bound": _read_bound,
    "approx": _read_approx, "point": _read_point, "clock": _read_clock, "dtg": _read_dtg, "holiday": _read_holiday,
    "period": _read_period, "quarter": _read_quarter, "unit": _read_unit, "wday": _read_weekday,
    "dword": _read_day_word, "md": _read_month_day, "nth": _read_nth_day, "mpart": _read_month_part, "month": _read_month, "sless": _read_season,
    "dshort": _read_decade_short, "same": _read_same, "later": _read_later,
}
