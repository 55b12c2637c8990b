"""Edited archival documents (FRUS and the like): endnotes whose markers are glued to words, the
heading's marker, source notes read as repository → levels → locator, the dateline's date."""
from __future__ import annotations

import json

import pytest

from conftest import FIXTURES
from fontes.analyze import endnotes, layout, notes
from fontes.analyze.source_notes import parse_source, repository
from fontes.ingest import load_bytes, read_document

EDITION = FIXTURES / "edition"


def read(name: str):
    path = EDITION / name
    doc = read_document(path, load_bytes(path))
    pages = layout.run(doc)
    return doc, pages, notes.run(doc.text, pages)


def test_markers_glued_to_words_link_the_endnotes_in_order():
    doc, _, found = read("grain-memo.txt")
    assert [n.marker for n in found] == ["1", "2", "3"]
    context = [doc.text[a - 7:b + 1] for n in found for a, b in n.anchors]
    assert context == ["Study 71\n", "unties.2 ", "tudy 7.3 "]
    for note in found:
        assert doc.text[note.start:note.end] == note.text
        assert [doc.text[s:e] for s, e in note.anchors] == [note.marker]


def test_a_heading_ending_in_a_number_still_calls_its_source_note():
    doc, _, found = read("grain-memo.txt")
    heading = doc.text.splitlines()[2]
    (start, end), = found[0].anchors
    assert heading.endswith("Grain Study 71") and doc.text[start - 1:end] == "71"
    assert found[0].text.startswith("Source: Lakeshire State Archives")


def test_body_reads_without_the_markers():
    _, pages, _ = read("grain-memo.txt")
    assert "Grain Study 7\n" in pages.body.text
    assert "northern counties. Commissioner" in pages.body.text
    assert "Source:" not in pages.body.text


def lines_of(text: str) -> list[tuple[int, int]]:
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    return lines


def test_a_decimal_is_not_taken_for_a_marker():
    text = "A heading\n\nThe rate was 4.1 percent, and the Board agreed.1 Then it rose.\n\n1 Minutes, May 1971.\n"
    found = endnotes.find(text, lines_of(text))
    assert [(n, text[s - 7:e]) for n, s, e in found.markers] == [(1, "agreed.1")]


def test_a_marker_after_a_hyphen_is_a_designation():
    text = "A heading\n\nThe MiG-1 flew over the K-1 site.1\n\n1 Report of the watch.\n"
    found = endnotes.find(text, lines_of(text))
    assert [text[s - 5:e] for _, s, e in found.markers] == ["site.1"]


def test_a_numbered_list_at_the_end_is_not_taken_for_notes():
    doc, pages, found = read("numbered-list.txt")
    assert found == []
    assert pages.notes.text == ""


def test_source_note_names_repository_levels_and_locator():
    (ref,) = parse_source("Source: Lakeshire State Archives, RG 12, Records of the Grain Board, Minutes 1971, "
                          "Box 44, Folder 3. Confidential. Drafted by Lena Ramsey on March 2.", [])
    assert (ref.kind, ref.archive) == ("archive", "Lakeshire State Archives")
    assert ref.title == "Records of the Grain Board, Minutes 1971"
    assert ref.locator == "RG 12, Box 44, Folder 3"


def test_source_note_takes_the_canonical_name_of_a_known_library():
    (ref,) = parse_source("Source: Carter Library, Office Files, Subject File, Box 7, Grain. Secret.", [])
    assert ref.archive == "Jimmy Carter Presidential Library"
    assert ref.locator == "Box 7"


def test_source_note_keeps_a_lot_number_after_a_colon():
    (ref,) = parse_source("Source: Department of Commerce, Trade Desk Files: Lot 81 D 4. Secret.", [])
    assert ref.archive == "Department of Commerce"
    assert (ref.title, ref.locator) == ("Trade Desk Files", "Lot 81 D 4")


def test_a_sentence_is_not_a_repository():
    assert repository("The memorandum was sent to the Governor") is None
    assert repository("Washington National Records Center") == "Washington National Records Center"


def test_a_note_that_is_no_source_note_is_read_as_before():
    refs = parse_source("See Grain Study 7, prepared in January 1971.", [])
    assert all(r.kind != "archive" for r in refs)


def test_dateline_gives_the_document_its_date():
    doc, _, _ = read("grain-memo.txt")
    assert doc.published == "1971-03-03"


