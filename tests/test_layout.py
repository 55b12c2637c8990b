"""Repair of PDF-extracted text: headers and notes leave the body, lost hyphens come back."""
from __future__ import annotations

import re

from conftest import FIXTURES, WORKING_PAPER
from fontes.analyze import layout
from fontes.ingest import load_bytes, read_document

HEADER_LINES = ("www.wilsoncenter.org/nkidp", "NKIDP Working Paper #7", "Benjamin R. Young")
NOTE_BODIES = ("For those that have tied the DPRK", "Westview Press", "accessible at http",
               "Jian Chen, Mao", "Sonia Ryang explains", "translated by Charles Kraus", "NARA II")


def read(path):
    return read_document(path, load_bytes(path))


def test_no_header_or_note_body_inside_a_body_sentence(reference_store):
    doc = next(d for d in reference_store.documents() if d["path"].endswith(WORKING_PAPER.name))
    body = reference_store.sentences(doc["id"], region="body")
    assert len(body) > 120
    for sentence in body[1:]:  # the first holds the title page lines before the first paragraph
        for marker in HEADER_LINES[:2] + NOTE_BODIES:
            assert marker not in sentence["text"], sentence["text"]


def test_a_sentence_interrupted_by_a_footnote_reads_through(reference_store):
    doc = next(d for d in reference_store.documents() if d["path"].endswith(WORKING_PAPER.name))
    texts = [s["text"] for s in reference_store.sentences(doc["id"], region="body")]
    assert any("mobilizing the North Korean people, distracting them from domestic problems" in t for t in texts)
    assert any("reflect the viewpoints" not in t and "Sino-Soviet split" in t for t in texts)


def test_sino_soviet_is_repaired_in_the_reading_but_not_in_the_source():
    doc = read(WORKING_PAPER)
    pages = layout.run(doc)
    assert "Sino-Soviet split" in pages.body.text
    assert "SinoSoviet" not in pages.body.text
    assert "SinoSoviet" in doc.text
    start = pages.body.text.index("Sino-Soviet")
    source_start, source_end = pages.body.to_source(start, start + len("Sino-Soviet"))
    assert doc.text[source_start:source_end] == "SinoSoviet"


def test_glued_note_markers_are_not_words_in_the_reading():
    pages = layout.run(read(WORKING_PAPER))
    assert "political system. Finally" in pages.body.text
    assert not re.search(r"system\.1 ", pages.body.text)


def test_running_header_is_furniture_and_footnotes_are_notes():
    doc = read(FIXTURES / "extracted-paper.txt")
    pages = layout.run(doc)
    kinds = {doc.text[r.start:r.end].strip().splitlines()[0]: r.kind for r in pages.regions}
    assert kinds["3"] == "furniture"
    assert "Letter from the governor" in pages.notes.text
    assert "Ministry of Trade circular" in pages.notes.text
    assert "www.example.net" not in pages.body.text
    assert "cargo of grain before the ice closed the bay" in pages.body.text
    assert "Anglo-Swedish chamber" in pages.body.text
    assert "The blockade was lifted in 1949." in pages.body.text


def test_publication_date_comes_from_the_running_header():
    assert read(FIXTURES / "extracted-paper.txt").published == "2020-05"
    assert read(WORKING_PAPER).published == "2019-02"


def test_author_and_title_come_from_the_title_page():
    doc = read(FIXTURES / "extracted-paper.txt")
    assert doc.authors == ["Maria Lindqvist"]
    assert doc.title == "A Harbour in Winter Notes on the 1947 Blockade"


def test_years_joined_by_extraction_get_their_dash_back():
    pages = layout.run(read(WORKING_PAPER))
    assert "1954-1975" in pages.notes.text
