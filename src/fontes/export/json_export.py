"""The JSON export, exactly as `EXPORT-CONTRACT.md` fixes it: documents and entities with
offsets into each document's text; sections of later stages are empty lists until they exist."""
from __future__ import annotations

from .. import __version__
from ..store import Store

SECTIONS = ("times", "quantities", "notes", "claims", "alignments")  # the sections after documents and entities
TIME_FIELDS = ("start", "end", "text", "edtf", "earliest", "latest", "precision", "approximate")
REFERENCE_FIELDS = ("kind", "archive", "title", "authors", "translators", "date", "url", "locator", "repeats", "text")
QUANTITY_FIELDS = ("start", "end", "text", "value", "low", "high", "approximate", "unit", "counts")


def build(store: Store) -> dict:
    """The whole export as one JSON-ready dict."""
    documents = [{"id": f"d{d['id']}", "path": d["path"], "title": d["title"], "authors": d["authors"],
                  "published": d["published"], "kind": d["kind"], "chars": d["chars"]}
                 for d in store.documents()]
    mentions_by_entity: dict[int, list[dict]] = {}
    for m in store.mentions():
        mentions_by_entity.setdefault(m["entity_id"], []).append(
            {"doc": f"d{m['doc_id']}", "start": m["start"], "end": m["end"], "text": m["text"]})
    entities = [{"id": f"e{e['id']}", "name": e["name"], "type": e["type"], "aliases": e["aliases"],
                 "titles": e["titles"], "merged_by": e["evidence"], "mentions": mentions_by_entity.get(e["id"], [])}
                for e in sorted(store.entities(), key=lambda e: e["id"])]
    times = [{"doc": f"d{t['doc_id']}", **{k: t[k] for k in TIME_FIELDS}} for t in store.times()]
    quantities = [{"doc": f"d{q['doc_id']}", **{k: _number(q[k]) if k in ("value", "low", "high") else q[k]
                                                for k in QUANTITY_FIELDS}} for q in store.quantities()]
    notes = [{"doc": f"d{n['doc_id']}", "marker": n["marker"], "start": n["start"], "end": n["end"], "text": n["text"],
              "printed": n["printed"], "anchors": n["anchors"],
              "references": [{k: r[k] for k in REFERENCE_FIELDS} for r in n["references"]]} for n in store.notes()]
    claims = [{"id": f"c{c['id']}", "doc": f"d{c['doc_id']}", "start": c["start"], "end": c["end"], "text": c["text"],
               "attribution": c["attribution"], "hedged": c["hedged"], "notes": c["notes"],
               "entities": [f"e{e}" for e in c["entities"]], "time": c["time"],
               "quantities": c["quantities"]} for c in store.claims()]
    alignments = [alignment(a) for a in store.alignments(shown="all")]
    return {"fontes_version": __version__, "documents": documents, "entities": entities, "times": times,
            "quantities": quantities, "notes": notes, "claims": claims, "alignments": alignments}


def alignment(a: dict) -> dict:
    """One group as the contract has it; a rejected group is there with its status, and scorers
    count it as absent. Who decided, and when, only where a reader did."""
    item = {"id": f"a{a['id']}", "relation": a["relation"], "topic": a["topic"], "claims": [f"c{c['id']}" for c in a["claims"]],
            "explanation": a["explanation"], "independent": a["independent"], "shared_origin": a["shared_origin"],
            "confidence": a["confidence"], "status": a["status"]}
    if a["status"] != "machine":
        item |= {"decided_by": a["decided_by"], "decided_at": a["decided_at"]}
    return item


def _number(value: float | None) -> int | float | None:
    return int(value) if isinstance(value, float) and value.is_integer() else value
