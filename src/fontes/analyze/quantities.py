"""Quantities: every number a source states, as a value or bounds, with its hedge, its unit and
the noun it counts ("about 90 pilots", "200-400 personnel", "more than 300,000", "eighty-seven").

Numbers inside time expressions, note markers, shelf marks, model names ("MiG-21") and
ordinals are not quantities. Lexicon in data/quantities.toml and data/numbers.toml.
"""
from __future__ import annotations

import bisect
import itertools
import re
from functools import lru_cache

from ..lexicon import load
from ..model import Quantity, TimeExpr
from .language import Parsed
from .numbers import FRACTION, NUMERAL, as_number, parse_number, word_pattern, words


@lru_cache(maxsize=1)
def lexicon() -> dict:
    data = load("quantities")
    unit_of = {noun: unit for unit, nouns in data["units"].items() for noun in nouns}
    return {**data, "unit_of": unit_of}


def _alternation(phrases: list[str]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))


@lru_cache(maxsize=1)
def pattern() -> re.Pattern[str]:
    """A hedge or bound, then a number or a range of numbers."""
    lx = lexicon()
    scales = "|".join(words()["scales"])
    number = rf"(?:{FRACTION}|(?:{NUMERAL})(?:\s+(?:{scales}))?|{word_pattern()})"
    sign = rf"(?:{_alternation(list(lx['symbols']))})?"  # "from $1 billion to $1.2 billion"
    return re.compile(rf"""(?<![\w#/.,-])(?<![A-Z]–)(?:
        (?P<approx>{_alternation(lx['approximate'])})\s+ |
        (?P<low>{_alternation(lx['lower_bound'])})\s+ |
        (?P<high>{_alternation(lx['upper_bound'])})\s+ )?
        (?:(?P<between>between|from)\s+{sign}(?P<a>{number})\s+(?:and|to)\s+{sign}(?P<b>{number})
         | (?P<x>{number})(?:\s*(?:-|–|—|to)\s*(?P<y>{number}))?)
        (?![\w]|[.,]\d|-(?!year|old|strong|man|member|an?-))""", re.VERBOSE | re.IGNORECASE)


_SHELF = re.compile(r"(?:no\.?|#|p\.|pp\.|vol\.|box|file|fond|f\.|opis|op\.|delo|d\.|rg|art\.|article|chapter|"
                    r"section|page|pages|folder|group|document|number|class|type)\s*$", re.IGNORECASE)


def counted_noun(parsed: Parsed, start: int, end: int) -> tuple[str | None, str | None]:
    """The noun a number counts and its unit: 'eighty-seven air force personnel' → personnel, people."""
    doc = parsed.sdoc
    span = doc.char_span(start, end, alignment_mode="expand")
    text_after = parsed.text[end:end + 40].lower()  # not doc.text, which spaCy rebuilds on each access
    unit_of = lexicon()["unit_of"]
    for phrase in sorted(unit_of, key=len, reverse=True):
        found = re.match(rf"[\s-]*{re.escape(phrase)}(?!\w)", text_after)
        if found:
            if unit_of[phrase] == "percent":
                return _percent_noun(parsed, end + found.end(), phrase), "percent"
            return phrase, unit_of[phrase]
    if span is None:
        return None, None
    head = span[-1]
    while head.dep_ in ("nummod", "quantmod", "compound", "amod") and head.head.i > head.i \
            and head.head.pos_ in ("NOUN", "PROPN", "NUM", "ADJ"):
        head = head.head
    if head.i == span[-1].i or head.pos_ not in ("NOUN", "PROPN"):
        return None, None
    words_between = [t for t in doc[span[-1].i + 1:head.i + 1] if t.text not in ("-", "–")]
    if len(words_between) > 2 and words_between[0].lower_ in ("a", "an", "per"):
        words_between = words_between[2:]  # "$37-a-share tender offer" counts the offer, priced per share
    phrase = " ".join(t.text for t in words_between)
    return phrase, unit_of.get(head.lower_) or unit_of.get(head.lemma_.lower() if head.lemma_ else "")


def _percent_noun(parsed: Parsed, after: int, phrase: str) -> str:
    """What a percentage counts where a noun follows it and takes it as its modifier ("a 15% stake",
    "20 percent stakes" → "% stake", "percent stakes"); the sign or word alone otherwise."""
    rest = parsed.text[after:after + 40]
    word = re.match(r"\s*([A-Za-z]+)", rest)
    if not word:
        return phrase
    start = after + word.start(1)
    span = parsed.sdoc.char_span(start, start + len(word.group(1)), alignment_mode="expand")
    if span is None or span[0].pos_ != "NOUN":
        return phrase
    noun = span[0]
    sign = parsed.sdoc[noun.i - 1] if noun.i > 0 else None
    if sign is None or sign.head.i != noun.i:
        return phrase  # "15% in Jaguar", "10% rates rose": the noun after is not what is counted
    return f"{phrase} {noun.text}"


