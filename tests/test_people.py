"""People and bodies as historians name them: titles apart from names, surnames, initials,
romanisations and short company names joined to the full name, with the reason for each merge."""
from __future__ import annotations

import json

from conftest import build_store, entity_of
from fontes.analyze.names import normalize, title_before, title_kinds
from fontes.analyze.person_spans import repair, unseen
from fontes.corpus.people import identity
from fontes.corpus.short_names import short_names
from fontes.export import json_export


def export_of(tmp_path, files: dict[str, str]) -> dict:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return json_export.build(build_store(tmp_path, [tmp_path / n for n in files]))


def entity_named(export: dict, doc: str, text: str, nth: int = 0) -> dict:
    eid = entity_of(export, doc, text, nth)
    return next(e for e in export["entities"] if e["id"] == eid)


def test_office_before_a_name_is_a_title_not_part_of_the_name():
    text = "The memo went to the Director of Central Intelligence Helms on Monday."
    start = text.index("Central")
    assert [text[s:e] for s, e, _ in repair(text, start, text.index(" on Monday"), "PERSON")] == ["Helms"]
    assert title_before(text, text.index("Helms")) == "Director of Central Intelligence"


def test_a_name_ending_in_a_designator_is_a_body_whatever_title_word_opens_it():
    text = "Shares of General Harvester Corp. fell, and Marshal Field Co.'s rose, while Gen. Orrin Blake spoke."
    start = text.index("General")
    assert repair(text, start, text.index(" fell"), "PERSON") == [(start, text.index(" fell"), "ORG")]
    start = text.index("Marshal")
    assert repair(text, start, text.index("'s rose"), "ORG") == [(start, text.index("'s rose"), "ORG")]
    start = text.index("Gen.")
    assert [text[s:e] for s, e, _ in repair(text, start, text.index(" spoke"), "PERSON")] == ["Orrin Blake"]
    assert normalize("General Harvester Corp.") == "general harvester corp"
    assert normalize("General Blake") == "blake"


def test_abbreviated_rank_and_full_rank_are_the_same_title():
    assert title_kinds("Vice Adm.") == title_kinds("Admiral") == {"admiral"}
    assert title_kinds("Secretary") & title_kinds("Under Secretary")
    assert not title_kinds("Secretary") & title_kinds("Admiral")


def test_heading_run_into_a_name_and_a_glued_note_marker_are_cut_off():
    text = "Trade\n\nBrandt said that the tariffs would fall. Later Brandt3 agreed."
    assert [text[s:e] for s, e, _ in repair(text, 0, text.index(" said"), "PERSON")] == ["Brandt"]
    start = text.index("Brandt3")
    assert [text[s:e] for s, e, _ in repair(text, start, start + 7, "PERSON")] == ["Brandt"]


def test_collection_named_after_a_person_holds_a_mention_of_the_person():
    text = "Source: Stadtarchiv, Adenauer Papers, Box 4."
    start = text.index("Adenauer")
    assert repair(text, start, text.index(", Box"), "ORG") == [(start, start + len("Adenauer"), "PERSON")]


def test_speaker_initials_and_bracketed_names_are_found():
    text = "B said the vote was close.\nM: We can wait.\nThen B[randt] called and I said no."
    found = {(text[s:e], name) for s, e, name in unseen(text)}
    assert found == {("B", "B"), ("M", "M"), ("B[randt]", "Brandt")}


def test_romanisations_and_initials_give_the_same_identity():
    assert identity("kim il-sung") == identity("kim il song") == identity("kim-il sung")
    assert identity("dong jo kim") == identity("kim dong-jo")
    assert identity("winthrop g. brown") == identity("winthrop brown")
    assert identity("richard helms") != identity("richard holmes")


def test_company_short_names():
    assert short_names("kyle technology corp") == {"kyle", "kyle technology"}
    assert short_names("abc news") == {"abc"}
    assert short_names("republic of korea") == set()


def test_surname_goes_to_the_title_compatible_person_nearest_before(tmp_path):
    text = ("Participants: Under Secretary Ulrich Falk and Vice Adm. Gerd Falk.\n\n"
            "Secretary Falk opened the meeting. Admiral Falk described the fleet. "
            "Secretary Falk closed the meeting.\n")
    export = export_of(tmp_path, {"minutes.txt": text})
    ulrich = entity_of(export, "minutes.txt", "Ulrich Falk")
    gerd = entity_of(export, "minutes.txt", "Gerd Falk")
    assert ulrich != gerd
    assert [entity_of(export, "minutes.txt", "Falk", n) for n in (0, 1, 2)] == [ulrich, gerd, ulrich]
    person = entity_named(export, "minutes.txt", "Ulrich Falk")
    assert "Under Secretary" in person["titles"]
    assert person["merged_by"].get("title") == 2


