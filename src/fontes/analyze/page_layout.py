"""Page layout of a PDF: label lines by what the page shows — type size, place and raised type.

Footnotes are the block of smaller type at the foot of a page (or of a column), opened by a raised
number; running heads and feet stand apart at the top and bottom edge, repeated from page to page
or carrying the page number; authors' affiliation lines on the first page open with the raised
numbers that follow the authors' names; figure labels are small type amid the body; captions open
with "Figure 1" or "Table 2"; tables are rows parted into cells by wide gaps.
"""
from __future__ import annotations

import re
from collections import Counter

from ..lexicon import load

BODY, NOTE, FURNITURE = "body", "note", "furniture"
TITLE, BYLINE, AFFILIATION = "title", "byline", "affiliation"
FIGURE, TABLE, REFERENCES = "figure", "table", "references"
SMALL = 0.92          # type smaller than this share of the body's is not body type
FIGURE_TYPE = 0.75    # type this much smaller than the body's, amid the body, is lettering in a figure
_PAGE_NUMBER = re.compile(r"^\s*(?:[-–—]\s*)?(?:page\s+)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|/)\s*\d{1,4})?"
                          r"(?:\s*[-–—])?\s*$", re.IGNORECASE)
_EDGE_NUMBER = re.compile(r"^\s*\d{1,4}\s+\S|\S\s+\d{1,4}\s*$")
_CAPTION = re.compile(r"^\s*(Fig(?:ure|\.)?|Table|Tab\.|Plate|Map|Chart)\s*\d+[a-z]?\s*[.:|—–-]", re.IGNORECASE)
_SYMBOLS = {"*", "†", "‡", "∗"}  # marks that stand for numbers (∗ is TeX's \thanks star)
# a note's number set on the line, followed by words (not a code listing's line number "12 \def")
_MARKER_START = re.compile(r"^\s*(?:\d{1,3}[.)]?\s+(?=[^\W\d_]|[“\"‘(\[])|[*†‡§¶∗]\s*(?=\S))")


def _words(text: str) -> int:
    return len(text.split())


def body_size(lines) -> float | None:
    """The type size most characters are set in."""
    weighted = Counter()
    for ln in lines:
        if ln.size:
            weighted[round(ln.size, 1)] += len(ln.text)
    return weighted.most_common(1)[0][0] if weighted else None


def starts_with_raised(line) -> bool:
    """Whether a line opens with a raised number or mark (a note's or an affiliation's)."""
    return bool(line.raised) and line.raised[0][0] == line.start + len(line.text) - len(line.text.lstrip())


def edges(lines, pages: int) -> set[int]:
    """Running heads and feet and page numbers: the top and bottom line of each page when they
    stand apart from the rest, are short, and carry a page number or repeat on other pages."""
    by_page: dict[int, list[int]] = {}
    for i, ln in enumerate(lines):
        if ln.box and ln.text.strip():
            by_page.setdefault(ln.page, []).append(i)
    candidates: list[int] = []
    for members in by_page.values():
        ordered = sorted(members, key=lambda i: lines[i].box[1])
        for end in (ordered[:2], ordered[::-1][:2]):
            first = end[0]
            if len(end) < 2 or _words(lines[first].text) > 14 or starts_with_raised(lines[first]):
                continue
            gap = abs(lines[end[1]].box[1] - lines[first].box[1])
            if gap > 1.4 * (lines[first].size or 10):  # set apart from the text block
                candidates.append(first)
    shapes = Counter(re.sub(r"\d+", "#", lines[i].text.strip().lower()) for i in candidates)
    return {i for i in candidates if _PAGE_NUMBER.match(lines[i].text) or _EDGE_NUMBER.search(lines[i].text)
            or (pages > 1 and shapes[re.sub(r"\d+", "#", lines[i].text.strip().lower())] >= 2)}


def _overlaps(a, b) -> bool:
    return a.box[0] < b.box[2] and b.box[0] < a.box[2]


