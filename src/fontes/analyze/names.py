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
    # only the characters folding can change are visited, each folded once per run: resolution
    # folds every document of the corpus
    if text.isascii() and "`" not in text:
        return text
    return _FOLDABLE.sub(lambda m: _fold_one(m.group()), text)


_FOLDABLE = re.compile(r"[^\x00-\x7f]|`")


@lru_cache(maxsize=65536)
def _fold_one(ch: str) -> str:
    return fold_char(ch).translate(_QUOTES)


@lru_cache(maxsize=1)
def _titles() -> re.Pattern[str]:
    titles = sorted(load("entities")["titles"], key=len, reverse=True)
    return re.compile(r"^(?:(?:" + "|".join(re.escape(fold(t).lower()) for t in titles) + r")\s+)+")


@lru_cache(maxsize=1)
def _vessel_prefix() -> re.Pattern[str]:
    """A ship's prefix at the start of a folded, lower-case name ("u.s.s. ")."""
    prefixes = sorted((re.escape(p.lower()) for p in load("entities")["vessel_prefixes"]), key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(prefixes) + r")\s+(?=\w)")


@lru_cache(maxsize=1)
def _generic_suffix() -> re.Pattern[str]:
    words = "|".join(load("entities")["generic_suffixes"])
    return re.compile(rf"\s+(?:{words})$")


@lru_cache(maxsize=65536)  # the same names are normalised again and again across a corpus
def normalize(name: str) -> str:
    """The comparison key of a name: folded, lower-case, without article, title or possessive."""
    key = " ".join(fold(name).lower().split())
    key = re.sub(r"^the\s+", "", key)
    key = _vessel_prefix().sub("", key)
    key = re.sub(r"'s$|'$", "", key)
    titled = _titles().sub("", key)
    key = titled if titled and not is_body_name(key) else key
    return key.strip(" .,;:")


def is_body_name(name: str) -> bool:
    """Whether a name of two words or more ends in a body's designator ("General Motors Corp.",
    "Sansui Electric Co.": data/entities.toml): a body's, whatever title word opens it."""
    words = name.split()
    last = re.sub(r"['’]s$", "", words[-1].rstrip(".,")).lower() if len(words) > 1 else ""
    return last in load("entities")["designators"]


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


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """Lower-case title words: nameparser's list (ranks, offices, honorifics) with ours."""
    from nameparser.config import CONSTANTS
    entities = load("entities")
    ours = {fold(w).lower().rstrip(".") for w in [*entities["extra_titles"], *entities["titles"]] for w in w.split()}
    return frozenset({t.lower() for t in CONSTANTS.titles} | ours | set(entities["title_abbreviations"]))


def is_title_word(word: str) -> bool:
    """Whether a word is a title, rank or office word ("Adm.", "Secretary", "FonMin")."""
    return fold(word).lower().rstrip(".,") in _title_words()


_WORD = re.compile(r"[\w.'’-]+")
_JOINERS = {"of", "the", "for", "on"}
_NOT_KINDS = {"his", "her", "excellency", "mr", "mrs", "ms", "dr", "vice", "under", "acting", "deputy", "assistant",
              "former", "messrs", "the", "hon", "honorable", "honourable"}


def title_before(text: str, start: int, reach: int = 80) -> str:
    """The title or office written just before a name ("Director of Central Intelligence" before
    "Helms", "Vice Adm." before "Nels C. Johnson"), or ''. Office words after "of" are kept
    only when a title word opens the phrase."""
    window = text[max(0, start - reach):start]
    if window and not window[-1].isspace():
        return ""
    words = [m for m in _WORD.finditer(window)]
    if not words or words[-1].end() < len(window.rstrip()) or "\n" in window[words[-1].end():]:
        return ""  # punctuation or a line break between the words before and the name
    phrase: list[str] = []
    for m in reversed(words):
        w = m.group()
        gap = window[m.end():words[words.index(m) + 1].start()] if m is not words[-1] else ""
        if "\n" in gap or any(ch in gap for ch in ",;:()"):
            break
        if not (w[:1].isupper() or w.lower() in _JOINERS):
            break
        phrase.insert(0, w)
    while phrase and not is_title_word(phrase[0]):
        phrase.pop(0)
    return " ".join(phrase)


def title_kinds(title: str) -> set[str]:
    """The title words of a title phrase in one spelling ("Vice Adm." → {"vice", "admiral"})."""
    abbreviations = load("entities")["title_abbreviations"]
    kinds = set()
    for word in title.split():
        key = fold(word).lower().rstrip(".,")
        # modifiers and honorifics say nothing about which office it is
        if key in _JOINERS or key in _NOT_KINDS:
            continue
        if is_title_word(key):
            kinds.add(abbreviations.get(key, key))
    return kinds
