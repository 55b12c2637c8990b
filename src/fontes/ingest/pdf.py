"""PDF: text page by page with PDFium, keeping page breaks and each line's place, size and raised type.

Font sizes let the layout stage tell footnotes (smaller type) from body text, and the title
printed on the first page from the file name a converter left in the PDF's metadata.
"""
from __future__ import annotations

import re
import statistics
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from . import ocr
from ..errors import FontesError
from ..model import Document, Line
from .pdf_glyphs import Glyph, page_glyphs
from .pdf_lines import page_lines

# Metadata titles that name the file the PDF was made from rather than the work: a converter's
# "Microsoft Word - draft.doc", a word-processor or TeX file name, or one word joined by underscores.
_FILE_NAME_TITLE = re.compile(r"^(?:Microsoft (?:Word|PowerPoint|Excel) - |untitled$|document\d*$)"
                              r"|\.(?:docx?|rtf|odt|pages|tex|dvi|ps|pdf|indd|qxd|txt)$|^[^\s]*_[^\s]*$",
                              re.IGNORECASE)
_TOP_LINES = 12  # a title is printed among the first lines of the first page
_HEADING_SCALE = 1.2  # and in type at least this much larger than the page's usual text


def looks_like_file_name(title: str) -> bool:
    """Whether a PDF's metadata title is a file name ("Microsoft Word - Notes_v2.doc")."""
    return bool(_FILE_NAME_TITLE.search(title.strip()))


def first_heading(text: str, lines: list[Line]) -> str | None:
    """The largest-type lines at the top of page 1, joined, if larger than the page's usual text."""
    page_one = [ln for ln in lines if ln.page == 1 and ln.size]
    top = page_one[:_TOP_LINES]
    if not top:
        return None
    usual = statistics.median(ln.size for ln in page_one)
    largest = max(ln.size for ln in top)
    if largest < usual * _HEADING_SCALE:
        return None
    first = next(i for i, ln in enumerate(top) if ln.size == largest)
    heading = []
    for ln in top[first:]:
        if abs(ln.size - largest) > 0.5:
            break
        heading.append(text[ln.start:ln.end].strip())
    return " ".join(heading) or None


def choose_title(metadata_title: str | None, text: str, lines: list[Line]) -> str | None:
    """The metadata title, unless it is missing or a file name: then the heading printed on
    page 1 (or None, and the text decides)."""
    if metadata_title and not looks_like_file_name(metadata_title):
        return metadata_title
    return first_heading(text, lines)


def read(path: Path, data: bytes) -> Document:
    """Read every page; lines are joined with newlines and pages with a blank line. Pages
    without a text layer (scans) are read by OCR where Tesseract is installed."""
    if not data.startswith(b"%PDF"):
        raise FontesError("not a PDF (no %PDF header)")
    pdf = open_pdf(data)
    try:
        info = {k: v for k, v in pdf.get_metadata_dict(skip_empty=True).items() if isinstance(v, str) and v.strip()}
        read_pages = [page_glyphs(pdf[i]) for i in range(len(pdf))]
        scanned = [i for i, (glyphs, _, _) in enumerate(read_pages) if not glyphs and _has_image(pdf[i])]
    except pdfium.PdfiumError as exc:
        raise FontesError(f"corrupt PDF ({exc})") from exc
    finally:
        pdf.close()
    meta: dict = {"page_count": len(read_pages)}
    if scanned and (ocr.available() or len(scanned) == len(read_pages)):
        recognised = ocr.recognise(data, scanned)
        for i, (glyphs, _) in recognised.items():
            read_pages[i] = (glyphs, read_pages[i][1], read_pages[i][2])
        meta["ocr"] = {"pages": [i + 1 for i in sorted(recognised)],
                       "confidence": {str(i + 1): c for i, (_, c) in sorted(recognised.items())}}
    elif scanned:
        meta["unread_pages"] = [i + 1 for i in scanned]  # scans left unread: OCR is not installed
    text, pages, lines = assemble(read_pages)
    meta["page_sizes"] = [[round(w, 1), round(h, 1)] for _, w, h in read_pages]
    return Document(path=str(path), text=text, format="pdf", sha256="", title=choose_title(info.get("Title"), text, lines),
                    authors=[a.strip() for a in info.get("Author", "").split(";") if a.strip()],
                    pages=pages, lines=lines, meta=meta)


def assemble(read_pages: list[tuple[list[Glyph], float, float]]) -> tuple[str, list[tuple[int, int]], list[Line]]:
    """The document text (lines joined by newlines, pages by a blank line), page extents and lines."""
    parts: list[str] = []
    pages: list[tuple[int, int]] = []
    lines: list[Line] = []
    offset = 0
    for number, (glyphs, width, _) in enumerate(read_pages, 1):
        page_start = offset
        for row in page_lines(glyphs, width):
            lines.append(Line(offset, offset + len(row.text), number, row.size,
                              (round(row.left, 1), round(row.top, 1), round(row.right, 1), round(row.bottom, 1)),
                              [(offset + a, offset + b) for a, b in row.raised], row.cells))
            parts.append(row.text + "\n")
            offset += len(row.text) + 1
        pages.append((page_start, offset))
        parts.append("\n")
        offset += 1
    return "".join(parts), pages, lines


def _has_image(page: pdfium.PdfPage) -> bool:
    """Whether a page shows an image (a scan), as opposed to being blank."""
    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    """Open a PDF with PDFium, turning its failures into a message a reader can act on."""
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise FontesError("encrypted PDF (password protected)") from exc
        raise FontesError(f"corrupt PDF ({exc})") from exc
