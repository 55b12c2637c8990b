"""Calendar points read alone, from their words: a year as written, a date, a month, a season, a
quarter, a decade or a century ('Fall 1966', '1 August, 1957', '23 Jan 68', 'the early 1960s')."""
from __future__ import annotations

import re

from . import holidays
from . import intervals as iv
from .intervals import Interval
from .numbers import parse_number
from .time_grammar import lexicon, point_patterns


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
    """The number of a month from its name or abbreviation ('Aug.' 8)."""
    return lexicon()["months"][name.lower().rstrip(".")]


def part_number(phrase: str) -> int:
    """Which part of a period a phrase names (early, mid, late, ...), as the lexicon numbers it."""
    return lexicon()["parts"][" ".join(phrase.lower().split())]


def ordinal_number(table: str, word: str) -> int:
    """The number of an ordinal word in one of the lexicon's tables (the 'second' quarter: 2)."""
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
        return iv.part_of_month(y, month_number(g["m"]), part_number(g["p"]))
    if kind == "my":
        return iv.month(y, month_number(g["m"]))
    if kind == "season":
        return season(g["s"], y)
    if kind == "holiday":
        return iv.on_day(holidays.day_of(g["h"], y))
    if kind in ("quarter_of", "year_quarter"):
        return iv.quarter(y, ordinal_number("quarters", g["q"]))
    if kind == "half_of":
        return iv.half(y, ordinal_number("halves", g["h"]))
    if kind == "fiscal":  # "FY 69": a two-digit year in the century nearest the anchor
        return iv.approximately(iv.year(y))  # a fiscal year rarely matches the calendar year
    if kind == "decade":
        return iv.decade(y, part_number(g["p"]) if g.get("p") else None)
    if kind == "spelled":
        return iv.year(spelled_year(g["w"]))
    if kind == "part_year":
        return iv.part_of_year(y, part_number(g["p"]))
    if kind == "century":
        o = g["o"].lower()
        number = lexicon()["ordinals"].get(o) or int(re.match(r"\d+", o).group())
        return iv.century(number, part_number(g["p"]) if g.get("p") else None)
    return iv.year(y)


def season(name: str, year: int) -> Interval:
    """A season of a year by its name, with its months and EDTF code from the lexicon."""
    s = lexicon()["seasons"][name.lower()]
    return iv.season(year, s["months"][0], s["months"][1], s["edtf"])
