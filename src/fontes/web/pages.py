"""The HTML pages: each renders one view's data (views.py) with an autoescaping template, so text
from a source is always shown as text."""
from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from . import library as shelves, views
from .api import DateBound, Id, Kind, Lanes, Order, Page, Status, StoreDep, Words, parse_mark

router = APIRouter(include_in_schema=False)


def render(request: Request, template: str, **context) -> HTMLResponse:
    page = request.app.state.templates.get_template(template).render(
        request=request, missing_viewers=request.app.state.missing_viewers, **context)
    return HTMLResponse(page)


@router.get("/")
def library(request: Request, store: StoreDep, page: Page = 1, q: Words = "", kind: Kind = None,
            since: DateBound = None, until: DateBound = None, status: Status = None, order: Order = "id"):
    data = shelves.library(store, page, shelves.shelf(q, kind, since, until, status, order))
    query = urlencode({k: v for k, v in data["filters"].items() if v and not (k == "order" and v == "id")})
    return render(request, "library.html", view="library", data=data, query=query,
                  max_upload=request.app.state.uploads.max_bytes)


@router.get("/doc/{doc_id}")
def reader(request: Request, store: StoreDep, doc_id: int, page: Annotated[int | None, Query(ge=1)] = None,
           mark: str | None = None):
    return render(request, "reader.html", view="library", data=views.document(store, doc_id, page, parse_mark(mark)),
                  standing=shelves.standing(store, doc_id))


@router.get("/group/{alignment_id}")
def group(request: Request, store: StoreDep, alignment_id: int):
    data = views.alignments_by_id(store, alignment_id)
    return render(request, "alignments.html", view="library", data=data, entity=None, entities=[], single=True)


@router.get("/timeline")
def timeline(request: Request, store: StoreDep, entity: Id = None, doc: Id = None, lanes: Lanes = "none"):
    return render(request, "timeline.html", view="timeline", entity=entity, doc=doc, lanes=lanes or "none",
                  documents=views.documents_for_filters(store), entities=views.entities_for_filters(store))


@router.get("/network")
def network(request: Request, store: StoreDep, type: str | None = None, doc: Id = None,
            min_mentions: Annotated[int, Query(ge=1)] = 1, entity: Id = None,
            depth: Annotated[int, Query(ge=1, le=2)] = 1, whole: bool = False):
    return render(request, "network.html", view="network", type=type, doc=doc, min_mentions=min_mentions,
                  entity=entity, depth=depth, whole=whole, types=store.entity_types(),
                  documents=views.documents_for_filters(store))


@router.get("/entity/{entity_id}")
def entity(request: Request, store: StoreDep, entity_id: int):
    return render(request, "entity.html", view="network", data=views.entity(store, entity_id))


@router.get("/conflicts")
def conflicts(request: Request, store: StoreDep, entity: Id = None, page: Page = 1):
    return _alignments(request, store, "conflict", entity, page)


@router.get("/agreements")
def agreements(request: Request, store: StoreDep, entity: Id = None, page: Page = 1):
    return _alignments(request, store, "corroboration", entity, page)


@router.get("/revisions")
def revisions(request: Request, store: StoreDep, entity: Id = None, page: Page = 1):
    return _alignments(request, store, "revision", entity, page)


def _alignments(request: Request, store, relation: Literal["conflict", "corroboration", "revision"], entity: int | None,
                page: int) -> HTMLResponse:
    views_of = {"conflict": "conflicts", "corroboration": "agreements", "revision": "revisions"}
    return render(request, "alignments.html", view=views_of[relation],
                  data=views.alignments(store, relation, entity, page), entity=entity,
                  entities=views.entities_for_filters(store))


@router.get("/archives")
def archives(request: Request, store: StoreDep):
    return render(request, "archives.html", view="archives", data=views.archives(store))


@router.get("/ask")
def ask(request: Request, store: StoreDep, q: Annotated[str, Query(max_length=500)] = ""):
    data = views.answer(store, q) if len(q.strip()) >= 2 else None
    return render(request, "ask.html", view="ask", question=q, data=data)
