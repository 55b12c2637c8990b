"""Document metadata: title, authors, publication date and kind, from the document itself,
a sidecar `NAME.meta.json`, or the `--published` option (in rising order of precedence)."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from ..errors import FontesError
from ..lexicon import load
from ..model import Document
from . import edition

KINDS = ("scholarly", "news", "web", "archival", "other")
_AUTHOR_LINE = re.compile(r"^(?:By |by )?([A-Z][a-z]+(?: [A-Z]\.)*(?: (?:[A-Z][a-z'’-]+|[A-Z]\.)){1,3})$")
_ISO = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")


def _month_pattern() -> re.Pattern[str]:
    names = "|".join(sorted(load("months")["months"], key=len, reverse=True))
    return re.compile(rf"\b(?:(\d{{1,2}}) )?({names})\.?(?: (\d{{1,2}}))?,? (\d{{4}})\b", re.IGNORECASE)


def find_date(text: str) -> str | None:
    """The first 'Month YYYY' or full date in a stretch of text, as an ISO prefix."""
    match = _month_pattern().search(text)
    if not match:
        return None
    day = match.group(1) or match.group(3)
    month = load("months")["months"][match.group(2).lower()]
    iso = f"{match.group(4)}-{month:02d}"
    return f"{iso}-{int(day):02d}" if day and 1 <= int(day) <= 31 else iso


@lru_cache(maxsize=1)
def _dateline_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A dateline ("Washington, April 15, 1969, 6:30 p.m.", "SNIE 14.2–69 Washington, January 30,
    1969.", "Seoul, 18 April 1969 0300Z", "Washington, May 2–June 11, 1969.") and a memorandum's
    date line ("DATE: April 15, 1969"). Only a time of day may follow the date."""
    names = "|".join(sorted(load("months")["months"], key=len, reverse=True))
    month = rf"(?i:{names})\.?"
    date = (rf"(?:(?P<m>{month})\s+(?P<d>\d{{1,2}})(?:\s*[–-]\s*(?:{month}\s+)?\d{{1,2}})?"
            rf"|(?P<d2>\d{{1,2}})(?:\s*[–-]\s*\d{{1,2}})?\s+(?P<m2>{month})),?\s+(?P<y>\d{{4}})")
    time = r"(?:\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.\s?m\.?|[AP]M)?|\d{4}\s*Z?|noon|midnight)"
    clock = rf"(?:[\s,]+{time}(?:\s*[–-]\s*{time})?)*"
    place = r"[A-Z][\w.'’-]*(?:\s+[A-Z(][\w.'’()-]*){0,3}"
    dateline = re.compile(rf"^(?:[A-Z][\w.–-]*\s+[\w.–-]+\s+)?{place},\s+{date}{clock}\s*[.—–-]*\s*$")
    header = re.compile(rf"^(?i:date)\s*[:.]?\s+{date}{clock}\.?\s*$")
    return dateline, header


def dateline_pattern() -> re.Pattern[str]:
    """The pattern of a dateline line ("Washington, April 15, 1969, 6:30 p.m.")."""
    return _dateline_patterns()[0]


def find_document_date(text: str, lines: int = 30) -> str | None:
    """The document's own date from its dateline or its memorandum date line, near the top; None
    when it has neither."""
    for line in text.strip().splitlines()[:lines]:
        line = " ".join(line.split())
        if not line or len(line) > 100:
            continue
        for pattern in _dateline_patterns():
            match = pattern.match(line)
            if match:
                day = match.group("d") or match.group("d2")
                month = load("months")["months"][(match.group("m") or match.group("m2")).lower().rstrip(".")]
                if 1 <= int(day) <= 31:
                    return f"{match.group('y')}-{month:02d}-{int(day):02d}"
    return None


