"""Figures as the store holds them (value, or low/high, a hedge, a unit, the noun counted): the
values a figure allows, the noun it counts, and how a reader would say it. Shared by alignment,
`ask`, the web views and the exports."""
from __future__ import annotations

import math
import re

COUNTABLE = {"people", "aircraft", "rubles", "won", "dollars", "yuan", "francs", "dong", "km", "miles",
             "square meters", "tons", "percent"}


def counted_head(counts: str | None) -> str:
    """The noun a quantity counts, singular: 'air force personnel' → 'personnel'."""
    word = (counts or "").split()[-1:] or [""]
    return re.sub(r"s$", "", word[0].lower())


def value_range(q: dict) -> tuple[float, float] | None:
    """The values a stated quantity allows: hedged figures by 15% either way, open bounds to infinity."""
    if q["value"] is not None:
        slack = 0.15 * q["value"] if q["approximate"] else 0
        return q["value"] - slack, q["value"] + slack
    if q["low"] is not None or q["high"] is not None:
        return (q["low"] if q["low"] is not None else -math.inf), (q["high"] if q["high"] is not None else math.inf)
    return None


def describe(q: dict) -> str:
    """A quantity as a reader would say it, with the noun it counts: 'about 90 pilots',
    '200-400 personnel', 'more than 300,000 personnel'."""
    number = lambda v: f"{v:,.0f}" if float(v).is_integer() else f"{v:,}"
    if q["value"] is not None:
        text = ("about " if q["approximate"] else "") + number(q["value"])
    elif q["low"] is not None and q["high"] is not None:
        text = f"{number(q['low'])}-{number(q['high'])}"
    elif q["low"] is not None:
        text = f"more than {number(q['low'])}"
    else:
        text = f"at most {number(q['high'])}"
    counted = counted_head(q["counts"])
    noun = counted + "s" if q["counts"] and q["counts"].split()[-1].lower().endswith("s") and not counted.endswith("s") \
        else (q["counts"].split()[-1].lower() if q["counts"] else "")
    if q.get("extent"):  # "an eight-year war": the war's length
        return f"{text} {q['unit']} ({q['measure']})"
    return f"{text} {noun or q['unit'] or ''}".strip()
