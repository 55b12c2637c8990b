"""The grammar of time expressions: regex patterns built from the lexicons in data/time.toml,
data/months.toml and data/holidays.toml, one named alternative per kind of expression, joined into
one pattern with the most specific forms first (a range before its ends, a date before its month)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..lexicon import load
from . import holidays
from .numbers import words


def _alternation(words, flags: str = "") -> str:
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


@lru_cache(maxsize=1)
def lexicon() -> dict:
    """The time lexicon with the regex pieces built from it."""
    data = load("time")
    months = load("months")["months"]
    month_names = sorted({m.capitalize() for m in months} | {m.upper() for m in months if len(m) > 3}, key=len,
                         reverse=True)
    full = {}
    for name, number in months.items():
        full[number] = max(full.get(number, ""), name, key=len)
    short = [m for m in months if len(m) <= 4 and m != full[months[m]]]
    weekdays = data["weekdays"]
    # a full name takes no dot ("in July." ends a sentence); an abbreviation may ("Sept. 27")
    full_names = {n.lower() for n in full.values()}
    month_re = "(?:" + "|".join(n if n.lower() in full_names else n + r"\.?" for n in month_names) + ")"
    return {**data, "months": months, "month_re": month_re,
            "full_month_re": "(?:" + "|".join(sorted((n.capitalize() for n in full.values()), key=len, reverse=True)) + ")",
            "short_month_re": "(?:" + "|".join(sorted({m.capitalize() for m in short} | {m.upper() for m in short},
                                                      key=len, reverse=True)) + r")\.?",
            "weekday_re": "(?:" + "|".join(re.escape(w.capitalize()) for w in sorted(weekdays, key=len, reverse=True))
                          + ")",
            "part_re": _alternation(data["parts"], "i"),
            "ordinal_re": "(?:" + "|".join(sorted(data["ordinals"], key=len, reverse=True)) + r"|\d{1,2}(?:st|nd|rd|th))"}


# What may follow "before" or "after" used as an adverb ("the year before, it had ..."; "the day after
# that"): a stop, a conjunction or "that"; before a noun or a clause it is a preposition ("the day
# before the vote"), and the day is counted from that event, which no date of the text gives.
_ADVERB_END = r"\s*(?:[,.;:!?)\]”\"—–]|$)|\s+(?:that|and|but|or)\b"


YEAR = r"(?<![\w#/.,])(?:1[0-9]{3}|20[0-9]{2})(?![\w/]|[.,]\d)"
SHORT_YEAR = r"['’]\d{2}(?!\d)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])"  # a day written before its month: "No. 45 of January 8" is issue 45


@lru_cache(maxsize=1)
def point_patterns() -> dict[str, re.Pattern[str]]:
    """One full-match pattern per kind of point expression (one that carries its own year), with named parts."""
    lx = lexicon()
    M, P, Y, W = lx["month_re"], lx["part_re"], YEAR, lx["weekday_re"]
    YY = f"(?:{Y}|{SHORT_YEAR})"
    Q = _alternation(lx["quarters"])
    H = _alternation(lx["halves"])
    season = "|".join(lx["seasons"])
    YY = f"(?:{Y}|{SHORT_YEAR}|{spelled_year()})"
    weekday = rf"(?:{W},?\s+)?"
    return {name: re.compile(pattern) for name, pattern in {
        "dmy": rf"{weekday}(?:[Tt]he\s+)?(?P<d>{DAY})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{M}),?\s+(?P<y>{YY})",
        "dmy_short": rf"{weekday}(?P<d>\d{{1,2}})\s+(?P<m>{lx['short_month_re']})\s+(?P<y>\d{{2}})",
        "mdy": rf"{weekday}(?P<m>{M})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>{YY})",
        "iso": r"(?P<y>1[0-9]{3}|20[0-9]{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12][0-9]|3[01])",
        "numeric": r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})",
        "part_month": rf"(?P<p>{P})[\s-]+(?:of\s+)?(?P<m>{M}),?\s+(?P<y>{YY})",
        "my": rf"(?P<m>{M}),?\s+(?:of\s+)?(?P<y>{YY})",
        "season": rf"(?:[Tt]he\s+)?(?:(?P<p>{P})[\s-]+)?(?P<s>(?i:{season}))\s+(?:of\s+)?(?P<y>{YY})(?:[-–/](?:\d{{4}}|\d{{2}}))?",
        "holiday": rf"(?P<h>{holidays.pattern()}),?\s+(?:of\s+)?(?P<y>{Y})",
        "quarter_of": rf"(?:[Tt]he\s+)?(?P<q>{Q})[\s-]+(?:fiscal\s+)?quarter,?\s+(?:of\s+)?(?:fiscal\s+)?(?P<y>{Y})",
        "year_quarter": rf"(?:[Tt]he\s+)?(?P<y>{Y})(?:['’]s)?\s+(?:fiscal\s+)?(?P<q>{Q})[\s-]+quarter",
        "half_of": rf"(?:[Tt]he\s+)?(?P<h>{H})\s+half\s+of\s+(?:fiscal\s+)?(?P<y>{Y})",
        "fiscal": rf"(?:(?i:fiscal)\s+(?:year\s+)?|FY[\s-]?)(?P<y>{YY}|\d{{2}}(?![\d–-]))",
        "decade": rf"(?:[Tt]he\s+)?(?:(?P<p>{P})[\s-]+)?(?P<y>1[0-9]{{2}}0|20[0-9]0)['’]?s\b",
        "part_year": rf"(?P<p>{P})[\s-]+(?:of\s+|in\s+)?(?:the\s+year\s+)?(?P<y>{Y})",
        "century": rf"(?:[Tt]he\s+)?(?:(?P<p>{P})[\s-]+)?(?P<o>(?i:{lx['ordinal_re']}))[\s-]+century",
        "year": rf"(?P<y>{Y})",
        "spelled": rf"(?:(?i:the\s+year)\s+)?(?P<w>{spelled_year()})",
    }.items()}


@lru_cache(maxsize=1)
def _count_words() -> str:
    """Number words that count units of time ("twenty-two years", "three hundred years")."""
    w = words()
    units, tens = _alternation(w["units"]), _alternation(w["tens"])
    one = rf"(?:(?:{tens})(?:[-\s]+(?:{units}))?|{units})"
    return rf"(?:(?:{one}|a)\s+(?:hundred|thousand)(?:\s+(?:and\s+)?{one})?|{one})"


@lru_cache(maxsize=1)
def spelled_year() -> str:
    """A year in words: 'nineteen ninety-six', 'nineteen hundred', 'two thousand (and) eight' (never
    'twenty two', which counts)."""
    w = words()
    units, tens = _alternation(w["units"]), _alternation(w["tens"])
    centuries = _alternation(load("time")["spelled_years"]["centuries"], "i")
    teens = _alternation([u for u, v in w["units"].items() if v >= 10])
    return (rf"(?:{centuries}\s+(?i:hundred|(?:{tens})(?:[-\s](?:{units}))?|{teens})"
            rf"|(?i:two\s+thousand)(?:\s+(?:and\s+)?(?i:{units}))?)")


def _anonymous(pattern: str) -> str:
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


@lru_cache(maxsize=1)
def master() -> re.Pattern[str]:
    """All expressions in one pattern, most specific first: ranges, bounds, points, relative time,
    then durations, sets and vague references."""
    lx = lexicon()
    M, P, W, Y = lx["month_re"], lx["part_re"], lx["weekday_re"], YEAR
    point = "(?:" + "|".join(_anonymous(p.pattern) for p in point_patterns().values()) + ")"
    day_month = rf"(?:\d{{1,2}}\s+{M}|{M}\s+\d{{1,2}}|{M})"
    year_range = rf"{YEAR}\s*[-–—]\s*(?:{YEAR}|\d{{2}}(?!\d))"
    end = rf"(?:{year_range}|{point})"
    approx = _alternation(lx["approximate"], "i")
    number = rf"(?:\d+(?:\.\d+)?|an?|{_count_words()})"
    hedge = r"(?:nearly|almost|about|some|roughly|around|more\s+than|less\s+than|over|just|only|exactly)"
    units = _alternation(lx["units"])
    pointers = _alternation(lx["pointers"], "i")
    told_pointers = _alternation(lx["told_pointers"], "i")
    calendar_units = _alternation(list(lx["calendar_units"]) + list(lx["seasons"]))
    softeners = _alternation(lx["softeners"], "i")
    day_parts = _alternation(lx["day_parts"])
    days = _alternation(lx["days"], "i")
    quarters = _alternation(lx["quarters"])
    halves = _alternation(lx["halves"])
    period_refs = _alternation(lx["period_refs"], "i")
    decade_words = _alternation(lx["decade_words"], "i")
    ordinals = _alternation(lx["ordinals"])
    day_parts_told = _alternation(lx["day_parts_told"])
    part_after = "|".join(rf"(?<=\b{w[0].upper()}{re.escape(w[1:])}\s)|(?<=\b{w[0]}{re.escape(w[1:])}\s)"
                          for w in lx["day_parts_after"])
    dur = lx["durations"]
    dunits = _alternation(dur["units"]) + r"|quarters(?!\s+of\b)"
    between = _alternation(dur["between"])
    bare_after = "|".join(rf"(?<=[{w[0].upper()}{w[0]}]{re.escape(w[1:])}\s)" for w in dur["bare_after"])
    sets = lx["sets"]
    singular = _alternation([u for u in dur["units"] if not u.endswith("s")] + ["morning", "night", "evening",
                                                                                "weekend", "quarter"] + list(lx["seasons"]))
    return re.compile(rf"""(?<![\w-])(?:
        (?P<range>(?:[Ff]rom|[Bb]etween)\s+(?P<ra>{point}|{day_month})\s+(?:to|until|till|through|and)\s+(?P<rb>{end}))
      | (?P<drange>(?P<drm>{M})\s+(?P<drd1>\d{{1,2}})\s*[-–—]\s*(?P<drd2>\d{{1,2}}),?\s+(?P<dry>{Y})
          | (?P<drd3>\d{{1,2}})\s*[-–—/]\s*(?P<drd4>\d{{1,2}})\s+(?P<drm2>{M}),?\s+(?P<dry2>{Y})
          | (?P<drm3>{M})\s*[-–—]\s*(?P<drm4>{M}),?\s+(?P<dry3>{Y})
          | (?P<drm5>{M})\s+(?P<drd5>\d{{1,2}})\s*[-–—]\s*(?P<drd6>\d{{1,2}})(?![\d:]|,?\s+\d)
          | (?P<drd7>\d{{1,2}})\s*[-–—/]\s*(?P<drd8>\d{{1,2}})\s+(?P<drm6>{M})(?!,?\s+\d)
          | (?:[Bb]etween|[Ff]rom)\s+(?P<drd9>\d{{1,2}})\s+(?:and|to|until|through)\s+(?P<drd10>\d{{1,2}})\s+(?P<drm7>{M})
            (?:,?\s+(?P<dry4>{Y}))?(?!,?\s+\d)
          | (?:[Bb]etween|[Ff]rom)\s+(?P<drm8>{M})\s+(?P<drd11>\d{{1,2}})\s+(?:and|to|until|through)\s+(?P<drd12>\d{{1,2}})
            (?:,?\s+(?P<dry5>{Y}))?(?![\d:]|,?\s+\d|\s+(?:{M})))
      | (?P<wkof>(?i:the)\s+week\s+(?P<wkrel>of|ending|ended|beginning|starting|commencing)\s+(?:{W},?\s+)?
          (?:(?P<wkd>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<wkm>{M})|(?P<wkm2>{M})\s+(?P<wkd2>\d{{1,2}})(?:st|nd|rd|th)?)
          (?:,?\s+(?P<wky>{Y}))?(?![\d:]))
      | (?P<yrange>{year_range})
      | (?P<fmonth>(?P<fm1>1[0-2]|0?[1-9])/(?P<fy1>\d{{2}})\s*[-–—]\s*(?P<fm2>1[0-2]|0?[1-9])/(?P<fy2>\d{{2}})
          | (?:(?<=[Tt]o\s)|(?<=[Tt]hrough\s)|(?<=[Tt]hru\s)|(?<=[Ff]rom\s)|(?<=[Uu]ntil\s))(?P<fm>1[0-2]|0?[1-9])[-–—/](?P<fy>\d{{2}}))
          (?=\s*(?:[.,;:)\]]|$))
      | (?P<bound>(?P<kw>[Bb]efore|[Ss]ince|[Uu]ntil|[Tt]ill|[Aa]fter)\s+(?P<endof>the\s+end\s+of\s+)?(?P<bp>{point}))
      | (?P<then>(?P<tkw>[Bb]efore|[Ss]ince|[Uu]ntil|[Tt]ill|[Aa]fter|By|by(?!\s+then\s+[A-Z]))\s+then\b(?!-))  # not "sent by then Secretary X", "then-President"
      | (?P<approx>{approx}\s+(?P<ap>{point}))
      | (?P<dtg>(?P<dtgd>[0-3]\d)(?P<dtgh>[01]\d|2[0-3])(?P<dtgm>[0-5]\d)\s?Z(?:ULU)?
          (?:\s+(?P<dtgmon>(?i:{M}))(?:\s+(?P<dtgy>\d{{4}}|\d{{2}}))?)?(?![\w]))
      | (?P<clock>(?:(?:\d{{1,2}}(?:[:.][0-5]\d)?\s*(?:to|until|till|[-–—])\s*)?  # "3:20 to 5:22 p.m.": the day of both
            (?P<ch>\d{{1,2}})(?:[:.](?P<cm>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.?|[AP]\.?M\.?)
          | (?P<cmil>(?:[01]\d|2[0-3])[0-5]\d)\s*(?:hours|hrs\.?|Z|local(?:\s+time)?\b|GMT\b|UTC\b)
          | (?:(?<=at\s)|(?<=[Tt]he\s))(?P<ch2>[01]?\d|2[0-3]):(?P<cm2>[0-5]\d)(?![\d:])
          | (?P<cnoon>noon|midnight))(?:\s+(?:[A-Z]{{3}}|GMT|local\s+time)(?![\w]))?)
      | (?P<point>{point})
      | (?P<holiday>{holidays.pattern()})
      | (?P<period>{period_refs}|(?i:the)\s+(?P<pyear>{Y})\s+(?:period|quarter))
      | (?P<quarter>(?:(?i:the)\s+)?(?:(?P<qy>{pointers})\s+year['’]s\s+)?(?:(?P<qf>fiscal)[\s-]+)?(?P<qn>(?i:{quarters}))[\s-]+(?:fiscal\s+)?quarter
            (?:\s+of\s+(?P<qy2>{pointers})\s+(?:fiscal\s+)?year\b)?
          | (?:(?i:the)\s+)?(?:(?P<hy>{pointers})\s+year['’]s\s+)?(?P<hn>{halves})\s+half(?:\s+of\s+(?P<hy2>{pointers})\s+(?:fiscal\s+)?year\b)?
          | (?:(?i:the)\s+)?first\s+(?P<qcount>two|three)\s+quarters\s+of\s+(?P<qcy>{Y}))
      | (?P<unit>(?:(?P<upart>{P}|{softeners})[\s-]+(?:of\s+|in\s+)?(?:(?P<up>{pointers})|the)|(?P<up1>{pointers}))\s+(?:(?P<uu>{calendar_units})|(?P<um>{M})(?![.\s]*\d))
          | (?i:the|that)\s+(?:(?:full|same|fiscal)\s+)?(?P<uu3>year|month|week)(?!\s+(?:\d|of\b|before\b|after\b)|['’]s\s+\d)
          | (?P<yend>(?:the\s+)?year[-\s]end|year['’]s\s+end)
          | (?P<um2>{lx['full_month_re']}|{M}(?=\s+\d))(?:\s+(?P<ud2>\d{{1,2}})(?:st|nd|rd|th)?,?)?\s+(?P<up2>this|last|next)\s+year
          | (?:(?P<wkp>{pointers})\s+|the\s+)(?P<wkend>weekend))
      | (?P<md>(?:{W},?\s+)?(?:(?P<mdd>{DAY})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mdm>{M})|(?P<mdm2>{M})\s+(?P<mdd2>\d{{1,2}})(?:st|nd|rd|th)?)(?!\d|:\d))
      | (?P<nth>(?:(?<=[Oo]n\s)|(?<=[Bb]y\s)|(?<=[Oo]f\s)|(?<=[Tt]o\s)|(?<=[Uu]ntil\s)|(?<=[Tt]ill\s)|(?<=[Ss]ince\s)
          |(?<=[Ff]rom\s)|(?<=[Bb]efore\s)|(?<=[Aa]fter\s))the\s+(?P<nthd>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)
          (?=\s*(?:[,.;:)\]]|$)|\s+(?:and|or|to|through|until|when|at|in|the|a|an|he|she|it|they|we|I|his|her|its|their|today|yesterday|tomorrow)\b))
      | (?P<wday>(?:(?P<wp>{pointers}|{told_pointers})\s+)?(?:(?P<wsoft>{softeners}|(?i:early|late))\s+)?(?P<wd>{W})(?:\s+(?P<wtod>{day_parts}))?)
      | (?P<dword>(?:(?P<dsoft>{softeners}|(?i:early|late))\s+)?(?P<dw>{days})(?:\s+(?P<dtod>{day_parts}))?)
      | (?P<dayof>(?:(?<=[Tt]oday\sis\s)|(?<=[Ii]t\sis\s)|(?<=[Ii]t['’]s\s))
            the\s+(?:{ordinals})(?:\s+(?:straight|consecutive|successive))?\s+day(?!s)
          | (?P<inday>(?:(?<=[Ll]ater\sin\s)|(?<=[Ee]arlier\sin\s))the\s+day(?!s))
          | (?:{part_after})(?P<dpart>(?i:{day_parts_told}))(?!\s+of\b))
      | (?P<mpart>(?P<mpp>{P})[\s-]+(?:of\s+)?(?P<mpm>{M}))
      | (?P<mweek>(?i:the)\s+(?P<mwo>first|second|third|fourth|last)\s+(?P<mwu>week|day)\s+of\s+(?P<mwm>{M})
          (?:,?\s+(?P<mwy>{Y}))?)
      | (?P<sless>(?:the\s+)?(?:(?P<ssp>{P})[\s-]+(?:of\s+)?(?:the\s+)?)?(?P<ss>{_alternation(lx['seasons'])}))
      | (?P<month>{lx['full_month_re']}|{lx['short_month_re']}(?<=\.))
      | (?P<dshort>(?:the\s+)?(?:(?P<dsp>{P})[\s-]+)?['’](?P<dsd>\d)0['’]?s
          | (?i:the)\s+(?:(?P<dsp2>{P})[\s-]+)?(?P<dsw>{decade_words}))
      | (?P<same>(?:(?i:that|the)\s+(?:very\s+)?same|(?i:the)\s+(?:following|next|previous|preceding))\s+(?P<su>day|week|month|year|{day_parts})
          | (?i:that)\s+(?P<su3>{day_parts})
          | (?i:the)\s+(?P<su2>day|week|month|year)\s+(?P<sside>before|after)(?={_ADVERB_END}))
      | (?P<later>(?:(?P<lh>{hedge})\s+)?(?P<n>(?i:{number}|a\s+few|several))\s+(?P<lu>{units})(?:\s+or\s+so)?\s+(?P<dir>later|earlier|afterwards?|before|ago|hence|from\s+(?:now|today)))
      | (?P<duration>(?:(?i:{_alternation(dur['lead'])})\s+)?(?:(?i:{number})|(?i:{_alternation(dur['counts'])}))(?:\s+|-)(?:{between}\s+)?(?:{dunits})(?:\s+and\s+a\s+half)?(?!\s+old\b|\s+ahead\b)
          | (?:the\s+)?(?:{dunits})\s+ahead
          | (?:{bare_after})(?:{_alternation(dur['bare'])}))
      | (?P<set>(?i:{_alternation(sets['every'])})\s+(?:other\s+)?(?:{singular}|{W}|{lx['full_month_re']}|(?:\d+|{_count_words()})\s+(?:{dunits}))
          | (?i:{_alternation(sets['adverbs'])}) | (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days)
      | (?P<vague>(?i:{_alternation(lx['vague']['words'])}))
    )(?![\w]|-\w)""", re.VERBOSE)


def _words_of(phrase: str) -> list[str]:
    return [w for w in re.split(r"[\s'’.-]+", phrase.lower().strip()) if w]


@lru_cache(maxsize=1)
def triggers() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Where `find` tries the grammar: the words a time expression can begin with (besides numerals),
    those of them that can be one alone ("Friday", "now"), and the words that may follow the others
    ("the" only matters before "third", "summer", "end"...)."""
    lx = lexicon()
    dur, w, feasts = lx["durations"], words(), load("holidays")
    alone = [*lx["months"], *lx["weekdays"], *lx["days"], *lx["seasons"], *lx["vague"]["words"],
             *lx["sets"]["adverbs"], *dur["bare"], *(name for kind in holidays.KINDS for name in feasts[kind]),
             *lx["period_refs"], *lx["day_parts_told"], "noon", "midnight"]
    leading = [*lx["pointers"], *lx["parts"], *lx["softeners"], *lx["quarters"], *lx["halves"], *lx["decade_words"],
               *lx["approximate"], *lx["ordinals"], *dur["lead"], *dur["counts"], *dur["units"], *lx["sets"]["every"],
               *w["units"], *w["tens"], "nearly", "almost", "about", "some", "roughly", "around", "more", "less", "over",
               "just", "only", "exactly", "a", "an", "the", "that", "from", "between", "before", "since", "until",
               "till", "after", "by", "fiscal", "fy", "year", "hundred", "thousand", "each", "every", "per", *dur["between"],
               *lx["calendar_units"], "quarters"]
    strong = {ws[0] for ws in map(_words_of, alone) if len(ws) == 1} | {f"{d}s" for d in lx["weekdays"] if "." not in d}
    first = {ws[0] for ws in map(_words_of, alone + leading)} | strong
    follow = {x for p in alone + leading for x in _words_of(p)[1:]} | first | {
        "than", "same", "very", "following", "previous", "preceding", "full", "fiscal", "comparable", "corresponding",
        "ago", "earlier", "end", "beginning", "start", "middle", "close", "latest", "most", "few", "couple", "number",
        "half", "then"}
    return frozenset(first), frozenset(strong), frozenset(follow)


_WORD = re.compile(r"\w+|['’]\d")
_NEXT = re.compile(r"[\s,-]*(?:['’]s\s+)?(\w+|['’]\d)")


def find(text: str, skip: frozenset[int] = frozenset()) -> Iterator[re.Match[str]]:
    """The time expressions of a text, left to right, without overlaps; none begins at an offset in
    `skip` (a note's marker: "7 April 19." is note 7 on April 19). The grammar is tried only where a
    word that can begin one starts, and before a word such as "the" or "three" only when the next
    word can go on one: many times faster than trying it at every position."""
    pattern = master()
    first, strong, follow = triggers()
    done = 0
    for word in _WORD.finditer(text):
        start = word.start()
        if start < done or start in skip:
            continue
        token = word.group().lower()
        if not (token[0].isdigit() or token[0] in "'’"):
            if token not in first:
                continue
            if token not in strong:
                after = _NEXT.match(text, word.end())
                following = after.group(1).lower() if after else ""
                if not following or not (following[0].isdigit() or following[0] in "'’" or following in follow):
                    continue
        match = pattern.match(text, start)
        if match:
            done = match.end()
            yield match
