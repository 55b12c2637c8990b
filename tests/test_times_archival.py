"""Time as memoranda, cables and their editors' notes write it: the document's own date stays the
anchor past an aside about another year, each note stands alone, what was planned may lie ahead,
and page lists and book titles are no dates."""
from __future__ import annotations

import time_helpers

MEMO_DATE = "1971-03-10"


def tag(text: str, published: str | None = MEMO_DATE, **kw) -> list:
    return time_helpers.tag(text, published, **kw)


def bounds(text: str, words: str, published: str | None = MEMO_DATE, **kw) -> tuple[str | None, str | None]:
    return time_helpers.bounds(text, words, published, **kw)


def test_an_aside_about_a_far_year_holds_for_its_own_paragraph_in_a_memorandum():
    text = "The envoy spoke at length of the troubles of 1956.\n\nHe will return to the capital in June."
    assert bounds(text, "June") == ("1971-06-01", "1971-06-30")


def test_within_its_paragraph_a_far_year_still_places_the_month_after_it():
    text = "In 1956 the first round of talks failed. In June they resumed in a smaller room."
    assert bounds(text, "June") == ("1956-06-01", "1956-06-30")


def test_a_history_keeps_its_narrative_across_paragraphs():
    text = "In 1956 the first round of talks failed.\n\nIn June they resumed in a smaller room."
    assert bounds(text, "June", published="2019-05-01", kind="scholarly") == ("1956-06-01", "1956-06-30")


def test_a_span_of_several_years_places_no_year_less_date():
    text = "A survey of the years 1950–1955 reached the desk on January 20."
    assert bounds(text, "January 20") == ("1971-01-20", "1971-01-20")


def test_each_note_is_read_from_the_documents_date_not_from_the_note_before():
    text = "1 The talks of 12 May 1962 are filed elsewhere.\n\n2 Dated January 20."
    assert bounds(text, "January 20", region="note") == ("1971-01-20", "1971-01-20")


def test_what_was_planned_for_a_month_is_the_nearest_such_month():
    assert bounds("The ministers' conference was planned for May.", "May") == ("1971-05-01", "1971-05-31")
    assert bounds("The summit was scheduled for October.", "October", published="1990-08-15", kind="news") == \
        ("1990-10-01", "1990-10-31")


def test_a_past_event_without_a_plan_verb_still_reads_backwards():
    assert bounds("The ministers met in May.", "May") == ("1970-05-01", "1970-05-31")


def test_a_quotation_in_a_memorandum_speaks_in_the_memorandums_days():
    text = "He wrote that he had “spoken with the minister this evening; the line was closed at 9:40”."
    assert bounds(text, "this evening") == ("1971-03-10", "1971-03-10")
    assert bounds(text, "9:40")[0] == "1971-03-10"


def test_later_numbers_of_a_page_list_are_no_years():
    assert [t.text for t in tag("See the printed text, pp. 1607–1610, 1615–1616.")] == []


def test_a_set_word_inside_a_name_is_no_time():
    found = [t.text for t in tag("According to the Governor’s Daily Register, the visit was short.")]
    assert "Daily" not in found


def test_a_day_of_the_month_alone_is_that_day_of_the_month_the_tense_gives():
    text = "The envoy landed on the 3rd and flew home on the 25th."
    assert bounds(text, "the 3rd") == ("1971-03-03", "1971-03-03")
    assert bounds(text, "the 25th") == ("1971-02-25", "1971-02-25")
    assert bounds("The vote was postponed until the 15th.", "the 15th") == ("1971-03-15", "1971-03-15")


def test_a_day_of_the_month_follows_a_month_the_narrative_named():
    assert bounds("In June the rains came; on the 12th the bridge fell.", "the 12th") == ("1970-06-12", "1970-06-12")


def test_an_ordinal_before_a_noun_is_no_day():
    assert [t.text for t in tag("The patrol crossed the 38th parallel near the 2nd Division.")] == []


def test_a_day_range_without_its_year_is_one_range():
    assert bounds("Over the weekend of March 6–7 the talks broke down.", "March 6–7") == ("1971-03-06", "1971-03-07")
    assert bounds("The board met 27–28 February in Paris.", "27–28 February") == ("1971-02-27", "1971-02-28")


def test_between_one_day_and_another_is_one_range():
    assert bounds("Between March 1 and March 5 nothing moved.", "March 1 and March 5") == ("1971-03-01", "1971-03-05")


def test_a_day_of_the_month_after_a_day_of_the_narrative_lies_ahead_of_it():
    text = "The aide flew out on February 2 and came back on the 9th."
    assert bounds(text, "the 9th") == ("1971-02-09", "1971-02-09")
    text = "The aide will fly out on April 2 and come back on the 9th."
    assert bounds(text, "the 9th") == ("1971-04-09", "1971-04-09")


def test_the_number_of_a_telegram_is_no_year():
    found = [(t.text, t.earliest) for t in tag("Telegram 1234 from Cairo, March 3, 1971, is attached.", region="note")]
    assert found == [("March 3, 1971", "1971-03-03")]


def test_a_military_clock_with_local_is_a_time_of_day_not_a_year():
    assert bounds("The boats sailed at 1400 local.", "1400 local") == ("1971-03-10", "1971-03-10")


def test_iso_dates_and_fiscal_years_written_fy():
    assert bounds("The file is dated 1969-01-06 in the register.", "1969-01-06") == ("1969-01-06", "1969-01-06")
    assert bounds("The FY 69 request was cut.", "FY 69") == ("1969-01-01", "1969-12-31")


def test_an_undated_memorandum_keeps_its_narrative_across_paragraphs():
    text = "The treaty was signed on 12 May 1956.\n\nIn June the first ships arrived."
    assert bounds(text, "June", published=None) == ("1956-06-01", "1956-06-30")


def test_a_year_before_a_plural_noun_after_a_determiner_is_that_years():
    assert bounds("Much depends on the 1972 elections.", "1972") == ("1972-01-01", "1972-12-31")
    assert [t.text for t in tag("The 1100 pilots were paid.")] == []
    assert [t.text for t in tag("Some 1971 soldiers crossed.")] == []


def test_a_year_after_a_single_issue_number_is_still_a_year():
    assert bounds("See the Daily Courier No. 33, 1959, on the visit.", "1959") == ("1959-01-01", "1959-12-31")
