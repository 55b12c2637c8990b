"""References inside a note: the archival records, works, newspapers and URLs it cites.

A note is split into references at semicolons and "See"; each reference gets its kind, archive
(from data/archives.toml, or recognised from its form), title, authors and translators
(nameparser), date, URL (urllib), and locator (fond/opis/delo, box, folder, pages). "Ibid."
and short forms ("Pribbenow, “North Korean Pilots ...”") take the fields of the reference
they repeat.
"""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlparse

from nameparser import HumanName
from rapidfuzz import fuzz

from ..lexicon import load
from ..model import Reference
from .names import fold, normalize
from .times import interpret, master

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"”’]+")
_DOCUMENT_FORM = re.compile(r"^(?:Telegram|Airgram|Cable|Memorandum|Memo|Letter|Report|Savingram|Record of "
                            r"Conversation|Minutes|Diary)\b[^,]{0,40},")
_TITLE = re.compile(r"[“\"]([^”\"]{4,})[”\"]")
_PERSON = r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|der|da|di|le|la|bin))*"
_AUTHORS = re.compile(rf"^({_PERSON}(?:(?:,\s+|\s+and\s+){_PERSON})*),\s+(?=[“\"A-Z])")
_PEOPLE_AFTER = re.compile(rf"\b(translated|obtained|edited)\s+(?:and\s+translated\s+)?(?:for\s+[A-Z]+\s+)?by\s+({_PERSON})")
_PUBLISHER = re.compile(r"\(([^():]+):\s*([^(),]+),\s*(\d{4})\)")


@lru_cache(maxsize=1)
def _archives() -> list[tuple[str, str, str]]:
    """(folded alias, canonical name, country) for every known archive, longest alias first."""
    rows = []
    for entry in load("archives")["archive"]:
        for alias in [entry["name"], *entry.get("aliases", [])]:
            rows.append((fold(alias), entry["name"], entry.get("country", "")))
    return sorted(rows, key=lambda r: len(r[0]), reverse=True)


def archive_country(name: str) -> str | None:
    """The country of an archive in the list, by canonical name."""
    return next((country for _, canonical, country in _archives() if canonical == name), None)


def find_archives(text: str) -> list[tuple[int, int, str]]:
    """Known archive names in a text: (start, end, canonical name), offsets into `text`."""
    folded, found = fold(text), []
    for first_word, pattern, canonical in _archive_patterns():
        if first_word not in folded:  # a quick test first: most notes name no archive
            continue
        for m in pattern.finditer(folded):
            if not any(s < m.end() and m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), canonical))
    return sorted(found)


@lru_cache(maxsize=1)
def _archive_patterns() -> list[tuple[str, re.Pattern, str]]:
    """Each archive alias as a pattern (its words apart by any spaces), with its first word."""
    out = []
    for alias, canonical, _ in _archives():
        name = r"\s+".join(re.escape(word) for word in alias.split())
        out.append((alias.split()[0], re.compile(rf"(?<![\w-]){name}(?![\w-])"), canonical))
    return out


def archive_of(text: str) -> str | None:
    """The archive a reference cites: a known one, or an institution named like an archive."""
    known = find_archives(text)
    if known:
        return known[0][2]
    text = _URL.sub(" ", text)
    words = "|".join(re.escape(w) for w in sorted(load("citations")["archive_words"], key=len, reverse=True))
    match = re.search(rf"\b((?:[A-Z][\w.'’&-]*\s+(?:of\s+(?:the\s+)?)?){{0,6}}(?i:{words})(?:\s+(?:of\s+(?:the\s+)?)?"
                      rf"[A-Z][\w.'’&-]*){{0,5}})", text)
    return " ".join(match.group(1).split()).strip(" ,.") if match else None


def find_url(text: str) -> str | None:
    """The first URL, whole even where a line break cut it, without trailing punctuation."""
    # a URL cut at a line end continues on the next line (note lines arrive joined by a space)
    joined = re.sub(r"((?:https?://|www\.)\S*[/\-_=?&])\s+(?=[\w/])", r"\1", text)
    match = _URL.search(joined)
    if not match:
        return None
    url = match.group().rstrip(".,;:)>")
    parsed = urlparse(url if "://" in url else "http://" + url)
    return url if parsed.netloc and "." in parsed.netloc else None


def find_date(text: str) -> str | None:
    """The first date in a reference, as precise as it is written (YYYY, YYYY-MM or YYYY-MM-DD)."""
    for m in master().finditer(text):
        if m.group("point") or m.group("range") or m.group("yrange"):
            interval = interpret(m, None, None)
            if interval and interval.closed:
                iso = interval.earliest.isoformat()
                return {"day": iso, "month": iso[:7]}.get(interval.precision, iso[:4]) \
                    if interval.earliest == interval.latest or interval.precision != "day" else iso
    return None


def find_locator(text: str) -> str | None:
    """Where in the record or work: fond/opis/delo, box, folder, file, pages."""
    text = _URL.sub(" ", text)
    words = "|".join(re.escape(w) for w in sorted(load("citations")["locator_words"], key=len, reverse=True))
    parts = [" ".join(m.group().split()).rstrip(".,")
             for m in re.finditer(rf"(?<![\w])(?i:{words})\s*[\w/-]*\d[\w/.-]*(?:\s*[-–]\s*\d+)?", text)]
    shelf = re.findall(r"\b\d{3}-\d{4,6}-\d{2}\b(?:,\s*\d+(?:-\d+)?)?", text)
    pages = re.search(r"(?:\)|\d{4}|”|\")\s*,\s*(\d+(?:[-–]\d+)?)\s*[.;]?\s*$", text)
    found = parts + shelf + ([pages.group(1)] if pages and not parts else [])
    return ", ".join(dict.fromkeys(found)) or None


