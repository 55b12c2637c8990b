"""Agreements and disagreements that the frames alone missed: one party named two ways ("Kellogg"
and "Kellogg Co.", "Iraq" and "the Iraqis"), a report dated by its telling ("disclosed yesterday")
beside one dated by its event, an event told in an editor's note, one event of one day told with
two verbs by a corpus that names its parties everywhere, and a denial of what another report
affirms ("he had no message"). All on sentences written for these tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, build_store, relations_between, store_of_stories
from fontes.corpus.referents import kin
from fontes.store import Store

FILLERS = [(f"norland-{k}.txt", "1968-02-10", text) for k, text in enumerate([
    "Norland's parliament met on Tuesday to debate the fishing quota for the coming year.",
    "The harbour authority of Norland raised its fees for foreign trawlers by a tenth this winter.",
    "Exports of dried cod from Norland fell in the autumn, the trade ministry said.",
    "Norland's prime minister opened the new ferry terminal at Skarvik on Friday.",
    "Teachers in Norland ended their strike after the government raised their pay.",
    "A storm closed the airports of Norland for two days and stranded hundreds of travellers.",
    "The central bank of Norland kept its lending rate unchanged at its meeting in March.",
    "Farmers in the north of Norland asked for help after a late frost ruined the potato harvest.",
    "Norland's national orchestra will tour the southern provinces in the spring.",
    "A new bridge across the Skarvik fjord in Norland will open to traffic next year.",
    "The postal service of Norland will close forty rural offices to save money.",
    "Norland's football team lost to Vestmark in the final of the northern cup on Sunday.",
])]

STORIES = [
    ("embargo-order.txt", "1990-08-15", "The Security Council of Veldora on Aug. 6 ordered a global embargo on trade "
     "with Norland as punishment for seizing Brisk Island."),
    ("embargo-asked.txt", "1990-08-13", "The palace yesterday disclosed that the ousted council of Brisk Island has "
     "asked Vestmark to enforce the global trade embargo that the Security Council of Veldora ordered on Norland."),
    ("seized.txt", "1968-01-25", "On January 23, 1968, Norland patrol boats seized the trawler Saga Marten in "
     "international waters off Brisk Island."),
    ("attacked.txt", "1968-01-26", "On January 23, 1968, Norland naval vessels and jets attacked the trawler, "
     "killing one man and wounding several."),
    ("seized-later.txt", "1968-02-01", "On January 30, 1968, Norland patrol boats seized a second trawler, the "
     "Nordlys, in international waters off Brisk Island."),
    ("message-carried.txt", "1990-08-15", "The king of Vestmark was reportedly carrying a message to the president "
     "of Norland from the emir of Brisk Island, with whom the king met on Monday."),
    ("message-denied.txt", "1990-08-16", "The king of Vestmark met the emir of Brisk Island this week, but he told "
     "reporters he had no message for the president of Norland."),
    ("aid-offered.txt", "1967-05-02", "The emir of Brisk Island offered large amounts of aid to Vestmark and "
     "explained that his people do not view such aid as a heavy burden on Brisk Island."),
    ("aid-burden.txt", "1967-05-03", "Critics in Brisk Island view the aid to Vestmark as a heavy burden on "
     "the people of Brisk Island."),
    ("regiment-planned.txt", "1966-10-02", "In September 1966 Kestria took up Norland's offer of three flights of "
     "airmen, who would make up a wing equipped with 30 aircraft in all."),
    ("air-force.txt", "1969-04-02", "The Norland air force had some 720 aircraft, more than twice the air force of "
     "Kestria."),
    ("raid-acknowledged.txt", "2001-05-01", "Kestria first acknowledged the raid on Skarvik in the early 1990s, "
     "after its old regime had fallen."),
    ("raid-not-until.txt", "2001-05-02", "Kestria did not acknowledge the raid on Skarvik until 1991."),
    ("expulsion-asked.txt", "1998-02-16", "The government of Vestmark wants the Brisk Island party to be expelled "
     "from the peace talks in Ostby."),
    ("expulsion-done.txt", "1998-03-22", "The Brisk Island party was expelled from the peace talks in Ostby on "
     "Feb. 20."),
    ("plant-halted.txt", "1989-10-30", "Brantley Mills suspended work on a $2 billion cereal plant, a sign of gloom "
     "at the cereal maker, which has been losing market share."),
    ("share-lost.txt", "1989-10-30", "Brantley Mills, which has been slow to sell oat bran, has been losing market "
     "share in the $9 billion cereal market."),
    *FILLERS,
]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    return store_of_stories(tmp_path_factory.mktemp("recall"), STORIES)


def test_a_body_with_and_without_its_designator_is_one_referent():
    names = [(1, "Kellogg Co.", []), (2, "Kellogg", []), (3, "Nashua Corp", []), (4, "Nashua", [])]
    assert kin(names) == {2: 1, 4: 3}


def test_a_nationality_word_stands_for_its_state():
    names = [(1, "Iraq", []), (2, "Iraqis", []), (3, "Japanese", []), (4, "Japan", []), (5, "Iraqi", [])]
    assert kin(names) == {2: 1, 3: 4, 5: 1}


def test_names_that_only_begin_alike_are_two_referents():
    assert kin([(1, "Polly", []), (2, "Polly Peck International", []), (3, "Ira", []), (4, "Iraqi", [])]) == {}


def test_a_report_dated_by_its_disclosure_agrees_with_one_dated_by_the_event(store):
    assert set(relations_between(store, "embargo-order.txt", "embargo-asked.txt")) == {"corroboration"}


def test_one_days_event_told_with_two_verbs_agrees_though_its_party_is_named_everywhere(store):
    found = relations_between(store, "seized.txt", "attacked.txt")
    assert set(found) == {"corroboration"}
    assert found["corroboration"].startswith("attack: 1968-01-23 overlaps 1968-01-23")


def test_the_same_act_a_week_later_is_another_event(store):
    assert not set(relations_between(store, "seized.txt", "seized-later.txt")) & {"corroboration", "conflict"}


def test_a_message_carried_and_a_message_denied_disagree(store):
    found = relations_between(store, "message-carried.txt", "message-denied.txt")
    assert found == {"conflict": "“message” affirmed vs denied"}


def test_not_until_a_year_is_no_denial(store):
    assert "conflict" not in relations_between(store, "raid-acknowledged.txt", "raid-not-until.txt")


def test_a_negation_deep_in_a_clause_is_neither_agreement_nor_denial(store):
    # the emir's people do not view the aid as a burden, the critics do: not one statement; and a
    # negation below the main verb is too loosely tied to the claim to call it a conflict
    assert not relations_between(store, "aid-offered.txt", "aid-burden.txt")


def test_a_figure_in_what_would_be_formed_is_not_compared_with_what_is(store):
    assert "conflict" not in relations_between(store, "regiment-planned.txt", "air-force.txt")


def test_a_request_and_its_outcome_are_not_one_statement(store):
    assert "corroboration" not in relations_between(store, "expulsion-asked.txt", "expulsion-done.txt")


def test_figures_of_two_named_things_do_not_keep_one_statement_apart(store):
    # a $2 billion plant and a $9 billion market cannot disagree: the market share lost is one fact
    # (told in words alike enough to be found, not to be shown by default: hence all groups)
    ids = {d["id"]: Path(d["path"]).name for d in store.documents()}
    found = {g["relation"] for g in store.alignments(shown="all")
             if {"plant-halted.txt", "share-lost.txt"} <= {ids[c["doc_id"]] for c in g["claims"]}}
    assert found == {"corroboration"}


def test_an_event_told_in_an_editors_note_is_a_claim_and_the_citation_is_not(tmp_path):
    notes = build_store(tmp_path, [FIXTURES / "notes" / "memo-shootdown.txt"])
    readings = [c["reading"] for c in notes.claims()]
    told = [r for r in readings if "shot down an unarmed survey aircraft" in r]
    assert told and told[0].startswith("On April 15, 1969")  # the note's number is no part of it
    assert not [r for r in readings if "State Archives" in r]
    text = Path(notes.documents()[0]["path"]).read_text(encoding="utf-8")
    assert all(text[c["start"]:c["end"]] == c["text"] for c in notes.claims())


def test_the_editors_notes_of_a_real_frus_document_give_claims(shared, tmp_path):
    source = shared / "corpora" / "frus" / "frus1969-76v19p1" / "d007.txt"
    if not source.exists():
        pytest.skip(f"{source} is absent")
    notes = build_store(tmp_path, [source])
    text = source.read_text(encoding="utf-8")
    first_note = text.index("\n1 Source:")
    in_notes = [c for c in notes.claims() if c["start"] > first_note]
    assert len(in_notes) >= 3  # the notes tell of the shootdown and of the Pueblo's seizure
    assert all(text[c["start"]:c["end"]] == c["text"] for c in in_notes)
    assert not [c for c in in_notes if c["text"].startswith("Source") or c["text"][0].isdigit()]


def test_general_remarks_questions_and_editors_insertions_deny_nothing(tmp_path):
    remarks = store_of_stories(tmp_path, [("remarks.txt", "1969-04-20", (
        "The admiral remarked that no plan, however detailed, is any good if it is static. "
        "The minister asked the admiral whether the army had no plans for a war in the south. "
        "The minister remarked that [4 lines not declassified] and then left the room. "
        "The envoy told reporters that he had no message for the king of Vestmark."))])
    denied = [c["frame"]["denied"] for c in sorted(remarks.claims(), key=lambda c: c["start"])]
    assert denied == [[], [], [], ["message"]]
