"""What each view shows, as plain JSON-ready data: the HTML pages render it and the JSON API returns it,
so the two never disagree. Every list is paged or capped, so no view reads the whole store at once."""
from __future__ import annotations

import math

from .. import ask as asking, citation, histories, network as networking
from ..citation import cite, citations
from ..corpus.evidence import describe as merged_by
from ..figures import describe
from ..errors import FontesError
from ..store import Store
from . import markdown, reader
from .timeline import timeline  # noqa: F401  (the timeline view, with its window and lanes)

PER_PAGE = 50
NETWORK_CAP = 150
ENTITY_DOCUMENTS = 200  # an entity's page links at most this many of the documents that name it
ENTITY_FIGURES = 200  # an entity's figure histories are read from at most this many of its claims
EGO_ABOVE = 60  # a network with more entities than this opens on one entity's neighbourhood


class NotFound(FontesError):
    """A request named something the store does not hold."""


def paging(total: int, page: int, per_page: int = PER_PAGE) -> dict:
    pages = max(1, math.ceil(total / per_page))
    page = min(max(1, page), pages)
    return {"page": page, "pages": pages, "total": total, "per_page": per_page, "offset": (page - 1) * per_page}


def _document(d: dict) -> dict:
    keep = ("id", "path", "title", "authors", "published", "kind", "format", "chars", "ingested_at",
            "entities", "claims", "notes", "times", "pending")
    return {**{k: d[k] for k in keep if k in d}, "citation": cite(d), "heading": citation.heading(d)}


def document(store: Store, doc_id: int, page: int | None = None, mark: tuple[int, int] | None = None) -> dict:
    """One page of a document's text cut into marked pieces, with the notes called on that page.
    With `mark`, the page is the one holding the span and the span is marked as the target."""
    doc = document_known(store, doc_id)
    text = doc["text"]
    bounds = reader.pages(text)
    if page is None:
        page = reader.page_holding(bounds, mark[0]) + 1 if mark else 1
    page = min(max(1, page), len(bounds))
    window = bounds[page - 1]
    mentions = store.mentions(doc_id=doc_id)
    # names and types only: counting every mention of an entity named here would read the whole store
    entities = {e["id"]: e for e in store.entities_by_id(sorted({m["entity_id"] for m in mentions}))}
    notes = store.notes(doc_id=doc_id)
    marks = [reader.Mark(m["start"], m["end"], "entity", f"e{m['entity_id']}",
                         f"{entities[m['entity_id']]['name']} ({entities[m['entity_id']]['type']})")
             for m in mentions if m["entity_id"] in entities]
    marks += [reader.Mark(t["start"], t["end"], "time", f"t{t['id']}",
                          "time " + (t["edtf"] or f"{t['earliest'] or '..'}/{t['latest'] or '..'}"))
              for t in store.times(doc_id=doc_id)]
    marks += [reader.Mark(q["start"], q["end"], "quantity", f"q{q['id']}", "quantity " + describe(q))
              for q in store.quantities(doc_id=doc_id)]
    claims = store.claims(doc_id=doc_id)
    marks += [reader.Mark(c["start"], c["end"], "claim", f"c{c['id']}") for c in claims]
    marks += [reader.Mark(a["start"], a["end"], "marker", f"n{n['id']}", f"note {n['marker']}")
              for n in notes for a in n["anchors"]]
    if mark:
        marks.append(reader.Mark(mark[0], mark[1], "target", "target"))
    lo, hi = window
    lines, styles = markdown.read(text, window) if doc.get("format") == "markdown" else ([], [])
    pieces = reader.pieces(text, window, marks, styles, lines)
    shown_notes = [n for n in notes if any(lo <= a["start"] < hi for a in n["anchors"]) or lo <= n["start"] < hi]
    return {"document": _document(doc), "paging": {"page": page, "pages": len(bounds), "start": lo, "end": hi},
            "pieces": pieces, "blocks": reader.blocks(pieces, lines), "notes": [_note(n) for n in shown_notes],
            "mark": {"start": mark[0], "end": mark[1], "text": text[mark[0]:mark[1]]} if mark else None,
            "counts": {"entities": len(entities), "claims": len(claims), "notes": len(notes)}}


