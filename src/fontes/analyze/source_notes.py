"""Source notes of documentary editions: where the original of a printed document is kept.

An edition such as FRUS opens each document's notes with one that reads "Source: REPOSITORY,
COLLECTION, SERIES, FILE, Box N. Secret; Immediate. Drafted by …": the repository first, then the
levels inside it from the widest to the narrowest, then the document's classification and the
editors' remarks. The repository is an archive the list in data/archives.toml knows (by name or
abbreviation), or else the first clause when it is named like an institution ("Department of
State", "Central Intelligence Agency"). The levels become the reference's title (collection →
series → file) and its locator (record group, lot, job, box, folder).
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import load
from ..model import Reference
from .names import fold
from .references import find_archives, find_date, parse

_SMALL_WORDS = {"of", "the", "and", "for", "on", "in", "at", "de", "du", "des", "la", "le", "der", "für", "&"}


def opening(note: str) -> str | None:
    """The "Source:" that opens a source note, or None where the note is no source note."""
    stripped = note.lstrip()
    return next((w for w in load("citations")["source_note_openings"] if stripped.startswith(w)), None)


@lru_cache(maxsize=1)
def _levels() -> re.Pattern[str]:
    words = sorted(load("citations")["record_levels"], key=len, reverse=True)
    # "Box 44", "Box H–070", "Box TS 31", "Lot 90 D 110", "RG 59"
    return re.compile(r"^(?:" + "|".join(re.escape(w) for w in words) + r")\b\.?(?:\s+[A-Z]{1,4})?\s*[\w–-]*\d")


def _named_like_institution(clause: str) -> bool:
    """A short noun phrase in title case with a repository word: "Department of State",
    "Washington National Records Center"; not a sentence."""
    words = clause.split()
    if not 1 <= len(words) <= 9 or not clause[:1].isupper():
        return False
    if not all(w[:1].isupper() or w.lower() in _SMALL_WORDS or w[:1].isdigit() for w in words):
        return False
    low = clause.lower()
    return any(re.search(rf"\b{re.escape(w)}\b", low) for w in load("citations")["repository_words"])


def _printed(clause: str) -> bool:
    """A source note that names a printed collection ("Public Papers of the Presidents …")."""
    low = clause.lower()
    return any(low.startswith(w) for w in load("citations")["printed_sources"])


def repository(clause: str) -> str | None:
    """The repository a source note's first clause names: the archive list's canonical name when
    the clause is one of its names or abbreviations, else the clause as written when it is named
    like an institution."""
    clause = " ".join(clause.split()).strip(" .")
    known = find_archives(clause)
    if known and known[0][0] == 0 and known[0][1] >= len(fold(clause).rstrip(" .")) - 1:
        return known[0][2]
    return clause if _named_like_institution(clause) else None


def _path_end(text: str) -> int:
    """Where the archival path ends: at the first full stop that ends a clause (not an initial or
    an abbreviation such as "Dept.", "Vol.", "Jan.", not inside parentheses)."""
    depth = 0
    for m in re.finditer(r"[().]", text):
        ch = m.group()
        depth += (ch == "(") - (ch == ")")
        if ch == "." and depth <= 0:
            before = text[:m.start()].split()[-1:] or [""]
            after = text[m.end():m.end() + 2]
            if (after[:1] in ("", " ", "\n")) and not re.fullmatch(r"[A-Z][a-z]{0,2}|Dept|Sept|pp?", before[0]):
                return m.start()
    return len(text)


def parse_source(note: str, earlier: list[tuple[str, list[Reference]]]) -> list[Reference]:
    """The references of a source note: the record (repository, levels, locator) first, then
    whatever the editors' remarks after it cite. A note that is no source note gets the ordinary
    reading of references.parse."""
    word = opening(note)
    if word is None:
        return parse(note, earlier)
    body = note.lstrip()[len(word):].strip()
    end = _path_end(body)
    path, remarks = body[:end], body[end + 1:].strip()
    if re.match(r"(?i)ibid\b", path):
        record = parse(path, earlier)
        return record + _remarks(remarks, earlier)
    clauses = [c.strip() for c in re.split(r",\s*|;\s*", path) if c.strip()]
    if clauses and _printed(clauses[0]):
        return [Reference("work", path, title=path.split(",")[0].strip(), date=find_date(path))]
    place = repository(re.split(r":", clauses[0])[0]) if clauses else None
    if place is None:
        return parse(note, earlier)
    parts = [p.strip() for c in clauses[1:] for p in c.split(": ") if p.strip()]
    levels = [p for p in parts if not _levels().match(p)]
    locator = [p for p in parts if _levels().match(p)]
    record = Reference("archive", path, place, ", ".join(levels) or None, date=find_date(", ".join(clauses[1:])),
                       locator=", ".join(locator) or None)
    return [record] + _remarks(remarks, earlier)


def _remarks(remarks: str, earlier: list[tuple[str, list[Reference]]]) -> list[Reference]:
    """Records the editors cite in the remarks after the path ("(National Archives, RG 59, …)")."""
    return [r for r in parse(remarks, earlier) if r.kind == "archive"] if remarks else []

