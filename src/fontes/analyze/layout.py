"""Layout: tell body text from notes and page furniture, and build the repaired reading of each.

PDF extraction leaves running headers, page numbers and footnote bodies in the middle of body
sentences, and drops hyphens at line ends. This stage labels every line (body, note, furniture),
then joins body lines into a `View` that reads as the author wrote it; notes get a view of their own.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from ..lexicon import load
from ..model import Document, Region
from . import endnotes, page_layout
from .view import View

BODY, NOTE, FURNITURE = "body", "note", "furniture"
_NUMBER_LINE = re.compile(r"^\s*\d{1,3}\s*$")
_URL_LINE = re.compile(r"^\s*(https?://)?(www\.)?[\w-]+(\.[\w-]+)+(/\S*)?\s*$")
_RULE_LINE = re.compile(r"^\s*[*_=\-–—·•~#]{3,}\s*$")
_PUBLISHER = re.compile(r"\([^()]*: [^()]*,? \d{4}\)")
_BRACKET_NOTE = re.compile(r"^\s*(?:[-*•]\s+)?\[\d{1,3}\]\s")
_NUMBERED_NOTE = re.compile(r"^\s*\d{1,3}[.)]?\s+[\"“‘A-Z]")
_MARKDOWN = re.compile(r"^#{1,6}\s|\*\*|__|(?<!\w)[*_`](?=\S)|(?<=\S)[*_`](?!\w)|^\s*[-*+]\s|^>\s?", re.M)
_SENTENCE_END = ('.', '!', '?', ':', '”', '"', '’')


@dataclass
class PhysicalLine:
    start: int
    end: int
    text: str
    size: float | None = None
    page: int | None = None
    box: tuple[float, float, float, float] | None = None
    raised: list[tuple[int, int]] = field(default_factory=list)
    cells: int = 1
    opens_note: bool | None = None  # a raised number opens it (True), or the page shows none (False)

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def indented(self) -> bool:
        return self.text[:1].isspace() and not self.blank


@dataclass
class Layout:
    """The labelled lines of a document and the repaired views of its body and its notes."""

    regions: list[Region]
    body: View
    notes: View
    lines: list[PhysicalLine] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)


def split_lines(doc: Document) -> list[PhysicalLine]:
    """Physical lines with offsets, carrying what the PDF reader recorded of each: type size,
    page, place on the page, raised type and table cells."""
    read = {ln.start: ln for ln in doc.lines}
    lines, pos = [], 0
    for raw in doc.text.split("\n"):
        known = read.get(pos)
        if known is None:
            lines.append(PhysicalLine(pos, pos + len(raw), raw))
        else:
            lines.append(PhysicalLine(pos, pos + len(raw), raw, known.size, known.page, known.box,
                                      known.raised, known.cells))
        pos += len(raw) + 1
    return lines


def looks_like_citation(text: str) -> bool:
    """Whether a line reads like a note or reference rather than prose."""
    stripped = text.strip()
    low = stripped.lower()
    data = load("layout")
    if _PUBLISHER.search(stripped) or any(cue in low for cue in data["citation_cues"]):
        return True
    if re.match(r"^[“\"‘][A-Z0-9]", stripped) and re.search(r"[,.]”|\d{4}", stripped):
        return True
    if re.match(r"^[A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+){0,3}, [“\"]", stripped):
        return True
    return any(re.match(rf"^[“\"]?{re.escape(form)}\b[,:]?", stripped) and "," in stripped[:40]
               for form in data["document_forms"])


def find_furniture(lines: list[PhysicalLine], doc: Document) -> set[int]:
    """Indexes of running headers/footers and page numbers.

    Seeds are lines repeated on many pages, bare URLs, and in PDFs a bare number opening or
    closing a page; a seed pulls in the short, unpunctuated lines and bare page numbers right
    around it (author name, series title).
    """
    norm = [re.sub(r"\d+", "#", ln.text.strip()) for ln in lines]
    counts = Counter(n for n in norm if n and len(n) < 80)
    repeats = 2 if len(doc.pages) >= 2 else 3
    seeds = {i for i, n in enumerate(norm)
             if n and (counts[n] >= repeats and n != "#" and len(n) < 80 and not looks_like_citation(n)
                       or _is_bare_url_line(lines, i))}
    edges = {s for s, _ in doc.pages} | {e - 2 for _, e in doc.pages}
    seeds |= {i for i, ln in enumerate(lines) if _NUMBER_LINE.match(ln.text) and
              (ln.start in edges or ln.end + 1 in edges or ln.end in edges)}
    furniture = set(seeds)
    for seed in seeds:
        for step in (-1, 1):
            i, budget = seed + step, 4
            while 0 <= i < len(lines) and budget > 0:
                text = lines[i].text.strip()
                if not text:
                    i += step
                    continue
                if _NUMBER_LINE.match(text) or (len(text) < 70 and not text.endswith(_SENTENCE_END + (",",))
                                                 and not lines[i].indented and _is_heading_like(text)):
                    furniture.add(i)
                    i, budget = i + step, budget - 1
                    continue
                break
    return furniture


def _is_bare_url_line(lines: list[PhysicalLine], i: int) -> bool:
    """A URL standing alone as a header/footer, not the end of a note ("accessible at\nhttp://...")."""
    text = lines[i].text.strip()
    if not _URL_LINE.match(text) or text.endswith((".", ",", ";")):
        return False
    before = next((ln.text.strip() for ln in reversed(lines[:i]) if not ln.blank), "")
    return not before or bool(_NUMBER_LINE.match(before)) or before.endswith(_SENTENCE_END)


def _is_heading_like(text: str) -> bool:
    """Short title-case text such as an author's name or a series line."""
    words = re.findall(r"[A-Za-z]+", text)
    return bool(words) and sum(w[0].isupper() for w in words) >= max(1, len(words) - 1)


