"""Notes and references: markers linked to notes, lost numbers inferred, references parsed."""
from __future__ import annotations

import json
import re

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from conftest import FIXTURES, WORKING_PAPER, build_store
from fontes.analyze import layout, notes
from fontes.analyze.references import parse, parse_one
from fontes.export import csl
from fontes.ingest import load_bytes, read_document


def notes_of(path):
    doc = read_document(path, load_bytes(path))
    return doc, notes.run(doc.text, layout.run(doc))


def test_numbered_and_unnumbered_notes_are_found_and_linked():
    doc, found = notes_of(FIXTURES / "notes-paper.txt")
    assert [(n.marker, n.printed) for n in found] == [("1", True), ("2", False), ("3", False), ("4", True)]
    for note in found:
        assert doc.text[note.start:note.end] == note.text
        assert [doc.text[s:e] for s, e in note.anchors] == [note.marker]


def test_archival_reference_with_fond_opis_delo():
    _, found = notes_of(FIXTURES / "notes-paper.txt")
    ref = found[0].references[0]
    assert ref.kind == "archive"
    assert ref.archive == "Archive of Foreign Policy of the Russian Federation"
    assert ref.date == "1951-03-14"
    assert "fond 0102" in ref.locator and "delo 41" in ref.locator


def test_ibid_chains_resolve_to_the_full_reference():
    _, found = notes_of(FIXTURES / "notes-paper.txt")
    second, third = found[1].references[0], found[2].references[0]
    assert (second.archive, second.locator, second.repeats) == (found[0].references[0].archive, "16", "1")
    assert (third.archive, third.repeats) == (found[0].references[0].archive, "2")


def test_a_note_with_two_works_and_a_url_broken_across_lines():
    _, found = notes_of(FIXTURES / "notes-paper.txt")
    book, article = found[3].references
    assert (book.kind, book.title, book.authors, book.date, book.locator) == (
        "work", "Trains and Famine", ["Maria Santos", "Paul Okoye"], "1998", "45-47")
    assert article.title == "The Border Markets"
    assert article.url == "https://www.example.org/journals/rural-history/border-markets"


def test_a_comment_after_the_last_note_is_not_a_note():
    doc, found = notes_of(FIXTURES / "notes-paper.txt")
    assert "The bridges were repaired in 1952." not in " ".join(n.text for n in found)


def test_short_forms_repeat_the_earlier_full_reference():
    earlier = [("7", [parse_one("Lena Park, “The Night Fighters,” Air History Review 3 (1999), 10-31.")])]
    short = parse("Park, “Night Fighters,” 12.", earlier)[0]
    assert (short.repeats, short.date, short.authors) == ("7", "1999", ["Park"])


def test_newspaper_cited_by_name_and_date():
    ref = parse_one("Krasnaya Zvezda, 12 March 1989.")
    assert (ref.kind, ref.title, ref.date) == ("work", "Krasnaya Zvezda", "1989-03-12")


def test_unknown_archive_is_recognised_from_its_form():
    ref = parse_one("Letter of the consul, 2 May 1960, Provincial Archives of Gelderland, box 4.")
    assert ref.archive == "Provincial Archives of Gelderland"
    assert ref.locator == "box 4"


def test_html_linked_footnotes(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("""<html><head><title>Andong</title></head><body><article>
<p>The pilots reached Andong in November 1950.<sup><a href="#fn1" id="r1">1</a></sup> They stayed
until the armistice, according to the regimental log.<sup><a href="#fn2" id="r2">2</a></sup></p>
</article><section><ol>
<li id="fn1">Oleg Markov, <em>The Secret Corps</em> (Moscow: Voenizdat, 2015), 88. <a href="#r1">↩</a></li>
<li id="fn2">Ibid., 90. <a href="#r2">↩</a></li></ol></section></body></html>""")
    doc, found = notes_of(page)
    assert [n.marker for n in found] == ["1", "2"]
    assert [doc.text[s:e] for s, e in found[0].anchors] == ["[1]"]
    assert found[0].references[0].title == "The Secret Corps"
    assert (found[1].references[0].repeats, found[1].references[0].locator) == ("1", "90")
    assert "↩" not in doc.text


def test_urls_at_the_end_of_a_note_or_on_a_line_of_their_own_are_whole():
    _, found = notes_of(FIXTURES / "extracted-report.txt")
    assert [r.url for n in found for r in n.references] == [
        "http://archive.example.org/document/4471", "https://www.example.org/publication/the-long-tour-of-1957", None]


def test_no_year_day_or_count_is_taken_for_a_marker():
    doc, found = notes_of(FIXTURES / "extracted-report.txt")
    assert [(n.marker, [doc.text[s:e] for s, e in n.anchors]) for n in found] == [
        ("1", ["1"]), ("2", ["2"]), ("3", ["3"])]
    assert found[0].references[0].locator == "file 28, listy 4-6"


def test_csl_json_loads_in_a_citation_processor(tmp_path):
    store = build_store(tmp_path, [FIXTURES / "notes-paper.txt"])
    items = csl.items(store)
    assert {i["title"] for i in items} >= {"Trains and Famine", "The Border Markets"}
    source = CiteProcJSON(json.loads(json.dumps(items)))
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == len(items) and any("Trains and Famine" in r for r in rendered)


def test_sources_of_a_statement_and_the_archive_inventory(tmp_path):
    store = build_store(tmp_path, [FIXTURES / "notes-paper.txt"])
    answer = store.sources_of("forty thousand tons")
    assert answer[0]["notes"][0]["marker"] == "1"
    assert answer[0]["notes"][0]["references"][0]["archive"] == "Archive of Foreign Policy of the Russian Federation"
    inventory = {a["archive"]: a for a in store.archives()}
    assert inventory["Archive of Foreign Policy of the Russian Federation"]["notes"] == 3


# --- the reference working paper, where the shared reference material is at hand -----------------

def test_every_url_in_the_working_paper_notes_is_whole(sources):
    doc, found = notes_of(sources / WORKING_PAPER)
    urls = [r.url for n in found for r in n.references if r.url]
    assert len(urls) >= 11
    flat = re.sub(r"\s*\n\s*", "", doc.text)
    for url in urls:
        assert url in flat and re.match(r"https?://[\w.-]+\.\w+/\S+$", url), url


def test_no_year_or_count_in_the_working_paper_is_taken_for_a_marker(sources):
    doc, found = notes_of(sources / WORKING_PAPER)
    markers = [int(n.marker) for n in found]
    assert markers == sorted(markers) and max(markers) <= 36
    for note in found:
        for s, e in note.anchors:
            assert len(doc.text[s:e]) <= 2
