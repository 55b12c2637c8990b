"""TEI P5 export: each document's text with fontes' annotations as TEI markup, one file per document.

The text is written character for character (`xml:space="preserve"`), so `fontes ingest` of the
export reads the very text it came from and finds the same entities and times. Entity mentions
become `persName`/`placeName`/`orgName`/`name` with `ref` to the entity (listed in `<back>`), times
`date` with `when` or `notBefore`/`notAfter` from their interval, quantities `measure`, notes
`note` with `corresp` to their references (a `listBibl` in `<back>`), and each note's marker a
`ref` to its note. Markup must nest: where two annotations cross, the one that opens later is
left out of the markup (it stays in the store and the JSON export).
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from .. import __version__
from ..store import Store

TEI = "http://www.tei-c.org/ns/1.0"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_NAME_ELEMENT = {"PERSON": "persName", "GPE": "placeName", "LOC": "placeName", "FAC": "placeName",
                 "ORG": "orgName"}
# Characters XML 1.0 cannot hold; a page break (form feed) is written as <pb/>.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


def _t(name: str) -> str:
    return f"{{{TEI}}}{name}"


def _sub(parent, name: str, text: str | None = None, **attrs) -> etree._Element:
    el = etree.SubElement(parent, _t(name), {k: str(v) for k, v in attrs.items() if v is not None})
    if text:
        el.text = text
    return el


def spans(store: Store, doc_id: int, entities: dict[int, dict]) -> list[tuple[int, int, int, str, dict]]:
    """Every annotation of a document as (start, end, rank, element, attributes); a lower rank
    encloses a higher one where both cover the same text."""
    out = []
    for n in store.notes(doc_id=doc_id):
        note_id = f"d{doc_id}-n{n['id']}"
        refs = " ".join(f"#{note_id}-r{i}" for i in range(1, len(n["references"]) + 1)) or None
        out.append((n["start"], n["end"], 0, "note", {"n": n["marker"], XML_ID: note_id, "place": "end",
                                                      "corresp": refs}))
        for a in n["anchors"]:
            out.append((a["start"], a["end"], 3, "ref", {"type": "noteAnchor", "target": f"#{note_id}"}))
    for m in store.mentions(doc_id=doc_id):
        entity = entities.get(m["entity_id"])
        if entity:
            element = _NAME_ELEMENT.get(entity["type"], "name")
            out.append((m["start"], m["end"], 2, element, {"ref": f"#e{entity['id']}",
                                                          "type": entity["type"] if element == "name" else None}))
    for t in store.times(doc_id=doc_id):
        out.append((t["start"], t["end"], 1, "date", _interval(t)))
    for q in store.quantities(doc_id=doc_id):
        out.append((q["start"], q["end"], 1, "measure", _measure(q)))
    return [s for s in out if s[0] < s[1]]


def _interval(t: dict) -> dict:
    if t["earliest"] and t["earliest"] == t["latest"]:
        return {"when": t["earliest"]}
    return {"notBefore": t["earliest"], "notAfter": t["latest"]}


def _measure(q: dict) -> dict:
    value = q["value"]
    number = None if value is None else (int(value) if float(value).is_integer() else value)
    bounds = "–".join("" if b is None else f"{b:g}" for b in (q["low"], q["high"])) if number is None else None
    # TEI's @unit is one word ("square_meters"); what is counted may be a phrase (@commodity).
    unit = re.sub(r"\s+", "_", q["unit"].strip()) if q["unit"] else None
    return {"quantity": number, "unit": unit, "commodity": q["counts"], "n": bounds if bounds != "–" else None}


def nested(found: list[tuple[int, int, int, str, dict]]) -> list[tuple[int, int, int, str, dict]]:
    """The annotations that nest, outer before inner; one that crosses an annotation already kept
    is left out."""
    kept, open_ = [], []
    for span in sorted(found, key=lambda s: (s[0], -s[1], s[2])):
        while open_ and open_[-1][1] <= span[0]:
            open_.pop()
        if open_ and span[1] > open_[-1][1]:
            continue
        kept.append(span)
        open_.append(span)
    return kept


def _write_text(parent, text: str, start: int, end: int, last) -> object:
    """Append text[start:end] after `last` (or into `parent` when None); returns the new last child."""
    piece = text[start:end]
    pages = piece.split("\f")
    for i, chunk in enumerate(pages):
        chunk = _NOT_XML.sub("\ufffd", chunk)
        if last is None:
            parent.text = (parent.text or "") + chunk
        else:
            last.tail = (last.tail or "") + chunk
        if i < len(pages) - 1:
            last = _sub(parent, "pb")
    return last


def marked_up(parent, text: str, annotations: list[tuple[int, int, int, str, dict]]) -> None:
    """Write `text` into `parent` with the (nested) annotations as elements around their spans."""

    def fill(el, start: int, end: int, inner: list) -> None:
        pos, last, i = start, None, 0
        while i < len(inner):
            s, e, _, name, attrs = inner[i]
            children = []
            j = i + 1
            while j < len(inner) and inner[j][0] < e:
                children.append(inner[j])
                j += 1
            last = _write_text(el, text, pos, s, last)
            child = _sub(el, name, **attrs)
            fill(child, s, e, children)
            last, pos, i = child, e, j
        _write_text(el, text, pos, end, last)

    fill(parent, 0, len(text), annotations)


def document(store: Store, doc_id: int, entities: dict[int, dict]) -> etree._Element:
    """One document as a TEI element tree."""
    doc = store.document(str(doc_id))
    root = etree.Element(_t("TEI"), nsmap={None: TEI})
    file_desc = _sub(_sub(root, "teiHeader"), "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    _sub(title_stmt, "title", doc["title"] or Path(doc["path"]).name)
    for author in doc["authors"]:
        _sub(title_stmt, "author", author)
    _sub(_sub(file_desc, "publicationStmt"), "p", f"Exported by fontes {__version__} with its annotations.")
    bibl = _sub(_sub(file_desc, "sourceDesc"), "bibl")
    _sub(bibl, "title", doc["title"] or Path(doc["path"]).name)
    if doc["published"]:
        _sub(bibl, "date", doc["published"], when=doc["published"])
    _sub(bibl, "idno", doc["path"], type="path")
    frame = (doc.get("meta") or {}).get("edition")
    if frame:
        correspondence(root.find(_t("teiHeader")), frame)
    text = _sub(root, "text")
    div = _sub(_sub(text, "body"), "div", type="document")
    # The format it was read from, which decides how fontes reads it again (Markdown markup, PDF pages).
    block = _sub(div, "ab", type=doc.get("format"), **{XML_SPACE: "preserve"})
    found = spans(store, doc_id, entities)
    marked_up(block, doc["text"], nested(found))
    back = _sub(text, "back")
    listed = {int(s[4]["ref"][2:]) for s in found if s[3] in ("persName", "placeName", "orgName", "name")}
    if listed:
        items = _sub(_sub(back, "div", type="entities"), "list")
        for entity_id in sorted(listed):
            e = entities[entity_id]
            _sub(items, "item", e["name"], **{XML_ID: f"e{entity_id}", "n": e["type"]})
    notes = [n for n in store.notes(doc_id=doc_id) if n["references"]]
    if notes:
        bibls = _sub(_sub(back, "div", type="references"), "listBibl")
        for n in notes:
            for i, r in enumerate(n["references"], 1):
                _reference(bibls, r, f"d{doc_id}-n{n['id']}-r{i}")
    return root


def correspondence(header, frame: dict) -> None:
    """An edited document's heading and dateline as TEI's correspondence description: who sent
    it from where and when, and to whom; its classification as a keyword of the text."""
    heading, line = frame["heading"], frame.get("dateline") or {}
    profile = _sub(header, "profileDesc")
    if frame.get("classification"):
        keywords = _sub(_sub(profile, "textClass"), "keywords", scheme="#classification")
        for level in frame["classification"]["levels"]:
            _sub(keywords, "term", level)
    if "sender" not in heading and not line:
        return
    desc = _sub(profile, "correspDesc", n=heading["number"])
    sent = _sub(desc, "correspAction", type="sent")
    if "sender" in heading:
        _sub(sent, "name", heading["sender"]["name"])
    if line.get("place"):
        _sub(sent, "placeName", line["place"]["text"])
    if line.get("date"):
        after_place = line["place"]["end"] - line["start"] + 1 if line.get("place") else 0
        _sub(sent, "date", line["text"][after_place:].strip(" ,."), when=line["date"])
    if heading.get("recipients"):
        received = _sub(desc, "correspAction", type="received")
        for party in heading["recipients"]:
            _sub(received, "name", party["name"])


def _reference(parent, r: dict, ident: str) -> None:
    bibl = _sub(parent, "bibl", type=r["kind"], **{XML_ID: ident})
    for author in r.get("authors") or []:
        _sub(bibl, "author", author)
    if r.get("title"):
        _sub(bibl, "title", r["title"])
    if r.get("archive"):
        _sub(bibl, "orgName", r["archive"], type="archive")
    if r.get("date"):
        _sub(bibl, "date", r["date"], when=r["date"])
    if r.get("locator"):
        _sub(bibl, "citedRange", r["locator"])
    if r.get("url"):
        _sub(bibl, "ptr", target=r["url"])


def write(store: Store, folder: Path) -> list[Path]:
    """Write one TEI file per document (dN.xml) into `folder`; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    entities = {e["id"]: e for e in store.entities()}
    written = []
    for listed in store.documents():
        root = document(store, listed["id"], entities)
        path = folder / f"d{listed['id']}.xml"
        path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
        written.append(path)
    return written