def body_font_size(lines: list[PhysicalLine]) -> float | None:
    """The font size that most characters are set in: the size of body text."""
    weighted = Counter()
    for ln in lines:
        if ln.size:
            weighted[ln.size] += len(ln.text)
    return weighted.most_common(1)[0][0] if weighted else None


def label_lines(doc: Document, lines: list[PhysicalLine]) -> list[str]:
    """A region label per line: body, note or furniture."""
    if doc.format == "html":
        return [NOTE if _BRACKET_NOTE.match(ln.text) else BODY for ln in lines]
    if any(ln.box for ln in lines):
        labels = page_layout.label(lines, len(doc.pages))
        for ln, opens in zip(lines, page_layout.opens_note(lines, labels)):
            ln.opens_note = opens
        return labels
    furniture = find_furniture(lines, doc)
    body_size = body_font_size(lines)
    headings = set(load("layout")["notes_headings"])
    labels: list[str] = []
    state, after_break = BODY, False
    for i, ln in enumerate(lines):
        text = ln.text.strip()
        if i in furniture or _RULE_LINE.match(ln.text):
            labels.append(FURNITURE)
            state, after_break = (BODY if i in furniture else state), True
            continue
        if not text:
            labels.append(state)
            continue
        if body_size and ln.size:
            state = NOTE if ln.size < 0.9 * body_size and not _NUMBER_LINE.match(text) or (
                _NUMBER_LINE.match(text) and ln.size < body_size) else BODY
        elif text.lower().rstrip(":") in headings:
            state = NOTE
        elif _NUMBER_LINE.match(text):
            state = NOTE
        elif ln.indented or after_break:
            first = text[0]
            state = BODY if first.islower() or first == "[" or not looks_like_citation(text) else NOTE
        elif _BRACKET_NOTE.match(text):
            state = NOTE
        elif state == BODY and (_NUMBERED_NOTE.match(text) and looks_like_citation(text)
                                or text.lower().startswith(("ibid", "op. cit"))):
            state = NOTE
        labels.append(state)
        after_break = False
    return labels


def regions_of(lines: list[PhysicalLine], labels: list[str]) -> list[Region]:
    """Merge runs of same-labelled lines into regions (blank lines go with the run they sit in)."""
    regions: list[Region] = []
    for ln, label in zip(lines, labels):
        if ln.blank:
            continue
        if regions and regions[-1].kind == label:
            regions[-1].end = ln.end
        else:
            regions.append(Region(label, ln.start, ln.end))
    return regions


