"""Time expressions: each form historians write, normalised to EDTF intervals, and what is not time."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fontes.analyze import intervals as iv
from fontes.analyze import language, times
from fontes.analyze.view import View


def tag(text: str, published: str | None = None) -> list:
    chunks = [parsed for _, parsed in language.parse([(0, View.masked(text), "body")])]
    return times.run(chunks, text, published)


def one(text: str, published: str | None = None):
    found = tag(text, published)
    assert len(found) == 1, [t.text for t in found]
    return found[0]


@pytest.mark.parametrize("sentence, words, earliest, latest, precision", [
    ("The envoy arrived on 3 March, 1949, by train.", "3 March, 1949", "1949-03-03", "1949-03-03", "day"),
    ("The envoy arrived on March 3, 1949, by train.", "March 3, 1949", "1949-03-03", "1949-03-03", "day"),
    ("The treaty was signed on 12 June 1950 in the capital.", "12 June 1950", "1950-06-12", "1950-06-12", "day"),
    ("The strike began in October 1956 and spread.", "October 1956", "1956-10-01", "1956-10-31", "month"),
    ("The convoy left in the summer of 1952.", "the summer of 1952", "1952-06-01", "1952-08-31", "season"),
    ("The second wave came in Fall 1953.", "Fall 1953", "1953-09-01", "1953-11-30", "season"),
    ("Supplies ran out in winter 1951.", "winter 1951", "1951-12-01", "1952-02-29", "season"),
    ("The mission closed in 1958.", "1958", "1958-01-01", "1958-12-31", "year"),
    ("Cities grew fast during the 1950s.", "the 1950s", "1950-01-01", "1959-12-31", "decade"),
    ("Reform stalled in the mid-1970s.", "the mid-1970s", "1974-01-01", "1976-12-31", "decade"),
    ("Trade recovered in the early 1980s.", "the early 1980s", "1980-01-01", "1983-12-31", "decade"),
    ("Talks resumed in early 1954.", "early 1954", "1954-01-01", "1954-04-30", "month"),
    ("The purge peaked in late 1937.", "late 1937", "1937-09-01", "1937-12-31", "month"),
    ("The army was rebuilt by the end of 1955 at last.", "the end of 1955", "1955-09-01", "1955-12-31", "month"),
    ("Serfdom ended in the nineteenth century.", "the nineteenth century", "1800-01-01", "1899-12-31", "century"),
])
def test_point_expressions(sentence, words, earliest, latest, precision):
    t = one(sentence)
    assert (t.text, t.earliest, t.latest, t.precision) == (words, earliest, latest, precision)
    assert sentence[t.start:t.end] == words


@pytest.mark.parametrize("sentence, words, earliest, latest", [
    ("The occupation lasted from 1945 to 1952 in all.", "from 1945 to 1952", "1945-01-01", "1952-12-31"),
    ("The occupation lasted 1945-1952 in all.", "1945-1952", "1945-01-01", "1952-12-31"),
    ("Grain was sent between 1961 and early 1963 by sea.", "between 1961 and early 1963", "1961-01-01", "1963-04-30"),
    ("The delegation toured from 3 May to 9 June, 1957.", "from 3 May to 9 June, 1957", "1957-05-03", "1957-06-09"),
    ("Mines were dug from 1941 to 1944-1945 in the north.", "from 1941 to 1944-1945", "1941-01-01", "1945-12-31"),
])
def test_ranges_are_one_interval_spanning_both_ends(sentence, words, earliest, latest):
    t = one(sentence)
    assert (t.text, t.earliest, t.latest) == (words, earliest, latest)


def test_open_bounds():
    before = one("The first unit arrived before the end of 1950 in the port.")
    assert (before.earliest, before.latest) == (None, "1950-12-31")
    since = one("The border has been closed since 1961 for all.")
    assert (since.earliest, since.latest) == ("1961-01-01", None)
    until = one("The archive stayed sealed until 1991 by decree.")
    assert (until.earliest, until.latest) == (None, "1991-12-31")


def test_narrative_time_is_anchored_to_the_last_date_before_it():
    found = tag("He enlisted in 1940. He was wounded three years later. The same month, his unit moved. "
                "On 4 July, 1950 the order came. In that same month the ships sailed. Two days later they landed.")
    by_words = {t.text: t for t in found}
    assert (by_words["three years later"].earliest, by_words["three years later"].latest) == ("1943-01-01", "1943-12-31")
    assert (by_words["that same month"].earliest, by_words["that same month"].latest) == ("1950-07-01", "1950-07-31")
    assert by_words["Two days later"].earliest == "1950-07-06"


def test_publication_relative_time_needs_a_publication_date():
    anchored = one("The monument was unveiled last week in the square.", published="2019-02-20")
    assert (anchored.earliest, anchored.latest) == ("2019-02-11", "2019-02-17")
    unanchored = one("The monument was unveiled last week in the square.")
    assert (unanchored.earliest, unanchored.latest, unanchored.edtf) == (None, None, None)


def test_a_speakers_today_is_not_the_publication_day():
    t = one("He said, “the old way was slow, but today we build faster.”", published="2019-02-20")
    assert t.earliest is None


def test_approximate_times_are_flagged():
    t = one("The camp opened around 1947 near the river.")
    assert t.approximate and t.edtf == "1947~"


@pytest.mark.parametrize("sentence", [
    "The regiment flew the MiG-21 and the MiG-17.",
    "See RG 59, Box 2262, Folder 3.",
    "This is Working Paper #7 of the series.",
    "The report is on p. 1964 of the collection, vol. 1958.",
    "The division lost 1100 soldiers and 60 tanks.",
    "Fourteen pilots and 300 mechanics came.",
])
def test_what_is_not_time(sentence):
    assert tag(sentence) == []


# --- properties of the interval arithmetic -------------------------------------------------------

years = st.integers(min_value=1000, max_value=2099)


@given(years, st.integers(1, 12))
def test_a_month_parses_back_to_itself(y, m):
    month = iv.month(y, m)
    assert iv.bounds(month.edtf) == (month.earliest, month.latest)
    assert month.earliest <= month.latest and month.earliest.day == 1


@given(years, st.sampled_from([(3, 5, 21), (6, 8, 22), (9, 11, 23), (12, 2, 24)]))
def test_seasons_are_three_months_and_parse_back(y, season):
    s = iv.season(y, *season)
    assert iv.bounds(s.edtf) == (s.earliest, s.latest)
    assert 89 <= (s.latest - s.earliest).days + 1 <= 92


@given(years, years)
def test_ranges_contain_both_ends(a, b):
    first, last = iv.year(min(a, b)), iv.year(max(a, b))
    span = iv.between(first, last)
    assert span.earliest <= first.earliest <= first.latest <= span.latest
    assert span.earliest <= last.earliest <= last.latest <= span.latest
    assert iv.bounds(span.edtf) == (span.earliest, span.latest)


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(2099, 12, 31)),
       st.dates(min_value=date(1000, 1, 1), max_value=date(2099, 12, 31)))
def test_any_span_of_days_round_trips_through_edtf(a, b):
    first, last = min(a, b), max(a, b)
    span = iv.span(first, last, "day")
    assert (span.earliest, span.latest) == (first, last) == iv.bounds(span.edtf)


@given(st.integers(100, 209), st.sampled_from([None, 1, 2, 3]))
def test_decades_and_their_thirds_parse_back(decade, part):
    d = iv.decade(decade * 10, part)
    assert d.earliest <= d.latest and iv.bounds(d.edtf) == (d.earliest, d.latest)
    assert d.earliest.year // 10 == d.latest.year // 10 == decade


@given(years, st.sampled_from(["day", "week", "month", "year"]), st.integers(-30, 30))
def test_shifting_moves_by_whole_units(y, unit, amount):
    anchor = iv.year(y) if unit == "year" else iv.day(y, 6, 15)
    moved = iv.shift(anchor, unit, amount)
    assert moved.earliest <= moved.latest
    if unit == "year":
        assert moved.earliest.year == y + amount
