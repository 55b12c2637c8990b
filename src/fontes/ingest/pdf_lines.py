"""PDF lines: glyphs into words and lines, raised small type attached to its line, columns in
reading order.

A line is cut wherever the type sits on a different baseline; a small glyph a little above (or
below) a line's baseline is a superscript (subscript) of that line — a note marker or an
affiliation number — and is kept in it, flagged as raised. Pages set in two columns are read
column by column, with what spans both (title, abstract, wide figures) in its place between.
"""
from __future__ import annotations

import bisect
import statistics
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from .pdf_glyphs import Glyph

SPACE_GAP = 0.15      # a gap this wide (share of the type size) between glyphs is a word space
SEGMENT_GAP = 0.9     # a gap this wide parts a line into pieces (columns, table cells)
SAME_BASELINE = 0.3   # baselines closer than this share of the size are one line
RAISED = (0.12, 0.75)  # a superscript's baseline sits this far above its line's (share of line size)
LOWERED = (0.08, 0.4)  # and a subscript's this far below
SMALLER = 0.95        # a superscript is set in type at most this share of its line's
_CLOSING = set(",.;:!?)]")
SHORT_RUN = 6         # and is only a few glyphs long (a marker, an affiliation number)


@dataclass
class Run:
    """Glyphs drawn one after another on one baseline."""

    glyphs: list[Glyph]
    raised: list[bool] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.raised:
            self.raised = [g.raised for g in self.glyphs]

    # Measured once, when the run is complete: superscripts folded in later do not move them.
    @cached_property
    def left(self) -> float:
        return min(g.left for g in self.glyphs)

    @cached_property
    def right(self) -> float:
        return max(g.right for g in self.glyphs)

    @cached_property
    def baseline(self) -> float:
        return statistics.median(g.baseline for g, up in zip(self.glyphs, self.raised) if not up) \
            if not all(self.raised) else self.glyphs[0].baseline

    @cached_property
    def size(self) -> float:
        sizes = [g.size for g, up in zip(self.glyphs, self.raised) if not up] or [g.size for g in self.glyphs]
        return statistics.median(sizes)


@dataclass
class PageLine:
    """One line as read: its text, the spans of raised type in it (offsets into `text`), its type
    size, its box on the page (points from the top-left), how many pieces wide gaps part it into,
    and the glyph that printed each character of `text` (None for a word space put back)."""

    text: str
    raised: list[tuple[int, int]]
    size: float
    left: float
    top: float
    right: float
    bottom: float
    cells: int = 1
    glyphs: list[Glyph | None] = field(default_factory=list)


def runs_of(glyphs: list[Glyph]) -> list[Run]:
    """Cut the glyph stream wherever the baseline moves or the pen jumps back or far ahead."""
    runs: list[Run] = []
    for glyph in glyphs:
        if runs:
            last = runs[-1].glyphs[-1]
            size = min(last.size, glyph.size)
            gap = glyph.left - last.right
            if abs(glyph.baseline - last.baseline) < 0.1 * size and -0.3 * size < gap < SEGMENT_GAP * size:
                runs[-1].glyphs.append(glyph)
                runs[-1].raised.append(glyph.raised)
                continue
        runs.append(Run([glyph]))
    return runs


def _host(small: Run, runs: list[Run], baselines: list[float], reach: float) -> tuple[Run, bool] | None:
    """The run a short run of smaller type is a superscript or subscript of, if any (`runs` sorted
    by baseline, `reach` the farthest a host's baseline can be)."""
    best, best_distance = None, None
    low = bisect.bisect_left(baselines, small.baseline - reach)
    high = bisect.bisect_right(baselines, small.baseline + reach)
    for run in runs[low:high]:
        if run is small or run.size * SMALLER < small.size or len(run.glyphs) <= len(small.glyphs) and run.size < 2 * small.size:
            continue
        rise = (run.baseline - small.baseline) / run.size
        raised = RAISED[0] <= rise <= RAISED[1]
        if not raised and not LOWERED[0] <= -rise <= LOWERED[1]:
            continue
        distance = max(run.left - small.right, small.left - run.right, 0.0)
        if distance > 0.6 * run.size:
            continue
        if best_distance is None or distance < best_distance:
            best, best_distance = (run, raised), distance
    return best


def attach_superscripts(runs: list[Run]) -> list[Run]:
    """Fold each short run of smaller type into the run it is a superscript (or subscript) of."""
    candidates = [r for r in runs if len(r.glyphs) <= SHORT_RUN]
    hosts = sorted(runs, key=lambda r: r.baseline)
    baselines = [r.baseline for r in hosts]
    reach = RAISED[1] * max(r.size for r in runs)
    absorbed: set[int] = set()
    for small in candidates:
        found = _host(small, hosts, baselines, reach)
        if found is None or id(found[0]) in absorbed:
            continue
        host, raised = found
        host.glyphs.extend(small.glyphs)
        host.raised.extend([raised] * len(small.glyphs))
        absorbed.add(id(small))
    return [r for r in runs if id(r) not in absorbed]


def rows_of(runs: list[Run]) -> list[list[Run]]:
    """Group runs on one baseline, top to bottom, and part each row at wide gaps into segments."""
    rows: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: r.baseline):
        if rows and abs(run.baseline - rows[-1][0].baseline) < SAME_BASELINE * min(run.size, rows[-1][0].size):
            rows[-1].append(run)
        else:
            rows.append([run])
    segments: list[list[Run]] = []
    for row in rows:
        row.sort(key=lambda r: r.left)
        current = [row[0]]
        for run in row[1:]:
            if run.left - current[-1].right > SEGMENT_GAP * min(run.size, current[-1].size):
                segments.append(current)
                current = [run]
            else:
                current.append(run)
        segments.append(current)
    return segments


