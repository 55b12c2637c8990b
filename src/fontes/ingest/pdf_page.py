"""A PDF page read again from its file: its image, and the box of every character of its text.

The store keeps a document's text, not the PDF's bytes nor a box per character (a 300-page book
has a million), so the reader's page image comes from the source file on demand. The page is read
the way ingest read it, so its text can be checked against the stored text character for
character before a box is drawn: a box is only ever drawn for the characters it printed.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from ..errors import FontesError
from . import ocr
from .pdf import open_pdf
from .pdf_glyphs import Glyph, page_glyphs
from .pdf_lines import SEGMENT_GAP, page_lines

Box = tuple[float, float, float, float]  # left, top, right, bottom: points from the page's top-left


@dataclass
class PrintedPage:
    """A page as ingest reads it: its text (each line and a newline, as the document holds it) and
    the box of the glyph that printed each character (None for word spaces and line ends)."""

    number: int
    width: float
    height: float
    text: str
    boxes: list[Box | None]
    sizes: list[float]  # each character's type size (0 where there is no glyph)


def read_page(data: bytes, number: int, scanned: bool = False) -> PrintedPage:
    """Page `number` (1-based) of a PDF read as ingest reads it; `scanned` pages are read by OCR."""
    pdf = open_pdf(data)
    try:
        if not 1 <= number <= len(pdf):
            raise FontesError(f"no page {number} (the PDF has {len(pdf)})")
        glyphs, width, height = page_glyphs(pdf[number - 1])
    finally:
        pdf.close()
    if scanned:
        glyphs = ocr.recognise(data, [number - 1]).get(number - 1, ([], None))[0]
    text: list[str] = []
    boxes: list[Box | None] = []
    sizes: list[float] = []
    for row in page_lines(glyphs, width):
        text.append(row.text + "\n")
        boxes += char_boxes(row.glyphs) + [None]
        sizes += [g.size if g else 0.0 for g in row.glyphs] + [0.0]
    return PrintedPage(number, width, height, "".join(text), boxes, sizes)


def char_boxes(printed: list[Glyph | None]) -> list[Box | None]:
    """One box per character; a ligature's box ("ffi" printed as one glyph) shared out evenly."""
    boxes: list[Box | None] = []
    i = 0
    while i < len(printed):
        glyph = printed[i]
        if glyph is None:
            boxes.append(None)
            i += 1
            continue
        count = 1
        while i + count < len(printed) and printed[i + count] is glyph:
            count += 1
        step = (glyph.right - glyph.left) / count
        boxes += [(glyph.left + k * step, glyph.top, glyph.left + (k + 1) * step, glyph.bottom) for k in range(count)]
        i += count
    return boxes


def span_boxes(page: PrintedPage, start: int, end: int) -> list[Box]:
    """The boxes that cover the glyphs of page.text[start:end]: one per stretch of a line, parted
    where the line ends or leaves a wide gap (table cells), each the union of its glyphs."""
    out: list[list[float]] = []
    previous: Box | None = None
    for i in range(max(0, start), min(end, len(page.text))):
        box = page.boxes[i]
        if box is None:
            if page.text[i] == "\n":
                previous = None  # the next glyph starts a new box
            continue
        size = page.sizes[i] or (box[3] - box[1])
        # a line's glyphs run left to right (PDFium gives each letter of a ligature its whole box)
        joins = previous is not None and box[0] - previous[2] < SEGMENT_GAP * size
        if joins:
            last = out[-1]
            last[0], last[1], last[2], last[3] = min(last[0], box[0]), min(last[1], box[1]), \
                max(last[2], box[2]), max(last[3], box[3])
        else:
            out.append(list(box))
        previous = box
    return [(round(a, 2), round(b, 2), round(c, 2), round(d, 2)) for a, b, c, d in out]


def render(data: bytes, number: int, scale: float) -> bytes:
    """Page `number` (1-based) as a PNG, `scale` pixels per point."""
    pdf = open_pdf(data)
    try:
        if not 1 <= number <= len(pdf):
            raise FontesError(f"no page {number} (the PDF has {len(pdf)})")
        image = pdf[number - 1].render(scale=scale).to_pil()
    finally:
        pdf.close()
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
