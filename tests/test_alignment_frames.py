"""Agreement and disagreement compare like with like: each kind of false alarm seen on real news
(different subjects, different sets, a part against the whole, one number said two ways, a toll
revised over days, two events of one kind, a date read as a count) on sentences written for these
tests, and the first two on real wire stories of the shared TimeBank corpus (skipped without it)."""
from __future__ import annotations

import json
import re
from itertools import combinations
from pathlib import Path

import pytest

from fontes import pipeline
from conftest import relations_between, store_of_stories
from fontes.store import Store

# Each story is one document: (file name, publication date, text).
STORIES = [
    ("harlow.txt", "1989-10-26", "Harlow Mills reported its results for the quarter on Wednesday. "
     "Shares of Harlow Mills fell $1.25 to $30 in heavy trading on the stock exchange yesterday."),
    ("pemberton.txt", "1989-10-26", "Pemberton Foods announced a new chairman on Wednesday. "
     "Stock of Pemberton Foods rose $2.50 to $44 in heavy trading on the stock exchange yesterday."),
    ("castell-bid.txt", "1989-10-30", "Castell Navigation offered 1,200 francs a share for the rival shipping line "
     "of Marseilles, its chairman said on Monday."),
    ("castell-profit.txt", "1989-10-31", "Castell Navigation expects a profit of 3.1 billion francs this year, "
     "its chairman told shareholders of the shipping line on Tuesday."),
    ("blast-one.txt", "1998-08-09", "The car bomb at the embassy in Nairobi killed 31 people, the police said on Sunday."),
    ("blast-two.txt", "1998-08-09", "The two car bombs at the embassies in Nairobi and Mombasa killed 40 people, "
     "the police said on Sunday."),
    ("blast-split.txt", "1998-08-09", "The police said on Sunday that the car bombs at the embassies killed 31 people "
     "in Nairobi and 9 in Mombasa."),
    ("fire-among.txt", "1997-03-04", "Joseph Mwangi, a trader, was among 11 people who died in the fire at the "
     "Gikomba market in Nairobi on Monday."),
    ("fire-others.txt", "1997-03-04", "Joseph Mwangi and 10 other people died in the fire at the Gikomba market "
     "in Nairobi on Monday, the fire brigade said."),
    ("toll-first.txt", "1998-08-08", "The bomb at the embassy in Dar es Salaam killed 6 people, Tanzanian officials "
     "said on Saturday."),
    ("toll-later.txt", "1998-08-12", "The bomb at the embassy in Dar es Salaam killed 11 people, Tanzanian officials "
     "said on Wednesday after two more victims were found."),
    ("bid-hyphen.txt", "1989-10-30", "Halvorsen Group began its $42-a-share tender offer for Brightwater Foods "
     "on Monday."),
    ("bid-words.txt", "1989-11-01", "Under the merger pact, Halvorsen Group will pay $42 a share for Brightwater Foods."),
    ("close-monday.txt", "1989-10-30", "Shares of Corvell Mining fell 50 cents to close at $20 in heavy trading."),
    ("close-thursday.txt", "1989-11-02", "Shares of Corvell Mining closed at $19.50, up 12.5 cents, in light trading."),
    ("loss-operating.txt", "1989-10-20", "Kestrel Systems had an operating loss of about $30 million in the third "
     "quarter."),
    ("loss-net.txt", "1989-10-20", "Kestrel Systems posted a $648 million loss for the third quarter after write-offs."),
    ("deadline-first.txt", "1989-10-24", "Marlow Press said its offer for Ashby Printing is set to expire on Nov. 6."),
    ("deadline-later.txt", "1989-11-03", "Marlow Press extended its offer for Ashby Printing until Nov. 13."),
    ("troops-now.txt", "1998-02-12", "The 38,000 American troops in the Gulf will stay there until Baghdad "
     "complies, the Pentagon said."),
    ("troops-goal.txt", "1998-02-13", "Pentagon officials say the goal is to have 40,000 American troops in the Gulf "
     "by the end of the month."),
    ("meeting-1957.txt", "2001-05-01", "Prime Minister Nobusuke Kishi met the Dutch foreign minister Joseph Luns "
     "in Tokyo in 1957 to discuss the fisheries treaty."),
    ("meeting-1966.txt", "2001-05-01", "Prime Minister Eisaku Sato met the Dutch foreign minister Joseph Luns "
     "in Tokyo in 1966 to discuss the fisheries treaty."),
    ("apology-wire.txt", "1994-06-08", "The government of Norland apologised on Tuesday for the sinking of the "
     "trawler Saga Marten by one of its patrol boats near Brisk Island."),
    ("apology-paper.txt", "1994-06-09", "Norland has apologised to Vestmark and offered to pay the owners of the "
     "Saga Marten for the boat and its catch."),
    ("sweets-revenue.txt", "1989-10-20", "Ostrander Brands' sweets business had sales of about $90 million "
     "last year, roughly 12% of total revenue for its snack division."),
    ("sweets-market.txt", "1989-10-21", "Buying the confectionery arm of Ostrander Brands lifts "
     "Marchetti's 7% share of the American candy market to 12%."),
    ("goodwill-one.txt", "1989-10-20", "The company also cited higher interest costs and the amortization of "
     "goodwill as factors in the quarterly loss."),
    ("goodwill-two.txt", "1989-10-21", "A large factor in the quarterly loss was a write-down of goodwill on "
     "earlier acquisitions."),
    ("rise-fractions.txt", "1989-10-27", "Quillon Cellular jumped 4 5/8 to 112 5/8; its suitors raised their "
     "bids again."),
    ("rise-decimals.txt", "1989-10-27", "In over-the-counter trading yesterday, Quillon Cellular shares soared "
     "$4.625 to $112.625 as the bidding went on."),
    ("crew-wire.txt", "1968-01-24", "North Ostmark patrol boats seized the survey ship Harrow and its 83 crewmen "
     "off Kelport on Tuesday."),
    ("crew-memoir.txt", "1989-05-01", "On 23 January 1968 North Ostmark patrol boats seized the survey ship Harrow "
     "with its 82 crewmen off Kelport."),
    ("ramming-guard.txt", "1975-12-05", "The Norland coast guard said the ramming of the trawler Saga Holm by its "
     "gunboat Tyr was accidental."),
    ("ramming-owners.txt", "1975-12-06", "The owners of the Saga Holm said the gunboat Tyr rammed their trawler "
     "deliberately."),
    ("stake-rivals.txt", "1989-10-25", "Northwind Motors and Halden Auto are expected to go head to head to "
     "buy rival 12% stakes in Carrow Cars."),
    ("stake-company.txt", "1989-10-26", "Northwind Motors wants to buy as much as 12% of Carrow Cars PLC, its "
     "first step toward control of the British carmaker."),
    ("rise-short-name.txt", "1989-10-27", "The suitors of Quillon Cellular raised their bids again. In "
     "national trading, Quillon shares soared $4.625 to close at $112.625."),
    ("contingent-ministry.txt", "1991-03-02", "The Ostmark air force sent 87 people to Harlan in 1966, "
     "its ministry said."),
    ("contingent-memoir.txt", "1999-06-11", "According to postwar accounts, the Ostmark air force sent "
     "300-400 personnel to Harlan in 1966."),
    ("contingent-pilots.txt", "2001-02-14", "The Ostmark defence ministry sent 60 pilots to Harlan in 1966, "
     "a retired general wrote."),
    ("contingent-airmen.txt", "2004-09-30", "As many as 250 Ostmark airmen served in Harlan in 1966, "
     "veterans of the war claimed."),
    ("contingent-parts.txt", "2004-10-02", "In 1966 the Ostmark defence ministry sent 40 mechanics and 20 "
     "instructors to Harlan."),
    ("ferry-crew.txt", "1996-05-22", "The ferry disaster on Lake Ilse killed 14 crewmen on Tuesday, the "
     "harbour master said."),
    ("ferry-all.txt", "1996-05-23", "The ferry disaster on Lake Ilse killed 480 passengers on Tuesday, the "
     "harbour master said."),
    ("survey-asked.txt", "1969-06-02", "Director Hale asked Minister Corva to survey the northern harbours "
     "and to report the broken docks to the board by 30 June."),
    ("survey-sent.txt", "1969-07-01", "On 30 June, Minister Corva sent Director Hale a report listing the "
     "broken docks of the northern harbours."),
    ("suit-own.txt", "1989-11-20", "Marlow Press said it filed a lawsuit in the county court of Ashby to block "
     "the hostile tender offer of Pellam Holdings."),
    ("suit-rival.txt", "1989-11-21", "A lawsuit filed in the county court of Ashby by Pellam Holdings seeks to "
     "block the defences of Marlow Press against its hostile tender offer."),
    ("ask-office.txt", "1969-04-20", "Director Hale asked Minister Corva to see what could be arranged "
     "bureaucratically to set up a planning office for the coast."),
    ("ask-next.txt", "1969-04-22", "Director Hale asked Minister Corva what should be done next."),
    ("deal-sell.txt", "1989-05-02", "Orlen Audio agreed to sell a 40% stake to Varga Textiles of Hungary for "
     "$85 million."),
    ("deal-pay.txt", "1989-05-03", "Varga Textiles, a fast-growing Hungarian group, will pay $85 million for "
     "20 million new shares of Orlen Audio, a maker of loudspeakers."),
    ("deal-bonds.txt", "1989-05-04", "Orlen Audio raised $85 million from a sale of bonds to pension funds."),
    ("apology-board.txt", "1994-06-09", "Vestmark's fishing board apologised to the families of the Saga Marten's "
     "crew for its slow reporting of the loss."),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    return store_of_stories(tmp_path_factory.mktemp("stories"), STORIES)


def relations(store: Store, first: str, second: str) -> set[str]:
    """The relations fontes gives between any claim of one story and any claim of another."""
    return set(relations_between(store, first, second))


def test_opposite_moves_of_two_companies_shares_are_no_conflict(store):
    assert "conflict" not in relations(store, "harlow.txt", "pemberton.txt")


def test_a_price_per_share_and_a_yearly_profit_are_no_conflict(store):
    assert not relations(store, "castell-bid.txt", "castell-profit.txt")


def test_the_dead_of_one_city_are_no_conflict_with_the_dead_of_two(store):
    assert "conflict" not in relations(store, "blast-one.txt", "blast-two.txt")


def test_figures_given_city_by_city_add_up_to_the_whole(store):
    assert relations(store, "blast-two.txt", "blast-split.txt") == {"corroboration"}


def test_one_of_eleven_and_one_and_ten_others_agree(store):
    assert "conflict" not in relations(store, "fire-among.txt", "fire-others.txt")


def test_a_toll_that_rises_over_days_is_a_revision(store):
    assert relations(store, "toll-first.txt", "toll-later.txt") == {"revision"}


def test_a_revision_reads_in_the_order_of_the_reports(store):
    group = next(g for g in store.alignments(relation="revision"))
    assert group["explanation"].startswith("6 people then 11 people")


def test_one_price_a_share_written_two_ways_agrees(store):
    assert relations(store, "bid-hyphen.txt", "bid-words.txt") == {"corroboration"}


def test_two_days_closing_prices_are_neither_revision_nor_conflict(store):
    assert not relations(store, "close-monday.txt", "close-thursday.txt") & {"revision", "conflict"}


def test_an_operating_loss_and_a_loss_are_no_conflict(store):
    assert "conflict" not in relations(store, "loss-operating.txt", "loss-net.txt")


def test_a_deadline_moved_between_two_reports_is_a_revision(store):
    assert relations(store, "deadline-first.txt", "deadline-later.txt") == {"revision"}


def test_a_planned_figure_is_no_conflict_with_the_present_one(store):
    assert not relations(store, "troops-now.txt", "troops-goal.txt") & {"conflict", "revision"}


def test_two_meetings_in_different_years_are_no_conflict(store):
    assert "conflict" not in relations(store, "meeting-1957.txt", "meeting-1966.txt")


def test_one_act_told_in_other_words_by_two_reports_agrees(store):
    assert relations(store, "apology-wire.txt", "apology-paper.txt") == {"corroboration"}


def test_the_same_verb_done_by_someone_else_is_no_agreement(store):
    assert not relations(store, "apology-wire.txt", "apology-board.txt")
    assert not relations(store, "apology-paper.txt", "apology-board.txt")


def test_shares_of_two_different_wholes_are_no_agreement(store):
    # 12% of a division's revenue and a 12% share of a market: one number, two different wholes
    assert not relations(store, "sweets-revenue.txt", "sweets-market.txt")


def test_a_percentage_measures_its_whole_or_what_moved_to_it(store):
    def measures(name):
        doc = next(d["id"] for d in store.documents() if Path(d["path"]).name == name)
        return {f["value"]: f["measure"] for c in store.claims() if c["doc_id"] == doc
                for f in c["frame"]["figures"] if f["unit"] == "percent"}
    assert measures("sweets-revenue.txt")[12] == "revenue"   # "12% of total revenue"
    assert measures("sweets-market.txt")[12] == "share"      # "lifts ... share ... to 12%"


def test_a_percentage_stake_and_a_percentage_of_a_company_are_one_measure(store):
    # "rival 12% stakes in X" and "as much as 12% of X PLC": both are stakes in the company
    assert relations(store, "stake-rivals.txt", "stake-company.txt") == {"corroboration"}


def test_the_same_figures_of_one_company_under_a_short_name_agree(store):
    # "Quillon" is "Quillon Cellular": the same non-round prices of one company, told two ways
    assert relations(store, "rise-fractions.txt", "rise-short-name.txt") == {"corroboration"}


def test_people_and_personnel_of_one_contingent_are_compared(store):
    # two words for people of any kind, one contingent: several times the figure is a conflict
    assert relations(store, "contingent-ministry.txt", "contingent-memoir.txt") == {"conflict"}


def test_one_contingent_counted_with_two_nouns_for_its_people_is_compared(store):
    # sent and served, pilots and airmen, one sender, place and year: one group sized two ways
    assert relations(store, "contingent-pilots.txt", "contingent-airmen.txt") == {"conflict"}


def test_people_of_two_kinds_counted_side_by_side_are_parts_not_the_whole(store):
    # "40 mechanics and 20 instructors": each noun counts a part of the contingent, no whole to dispute
    assert "conflict" not in relations(store, "contingent-parts.txt", "contingent-airmen.txt")


def test_the_dead_of_two_kinds_are_not_one_count(store):
    # the crew and the passengers killed in one disaster are two counts, not a dispute over one
    assert "conflict" not in relations(store, "ferry-crew.txt", "ferry-all.txt")


def test_a_request_and_the_report_of_what_was_done_are_not_one_statement(store):
    # one asks for a survey and a report; the other tells that a report was sent: alike in words,
    # a request and its outcome
    assert "corroboration" not in relations(store, "survey-asked.txt", "survey-sent.txt")


def test_one_act_of_two_named_doers_is_not_one_statement(store):
    # a company's own lawsuit ("it filed", it being the speaker) and a lawsuit filed by another party
    assert "corroboration" not in relations(store, "suit-own.txt", "suit-rival.txt")


def test_one_price_told_from_either_side_of_a_deal_agrees(store):
    # the seller's sum and the buyer's, each claim naming the other party; not a sum the seller got elsewhere
    assert "85,000,000" in relations_between(store, "deal-sell.txt", "deal-pay.txt").get("corroboration", "")
    assert "corroboration" not in relations(store, "deal-bonds.txt", "deal-pay.txt")


def test_two_questions_of_one_person_to_another_are_not_one_act(store):
    # one asker, one person asked, one verb: what was asked differs, so nothing is told twice
    assert not relations(store, "ask-office.txt", "ask-next.txt")


def test_two_claims_that_name_no_one_are_not_one_statement(store):
    # alike in words, but nothing says which company's loss either is about
    assert not relations(store, "goodwill-one.txt", "goodwill-two.txt")


def test_a_short_clause_of_figures_is_a_claim_that_agrees(store):
    # "X jumped 4 5/8 to 112 5/8" has few words, but states as much as the longer report
    assert relations(store, "rise-fractions.txt", "rise-decimals.txt") == {"corroboration"}


def test_two_counts_of_things_without_a_unit_of_their_own_disagree(store):
    # "crewmen" is no unit the quantities stage knows: counts of the same things still compare
    found = relations(store, "crew-wire.txt", "crew-memoir.txt")
    assert found == {"conflict"}


def test_an_act_called_accidental_and_deliberate_is_a_conflict(store):
    found = relations_between(store, "ramming-guard.txt", "ramming-owners.txt")
    assert set(found) == {"conflict"} and "accidental" in found["conflict"]


def test_every_group_has_a_confidence_between_zero_and_one(store):
    groups = store.alignment_members()
    assert groups and all(0 <= g["confidence"] <= 1 for g in groups)


# --- the same kinds on real wire stories --------------------------------------------------------

def wire_text(tml: Path) -> str:
    """The text a reader of a TimeML file has: the TEXT element with every tag taken out."""
    body = re.search(r"<TEXT>(.*)</TEXT>", tml.read_text(encoding="utf-8"), re.S).group(1)
    return re.sub(r"<[^>]+>", "", body)


def wire_store(shared: Path, folder: Path, names: list[str]) -> Store:
    for name in names:
        tml = shared / "corpora" / "timebank" / f"{name}.tml"
        dct = re.search(r'<DCT>.*?value="(\d{4}-\d{2}-\d{2})', tml.read_text(), re.S)
        (folder / f"{name}.txt").write_text(wire_text(tml), encoding="utf-8")
        (folder / f"{name}.txt.meta.json").write_text(json.dumps({"published": dct.group(1)[:10], "kind": "news"}))
    store = Store(folder / "fontes.db")
    pipeline.ingest(store, [folder])
    return store


def test_real_market_reports_of_different_companies_raise_no_conflict(shared, tmp_path):
    names = ["wsj_0151", "wsj_0542", "wsj_0568", "wsj_0584", "wsj_0904", "wsj_0918", "wsj_1003"]
    store = wire_store(shared, tmp_path, names)
    assert store.count_alignments("conflict") == 0


def test_real_bid_price_and_profit_of_one_company_raise_no_conflict(shared, tmp_path):
    store = wire_store(shared, tmp_path, ["wsj_0340", "wsj_0810"])
    conflicts = store.alignments("conflict")
    assert not [g for g in conflicts for a, b in combinations(g["claims"], 2) if a["doc_id"] != b["doc_id"]]


def test_real_price_in_fractions_agrees_with_the_same_price_in_decimals(shared, tmp_path):
    store = wire_store(shared, tmp_path, ["wsj_0584", "wsj_0585"])
    agreements = [g["explanation"] for g in store.alignments("corroboration")]
    assert any(e.startswith("37.75 in both") for e in agreements), agreements