def foot_blocks(lines, labels: list[str | None], size: float) -> list[list[int]]:
    """Runs of small-type lines with no body-type line below them on their page and column."""
    lowest: dict[int, list] = {}
    for i, ln in enumerate(lines):
        if ln.box and labels[i] is None and ln.size and ln.size >= SMALL * size:
            lowest.setdefault(ln.page, []).append(ln)
    blocks: list[list[int]] = []
    for i, ln in enumerate(lines):
        if not ln.box or labels[i] is not None or not ln.text.strip():
            continue
        small = ln.size and ln.size < SMALL * size
        at_foot = small and not any(b.box[1] > ln.box[1] and _overlaps(b, ln) for b in lowest.get(ln.page, []))
        if at_foot:
            if blocks and blocks[-1][-1] == _previous(lines, i) and lines[blocks[-1][-1]].page == ln.page:
                blocks[-1].append(i)
            else:
                blocks.append([i])
    return blocks


def _previous(lines, i: int) -> int:
    j = i - 1
    while j >= 0 and not lines[j].text.strip():
        j -= 1
    return j


def front_matter(lines, labels: list[str | None]) -> None:
    """Authors and affiliations on the first page: lines whose raised numbers follow names, and
    the lines opened by those numbers (with their continuation lines) below them."""
    page_one = [i for i, ln in enumerate(lines) if ln.page == 1 and ln.text.strip() and labels[i] is None]
    numbers: set[str] = set()
    bylines: list[int] = []
    for i in page_one[:30]:
        ln = lines[i]
        marks = [mark for mark in _raised_texts(ln) if mark.isdigit() or mark in _SYMBOLS]
        if marks and not starts_with_raised(ln) and _names_before_marks(ln):
            bylines.append(i)
            numbers.update(marks)
    if not numbers:
        return
    expected = max((int(n) for n in numbers if n.isdigit()), default=0)
    seen = 0
    for i in bylines:
        labels[i] = BYLINE
    for i in page_one:
        if i <= bylines[0] or labels[i] is not None:
            continue
        ln = lines[i]
        opening = re.match(r"^\s*(\d{1,2}|[*†‡∗])\s*", ln.text)
        if opening and opening.group(1) in numbers:
            labels[i] = AFFILIATION
            seen = int(opening.group(1)) if opening.group(1).isdigit() else seen
        elif seen and seen < expected and _words(ln.text) <= 12:
            labels[i] = AFFILIATION  # an affiliation that runs over a line
        elif seen:
            break


def title_block(lines, labels: list[str | None], size: float) -> None:
    """The title printed at the top of the first page (type larger than the body's) and the
    short lines of names and places right below it, before the text begins."""
    seen_title = seen_byline = False
    for i, ln in enumerate(lines):
        if ln.page != 1:
            break
        text = ln.text.strip()
        if not text or labels[i] == FURNITURE:
            continue
        if labels[i] in (BYLINE, AFFILIATION):
            seen_byline = True
            continue
        if labels[i] is None and ln.size and ln.size >= 1.15 * size and not seen_byline:
            labels[i], seen_title = TITLE, True
        elif labels[i] is None and seen_title and _byline_like(text):
            labels[i], seen_byline = BYLINE, True
        else:
            break


