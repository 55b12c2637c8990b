"""The page image beside a PDF's text: the source file found again, a page drawn, and the boxes
of a span's characters on the pages that hold it.

The store keeps the text, not the PDF, so the image comes from the file the document was read
from, still where it was and unchanged (its hash is checked); otherwise the reader says why
there is no image. Boxes are drawn only where the page, read again, gives the stored text
character for character, so a box always covers the very characters of the span."""
from __future__ import annotations

from pathlib import Path

from ..ingest import fingerprint
from ..ingest.pdf_page import PrintedPage, read_page, render, span_boxes
from ..store import Store
from .views import NotFound, document_known

SCALES = (0.5, 4.0)  # pixels per point a page image may be drawn at


def source(doc: dict, store_path: Path) -> bytes:
    """The bytes of the PDF a document was read from, if it is still there and unchanged."""
    if doc.get("format") != "pdf":
        raise NotFound(f"d{doc['id']} is not a PDF: it has no page images")
    path = Path(doc["path"])
    # A path is stored relative to the folder ingest ran in: try there and beside the store
    candidates = [path] if path.is_absolute() else [Path.cwd() / path, store_path.resolve().parent / path]
    found = next((p for p in candidates if p.is_file()), None)
    if found is None:
        raise NotFound(f"the page image is drawn from the PDF d{doc['id']} was read from, "
                       f"and {doc['path']} is no longer there")
    data = found.read_bytes()
    if fingerprint(data) != doc["sha256"]:
        raise NotFound(f"{doc['path']} has changed since it was read; ingest it again to see its pages")
    return data


def page_png(store: Store, store_path: Path, doc_id: int, number: int, scale: float) -> bytes:
    """Page `number` of a PDF document drawn as a PNG."""
    doc = document_known(store, doc_id)
    return render(source(doc, store_path), number, min(max(scale, SCALES[0]), SCALES[1]))


def boxes(store: Store, store_path: Path, doc_id: int, start: int, end: int) -> dict:
    """The pages that hold text[start:end], each with its size in points and the boxes that
    cover the span's glyphs on it (points from the page's top-left)."""
    doc = document_known(store, doc_id)
    if not 0 <= start <= end <= doc["chars"]:
        raise NotFound(f"characters {start}–{end} are not in d{doc_id} ({doc['chars']} characters)")
    data = source(doc, store_path)
    scanned = set((doc.get("meta") or {}).get("ocr", {}).get("pages", []))
    out = []
    for page in store.pages(doc_id):
        lo, hi = max(start, page["start"]), min(end, page["end"])
        if lo >= hi and not (start == end and page["start"] <= start < page["end"]):
            continue
        printed = _printed(data, doc["sha256"], page["number"], page["number"] in scanned)
        if printed.text != doc["text"][page["start"]:page["end"]]:
            raise NotFound(f"page {page['number']} of {doc['path']} reads differently now than when it "
                           "was ingested; ingest it again to see boxes on it")
        out.append({"page": page["number"], "width": round(printed.width, 2), "height": round(printed.height, 2),
                    "image": f"/api/documents/{doc_id}/pages/{page['number']}.png",
                    "boxes": span_boxes(printed, lo - page["start"], hi - page["start"])})
    return {"document": doc_id, "start": start, "end": end, "text": doc["text"][start:end], "pages": out}


_CACHED = 64  # pages read again kept in memory
_read_again: dict[tuple[str, int, bool], PrintedPage] = {}


def _printed(data: bytes, sha256: str, number: int, scanned: bool) -> PrintedPage:
    """A page read again, kept for the next span on it (an OCR'd page takes seconds to read)."""
    key = (sha256, number, scanned)
    if key not in _read_again:
        if len(_read_again) >= _CACHED:
            _read_again.pop(next(iter(_read_again)))  # the oldest
        _read_again[key] = read_page(data, number, scanned)
    return _read_again[key]
