"""Bodies called by a short name: "Kyle" for "Kyle Technology Corp.", "Advanced Medical" for
"Advanced Medical Technologies Inc.", "ABC" for "ABC News". A name that opens a body's full name
(one ending in a designator such as Inc., Corp., Group or News) goes with the nearest such full name
in the same document, else with the one such full name in the corpus."""
from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from ..analyze.names import tokens
from ..lexicon import load
from ..model import StoredMention


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


def link(rows: list[StoredMention], keys: dict[int, str]) -> dict[int, str]:
    """Rewrite the keys of short names to their body's full name; return mention id → "alias"."""
    # a place never stands for a body it names ("Washington" is not the Washington Special Actions Group)
    plain = [r for r in rows if keys[r.id].startswith("n:") and r.mention.label not in ("NORP", "GPE", "LOC", "FAC")]
    stems = {k: short_names(k) for k in {keys[r.id][2:] for r in plain}}
    owners: dict[str, set[str]] = defaultdict(set)
    for full, names in stems.items():
        for name in names:
            owners[name].add(full)
    why: dict[int, str] = {}
    by_doc: dict[int, list[StoredMention]] = defaultdict(list)
    for row in plain:
        by_doc[row.doc_id].append(row)
    plain_key = {k: " ".join(_plain(w) for w in tokens(k)) for k in stems}  # once per name, not per mention
    for doc_rows in by_doc.values():
        doc_rows.sort(key=lambda r: r.mention.start)
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
            keys[row.id] = "n:" + full
            why[row.id] = "alias"
    return why
