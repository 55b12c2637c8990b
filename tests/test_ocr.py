"""Scanned PDFs: pages without a text layer are read by OCR (OCRmyPDF and Tesseract), with a
confidence per page, their footnotes linked to markers read again from the image."""
from __future__ import annotations

import json
import re

import pytest

from conftest import FIXTURES
from fontes.analyze import layout, notes
from fontes.ingest import load_bytes, ocr, read_document
from pdf_scoring import load_truth, notes_linked, notes_on_pages, word_accuracy, words

SCANNED = FIXTURES / "pdfs" / "essay-scanned.pdf"
BORN_DIGITAL = FIXTURES / "pdfs" / "essay-one-column.pdf"

pytestmark = pytest.mark.skipif(not ocr.available(), reason="OCR needs ocrmypdf and tesseract-ocr (scripts/setup.sh)")


@pytest.fixture(scope="module")
def scanned():
    return read_document(SCANNED, load_bytes(SCANNED))


@pytest.fixture(scope="module")
def born_digital():
    return read_document(BORN_DIGITAL, load_bytes(BORN_DIGITAL))


def test_a_scan_is_read_by_ocr_with_a_confidence_per_page(scanned):
    assert scanned.meta["ocr"]["pages"] == [1, 2]
    assert all(60 <= c <= 100 for c in scanned.meta["ocr"]["confidence"].values())


def test_ocr_reads_at_least_95_percent_of_the_words(scanned, born_digital):
    pages = load_truth(SCANNED)["pages"]
    reference = words(born_digital.text[:born_digital.pages[pages - 1][1]])
    assert word_accuracy(words(scanned.text), reference) >= 0.95


def test_notes_of_a_scan_are_linked_to_their_markers(scanned, born_digital):
    truth = load_truth(SCANNED)
    wanted = notes_on_pages(born_digital, truth, truth["pages"])
    assert len(wanted) >= 4
    score, misses = notes_linked(scanned, truth, wanted, alike=0.9)
    assert score >= 0.9, misses


def test_running_head_of_a_scan_is_furniture_and_offsets_hold(scanned):
    pages = layout.run(scanned)
    furniture = [scanned.text[r.start:r.end] for r in pages.regions if r.kind == "furniture"]
    assert sum("Grain Ledgers of Port Halvard" in f for f in furniture) == 2
    for note in notes.run(scanned.text, pages):
        assert scanned.text[note.start:note.end] == note.text


def test_docs_says_which_documents_were_read_by_ocr(run_cli, tmp_path):
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "scan.pdf").write_bytes(SCANNED.read_bytes())
    assert run_cli("ingest", str(folder)).exit_code == 0
    listing = run_cli("docs").output
    assert re.search(r"OCR \(2 p\., \d\d%\)", listing), listing
    row = json.loads(run_cli("docs", "--json").output)["documents"][0]
    assert row["ocr"]["pages"] == [1, 2]


def test_a_scanned_page_read_again_gives_its_text_and_boxes_inside_the_page(scanned):
    from fontes.ingest.pdf_page import read_page, span_boxes

    start, end = scanned.pages[1]
    page = read_page(load_bytes(SCANNED), 2, scanned=True)
    assert page.text == scanned.text[start:end]
    word = re.search(r"[A-Za-z]{6,}", page.text)
    boxes = span_boxes(page, word.start(), word.end())
    assert len(boxes) == 1
    left, top, right, bottom = boxes[0]
    assert 0 <= left < right <= page.width and 0 <= top < bottom <= page.height
