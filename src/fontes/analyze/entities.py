"""Entity mentions: spaCy's named entities, trimmed to the name itself, with metonymy roles, and
named facilities that the statistical model misses ("Kep air base")."""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span as SpacySpan

from ..lexicon import load
from ..model import Mention
from .language import Parsed

_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:['’]s|['’])$|[\s.,;:]+$")


@lru_cache(maxsize=1)
def _cues() -> dict:
    data = load("entities")
    return {key: set(value) if isinstance(value, list) else value for key, value in data.items()}


@lru_cache(maxsize=1)
def _facility_pattern() -> re.Pattern[str]:
    heads = "|".join(sorted((re.escape(h) for h in load("entities")["facility_heads"]), key=len, reverse=True))
    name_word = r"[A-Z][\w’'-]+"
    return re.compile(rf"\b((?:{name_word} ){{1,3}})({heads})\b")


def role_of(ent: SpacySpan) -> str | None:
    """'government' when a place name acts (subject, possessor, agent), 'place' after a locative
    preposition, None when the syntax does not say."""
    if ent.label_ not in ("GPE", "NORP", "LOC"):
        return None
    cues = _cues()
    root = ent.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    if ent.label_ == "NORP":
        nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        return "government" if nxt is not None and nxt.lower_ in cues["government_nouns"] else None
    if root.dep_ == "pobj":
        prep = root.head.lower_
        if prep == "by":
            return "government"
        return "place" if prep in cues["place_prepositions"] else None
    if root.dep_ in cues["acting_roles"]:
        return "government"
    if root.dep_ == "compound" and root.head.lower_ in cues["government_nouns"]:
        return "government"
    return None


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Narrow a span to the name: drop a leading article, a possessive and trailing punctuation."""
    piece = text[start:end]
    lead = _LEADING.match(piece)
    if lead and len(piece) > lead.end():
        start += lead.end()
    piece = text[start:end]
    tail = _TRAILING.search(piece)
    if tail and tail.start() > 0:
        end = start + tail.start()
    return start, end


def mentions(parsed: Parsed, source: str) -> list[Mention]:
    """Mentions of named entities in one parsed chunk, as source spans."""
    labels = _cues()["labels"]
    found: list[Mention] = []
    view_text = parsed.sdoc.text
    facilities = list(_facility_pattern().finditer(view_text))
    for ent in parsed.sdoc.ents:
        if ent.label_ not in labels:
            continue
        s, e = trim(view_text, ent.start_char, ent.end_char)
        if e <= s or not any(ch.isupper() for ch in view_text[s:e]):
            continue
        if any(f.start() <= s < f.end() for f in facilities):
            continue
        found.append(_mention(parsed, source, s, e, ent.label_, role_of(ent)))
    for match in facilities:
        words = match.group(1).split()
        while words and words[0] in _cues()["not_name_starts"]:
            words.pop(0)
        if not words:
            continue
        s = match.end(1) - len(" ".join(words)) - 1
        found.append(_mention(parsed, source, s, match.end(), "FAC", None))
    return found


def _mention(parsed: Parsed, source: str, s: int, e: int, label: str, role: str | None) -> Mention:
    start, end = parsed.source_span(s, e)
    return Mention(start, end, source[start:end], label, role, name=" ".join(parsed.sdoc.text[s:e].split()))
