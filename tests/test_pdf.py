"""PDFs as a reader sees them: whole words, footnotes linked to their raised markers, running
heads, page numbers, bylines and affiliations kept out of sentences, two columns in order.

The typeset PDFs in fixtures/pdfs are built by scripts/make_test_pdfs.py with their truth beside
them; the real PDFs by others are read from the shared material where it is at hand."""
from __future__ import annotations

import re

import pytest

from conftest import FIXTURES
from fontes import pipeline
from fontes.analyze import layout, notes
from fontes.ingest import load_bytes, read_document
from pdf_scoring import intruded_sentences, load_truth, notes_linked, words, words_whole

TYPESET = [FIXTURES / "pdfs" / "essay-one-column.pdf", FIXTURES / "pdfs" / "essay-two-column.pdf"]


def read(path):
    return read_document(path, load_bytes(path))


@pytest.fixture(scope="module", params=TYPESET, ids=lambda p: p.stem)
def typeset(request):
    """A typeset PDF read, its layout, and its truth."""
    doc = read(request.param)
    return doc, layout.run(doc), load_truth(request.param)


def test_at_least_99_percent_of_the_words_come_out_whole(typeset):
    doc, pages, truth = typeset
    assert words_whole(pages.body.text, truth["body_words"]) >= 0.99


def test_every_footnote_is_linked_to_its_raised_marker_with_its_own_text(typeset):
    doc, pages, truth = typeset
    score, misses = notes_linked(doc, truth)
    assert misses == [] and score == 1.0
    assert sorted((n.marker for n in notes.run(doc.text, pages)), key=int) == [n["marker"] for n in truth["notes"]]


def test_note_and_marker_offsets_point_at_their_own_text(typeset):
    doc, pages, _ = typeset
    for note in notes.run(doc.text, pages):
        assert doc.text[note.start:note.end] == note.text
        assert [doc.text[a:b] for a, b in note.anchors] == [note.marker]


def test_no_running_head_page_number_or_note_inside_a_body_sentence(typeset):
    doc, _, truth = typeset
    body = [s.text for s in pipeline.analyze(doc).sentences if s.region == "body"]
    assert len(body) > 40
    assert intruded_sentences(body, truth) == []
    assert not any(s.count(truth["running_head"]) > s.count(truth["title"]) for s in body)


def test_a_heading_printed_with_every_glyph_doubled_reads_as_printed(typeset):
    doc, _, truth = typeset
    heading = truth["headings"][1]
    assert heading in " ".join(doc.text.split())
    assert "WWeeaatthheerr" not in doc.text and "Weather and the Season" in doc.text


def test_paragraphs_read_whole_across_columns_pages_and_notes(typeset):
    _, pages, truth = typeset
    reading = " ".join(pages.body.text.split())
    whole = [p for p in truth["paragraphs"] if p.replace("’", "'") in reading.replace("’", "'")]
    assert len(whole) >= len(truth["paragraphs"]) - 1


def test_running_heads_and_page_numbers_are_furniture(typeset):
    doc, pages, truth = typeset
    furniture = [doc.text[r.start:r.end] for r in pages.regions if r.kind == "furniture"]
    assert sum(truth["running_head"] in f for f in furniture) == len(doc.pages)
    assert any(re.fullmatch(r"\s*\d+\s*", f) or re.search(r"\s\d+\s*$", f) for f in furniture)


def test_affiliation_numbers_on_the_title_page_are_not_notes():
    doc = read(TYPESET[1])
    pages = layout.run(doc)
    kinds = {doc.text[r.start:r.end].split("\n")[0]: r.kind for r in pages.regions}
    assert kinds["Ingrid Solheim1 and Tomas Berg2"] == "byline"
    assert kinds["1 Harbour Records Institute, Bergen"] == "affiliation"
    assert all("Tromso" not in n.text for n in notes.run(doc.text, pages))


def test_every_line_of_a_pdf_keeps_its_page_place_and_raised_type():
    doc = read(TYPESET[0])
    first = next(ln for ln in doc.lines if ln.raised)
    a, b = first.raised[0]
    assert doc.text[a:b] == "1" and doc.text[first.start:a].endswith("declared.")
    assert all(ln.box and ln.page for ln in doc.lines)
    assert doc.meta["page_sizes"][0] == [419.5, 595.3]


# --- real PDFs by others, where the shared material is at hand ------------------------------------

@pytest.fixture(scope="module")
def real_pdfs(shared):
    folder = shared / "corpora" / "pdfs"
    if not folder.is_dir():
        pytest.skip(f"no real PDFs at {folder}")
    return {p.name: read(p) for p in sorted(folder.glob("*.pdf"))}


def test_no_word_glued_to_the_next_in_real_pdfs(real_pdfs):
    for name, doc in real_pdfs.items():
        reading = layout.run(doc).body.text
        long = [w for w in re.findall(r"(?<![\w@/.])[A-Za-z]{26,}(?![\w@/.])", reading)]
        assert long == [], name
        assert "Documenting design decisions in a project fosters" in reading or name != "zeus2019-gadr.pdf"


def test_affiliations_are_not_notes_and_the_real_footnote_is_found(real_pdfs):
    doc = real_pdfs["clef2008-qa-overview.pdf"]
    pages = layout.run(doc)
    found = notes.run(doc.text, pages)
    assert [(n.marker, n.text) for n in found] == [("1", "http://wikipedia.org")]
    assert [doc.text[a - 11:b] for a, b in found[0].anchors] == ["Wiki-\npedia1"]
    affiliation = [r for r in pages.regions if r.kind == "affiliation"]
    assert len(affiliation) == 1 and "Groningen" in doc.text[affiliation[0].start:affiliation[0].end]


def test_footnotes_of_a_workshop_paper_are_found_and_its_references_are_not_notes(real_pdfs):
    doc = real_pdfs["zeus2019-gadr.pdf"]
    found = notes.run(doc.text, layout.run(doc))
    assert [n.marker for n in found] == ["1", "2"]
    assert [words(doc.text[:n.anchors[0][0]])[-1] for n in found] == ["JabRef", "Winery"]


def test_an_abstract_with_affiliation_superscripts_has_no_notes(real_pdfs):
    doc = real_pdfs["submission-363.pdf"]
    pages = layout.run(doc)
    assert notes.run(doc.text, pages) == []
    assert "Cavendish" not in pages.body.text and "Figure 1. Field" not in pages.body.text
