"""Typeset the test PDFs from scripts/pdf-essay.txt with LaTeX, with the truth kept beside each.

Builds, in tests/fixtures/pdfs/ (or the folder given):
  essay-one-column.pdf   A5, running head at the top, page number at the foot, footnotes,
                         a heading set bold by printing every glyph twice;
  essay-two-column.pdf   A4 in two columns, two authors with superscript affiliation numbers,
                         running head with the page number, footnotes at the foot of each column;
  essay-scanned.pdf      the first two pages of the one-column PDF rendered to slightly tilted,
                         noisy greyscale images: a PDF with no text layer, as a scanner makes;
and for each a .truth.json: the title, running head, the words of the body in order, the
headings, the notes (marker, text, the word the marker follows) and the affiliation lines.

The essay is the project's own text. Usage: python scripts/make_test_pdfs.py [FOLDER]
(needs pdflatex from Debian's texlive-latex-base and texlive-latex-recommended, and pypdfium2).
"""
from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "pdf-essay.txt"
TARGET = HERE.parent / "tests" / "fixtures" / "pdfs"
RUNNING_HEAD = "The Grain Ledgers of Port Halvard"
CO_AUTHOR = ("Tomas Berg", "Department of History, University of Tromso")
FAKE_BOLD_HEADING = 1  # which heading (counting from 0) is printed with every glyph doubled
SCANNED_PAGES = 2
NOTE = re.compile(r"\[\^(\d+)\]")


def parse(text: str) -> dict:
    """Title, author, affiliation, the body as (heading or paragraph) blocks, and the notes."""
    head, notes = text.split("\nNOTES\n")
    lines = head.strip().splitlines()
    blocks = [("heading" if not line.rstrip().endswith(".") and len(line) < 60 else "paragraph", line.strip())
              for line in lines[3:]]
    found = dict(re.findall(r"^\[\^(\d+)\]: (.+)$", notes, re.M))
    return {"title": lines[0], "author": lines[1], "affiliation": lines[2], "blocks": blocks, "notes": found}


def words(text: str) -> list[str]:
    """The words of a text as the scorer counts them (letters and digits, apostrophes unified)."""
    return re.findall(r"\w+", text.replace("’", "'"))


def truth(essay: dict, affiliations: list[str]) -> dict:
    """What a reader of the PDF should get back."""
    body = " ".join(NOTE.sub("", text) for _, text in essay["blocks"])
    notes = []
    for _, text in essay["blocks"]:
        for m in NOTE.finditer(text):
            before = words(text[:m.start()])
            notes.append({"marker": m.group(1), "text": essay["notes"][m.group(1)], "after": before[-1]})
    return {"title": essay["title"], "running_head": RUNNING_HEAD, "body_words": words(body),
            "headings": [t for kind, t in essay["blocks"] if kind == "heading"],
            "paragraphs": [NOTE.sub("", t) for kind, t in essay["blocks"] if kind == "paragraph"],
            "notes": notes, "affiliations": affiliations}


def latex_escape(text: str) -> str:
    return text.replace("&", r"\&").replace("%", r"\%").replace("$", r"\$").replace("#", r"\#")


def overprinted(text: str) -> str:
    """Every glyph printed twice, the second a hair to the right: bold as cheap typesetters fake it."""
    return "".join(r"\rlap{%s}\kern0.35pt %s" % (ch, ch) if not ch.isspace() else " " for ch in text)


def body_tex(essay: dict) -> str:
    parts = []
    headings = 0
    for kind, text in essay["blocks"]:
        if kind == "heading":
            shown = overprinted(text) if headings == FAKE_BOLD_HEADING else latex_escape(text)
            parts.append(r"\section*{%s}" % shown)
            headings += 1
        else:
            parts.append(NOTE.sub(lambda m: r"\footnote{%s}" % latex_escape(essay["notes"][m.group(1)]),
                                  latex_escape(text)) + "\n")
    return "\n".join(parts)


PREAMBLE = r"""\documentclass[%(options)s]{article}
\input{glyphtounicode}\pdfgentounicode=1
\usepackage[%(geometry)s]{geometry}
\pdfinfo{/Title (%(title)s) /Author (%(authors)s)}
\makeatletter
%(pagestyle)s
\makeatother
\begin{document}
"""