def build_view(source: str, lines: list[PhysicalLine], labels: list[str], want: str, hard_wrapped: bool,
               markers: tuple[tuple[int, int], ...] = ()) -> View:
    """Join the lines labelled `want` into one reading, repairing what extraction broke.

    A blank line ends a paragraph, unless what follows it (after a note or page header lifted
    out of the way) plainly continues the sentence: "...an area of almost 10,000" + "square meters"."""
    view = View()
    typical = statistics.median([len(ln.text) for ln in lines if not ln.blank] or [0])
    # where the PDF prints raised type, its raised numbers are the markers; where it prints none
    # (markers set inline, or plain text), numbers glued to words are
    raised_known = any(ln.raised for ln, label in zip(lines, labels) if label == BODY)
    prev: PhysicalLine | None = None
    gap = pending_break = False
    for ln, label in zip(lines, labels):
        if label != want:
            gap = gap or not ln.blank
            continue
        if ln.blank:
            pending_break = prev is not None
            continue
        head = ln.text.lstrip()
        if prev is not None:
            continues = (gap and (head[:1].islower() or head[:1] == "[")) or \
                (want == NOTE and _NUMBER_LINE.match(prev.text))
            if pending_break and not continues:
                view.insert("\n", ln.start)
            else:
                _join(view, prev, ln, gap, typical, hard_wrapped, want)
        _copy_repaired(view, source, ln.end - len(head), ln.end, want == BODY, markers,
                       _raised_markers(source, ln, raised_known))
        prev, gap, pending_break = ln, False, False
    return view


def _join(view: View, prev: PhysicalLine, line: PhysicalLine, gap: bool, typical: float,
          hard_wrapped: bool, want: str) -> None:
    """Put the right separator between two lines of the same region."""
    tail = prev.text.rstrip()
    head = line.text.lstrip()
    paragraph_end = (len(tail) < 0.6 * typical) or not hard_wrapped
    if view.text.endswith("\n"):
        return
    if want == NOTE and _NUMBER_LINE.match(tail):
        view.insert(" ", line.start)
        return
    if want == NOTE and (_NUMBER_LINE.match(head) or (head[:1] in "“\"" and tail.endswith("."))):
        view.insert("\n", line.start)
        return
    if tail.endswith("-") and head[:1].islower() and not gap and hard_wrapped:
        _drop_last(view)  # a word hyphenated across the line end: "inter-" + "national"
        return
    if paragraph_end and not gap:
        view.insert("\n", prev.end)
    else:
        view.insert(" ", line.start)


def _drop_last(view: View) -> None:
    text = view.text
    view.parts = [text[:-1]]
    view._text = None
    view.origin.pop()


_JOINED_FORMS = None
# A note number glued to the word or punctuation it follows ("system.1 ", "Americans.”23"), or
# standing after a sentence's end at the end of a line ("volunteer force. 8").
_GLUED_MARKER = re.compile(r"(?:(?<=[A-Za-z][.,;:!?”\"’)])|(?<=[.,!?][”\"’])|(?<=[A-Za-z]”[.,])|(?<=\b\d{4}[.,]))\d{1,3}(?=\s|$)"
                           r"|(?<=\S)\[\d{1,3}\]"
                           r"|(?<=[a-z0-9][.!?] )\d{1,3}\s*$|(?<=[.!?][”\"’] )\d{1,3}\s*$")
_JOINED_YEARS = re.compile(r"\b(1[5-9]\d\d|20\d\d)(1[5-9]\d\d|20\d\d)\b")


def _joined_forms() -> re.Pattern[str]:
    global _JOINED_FORMS
    if _JOINED_FORMS is None:
        forms = "|".join(load("layout")["combining_forms"])
        _JOINED_FORMS = re.compile(rf"\b({forms})(?=[A-Z][a-z])")
    return _JOINED_FORMS


def _raised_markers(source: str, line: PhysicalLine, known: bool) -> list[tuple[int, int]] | None:
    """Note markers a PDF prints raised in a line: raised numbers (or *, †) after a word or a
    stop, not inside a number ("10³"); None where the document shows no raised type."""
    if not known:
        return None
    found = []
    for a, b in line.raised:
        mark = source[a:b]
        before = source[line.start:a]
        if (re.fullmatch(r"\d{1,3}|[*†‡∗]", mark) and before.strip()
                and not re.search(r"[\d^+−-]$", before) and not source[b:b + 1].isalpha()):
            found.append((a, b))
    return found


