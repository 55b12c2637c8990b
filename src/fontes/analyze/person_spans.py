"""Repairs of the model's name spans, for people above all: a heading run into the name, a title or
office taken for part of it, a note marker glued to it, a collection or visit named after the
person; and the names the model cannot see: a speaker's initial in a transcript ("K said") and a
name the editors completed in brackets ("K[issinger]")."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import load
from .names import is_body_name, is_title_word, title_before

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_ROMAN = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}
_GLUED_MARKER = re.compile(r"(?<=[a-z])\d{1,3}$")
_BRACKETED = re.compile(r"(?<![\w\[])([A-Z])\[([a-z][a-z'’-]+)\](?!\w)")
_LIST_LETTER = re.compile(r"[A-Z]\.\s+(?=[A-Z])")
_LIST_OR_TITLE = re.compile(r"([A-Z][\w.]*)\s+(?=[A-Z])")
_INITIAL = re.compile(r"(?<![\w.\[\]’'-])[A-Z](?![\w.\[\]’'-])")


@lru_cache(maxsize=2)
def _eponym_tail(of_body: bool = False) -> re.Pattern[str]:
    """A name followed by a word that makes the whole something named after a person."""
    listed = load("entities")["collection_tails" if of_body else "eponym_tails"]
    tails = "|".join(re.escape(t) for t in sorted(listed, key=len, reverse=True))
    return re.compile(rf"((?:[A-Z][\w’'-]*\s+){{1,3}}?)(?:{tails})\.?$")


@lru_cache(maxsize=1)
def _speaker() -> re.Pattern[str]:
    verbs = "|".join(load("entities")["speech_verbs"])
    return re.compile(rf"\s+(?:{verbs})\b|:")


def repair(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """The names a span holds, narrowed to the name, with their labels: none, one, or several
    where the model ran a list of people into one span ("Kissinger, Behr")."""
    breaks = list(_BLANK_LINE.finditer(text, start, end))
    if breaks:
        # a heading or a list entry run into the next paragraph: the name opens the paragraph
        start = breaks[-1].end()
    if label in ("PERSON", "ORG") and is_body_name(text[start:end]):
        # "General Motors Corp.": a body by its designator, whatever title word opens its name
        return [(start, end, "ORG")]
    eponym = _eponym_tail(of_body=label != "PERSON").match(text, start, end)
    if eponym and label in ("PERSON", "ORG"):
        end, label = start + len(eponym.group(1).rstrip()), "PERSON"
    titled = _LIST_OR_TITLE.match(text, start, end)
    if titled and label != "PERSON" and _is_plain_title(titled.group(1)) and end > titled.end():
        # "FonMin Choi" read as an organisation: a title opens a person's name
        label = "PERSON"
    if label != "PERSON":
        return [(start, end, label)] if end > start else []
    if _LIST_LETTER.match(text, start, end) and _at_line_start(text, start):
        start = _LIST_LETTER.match(text, start, end).end()
    parts = [(start + m.start(), start + m.end()) for m in re.finditer(r"[^,;]+", text[start:end])]
    found = []
    for s, e in parts:
        s += len(text[s:e]) - len(text[s:e].lstrip())
        if e > s:
            found += _person(text, s, e)
    return found


def _person(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """One person's span without the title, office or numeral before it and the marker after it."""
    words = list(re.finditer(r"\S+", text[start:end]))
    lead = 0
    while lead < len(words) - 1 and (is_title_word(words[lead].group()) or words[lead].group() in _ROMAN):
        lead += 1
    if lead:
        start += words[lead].start()
        words = words[lead:]
    if title_before(text, start).split()[-1:] in (["of"], ["the"]) and len(words) > 1:
        start = _name_after_office(text, start, end)
    marker = _GLUED_MARKER.search(text, start, end)
    if marker and marker.start() > start + 1:
        end = marker.start()
    return [(start, end, "PERSON")] if end > start else []


def _is_plain_title(word: str) -> bool:
    """A title in fontes' own lists (not nameparser's long list, which holds words such as
    "Central" that open organisations' names too)."""
    data = load("entities")
    key = word.rstrip(".").lower()
    return key in {w.lower() for w in [*data["titles"], *data["extra_titles"]]} or key in data["title_abbreviations"]


def _at_line_start(text: str, start: int) -> bool:
    return start == 0 or text[:start].rstrip(" \t").endswith("\n")


def _name_after_office(text: str, start: int, end: int) -> int:
    """Where the name begins in a span that opens with an office's object ("Defense Laird" after
    "Secretary of"): the last word, with the initials before it and the given name before those."""
    words = list(re.finditer(r"\S+", text[start:end]))
    i = len(words) - 1
    while i > 0 and re.fullmatch(r"[A-Z]\.", words[i - 1].group()):
        i -= 1
    if i < len(words) - 1 and i > 0:
        i -= 1
    return start + words[i].start()


def unseen(text: str) -> list[tuple[int, int, str]]:
    """Person names the model cannot tag: (start, end, name) for speakers' initials in a transcript
    ("K said", "K:") and names completed in editorial brackets ("K[issinger]")."""
    found = [(m.start(), m.end(), m.group(1) + m.group(2)) for m in _BRACKETED.finditer(text)]
    speaker = _speaker()
    for m in _INITIAL.finditer(text):
        if m.group() in ("I", "A") or not speaker.match(text, m.end()):
            continue
        at_line_start = text[:m.start()].rstrip(" \t").endswith("\n") or m.start() == 0
        if text[m.end():m.end() + 1] == ":" and not at_line_start:
            continue
        found.append((m.start(), m.end(), m.group()))
    return sorted(found)
