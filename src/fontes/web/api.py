"""The JSON API: one route per view, returning exactly what the page renders (see views.py).
FastAPI publishes it as OpenAPI at /openapi.json."""
from __future__ import annotations

from typing import Annotated, Iterator, Literal

from pydantic import BaseModel, BeforeValidator, Field
from fastapi import APIRouter, Body, Depends, File, Path, Query, Request, Response, UploadFile
from starlette.concurrency import run_in_threadpool

from .. import pipeline
from ..corpus import review
from ..store import Store
from . import library as shelves, page_image, views
from .uploads import Refused

router = APIRouter(prefix="/api", tags=["api"])


def store_of(request: Request) -> Iterator[Store]:
    store = request.app.state.stores.open()
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(store_of)]
Page = Annotated[int, Query(ge=1, le=1_000_000)]
# A filter left at "all" in a form arrives as an empty string: it means no filter.
Id = Annotated[int | None, BeforeValidator(lambda v: v or None), Query()]
Lanes = Annotated[Literal["none", "document", "entity", ""], Query(description="swim lanes: one per document or entity")]


def parse_mark(mark: str | None) -> tuple[int, int] | None:
    """"START-END" character offsets, as every link to a span carries them; anything else is ignored."""
    if not mark:
        return None
    start, _, end = mark.partition("-")
    if start.isdigit() and end.isdigit() and int(start) <= int(end):
        return int(start), int(end)
    return None


Words = Annotated[str, Query(max_length=300, description="words of the title or text (each must be there)")]
DateBound = Annotated[str | None, Query(max_length=10, description="a year, month or day: 1998, 1998-08, 1998-08-07")]
Status = Annotated[Literal[tuple(shelves.STATUS_NAMES)] | None, BeforeValidator(lambda v: v or None), Query()]
Order = Annotated[Literal[tuple(shelves.ORDER_NAMES)], BeforeValidator(lambda v: v or "id"), Query()]
Kind = Annotated[str | None, Query(max_length=30)]


@router.get("/documents", summary="Library: a page of documents found by words, kind, date and status, sorted")
def documents(store: StoreDep, page: Page = 1, q: Words = "", kind: Kind = None, since: DateBound = None,
              until: DateBound = None, status: Status = None, order: Order = "id") -> dict:
    return shelves.library(store, page, shelves.shelf(q, kind, since, until, status, order))


@router.get("/documents/{doc_id}/standing",
            summary="Where a document's figures and dates stand against the other sources: its groups")
def standing(store: StoreDep, doc_id: int) -> dict:
    views.document_known(store, doc_id)
    return shelves.standing(store, doc_id)


@router.get("/documents/{doc_id}", summary="Reader: a page of a document's text, cut into marked pieces")
def document(store: StoreDep, doc_id: int, page: Annotated[int | None, Query(ge=1)] = None,
             mark: Annotated[str | None, Query(description="START-END offsets to mark")] = None) -> dict:
    data = views.document(store, doc_id, page, parse_mark(mark))
    data["pieces"] = [{"start": p.start, "text": p.text, "marks": p.keys.split(), "styles": list(p.styles)}
                      for p in data["pieces"]]
    data["blocks"] = [{"role": b.role, "start": b.pieces[0].start, "end": b.pieces[-1].start + len(b.pieces[-1].text)}
                      for b in data["blocks"]]
    return data


@router.get("/documents/{doc_id}/pages/{number}.png", response_class=Response,
            responses={200: {"content": {"image/png": {}}}},
            summary="A PDF document's page as an image, drawn from the file it was read from")
def page_png(request: Request, store: StoreDep, doc_id: int, number: Annotated[int, Path(ge=1)],
             scale: Annotated[float, Query(ge=0.5, le=4, description="pixels per point")] = 1.5) -> Response:
    png = page_image.page_png(store, request.app.state.stores.path, doc_id, number, scale)
    return Response(png, media_type="image/png", headers={"Cache-Control": "max-age=600"})


@router.get("/documents/{doc_id}/boxes",
            summary="Where a span of a PDF document is printed: the pages that hold it and the boxes "
                    "around its glyphs, in points from each page's top-left")
def span_boxes(request: Request, store: StoreDep, doc_id: int, start: Annotated[int, Query(ge=0)],
               end: Annotated[int, Query(ge=0)]) -> dict:
    return page_image.boxes(store, request.app.state.stores.path, doc_id, start, end)


@router.get("/claims/{claim_id}", summary="A claim with its chain, notes and the groups it is aligned in")
def claim(store: StoreDep, claim_id: int) -> dict:
    return views.claim(store, claim_id)


@router.get("/entities/{entity_id}", summary="An entity: aliases, mentions per document, claims")
def entity(store: StoreDep, entity_id: int) -> dict:
    return views.entity(store, entity_id)


@router.get("/timeline", summary="Dated statements as timeline items (ranges for imprecise times)")
def timeline(store: StoreDep, entity: Id = None, doc: Id = None, lanes: Lanes = "none") -> dict:
    return views.timeline(store, entity, doc, lanes or "none")


@router.get("/network", summary="Entities and their co-occurrence in sentences (Cytoscape.js elements)")
def network(store: StoreDep, type: Annotated[str | None, Query(max_length=20)] = None, doc: Id = None,
            min_mentions: Annotated[int, BeforeValidator(lambda v: v or 1), Query()] = 1, limit: Annotated[int, Query(ge=1, le=500)] = 150,
            entity: Id = None, depth: Annotated[int, Query(ge=1, le=2)] = 1,
            whole: Annotated[bool, Query(description="the whole network even when it is large")] = False) -> dict:
    return views.network(store, type or None, doc, min_mentions, limit, entity, depth, whole)


