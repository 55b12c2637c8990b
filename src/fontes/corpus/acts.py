"""One act told in other words: two claims that use one telling verb for what happened, done by
one doer ("Norland apologised" / "the government of Norland apologised"). Verbs and their doers
come from the claims' frames (analyze/frames.py: `acts`, `actors`); how rare a verb is, from the
collection (align.py counts the acts of all claims into `idf` under the ACT prefix)."""
from __future__ import annotations

from functools import lru_cache

from ..lexicon import load

ACT = "act:"  # prefix of a verb lemma's entry in `idf`
RARE_ACT = 3.0  # an act this rare (idf; in under 1 claim in 20) says what happened
PARAPHRASE = 0.5  # the least similarity at which one act of one doer told in other words agrees


@lru_cache(maxsize=1)
def _not_acts() -> set[str]:
    data = load("claims")
    return set(data["speech_verbs"]) | set(data["mind_verbs"]) | set(data["light_verbs"])


def shared_act(a: dict, b: dict, idf: dict[str, float], very_rare: float = RARE_ACT) -> str | None:
    """The rarest verb both claims use for what happened, leaving out verbs of saying, asking or
    thinking and light verbs, and verbs too common to be telling (in a small collection, a verb of a
    few claims is telling: `very_rare` is the idf of 3 claims); None when there is none."""
    acts = set(a["frame"].get("acts", [])) & set(b["frame"].get("acts", [])) - _not_acts()
    telling_acts = [v for v in acts if idf.get(ACT + v, 0) >= min(RARE_ACT, very_rare)]
    return max(telling_acts, key=lambda v: (idf.get(ACT + v, 0), v), default=None)


def doer(claim: dict, act: str) -> str | None:
    """Who does an act in a claim: the subject of its verb, or the claim's subject when the act is
    its main verb; None when the clause does not say (a pronoun, a passive without agent)."""
    frame = claim["frame"]
    return frame.get("actors", {}).get(act) or (frame.get("subject") if frame.get("predicate") == act else None)


def same_act(a: dict, b: dict, sim: float, idf: dict[str, float], same, very_rare: float = RARE_ACT) -> dict | None:
    """The same act told in other words, for two claims already known to share a participant: both
    use one telling verb for what happened, done by one doer (the same entity, or the same noun),
    and their sentences are alike. A corroboration with its reason and confidence, or None."""
    act = shared_act(a, b, idf, very_rare)
    if act is None or sim < PARAPHRASE or wished_in_one(a, b, act):
        return None
    doers = [doer(c, act) for c in (a, b)]
    if None in doers:  # one clause does not say who: then both must be about one subject
        doers = [a["frame"].get("subject"), b["frame"].get("subject")]
    if None in doers or not same(*doers):
        return None  # "he called" / "the proposal called for": one verb, but who did it is not one
    return {"relation": "corroboration", "explanation": f"the same act, “{act}” (similarity {sim:.2f})",
            "topic": act, "score": sim, "confidence": round(min(0.8, max(0.3, 2 * sim - 0.7)), 2),
            "matched": ["who", "event"]}


def wished_in_one(a: dict, b: dict, act: str | None) -> bool:
    """Whether one claim only wishes, plans or asks for the act the other says was done: "Britain
    called for Sinn Fein to be expelled" and "since Sinn Fein was expelled" are a request and its
    outcome, not one statement."""
    return act is not None and (act in a["frame"].get("wished", [])) != (act in b["frame"].get("wished", []))


def only_wished(claim: dict) -> bool:
    """Whether every act a claim tells (verbs of saying, asking or thinking and light verbs aside) is
    one it only wishes, plans or asks for: "Kissinger asked Meyer to identify the targets and report
    them" tells of a request, while "Meyer sent Kissinger a memorandum listing the targets" tells
    of what was done."""
    acts = set(claim["frame"].get("acts", [])) - _not_acts()
    return bool(acts) and acts <= set(claim["frame"].get("wished", []))


def two_doers(a: dict, b: dict, act: str | None, same) -> bool:
    """Whether both claims name who did their shared act, and they name two: "Dataproducts filed a
    suit" and "a suit filed by DPC" are two suits, however alike their words. Common nouns say too
    little ("the accord" and "the sale" may be one deal), and a name that begins another ("DPC",
    "DPC Acquisition Partners") may be its short form."""
    if act is None:
        return False
    doers = [doer(c, act) for c in (a, b)]
    if not all(d and d.startswith("e:") for d in doers) or same(*doers):
        return False
    x, y = sorted((d[2:].split() for d in doers), key=len)
    return y[:len(x)] != x
