"""The timeline view's data: dated statements as items, the window the timeline opens on (where the
dates are, not from the oldest to the newest), and the swim lanes items are drawn in."""
from __future__ import annotations

import math
from datetime import date, timedelta

from ..citation import citations
from ..export.timeline import label
from ..store import Store

TIMELINE_CAP = 2000
SHARE = 0.9  # the opening window holds at least this share of the dated statements
LANES = 12  # entity lanes: the entities named most often among the items, the rest in one lane


def window(starts: list[str], share: float = SHARE) -> dict | None:
    """The shortest span of days that holds at least `share` of the items (by their start day),
    padded by a twentieth on each side; and how many items lie before and after it."""
    days = sorted(date.fromisoformat(s[:10]).toordinal() for s in starts if s)
    if not days:
        return None
    k = max(1, math.ceil(share * len(days)))
    first = min(range(len(days) - k + 1), key=lambda i: (days[i + k - 1] - days[i], i))
    lo, hi = days[first], days[first + k - 1]
    pad = max(2, (hi - lo) // 20)
    start, end = date.fromordinal(max(1, lo - pad)), date.fromordinal(hi + pad + 1)
    return {"start": start.isoformat(), "end": end.isoformat(), "holds": sum(lo <= d <= hi for d in days),
            "before": sum(d < lo for d in days), "after": sum(d > hi for d in days),
            "earliest": date.fromordinal(days[0]).isoformat(),
            "latest": (date.fromordinal(days[-1]) + timedelta(days=1)).isoformat()}


def lanes(rows: list[dict], by: str, store: Store, documents: dict[int, str]) -> tuple[list[dict], dict[int, str]]:
    """Swim lanes and each item's lane: one per document, or one per entity among the most named
    (an item goes to the lane of the first of those its sentence names), else none."""
    if by == "document":
        ids = sorted({r["doc_id"] for r in rows})
        return [{"id": f"d{d}", "content": documents.get(d, f"d{d}")} for d in ids], \
            {r["id"]: f"d{r['doc_id']}" for r in rows}
    if by != "entity":
        return [], {}
    counts: dict[int, int] = {}
    for r in rows:
        for e in r["entity_ids"]:
            counts[e] = counts.get(e, 0) + 1
    top = sorted(counts, key=lambda e: (-counts[e], e))[:LANES]
    names = {e["id"]: e["name"] for e in store.entities_by_id(top)}
    chosen = {r["id"]: next((f"e{e}" for e in top if e in r["entity_ids"]), "other") for r in rows}
    groups = [{"id": f"e{e}", "content": names.get(e, f"e{e}")} for e in top]
    if "other" in chosen.values():
        groups.append({"id": "other", "content": "no frequent entity"})
    return groups, chosen


def timeline(store: Store, entity_id: int | None = None, doc_id: int | None = None, by: str = "none") -> dict:
    """Dated statements as timeline items: an imprecise time is a range from its earliest to its latest
    day; a time open at one end is drawn at its known end and says so. With the window to open on and
    the lanes (`by` "document", "entity" or "none")."""
    rows = store.timeline(doc_id=doc_id, entity_id=entity_id, limit=TIMELINE_CAP + 1, with_entities=by == "entity")
    truncated, rows = len(rows) > TIMELINE_CAP, rows[:TIMELINE_CAP]
    documents = citations(store, {r["doc_id"] for r in rows})
    groups, lane = lanes(rows, by, store, documents)
    items = []
    for r in rows:
        start, end = r["earliest"] or r["latest"], r["latest"] or r["earliest"]
        open_end = not (r["earliest"] and r["latest"])
        # a range ends after its last day, so that a single day or month is drawn as long as it is
        last = (date.fromisoformat(end) + timedelta(days=1)).isoformat() if end else None
        items.append({"id": r["id"], "start": start, "end": last if end != start and not open_end else None,
                      "content": r["text"], "label": label(r), "precision": r["precision"], "edtf": r["edtf"],
                      "open": "start" if not r["earliest"] else "end" if not r["latest"] else None,
                      "earliest": r["earliest"], "latest": r["latest"], "group": lane.get(r["id"]),
                      "approximate": r["approximate"], "doc_id": r["doc_id"], "document": documents[r["doc_id"]],
                      "sentence": " ".join(r["sentence"].split()),
                      "link": f"/doc/{r['doc_id']}?mark={r['sentence_start']}-{r['sentence_end']}#target"})
    return {"items": items, "truncated": truncated, "cap": TIMELINE_CAP, "lanes": groups, "by": by,
            "window": window([i["start"] for i in items])}
