"""The timeline: dated statements in order, labelled at their true precision (a season reads as
a season, not a fake day), as text rows, TimelineJS JSON or CSV."""
from __future__ import annotations

import calendar
import csv
import io
import re
from datetime import date

SEASON_BY_MONTH = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}
THIRDS = {37: "early", 38: "mid", 39: "late"}


def label(event: dict) -> str:
    """How a reader would say the interval: '1 August 1957', 'April 1965', 'autumn 1966', '1960s'."""
    first = date.fromisoformat(event["earliest"]) if event.get("earliest") else None
    last = date.fromisoformat(event["latest"]) if event.get("latest") else None
    edtf = (event.get("edtf") or "").rstrip("~")
    approx = "c. " if event.get("approximate") else ""
    if first is None and last is not None:
        return f"before {_day(last)}"
    if last is None:
        return f"since {_day(first)}" if first else "undated"
    if event.get("precision") == "season":
        return f"{approx}{SEASON_BY_MONTH[first.month]} {first.year}"
    code = re.fullmatch(r"\d{4}-(\d{2})", edtf)
    if code and int(code.group(1)) in THIRDS:
        return f"{approx}{THIRDS[int(code.group(1))]} {first.year}"
    if edtf.endswith("XX"):
        return f"{approx}{first.year // 100 + 1}th century"
    if edtf.endswith("X"):
        return f"{approx}{first.year}s"
    return approx + _range(first, last)


def _day(d: date) -> str:
    return f"{d.day} {calendar.month_name[d.month]} {d.year}"


def _range(first: date, last: date) -> str:
    whole_years = (first.month, first.day, last.month, last.day) == (1, 1, 12, 31)
    whole_months = first.day == 1 and last.day == calendar.monthrange(last.year, last.month)[1]
    if whole_years:
        return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
    if whole_months:
        start = f"{calendar.month_name[first.month]} {first.year}"
        end = f"{calendar.month_name[last.month]} {last.year}"
        return start if start == end else f"{start} – {end}"
    return _day(first) if first == last else f"{_day(first)} – {_day(last)}"


def _timelinejs_date(iso: str | None, precision: str, end: bool) -> dict | None:
    if not iso:
        return None
    d = date.fromisoformat(iso)
    parts = {"year": d.year}
    if precision in ("day", "month", "season"):
        parts["month"] = d.month
    if precision == "day":
        parts["day"] = d.day
    return parts


def timelinejs(events: list[dict], title: str = "fontes timeline") -> dict:
    """TimelineJS 3 JSON: one slide per dated statement, grouped by source document."""
    slides = []
    for e in events:
        # TimelineJS needs a start: an open start ("until 1991") is placed at its known end
        slide = {"start_date": _timelinejs_date(e["earliest"] or e["latest"], e["precision"], False),
                 "display_date": label(e),
                 "text": {"headline": e["text"].replace("\n", " "), "text": e["sentence"]},
                 "group": e.get("title") or e["path"],
                 "unique_id": f"t{e['id']}"}
        if e.get("earliest") and e.get("latest") and e["latest"] != e["earliest"]:
            slide["end_date"] = _timelinejs_date(e["latest"], e["precision"], True)
        slides.append(slide)
    return {"title": {"text": {"headline": title, "text": f"{len(slides)} dated statements"}}, "events": slides}


FIELDS = ["label", "earliest", "latest", "precision", "approximate", "edtf", "text", "doc", "start", "end", "sentence"]


def to_csv(events: list[dict]) -> str:
    """One row per dated statement, with its place in the source."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS)
    writer.writeheader()
    for e in events:
        writer.writerow({**{k: e.get(k) for k in FIELDS}, "label": label(e), "doc": f"d{e['doc_id']}"})
    return out.getvalue()
