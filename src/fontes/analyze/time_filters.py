"""Words that look like time but are not, here: shelf marks and reference numbers ("No. 1968", "Box
1945"), a cable's number, a file's months outside a citation, names ("Korea Today"), and words whose
part of speech or place says so ('1100 pilots', 'may' the verb, 'Christmas cards', "$2 million a
year")."""
from __future__ import annotations

import re
from functools import lru_cache

from .language import Parsed
from .layout import NOTE
from .time_grammar import lexicon, point_patterns

_CONJUNCTION = re.compile(r"\bas soon as\b|\bsoon after\b", re.IGNORECASE)
_YEAR_DETERMINERS = {"the", "its", "his", "her", "their", "our", "this", "that", "these", "those"}


@lru_cache(maxsize=1)
def _cable_text_opening() -> re.Pattern[str]:
    captions = "|".join(re.escape(w) for w in lexicon()["cable_captions"])
    return re.compile(rf"\.[ \t]+(?:\d{{1,2}}\.[ \t]|(?i:{captions})\b)")


def _opens_cable(text: str, m: re.Match[str]) -> bool:
    """'1940. 1. President Park asked ...', '2217. Subject: ...': the number a cable's text opens with,
    before its first numbered paragraph or its caption, is the cable's number, not a year."""
    opens_paragraph = m.start() == 0 or text[m.start() - 1] == "\n"
    return opens_paragraph and m.group().isdigit() and bool(_cable_text_opening().match(text, m.end()))


def passed_over(parsed: Parsed, m: re.Match[str], year: int | None) -> bool:
    """A match that is no time here: a shelf mark, a title, a word used otherwise; a file's months
    in an archivist's shorthand outside the notes, where "to 10–15" counts things."""
    if m.lastgroup == "fmonth" and parsed.region != NOTE:
        return True
    if m.lastgroup == "point" and _opens_cable(parsed.text, m):
        return True
    return (_is_shelf_mark(parsed.text, m.start()) and not _is_file_span(parsed.text, m)) or \
        _in_title(parsed.text, m) or _is_not_time(parsed, m, year)


def _in_title(text: str, m: re.Match[str]) -> bool:
    """'Today' in 'Korea Today' is part of a name, not the day of publication."""
    return m.lastgroup == "dword" and m.group()[0].isupper() and bool(re.search(r"[A-Z][\w’']*\s+$", text[:m.start()]))


@lru_cache(maxsize=1)
def _shelf_mark() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(lexicon()["not_year_after"], key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{words})\s*$", re.IGNORECASE)


_NUMBER_LIST = re.compile(r"\d[\d–-]*(?:\s*,\s*\d[\d–-]*)*\s*,\s*$")


@lru_cache(maxsize=1)
def _list_mark() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(lexicon()["not_year_in_list_after"], key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{words})\s*$", re.IGNORECASE)


def _is_shelf_mark(text: str, start: int) -> bool:
    """A number right after 'No.', 'fond', 'Box', 'p.'... is a reference, not a year; so is one further
    on in a list that a plural opens ("pp. 1607–1610, 1615–1616"), though not after a single number
    ("No. 33, 1959" is an issue and its year)."""
    before = text[max(0, start - 60):start]
    listed = _NUMBER_LIST.search(before)
    if listed and _list_mark().search(before[:listed.start()][-16:]):
        return True
    return bool(_shelf_mark().search(before[-16:]))


@lru_cache(maxsize=1)
def _file_word() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in lexicon()["years_span_after"])
    return re.compile(rf"(?<![\w.])(?:{words})\s*$", re.IGNORECASE)


def _is_file_span(text: str, m: re.Match[str]) -> bool:
    """'Correspondence File 1969–1974': a range of years after a file or folder is the span of its
    papers, where a single number after it is the file's number."""
    return m.lastgroup == "yrange" and bool(_file_word().search(text[max(0, m.start() - 16):m.start()]))


def _tokens(parsed: Parsed, m: re.Match[str]):
    return parsed.sdoc.char_span(m.start(), m.end(), alignment_mode="expand")


def _is_not_time(parsed: Parsed, m: re.Match[str], year: int | None = None) -> bool:
    """Words that look like time but are not, by their part of speech or the name they belong to:
    a year that counts things ('1100 pilots'), 'may' the verb, 'April' the person, 'Christmas' in
    'Christmas cards', 'Monday' in a newspaper's name."""
    kind = m.lastgroup
    if kind == "point" and not any(point_patterns()[k].fullmatch(m.group("point")) for k in ("year", "spelled")):
        return False
    if kind == "vague" and _CONJUNCTION.search(parsed.text, max(0, m.start() - 3), m.end() + 6):
        return True
    if kind not in ("point", "month", "wday", "holiday", "set", "md", "sless", "duration", "dayof"):
        return False
    span = _tokens(parsed, m)
    if span is None:
        return False
    if kind == "point":  # a bare four-digit number before a plural noun counts things ("1100 pilots"),
        # unless a determiner makes it the year of what follows ("the 1971 elections" in a text of 1969)
        following = parsed.sdoc[span.end] if span.end < len(parsed.sdoc) else None
        previous = parsed.sdoc[span.start - 1] if span.start > 0 else None
        number = m.group("point")
        named = previous is not None and previous.lower_ in _YEAR_DETERMINERS and number.isdigit() and \
            year is not None and abs(int(number) - year) <= lexicon()["near_years"]
        return following is not None and following.tag_ in ("NNS", "NNPS") and not named
    last = span[-1]
    if kind in ("month", "sless") and (last.tag_ == "MD" or last.pos_ == "VERB"):
        return True  # "may", "will fall to dust", "could spring up"
    if kind in ("holiday", "sless", "dayof") and last.dep_ == "compound" and \
            last.head.lower_ not in lexicon()["stretch_nouns"]:
        return True  # "Christmas cards", "summer camp", "in the morning papers" (not "the Tet holiday")
    if kind == "set" and len(span) == 1 and last.dep_ in ("amod", "compound"):
        return True  # "the quarterly dividend" names a payment, "the Daily Diary" a book, not the times they fall
    if kind == "set" and len(span) == 1 and span.start > 0 and _is_amount(parsed.sdoc[span.start - 1]):
        return True  # "rise 8% annually", "10,000 units annually": a rate, as "$2 million a year" is
    if kind == "duration":  # "$2 million a year", "four flights a week": a rate
        previous = parsed.sdoc[span.start - 1] if span.start > 0 else None
        return span[0].lower_ in ("a", "an") and previous is not None and previous.pos_ in ("NUM", "NOUN", "PROPN", "SYM")
    names = ("PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT") + (("EVENT",) if kind != "holiday" else ())
    return any(t.ent_type_ in names for t in span) and kind in ("month", "wday", "holiday")  # a feast is an event


def _is_amount(token) -> bool:
    """A number, a unit of one ("%", "million") or a counted noun ("10,000 units")."""
    return token.pos_ in ("NUM", "SYM") or token.lower_ in ("%", "percent", "per cent") or \
        (token.pos_ == "NOUN" and any(c.dep_ == "nummod" for c in token.children))
