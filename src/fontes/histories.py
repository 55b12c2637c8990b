"""Figure histories: each value reported for a quantity (with the bounds it allows) against the date of
the report that gives it, source by source, so that a toll that rose as the days passed reads as a
rise and not as a disagreement. Shared by `ask`, the web's answer, group and entity views."""
from __future__ import annotations

import math
from collections import Counter
from datetime import date
from typing import Callable

from .citation import when
from .figures import counted_head, describe, value_range

NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def points(claims: list[dict], sources: dict[int, str], fits: Callable[[dict], bool] | None = None) -> list[dict]:
    """One point per figure of the claims (those `fits` accepts): its value, its bounds (None where
    open), the report's date and the source, in the order of the reports."""
    found = []
    for c in claims:
        for q in c["quantities"]:
            if fits is not None and not fits(q):
                continue
            bounds = value_range(q)
            if bounds is None:
                continue
            low, high = (None if math.isinf(b) else b for b in bounds)
            value = q["value"] if q["value"] is not None else q["low"] if q["low"] is not None else q["high"]
            day = report_day(c.get("reported"))
            found.append({"reported": (c.get("reported") or "")[:10] or None, "day": day and day.isoformat(),
                          "value": value, "low": low, "high": high,
                          "label": describe(q), "text": q["text"], "claim_id": c["id"], "doc_id": c["doc_id"],
                          "source": _source(c, sources),
                          "link": f"/doc/{c['doc_id']}?mark={c['start']}-{c['end']}#target"})
    return sorted(found, key=lambda p: (p["day"] or "9999", p["value"], p["claim_id"]))


def report_day(published: str | None) -> date | None:
    """The day a report came out, or the first day of its month or year when only those are known."""
    parts = (published or "")[:10].split("-")
    try:
        numbers = [int(p) for p in parts] + [1] * (3 - len(parts))
        return date(*numbers[:3])
    except (TypeError, ValueError):
        return None


def _source(claim: dict, sources: dict[int, str]) -> str:
    """Who gives a figure: a speaker or work named in the claim, else the document's outlet or title."""
    named = [link["name"] for link in claim.get("attribution") or [] if link["role"] in ("speaker", "cited_work", "archive")]
    return named[0] if named else sources.get(claim["doc_id"], f"d{claim['doc_id']}")


def history(measure: str, found: list[dict]) -> dict | None:
    """A figure's history when its values were reported on more than one day, else None."""
    dated = [p for p in found if p["day"]]
    if len({p["day"] for p in dated}) < 2:
        return None
    return {"measure": measure, "points": dated, "sources": list(dict.fromkeys(p["source"] for p in dated)),
            "trend": trend(dated)}


def trend(dated: list[dict]) -> str:
    """How the figure moved from the first report to the last: 'rose from more than 51 people on
    8 March 1998 to 80 people three weeks later'."""
    first_day, last_day = dated[0]["day"], dated[-1]["day"]
    first = max((p for p in dated if p["day"] == first_day), key=lambda p: p["value"])
    last = max((p for p in dated if p["day"] == last_day), key=lambda p: p["value"])
    verb = "rose" if last["value"] > first["value"] else "fell" if last["value"] < first["value"] else "stayed"
    later = _later(date.fromisoformat(first_day), date.fromisoformat(last_day))
    start = f"from {first['label']} on {when(first['reported'])}"
    if verb == "stayed":
        return f"stayed at {first['label']} from {when(first['reported'])} to {later}"
    return f"{verb} {start} to {last['label']} {later}"


def _later(a: date, b: date) -> str:
    days = (b - a).days
    if days == 1:
        return "a day later"
    if days < 14:
        return f"{_count(days)} days later"
    if days < 60:
        return f"{_count(round(days / 7))} weeks later"
    if days < 730:
        return f"{_count(round(days / 30.4))} months later"
    return f"{_count(round(days / 365.25))} years later"


def _count(n: int) -> str:
    return NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else str(n)


def of_group(claims: list[dict], sources: dict[int, str]) -> dict | None:
    """The history of the figure a group of claims is about: the counted noun (or unit) most of its
    claims give a figure for."""
    heads = Counter(_measure(q) for c in claims for q in {_measure(q): q for q in c["quantities"]}.values())
    if not heads:
        return None
    measure = heads.most_common(1)[0][0]
    return history(measure, points(claims, sources, lambda q: _measure(q) == measure))


def of_claims(claims: list[dict], sources: dict[int, str], most: int = 3) -> list[dict]:
    """Histories of the figures a set of claims gives on more than one report day (an entity's claims),
    those with the most reports first."""
    by_measure: dict[str, list[dict]] = {}
    for p, q in ((p, q) for c in claims for q in c["quantities"] for p in points([{**c, "quantities": [q]}], sources)):
        by_measure.setdefault(_measure(q), []).append(p)
    found = [history(m, sorted(ps, key=lambda p: (p["day"] or "9999", p["value"]))) for m, ps in by_measure.items()]
    found = [h for h in found if h]
    return sorted(found, key=lambda h: (-len(h["points"]), h["measure"]))[:most]


STORY_DAYS = 31  # reports further apart than this are not read as one story's updates


def connected(claims: list[dict]) -> list[dict]:
    """The largest set of claims linked by the entities they name (two claims reported within a month
    of each other that name a common entity are linked, and so on through the set): the claims most
    likely to report on one story."""
    parent = {c["id"]: c["id"] for c in claims}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(claims):
        for b in claims[i + 1:]:
            if set(a.get("entities") or []) & set(b.get("entities") or []) and _close(a, b):
                parent[root(a["id"])] = root(b["id"])
    sets: dict[int, list[dict]] = {}
    for c in claims:
        sets.setdefault(root(c["id"]), []).append(c)
    return max(sets.values(), key=lambda s: (len({c.get("reported") for c in s}), len(s)), default=[])


def _close(a: dict, b: dict) -> bool:
    """Whether two claims were reported within STORY_DAYS of each other (undated ones are not)."""
    first, second = report_day(a.get("reported")), report_day(b.get("reported"))
    return bool(first and second) and abs((second - first).days) <= STORY_DAYS


def _measure(q: dict) -> str:
    return counted_head(q["counts"]) or q["unit"] or "figure"
