"""Time in letters, cables and their editors' notes: the papers a letter cites are dated before it,
a note's marker is no day, a file's span in a citation is a date, and a note is read on the day the
sentence calling it tells of."""
from __future__ import annotations

import time_helpers

from fontes.analyze import language, layout, times
from fontes.ingest import read_document

LETTER_DATE = "1971-05-14"  # a Friday


def tag(text: str, published: str | None = LETTER_DATE, **kw) -> list:
    return time_helpers.tag(text, published, **kw)


def bounds(text: str, words: str, published: str | None = LETTER_DATE, **kw) -> tuple[str | None, str | None]:
    return time_helpers.bounds(text, words, published, **kw)


def test_a_letter_thanked_for_is_dated_before_the_writing():
    text = "Thank you for your letter of November 20 and for your cable of May 2."
    assert bounds(text, "November 20") == ("1970-11-20", "1970-11-20")
    assert bounds(text, "May 2") == ("1971-05-02", "1971-05-02")


def test_a_date_after_of_names_its_noun_and_the_nearest_one_is_meant():
    # the present tense of the clause does not push "the talks of March 9" a year ahead
    assert bounds("The Minister recalls the talks of March 9 with pleasure.", "March 9") == \
        ("1971-03-09", "1971-03-09")


def test_the_number_that_opens_a_note_is_its_marker_not_the_day():
    found = [(t.text, t.earliest) for t in tag("2 See the cable cited above.\n3 May 6.", region="note")]
    assert found == [("May 6", "1971-05-06")]


def test_a_files_last_month_in_a_citation_is_that_month():
    text = "1 Source: Central Files, Box 12, Trade, Vol. II, to 8–71. Secret."
    assert bounds(text, "8–71", region="note") == ("1971-08-01", "1971-08-31")


def test_a_files_months_written_with_slashes_are_one_range():
    text = "1 Source: Central Files, Box 12, Trade, Vol. III, 1/70–9/70. Confidential."
    assert bounds(text, "1/70–9/70", region="note") == ("1970-01-01", "1970-09-30")


def test_a_count_after_to_in_the_body_is_no_month():
    assert [t.text for t in tag("The number of posts rose to 10–15.")] == []


def test_a_page_range_in_a_note_is_no_month():
    assert [t.text for t in tag("4 See Trade Review, pp. 9–71.", region="note")] == []


def test_a_files_month_tells_nothing_of_the_notes_narrative():
    text = "1 Source: Central Files, Vol. II, to 8–71. Approved on March 21."
    assert bounds(text, "March 21", region="note") == ("1971-03-21", "1971-03-21")


def test_a_range_of_years_after_a_file_is_the_span_of_its_papers():
    text = "1 Source: Central Files, Box 12, Correspondence File 1970–1973, Trade. Secret."
    assert bounds(text, "1970–1973", region="note") == ("1970-01-01", "1973-12-31")


def test_a_single_number_after_a_file_is_still_its_number():
    assert [t.text for t in tag("1 Source: Central Files, File 1970, Trade.", region="note")] == []


def test_a_morning_told_in_the_past_is_no_day_to_come():
    text = "The next round will be held on the 21st of May. The Minister had raised the matter earlier in the morning."
    assert bounds(text, "the morning") == ("1971-05-14", "1971-05-14")


def test_the_morning_after_a_day_to_come_is_that_days():
    text = "The talks resume tomorrow. The Minister would like to meet in the morning before the session."
    assert bounds(text, "the morning") == ("1971-05-15", "1971-05-15")


def test_the_morning_with_no_day_to_come_stays_unplaced():
    assert bounds("The Minister would like to work in the morning.", "the morning") == (None, None)


def test_since_one_year_through_another_is_one_range():
    assert bounds("Exports have grown since 1962 through 1966.", "since 1962 through 1966") == \
        ("1962-01-01", "1966-12-31")


def test_a_clock_time_beside_a_recurring_day_is_a_set():
    found = [(t.text, t.precision, t.earliest) for t in tag("The committee will meet at 3:00 p.m. on Tuesdays.")]
    assert found == [("3:00 p.m. on Tuesdays", "set", None)]


def test_a_clock_time_and_a_day_in_the_next_paragraph_stay_apart():
    found = [t.text for t in tag("The call ended at 11:40 a.m.\n\nMay 6 was chosen for the visit.")]
    assert found == ["11:40 a.m.", "May 6"]


LETTER = """Letter From the Deputy Secretary to the Minister of Trade1

Washington, May 14, 1971.

Dear Mr. Minister:

The quota question will be settled at the 10:00 meeting tomorrow.2 I am grateful for your patience.3

1 Source: Central Files, Box 12, Trade Policy, Vol. II, to 8–71. Secret.

2 According to the appointment book, the Secretary met the Minister from 10:05 to 11:40 a.m.

3 The Minister spoke with the Secretary at 4 p.m.
"""


