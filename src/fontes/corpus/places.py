"""Where two claims put one event. Two claims about the same event (one kind of event or one
telling act, a shared participant, times that can meet) agree on its place when they name the same
place or one the text says contains the other ("in Dunmore, Calder" and "at Dunmore"), or both put
it in international waters; they disagree when one puts it inside a state's limits (its air space,
its territorial waters) and the other outside them. Two different named places are left alone: the
text rarely says enough to tell a town in a region from two towns. The places come from the claims'
frames (analyze/places.py)."""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from ..lexicon import load
from .acts import shared_act, wished_in_one

ZONES = {"national": "inside a state's limits", "international": "in international waters"}
PLACE_SIM = 0.45  # the least sentence similarity at which two claims' places are compared
LOOSE_SIM = 0.2   # ... where the event's days are known to meet


@lru_cache(maxsize=1)
def _recurring() -> set[str]:
    return set(load("claims")["recurring"])


def compare_places(a: dict, b: dict, sim: float, idf: dict[str, float], very_rare: float, same, kinds_of,
                   event_range) -> dict | None:
    """Corroboration or conflict from where two claims put one event, with reason and confidence;
    None when they name no comparable places or are not known to tell one event. `kinds_of(words)`
    gives the kinds of event some words speak of; `event_range(claim)` the first and last day of
    the claim's event, or None when it is undated."""
    wa, wb = a["frame"].get("where", []), b["frame"].get("where", [])
    if not wa or not wb or sim < LOOSE_SIM:
        return None
    kinds = kinds_of(_words(a)) & kinds_of(_words(b))
    act = shared_act(a, b, idf, very_rare)
    if (not kinds and not act) or wished_in_one(a, b, act):
        return None  # "instructions to destroy any aircraft outside its air space" is no report of a shootdown
    ra, rb = event_range(a), event_range(b)
    if not act and kinds <= _recurring() and (ra is None or rb is None):
        # "after a meeting at his home, X said", "the shootdown of the plane": of the report's day
        # or the day before
        ra, rb = ra or _news_days(a), rb or _news_days(b)
    when = None if ra is None or rb is None else ra[0] <= rb[1] and rb[0] <= ra[1]
    if when is False or (not act and kinds <= _recurring() and not when):
        return None  # two meetings in one town are two meetings, unless dated alike
    if sim < PLACE_SIM and not when:
        return None  # told in other words, the same place must come with the same days
    what = act or ", ".join(sorted(kinds))
    # a zone is said of the incident as a whole ("entered its waters and was seized"); a named
    # place only of the verb it hangs on: "maintain forces in X" and "call for troops in X" are not one act
    za, zb = {w["zone"] for w in wa if "zone" in w}, {w["zone"] for w in wb if "zone" in w}
    wa = [w for w in wa if w["at"] == act or kinds_of([w["at"]]) & kinds]
    wb = [w for w in wb if w["at"] == act or kinds_of([w["at"]]) & kinds]
    if len(za) == 1 and len(zb) == 1 and za != zb:
        return _verdict("conflict", f"{what}: {ZONES[min(za)]} vs {ZONES[min(zb)]}", what, sim, ["event", "where"])
    if za & zb == {"international"}:
        return _verdict("corroboration", f"{what}: in international waters in both", what, sim, ["event", "where"])
    na, nb = _named(wa), _named(wb)
    shared = sorted(x for x in na for y in nb if x == y or same("e:" + x, "e:" + y))
    if shared:
        return _verdict("corroboration", f"{what}: in {shared[0]} in both", what, sim, ["event", "where"])
    return None


def _news_days(claim: dict) -> tuple[str, str] | None:
    """The day a claim was reported and the day before: when a report's undated past event happened."""
    try:
        day = date.fromisoformat((claim.get("reported") or "")[:10])
    except ValueError:
        return None  # no report date, or only a year or a month
    return (day - timedelta(days=1)).isoformat(), day.isoformat()


def _words(claim: dict) -> list[str]:
    """The words that can say what the claim's events are: its verbs and the words its places hang on."""
    return list(claim["frame"].get("acts", [])) + [w["at"] for w in claim["frame"].get("where", [])]


def _named(where: list[dict]) -> set[str]:
    """The named places an event is put in, with the places the text says contain them, lower-cased."""
    return {p.lower() for w in where if w.get("place") and not w.get("outside") for p in [w["place"], *w["within"]]}


def _verdict(relation: str, explanation: str, topic: str, sim: float, matched: list[str]) -> dict:
    return {"relation": relation, "explanation": explanation, "topic": topic,
            "confidence": round(min(0.85, max(0.3, 2 * sim - 0.6)), 2), "matched": matched}
