"""Opposed evaluations: one claim calls a thing what the other's words deny ("selfless" against
"self-interest", "success" against "failure"; the pairs of words are in data/claims.toml), or
denies outright what the other affirms ("he carried a message" against "he had no message")."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import load


def _pattern(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _opposed() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    return [(_pattern(pair["one"]), _pattern(pair["other"])) for pair in load("claims")["opposed"]]


@lru_cache(maxsize=1)
def _any_evaluation() -> re.Pattern[str]:
    """Every evaluative word of every pair in one pattern: most claims have none, and one search
    tells so."""
    return _pattern([w for pair in load("claims")["opposed"] for side in ("one", "other") for w in pair[side]])


def opposed(a: dict, b: dict, same) -> str | None:
    """One claim uses an evaluation the other contradicts ('selfless' / 'self-interest'), of the
    same subject where both subjects are known."""
    sa, sb = a["frame"].get("subject"), b["frame"].get("subject")
    if sa and sb and sa.startswith("e:") and sb.startswith("e:") and not same(sa, sb):
        return None
    ea, eb = _evaluations(a), _evaluations(b)
    for k in range(len(ea)):
        for x, y in ((ea, eb), (eb, ea)):
            first, second = x[k][0], y[k][1]
            if first and second and not y[k][0]:
                return f"“{first}” vs “{second}”"
    return None


def _evaluations(claim: dict) -> list[tuple[str | None, str | None]]:
    """For each pair of opposed evaluations, the words of either that the claim uses (None where it
    uses none); found once per claim, as a claim meets many others."""
    if "_evaluations" not in claim:
        text = claim["reading"]
        claim["_evaluations"] = ([(_found(one, text), _found(other, text)) for one, other in _opposed()]
                                 if _any_evaluation().search(text) else [(None, None)] * len(_opposed()))
    return claim["_evaluations"]


def _found(pattern, text: str) -> str | None:
    match = pattern.search(text)
    return match.group() if match else None


def denied(a: dict, b: dict) -> str | None:
    """What one claim denies and the other affirms: a verb negated in one ("did not sign") that the
    other uses without negation, or a noun one says there is none of ("he had no message") that
    the other names. Verbs of saying are left out ("did not say" denies no statement)."""
    for x, y in ((a, b), (b, a)):
        gone = set(x["frame"].get("denied", [])) - _speech()
        there = (set(y["frame"].get("acts", [])) | {_singular(t) for t in y["terms"]}) - set(y["frame"].get("denied", []))
        found = sorted(gone & there)
        if found:
            return found[0]
    return None


def negated_in_one(a: dict, b: dict) -> bool:
    """Whether a verb one claim negates anywhere is one the other uses without negation: "they do
    not view such aid as a burden" and "critics view the aid as a burden" are not one statement
    (nor, the negation being below the main verb, clearly a denial of it)."""
    for x, y in ((a, b), (b, a)):
        if set(x["frame"].get("negations", [])) & (set(y["frame"].get("acts", [])) - set(y["frame"].get("negations", []))):
            return True
    return False


@lru_cache(maxsize=1)
def _speech() -> frozenset[str]:
    return frozenset(load("claims")["speech_verbs"])


def _singular(term: str) -> str:
    """A claim's term as its lemma would be, near enough ("claims" → "claim"; terms are lower case)."""
    return term[:-1] if term.endswith("s") and not term.endswith("ss") and len(term) > 3 else term