def reading_order(segments: list[list[Run]], width: float) -> list[list[list[Run]]]:
    """Segments in reading order, those of one row and column merged into one line (a table row).

    A page is read in two columns when an empty vertical gutter near its middle has many segments
    on either side; what crosses the gutter is read in its place between the bands of columns."""
    gutter = find_gutter(segments, width)
    def top(seg: list[Run]) -> float:
        return min(r.baseline for r in seg)
    if gutter is None:
        ordered = sorted(segments, key=lambda s: (round(top(s), 1), s[0].left))
        return _merge_rows(ordered)
    spanning = sorted((s for s in segments if _left(s) < gutter < _right(s)), key=top)
    left = [s for s in segments if _right(s) <= gutter]
    right = [s for s in segments if _left(s) >= gutter]
    ordered: list[list[Run]] = []
    bounds = [float("-inf")] + [top(s) for s in spanning] + [float("inf")]
    for i in range(len(bounds) - 1):
        if i > 0:
            ordered.append(spanning[i - 1])
        for column in (left, right):
            band = [s for s in column if bounds[i] <= top(s) < bounds[i + 1]]
            ordered += sorted(band, key=lambda s: (round(top(s), 1), s[0].left))
    return _merge_rows(ordered)


def _left(seg: list[Run]) -> float:
    return min(r.left for r in seg)


def _right(seg: list[Run]) -> float:
    return max(r.right for r in seg)


def find_gutter(segments: list[list[Run]], width: float) -> float | None:
    """The x of the gap between two columns, or None on a one-column page."""
    if len(segments) < 12:
        return None
    lefts = np.array([_left(s) for s in segments])[:, None]
    rights = np.array([_right(s) for s in segments])[:, None]
    xs = np.arange(int(width * 0.3), int(width * 0.7) + 1)[None, :]
    wide = (rights - lefts) > 0.2 * width
    crossing = ((lefts < xs) & (xs < rights)).sum(0)
    before = ((rights <= xs) & wide).sum(0)
    after = ((lefts >= xs) & wide).sum(0)
    n = len(segments)
    fits = (before >= 0.25 * n) & (after >= 0.25 * n) & (crossing <= 0.15 * n)
    if not fits.any():
        return None
    scores = np.where(fits, crossing, n + 1)
    return float(xs[0, int(scores.argmin())])


def _merge_rows(ordered: list[list[Run]]) -> list[list[list[Run]]]:
    """Consecutive segments on one baseline form one line (cells of a table row)."""
    lines: list[list[list[Run]]] = []
    for seg in ordered:
        if lines:
            last = lines[-1][-1]
            size = min(seg[0].size, last[0].size)
            if abs(seg[0].baseline - last[0].baseline) < SAME_BASELINE * size and _left(seg) >= _right(last):
                lines[-1].append(seg)
                continue
        lines.append([seg])
    return lines


def line_text(pieces: list[list[Run]]) -> PageLine:
    """The text of a line: glyphs left to right, a space at each word gap and between pieces."""
    parts: list[str] = []
    printed: list[Glyph | None] = []  # one per character; a ligature's glyph once per letter
    raised: list[tuple[int, int]] = []
    length = 0
    previous: Glyph | None = None
    runs = [run for seg in pieces for run in seg]
    for index, seg in enumerate(pieces):
        items = sorted(((g, up) for run in seg for g, up in zip(run.glyphs, run.raised)), key=lambda p: p[0].left)
        for position, (glyph, up) in enumerate(items):
            # A raised number opening a line (a note's, an affiliation's) is set off from its words
            opening_mark = previous is not None and not up and len(raised) == 1 and raised[0] == (0, length)
            if previous is not None and (index and not position or opening_mark or _word_gap(previous, glyph)):
                parts.append(" ")
                printed.append(None)
                length += 1
            if up:
                if raised and raised[-1][1] == length:
                    raised[-1] = (raised[-1][0], length + len(glyph.text))
                else:
                    raised.append((length, length + len(glyph.text)))
            parts.append(glyph.text)
            printed += [glyph] * len(glyph.text)
            length += len(glyph.text)
            previous = glyph
    size = statistics.median(r.size for r in runs)
    top = min(g.top for r in runs for g in r.glyphs)
    bottom = max(g.bottom for r in runs for g in r.glyphs)
    return PageLine("".join(parts), raised, round(size, 2), min(r.left for r in runs), top,
                    max(r.right for r in runs), bottom, len(pieces), printed)


def _word_gap(previous: Glyph, glyph: Glyph) -> bool:
    """Whether a word space falls between two glyphs: PDFium saw one, or the gap is wide. After
    a superscript PDFium sees a space where the baseline drops back; punctuation there has none."""
    gap = glyph.left - previous.right
    if glyph.text in _CLOSING and gap < SPACE_GAP * glyph.size:
        return False
    return glyph.space_before or gap > SPACE_GAP * min(previous.size, glyph.size)


def page_lines(glyphs: list[Glyph], width: float) -> list[PageLine]:
    """The lines of one page in reading order."""
    if not glyphs:
        return []
    runs = attach_superscripts(runs_of(glyphs))
    return [line_text(pieces) for pieces in reading_order(rows_of(runs), width)]
