"""Note markers on scanned pages: Tesseract reads a small raised number as part of the word it
touches, often as a stray mark ("declared.!", "treasury.”", "days.*"), and a note's opening
number glued to its first word ("1Port"). This module finds both in the OCR'd glyphs, reads each
doubtful mark again alone from the page image as a number, and flags the markers as raised so
that the line builder and the layout treat them as they treat printed superscripts.
"""
from __future__ import annotations

import io
import re
import subprocess

import numpy as np
from PIL import Image

from .pdf_glyphs import Glyph

# What Tesseract makes of a superscript number after a word's last letter and stop
_DOUBTFUL_TAIL = re.compile(r"(?<=[a-z][.,;:])\d{1,3}$|(?<=[a-z0-9][.,;:])[!?*°'’‘”\"_^~]{1,2}$")
_OPENING = re.compile(r"^(\d{1,3})(?=[A-Z][a-z])")
SCALE = 300 / 72  # the page image is rendered at 300 dpi


def words(glyphs: list[Glyph]) -> list[tuple[int, int, bool]]:
    """(first, end, opens a line) for each word: glyphs with no space or baseline move between."""
    found: list[tuple[int, int, bool]] = []
    start = 0
    for i in range(1, len(glyphs) + 1):
        if i == len(glyphs) or glyphs[i].space_before or new_line(glyphs[i - 1], glyphs[i]):
            opens = start == 0 or new_line(glyphs[start - 1], glyphs[start])
            found.append((start, i, opens))
            start = i
    return found


def new_line(previous: Glyph, glyph: Glyph) -> bool:
    """Whether the glyph starts a new line (the baseline moves, or the pen goes back)."""
    return abs(glyph.baseline - previous.baseline) > 0.5 * glyph.size or glyph.left < previous.left


def mark_markers(glyphs: list[Glyph], page_image: Image.Image | None) -> None:
    """Flag note markers in OCR'd glyphs as raised, reading doubtful ones again from the image."""
    found = words(glyphs)
    # from the last word back, so that a replacement of another length moves no word still to come
    for k in range(len(found) - 1, -1, -1):
        first, end, opens = found[k]
        text = "".join(g.text for g in glyphs[first:end])
        opening = _OPENING.match(text) if opens else None
        if opening:
            for g in glyphs[first:first + len(opening.group(1))]:
                g.raised = True
            continue
        tail = _DOUBTFUL_TAIL.search(text)
        # a marker after a stop is followed by a new sentence or the end of the line
        following = glyphs[found[k + 1][0]] if k + 1 < len(found) and not found[k + 1][2] else None
        if not tail or following is not None and not following.text.isupper():
            continue
        cut = first + tail.start()
        number = tail.group() if tail.group().isdigit() else _read_number(glyphs[first:end], cut - first, page_image)
        if number:
            _replace(glyphs, cut, end, number)


def _replace(glyphs: list[Glyph], start: int, end: int, number: str) -> None:
    """Put the number read in place of the doubtful glyphs, one raised glyph per digit."""
    left, right = glyphs[start].left, glyphs[end - 1].right
    width = (right - left) / len(number)
    template = glyphs[start]
    glyphs[start:end] = [Glyph(d, left + k * width, template.top, left + (k + 1) * width, template.bottom,
                               template.baseline, template.size, False, True) for k, d in enumerate(number)]


def _read_number(word: list[Glyph], cut: int, page_image: Image.Image | None) -> str | None:
    """Read the end of a word again from the page image, as digits only; None if none are there.

    The marker is looked for above the line's lowercase letters, from where the doubtful glyphs
    begin to the first gap as wide as a word space; only that patch of ink is read."""
    if page_image is None:
        return None
    em = word[0].size * SCALE
    baseline = word[-1].baseline * SCALE
    left = int(word[cut].left * SCALE - 0.1 * em)
    band = (left, int(baseline - 1.05 * em), int(word[-1].right * SCALE + 0.8 * em), int(baseline - 0.25 * em))
    ink = np.asarray(page_image.crop(band).convert("L")) < 140
    if ink.size == 0:
        return None
    columns = np.flatnonzero(ink.sum(0) >= 2)  # a speck of dust darkens one pixel, a stroke more
    if not len(columns):
        return None
    gaps = np.flatnonzero(np.diff(columns) > 0.22 * em)
    last = columns[gaps[0]] if len(gaps) else columns[-1]
    rows = np.flatnonzero(ink[:, columns[0]:last + 1].sum(1) >= 1)
    patch = page_image.crop((band[0] + columns[0] - 4, band[1] + rows[0] - 4,
                             band[0] + last + 5, band[1] + rows[-1] + 5)).convert("L")
    patch = patch.resize((patch.width * 3, patch.height * 3), Image.LANCZOS)
    framed = Image.new("L", (patch.width + 40, patch.height + 40), 255)
    framed.paste(patch.point(lambda v: 0 if v < 160 else 255), (20, 20))  # Tesseract reads clean black on white best
    png = io.BytesIO()
    framed.save(png, "PNG")
    run = subprocess.run(["tesseract", "stdin", "stdout", "--psm", "8", "-c", "tessedit_char_whitelist=0123456789"],
                         input=png.getvalue(), capture_output=True)
    digits = run.stdout.decode("utf-8", "replace").strip()
    return digits if re.fullmatch(r"\d{1,3}", digits) else None