def test_surname_alone_in_another_document_goes_to_the_one_person_of_that_name(tmp_path):
    export = export_of(tmp_path, {
        "a.txt": "The envoy Harald Lindqvist arrived in Oslo on Tuesday. Lindqvist met the press.\n",
        "b.txt": "A week later Lindqvist wrote to the ministry about the harbour.\n"})
    lindqvist = entity_of(export, "a.txt", "Harald Lindqvist")
    assert entity_of(export, "b.txt", "Lindqvist") == lindqvist
    assert entity_named(export, "b.txt", "Lindqvist")["merged_by"].get("surname", 0) >= 1


def test_short_company_name_is_the_company(tmp_path):
    export = export_of(tmp_path, {
        "wire.txt": "Torvald Shipping Group said profits rose. Torvald will buy two tankers, the company said.\n"})
    assert entity_of(export, "wire.txt", "Torvald") == entity_of(export, "wire.txt", "Torvald Shipping Group")


def test_an_acronym_is_the_body_whose_name_it_abbreviates_without_the_designator(tmp_path):
    export = export_of(tmp_path, {
        "a.txt": "Kestrel Tractor Corp. wants to buy a tenth of the British maker.\n",
        "b.txt": "KT and Ford are expected to compete for a stake in the British maker. The offer by KT was rejected.\n"})
    assert entity_of(export, "b.txt", "KT") == entity_of(export, "a.txt", "Kestrel Tractor Corp")


SHIPS = ("NAVAL REPORT\n\nThe destroyer USS Kestrel left Sasebo on 3 May. Two days later U.S.S. Kestrel reported "
         "engine trouble, and the Kestrel returned to port.\n\nHMS Albatross, a frigate, joined her in July.\n\n"
         "The 64th Fighter Aviation Corps moved its regiments to Andong. Later the 64th Fighter Aviation Corps "
         "lost four aircraft.\n\nThe Marble Palace, known as the Blue Hall, was closed. The Blue Hall, the "
         "governor's summer residence, had been open to visitors.\n")


def test_a_ship_with_and_without_its_prefix_is_one_vessel(tmp_path):
    export = export_of(tmp_path, {"ships.txt": SHIPS})
    kestrel = entity_named(export, "ships.txt", "USS Kestrel")
    assert entity_of(export, "ships.txt", "U.S.S. Kestrel") == kestrel["id"]
    assert entity_of(export, "ships.txt", "Kestrel") == kestrel["id"]
    assert kestrel["type"] == "VESSEL"
    assert entity_named(export, "ships.txt", "HMS Albatross")["type"] == "VESSEL"


def test_a_unit_keeps_its_ordinal(tmp_path):
    export = export_of(tmp_path, {"ships.txt": SHIPS})
    corps = entity_named(export, "ships.txt", "64th Fighter Aviation Corps")
    assert corps["name"] == "64th Fighter Aviation Corps"
    assert len(corps["mentions"]) == 2


def test_names_and_descriptions_the_document_equates(tmp_path):
    export = export_of(tmp_path, {
        "ships.txt": SHIPS,
        "visit.txt": "In August the delegation from Lyon was received at the governor's summer residence.\n"})
    lodge = entity_of(export, "ships.txt", "Marble Palace")
    assert entity_of(export, "ships.txt", "Blue Hall") == lodge
    assert entity_of(export, "visit.txt", "the governor's summer residence") == lodge
    assert entity_named(export, "visit.txt", "the governor's summer residence")["merged_by"].get("description") == 2


def test_cli_shows_why_mentions_were_merged_and_a_readers_merge_says_so(tmp_path, run_cli):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The envoy Harald Lindqvist arrived in Oslo on Tuesday. Lindqvist met the press. "
                                  "Later Ove Berg joined him.\n", encoding="utf-8")
    assert run_cli("ingest", str(corpus)).exit_code == 0
    listed = json.loads(run_cli("entities", "--json", "--type", "PERSON").output)
    lindqvist = next(e for e in listed if e["name"] == "Harald Lindqvist")
    assert lindqvist["evidence"] == {"exact": 1, "surname": 1}
    assert "surname 1" in run_cli("entities", "--type", "PERSON").output
    corrections = tmp_path / "corrections.toml"
    corrections.write_text('[[entity]]\nname = "Harald Lindqvist"\ntype = "PERSON"\naliases = ["Ove Berg"]\n', encoding="utf-8")
    assert run_cli("--entities", str(corrections), "resolve").exit_code == 0
    listed = json.loads(run_cli("entities", "--json", "--type", "PERSON").output)
    merged = next(e for e in listed if e["name"] == "Harald Lindqvist")
    assert merged["evidence"].get("reader's decision", 0) >= 1


def test_a_call_or_a_library_is_not_a_name_of_a_person(tmp_path):
    assert repair("British Library", 0, 15, "ORG") == [(0, 15, "ORG")]
    export = export_of(tmp_path, {"call.txt": "In March Harald Lindqvist called Ove Berg about the harbour.\n"})
    assert entity_of(export, "call.txt", "Harald Lindqvist") != entity_of(export, "call.txt", "Ove Berg")