def test_frus_volume_notes_and_source_archives(shared):
    """Every note of the FRUS volume is linked at the editors' marker, and every source note
    names the archive of its first clause."""
    volume = shared / "corpora" / "frus" / "frus1969-76v19p1"
    gold = json.loads((volume / "gold.json").read_text(encoding="utf-8"))
    linked = archives = sources = total = 0
    for name, expected in gold.items():
        path = volume / name
        doc = read_document(path, load_bytes(path))
        found = notes.run(doc.text, layout.run(doc))
        for gn in expected["notes"]:
            total += 1
            hit = [n for n in found if n.marker == gn["marker"] and list(gn["anchor"]) in [list(a) for a in n.anchors]]
            linked += bool(hit)
            if gn["source_note"]:
                sources += 1
                first = gn["text"][len("Source:"):].split(",")[0].strip()
                archives += any(first in (r.archive or "") for n in hit for r in n.references)
    assert (linked, archives) == (total, sources)


@pytest.mark.parametrize("clause", ["Nixon Library", "Ford Library", "Johnson Library", "Kennedy Library"])
def test_presidential_libraries_are_known_by_their_short_names(clause):
    assert repository(clause).endswith(("Library", "Presidential Library"))
    assert repository(clause) != clause


def test_source_note_ibid_repeats_the_repository_of_the_note_before():
    earlier = [("1", parse_source("Source: Carter Library, Office Files, Box 7. Secret.", []))]
    (ref,) = parse_source("Source: Ibid., Box 12. Confidential.", earlier)
    assert (ref.archive, ref.locator, ref.repeats) == ("Jimmy Carter Presidential Library", "Box 12", "1")


def test_frame_of_an_edited_document():
    from fontes.ingest import edition
    text = (EDITION / "grain-memo.txt").read_text(encoding="utf-8")
    frame = edition.read(text)
    head = frame["heading"]
    assert head["number"] == "14"
    assert head["title"]["text"].endswith("on Grain Study 7")
    assert (head["sender"]["text"], head["sender"]["name"]) == ("the Commissioner of Agriculture (Ramsey)", "Ramsey")
    assert [r["text"] for r in head["recipients"]] == ["Governor Okafor on Grain Study 7"]
    line = frame["dateline"]
    assert (line["place"]["text"], line["date"], line["time"]) == ("Lakeport", "1971-03-03", "4:15 p.m.")
    assert frame["classification"]["levels"] == ["Confidential"]
    assert [(d["role"], d["text"]) for d in frame["drafting"]] == [("drafted", "Lena Ramsey")]
    for part in (head["title"], head["sender"], *head["recipients"], line, line["place"], frame["classification"],
                 *frame["drafting"]):
        assert text[part["start"]:part["end"]] == part["text"]


def test_telegram_dateline_with_a_zulu_time_and_several_recipients():
    from fontes.ingest import edition
    text = ("8. Telegram From the Embassy in Lakeport to the Board of Trade, the Treasury and the Mint1\n\n"
            "Lakeport, June 9, 1971, 1430Z.\n\nThe tractors arrived.\n\n"
            "1 Source: Ford Library, Trade Files, Box 9. Secret; Immediate; Noforn. Approved by Hallett.\n")
    frame = edition.read(text)
    assert [r["name"] for r in frame["heading"]["recipients"]] == ["Board of Trade", "Treasury", "Mint"]
    assert frame["heading"]["sender"]["name"] == "Embassy in Lakeport"
    assert (frame["dateline"]["time"], frame["dateline"]["zone"]) == ("1430", "Z")
    assert frame["classification"]["levels"] == ["Secret", "Immediate", "Noforn"]
    assert [(d["role"], d["text"]) for d in frame["drafting"]] == [("approved", "Hallett")]


def test_a_numbered_line_alone_is_no_edition():
    from fontes.ingest import edition
    assert edition.read("1. Report of the committee\n\nThe committee met twice.\n") is None


def test_edited_document_takes_its_heading_as_title_and_sender_as_author():
    doc, _, _ = read("grain-memo.txt")
    assert doc.title.startswith("Memorandum From the Commissioner of Agriculture")
    assert (doc.authors, doc.kind) == (["Ramsey"], "archival")


def test_an_edition_page_in_html_links_the_heading_note_and_reads_its_source():
    doc, _, found = read("seed-letter.html")
    assert [n.marker for n in found] == ["1", "2"]
    heading_end = doc.text.index("\n")
    assert found[0].anchors[0][1] == heading_end
    assert found[0].references[0].archive == "Harry S. Truman Presidential Library"
    frame = doc.meta["edition"]
    assert frame["heading"]["title"]["text"].endswith("(Ramsey)")
    assert [r["name"] for r in frame["heading"]["recipients"]] == ["Ramsey"]
    assert (doc.published, doc.kind) == ("1971-04-02", "archival")


def test_notes_at_the_foot_of_each_page_are_not_taken_for_endnotes():
    text = ("A history of the seed loan\n\nThe Board lent seed in March.1 The farmers sowed it.2\n\n"
            "1 Minutes of the Board, March 1971.\n\n2 Okafor to Ramsey, April 2, 1971.\n\n"
            "The harvest was good,3 and the loan was repaid in full.\n\n3 Grain Study 9.\n")
    assert endnotes.find(text, lines_of(text)) is None


