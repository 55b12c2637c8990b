"""Judging two claims about one thing: corroboration or conflict, from the figures they state,
opposed evaluations, the same figure, the dates of the same kind of event, or close paraphrase,
with a one-line reason."""
from __future__ import annotations

import re
from functools import lru_cache

from ..figures import COUNTABLE, counted_head, describe, value_range
from ..lexicon import load


@lru_cache(maxsize=1)
def _opposed() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    def pattern(words: list[str]) -> re.Pattern[str]:
        return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.IGNORECASE)
    return [(pattern(pair["one"]), pattern(pair["other"])) for pair in load("claims")["opposed"]]


def time_range(t: dict | None) -> tuple[str, str] | None:
    """The first and last day a stored time allows, open ends filled with the ends of the calendar."""
    if not t or not (t.get("earliest") or t.get("latest")):
        return None
    return t.get("earliest") or "0000-01-01", t.get("latest") or "9999-12-31"


def compare_quantities(a: dict, b: dict) -> tuple[str, str, str] | None:
    """Corroboration or conflict from the numbers two claims state about the same kind of thing.
    Where several figures fit, one that agrees wins ("335 aircraft" and "335 aircraft lost, 1,097
    claimed"); a disagreement counts only between claims about the same kind of event."""
    best = None
    for qa in a["quantities"]:
        for qb in b["quantities"]:
            same_kind = qa["unit"] and qa["unit"] == qb["unit"] and qa["unit"] in COUNTABLE and \
                (counted_head(qa["counts"]) == counted_head(qb["counts"]) or qa["unit"] != "people")
            ra, rb = value_range(qa), value_range(qb)
            if not same_kind or ra is None or rb is None:
                continue
            agree = ra[0] <= rb[1] and rb[0] <= ra[1]
            found = ("corroboration" if agree else "conflict", f"{describe(qa)} {'and' if agree else 'vs'} {describe(qb)}",
                     qa["counts"] or qa["unit"])
            if agree:
                return found
            events_a, events_b = events_of(a), events_of(b)
            if best is None and (not events_a or not events_b or events_a & events_b):
                best = found
    return best


def events_of(claim: dict) -> set[str]:
    """The kinds of event a claim's words speak of."""
    words = set(re.findall(r"[a-z]+", claim["reading"].lower()))
    return {kind for kind, forms in _events().items() if words & forms}


def same_number(a: dict, b: dict) -> str | None:
    """The same figure (not a year, at least 10) stated in both claims: '14 and 14'."""
    values = {q["value"] for q in a["quantities"] if q["value"] and q["value"] >= 10}
    shared = [v for v in (q["value"] for q in b["quantities"]) if v in values]
    return f"{shared[0]:g} in both" if shared else None


@lru_cache(maxsize=1)
def _events() -> dict[str, set[str]]:
    return {kind: set(words) for kind, words in load("claims")["events"].items()}


def dated_events(claim: dict) -> set[str]:
    """The kinds of event (deployment, decision, disclosure, ...) the claim's date is the date of,
    from the verb the date hangs on; none for a hypothetical ('would send ... in 1967')."""
    time = claim["time"] or {}
    if time.get("hypothetical"):
        return set()
    words = set(time.get("event", []))
    return {kind for kind, forms in _events().items() if words & forms}


def _event_range(claim: dict) -> tuple[str, str] | None:
    """When the claim's dated event happened. 'Kept secret until 2000' and 'not acknowledged until
    1991' date a disclosure to the bound itself, not to everything before it."""
    bounds = time_range(claim["time"])
    if bounds and not claim["time"].get("earliest") and "disclosure" in dated_events(claim):
        return bounds[1][:4] + "-01-01", bounds[1]
    return bounds


def compare_times(a: dict, b: dict) -> tuple[str, str] | None:
    ta, tb = _event_range(a), _event_range(b)
    if not ta or not tb:
        return None
    agree = ta[0] <= tb[1] and tb[0] <= ta[1]
    label = lambda t, r: t.get("edtf") or f"{r[0]}/{r[1]}"
    return ("corroboration" if agree else "conflict",
            f"{label(a['time'], ta)} {'overlaps' if agree else 'vs'} {label(b['time'], tb)}")


def opposed(a: dict, b: dict) -> str | None:
    """One claim uses an evaluation the other contradicts ('selfless' / 'self-interest')."""
    for one, other in _opposed():
        for x, y in ((a, b), (b, a)):
            first, second = one.search(x["reading"]), other.search(y["reading"])
            if first and second and not one.search(y["reading"]):
                return f"“{first.group()}” vs “{second.group()}”"
    return None


def judge(a: dict, b: dict, sim: float, idf: dict[str, float], very_rare: float = 4.0) -> dict | None:
    """The relation between two claims, with the reason, or None when they are not about one thing.

    Evidence, strongest first: the numbers they state about the same kind of thing; opposed
    evaluations; the same figure; their dates, for claims close in meaning; close paraphrase.
    `sim` is the cosine of their sentence embeddings; shared rare words weigh by their idf, and a
    loose paraphrase must share at least one very rare word (idf of `very_rare` or more)."""
    shared_terms = sorted(set(a["terms"]) & set(b["terms"]), key=lambda t: (-idf.get(t, 0), t))
    rare = sum(idf.get(t, 0) for t in shared_terms if idf.get(t, 0) >= 2.0)
    shared_entities = bool(set(a["entities"]) & set(b["entities"]))
    topic = ", ".join(shared_terms[:3])
    numbers = compare_quantities(a, b)
    if numbers and shared_entities and sim >= (0.6 if numbers[0] == "conflict" else 0.5):
        return {"relation": numbers[0], "explanation": numbers[1], "topic": numbers[2] or topic, "score": sim + 0.3}
    contrary = opposed(a, b)
    if contrary and sim >= 0.45 and shared_entities:
        return {"relation": "conflict", "explanation": contrary, "topic": topic, "score": sim + 0.2}
    figure = same_number(a, b)
    if figure and sim >= 0.3 and shared_entities:
        return {"relation": "corroboration", "explanation": figure, "topic": topic, "score": sim + 0.2}
    dates = compare_times(a, b)
    same_event = dated_events(a) & dated_events(b)
    if dates and shared_entities and same_event and sim >= 0.5:
        return {"relation": dates[0], "explanation": f"{', '.join(sorted(same_event))}: {dates[1]}",
                "topic": ", ".join(sorted(same_event)), "score": sim + 0.1}
    rarest = max((idf.get(t, 0) for t in shared_terms), default=0)
    if sim >= 0.8 or (sim >= 0.7 and rare >= 4.0) or (sim >= 0.5 and rare >= 8.0 and rarest >= very_rare):
        return {"relation": "corroboration", "explanation": f"same statement (similarity {sim:.2f}; shared: {topic})",
                "topic": topic, "score": sim}
    return None