def one_column(essay: dict) -> str:
    style = (r"\def\ps@essay{\def\@oddhead{\small\itshape %s\hfil}\def\@oddfoot{\hfil\small\thepage\hfil}"
             r"\let\@evenhead\@oddhead\let\@evenfoot\@oddfoot}\pagestyle{essay}" % RUNNING_HEAD)
    return (PREAMBLE % {"options": "10pt,a5paper", "geometry": "margin=16mm,top=20mm,bottom=22mm",
                        "title": essay["title"], "authors": essay["author"], "pagestyle": style}
            + r"\title{%s}\author{%s\\ \small %s}\date{}\maketitle\thispagestyle{essay}" % (
                essay["title"], essay["author"], essay["affiliation"])
            + "\n" + body_tex(essay) + r"\end{document}")


def two_column(essay: dict) -> str:
    style = r"\pagestyle{myheadings}\markright{%s}" % RUNNING_HEAD
    authors = r"%s\textsuperscript{1} and %s\textsuperscript{2}" % (essay["author"], CO_AUTHOR[0])
    affiliations = r"\textsuperscript{1}%s\\ \textsuperscript{2}%s" % (essay["affiliation"], CO_AUTHOR[1])
    return (PREAMBLE % {"options": "10pt,a4paper,twocolumn", "geometry": "margin=20mm",
                        "title": essay["title"], "authors": essay["author"] + "; " + CO_AUTHOR[0], "pagestyle": style}
            + r"\twocolumn[\begin{center}{\LARGE %s\par}\vspace{1em}{\large %s\par}\vspace{0.5em}"
              r"{\small %s\par}\vspace{1.5em}\end{center}]\thispagestyle{myheadings}" % (
                  essay["title"], authors, affiliations)
            + "\n" + body_tex(essay) + r"\end{document}")


def long_one_column(essay: dict, copies: int) -> str:
    """The one-column essay printed `copies` times over, as chapters: a book-length PDF for the
    throughput bench (60 copies make about 300 pages)."""
    document = one_column(essay)
    head, body = document.split(r"\maketitle", 1)
    body = body.replace(r"\end{document}", "")
    chapters = "".join(r"\clearpage\section*{Chapter %d}" % (n + 1) + body for n in range(copies))
    return head + r"\maketitle" + chapters + r"\end{document}"


def typeset(tex: str, target: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "essay.tex").write_text(tex, encoding="utf-8")
        for _ in range(2):
            subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "essay.tex"], cwd=tmp,
                           check=True, stdout=subprocess.DEVNULL)
        shutil.copy(Path(tmp) / "essay.pdf", target)


def scan(source: Path, target: Path, pages: int, dpi: int = 200) -> None:
    """Render pages to greyscale images, tilt them a little, add speckle, and save an image-only PDF."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    rng = random.Random(1847)
    pdf = pdfium.PdfDocument(source)
    images = []
    for i in range(min(pages, len(pdf))):
        image = pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        image = image.rotate(rng.uniform(-0.6, 0.6), resample=Image.BICUBIC, fillcolor=255, expand=False)
        pixels = image.load()
        width, height = image.size
        for _ in range(width * height // 400):  # dust and toner specks
            pixels[rng.randrange(width), rng.randrange(height)] = rng.randrange(0, 160)
        images.append(image.filter(ImageFilter.GaussianBlur(0.5)))
    images[0].save(target, "PDF", resolution=dpi, save_all=True, append_images=images[1:])


def build(folder: Path = TARGET) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    essay = parse(SOURCE.read_text(encoding="utf-8"))
    made = []
    for name, tex, affiliations in (("essay-one-column", one_column(essay), [essay["affiliation"]]),
                                    ("essay-two-column", two_column(essay), [essay["affiliation"], CO_AUTHOR[1]])):
        pdf = folder / f"{name}.pdf"
        typeset(tex, pdf)
        (folder / f"{name}.truth.json").write_text(json.dumps(truth(essay, affiliations), indent=1) + "\n")
        made.append(pdf)
    scanned = folder / "essay-scanned.pdf"
    scan(folder / "essay-one-column.pdf", scanned, SCANNED_PAGES)
    (folder / "essay-scanned.truth.json").write_text(json.dumps(
        {**truth(essay, [essay["affiliation"]]), "born_digital": "essay-one-column.pdf", "pages": SCANNED_PAGES}, indent=1) + "\n")
    made.append(scanned)
    return made


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET):
        print(path)
