"""Names of vessels and numbered units as they are written: a ship's prefix ("USS", "H.M.S.") or a
unit's ordinal ("64th Fighter Aviation Corps") that the model left outside the name is taken in."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import load

_ORDINAL = re.compile(r"(?<![\w.])\d{1,4}(?:st|nd|rd|th)\s+$")


@lru_cache(maxsize=1)
def _prefix_before() -> re.Pattern[str]:
    prefixes = "|".join(re.escape(p) for p in sorted(load("entities")["vessel_prefixes"], key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{prefixes})\s+$")


@lru_cache(maxsize=1)
def _prefix_inside() -> re.Pattern[str]:
    prefixes = "|".join(re.escape(p) for p in sorted(load("entities")["vessel_prefixes"], key=len, reverse=True))
    return re.compile(rf"(?:{prefixes})\s+(?=[A-Z])")


def has_prefix(name: str) -> bool:
    """Whether a name opens with a vessel's prefix ("USS Kestrel")."""
    return bool(_prefix_inside().match(name))


def strip_prefix(name: str) -> str:
    """A vessel's name without its prefix ("U.S.S. Kestrel" → "Kestrel")."""
    match = _prefix_inside().match(name)
    return name[match.end():] if match else name


def widen(text: str, start: int, end: int, label: str) -> tuple[int, int, str]:
    """The span with the prefix or ordinal before it taken in, and the label a prefix gives."""
    before = text[max(0, start - 12):start]
    prefix = _prefix_before().search(before)
    if prefix and text[start:start + 1].isupper():
        return start - (len(before) - prefix.start()), end, "VESSEL"
    if has_prefix(text[start:end]):
        return start, end, "VESSEL"
    ordinal = _ORDINAL.search(before)
    if ordinal and label in ("ORG", "FAC", "NORP", "PRODUCT"):
        return start - (len(before) - ordinal.start()), end, "ORG" if label == "NORP" else label
    return start, end, label


def named(text: str) -> list[tuple[int, int]]:
    """Every prefixed vessel name in a text ("HMS Albatross"), whether or not the model saw it."""
    pattern = re.compile(rf"(?<![\w.])(?:{_prefix_inside().pattern})[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,2}}")
    return [m.span() for m in pattern.finditer(text)]
