"""TEI XML (P5): the text of an edition as a reader sees it printed, and the editors' markup kept
apart as given annotations.

The text is laid out the way the Office of the Historian and other editions print a document:
heading, dateline, paragraphs and list items as blocks separated by a blank line, each `<note>`
replaced by its number glued to the word it follows, and the notes after the body ("1 Source: …").
So the same analysis reads a TEI document and its printed copy alike. The editors' `persName`,
`placeName`, `orgName`, `date` and notes go into `meta["given"]` with offsets into that text,
never mixed with what fontes finds. A document fontes itself exported as TEI (its text kept with
`xml:space="preserve"`) is read back character for character.

Parsing is safe for untrusted files: no entities resolved, no DTD loaded, no network.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import FontesError
from ..model import Document

TEI = "http://www.tei-c.org/ns/1.0"
XML = "http://www.w3.org/XML/1998/namespace"
# Elements that stand as blocks of their own in the printed text.
_BLOCKS = {"head", "p", "ab", "item", "row", "signed", "salute", "byline", "docAuthor",
           "trailer", "l", "closer", "opener", "quote", "lg", "list", "table", "div", "label", "postscript",
           "argument", "epigraph", "address", "addrLine", "bibl", "listBibl", "cit"}
_SKIPPED = {"teiHeader", "fw", "facsimile", "standOff", "back"}
_GIVEN = {"persName", "placeName", "orgName", "date", "name", "rs", "measure", "geogName"}
# Formats of a text fontes exported that its analysis reads differently (Markdown markup, PDF wrapping).
_FORMATS = {"text", "markdown", "html", "pdf"}
_ATTRIBUTES = ("corresp", "ref", "key", "type", "role", "when", "from", "to", "notBefore", "notAfter",
               "quantity", "unit", "commodity")


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


@dataclass
class _Unit:
    """One block of text being built, with the given annotations opened in it."""

    parts: list[str] = field(default_factory=list)
    spans: list[dict] = field(default_factory=list)
    length: int = 0

    def write(self, text: str) -> None:
        text = re.sub(r"\s+", " ", text)
        if not self.length or self.parts[-1].endswith(" "):
            text = text.lstrip(" ")
        if text:
            self.parts.append(text)
            self.length += len(text)

    def glue(self, text: str) -> None:
        """Write without a space before (a note's number glued to the word it follows)."""
        if self.parts and self.parts[-1].endswith(" "):
            self.parts[-1] = self.parts[-1][:-1]
            self.length -= 1
        self.parts.append(text)
        self.length += len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


class _Printer:
    """Walks a TEI tree and prints it as the edition's reader sees it."""

    def __init__(self) -> None:
        self.blocks: list[_Unit] = []
        self.notes: list[tuple[str, dict, list[_Unit]]] = []
        self.current: _Unit | None = None
        self.glue_next = False
        self.stack: list[list[_Unit]] = [self.blocks]

    def flush(self) -> None:
        if self.current is not None and self.current.text.strip():
            self.stack[-1].append(self.current)
        self.current = None

    def unit(self) -> _Unit:
        if self.current is None:
            self.current = _Unit()
        return self.current

    def walk(self, el) -> None:
        name = _local(el.tag)
        if name in _SKIPPED or not isinstance(el.tag, str):
            self.text_after(el)
            return
        if name == "note" and (el.get("rend") or el.get("place")) != "inline":
            self.note(el)
            self.text_after(el)
            return
        if name == "lb":
            self.unit().write(" ")
        # A dateline shares its line with what the opener prints before it ("SNIE 14.2–69 Washington, …").
        parent = el.getparent()
        block = name in _BLOCKS or name == "note" or (name == "dateline" and (parent is None or _local(parent.tag) != "opener"))
        if block:
            if self.glue_next:
                self.unit().write(" ")  # "1." and its item, "A." and the paragraph it heads, on one line
            else:
                self.flush()
        given = None
        if name in _GIVEN:
            given = {"kind": name, "start": self.unit().length,
                     **{a: el.get(a) for a in _ATTRIBUTES if el.get(a) is not None}}
            if name == "date" and any(_local(a.tag) == "dateline" for a in el.iterancestors()):
                given["dateline"] = True
        if el.text:
            self.say(el.text)
        for child in el:
            self.walk(child)
        if given is not None and self.current is not None:
            given["end"] = self.current.length
            self.current.spans.append(given)
        if name == "label":
            self.glue_next = True
        elif block:
            self.flush()
        self.text_after(el)

    def say(self, text: str) -> None:
        """Write text into the current block; a label's line ends once its item says something."""
        self.unit().write(text)
        self.glue_next = self.glue_next and not text.strip()

    def text_after(self, el) -> None:
        if el.tail and el.tail.strip():
            self.say(el.tail)
        elif el.tail and self.current is not None:
            self.current.write(" ")

    def note(self, el) -> None:
        number = el.get("n") or str(len(self.notes) + 1)
        self.unit().glue(number)
        host, glue = self.current, self.glue_next
        units: list[_Unit] = []
        self.stack.append(units)
        self.current, self.glue_next = _Unit(), False
        if el.text:
            self.current.write(el.text)
        for child in el:
            self.walk(child)
        self.flush()
        self.stack.pop()
        self.current, self.glue_next = host, glue
        self.notes.append((number, {"type": el.get("type"), "id": el.get(f"{{{XML}}}id")}, units))


def _assemble(printer: _Printer) -> tuple[str, list[dict], list[dict]]:
    """The printed text, the given annotations and the editors' notes, offsets into the text."""
    text, given, notes = "", [], []

    def put(unit: _Unit, prefix: str = "") -> int:
        nonlocal text
        if text:
            text += "\n\n"
        start = len(text) + len(prefix)
        body = unit.text.rstrip()
        text += prefix + body
        for span in unit.spans:
            s, e = start + span["start"], start + min(span["end"], len(body))
            while s < e and text[s].isspace():
                s += 1
            if s < e:
                given.append({**span, "start": s, "end": e, "text": text[s:e]})
        return start

    for unit in printer.blocks:
        put(unit)
    for number, attrs, units in printer.notes:
        if not units:
            continue
        # A note of several paragraphs is printed on one line, as the notes of a page are.
        merged = _Unit()
        for unit in units:
            offset = merged.length + (1 if merged.length else 0)
            merged.write(" " + unit.text if merged.length else unit.text)
            merged.spans += [{**span, "start": span["start"] + offset, "end": span["end"] + offset} for span in unit.spans]
        start = put(merged, f"{number} ") - len(number) - 1
        notes.append({"marker": number, "start": start, "end": len(text),
                      **{k: v for k, v in attrs.items() if v}})
    return text + "\n", given, notes


def _parse(data: bytes):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise FontesError(f"not well-formed XML: {exc}") from exc


def _preserved(body) -> tuple[str, list[dict]]:
    """A text fontes exported: every character as written, `<lb/>` as a line break."""
    parts: list[str] = []
    given: list[dict] = []

    def walk(el) -> None:
        name = _local(el.tag)
        start = sum(map(len, parts))
        if name == "lb":
            parts.append("\n")
        if name == "pb":
            parts.append("\f")  # fontes writes a page break of the extracted text as <pb/>
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if name in _GIVEN:
            end = sum(map(len, parts))
            given.append({"kind": name, "start": start, "end": end,
                          **{a: el.get(a) for a in _ATTRIBUTES if el.get(a) is not None}})
        if el.tail and el is not body:
            parts.append(el.tail)

    walk(body)
    text = "".join(parts)
    for span in given:
        span["text"] = text[span["start"]:span["end"]]
    return text, given


def _header(root) -> dict:
    """Title, authors and date from a full TEI document's header."""
    ns = {"t": TEI}
    title = root.xpath("string(t:teiHeader/t:fileDesc/t:titleStmt/t:title[1])", namespaces=ns).strip()
    authors = [" ".join(a.xpath("string()").split()) for a in
               root.xpath("t:teiHeader/t:fileDesc/t:titleStmt/t:author", namespaces=ns)]
    date = root.xpath("t:teiHeader/t:fileDesc/t:sourceDesc//t:date[@when][1]/@when", namespaces=ns)
    return {"title": " ".join(title.split()) or None, "authors": [a for a in authors if a],
            "published": date[0][:10] if date else None}


def _dateline_date(given: list[dict]) -> str | None:
    """The date the editors gave the document's dateline (its @when, or the earliest it may be)."""
    for span in given:
        if span["kind"] == "date" and span.get("dateline"):
            value = span.get("when") or span.get("from") or span.get("notBefore")
            if value and re.match(r"\d{4}-\d{2}-\d{2}", value):
                return value[:10]
    return None


def read(path: Path, data: bytes) -> Document:
    """Read a TEI P5 document or a TEI `<div>` of an edition (as FRUS publishes each document)."""
    root = _parse(data)
    if etree.QName(root).namespace != TEI:
        raise FontesError("XML but not TEI (no element in the TEI namespace http://www.tei-c.org/ns/1.0)")
    head = _header(root) if _local(root.tag) in ("TEI", "teiCorpus") else {"title": None, "authors": [], "published": None}
    body = root.find(f".//{{{TEI}}}body") if _local(root.tag) != "div" else root
    if body is None:
        body = root.find(f".//{{{TEI}}}text")
    if body is None:
        body = root
    preserved = body.find(f".//*[@{{{XML}}}space='preserve']")
    fmt = "tei"
    if preserved is not None:
        text, given = _preserved(preserved)
        notes: list[dict] = []
        fmt = preserved.get("type") if preserved.get("type") in _FORMATS else fmt
    else:
        printer = _Printer()
        printer.walk(body)
        printer.flush()
        text, given, notes = _assemble(printer)
    if not text.strip():
        raise FontesError("no text in the TEI document")
    doc = Document(path=str(path), text=text, format=fmt, sha256="",
                   meta={"encoding": "utf-8", "given": given, "given_notes": notes})
    doc.title, doc.authors = head["title"], head["authors"]
    doc.published = head["published"] or _dateline_date(given)
    return doc