def document_known(store: Store, doc_id: int) -> dict:
    """A document by id; NotFound (404) when the store has none."""
    try:
        return store.document(str(doc_id))
    except FontesError as exc:
        raise NotFound(f"no document d{doc_id}") from exc


def _note(n: dict) -> dict:
    return {"id": n["id"], "doc_id": n["doc_id"], "marker": n["marker"], "start": n["start"], "end": n["end"],
            "text": n["text"], "printed": n["printed"], "anchors": n["anchors"],
            "references": [{k: r[k] for k in ("kind", "archive", "title", "authors", "translators", "date", "url",
                                              "locator", "repeats", "text")} for r in n["references"]]}


def claim(store: Store, claim_id: int) -> dict:
    """A claim, its attribution chain and notes, and every group it is aligned in with the other claims."""
    found = store.claims(ids=[claim_id])
    if not found:
        raise NotFound(f"no claim c{claim_id}")
    groups = store.alignments(claim_id=claim_id)
    titles = citations(store, {c["doc_id"] for c in [found[0], *(c for g in groups for c in g["claims"])]})
    return {"claim": _claim(found[0], titles), "alignments": [_group(g, titles) for g in groups]}


def _claim(c: dict, titles: dict[int, str]) -> dict:
    return {"id": c["id"], "doc_id": c["doc_id"], "document": titles.get(c["doc_id"]), "start": c["start"],
            "end": c["end"], "text": " ".join(c["text"].split()), "hedged": c["hedged"],
            "attribution": citation.name_document(c["attribution"], titles.get(c["doc_id"])), "notes": c["notes"],
            "time": c["time"],
            "quantities": [describe(q) for q in c["quantities"]], "entities": c["entities"],
            "link": f"/doc/{c['doc_id']}?mark={c['start']}-{c['end']}#target", "reported": c.get("reported")}


def _group(g: dict, titles: dict[int, str], sources: dict[int, str] | None = None) -> dict:
    claims = [_claim(c, titles) for c in g["claims"]]  # in reading order
    history = histories.of_group(g["claims"], sources) if sources is not None else None
    return {"id": g["id"], "relation": g["relation"], "topic": g["topic"], "explanation": g["explanation"],
            "independent": g["independent"], "shared_origin": g["shared_origin"], "confidence": g["confidence"],
            "status": g["status"], "decided_by": g["decided_by"], "decided_at": g["decided_at"],
            "claims": claims, "history": history}


def group(store: Store, alignment_id: int) -> dict:
    """One group, whatever its status, with its claims."""
    found = store.alignments(ids=[alignment_id], shown="all")
    if not found:
        raise NotFound(f"no alignment group a{alignment_id}")
    docs = {c["doc_id"] for c in found[0]["claims"]}
    return _group(found[0], citations(store, docs), citation.sources(store, docs))


def alignments(store: Store, relation: str | None = None, entity_id: int | None = None, page: int = 1) -> dict:
    """A page of conflicts or agreements, each group's claims side by side with their chains and notes."""
    paged = paging(store.count_alignments(relation, entity_id), page, per_page=20)
    groups = store.alignments(relation, entity_id, limit=20, offset=paged["offset"])
    return {"paging": paged, "relation": relation, "groups": _with_notes(store, groups)}


def alignments_by_id(store: Store, alignment_id: int) -> dict:
    """One group, whatever its status, as a page of the conflicts or agreements view shows it."""
    groups = store.alignments(ids=[alignment_id], shown="all")
    if not groups:
        raise NotFound(f"no alignment group a{alignment_id}")
    return {"paging": paging(1, 1), "relation": groups[0]["relation"], "groups": _with_notes(store, groups)}


def _with_notes(store: Store, groups: list[dict]) -> list[dict]:
    docs = {c["doc_id"] for g in groups for c in g["claims"]}
    titles, sources = citations(store, docs), citation.sources(store, docs)
    notes = _notes_by_marker(store, docs)
    out = [_group(g, titles, sources) for g in groups]
    for group in out:
        for c in group["claims"]:
            c["note_texts"] = [notes[c["doc_id"]][m] for m in c["notes"] if m in notes.get(c["doc_id"], {})]
    return out


def _notes_by_marker(store: Store, doc_ids: set[int]) -> dict[int, dict[str, dict]]:
    return {d: {n["marker"]: _note(n) for n in store.notes(doc_id=d)} for d in doc_ids}


