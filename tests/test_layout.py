"""Repair of PDF-extracted text: headers and notes leave the body, lost hyphens come back."""
from __future__ import annotations

import re

import pytest

from conftest import FIXTURES, WORKING_PAPER, build_store
from fontes.analyze import layout
from fontes.ingest import load_bytes, read_document

REPORT = FIXTURES / "extracted-report.txt"
HEADER_LINES = ("www.wilsoncenter.org/nkidp", "NKIDP Working Paper #7", "Benjamin R. Young")
NOTE_BODIES = ("For those that have tied the DPRK", "Westview Press", "accessible at http",
               "Jian Chen, Mao", "Sonia Ryang explains", "translated by Charles Kraus", "NARA II")


def read(path):
    return read_document(path, load_bytes(path))


@pytest.fixture(scope="module")
def working_paper(sources):
    """The reference working paper, read (no analysis)."""
    return read(sources / WORKING_PAPER)


def test_body_sentences_hold_no_running_header_or_note_text_and_read_across_the_notes(tmp_path):
    store = build_store(tmp_path, [REPORT])
    body = [s["text"] for s in store.sentences(store.documents()[0]["id"], region="body")]
    assert body[3:] == [
        "In the summer of 1957 the trade delegation travelled east by train, and the envoys of the two "
        "governments met at the border station on 3 August, 1957.",
        "The visit was meant to show that the alliance had outlived the Russo-Japanese quarrels of an older "
        "generation and that the small state could still choose its friends.",
        "Afterwards the envoys signed a protocol on river transport, which the ministry printed in 400 copies.",
        "The protocol promised 12 barges for the spring of 1958.",
        "None of them sailed before the ice broke, and the ministry blamed the shipyards for the delay.",
        "The barges reached the delta in the autumn.",
    ]


def test_a_joined_combining_form_is_repaired_in_the_reading_but_not_in_the_source():
    doc = read(REPORT)
    pages = layout.run(doc)
    assert "the Russo-Japanese quarrels" in pages.body.text
    assert "RussoJapanese" not in pages.body.text and "RussoJapanese" in doc.text
    start = pages.body.text.index("Russo-Japanese")
    source_start, source_end = pages.body.to_source(start, start + len("Russo-Japanese"))
    assert doc.text[source_start:source_end] == "RussoJapanese"


def test_note_markers_glued_to_words_or_years_are_not_words_in_the_reading():
    body = layout.run(read(REPORT)).body.text
    assert "choose its friends. Afterwards" in body
    assert "printed in 400 copies. The protocol promised 12 barges for the spring of 1958. None" in body
    assert "on 3 August, 1957. The visit" in body


def test_years_joined_by_extraction_get_their_dash_back():
    notes = layout.run(read(REPORT)).notes.text
    assert "Chronology of Events, 1946-1954 (Budapest" in notes
    assert "19461954" in read(REPORT).text


def test_publication_date_comes_from_the_running_header():
    assert read(FIXTURES / "extracted-paper.txt").published == "2020-05"
    assert read(REPORT).published == "2011-03"


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


def test_author_and_title_come_from_the_title_page():
    doc = read(FIXTURES / "extracted-paper.txt")
    assert doc.authors == ["Maria Lindqvist"]
    assert doc.title == "A Harbour in Winter Notes on the 1947 Blockade"


# --- the reference working paper, where the shared reference material is at hand -----------------

def test_no_header_or_note_body_inside_a_body_sentence(reference_store):
    doc = next(d for d in reference_store.documents() if d["path"].endswith(WORKING_PAPER))
    body = reference_store.sentences(doc["id"], region="body")
    assert len(body) > 120
    for sentence in body[1:]:  # the first holds the title page lines before the first paragraph
        for marker in HEADER_LINES[:2] + NOTE_BODIES:
            assert marker not in sentence["text"], sentence["text"]


def test_a_working_paper_sentence_interrupted_by_a_footnote_reads_through(reference_store):
    doc = next(d for d in reference_store.documents() if d["path"].endswith(WORKING_PAPER))
    texts = [s["text"] for s in reference_store.sentences(doc["id"], region="body")]
    assert any("mobilizing the North Korean people, distracting them from domestic problems" in t for t in texts)
    assert any("reflect the viewpoints" not in t and "Sino-Soviet split" in t for t in texts)


def test_sino_soviet_is_repaired_in_the_working_paper_reading_but_not_in_its_source(working_paper):
    pages = layout.run(working_paper)
    assert "Sino-Soviet split" in pages.body.text
    assert "SinoSoviet" not in pages.body.text and "SinoSoviet" in working_paper.text
    start = pages.body.text.index("Sino-Soviet")
    source_start, source_end = pages.body.to_source(start, start + len("Sino-Soviet"))
    assert working_paper.text[source_start:source_end] == "SinoSoviet"


def test_glued_note_markers_are_not_words_in_the_working_paper_reading(working_paper):
    pages = layout.run(working_paper)
    assert "political system. Finally" in pages.body.text
    assert not re.search(r"system\.1 ", pages.body.text)


def test_publication_date_of_the_working_paper_comes_from_its_running_header(working_paper):
    assert working_paper.published == "2019-02"


def test_years_joined_in_the_working_paper_notes_get_their_dash_back(working_paper):
    pages = layout.run(working_paper)
    assert "1954-1975" in pages.notes.text
