"""Bodies called by a short name: "Kyle" for "Kyle Technology Corp.", "Advanced Medical" for
"Advanced Medical Technologies Inc.", "ABC" for "ABC News". A name that opens a body's full name
(one ending in a designator such as Inc., Corp., Group or News) goes with the nearest such full name
in the same document, else with the one such full name in the corpus. What each document links is
kept, and redone only where the full names a name shortens changed."""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from ..analyze.names import tokens
from ..lexicon import load
from ..model import StoredMention
from .readings import Readings


# the labels of places and nationalities: a place never stands for a body it names ("Washington" is
# not the Washington Special Actions Group)
PLACES = ("NORP", "GPE", "LOC", "FAC")


@lru_cache(maxsize=1)
def _designators() -> frozenset[str]:
    return frozenset(load("entities")["designators"])


def _plain(word: str) -> str:
    return re.sub(r"['’]s$", "", word.rstrip("."))


def short_names(key: str) -> set[str]:
    """The short names of a full name key ("kyle technology corp." → kyle, kyle technology);
    empty when the key is no full name of a body."""
    words = [_plain(w) for w in tokens(key)]
    core = list(words)
    while core and core[-1] in _designators():
        core.pop()
    if len(core) == len(words) or not core:
        return set()
    return {" ".join(core[:i]) for i in range(1, len(core) + 1)}


def link(by_doc: dict[int, list[StoredMention]], keys: dict[int, str], plain_keys: Iterable[str],
         readings: Readings) -> tuple[dict[int, str], set[int] | None]:
    """Rewrite the keys of short names to their body's full name; return mention id → "alias", and
    the documents linked anew (None when all were: nothing was kept of the last run).
    `by_doc`: each document's model mentions by place; `plain_keys`: the name keys (without "n:")
    of the corpus's mentions that are no place or nationality. A document is linked as the last run
    linked it (kept in `readings`) unless one of its names shortens another set of full names now."""
    stems = {k: short_names(k) for k in plain_keys}
    owners: dict[str, set[str]] = defaultdict(set)
    for full, names in stems.items():
        for name in names:
            owners[name].add(full)
    plain_key = {k: " ".join(_plain(w) for w in tokens(k)) for k in stems}  # once per name, not per mention
    now = {name: sorted(fulls) for name, fulls in owners.items()}
    last = readings.last("short_names")
    changed = None if last is None else {n for n in now.keys() | last.keys() if now.get(n) != last.get(n)}
    readings.now["short_names"] = now
    why: dict[int, str] = {}
    redone = set()
    for doc_id, rows in by_doc.items():
        kept = readings.memo(doc_id).get("short_names")
        plain = None  # the document's mentions that are no place, looked for only when needed
        if kept is None or changed is None or changed:
            plain = [r for r in rows if keys[r.id].startswith("n:") and r.mention.label not in PLACES]
        if kept is None or changed is None or (changed and any(plain_key[keys[r.id][2:]] in changed for r in plain)):
            # kept even when the document links nothing, so that the next run knows it
            kept = _link_document(plain, keys, stems, owners, plain_key)
            readings.keep(doc_id, "short_names", kept)
            redone.add(doc_id)
        for mention_id, full in kept:
            keys[mention_id] = "n:" + full
            why[mention_id] = "alias"
    return why, None if changed is None else redone


def _link_document(plain: list[StoredMention], keys: dict[int, str], stems: dict[str, set[str]],
                   owners: dict[str, set[str]], plain_key: dict[str, str]) -> list[list]:
    """One document's short names (its mentions that are no place, by place) and the full name each
    stands for: the nearest such full name in the document, else the one in the corpus."""
    linked = []
    doc_rows = sorted(plain, key=lambda r: r.mention.start)
    fulls = [(r.mention.start, keys[r.id][2:]) for r in doc_rows if stems[keys[r.id][2:]]]
    for row in doc_rows:
        key = plain_key[keys[row.id][2:]]
        if stems.get(keys[row.id][2:]) or key not in owners or not (row.mention.name or "x")[0].isupper():
            continue
        here = [(start, full) for start, full in fulls if key in stems[full]]
        # "Montedison" is Montedison S.p.A. before it is Montedison Acquisition N.V.
        whole = [h for h in here if key == max(stems[h[1]], key=len)]
        here = whole or here
        before = [h for h in here if h[0] < row.mention.start]
        if before:
            full = before[-1][1]
        elif here:
            full = here[0][1]
        elif len(owners[key]) == 1 and row.mention.label == "ORG":
            full = next(iter(owners[key]))
        else:
            continue
        linked.append([row.id, full])
    return linked
