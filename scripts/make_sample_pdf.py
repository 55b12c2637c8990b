"""Build examples/review-essay.pdf from scripts/review-essay.txt.

Body text in 11 pt, notes in 8 pt at the foot of the page, a running header and page numbers,
so that the PDF reader and the layout stage meet what real scholarly PDFs contain.

Usage: python scripts/make_sample_pdf.py [OUTPUT]   (needs reportlab: pip install -e .[test])
"""
from __future__ import annotations

import sys
import textwrap
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "review-essay.txt"
TARGET = HERE.parent / "examples" / "review-essay.pdf"


def split_source(text: str) -> tuple[str, str, list[str], list[str]]:
    """Title, author, body paragraphs (one per source line group) and note lines."""
    head, notes = text.split("\nNOTES\n")
    lines = head.strip().splitlines()
    title, author, body = lines[0], lines[1], " ".join(lines[2:])
    paragraphs = [p.strip() for p in body.replace(". The number", ".\nThe number").replace(
        "1953. Markov", "1953.\nMarkov").splitlines()]
    return title, author, paragraphs, notes.strip().splitlines()


def build(target: Path = TARGET) -> Path:
    title, author, paragraphs, notes = split_source(SOURCE.read_text(encoding="utf-8"))
    canvas = Canvas(str(target), pagesize=A4, invariant=1)
    canvas.setTitle(title)
    canvas.setAuthor(author)
    width, height = A4
    left, top = 72, height - 72
    pages = [paragraphs[:2], paragraphs[2:]]
    page_notes = [notes[:3], notes[3:]]
    for number, (page_paragraphs, foot) in enumerate(zip(pages, page_notes), 1):
        canvas.setFont("Helvetica", 8)
        canvas.drawString(left, height - 40, "Counting the Invisible")
        y = top
        if number == 1:
            canvas.setFont("Helvetica-Bold", 16)
            canvas.drawString(left, y, title)
            canvas.setFont("Helvetica", 11)
            canvas.drawString(left, y - 22, author)
            y -= 52
        canvas.setFont("Helvetica", 11)
        for paragraph in page_paragraphs:
            for line in textwrap.wrap(paragraph, 88):
                canvas.drawString(left, y, line)
                y -= 15
            y -= 8
        y = 72 + 12 * len(foot)
        canvas.setFont("Helvetica", 8)
        for note in foot:
            canvas.drawString(left, y, note)
            y -= 12
        canvas.drawString(width / 2, 40, str(number))
        canvas.showPage()
    canvas.save()
    return target


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET))
