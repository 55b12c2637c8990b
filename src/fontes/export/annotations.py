"""Everything fontes marked in the sources as W3C Web Annotations (JSON-LD), so the marks move into
annotation tools: each annotation targets its document by content hash, with a position selector
(offsets into the text `fontes show` prints) and a quote selector (the exact words and their context)."""
from __future__ import annotations

from typing import Iterator

from ..figures import describe
from ..store import Store

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32


def collection(store: Store) -> dict:
    """One AnnotationCollection holding a single page with every annotation."""
    items = list(annotations(store))
    return {"@context": CONTEXT, "id": "urn:fontes:annotations", "type": "AnnotationCollection",
            "label": f"fontes annotations of {store.path.name}", "total": len(items),
            "first": {"id": "urn:fontes:annotations:page1", "type": "AnnotationPage", "startIndex": 0,
                      "items": items}}


def annotations(store: Store) -> Iterator[dict]:
    """Mentions, times, quantities, notes and claims of every document, in document order."""
    names = {e["id"]: e for e in store.entities()}
    for listed in store.documents():
        doc = store.document(str(listed["id"]))
        # the text fontes extracted (what `fontes show` prints), whatever the file's own format
        source = {"id": f"urn:sha256:{doc['sha256']}", "type": "Text", "format": "text/plain"}
        text = doc["text"]

        def annotation(kind: str, number: int, start: int, end: int, motivation: str, bodies: list[dict]) -> dict:
            return {"id": f"urn:fontes:d{doc['id']}:{kind}{number}", "type": "Annotation", "motivation": motivation,
                    "body": bodies, "target": target(source, text, start, end)}

        for m in store.mentions(doc_id=doc["id"]):
            entity = names.get(m["entity_id"])
            if entity:
                yield annotation("m", m["id"], m["start"], m["end"], "identifying", [
                    textual(entity["name"], "identifying"), textual(entity["type"], "tagging"),
                    {"type": "SpecificResource", "source": f"urn:fontes:entity:e{entity['id']}", "purpose": "identifying"}])
        for t in store.times(doc_id=doc["id"]):
            span = t["edtf"] or f"{t['earliest'] or '..'}/{t['latest'] or '..'}"
            yield annotation("t", t["id"], t["start"], t["end"], "describing",
                             [textual(f"time {span} ({t['precision']})", "describing"), textual("time", "tagging")])
        for q in store.quantities(doc_id=doc["id"]):
            yield annotation("q", q["id"], q["start"], q["end"], "describing",
                             [textual(f"quantity: {describe(q)}", "describing"), textual("quantity", "tagging")])
        for n in store.notes(doc_id=doc["id"]):
            for number, anchor in enumerate(n["anchors"]):
                yield annotation(f"n{n['id']}-", number, anchor["start"], anchor["end"], "linking",
                                 [textual(f"note {n['marker']}: {n['text']}", "linking")])
        for c in store.claims(doc_id=doc["id"]):
            chain = " → ".join(f"{link['name']} ({link['role']})" for link in c["attribution"])
            bodies = [textual(f"claim, says: {chain}" + ("; hedged" if c["hedged"] else ""), "describing"),
                      textual("claim", "tagging")]
            yield annotation("c", c["id"], c["start"], c["end"], "describing", bodies)


def textual(value: str, purpose: str) -> dict:
    return {"type": "TextualBody", "value": value, "purpose": purpose, "format": "text/plain"}


def target(source: dict, text: str, start: int, end: int) -> dict:
    return {"source": source, "selector": [
        {"type": "TextPositionSelector", "start": start, "end": end},
        {"type": "TextQuoteSelector", "exact": text[start:end], "prefix": text[max(0, start - CONTEXT_CHARS):start],
         "suffix": text[end:end + CONTEXT_CHARS]}]}