def analysed(tmp_path, text: str) -> dict[str, tuple[str | None, str | None]]:
    path = tmp_path / "letter.txt"
    path.write_text(text)
    doc = read_document(path, path.read_bytes(), None)
    pages = layout.run(doc)
    views = [(None, pages.body, layout.BODY), (None, pages.notes, layout.NOTE)]
    chunks = [parsed for _, parsed in language.parse(v for v in views if len(v[1]))]
    found = times.run(chunks, doc.text, doc.published, doc.kind)
    assert all(doc.text[t.start:t.end] == t.text for t in found)
    return {t.text: (t.earliest, t.latest) for t in found}


def test_a_clock_time_in_a_note_is_on_the_day_its_calling_sentence_tells_of(tmp_path):
    found = analysed(tmp_path, LETTER)
    assert found["10:05 to 11:40 a.m."] == ("1971-05-15", "1971-05-15")


def test_a_note_called_from_a_sentence_with_no_day_keeps_the_documents_day(tmp_path):
    found = analysed(tmp_path, LETTER)
    assert found["4 p.m."] == ("1971-05-14", "1971-05-14")


def test_the_number_a_cable_opens_with_is_no_year():
    text = "Cairo, March 3, 1971, 0900Z.\n1874. 1. The Minister asked me to call on him.\n2217. Subject: Trade."
    assert [t.text for t in tag(text)] == ["March 3, 1971, 0900Z"]


def test_a_year_that_opens_a_paragraph_of_a_chronology_is_still_a_year():
    assert bounds("1956. The first round of talks failed.", "1956") == ("1956-01-01", "1956-12-31")


def test_an_issue_number_before_of_is_no_day_and_the_date_after_it_is_found():
    assert bounds("In my despatch No. 45 of January 8, I reported on the crop.", "January 8") == \
        ("1971-01-08", "1971-01-08")


def test_a_four_digit_clock_before_a_meeting_is_its_time_and_no_year():
    found = [(t.text, t.earliest) for t in tag("At the 1400 meeting the Minister spoke of the visit of 23–25 April.")]
    assert found == [("1400", "1971-05-14"), ("23–25 April", "1971-04-23")]


def test_a_year_near_the_writing_before_a_meeting_is_still_a_year():
    assert bounds("The 1945 conference set the border.", "1945") == ("1945-01-01", "1945-12-31")


def test_a_period_of_a_year_opening_a_sentence_keeps_its_year():
    assert bounds("The first half of 1970 saw record exports.", "The first half of 1970") == ("1970-01-01", "1970-06-30")
    assert bounds("Early 1970 brought rain.", "Early 1970") == ("1970-01-01", "1970-04-30")
    assert bounds("Rain fell late in 1969.", "late in 1969") == ("1969-09-01", "1969-12-31")


def test_an_instruction_looks_ahead():
    assert bounds("Please reply before close of business Monday.", "Monday") == ("1971-05-17", "1971-05-17")


def test_two_days_that_share_a_month_are_two_days():
    found = [(t.text, t.earliest) for t in tag("The Ambassador saw him on 12 and 13 May.")]
    assert found == [("12", "1971-05-12"), ("13 May", "1971-05-13")]
    found = [(t.text, t.earliest) for t in tag("On May 12 and 13, 1970 the talks resumed.")]
    assert found == [("May 12", "1970-05-12"), ("13, 1970", "1970-05-13")]


def test_a_count_after_a_date_is_no_second_day():
    assert [t.text for t in tag("On May 12 and 13 delegates agreed.")] == ["May 12"]


def test_a_weekday_after_of_is_the_nearest_one():
    # written on a Wednesday: the meeting of Friday is two days ahead, the talks of Monday two days back
    assert bounds("We look forward to the meeting of Friday.", "Friday", published="1971-05-12") == \
        ("1971-05-14", "1971-05-14")
    assert bounds("The talks of Monday went well.", "Monday", published="1971-05-12") == ("1971-05-10", "1971-05-10")


def test_a_whole_date_that_opens_a_line_of_notes_keeps_its_day():
    assert bounds("12 May 1968 in the central archive, box 14.", "12 May 1968", region="note") == \
        ("1968-05-12", "1968-05-12")


def test_a_day_of_the_month_before_today_is_found():
    assert bounds("We received your message of the 9th today.", "the 9th") == ("1971-05-09", "1971-05-09")


def test_the_present_of_a_report_says_nothing_of_which_side_a_calendar_date_lies():
    # written in May: a March or a February told in the present is the last one, not next year's
    assert bounds("The Embassy reports the arrival on March 30 of two trawlers.", "March 30") == \
        ("1971-03-30", "1971-03-30")
    assert bounds("The Minister remembers the meeting in February.", "February") == ("1971-02-01", "1971-02-28")


def test_the_present_still_speaks_ahead_of_a_day_of_the_month():
    assert bounds("The Minister arrives on the 3rd.", "the 3rd") == ("1971-06-03", "1971-06-03")
