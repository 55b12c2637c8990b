"""Opposed evaluations: one claim calls a thing what the other's words deny ("selfless" against
"self-interest", "success" against "failure"); the pairs of words are in data/claims.toml."""
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
