"""The library view's data (documents found by words, filtered, sorted, a page at a time) and, for a
document's page, where its figures and dates stand against the other sources: the groups its claims
are compared in."""
from __future__ import annotations

import re

from .. import citation
from ..citation import citations, cite
from ..errors import FontesError
from ..store import Shelf, Store
from ..store.library import ORDER, STATUS
from .views import PER_PAGE, paging

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
RELATIONS = {"conflict": ("conflicts", "/conflicts"), "corroboration": ("agreements", "/agreements"),
             "revision": ("revisions", "/revisions")}
STATUS_NAMES = {"scanned": "read by OCR", "conflict": "in a conflict", "corroboration": "in an agreement",
                "revision": "in a revision", "reviewed": "reviewed by a reader", "pending": "still being aligned"}
ORDER_NAMES = {"id": "as ingested", "date": "date, oldest first", "-date": "date, newest first", "title": "title",
               "claims": "most claims first"}


def shelf(q: str = "", kind: str | None = None, since: str | None = None, until: str | None = None,
          status: str | None = None, order: str = "id") -> Shelf:
    """The library's filters from a request, checked: a clear error for a date that is not a date."""
    for name, value in (("from", since), ("to", until)):
        if value and not DATE.match(value):
            raise FontesError(f"the {name} date {value!r} is not a year, month or day (1998, 1998-08, 1998-08-07)")
    if status and status not in STATUS:
        raise FontesError(f"no status {status!r} (one of {', '.join(STATUS)})")
    if order not in ORDER:
        raise FontesError(f"cannot sort by {order!r} (one of {', '.join(ORDER)})")
    # words as the FTS5 index splits them, so "U.S." or "Kim's" find what the text says
    words = [w for w in re.split(r"[^\w]+", q) if w][:12]
    return Shelf(words, kind or None, since or None, until or None, status or None, order)


def library(store: Store, page: int = 1, chosen: Shelf | None = None) -> dict:
    """A page of the documents on the shelf with what was found in each, and the files that failed."""
    chosen = chosen or Shelf()
    total, docs = store.library_page(chosen, (max(1, page) - 1) * PER_PAGE, PER_PAGE)
    paged = paging(total, page)
    if paged["page"] < page and total:  # asked past the last page: show the last one
        docs = store.library_page(chosen, paged["offset"], PER_PAGE)[1]
    filtered = chosen != Shelf(order=chosen.order)
    return {"paging": paged, "documents": [_listed(d) for d in docs], "failures": [] if filtered else store.failures(),
            "counts": store.counts(), "kinds": store.kinds(), "statuses": STATUS_NAMES, "orders": ORDER_NAMES,
            "filters": {"q": " ".join(chosen.words), "kind": chosen.kind, "since": chosen.since, "until": chosen.until,
                        "status": chosen.status, "order": chosen.order}, "filtered": filtered}


def _listed(d: dict) -> dict:
    keep = ("id", "path", "title", "authors", "published", "kind", "format", "chars", "ingested_at", "entities",
            "claims", "notes", "times", "pending", "conflicts", "corroborations", "revisions")
    return {**{k: d[k] for k in keep if k in d}, "citation": cite(d), "heading": citation.heading(d),
            "date": citation.when(d.get("published")), "scanned": bool((d.get("meta") or {}).get("ocr"))}


def standing(store: Store, doc_id: int) -> dict:
    """Where a document stands against the other sources: its source and date, and each group one of
    its claims is in (conflict, agreement, revision), with its own claims and the other sources' ones."""
    fields = store.citation_fields({doc_id})
    doc = fields[0] if fields else {}
    groups = store.alignments(doc_id=doc_id)
    titles = citations(store, {c["doc_id"] for g in groups for c in g["claims"]} | {doc_id})
    out = [{"id": g["id"], "relation": g["relation"], "topic": g["topic"], "explanation": g["explanation"],
            "status": g["status"], "link": f"/group/{g['id']}",
            "own": [_quoted(c, titles) for c in g["claims"] if c["doc_id"] == doc_id],
            "others": [_quoted(c, titles) for c in g["claims"] if c["doc_id"] != doc_id]} for g in groups]
    counts = {r: sum(1 for g in out if g["relation"] == r) for r in RELATIONS}
    return {"citation": titles.get(doc_id), "source": citation.source_name(doc) if doc else None,
            "date": citation.when(doc.get("published")), "published": doc.get("published"), "kind": doc.get("kind"),
            "counts": counts, "groups": sorted(out, key=lambda g: (list(RELATIONS).index(g["relation"]), g["id"]))}


def _quoted(c: dict, titles: dict[int, str]) -> dict:
    return {"id": c["id"], "doc_id": c["doc_id"], "document": titles.get(c["doc_id"]), "text": " ".join(c["text"].split()),
            "reported": c.get("reported"), "link": f"/doc/{c['doc_id']}?mark={c['start']}-{c['end']}#target"}