@router.get("/entities", summary="Entities whose name or an alias contains the text (the network's search)")
def find_entities(store: StoreDep, q: Annotated[str, Query(max_length=300)] = "") -> dict:
    return views.find_entities(store, q)


@router.get("/alignments", summary="Conflicts and agreements, a page at a time")
def alignments(store: StoreDep, relation: Literal["conflict", "corroboration", "revision"] | None = None, entity: Id = None,
               page: Page = 1) -> dict:
    return views.alignments(store, relation, entity, page)


@router.get("/archives", summary="Archives cited in notes and what rests on them")
def archives(store: StoreDep) -> dict:
    return views.archives(store)


@router.get("/ask", summary="Answer a question from the claims, with quotes and conflicts")
def ask(store: StoreDep, q: Annotated[str, Query(min_length=2, max_length=500)]) -> dict:
    return views.answer(store, q)


@router.post("/uploads", status_code=202, summary="Upload files to ingest (size-limited, type-checked)")
async def upload(request: Request, files: list[UploadFile] = File(...)) -> dict:
    uploads = request.app.state.uploads
    received = []
    for f in files:
        data = await f.read(uploads.max_bytes + 1)
        if len(data) > uploads.max_bytes:
            raise Refused(f"{f.filename}: too large (limit {uploads.max_bytes / 1e6:.0f} MB)", 413)
        received.append((f.filename or "upload", data))
    return (await run_in_threadpool(uploads.accept, received)).public()


@router.get("/jobs/{job_id}", summary="Progress of an upload's ingest")
def job(request: Request, job_id: str) -> dict:
    found = request.app.state.uploads.job(job_id)
    if found is None:
        raise views.NotFound(f"no upload job {job_id}")
    return found.public()


Reader = Annotated[str, Field(min_length=1, max_length=100, description="who decides")]
Note = Annotated[str | None, Field(max_length=2000, description="why")]
EntityRef = Annotated[str, Field(min_length=1, max_length=300, description="an entity's id (e12), name or alias")]


class GroupDecision(BaseModel):
    decision: Literal["confirm", "reject", "relabel"]
    relation: Literal["conflict", "corroboration", "revision"] | None = Field(
        None, description="the new relation; required for relabel, ignored otherwise")
    by: Reader = "reader"
    note: Note = None


class Merge(BaseModel):
    entities: Annotated[list[EntityRef], Field(min_length=2, max_length=2, description="the two entities; "
                                                                                         "the first one's name is kept")]
    by: Reader = "reader"
    note: Note = None


class Split(BaseModel):
    entity: EntityRef
    name: Annotated[str, Field(min_length=1, max_length=300, description="the name to take out of the entity")]
    by: Reader = "reader"
    note: Note = None


@router.post("/alignments/{alignment_id}/decision", tags=["review"],
             summary="Confirm, reject or relabel a group; the decision holds through later alignments")
def decide(store: StoreDep, alignment_id: int, body: GroupDecision) -> dict:
    views.group(store, alignment_id)  # a clear 404 for a group that is not there
    decision = review.decide(store, alignment_id, body.decision, body.relation, body.by, body.note)
    return {"decision": decision, "alignment": views.group(store, alignment_id)}


@router.delete("/alignments/{alignment_id}/decision", tags=["review"],
               summary="Take back the decision about a group: it is the machine's again")
def undo(store: StoreDep, alignment_id: int) -> dict:
    views.group(store, alignment_id)
    return {"undone": review.undo(store, alignment_id), "alignment": views.group(store, alignment_id)}


def _resolved(request: Request, store: Store, decision: dict) -> dict:
    count = pipeline.resolve_entities(store, request.app.state.uploads.corrections)
    return {"decision": decision, "entities": count}


@router.post("/entities/merge", tags=["review"], summary="Make two entities one; entities are resolved again")
def merge(request: Request, store: StoreDep, body: Merge) -> dict:
    return _resolved(request, store, review.merge(store, *body.entities, by=body.by, note=body.note))


@router.post("/entities/split", tags=["review"], summary="Take a name out of an entity; entities are resolved again")
def split(request: Request, store: StoreDep, body: Split) -> dict:
    return _resolved(request, store, review.split(store, body.entity, body.name, by=body.by, note=body.note))


@router.get("/decisions", tags=["review"], summary="Every decision, oldest first, and whether it still applies")
def decisions(store: StoreDep) -> dict:
    return {"decisions": review.listing(store)}


@router.get("/decisions/export", tags=["review"], summary="All decisions as a file to share (see /decisions/import)")
def export_decisions(store: StoreDep) -> dict:
    return review.export_file(store)


@router.post("/decisions/import", tags=["review"],
             summary="Import a decisions file; a later decision about the same thing wins, so it is idempotent")
def import_decisions(request: Request, store: StoreDep,
                     data: Annotated[dict, Body(description="a file from GET /api/decisions/export")]) -> dict:
    stored = review.import_file(store, data, "the decisions sent")
    if stored["entities"]:
        pipeline.resolve_entities(store, request.app.state.uploads.corrections)
    return {"imported": stored}