def _byline_like(text: str) -> bool:
    """A short line of capitalised words without a full stop: a name, an institution, a place."""
    words = re.findall(r"[^\W\d_]+", text)
    return (0 < len(words) <= 10 and not text.endswith(".")
            and sum(w[0].isupper() for w in words) >= len(words) - max(1, len(words) // 3))


def _raised_texts(line) -> list[str]:
    offset = line.start
    return [line.text[a - offset:b - offset].strip() for a, b in line.raised]


def _names_before_marks(line) -> bool:
    """Raised marks that follow capitalised names ("Forner1, Anselmo Peñas2"), most of them (a
    name broken at the line end, "Ro-" + "cha9", leaves one after a small letter)."""
    offset = line.start
    named = sum(bool(re.search(r"[A-ZÀ-Þ][\w’'.-]*\s*$", line.text[:a - offset])) for a, _ in line.raised)
    return named > len(line.raised) / 2


def captions_and_figures(lines, labels: list[str | None], size: float) -> None:
    """Captions ("Figure 1. ...", "Table 2: ..."), lettering inside figures, and table rows."""
    i = 0
    while i < len(lines):
        ln = lines[i]
        if labels[i] is not None or not ln.text.strip():
            i += 1
            continue
        caption = _CAPTION.match(ln.text)
        if caption:
            kind = TABLE if caption.group(1).lower().startswith("tab") else FIGURE
            labels[i] = kind
            j = i + 1
            while j < len(lines) and labels[j] is None and lines[j].text.strip() and _continues_caption(lines[j - 1], lines[j]):
                labels[j] = kind
                j += 1
            i = j
            continue
        if ln.size and ln.size < FIGURE_TYPE * size:
            labels[i] = FIGURE
        elif ln.cells >= 3 and _neighbour_cells(lines, i) >= 3:
            labels[i] = TABLE
        i += 1


def _continues_caption(previous, line) -> bool:
    """A caption goes on in the same type, close below, until a line stands apart."""
    if not previous.box or not line.box or previous.page != line.page:
        return False
    return abs((line.size or 0) - (previous.size or 0)) < 0.3 and 0 <= line.box[1] - previous.box[3] < 0.6 * (line.size or 10)


def _neighbour_cells(lines, i: int) -> int:
    """The most cells of the lines just above and below (table rows come in company)."""
    near = [lines[j].cells for j in (i - 1, i + 1) if 0 <= j < len(lines) and lines[j].text.strip()]
    return max(near, default=0)


def label(lines, pages: int) -> list[str]:
    """A label per line of a PDF read with positions: body, note, furniture, title, byline,
    affiliation, figure, table or references."""
    size = body_size(lines) or 10.0
    labels: list[str | None] = [None] * len(lines)
    for i in edges(lines, pages):
        labels[i] = FURNITURE
    front_matter(lines, labels)
    title_block(lines, labels, size)
    _sections(lines, labels, size)
    blocks = foot_blocks(lines, labels, size)
    raised_notes = any(starts_with_raised(lines[i]) for b in blocks for i in b)
    previous_page = None
    for block in blocks:
        opener = starts_with_raised if raised_notes else (lambda ln: bool(_MARKER_START.match(ln.text)))
        page = lines[block[0]].page
        # a block with no number of its own is a note run over from the page before, or furniture
        note = any(opener(lines[i]) for i in block) or previous_page is not None and page == previous_page + 1
        for i in block:
            labels[i] = NOTE if note else FURNITURE
        previous_page = page if note else None
    captions_and_figures(lines, labels, size)
    return [lab or BODY for lab in labels]


def _sections(lines, labels: list[str | None], size: float) -> None:
    """Endnotes under a "Notes" heading are notes; a list of works under "References" is kept
    apart from the body (its numbered entries are not footnotes)."""
    data = load("layout")
    notes_headings = set(data["notes_headings"][:3])
    reference_headings = set(data["notes_headings"][3:])
    state = None
    for i, ln in enumerate(lines):
        text = ln.text.strip()
        if not text or labels[i] is not None:
            continue
        heading = re.sub(r"^\d+(\.\d+)*\.?\s+", "", text).lower().rstrip(":")
        if heading in notes_headings:
            state = NOTE
        elif heading in reference_headings:
            state = REFERENCES
        elif state and ln.size and ln.size > size * 1.05 and _words(text) < 10:
            state = None  # the next section's heading
        elif state:
            labels[i] = state


def opens_note(lines, labels: list[str]) -> list[bool | None]:
    """For each line, whether it opens a footnote (a raised number at its start) where the page
    shows that; None where it cannot tell and the note's wording must decide."""
    raised_notes = any(lab == NOTE and starts_with_raised(ln) for ln, lab in zip(lines, labels))
    if not raised_notes:
        return [None] * len(lines)
    return [starts_with_raised(ln) if lab == NOTE else None for ln, lab in zip(lines, labels)]
