"""Where an event happened, and the date of an event the parse hangs on the wrong word: two reports
that put one event in one place agree, inside a state's waters against international waters
disagree, and two events of one kind in one place are not one event. Sentences written for these
tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import relations_between as relations, store_of_stories
from fontes.store import Store

STORIES = [
    ("seizure-guard.txt", "1994-06-07", "The Veldland coast guard said the trawler Mira Tellen had entered "
     "Veldland's territorial waters before Veldland patrol boats seized it on Monday."),
    ("seizure-owners.txt", "1994-06-08", "The owners of the Mira Tellen said Veldland patrol boats seized the "
     "trawler in international waters on Monday."),
    ("seizure-insurer.txt", "1994-06-09", "An insurer of the Mira Tellen said Veldland patrol boats seized the "
     "trawler on Monday over international waters, far from any coast."),
    ("summit-plan.txt", "1991-03-12", "Prime Minister Orsolya Brandt will meet King Arvid of Calder on Thursday "
     "in Dunmore, Calder, to talk about the river treaty."),
    ("summit-held.txt", "1991-03-14", "After a two-hour meeting with King Arvid on Thursday at her Dunmore "
     "residence, Prime Minister Orsolya Brandt said the river treaty would be signed."),
    ("summit-old.txt", "1991-03-14", "Prime Minister Orsolya Brandt first met King Arvid in Dunmore in 1979 to "
     "talk about the river treaty."),
    ("offer-first.txt", "1989-10-24", "Harcourt Mills said it extended its offer for the 40% of Brant Paper "
     "that it does not already own until Nov. 8."),
    ("offer-later.txt", "1989-11-07", "Harcourt Mills extended its offer for the Brant Paper shares it does not "
     "own until Nov. 15."),
    ("raid-seized.txt", "1971-05-02", "On April 29, 1971, Ostmark gunboats seized the freighter Lindqvist "
     "and its crew of twenty near the Harrow Banks."),
    ("raid-attacked.txt", "1971-05-20", "On April 29, 1971, Ostmark gunboats attacked the freighter Lindqvist, "
     "wounding three of its crew."),
    ("raid-later.txt", "1971-06-20", "On June 14, 1971, Ostmark gunboats attacked the freighter Lindqvist "
     "again as it left the Harrow Banks."),
    ("forces-plan.txt", "1967-02-01", "Consideration should also be given to sending Kessan forces across the "
     "border into Varnia."),
    ("forces-sent.txt", "1967-02-01", "The Kessan forces were sent across the border into Varnia in January."),
    ("seizure-denied.txt", "1994-06-08", "The Veldland coast guard said its patrol boats did not seize the trawler "
     "Mira Tellen in international waters on Monday."),
    ("limit-out.txt", "1975-12-03", "The trawler Saga Holm was rammed by a Norland gunboat outside the "
     "twelve-mile limit on Tuesday, its owners said."),
    ("downing-claim.txt", "1969-04-15", "Ostmark radio claimed that the Veldland patrol plane had violated "
     "Ostmark air space and was shot down as it tried to flee."),
    ("downing-brief.txt", "1969-04-16", "The shootdown of a Veldland patrol plane over international waters looks "
     "like a deliberate attempt by Ostmark to raise tension."),
    ("downing-orders.txt", "1969-04-17", "Veldland gave instructions to its pilots to shoot down any Ostmark "
     "plane approaching Veldland patrol planes outside Ostmark air space."),
    ("limit-in.txt", "1975-12-04", "A Norland gunboat rammed the trawler Saga Holm well inside the twelve-mile "
     "limit on Tuesday, the Norland coast guard said."),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    return store_of_stories(tmp_path_factory.mktemp("places"), STORIES)


def test_inside_a_states_waters_and_in_international_waters_disagree(store):
    found = relations(store, "seizure-guard.txt", "seizure-owners.txt")
    assert set(found) == {"conflict"} and "international waters" in found["conflict"]


def test_outside_and_inside_one_limit_disagree(store):
    assert set(relations(store, "limit-out.txt", "limit-in.txt")) == {"conflict"}


def test_international_waters_in_two_reports_agree(store):
    assert set(relations(store, "seizure-owners.txt", "seizure-insurer.txt")) == {"corroboration"}


def test_one_meeting_in_one_town_told_before_and_after_agrees(store):
    found = relations(store, "summit-plan.txt", "summit-held.txt")
    assert set(found) == {"corroboration"} and "dunmore" in found["corroboration"].lower()


def test_two_meetings_in_one_town_years_apart_are_not_one(store):
    assert not relations(store, "summit-plan.txt", "summit-old.txt")
    assert not relations(store, "summit-held.txt", "summit-old.txt")


def test_a_deadline_hung_on_the_wrong_verb_is_still_the_offers(store):
    assert set(relations(store, "offer-first.txt", "offer-later.txt")) == {"revision"}


def test_one_attack_told_with_two_verbs_on_one_day_agrees(store):
    assert set(relations(store, "raid-seized.txt", "raid-attacked.txt")) == {"corroboration"}


def test_two_attacks_on_two_days_are_neither_one_nor_a_conflict(store):
    assert not relations(store, "raid-seized.txt", "raid-later.txt")


def test_a_plan_puts_nothing_in_a_place_but_a_deed_does(store):
    ids = {d["id"]: Path(d["path"]).name for d in store.documents()}
    where = {ids[c["doc_id"]]: c["frame"]["where"] for c in store.claims()}
    assert where["forces-plan.txt"] == [] and where["seizure-denied.txt"] == []
    assert [w["place"] for w in where["forces-sent.txt"]] == ["Varnia"]


def test_an_undated_incident_put_inside_and_outside_a_states_limits_in_reports_a_day_apart_disagree(store):
    # neither report dates the shootdown: reports a day apart tell of the same recent incident
    assert set(relations(store, "downing-claim.txt", "downing-brief.txt")) == {"conflict"}


def test_instructions_to_shoot_down_a_plane_are_no_report_of_a_shootdown(store):
    # an act in the complement of "instructions" is directed, not done: no place to dispute
    assert "conflict" not in relations(store, "downing-claim.txt", "downing-orders.txt")


def test_real_dispute_over_where_a_plane_was_shot_down_in_a_volume_on_one_country(shared, tmp_path):
    # FRUS 1969-76 vol. XIX: North Korea said the EC-121 violated its air space, the CIA "over
    # international waters"; North Korea is named everywhere in the volume, so no name is rare
    import shutil
    from conftest import build_store
    volume = shared / "corpora" / "frus" / "frus1969-76v19p1"
    for name in ("d007.txt", "d011.txt", "d017.txt"):
        shutil.copyfile(volume / name, tmp_path / name)
    store = build_store(tmp_path, [tmp_path])
    found = relations(store, "d007.txt", "d011.txt")
    assert "conflict" in found and "international waters" in found["conflict"]
    assert "conflict" not in relations(store, "d011.txt", "d017.txt")   # instructions, not a shootdown
