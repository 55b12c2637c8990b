"""Entity mentions: spaCy's named entities, trimmed to the name itself (people's spans repaired in
person_spans.py, ships' prefixes and units' ordinals taken in by vessels.py), with metonymy roles,
and the names the statistical model misses: named facilities ("Kep air base"), prefixed ships,
speakers' initials in transcripts."""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span as SpacySpan

from ..lexicon import load
from ..model import Mention
from .language import Parsed
from . import vessels
from .person_spans import repair, unseen

_LEADING = re.compile(r"^(?:\d{1,3}\s+)?(?:(?:the|The|THE)\s+)?")
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
    # a conjunct or an apposition ("in the capital, Ankara") takes the role of the word it joins
    while root.dep_ in ("conj", "appos") and root.head.i != root.i:
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


def widen(ent: SpacySpan, taken: set[int]) -> SpacySpan:
    """Take in proper nouns the model left beside a person's name ("Vu Ngoc" before "Dinh")."""
    if ent.label_ not in ("PERSON", "ORG", "GPE"):
        return ent
    doc, start, end = ent.doc, ent.start, ent.end
    titles = _cues()["not_name_starts"] | _titles_words()
    def name_word(i: int) -> bool:
        t = doc[i]
        return (t.pos_ == "PROPN" and t.is_title and i not in taken and t.text not in titles
                and not t.is_sent_start)
    while start > 0 and name_word(start - 1) and ent.end - start < 4:
        start -= 1
    if start == ent.start:
        return ent
    return SpacySpan(doc, start, end, label="PERSON")


def unlabelled_names(sdoc, taken: set[int]) -> list[tuple[int, int]]:
    """Runs of two to four capitalised proper nouns that the model gave no label ("Vu Ngoc Dinh");
    in running prose these are nearly always people's names."""
    org_words = set(load("entities")["org_words"]) | _nationality_words()
    stop = _cues()["not_name_starts"] | _titles_words()
    runs, i = [], 0
    while i < len(sdoc):
        j = i
        while j < len(sdoc) and j not in taken and sdoc[j].pos_ == "PROPN" and sdoc[j].is_title \
                and sdoc[j].is_alpha and sdoc[j].text not in stop:
            j += 1
        if 2 <= j - i <= 4 and not any(t.lower_ in org_words for t in sdoc[i:j]):
            runs.append((i, j))
        i = max(j, i + 1)
    return runs


@lru_cache(maxsize=1)
def _nationality_words() -> set[str]:
    """Words of the gazetteer's demonyms ("soviet", "chinese"): a run holding one is no person's name."""
    return {w.lower() for entry in load("gazetteer")["entity"] for d in entry.get("demonyms", []) for w in d.split()}


@lru_cache(maxsize=1)
def _titles_words() -> set[str]:
    return {w for title in load("entities")["titles"] for w in title.split()}


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
    view_text = parsed.text
    facilities = list(_facility_pattern().finditer(view_text))
    taken = {i for ent in parsed.sdoc.ents for i in range(ent.start, ent.end)}
    for ent in parsed.sdoc.ents:
        if ent.label_ not in labels:
            continue
        ent = widen(ent, taken)
        for s, e, label in _named_spans(view_text, *trim(view_text, ent.start_char, ent.end_char), ent.label_):
            if e <= s or not any(ch.isupper() for ch in view_text[s:e]) or \
                    view_text[s:e].lower().rstrip(".") in _cues()["not_names"]:
                continue
            if any(f.start() <= s < f.end() for f in facilities):
                continue
            found.append(_mention(parsed, source, s, e, label, role_of(ent) if label == ent.label_ else None))
    for start, end in unlabelled_names(parsed.sdoc, taken) if parsed.region == "body" else []:
        span = parsed.sdoc[start:end]
        for s, e, label in _named_spans(view_text, span.start_char, span.end_char, "PERSON"):
            found.append(_mention(parsed, source, s, e, label, None))
    for s, e in vessels.named(view_text):
        start, end = parsed.source_span(s, e)
        if not any(m.start < end and start < m.end for m in found):
            found.append(_mention(parsed, source, s, e, "VESSEL", None))
    for s, e, name in unseen(view_text):
        start, end = parsed.source_span(s, e)
        if not any(m.start < end and start < m.end for m in found):
            found.append(_mention(parsed, source, s, e, "PERSON", None, name))
    for match in facilities:
        words = match.group(1).split()
        while words and words[0] in _cues()["not_name_starts"]:
            words.pop(0)
        if not words:
            continue
        s = match.end(1) - len(" ".join(words)) - 1
        found.append(_mention(parsed, source, s, match.end(), "FAC", None))
    return found


def _named_spans(text: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """The names a model span holds once a ship's prefix or a unit's ordinal is taken in and a
    person's span is repaired (titles, headings, lists of names)."""
    start, end, label = vessels.widen(text, start, end, label)
    return [(start, end, label)] if label == "VESSEL" else repair(text, start, end, label)


def _mention(parsed: Parsed, source: str, s: int, e: int, label: str, role: str | None,
             name: str | None = None) -> Mention:
    start, end = parsed.source_span(s, e)
    return Mention(start, end, source[start:end], label, role, name=name or " ".join(parsed.text[s:e].split()))