def _copy_repaired(view: View, source: str, start: int, end: int, drop_markers: bool,
                   markers: tuple[tuple[int, int], ...] = (), raised: list[tuple[int, int]] | None = None) -> None:
    """Copy a line, restoring hyphens lost at line ends ("SinoSoviet", "19541975") and, in body
    text, leaving out note markers, which are anchors rather than words: those the PDF prints
    raised where it shows them, else numbers glued to words (`markers`: those the endnotes found,
    "Laird1", beside those the line's own punctuation shows)."""
    pos = start
    segment = source[start:end]
    repairs = [(m.end(), m.end(), "-") for m in _joined_forms().finditer(segment)]
    repairs += [(m.start(2), m.start(2), "-") for m in _JOINED_YEARS.finditer(segment) if m.group(1) < m.group(2)]
    if drop_markers and raised is not None:
        repairs += [(a - start, b - start, "") for a, b in raised if start <= a < end]
    elif drop_markers:
        repairs += [(m.start(), m.end(), "") for m in _GLUED_MARKER.finditer(segment)]
        seen = {cut for cut, _, _ in repairs}
        repairs += [(s - start, e - start, "") for s, e in markers if start <= s < end and s - start not in seen]
    for cut_start, cut_end, text in sorted(repairs):
        view.copy(source, pos, start + cut_start)
        view.insert(text, start + cut_start)
        if cut_end > cut_start and not text:
            view.leave_out(start + cut_start, start + cut_start + len(source[start + cut_start:start + cut_end].rstrip()))
        pos = start + cut_end
    view.copy(source, pos, end)


def is_hard_wrapped(doc: Document, lines: list[PhysicalLine]) -> bool:
    """PDF text and text files wrapped at a fixed width: single newlines are not paragraph ends.

    In wrapped text most full-length lines break in mid-sentence; where each line is a
    paragraph, nearly all of them end with a full stop."""
    if doc.format == "pdf":
        return True
    if doc.format == "html":
        return False
    long_lines = [ln.text.rstrip() for ln in lines if len(ln.text.strip()) >= 40]
    if len(long_lines) < 3:
        return False
    mid_sentence = sum(not text.endswith(_SENTENCE_END) for text in long_lines)
    return mid_sentence / len(long_lines) >= 0.5


def with_endnotes(doc: Document, lines: list[PhysicalLine], labels: list[str]) -> tuple[tuple[int, int], ...]:
    """Where the document ends with a block of endnotes whose markers the body calls in order (an
    edition's document, a web page's notes), that block is the notes and all before it the body
    (page furniture kept); relabels in place and returns the markers' spans."""
    if any(ln.raised for ln in lines):
        return ()  # a PDF that prints raised type: its markers and footnotes are read from the page
    found = endnotes.find(doc.text, [(ln.start, ln.end) for ln in lines])
    if found is None:
        return ()
    for i in range(len(lines)):
        if labels[i] in (BODY, NOTE):  # furniture, bylines, captions and tables stay what the page shows
            labels[i] = NOTE if i >= found.first_line else BODY
    return tuple((s, e) for _, s, e in found.markers)


def run(doc: Document) -> Layout:
    """Label the lines of a document and build its body and notes views."""
    lines = split_lines(doc)
    labels = label_lines(doc, lines)
    markers = with_endnotes(doc, lines, labels)
    wrapped = is_hard_wrapped(doc, lines)
    # Markdown markup is blanked out of the reading (same length, so offsets do not move).
    source = _MARKDOWN.sub(lambda m: " " * len(m.group()), doc.text) if doc.format == "markdown" else doc.text
    if NOTE not in labels and FURNITURE not in labels and (doc.format == "html" or not wrapped):
        return Layout([Region(BODY, 0, len(doc.text))], View.masked(source), View())
    return Layout(regions_of(lines, labels), build_view(source, lines, labels, BODY, wrapped, markers),
                  build_view(source, lines, labels, NOTE, wrapped), lines, labels)
