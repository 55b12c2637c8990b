"""One referent under two resolved entities, for judging whether two claims are about one thing.
Resolution keeps apart what it cannot prove one ("Kellogg" read as a person in one story and
"Kellogg Co." as a company in another; "Iraq" the state and "Iraqis" its people); a claim about the
one and a claim about the other still speak of one party. Two entities are kin here when one name
is the other with its designator dropped (Inc., Corp., Co.: data/entities.toml), or one is the
nationality word of the other (the gazetteer's demonyms, or the name with a demonym ending:
Iraq → Iraqi, Japan → Japanese)."""
from __future__ import annotations

from functools import lru_cache

from ..analyze.names import normalize
from ..lexicon import load
from .short_names import short_names

ROOT_LETTERS = 4  # a shorter root ("Ira" in "Iraqi") too often begins an unrelated word


@lru_cache(maxsize=1)
def _endings() -> tuple[str, ...]:
    return tuple(sorted(load("entities")["demonym_endings"], key=len, reverse=True))


@lru_cache(maxsize=1)
def _gazetteer_demonyms() -> dict[str, str]:
    """Nationality word → the state's name, lower case, from the gazetteer."""
    return {normalize(d): normalize(entry["name"]) for entry in load("gazetteer")["entity"]
            for d in entry.get("demonyms", [])}


def _core(name: str) -> str:
    """A body's name without its designator ("kellogg co." → "kellogg"); the name itself if none."""
    key = normalize(name)
    return max(short_names(key), key=len, default=key)


def _root(core: str, cores: dict[str, int]) -> str | None:
    """The state a nationality word stands for, if the corpus names it ("iraqis" → "iraq")."""
    if core in _gazetteer_demonyms() and _gazetteer_demonyms()[core] in cores:
        return _gazetteer_demonyms()[core]
    if " " in core:
        return None
    for ending in _endings():
        root = core[:-len(ending)]
        if core.endswith(ending) and len(root) >= ROOT_LETTERS and root in cores:
            return root
    return None


def kin(entity_names: list[tuple[int, str, list[str]]]) -> dict[int, int]:
    """Entity id → the id that stands for its referent, for every entity with a kin (most mentioned
    first, as `Store.entity_names` orders them: the first of a referent's entities stands for it)."""
    cores: dict[str, int] = {}
    for entity_id, name, _ in entity_names:
        cores.setdefault(_core(name), entity_id)
    found = {}
    for entity_id, name, _ in entity_names:
        core = _core(name)
        root = _root(core, cores)
        stands = cores[root] if root else cores[core]
        if stands != entity_id:
            found[entity_id] = stands
    return {e: found.get(s, s) for e, s in found.items()}
