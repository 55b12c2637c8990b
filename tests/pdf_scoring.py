"""Scoring a PDF's reading against the truth kept beside a generated test PDF (used by the PDF
tests and by bench/pdf.py): words that come out whole, notes linked to their markers, and body
sentences free of anything that is not body text."""
from __future__ import annotations

import json
import re
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

from fontes.analyze import layout, notes


def words(text: str) -> list[str]:
    """Words as the truth counts them: letters and digits, apostrophes unified."""
    return re.findall(r"\w+", text.replace("’", "'"))


def load_truth(pdf: Path) -> dict:
    return json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))


def words_whole(reading: str, expected: list[str]) -> float:
    """Share of the expected words found whole (as many times) in the reading."""
    found = Counter(words(reading))
    wanted = Counter(expected)
    return sum(min(n, found[w]) for w, n in wanted.items()) / sum(wanted.values())


def _flat(text: str) -> str:
    """A note's text on one line, words broken at line ends joined, apostrophes unified."""
    return " ".join(re.sub(r"(?<=[a-z])-\s*\n\s*(?=[a-z])", "", text).replace("’", "'").split())


def notes_linked(doc, truth: dict, wanted: list[dict] | None = None, alike: float = 1.0) -> tuple[float, list[str]]:
    """Share of the true notes found with the right marker, the right text (or, for OCR, text at
    least `alike` similar) and an anchor after the right word; and a line for each miss."""
    pages = layout.run(doc)
    found = {n.marker: n for n in notes.run(doc.text, pages)}
    misses = []
    wanted = truth["notes"] if wanted is None else wanted
    for note in wanted:
        got = found.get(note["marker"])
        if got is None:
            misses.append(f"note {note['marker']}: not found")
            continue
        text = _flat(doc.text[got.start:got.end])
        text = re.sub(r"^\d{1,3}\s*", "", text)
        if _flat(note["text"]) != text and SequenceMatcher(None, _flat(note["text"]), text).ratio() < alike:
            misses.append(f"note {note['marker']}: text {text!r}")
            continue
        if not any(words(doc.text[:a])[-1:] == [note["after"]] for a, _ in got.anchors):
            misses.append(f"note {note['marker']}: anchors {[doc.text[a - 12:b] for a, b in got.anchors]}")
            continue
    return 1 - len(misses) / len(wanted), misses


def intruded_sentences(sentences: list[str], truth: dict) -> list[str]:
    """Body sentences whose words are not a stretch of the essay's own words (a running head,
    a page number or a note inside them)."""
    body = " " + " ".join(words(" ".join(truth["paragraphs"] + truth["headings"]))) + " "
    heads = {" ".join(words(h)) for h in truth["headings"] + [truth["title"]] + truth.get("affiliations", [])}
    bad = []
    for sentence in sentences:
        flat = " ".join(words(sentence))
        if flat and f" {flat} " not in body and not any(flat.startswith(h) or h.startswith(flat) for h in heads):
            bad.append(sentence)
    return bad


def word_accuracy(read: list[str], reference: list[str]) -> float:
    """Share of the reference words that the reading has in the same order (OCR word accuracy,
    from the longest common subsequence of the two word sequences)."""
    matcher = SequenceMatcher(None, reference, read, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(1, len(reference))


def notes_on_pages(doc, truth: dict, pages: int) -> list[dict]:
    """The true notes whose text is printed on the first `pages` pages of a reading of the PDF."""
    end = doc.pages[pages - 1][1]
    flat = _flat(doc.text[:end])
    return [n for n in truth["notes"] if _flat(n["text"])[:30] in flat]
