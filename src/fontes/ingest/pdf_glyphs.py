"""PDF glyphs: every printed character of a page with its box, baseline and type size (PDFium).

PDFium (through pypdfium2) is fast C, and it marks where a word space falls even when the PDF
prints none (TeX and many typesetters position words instead of printing spaces); those marks are
kept beside each glyph so the line builder can put word boundaries back.
"""
from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# Characters a PDF prints that a reader types otherwise: PDFium's mark for a hyphen at a line end,
# the soft hyphen, and the ligatures a font composes.
_PRINTED_AS = {"\ufffe": "-", "\xad": "-", "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
               "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st", "\u2010": "-", "\u2011": "-"}
_OVERPRINT = 0.1  # a glyph repeated within this share of its size from the last one is fake bold


@dataclass(slots=True)
class Glyph:
    """One printed character: its text, its box (points, from the page's top-left), the baseline
    it sits on, its type size, and whether a word space precedes it in the PDF's own text."""

    text: str
    left: float
    top: float
    right: float
    bottom: float
    baseline: float
    size: float
    space_before: bool = False
    raised: bool = False  # known to be a superscript though not drawn raised (OCR glues them on)


def page_glyphs(page: pdfium.PdfPage) -> tuple[list[Glyph], float, float]:
    """The glyphs of a page in the order the PDF draws them, with the page's width and height.

    Spaces are not glyphs: each one marks the glyph after it. A glyph printed twice on top of
    itself (bold faked by overprinting) is kept once."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    raw = textpage.raw
    box = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    # PDFium is called once per glyph for each measure: bound once here, as a book has a million
    loose_box, origin = pdfium_c.FPDFText_GetLooseCharBox, pdfium_c.FPDFText_GetCharOrigin
    text_matrix, font_size = pdfium_c.FPDFText_GetMatrix, pdfium_c.FPDFText_GetFontSize
    hypot, printed_as = math.hypot, _PRINTED_AS
    glyphs: list[Glyph] = []
    space = False
    try:
        for i, code in enumerate(_codes(raw)):
            # PDFium reports a hyphen that ends a line as code 2 (or U+FFFE): it is printed
            char = "-" if code in (2, 0xFFFE) else chr(code) if code else ""
            if not char or char.isspace() or ord(char) < 32:
                space = space or bool(char)  # PDFium's own spaces and line breaks count as spaces
                continue
            # The loose box spans the glyph's advance, so letters of one word touch whatever their ink
            loose_box(raw, i, box)
            origin(raw, i, x, y)
            # The font size as set is scaled by the text matrix (many PDFs set 1 pt and scale it)
            text_matrix(raw, i, matrix)
            size = font_size(raw, i) * (hypot(matrix.c, matrix.d) or 1.0)
            size = size or (box.top - box.bottom) or 1.0
            glyph = Glyph(printed_as.get(char, char), box.left, height - box.top, box.right,
                          height - box.bottom, height - y.value, size, space)
            space = False
            if glyphs and _overprints(glyphs[-1], glyph):
                continue
            glyphs.append(glyph)
    finally:
        textpage.close()
    return glyphs, width, height


def _codes(raw) -> list[int]:
    """The character code at each index of a text page, read in one call where PDFium's page text
    lines up with its characters, else one by one (it drops some marks from the page text, and
    writes a character beyond the 16-bit plane as two)."""
    count = pdfium_c.FPDFText_CountChars(raw)
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(raw, 0, count, buffer)
    codes = buffer[:count]
    if written == count + 1 and not any(0xD800 <= code < 0xE000 for code in codes):
        return codes
    return [pdfium_c.FPDFText_GetUnicode(raw, i) for i in range(count)]


def _overprints(last: Glyph, glyph: Glyph) -> bool:
    """The same character drawn again a hair to the side of the last: one glyph, printed bold."""
    # A ligature's letters share one box exactly ("ff" in "office"); an overprint is shifted.
    return (glyph.text == last.text and not glyph.space_before
            and 0.01 < abs(glyph.left - last.left) < min(_OVERPRINT * glyph.size, 0.5 * (last.right - last.left))
            and abs(glyph.baseline - last.baseline) < _OVERPRINT * glyph.size)
