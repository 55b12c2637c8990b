"""Quantities: numerals and number words, ranges and bounds, hedges, units, and what is no quantity."""
from __future__ import annotations

import pytest

from fontes.analyze import language, quantities, times
from fontes.analyze.view import View


def tag(text: str) -> list:
    chunks = [parsed for _, parsed in language.parse([(0, View.masked(text), "body")])]
    found_times = times.run(chunks, text, None)
    return [q for parsed in chunks for q in quantities.run(parsed, text, found_times)]


def one(text: str):
    found = tag(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


@pytest.mark.parametrize("sentence, value, low, high, approx, unit", [
    ("A total of sixty-three engineers stayed behind.", 63, None, None, False, "people"),
    ("The bank lent one billion rubles to the port.", 1_000_000_000, None, None, False, "rubles"),
    ("Twenty two bombers took off at dawn.", 22, None, None, False, "aircraft"),
    ("The ministry paid 7,500 won for each house.", 7500, None, None, False, "won"),
    ("Nearly 2,000 volunteers signed the petition.", 2000, None, None, True, "people"),
    ("About 40 pilots trained there.", 40, None, None, True, "people"),
    ("Some 30 instructors came from the north.", 30, None, None, True, "people"),
    ("Some 120 seaborne commandos landed on the coast.", 120, None, None, True, "people"),
    ("The raiders took 14 hostages.", 14, None, None, False, "people"),
    ("More than 300 protesters gathered outside.", None, 300, None, False, "people"),
    ("The column had 150-250 trucks and carts.", None, 150, 250, False, None),
    ("The garrison held between 600 and 900 soldiers.", None, 600, 900, False, "people"),
    ("More than 45,000 refugees crossed the bridge.", None, 45000, None, False, "people"),
    ("At least twelve officers were arrested.", None, 12, None, False, "people"),
    ("Up to 80 percent of the harvest was lost.", None, None, 80, False, "percent"),
    ("The depot lay 120 kilometers south of the border.", 120, None, None, False, "km"),
])
def test_quantity_forms(sentence, value, low, high, approx, unit):
    q = one(sentence)
    assert (q.value, q.low, q.high, q.approximate, q.unit) == (value, low, high, approx, unit)
    assert sentence[q.start:q.end] == q.text


def test_the_counted_noun_is_kept():
    assert one("They sent 500 Korean road builders to the south.").counts == "Korean road builders"
    assert one("A total of thirty two jet aircraft were based there.").counts == "jet aircraft"


def test_a_conversion_given_by_the_text_is_two_quantities():
    found = tag("The airfield was 70 kilometers (43 miles) from the city.")
    assert [(q.value, q.unit) for q in found] == [(70, "km"), (43, "miles")]


@pytest.mark.parametrize("sentence", [
    "The squadron flew the MiG-21 over the delta.",
    "See RG 59, Box 2262, Folder 3, p. 14.",
    "This is Working Paper #7, No. 2 of the series.",
    "The second summit took place in the spring of 1952.",
    "The treaty of 1954 ended the first war.",
    "One of the pilots wrote a memoir.",
])
def test_what_is_not_a_quantity(sentence):
    assert tag(sentence) == []


def test_an_aircraft_designator_is_no_quantity_but_a_figure_after_a_dash_is():
    assert [q.text for q in tag("An RB–47 and an EC–121 flew near the coast.")] == []
    assert [(q.value, q.unit) for q in tag("The aid—5,000 rubles—was small.")] == [(5000, "rubles")]


def test_a_price_a_share_written_with_hyphens_counts_the_offer():
    found = tag("The group began a $37-a-share tender offer for the company.")
    assert [(q.value, q.unit, q.counts) for q in found] == [(37, "dollars", "tender offer")]


def test_the_article_before_a_number_word_adds_nothing():
    assert one("A forty-two man crew sailed the trawler home.").value == 42
    assert one("The mill hired a hundred weavers.").value == 100


def test_a_price_in_fractions_is_one_number():
    assert one("Shares of Tolland Mills closed at 23 5/8 on Friday.").value == 23.625


def test_a_move_and_the_level_it_reached_are_two_figures():
    found = tag("Tolland Mills slipped 1 1/4 to 23 5/8 in late trading.")
    assert [q.value for q in found] == [1.25, 23.625]


def test_a_span_after_a_verb_is_still_a_range():
    q = one("Prices climbed 4 to 6 percent over the year.")
    assert (q.value, q.low, q.high) == (None, 4, 6)


def test_from_one_figure_to_another_after_a_verb_of_change_is_what_was_and_what_is():
    assert [(q.value, q.low, q.high) for q in tag("The count of the dead rose from 14 to 29 by nightfall.")] == \
        [(14, None, None), (29, None, None)]
    q = one("Guesses at the crowd ranged from 300 to 500 people.")
    assert (q.value, q.low, q.high) == (None, 300, 500)


def test_a_range_of_sums_keeps_its_currency_and_its_scale_written_once():
    q = one("Bids for the dockyard ran from $2 billion to $2.5 billion.")
    assert (q.value, q.low, q.high, q.unit) == (None, 2_000_000_000, 2_500_000_000, "dollars")
    q = one("The town spent between 6 and 8 million rubles on the bridge.")
    assert (q.value, q.low, q.high, q.unit) == (None, 6_000_000, 8_000_000, "rubles")


@pytest.mark.parametrize("sentence, counts", [
    ("The fund bought a 15% stake in the brewer.", "% stake"),
    ("The buyers sought rival 20 percent stakes in the mill.", "percent stakes"),
    ("Half the town, 50% in all, voted for the plan.", "%"),
])
def test_a_percentage_keeps_the_noun_it_modifies(sentence, counts):
    q = one(sentence)
    assert (q.unit, q.counts) == ("percent", counts)
