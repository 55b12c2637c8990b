"""The frame of an edited archival document (FRUS and other documentary editions): its number and
heading with its sender and recipients, its dateline (place, date, clock time, time zone), its
classification and handling, and who drafted or approved it.

    14. Memorandum From the Commissioner of Agriculture (Ramsey) to Governor Okafor1
    Lakeport, March 3, 1971, 4:15 p.m.
    …
    1 Source: … Box 44. Confidential; Priority. Drafted by Lena Ramsey on March 2.

Everything is given with offsets into the document's text; the words it goes by (document forms,
classification and handling, drafting verbs) are in data/edition.toml.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import load
from . import metadata

_HEADING = re.compile(r"^(?P<number>\d{1,4})\.\s+(?P<title>[A-Z].*?)\s*$")
_CLOCK = re.compile(r"(?P<time>\d{1,2}[:.]\d{2}\s*(?:[ap]\.\s?m\.|[AP]M)?|\b\d{4}(?=\s*[A-Z]?\b)|noon|midnight)"
                    r"(?:\s*(?P<zone>[A-Z]{1,4})\b)?")


@lru_cache(maxsize=1)
def _words() -> dict:
    return load("edition")


def _span(text: str, start: int, end: int) -> dict:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " ,.;":
        end -= 1
    return {"start": start, "end": end, "text": text[start:end]}


def _lines(text: str, limit: int):
    pos = 0
    for number, raw in enumerate(text.split("\n")):
        if number >= limit:
            return
        yield pos, raw
        pos += len(raw) + 1


def heading(text: str) -> dict | None:
    """The numbered heading near the top, when it names a document form ("Telegram", "Memorandum
    of Conversation"); a note marker glued to its end is left out of its title."""
    forms = "|".join(re.escape(f) for f in sorted(_words()["forms"], key=len, reverse=True))
    for start, raw in _lines(text, 8):
        match = _HEADING.match(raw)
        if not match or not re.search(rf"\b(?:{forms})(?:\b|(?=\d+$))", match.group("title")):
            continue
        title_start = start + match.start("title")
        title_end = start + match.end("title")
        marker = re.search(r"\[\d{1,3}\]$|(?<=[^\s\d])\d{1,3}$|(?<=\d)1$", text[title_start:title_end])
        if marker and re.search(rf"^{re.escape(marker.group())}\s", text[title_end:], re.M):
            title_end = title_start + marker.start()
        found = {"number": match.group("number"), "title": _span(text, title_start, title_end),
                 "number_span": [start + match.start("number"), start + match.end("number")]}
        found.update(parties(text, title_start, title_end))
        return found
    return None


def parties(text: str, start: int, end: int) -> dict:
    """Sender and recipients of a heading "… From X to Y and Z": the person named in brackets
    where there is one ("the President's Assistant (Kissinger)"), else the office."""
    title = text[start:end]
    sender = re.search(r"\bFrom\s+", title)
    if not sender:
        return {}
    rest = sender.end()
    split = re.search(r"\)\s+to\s+", title[rest:]) or re.search(r"\s+to\s+", title[rest:])
    if not split:
        return {"sender": _party(text, start + rest, end)}
    cut = rest + split.start() + (1 if split.group().startswith(")") else 0)
    after = rest + split.end()
    recipients, pos = [], after
    for sep in [*re.finditer(r",\s+(?:and\s+)?|\s+and\s+", title[after:]), None]:
        stop = after + sep.start() if sep else len(title)
        if title[pos:stop].strip():
            recipients.append(_party(text, start + pos, start + stop))
        pos = after + sep.end() if sep else pos
    return {"sender": _party(text, start + rest, start + cut), "recipients": recipients}


def _party(text: str, start: int, end: int) -> dict:
    """A party of a heading; its name is the bracketed one where there is one."""
    whole = _span(text, start, end)
    bracket = re.search(r"\(([^()]+)\)\s*$", text[whole["start"]:whole["end"]])
    if bracket:
        return {**whole, "name": bracket.group(1)}
    name = re.sub(r"^(?:the|The)\s+", "", whole["text"])
    return {**whole, "name": name}


def dateline(text: str, after: int) -> dict | None:
    """The dateline after the heading: "Place, Month D, YYYY[, clock time][ zone]."."""
    for start, raw in _lines(text, 14):
        if start < after or not raw.strip():
            continue
        line = " ".join(raw.split())
        if len(line) > 120 or not metadata.dateline_pattern().match(line):
            continue
        comma = raw.find(",")
        # a designation may open the line ("SNIE 14.2–69 Washington, …")
        designation = re.match(r"\s*[A-Z][\w.–-]*\s+[\w.–-]*\d[\w.–-]*\s+", raw[:comma])
        found = {**_span(text, start, start + len(raw)), "date": metadata.find_document_date(raw),
                 "place": _span(text, start + (designation.end() if designation else 0), start + comma)}
        year = re.search(r"\b\d{4}\b", raw)
        clock = _CLOCK.search(raw, year.end()) if year else None
        if clock:
            found["time"] = clock.group("time")
            if clock.group("zone"):
                found["zone"] = clock.group("zone")
        return found
    return None


def classification(text: str) -> dict | None:
    """The classification and handling line of the source note ("Secret; Immediate; Noforn."):
    the first sentence of the note whose parts are all such words."""
    known = {w.lower() for w in _words()["classification"]}
    note = re.search(r"^\s*(?:\d{1,3}\s+)?\[?Source:[^\n]*", text, re.M)
    if not note:
        return None
    for sentence in re.finditer(r"(?<=\.\s)([A-Z][^.]*?)\.", note.group()):
        parts = [p.strip() for p in re.split(r"[;,]", sentence.group(1))]
        if parts and all(p.lower() in known for p in parts):
            start = note.start() + sentence.start(1)
            return {**_span(text, start, start + len(sentence.group(1))), "levels": parts}
    return None


def drafting(text: str) -> list[dict]:
    """"Drafted by X", "Approved by Y" and the like: the verb and the name, with offsets."""
    verbs = "|".join(re.escape(v) for v in _words()["drafting"])
    found = []
    for m in re.finditer(rf"\b({verbs}) by ([A-Z][^.;,\n]*?)(?=\s+(?:on|in|at|and|with)\s|[.;,\n]|$)", text):
        found.append({"role": m.group(1).lower(), **_span(text, m.start(2), m.end(2))})
    return found


def read(text: str) -> dict | None:
    """The frame of an edited document, or None when the text has no numbered heading of a
    document form near its top."""
    head = heading(text)
    if head is None:
        return None
    frame = {"heading": head}
    line = dateline(text, head["title"]["end"])
    if line is None and not re.search(r"^\s*(?:\d{1,3}\s+)?\[?Source:", text, re.M):
        return None  # a numbered heading alone ("1. Report of the committee") makes no edited document
    if line:
        frame["dateline"] = line
    for key, value in (("classification", classification(text)), ("drafting", drafting(text))):
        if value:
            frame[key] = value
    return frame