def split(note: str) -> list[str]:
    """A note's text cut into references: at semicolons outside quotes, and before "See"."""
    pieces, depth, current = [], 0, []
    for ch in note:
        depth += ch in "“(" and 1 or 0
        depth -= ch in "”)" and 1 or 0
        if ch == ";" and depth <= 0:
            pieces.append("".join(current))
            current = []
            continue
        current.append(ch)
    pieces.append("".join(current))
    out = []
    for piece in pieces:
        out += re.split(r"(?:,|\.”|\.)\s+(?=[Ss]ee\s+(?:also\s+)?[A-Z“\"])", piece)
    return [p.strip() for p in out if p.strip()]


def surname(name: str) -> str:
    """The family name by nameparser; a single word is taken as a surname ("Pribbenow")."""
    parsed = HumanName(name)
    return normalize(parsed.last or parsed.first or name)


def _people(names: str) -> list[str]:
    return [str(HumanName(n.strip())).strip() for n in re.split(r",\s+|\s+and\s+", names) if n.strip()]


def parse_one(text: str) -> Reference:
    """One reference from its text."""
    body = re.sub(r"^(?:[Ss]ee\s+(?:also\s+)?)", "", text).strip()
    low = body.lower()
    if any(low.startswith(w) for w in load("citations")["ibid"]):
        rest = re.sub(r"^ibid(?:em)?\.?,?", "", body, flags=re.IGNORECASE).strip(" .,")
        return Reference("ibid", text, locator=find_locator(rest) or rest or None)
    title_match = _TITLE.search(body)
    form = _DOCUMENT_FORM.match(body)
    authors_match = None if form else _AUTHORS.match(body)
    authors = _people(authors_match.group(1)) if authors_match and (title_match or _PUBLISHER.search(body)) else []
    title = title_match.group(1).strip(" ,.") if title_match else None
    after_title = body[title_match.end():] if title_match else body
    if title is None and form:
        first_date = _first_date_at(body)
        title = body[:first_date].strip(" ,.") if first_date else body.split(".")[0]
        after_title = body[first_date:] if first_date else body
    elif title is None and authors_match:
        rest = body[authors_match.end():]
        title = re.split(r"\s*\(|,\s", rest, maxsplit=1)[0].strip(" ,.") or None
    translators = [_people(m.group(2))[0] for m in _PEOPLE_AFTER.finditer(body) if m.group(1) == "translated"
                   or "translated" in m.group(0)]
    archive, url = archive_of(body), find_url(text)
    newspaper = None if (title or archive) else re.match(r"^([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,5}),\s+(?=\d|[A-Z][a-z]+\.? \d)", body)
    if newspaper and find_date(body[newspaper.end():]):
        title = newspaper.group(1)  # a newspaper or periodical cited by name and date
    kind = "archive" if archive else "work" if (title or authors) else "url" if url else "other"
    published = _PUBLISHER.search(body) or re.search(r"\(([A-Z][a-z]+\.? )?\d{4}\)", body)
    date = find_date(published.group()) if kind == "work" and published else find_date(after_title) or find_date(body)
    return Reference(kind, text, archive, title, authors, translators, date, url, find_locator(after_title))


def _first_date_at(text: str) -> int | None:
    match = next((m for m in master().finditer(text) if m.group("point")), None)
    return match.start() if match else None


def parse(note: str, earlier: list[tuple[str, list[Reference]]]) -> list[Reference]:
    """All references of a note; Ibid. and short forms resolved against the notes before it."""
    refs = [parse_one(piece) for piece in split(note)]
    refs = [r for r in refs if r.kind != "other" or _cites_something(r.text)]
    for ref in refs:
        if ref.kind == "ibid":
            source = next(((m, rs[-1]) for m, rs in reversed(earlier) if rs), None)
            if source:
                _fill(ref, source[1], source[0], keep_locator=bool(ref.locator))
        elif ref.title:
            _resolve_short_form(ref, earlier)
    return refs


def _cites_something(text: str) -> bool:
    return bool(_URL.search(text) or _TITLE.search(text) or _PUBLISHER.search(text))


def _fill(ref: Reference, source: Reference, marker: str, keep_locator: bool) -> None:
    ref.kind = source.kind if ref.kind == "ibid" else ref.kind
    ref.archive = ref.archive or source.archive
    ref.title = ref.title or source.title
    ref.authors = ref.authors or list(source.authors)
    ref.translators = ref.translators or list(source.translators)
    ref.date = ref.date or source.date
    ref.url = ref.url or source.url
    ref.locator = ref.locator if keep_locator else (ref.locator or source.locator)
    ref.repeats = marker


def _resolve_short_form(ref: Reference, earlier: list[tuple[str, list[Reference]]]) -> None:
    """'Pribbenow, “North Korean Pilots ...”' repeats the earlier reference by that author with
    that title, and a bare title repeats the earlier reference with the same title; the short form
    takes the fields it leaves out."""
    surnames = {surname(a) for a in ref.authors}
    for marker, refs in reversed(earlier):
        for candidate in refs:
            if not candidate.title or len(candidate.text) <= len(ref.text) and ref.url:
                continue
            same_author = bool({surname(a) for a in candidate.authors} & surnames)
            anonymous = not ref.authors
            score = fuzz.partial_ratio(normalize(ref.title), normalize(candidate.title))
            if (same_author and score >= 90) or (anonymous and len(ref.title) >= 15 and score >= 95):
                _fill(ref, candidate, marker, keep_locator=True)
                return