def find_dateline(text: str) -> str | None:
    """The date of a short line that ends with one: a dateline, or a running header such as
    'Working Paper #7, February 2019'. Dates inside prose are events, not publication dates."""
    found = find_document_date(text)
    if found:
        return found
    pattern = _month_pattern()
    for line in text.splitlines():
        line = line.strip()
        if 0 < len(line) <= 80 and not line.endswith(".") and not line[0].isdigit():
            match = pattern.search(line)
            if match and match.end() >= len(line.rstrip(". ")):
                return find_date(line)
    return None


def guess_title(text: str) -> str | None:
    """The opening line(s) of the text when they read like a title (short, no final period)."""
    lines = [ln.strip() for ln in text.strip().splitlines()[:3]]
    title = lines[0] if lines else ""
    if not title or len(title) > 150 or title.endswith("."):
        return None
    title = title.lstrip("# ").strip()
    if len(lines) > 1 and lines[1] and len(lines[1]) < 40 and find_date(lines[1]) is None and not lines[1].endswith(".") and lines[1][0].isupper() \
            and len(title) + len(lines[1]) < 150 and not _AUTHOR_LINE.match(lines[1]):
        title = f"{title} {lines[1]}"
    return title


def guess_authors(text: str) -> list[str]:
    """A line near the top that is only a personal name ("Benjamin R. Young", "By Jane Doe")."""
    for line in text.strip().splitlines()[1:8]:
        match = _AUTHOR_LINE.match(line.strip())
        if match:
            return [match.group(1)]
    return []


def guess_kind(doc: Document) -> str:
    """Scholarly, news, web, archival or other, from format and the cue phrases in data/kinds.toml."""
    head = doc.text[:20000].lower()
    scores = {kind: sum(head.count(cue) for cue in cues) for kind, cues in load("kinds")["cues"].items()}
    kind, score = max(scores.items(), key=lambda kv: kv[1])
    if score >= 2:
        return kind
    return "web" if doc.format == "html" else "other"


def read_sidecar(path: Path) -> dict:
    """Metadata from `NAME.meta.json` or `NAME.EXT.meta.json` beside the file, if present."""
    for candidate in (path.with_name(path.name + ".meta.json"), path.with_suffix(".meta.json")):
        if candidate.is_file():
            try:
                data = json.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise FontesError(f"sidecar {candidate.name} is not valid JSON ({exc})") from exc
            if not isinstance(data, dict):
                raise FontesError(f"sidecar {candidate.name} must hold a JSON object")
            return data
    return {}


def check_published(value: str) -> str:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD, the last with a time of day ("1990-08-15T13:37"), which
    is dropped: the day is what fontes dates by. Anything else is a user error."""
    match = _ISO.match(value.strip())
    if not match:
        raise FontesError(f"publication date {value!r} must be YYYY, YYYY-MM or YYYY-MM-DD (a time of day may follow)")
    return match.group(1)


def complete(doc: Document, path: Path, published: str | None = None) -> None:
    """Fill title, authors, date and kind: from the text first, then sidecar, then --published."""
    frame = edition.read(doc.text)
    if frame:
        # an edited document: its heading is its title, its sender its author
        doc.meta["edition"] = frame
        heading = frame["heading"]
        doc.title = doc.title or heading["title"]["text"]
        doc.authors = doc.authors or ([heading["sender"]["name"]] if "sender" in heading else [])
    doc.title = doc.title or guess_title(doc.text) or path.stem
    doc.authors = doc.authors or guess_authors(doc.text)
    doc.published = (doc.published or "")[:10] or find_dateline(doc.text)
    doc.kind = "archival" if frame else guess_kind(doc)
    side = read_sidecar(path)
    for key in ("title", "published", "kind"):
        if side.get(key):
            setattr(doc, key, str(side[key]))
    if side.get("authors"):
        doc.authors = [str(a) for a in side["authors"]]
    if published:
        doc.published = published
    if doc.published:
        doc.published = check_published(doc.published)
    if doc.kind not in KINDS:
        raise FontesError(f"kind {doc.kind!r} must be one of {', '.join(KINDS)}")
