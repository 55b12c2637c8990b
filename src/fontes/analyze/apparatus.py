"""The editors' apparatus of an edited document, which states nothing of what the source tells.

A documentary edition (FRUS and its like) wraps each source in the editors' words: a numbered
heading that titles the document, a source note that says where the original is kept, who drafted
and approved it and where the meeting it records was held, and bracketed insertions ("[Omitted
here is the table of contents.]", "[4 lines not declassified]"). Scholarly notes also point
elsewhere in the imperative ("See Document 7"). None of these is a claim of the source: every
source note of a volume says "A copy was sent to ..." of its own document, and two documents'
notes are never one event told twice. The claims stage leaves them out; an editor's note that
tells what happened ("Reference is to the attack of April 1965 ...") stays a claim.
"""
from __future__ import annotations

from ..model import Document, Note
from .source_notes import opening


def spans(doc: Document, notes: list[Note]) -> list[tuple[int, int]]:
    """The stretches of the document that are the editors' description of it: its edition heading
    (number and title) and its source note."""
    found = [(n.start, n.end) for n in notes if opening(n.text)]
    heading = doc.meta.get("edition", {}).get("heading", {})
    title = heading.get("title")
    if title:
        found.append((heading.get("number_span", (title["start"],))[0], title["end"]))
    return found


def inside(start: int, stretches: list[tuple[int, int]]) -> bool:
    """Whether a clause that begins at `start` begins within one of the stretches (its end, a note
    marker or a line's end, may lie beyond)."""
    return any(s <= start < e for s, e in stretches)


def bracketed(clause) -> bool:
    """An editors' insertion: a clause wholly inside square brackets ("[Omitted here is ...]")."""
    text = clause.text.strip().rstrip(".;:").strip()
    # the parser may leave the closing bracket to the next sentence: "[Omitted here is X." + "]"
    return text.startswith("[") and "]" not in text[1:-1]


def imperative(clause) -> bool:
    """A clause that tells the reader to do something ("See Document 7 and footnote 2"; "(1)
    Prevent hostilities"): its first word is its main verb, in the base form, with no subject."""
    words = [t for t in clause if t.is_alpha and t.dep_ != "intj"]  # "Please review ..."
    if not words:
        return False
    first = words[0]
    return first.dep_ == "ROOT" and first.tag_ == "VB" and \
        not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "aux") for c in first.children)

