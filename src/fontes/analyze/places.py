"""Where a claim's events happened, from its parse: each place a locative preposition ("in", "at",
"off", "over", "outside", ...) hangs on a verb or a noun of the clause, or a zone a verb of entering
takes as its object ("entered its air space"). A named place (a GPE, LOC or FAC mention in the
preposition's phrase) keeps the places the text says contain it ("Dunmore, Calder"); a zone is
either inside a state's limits (its air space, its territorial waters) or outside every state's
(international waters), and "outside"/"beyond" turn the one into the other.

The words are in data/places.toml; corpus/places.py compares the places of two claims.
"""
from __future__ import annotations

from functools import lru_cache

from ..lexicon import load
from ..model import Mention

PLACE_LABELS = {"GPE", "LOC", "FAC"}
NOT_PLACES = {"NORP", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "EVENT", "LAW",
              "LANGUAGE", "WORK_OF_ART"}


@lru_cache(maxsize=1)
def _words() -> dict:
    data = load("places")
    return {"locative": set(data["locative"]), "outside": set(data["outside"]), "entering": set(data["entering"]),
            "national": tuple(data["zones"]["national"]), "international": tuple(data["zones"]["international"])}


def places_of(clause, spans: dict, names: list[Mention]) -> list[dict]:
    """The places of a clause's events, in reading order: for each, the word it hangs on (`at`: a
    verb or noun lemma), the preposition (`via`), and either a named place (`place`, with the
    places said to contain it in `within`) or a zone (`zone`: "national" or "international").
    Places of what is denied, planned or wished ("did not enter its waters", "should send forces
    into X", "consideration should be given to sending forces into X") are left out: they say
    where nothing happened."""
    words = _words()
    places = [m for m in names if m.label in PLACE_LABELS]
    others = [m for m in names if m.label not in PLACE_LABELS and m.label not in NOT_PLACES]
    found = []
    for token in clause:
        if token.i not in spans or token.head.i not in spans or token.head.pos_ not in ("VERB", "AUX", "NOUN"):
            continue
        if token.dep_ == "prep" and token.lower_ in words["locative"]:
            objects = [c for c in token.children if c.dep_ == "pobj" and c.i in spans]
            via = token.lower_
        elif token.dep_ == "dobj" and token.head.lemma_.lower() in words["entering"]:
            objects, via = [token], "into"
        else:
            continue
        if _wished(token.head) or any(c.dep_ == "neg" for c in token.head.children):
            continue  # where nothing happened: "did not enter its waters", "should send forces into X"
        for obj in objects:
            place = _place(obj, via, spans, places, others, words)
            if place:
                found.append({"at": _at(token.head), "via": via, **place})
    return found


def _place(obj, via: str, spans: dict, places: list[Mention], others: list[Mention], words: dict) -> dict | None:
    """What one object of a locative names: a zone, else a named place in its own phrase (not in
    a phrase of its own preposition: "court in Los Angeles" is the place of that "in")."""
    own = [t for t in obj.subtree if t.i in spans and not _under_prep(t, obj)]
    phrase = " ".join(t.lower_ for t in own if t.i <= obj.i)
    for zone in ("international", "national"):
        if any(z in phrase for z in words[zone]):
            inside = zone == "national"
            if via in words["outside"]:
                inside = False
            return {"zone": "national" if inside else "international"}
    # a name the entity model took for something else still names a place where it is the
    # preposition's object or a word before it ("in Dunmore", "at her Dunmore home")
    heads = [obj] + [c for c in obj.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    for t in own:
        start, end = spans[t.i]
        named = next((m for m in places if m.start <= start and end <= m.end), None) or \
            (next((m for m in others if m.start <= start and end <= m.end), None) if t in heads else None)
        if named is not None:
            head = next((u for u in own if named.start <= spans[u.i][0] and spans[u.i][1] <= named.end
                         and not (u.head.i in spans and named.start <= spans[u.head.i][0] < named.end)), t)
            within = [u for u in head.children if u.dep_ == "appos" and u.pos_ == "PROPN"]
            return {"place": named.name or named.text, "within": [u.text for u in within],
                    "outside": via in words["outside"]}
    return None


def _at(head) -> str:
    """The word a place is of: the word its preposition hangs on, or for a noun that is the object
    of another noun's "of" ("the shootdown of an aircraft over X"), that other noun."""
    if head.pos_ == "NOUN" and head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
        head = head.head.head
    return head.lemma_.lower()


@lru_cache(maxsize=1)
def _projecting() -> tuple[frozenset[str], frozenset[str]]:
    data = load("claims")
    return frozenset(data["projections"]), frozenset(data["projecting_modals"])


def _wished(word) -> bool:
    """Whether a word is of a plan, a wish or a forecast: it or a word a few steps above it has a
    modal ("should send", "should be given to sending") or is a verb of intending ("plans to send")."""
    words, modals = _projecting()
    for _ in range(4):
        if word.lemma_.lower() in words or any(c.dep_ == "aux" and c.lower_ in modals for c in word.children):
            return True
        if word.head.i == word.i:
            return False
        word = word.head
    return False


def _under_prep(token, top) -> bool:
    """Whether a token of `top`'s subtree sits under a preposition of its own below `top`."""
    while token.i != top.i:
        if token.dep_ == "prep":
            return True
        token = token.head
    return False
