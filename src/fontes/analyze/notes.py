"""Notes: cut the note text of a document into numbered notes, infer numbers the extraction
lost, and link each note to the markers in the body that call it.

A note starts at a printed number ("17" on its own line, or "3 Central Archive ..."), at a new
block of note text, or where one reference ends and another opens with a quoted title. Notes
whose number was lost take the next number in sequence, checked against the numbers printed
around them.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..model import Note
from . import source_notes
from .layout import NOTE, Layout, PhysicalLine

_MARKER_LINE = re.compile(r"^\s*(\d{1,3})\s*$")
_MARKER_START = re.compile(r"^\s*(?:[-*•]\s+)?(?:\[(\d{1,3})\]|(\d{1,3})[.)]?)\s+(?=\S)")
_CITATION_OPENING = re.compile(r"^[“\"‘][A-Z0-9]|^(?:Ibid|Idem|Op\. cit)", re.IGNORECASE)
_ENDS_REFERENCE = (".", ")", "”", '"')


@dataclass
class Draft:
    marker: str | None
    lines: list[tuple[int, int]] = field(default_factory=list)
    marker_span: tuple[int, int] | None = None
    block: int = 0

    @property
    def empty(self) -> bool:
        return not self.lines


_DOCUMENT_FORM = re.compile(r"^(?:Telegram|Airgram|Cable|Memorandum|Memo|Letter|Report|Savingram|Record of "
                            r"Conversation|Minutes|Diary)\b[^,]{0,40},")
_AUTHOR_OPENING = re.compile(r"^(?!(?:Box|Folder|File|Vol|No|Fond|RG)\b)[A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+){0,3}, [“\"A-Z]")
_OPEN_ENDING = re.compile(r"(?:\b[A-Z]|\b(?:No|Vol|pp|p|Dept|St|vol|no|ed|eds|trans))\.$")


def _opens_reference(text: str) -> bool:
    """A line that begins a new reference: a quoted title, a document form, 'Author, Title', Ibid."""
    return bool(_CITATION_OPENING.match(text) or _DOCUMENT_FORM.match(text) or _AUTHOR_OPENING.match(text))


def _starts_new_note(line: PhysicalLine, previous: PhysicalLine | None, after_gap: bool, draft: Draft | None) -> bool:
    """Whether an unnumbered note line opens a new note rather than continuing the last one."""
    if draft is None:
        return True
    if draft.empty:
        return False
    text = line.text.strip()
    previous_end = previous.text.rstrip() if previous else ""
    closed = (previous_end.endswith(_ENDS_REFERENCE) or re.search(r"\d{4}[).]?$|\d+\.$", previous_end) is not None) \
        and not _OPEN_ENDING.search(previous_end)
    if (line.indented or after_gap) and not text[:1].islower() and (closed or _opens_reference(text)):
        return True
    return closed and _opens_reference(text)


def drafts(source: str, pages: Layout) -> tuple[list[Draft], list[tuple[int, int]]]:
    """Group the document's note lines into notes, in order; also the extent of each block of
    note lines (the notes at the foot of one page)."""
    found: list[Draft] = []
    blocks: list[tuple[int, int]] = []
    previous: PhysicalLine | None = None
    after_gap = False
    for line, label in zip(pages.lines, pages.labels):
        if label != NOTE:
            after_gap = after_gap or (not line.blank and previous is not None)
            continue
        if line.blank:
            continue
        if after_gap or not blocks:
            blocks.append((line.start, line.end))
        blocks[-1] = (blocks[-1][0], line.end)
        text = line.text
        number = _MARKER_LINE.match(text)
        start_marker = _MARKER_START.match(text)
        if line.opens_note is False and found:  # the page shows no raised number opening it
            found[-1].lines.append((line.start + len(text) - len(text.lstrip()), line.end))
        elif number:
            found.append(Draft(number.group(1), marker_span=(line.start + number.start(1), line.start + number.end(1)),
                               block=len(blocks) - 1))
        elif start_marker and _plausible_next(found, start_marker.group(1) or start_marker.group(2)):
            value = start_marker.group(1) or start_marker.group(2)
            group = 1 if start_marker.group(1) else 2
            draft = Draft(value, marker_span=(line.start + start_marker.start(group), line.start + start_marker.end(group)),
                          block=len(blocks) - 1)
            draft.lines.append((line.start + start_marker.end(), line.end))
            found.append(draft)
        elif _starts_new_note(line, previous, after_gap, found[-1] if found else None):
            found.append(Draft(None, [(line.start + len(text) - len(text.lstrip()), line.end)], block=len(blocks) - 1))
        else:
            found[-1].lines.append((line.start + len(text) - len(text.lstrip()), line.end))
        previous, after_gap = line, False
    return found, blocks


def _plausible_next(found: list[Draft], value: str) -> bool:
    """A number opening a note line is its marker only if it follows the numbers seen so far."""
    last = next((int(d.marker) for d in reversed(found) if d.marker), 0)
    return last < int(value) <= last + 5


def infer_markers(found: list[Draft], blocks: list[tuple[int, int]],
                  anchors: list[tuple[int, int]]) -> list[tuple[Draft, str, bool]]:
    """Number the notes that lost their number.

    A note sits at the foot of the page whose body calls it, so a lost number is the first
    marker called on the same page (between the previous block of notes and this one) that is
    higher than the note before; with no markers to go by, the next number in sequence.
    Between printed notes a and b there is room for b - a - 1 notes; unnumbered drafts beyond
    that continue the note before them and are merged into it."""
    out: list[tuple[Draft, str, bool]] = []
    for i, draft in enumerate(found):
        if draft.marker:
            out.append((draft, draft.marker, True))
            continue
        last = int(out[-1][1]) if out else 0
        upcoming = next((int(d.marker) for d in found[i + 1:] if d.marker), None)
        page_start = blocks[draft.block - 1][1] if draft.block > 0 else 0
        on_page = sorted(n for pos, n in anchors if page_start <= pos < blocks[draft.block][0]
                         and n > last and (upcoming is None or n < upcoming))
        marker = on_page[0] if on_page else last + 1
        if upcoming is not None and marker >= upcoming and out:
            out[-1][0].lines.extend(draft.lines)
            continue
        out.append((draft, str(marker), False))
    return out


def run(source: str, pages: Layout) -> list[Note]:
    """The notes of a document, with their anchors in the body and their parsed references."""
    anchors: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for start, end in pages.body.left_out:
        anchors[source[start:end].strip("[]")].append((start, end))
    notes: list[Note] = []
    previous_refs: list[tuple[str, list]] = []
    found, blocks = drafts(source, pages)
    called = [(start, int(source[start:end].strip("[]"))) for start, end in pages.body.left_out
              if source[start:end].strip("[]").isdigit()]
    for draft, marker, printed in infer_markers(found, blocks, called):
        if draft.lines:
            start, end = draft.lines[0][0], draft.lines[-1][1]
        else:
            start, end = draft.marker_span
        text = source[start:end]
        body = " ".join(source[s:e].strip() for s, e in draft.lines)
        refs = source_notes.parse_source(body, previous_refs) if draft.lines else []
        previous_refs.append((marker, refs))
        notes.append(Note(marker, start, end, text, printed, anchors.get(marker, []), refs))
    return notes
