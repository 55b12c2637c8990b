"""Figure histories and the timeline's opening window, on small hand-made reports."""
from __future__ import annotations

from fontes import ask, histories
from fontes.web.timeline import window


def claim(cid: int, doc: int, reported: str | None, figures: list[tuple], entities=(1,)) -> dict:
    """A claim as the store gives it, with figures (value, low, high, approximate, counts)."""
    return {"id": cid, "doc_id": doc, "start": 0, "end": 10, "reported": reported, "entities": list(entities),
            "attribution": [{"role": "document", "name": f"doc {doc}"}],
            "quantities": [{"text": str(v or lo), "value": v, "low": lo, "high": hi, "approximate": a, "unit": "people",
                            "counts": counts} for v, lo, hi, a, counts in figures]}


TOLL = [claim(1, 1, "1998-08-07", [(None, 51, None, False, "people")]),
        claim(2, 2, "1998-08-08", [(80, None, None, True, "people")]),
        claim(3, 3, "1998-08-28", [(213, None, None, False, "people")])]


def test_a_toll_reported_on_three_days_rises_in_report_order():
    found = histories.history("people", histories.points(list(reversed(TOLL)), {1: "AP", 2: "AP", 3: "Reuters"}))
    assert [(p["day"], p["value"], p["low"], p["high"]) for p in found["points"]] == [
        ("1998-08-07", 51, 51, None), ("1998-08-08", 80, 68.0, 92.0), ("1998-08-28", 213, 213, 213)]
    assert found["sources"] == ["AP", "Reuters"]
    assert found["trend"] == "rose from more than 51 people on 7 August 1998 to 213 people three weeks later"


def test_figures_of_one_day_make_no_history():
    same_day = [claim(1, 1, "1998-08-07", [(5, None, None, False, "people")]),
                claim(2, 2, "1998-08-07", [(7, None, None, False, "people")])]
    assert histories.history("people", histories.points(same_day, {})) is None


def test_a_report_dated_by_month_counts_from_its_first_day():
    assert histories.report_day("2021-03").isoformat() == "2021-03-01"
    assert histories.report_day("1998") .isoformat() == "1998-01-01"
    assert histories.report_day(None) is None


def test_reports_on_unrelated_stories_are_not_one_history():
    kosovo = claim(1, 1, "1998-03-08", [(None, 51, None, False, "people")], entities=(7,))
    newark = claim(2, 2, "1998-02-12", [(4, None, None, False, "people")], entities=(9,))
    later = claim(3, 3, "1998-03-10", [(80, None, None, False, "people")], entities=(7, 8))
    assert [c["id"] for c in histories.connected([kosovo, newark, later])] == [1, 3]
    years_later = claim(4, 4, "2001-03-10", [(90, None, None, False, "people")], entities=(7,))
    assert [c["id"] for c in histories.connected([kosovo, years_later])] in ([1], [4])


def test_ask_states_how_the_figure_moved():
    found = ask.history_of(TOLL, "How many people were killed?")
    assert found["trend"].startswith("rose from more than 51 people on 7 August 1998")


def test_the_window_holds_nine_tenths_of_the_dates_and_leaves_a_stray_century_outside():
    starts = ["1000-01-01"] + [f"1998-0{m}-1{d}" for m in range(1, 10) for d in range(0, 5)] + ["2011-03-01"]
    found = window(starts)
    assert found["start"] <= "1998-01-10" and found["end"] >= "1998-07-14"
    assert found["start"] > "1990" and found["holds"] >= 0.9 * len(starts)
    assert found["before"] + found["after"] + found["holds"] == len(starts)
    assert found["earliest"] == "1000-01-01"