def test_the_document_number_of_a_heading_is_no_quantity():
    from fontes import pipeline
    path = EDITION / "grain-memo.txt"
    doc = read_document(path, load_bytes(path))
    found = [q.text for q in pipeline.analyze(doc).quantities]
    assert "14" not in found and "1,200" in found


def test_a_source_note_naming_a_printed_collection_cites_a_work():
    (ref,) = parse_source("Source: Public Papers of the Presidents: Okafor, 1971, pp. 8–9.", [])
    assert (ref.kind, ref.archive, ref.title) == ("work", None, "Public Papers of the Presidents: Okafor")


def test_a_box_with_a_series_letter_is_a_locator():
    (ref,) = parse_source("Source: Library of Congress, Manuscript Division, Okafor Papers, Box TS 4, Grain. Secret.", [])
    assert ref.archive == "Library of Congress"
    assert (ref.title, ref.locator) == ("Manuscript Division, Okafor Papers, Grain", "Box TS 4")


def test_a_person_a_collection_is_named_after_keeps_his_mention_inside_the_archive():
    from fontes.model import Mention
    from fontes.pipeline import _named_inside
    source = "Source: Ashworth Presidential Papers, Box 3."
    archive = Mention(8, 34, source[8:34], "ORG", source="archive", name=source[8:34])
    person = Mention(8, 16, "Ashworth", "PERSON", source="ner", name="Ashworth")
    garbled = Mention(6, 20, source[6:20], "ORG", source="ner", name=source[6:20])
    assert _named_inside(person, [archive]) and not _named_inside(garbled, [archive])


def test_the_editors_apparatus_makes_no_claims():
    # the heading, the source note, a bracketed insertion and a direction to the reader are the
    # editors' words: only what the minister and the secretary said are claims
    from fontes import pipeline
    path = EDITION / "harbour-talks.txt"
    doc = read_document(path, load_bytes(path))
    claims = pipeline.analyze(doc).claims
    assert [c.text.split()[:3] for c in claims] == [["The", "Minister", "said"], ["Secretary", "Hale", "remarked"],
                                                   ["The", "Minister", "said"]]
    redacted = next(c for c in claims if "not declassified" in c.text)
    assert redacted.frame["figures"] == []   # "[4 lines not declassified]" is no figure of the source


def test_two_source_notes_saying_the_same_of_their_own_documents_do_not_agree(tmp_path):
    from conftest import relations_between, store_of_stories
    template = (EDITION / "harbour-talks.txt").read_text(encoding="utf-8")
    other = template.replace("12. Memorandum", "13. Memorandum").replace("March 20", "April 2") \
        .replace("lost 14 boats in the storm", "asked for new docks after the storm")
    store = store_of_stories(tmp_path, [("d12.txt", "1969-03-20", template), ("d13.txt", "1969-04-02", other)])
    found = relations_between(store, "d12.txt", "d13.txt")
    assert "corroboration" in found          # the minister's words about the port, told in both
    assert all("copy" not in c["text"] and "meeting was held" not in c["text"]
               for g in store.alignments() for c in g["claims"])


def test_real_source_notes_of_a_volume_raise_no_agreement(shared, tmp_path):
    # FRUS 1969-76 vol. XIX: two memoranda each sent in copy to the Chairman of the Joint Chiefs, two
    # meetings each held in the Situation Room; what the editors say of each document is no event
    import shutil
    from conftest import build_store
    volume = shared / "corpora" / "frus" / "frus1969-76v19p1"
    for name in ("d002.txt", "d020.txt", "d028.txt", "d029.txt"):
        shutil.copyfile(volume / name, tmp_path / name)
    store = build_store(tmp_path, [tmp_path])
    told = [c["text"] for g in store.alignments(shown="all") for c in g["claims"]]
    assert not [t for t in told if "copy was sent" in t or "meeting was held" in t or "declassified" in t]


def test_a_note_that_tells_what_happened_before_its_citation_makes_a_claim():
    # the second note tells of a letter and then cites where it is kept: the telling is a claim and
    # the archive is still read; the third only says where a text is printed and the fourth where
    # to look: no claims
    from fontes import pipeline
    path = EDITION / "dock-note.txt"
    doc = read_document(path, load_bytes(path))
    analysis = pipeline.analyze(doc)
    told = [c.text for c in analysis.claims]
    assert any(t.startswith("On April 28, the Harbour Master wrote to the Minister") for t in told)
    assert not any("printed in" in t or "footnote" in t for t in told)
    letter = next(n for n in analysis.notes if n.marker == "2")
    assert any(r.archive and "Lakeshire" in r.archive for r in letter.references)
