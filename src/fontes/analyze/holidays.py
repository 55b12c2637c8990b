"""Named days of the calendar: fixed feasts, movable feasts counted from Easter, and days fixed as
the n-th weekday of a month, and feasts of the lunisolar calendar (Tet). The names and rules are data
(data/holidays.toml); Easter is computed by dateutil for the Gregorian calendar, lunar days by
lunardate (1900–2099)."""
from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from dateutil.easter import easter
from lunardate import LunarDate

from ..lexicon import load

KINDS = ("fixed", "easter", "weekday_rule", "lunar")


@lru_cache(maxsize=1)
def names() -> dict[str, tuple[str, object]]:
    """Every named day, lower-cased, with its kind of rule and the rule."""
    data = load("holidays")
    return {name.lower(): (kind, rule) for kind in KINDS
            for name, rule in data[kind].items()}


@lru_cache(maxsize=1)
def pattern() -> str:
    """A regex for the names, longest first, as written with capitals (an initial 'the' may be lower-case)."""
    written = [load("holidays")[k] for k in KINDS]
    words = sorted({name for table in written for name in table}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace("the\\ ", "[Tt]he\\ ").replace("'", "['’]") for w in words) + ")"


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def day_of(name: str, year: int) -> date | None:
    """The day a named day falls on in a given year; None for an unknown name."""
    entry = names().get(" ".join(name.replace("’", "'").split()).lower())
    if entry is None:
        return None
    kind, rule = entry
    if kind == "fixed":
        return date(year, rule[0], rule[1])
    if kind == "easter":
        return easter(year) + timedelta(days=rule)
    if kind == "lunar":
        try:
            return LunarDate(year, rule[0], rule[1]).to_solar_date()
        except ValueError:
            return None  # outside the years the lunar tables cover
    if year < rule.get("since", 0):
        if "before_day" in rule:
            return date(year, rule["month"], rule["before_day"])
        return _nth_weekday(year, rule["month"], rule["weekday"], rule.get("before_n", rule["n"]))
    return _nth_weekday(year, rule["month"], rule["weekday"], rule["n"])