def entity(store: Store, entity_id: int) -> dict:
    """An entity with its aliases, where it is mentioned, and the first claims that name it."""
    e = _entity_known(store, entity_id)
    per_doc = store.entity_documents(entity_id)
    claims = store.claims(entity_id=entity_id, limit=25)
    titles = citations(store, {c["doc_id"] for c in claims})
    figures = [c for c in store.claims(entity_id=entity_id, limit=ENTITY_FIGURES) if c["quantities"]]
    return {"id": e["id"], "name": e["name"], "type": e["type"], "aliases": e["aliases"], "titles": e["titles"],
            "merged_by": merged_by(e["evidence"]),
            "mentions": sum(per_doc.values()), "documents_total": len(per_doc),
            # the documents that name it most (a name found in thousands of documents is no list to read)
            "documents": [{"id": d, "mentions": per_doc[d]}
                          for d in sorted(sorted(per_doc, key=lambda d: (-per_doc[d], d))[:ENTITY_DOCUMENTS])],
            "claims": [_claim(c, titles) for c in claims], "claims_total": store.count_claims(entity_id),
            "histories": histories.of_claims(figures, citation.sources(store, {c["doc_id"] for c in figures}))}


def network(store: Store, etype: str | None = None, doc_id: int | None = None, min_mentions: int = 1,
            limit: int = NETWORK_CAP, entity_id: int | None = None, depth: int = 1, whole: bool = False) -> dict:
    """Who is named with whom: one entity's neighbourhood (`depth` steps out), or the most mentioned
    entities (at most `limit`). A network too large to read whole opens on the neighbourhood of its
    most mentioned entity unless `whole` is asked for."""
    if entity_id is None and not whole:
        largest = store.entity_counts(etype, doc_id, min_mentions=min_mentions, limit=EGO_ABOVE + 1)
        if len(largest) > EGO_ABOVE:
            entity_id = largest[0]["id"]
    if entity_id is not None:
        _entity_known(store, entity_id)
        g = networking.ego(store, entity_id, depth, doc_id, limit=min(limit, 500))
    else:
        g = networking.graph(store, etype=etype, doc_id=doc_id, min_mentions=min_mentions, limit=min(limit, 500))
    centre = {"id": entity_id, "name": g.nodes[entity_id]["label"], "depth": depth} if entity_id in g else None
    return {**networking.as_json(g), "limit": limit, "ego": centre,
            "communities": len({d.get("community") for _, d in g.nodes(data=True)})}


def _entity_known(store: Store, entity_id: int) -> dict:
    try:
        return store.entity_named(f"e{entity_id}")
    except FontesError as exc:
        raise NotFound(str(exc)) from exc


def find_entities(store: Store, text: str) -> dict:
    """Entities whose name or an alias contains the text, for the network's search box."""
    return {"query": text, "entities": store.find_entities(text, limit=12) if text.strip() else []}


def archives(store: Store) -> dict:
    """Archives cited in notes, how often, and the statements that rest on them."""
    return {"archives": [{**a, "sentences": [{**s, "text": " ".join(s["text"].split()),
                                              "link": f"/doc/{s['doc_id']}?mark={s['start']}-{s['end']}#target"}
                                             for s in a["sentences"]]} for a in store.archives()]}


def answer(store: Store, question: str) -> dict:
    """`fontes ask` as data: positions with the claims that hold them, and whether the sources disagree."""
    result = asking.answer(store, question)
    titles = citations(store, {c["doc_id"] for p in result.positions for c in p.claims})
    return {"question": question, "kind": result.kind, "summary": result.summary, "conflict": result.conflict,
            "positions": [{"label": p.label, "claims": [_sourced(_claim(c, titles)) for c in p.claims]}
                          for p in result.positions],
            "alignments": [{"id": a["id"], "relation": a["relation"], "explanation": a["explanation"]}
                           for a in result.alignments], "history": result.history}


def _sourced(claim: dict) -> dict:
    return {**claim, "source": asking.source_of(claim)}


def documents_for_filters(store: Store) -> list[dict]:
    """Document ids and titles for filter menus (one short row each)."""
    return [{"id": d["id"], "title": cite(d)} for d in store.citation_fields(limit=2000)]


def entities_for_filters(store: Store, limit: int = 300) -> list[dict]:
    """The most mentioned entities, for filter menus."""
    return store.top_entities(limit)
