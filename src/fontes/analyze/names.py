"""Name normalisation shared by resolution and alias search: the same name written with or
without diacritics, curly quotes, an article, a title or a possessive compares equal."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..lexicon import load

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"', "‐": "-", "‑": "-",
                         "–": "-", "—": "-"})
_UNDECOMPOSED = {"Đ": "D", "đ": "d", "Ø": "O", "ø": "o", "Ł": "L", "ł": "l", "ß": "s", "Æ": "A", "æ": "a",
                 "Œ": "O", "œ": "o", "Ŭ": "U", "ŭ": "u", "Ŏ": "O", "ŏ": "o"}


def fold_char(ch: str) -> str:
    """One character without its accents (length-preserving, so offsets survive folding)."""
    if ch in _UNDECOMPOSED:
        return _UNDECOMPOSED[ch]
    if ord(ch) < 128:
        return ch
    base = unicodedata.normalize("NFD", ch)[0]
    return base if ord(base) < 128 or base.isalpha() else ch


def fold(text: str) -> str:
    """The text with accents removed and quotes/dashes unified, character for character."""
    return "".join(fold_char(ch) for ch in text).translate(_QUOTES)


@lru_cache(maxsize=1)
def _titles() -> re.Pattern[str]:
    titles = sorted(load("entities")["titles"], key=len, reverse=True)
    return re.compile(r"^(?:(?:" + "|".join(re.escape(fold(t).lower()) for t in titles) + r")\s+)+")


@lru_cache(maxsize=1)
def _generic_suffix() -> re.Pattern[str]:
    words = "|".join(load("entities")["generic_suffixes"])
    return re.compile(rf"\s+(?:{words})$")


def normalize(name: str) -> str:
    """The comparison key of a name: folded, lower-case, without article, title or possessive."""
    key = " ".join(fold(name).lower().split())
    key = re.sub(r"^the\s+", "", key)
    key = re.sub(r"'s$|'$", "", key)
    titled = _titles().sub("", key)
    key = titled if titled else key
    return key.strip(" .,;:")


def place_key(key: str) -> str:
    """A place name's key without a generic word such as 'province'."""
    stripped = _generic_suffix().sub("", key)
    return stripped or key


def tokens(key: str) -> list[str]:
    return key.replace("-", " ").split()


def initials(key: str) -> str:
    """Initials of the significant words: 'democratic people's republic of korea' → 'dprk'."""
    stop = {"of", "the", "and", "for", "de", "du", "des", "la", "le", "to", "in", "on"}
    return "".join(w[0] for w in key.replace("'s", "").split() if w not in stop and w[0].isalpha())
