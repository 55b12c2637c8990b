"""OCR for scanned pages: OCRmyPDF runs Tesseract on the pages that have no text layer and
writes one in; the glyphs are then read like any PDF's, with Tesseract's confidence per page.

Both are Debian packages (ocrmypdf, tesseract-ocr, tesseract-ocr-eng), installed by
scripts/setup.sh. Where they are missing a scan cannot be read, and the reader says so.
"""
from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

import pypdfium2 as pdfium

from ..errors import FontesError
from . import ocr_markers
from .pdf_glyphs import Glyph, page_glyphs

LANGUAGES = os.environ.get("FONTES_OCR_LANGUAGES", "eng")  # Tesseract's codes, joined by "+"
_WORD_CONFIDENCE = re.compile(r"x_wconf (\d+)")
_HOCR_PAGE = re.compile(r"(\d+)_ocr_hocr\.hocr$")


def available() -> bool:
    """Whether OCRmyPDF and Tesseract are installed."""
    return shutil.which("ocrmypdf") is not None and shutil.which("tesseract") is not None


def recognise(data: bytes, pages: list[int]) -> dict[int, tuple[list[Glyph], float | None]]:
    """Glyphs and mean word confidence (0-100) for each of `pages` (0-based) that OCR could read."""
    if not available():
        raise FontesError("scanned pages without a text layer, and OCR is not installed "
                          "(apt-get install ocrmypdf tesseract-ocr tesseract-ocr-eng)")
    with tempfile.TemporaryDirectory(prefix="fontes-ocr-") as tmp:
        folder = Path(tmp)
        source, target = folder / "scan.pdf", folder / "read.pdf"
        source.write_bytes(data)
        command = ["ocrmypdf", "--skip-text", "--output-type", "pdf", "--optimize", "0", "--jobs", "1",
                   "--pdf-renderer", "hocr", "--keep-temporary-files", "--quiet", "-l", LANGUAGES,
                   "--pages", ",".join(str(i + 1) for i in pages), str(source), str(target)]
        # OCRmyPDF keeps its working files (the hOCR, with a confidence per word) under TMPDIR
        run = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "TMPDIR": tmp})
        if run.returncode != 0 or not target.exists():
            message = (run.stderr.strip().splitlines() or ["no output"])[-1]
            raise FontesError(f"OCR failed ({message})")
        confidence = _confidences(folder)
        read, scan = pdfium.PdfDocument(target.read_bytes()), pdfium.PdfDocument(data)
        found = {}
        try:
            for i in pages:
                glyphs = page_glyphs(read[i])[0]
                if glyphs:
                    image = scan[i].render(scale=ocr_markers.SCALE, grayscale=True).to_pil()
                    ocr_markers.mark_markers(glyphs, image)
                    _type_sizes(glyphs)
                    found[i] = (glyphs, confidence.get(i))
        finally:
            read.close()
            scan.close()
    return found


def _type_sizes(glyphs: list[Glyph]) -> None:
    """Give each OCR'd line the type size its letters' widths show.

    The text layer sizes a line by its height, which swings with its ascenders and descenders;
    each word is stretched to its width on the scan, so the mean advance of a line's letters
    follows the size of its type (about half an em in book faces) far more steadily."""
    lines: list[list[Glyph]] = []
    for glyph in glyphs:
        if lines and not ocr_markers.new_line(lines[-1][-1], glyph):
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
    for line in lines:
        size = round(2 * statistics.mean(g.right - g.left for g in line), 1)
        for glyph in line:
            glyph.size = size


def _confidences(folder: Path) -> dict[int, float]:
    """Mean Tesseract word confidence per page (0-based), from the hOCR OCRmyPDF kept."""
    found: dict[int, float] = {}
    for hocr in folder.rglob("*_ocr_hocr.hocr"):
        number = _HOCR_PAGE.search(hocr.name)
        scores = [int(v) for v in _WORD_CONFIDENCE.findall(hocr.read_text(encoding="utf-8", errors="replace"))]
        if number and scores:
            found[int(number.group(1)) - 1] = round(statistics.mean(scores), 1)
    return found
