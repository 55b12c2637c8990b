"""Numbers as people write them: numerals with thousands separators and number words
("eighty-seven", "thirty two", "one billion", "1.5 million"). Lexicon in data/numbers.toml."""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import load


@lru_cache(maxsize=1)
def words() -> dict[str, dict[str, int]]:
    data = load("numbers")
    return {key: data[key] for key in ("units", "tens", "scales", "collectives")}


@lru_cache(maxsize=1)
def word_pattern() -> str:
    """A regex for a run of number words such as 'two hundred and eighty-seven thousand'."""
    w = words()
    small = sorted(list(w["units"]) + list(w["tens"]), key=len, reverse=True)
    tens = "|".join(sorted(w["tens"], key=len, reverse=True))
    units = "|".join(sorted(w["units"], key=len, reverse=True))
    scales = "|".join(w["scales"])
    atom = rf"(?:(?:{tens})(?:[-\s](?:{units}))?|{'|'.join(small)}|a|an)"
    return rf"(?:{atom}(?:\s+(?:{scales}))*(?:(?:\s+and)?[\s-]+{atom}(?:\s+(?:{scales}))*)*|(?:{scales}))"


NUMERAL = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# A whole number and a fraction in halves to 32nds, as prices were quoted ("dropped 2 1/2 to 37 3/4"):
# other denominators read more often as dates or scores than as fractions.
FRACTION = r"\d{1,4}\s+(?:[13]/[248]|[1357]/8|(?:[13579]|1[13579])/16|(?:[13579]|[12][13579]|3[13])/32)(?![\d/])"


def parse_words(text: str) -> float | None:
    """Value of a run of number words; None when it is not one."""
    w = words()
    total, current, seen = 0, 0, False
    tokens = [t for t in re.split(r"[\s-]+", text.lower().strip()) if t not in ("and", "")]
    for k, token in enumerate(tokens):
        if token in ("a", "an"):
            if k + 1 < len(tokens) and tokens[k + 1] not in w["scales"]:
                continue  # the article of "a thirty-one man team", not the one of "a hundred"
            current, seen = max(current, 1), True
        elif token in w["units"]:
            current, seen = current + w["units"][token], True
        elif token in w["tens"]:
            current, seen = current + w["tens"][token], True
        elif token in w["scales"]:
            scale = w["scales"][token]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total, current = total + max(current, 1) * scale, 0
            seen = True
        else:
            return None
    return float(total + current) if seen else None


def parse_number(text: str) -> float | None:
    """Value of a numeral, optionally followed by a scale word ('1.5 million'), or of number words."""
    text = text.strip()
    if re.fullmatch(FRACTION, text):
        whole, fraction = text.split()
        over, under = fraction.split("/")
        return int(whole) + int(over) / int(under)
    match = re.fullmatch(rf"({NUMERAL})(?:\s+({'|'.join(words()['scales'])}))?", text, re.IGNORECASE)
    if match:
        value = float(match.group(1).replace(",", ""))
        return value * words()["scales"][match.group(2).lower()] if match.group(2) else value
    return parse_words(text)


def as_number(value: float | None) -> int | float | None:
    """An integer where the value is whole, for clean JSON."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value
