"""Time expressions: every date, period, range and relative time in a document, normalised to an
EDTF interval with bounds and precision.

Recognition is a small grammar over the repaired reading (patterns built from data/time.toml
and data/months.toml); the calendar arithmetic is the edtf library's (see intervals.py).
Relative expressions are anchored to the last explicit time before them in the same text
("three years later", "that same month") or to the publication date ("last week"); with no
anchor their bounds stay null.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from ..lexicon import load
from ..model import TimeExpr
from . import intervals as iv
from .intervals import Interval
from .language import Parsed
from .numbers import parse_number, word_pattern


@lru_cache(maxsize=1)
def lexicon() -> dict:
    data = load("time")
    months = load("months")["months"]
    month_names = sorted({m.capitalize() for m in months} | {m.upper() for m in months if len(m) > 3}, key=len,
                         reverse=True)
    parts = sorted(data["parts"], key=len, reverse=True)
    return {**data, "months": months, "month_re": "(?:" + "|".join(month_names) + r")\.?",
            "part_re": "(?:" + "|".join(re.escape(p) for p in parts) + ")",
            "ordinal_re": "(?:" + "|".join(sorted(data["ordinals"], key=len, reverse=True)) + r"|\d{1,2}(?:st|nd|rd|th))"}


YEAR = r"(?<![\w#/.,])(?:1[0-9]{3}|20[0-9]{2})(?![\w/]|[.,]\d)"


@lru_cache(maxsize=1)
def point_patterns() -> dict[str, re.Pattern[str]]:
    """One full-match pattern per kind of point expression, with named parts."""
    lx = lexicon()
    M, P, Y = lx["month_re"], lx["part_re"], YEAR
    season = "|".join(lx["seasons"])
    return {name: re.compile(pattern) for name, pattern in {
        "dmy": rf"(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{M}),?\s+(?P<y>{Y})",
        "mdy": rf"(?P<m>{M})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>{Y})",
        "part_month": rf"(?P<p>{P})[\s-]+(?:of\s+)?(?P<m>{M}),?\s+(?P<y>{Y})",
        "my": rf"(?P<m>{M}),?\s+(?:of\s+)?(?P<y>{Y})",
        "season": rf"(?:the\s+)?(?P<s>(?i:{season}))\s+(?:of\s+)?(?P<y>{Y})",
        "decade": rf"(?:the\s+)?(?:(?P<p>{P})[\s-]+)?(?P<y>1[0-9]{{2}}0|20[0-9]0)['’]?s\b",
        "part_year": rf"(?P<p>{P})[\s-]+(?:of\s+)?(?:the\s+year\s+)?(?P<y>{Y})",
        "century": rf"(?:the\s+)?(?:(?P<p>{P})[\s-]+)?(?P<o>(?i:{lx['ordinal_re']}))[\s-]+century",
        "year": rf"(?P<y>{Y})",
    }.items()}


@lru_cache(maxsize=1)
def master() -> re.Pattern[str]:
    """All expressions in one pattern, most specific first: ranges, bounds, points, relative time."""
    lx = lexicon()
    point = "(?:" + "|".join(re.sub(r"\(\?P<\w+>", "(?:", p.pattern) for p in point_patterns().values()) + ")"
    day_month = rf"(?:\d{{1,2}}\s+{lx['month_re']}|{lx['month_re']}\s+\d{{1,2}}|{lx['month_re']})"
    year_range = rf"{YEAR}\s*[-–—]\s*(?:{YEAR}|\d{{2}}(?!\d))"
    end = rf"(?:{year_range}|{point})"
    approx = "|".join(re.escape(a) for a in sorted(lx["approximate"], key=len, reverse=True))
    number = rf"(?:\d+|{word_pattern()})"
    units = "|".join(sorted(lx["units"], key=len, reverse=True))
    deictic = "|".join(re.escape(d) for d in sorted(lx["deictic"], key=len, reverse=True))
    return re.compile(rf"""(?<![\w-])(?:
        (?P<range>(?:[Ff]rom|[Bb]etween)\s+(?P<ra>{point}|{day_month})\s+(?:to|until|till|through|and)\s+(?P<rb>{end}))
      | (?P<yrange>{year_range})
      | (?P<bound>(?P<kw>[Bb]efore|[Ss]ince|[Uu]ntil|[Tt]ill|[Aa]fter)\s+(?P<endof>the\s+end\s+of\s+)?(?P<bp>{point}))
      | (?P<approx>(?i:{approx})\s+(?P<ap>{point}))
      | (?P<point>{point})
      | (?P<deictic>(?i:{deictic}))
      | (?P<same>(?:(?i:that|the)\s+(?:very\s+)?same|(?i:the)\s+(?:following|next|previous|preceding))\s+(?P<su>day|week|month|year))
      | (?P<later>(?P<n>(?i:{number}|a\s+few|several))\s+(?P<lu>{units})\s+(?P<dir>later|earlier|afterwards?|before|ago))
    )(?![\w])""", re.VERBOSE)


def parse_point(text: str, default_year: int | None = None) -> Interval | None:
    """The interval of a single point expression ('Fall 1966', '1 August, 1957', 'the mid-1960s')."""
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
                return _point(kind, match)
            except ValueError:
                return None
    return None


def _month(name: str) -> int:
    return lexicon()["months"][name.lower().rstrip(".")]


def _part(phrase: str) -> int:
    return lexicon()["parts"][" ".join(phrase.lower().split())]


def _point(kind: str, m: re.Match[str]) -> Interval:
    g = m.groupdict()
    y = int(g["y"]) if g.get("y") else None
    if kind in ("dmy", "mdy"):
        return iv.day(y, _month(g["m"]), int(g["d"]))
    if kind == "part_month":
        return iv.part_of_month(y, _month(g["m"]), _part(g["p"]))
    if kind == "my":
        return iv.month(y, _month(g["m"]))
    if kind == "season":
        s = lexicon()["seasons"][g["s"].lower()]
        return iv.season(y, s["months"][0], s["months"][1], s["edtf"])
    if kind == "decade":
        return iv.decade(y, _part(g["p"]) if g.get("p") else None)
    if kind == "part_year":
        return iv.part_of_year(y, _part(g["p"]))
    if kind == "century":
        o = g["o"].lower()
        number = lexicon()["ordinals"].get(o) or int(re.match(r"\d+", o).group())
        return iv.century(number, _part(g["p"]) if g.get("p") else None)
    return iv.year(y)


def _year_range(text: str) -> Interval:
    first, second = re.split(r"\s*[-–—]\s*", text.strip(), maxsplit=1)
    last = int(second) if len(second) == 4 else int(first[:2] + second)
    return iv.between(iv.year(int(first)), iv.year(last))


def _end(text: str) -> Interval | None:
    if re.fullmatch(rf"{YEAR}\s*[-–—]\s*(?:{YEAR}|\d{{2}})", text.strip()):
        return _year_range(text)
    return parse_point(text)


def interpret(m: re.Match[str], anchor: Interval | None, published: Interval | None) -> Interval | None:
    """The interval a matched expression means, given its anchors; None when it is no time after all."""
    g = m.groupdict()
    if g["range"]:
        last = _end(g["rb"])
        first = parse_point(g["ra"], last.latest.year if last else None) if last else None
        if not first or not last or first.earliest > last.latest:
            return None
        return iv.between(first, last)
    if g["yrange"]:
        result = _year_range(g["yrange"])
        return result if result.earliest <= result.latest else None
    if g["bound"]:
        point = parse_point(g["bp"])
        if point is None:
            return None
        word = g["kw"].lower()
        if word == "before":
            return iv.before(point, inclusive=bool(g["endof"]))
        if word in ("until", "till"):
            return iv.before(point, inclusive=True)
        if word == "since":
            return iv.since(point)
        return iv.after(point)
    if g["approx"]:
        point = parse_point(g["ap"])
        return iv.approximately(point) if point else None
    if g["point"]:
        return parse_point(g["point"])
    if g["deictic"]:
        unit, amount = lexicon()["deictic"][g["deictic"].lower()]
        quoted = inside_quotation(m.string, m.start())  # a speaker's "today" is not the publication's
        return iv.shift(published, unit, amount) if published and not quoted else iv.unknown(unit)
    if g["same"]:
        unit = g["su"]
        words = g["same"].lower()
        amount = 1 if ("following" in words or "next" in words) else -1 if ("previous" in words or "preceding" in words) else 0
        return iv.shift(anchor, unit, amount) if anchor else iv.unknown(unit)
    if g["later"]:
        unit = lexicon()["units"][g["lu"].lower()]
        amount = parse_number(g["n"]) if not g["n"].lower().startswith(("a few", "several")) else None
        if amount is None or not anchor:
            return iv.unknown(unit)
        sign = -1 if g["dir"].lower() in ("earlier", "before", "ago") else 1
        base = published if g["dir"].lower() == "ago" else anchor
        return iv.shift(base, unit, sign * int(amount)) if base else iv.unknown(unit)
    return None


def inside_quotation(text: str, position: int) -> bool:
    """Whether a position lies inside a quotation opened earlier in its paragraph."""
    paragraph = text[text.rfind("\n", 0, position) + 1:position]
    return paragraph.count("“") > paragraph.count("”") or paragraph.count('"') % 2 == 1


def _in_title(text: str, m: re.Match[str]) -> bool:
    """'Today' in 'Korea Today' is part of a name, not the day of publication."""
    return bool(m.group("deictic")) and m.group()[0].isupper() and bool(re.search(r"[A-Z][\w’']*\s+$", text[:m.start()]))


@lru_cache(maxsize=1)
def _shelf_mark() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(lexicon()["not_year_after"], key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{words})\s*$", re.IGNORECASE)


def _is_shelf_mark(text: str, start: int) -> bool:
    """A number right after 'No.', 'fond', 'Box', 'p.'... is a reference, not a year."""
    return bool(_shelf_mark().search(text[max(0, start - 16):start]))


def _is_count(parsed: Parsed, m: re.Match[str]) -> bool:
    """A bare four-digit number before a plural noun ('1100 pilots') counts things."""
    if not m.group("point") or not point_patterns()["year"].fullmatch(m.group("point")):
        return False
    token = parsed.sdoc.char_span(m.start(), m.end(), alignment_mode="expand")
    following = parsed.sdoc[token.end] if token is not None and token.end < len(parsed.sdoc) else None
    return following is not None and following.tag_ in ("NNS", "NNPS")


def run(chunks: list[Parsed], source: str, published: str | None) -> list[TimeExpr]:
    """Time expressions of one document's chunks (in reading order), anchors carried along."""
    pub = parse_published(published)
    found: list[TimeExpr] = []
    anchors: dict[str, Interval | None] = {}
    for parsed in chunks:
        text = parsed.text
        for m in master().finditer(text):
            if _is_shelf_mark(text, m.start()) or _is_count(parsed, m) or _in_title(text, m):
                continue
            anchor = anchors.get(parsed.region)
            interval = interpret(m, anchor, pub)
            if interval is None:
                continue
            if not (m.group("deictic") or m.group("same") or m.group("later")) and interval.closed:
                anchors[parsed.region] = interval
            start, end = parsed.source_span(m.start(), m.end())
            found.append(TimeExpr(start, end, source[start:end], interval.edtf,
                                  interval.earliest.isoformat() if interval.earliest else None,
                                  interval.latest.isoformat() if interval.latest else None,
                                  interval.precision, interval.approximate, relative=bool(
                                      m.group("deictic") or m.group("same") or m.group("later")),
                                  region=parsed.region))
    return found


def parse_published(published: str | None) -> Interval | None:
    """The publication date as an interval (a year, month or day)."""
    if not published:
        return None
    parts = [int(p) for p in published.split("-")]
    try:
        return iv.day(*parts) if len(parts) == 3 else iv.month(*parts) if len(parts) == 2 else iv.year(parts[0])
    except ValueError:
        return None