def run(parsed: Parsed, source: str, times: list[TimeExpr]) -> list[Quantity]:
    """Quantities of one parsed body chunk; those inside dates are left to times (a duration such as
    "three days" is both a time and a quantity)."""
    if parsed.region != "body":
        return []
    text = parsed.text
    found: list[Quantity] = []
    taken = sorted((t.start, t.end) for t in times if t.edtf or t.precision not in ("duration", "set", "vague"))
    # the furthest end among the dates that start before each one: overlap is one bisection away
    starts = [s for s, _ in taken]
    reach = list(itertools.accumulate((e for _, e in taken), max))
    for m in pattern().finditer(text):
        if _SHELF.search(text[max(0, m.start() - 12):m.start()]):
            continue
        first, second = (m.group("a"), m.group("b")) if m.group("between") else (m.group("x"), m.group("y"))
        if not _is_quantity(first, m, text):
            continue
        if second and (_move_and_level(parsed, m) or _change_from(parsed, m)):
            found += [q for name in (("a", "b") if m.group("between") else ("x", "y"))
                      for q in _one(parsed, source, text, m.start(name), m.end(name), taken, starts, reach)]
            continue
        start, end = parsed.source_span(m.start(), m.end())
        before = bisect.bisect_left(starts, end)
        if before and reach[before - 1] > start:
            continue
        low_word, high_word = m.group("low"), m.group("high")
        value_a, value_b = parse_number(first), parse_number(second) if second else None
        value_a = _shared_scale(first, second, value_a)
        if value_a is None or (second and value_b is None):
            continue
        value = low = high = None
        if value_b is not None:
            low, high = value_a, value_b
        elif low_word:
            low = value_a
        elif high_word:
            high = value_a
        else:
            value = value_a
        noun, unit = counted_noun(parsed, m.start(), m.end())
        unit = _currency_before(text, m.start()) or _currency_before(text, m.start("a") if m.group("between") else 0) \
            or unit
        if first.lower() == "one" and not second and (not noun or re.match(r"[’']s\b", text[m.end():])):
            continue  # the pronoun: "one of them", "that one's position"
        found.append(Quantity(start, end, source[start:end], as_number(value), as_number(low), as_number(high),
                              bool(m.group("approx")), unit, noun))
    return found


def _move_and_level(parsed: Parsed, m: re.Match[str]) -> bool:
    """"McCaw dropped 2 1/2 to 37 3/4": after a verb, "X to Y" with Y many times X is a change and the
    level it led to, two figures; "rose 5 to 10 percent" is a range."""
    if m.group("between") or not re.fullmatch(r"\s*to\s*", m.string[m.end("x"):m.start("y")]):
        return False
    low, high = parse_number(m.group("x")), parse_number(m.group("y"))
    if low is None or high is None or high <= 3 * low:
        return False
    before = parsed.sdoc.char_span(m.start(), m.end(), alignment_mode="expand")
    return before is not None and before.start > 0 and parsed.sdoc[before.start - 1].pos_ in ("VERB", "AUX")


def _shared_scale(first: str, second: str | None, value: float | None) -> float | None:
    """"Between 3 and 4 million": the scale word written once is both ends' (3 million), unless the
    first end is already larger than the second's number ("from 500 to 2 million")."""
    scaled = re.fullmatch(rf"(.+?)\s+({'|'.join(words()['scales'])})", second or "", re.IGNORECASE)
    if value is None or not scaled or re.search(rf"\s({'|'.join(words()['scales'])})$", first, re.IGNORECASE):
        return value
    base = parse_number(scaled.group(1))
    if base is None or value > base:
        return value
    return value * (parse_number(second) / base)


def _change_from(parsed: Parsed, m: re.Match[str]) -> bool:
    """"The toll rose from 12 to 31": "from X to Y" on a verb of change is what was and what is, two
    figures; on a verb of range ("estimates ranged from 200 to 400") or a noun, one range."""
    if (m.group("between") or "").lower() != "from":
        return False
    span = parsed.sdoc.char_span(m.start("between"), m.end("between"), alignment_mode="expand")
    if span is None:
        return False
    head = span[0].head
    return head.pos_ in ("VERB", "AUX") and head.lemma_.lower() not in lexicon()["range_verbs"]


def _one(parsed: Parsed, source: str, text: str, first: int, last: int, taken, starts, reach) -> list[Quantity]:
    """One plain number at text[first:last], as a quantity with its counted noun and unit (none
    inside a date)."""
    start, end = parsed.source_span(first, last)
    before = bisect.bisect_left(starts, end)
    value = parse_number(text[first:last])
    if (before and reach[before - 1] > start) or value is None:
        return []
    noun, unit = counted_noun(parsed, first, last)
    return [Quantity(start, end, source[start:end], as_number(value), None, None, False,
                     _currency_before(text, first) or unit, noun)]


def _currency_before(text: str, start: int) -> str | None:
    """The unit a currency sign right before a number gives it: "$1.625" is in dollars."""
    before = text[max(0, start - 4):start].rstrip()
    return next((unit for sign, unit in lexicon()["symbols"].items() if before.endswith(sign)), None)


def _is_quantity(number: str, m: re.Match[str], text: str) -> bool:
    """Drop the article 'a', the pronoun 'one' ('one of the pilots') and bare four-digit years."""
    lowered = number.lower().strip()
    if lowered in ("a", "an"):
        return False
    if lowered == "one" and re.match(r"\s+(?:of|another|day|time|side|hand|after|by)\b", text[m.end():]):
        return False
    if re.fullmatch(r"1[0-9]{3}|20[0-9]{2}", lowered) and not m.group("y") and not m.group("b"):
        return bool(re.match(r"\s+[a-z]+s\b", text[m.end():])) and not re.match(r"\s+(?:was|has|is|saw|as)\b",
                                                                                  text[m.end():])
    return True
