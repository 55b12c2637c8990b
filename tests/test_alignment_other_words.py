"""One event told in other words by two sources: a date on a verb read by its lemma as well as its
form ("shot down" / "was downed"), a support verb whose object names the event ("expressed regret"
is an apology, "launched an attack" an attack), and where an incident happened when one source says
the plane was destroyed and the other that it was shot down. All on sentences written for these tests."""
from __future__ import annotations

import pytest
from conftest import relations_between, store_of_stories

from fontes.store import Store

FILLERS = [(f"veltria-{k}.txt", "1971-03-01", text) for k, text in enumerate([
    "Veltria's parliament met on Tuesday to debate the budget of its coastal guard.",
    "The harbour of Veltria was closed for a week after the spring storms.",
    "Kardonia and Veltria exchanged ambassadors again after a break of two years.",
    "Fishermen from Kardonia complained about the new licence fees in Veltria.",
    "Veltria's airline opened a route to the Kardonian capital in the summer.",
    "Kardonia's farmers asked for help after a dry summer ruined the wheat harvest.",
])]

STORIES = [
    ("downing-shot.txt", "1969-04-20", "On 15 April 1969 Veltrian fighters shot down a Kardonian patrol aircraft "
     "over international waters, killing its crew of 31."),
    ("downing-downed.txt", "1969-04-22", "A Kardonian patrol plane was downed by Veltrian MiGs on 15 April 1969."),
    ("downing-destroyed.txt", "1969-04-23", "Veltrian radio insisted that the Kardonian aircraft destroyed on "
     "April 15, 1969 had entered Veltrian air space."),
    ("apology-said.txt", "1970-05-10", "On 3 May 1970 the government of Veltria apologised to Kardonia for the "
     "seizure of the fishing boat Marisa."),
    ("apology-regret.txt", "1970-06-02", "In May 1970 Veltria's foreign minister expressed his government's regret "
     "over the capture of the fishing boat Marisa."),
    ("apology-later.txt", "1975-02-01", "In January 1975 the government of Veltria apologised again to Kardonia "
     "for the seizure of the fishing boat Marisa."),
    ("raid-launched.txt", "1968-01-25", "On January 21, 1968, Kardonian commandos launched an attack on the "
     "Veltrian border post at Ostrel."),
    ("raid-attacked.txt", "1968-01-27", "The Veltrian border post at Ostrel was attacked by Kardonian commandos "
     "on January 21, 1968."),
    ("war-ended.txt", "1990-08-15", "Belor accepted the border it had rejected in the talks that followed the "
     "cease-fire of August 1988, which ended the eight-year war with Ardan."),
    ("war-ruin.txt", "1991-02-25", "The ruler of Belor dragged his country into a ruinous eight-year war against "
     "Ardan and then into a second war."),
    ("war-sentence.txt", "1991-03-01", "A court in Belor gave the Ardan spy an eight-year sentence."),
    ("attack-unlikely.txt", "1969-11-01", "The intelligence bureau judged that Veltria was unlikely to launch a "
     "major attack on the Skarn Pass in 1970."),
    ("attack-likely.txt", "1969-11-20", "The embassy believed that a major Veltrian attack on the Skarn Pass was likely "
     "in 1970."),
    ("vote-likely.txt", "1969-11-21", "Ostrel is likely to win the vote on the border treaty with Kardonia."),
    ("vote-unlikely.txt", "1969-11-22", "Marvik is unlikely to win the vote on the border treaty with Kardonia."),
    *FILLERS,
]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    return store_of_stories(tmp_path_factory.mktemp("other-words"), STORIES)


def test_one_days_event_told_with_two_verbs_read_by_their_lemmas_agrees(store):
    found = relations_between(store, "downing-shot.txt", "downing-downed.txt")
    assert set(found) == {"corroboration"}
    assert found["corroboration"].startswith("attack: 1969-04-15")


def test_destroyed_inside_its_air_space_against_shot_down_over_international_waters_disagree(store):
    found = relations_between(store, "downing-shot.txt", "downing-destroyed.txt")
    assert set(found) == {"conflict"}
    assert "international waters" in found["conflict"]


def test_expressed_regret_is_the_apology_another_source_dates_to_the_day(store):
    found = relations_between(store, "apology-said.txt", "apology-regret.txt")
    assert set(found) == {"corroboration"}
    assert found["corroboration"].startswith("apology: ")
    assert {"1970-05-03", "1970-05"} <= set(found["corroboration"].split())


def test_an_apology_five_years_later_is_another_apology(store):
    for earlier in ("apology-said.txt", "apology-regret.txt"):
        assert not set(relations_between(store, earlier, "apology-later.txt")) & {"corroboration", "conflict"}


def test_launched_an_attack_dates_the_attack(store):
    found = relations_between(store, "raid-launched.txt", "raid-attacked.txt")
    assert set(found) == {"corroboration"}
    assert found["corroboration"].startswith("attack: 1968-01-21")


def test_the_length_of_one_war_written_before_its_noun_agrees(store):
    found = relations_between(store, "war-ended.txt", "war-ruin.txt")
    assert set(found) == {"corroboration"}
    assert "8 years (war)" in found["corroboration"]


def test_a_sentence_of_as_many_years_is_not_the_war(store):
    for other in ("war-ended.txt", "war-ruin.txt"):
        assert not set(relations_between(store, other, "war-sentence.txt")) & {"corroboration", "conflict"}


def test_one_event_judged_likely_and_unlikely_is_a_disagreement_of_judgement(store):
    found = relations_between(store, "attack-unlikely.txt", "attack-likely.txt")
    assert set(found) == {"conflict"}
    assert "unlikely" in found["conflict"]


def test_two_subjects_judged_likely_and_unlikely_do_not_disagree(store):
    assert "conflict" not in relations_between(store, "vote-likely.txt", "vote-unlikely.txt")
