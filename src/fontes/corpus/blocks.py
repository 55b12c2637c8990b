"""The blocks alignment compares claims within: each claim's keys (its words, the entities it names,
its numbers, counted things, years, kinds of dated event, and its verbs of action for counting how
rare they are) are written to the store once, when the claim is first aligned, and kept up to date as
documents come and go. A claim that repeats the sentence of another document is a copy: it stands
in no block but its sentence's own, so that what is compared is the same however the corpus was
ingested. Work and memory are those of the claims added, removed or changed, not of the corpus.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from itertools import chain

from ..figures import COUNTABLE, counted_head
from ..store import Store
from .compare import dated_events, time_range

COPY = "x|"  # prefix of the key of a claim's sentence (its words, lower case), shared by its copies
SHORTEST_COPY = 40  # a sentence of fewer characters repeated in two documents is a formula, not a copy


def years_around(time: dict | None) -> range:
    """The years a claim's time touches, with one either side (for claims dated a little apart)."""
    bounds = time_range(time)
    if not bounds:
        return range(0)
    first = int(bounds[0][:4]) if bounds[0] != "0000-01-01" else int(bounds[1][:4])
    last = int(bounds[1][:4]) if bounds[1] != "9999-12-31" else first
    return range(first - 1, last + 2) if last - first <= 6 else range(0)


def sentence_words(reading: str) -> str:
    """A claim's words in lower case, one space apart: what two copies of one sentence share."""
    return " ".join(re.findall(r"\w+", reading.lower()))


def copy_key(reading: str) -> str | None:
    """The key a claim shares with every copy of its sentence; None for a sentence too short to count."""
    words = sentence_words(reading)
    return COPY + hashlib.sha1(words.encode()).hexdigest() if len(words) > SHORTEST_COPY else None


def keys_of(claim: dict, entity_keys: dict[int, str]) -> set[str]:
    """Every block a compared claim falls in: t| a word, e| an entity (by its key, which outlives its
    id), v| a stated number of at least 10, q| a countable unit and what it counts, y| a year, k| a
    kind of dated event, z| the claims that put an event in a zone (a state's waters or air space,
    international waters: few claims say it, and two that do may dispute where one incident
    happened); and a| each verb of action, kept to count how rare it is (no block is made of it)."""
    keys = {"t|" + t for t in claim["terms"]} | {"a|" + v for v in claim["acts"]}
    keys |= {"e|" + entity_keys[e] for e in claim["entities"]}
    keys |= {f"v|{float(q['value'])!r}" for q in claim["quantities"] if q["value"] and q["value"] >= 10}
    keys |= {"q|" + json.dumps([q["unit"], counted_head(q["counts"])]) for q in claim["quantities"]
             if q["unit"] in COUNTABLE}
    keys |= {f"y|{y}" for y in years_around(claim["time"])}
    keys |= {"k|" + kind for kind in dated_events(claim)}
    if any("zone" in where for where in claim.get("places", [])):
        keys.add("z|")  # inside or outside a state's limits: one block, so that the two sides meet
    return keys


def reading_order(place: tuple[int, str, int, int]) -> tuple:
    """Where a claim stands in the order claims are read in, from its place (document id, path,
    start, end): by file name, path and span. Every tie in alignment is broken in this order, so
    that a corpus gives the same groups whatever order or batches its files were ingested in."""
    path = place[1].replace("\\", "/")
    return path.rsplit("/", 1)[-1], path, place[2], place[3]


def update(store: Store) -> None:
    """Bring the stored blocks up to date: the claims of documents deleted or stored anew, and of
    documents whose names were resolved to other entities, leave their blocks; claims without keys
    (new ones, and those) get them; a claim whose sentence gained or lost an earlier copy elsewhere
    joins or leaves its blocks."""
    renamed = store.documents_to_rekey()
    stale = store.stale_keyed_claims(renamed)
    removed = store.forget_keys(stale) if stale else []
    fresh = store.claim_places(store.unkeyed_claims(stale))
    if not fresh and not removed:
        store.save_keys([], [], [], renamed)
        return
    sentences: dict[str, list[tuple[int, int]]] = {k: [] for k, _, _ in removed if k.startswith(COPY)}
    copy_rows = []
    for claim_id, reading in store.claim_readings(fresh).items():
        key = copy_key(reading)
        if key:
            copy_rows.append((key, fresh[claim_id][0], claim_id))
            sentences[key] = []
    members = store.block_members(list(sentences))
    for key, doc_id, claim_id in copy_rows:
        members[key].append((doc_id, claim_id))
    is_copy = copies_among(store, members, fresh)
    was = store.copies(c for c in is_copy if c not in fresh)
    changed = [c for c, copy in was.items() if copy != is_copy[c]]
    back = [c for c in changed if not is_copy[c]]  # compared again: the earlier copy of its sentence is gone
    leaving = [row for row in store.claim_block_rows([c for c in changed if is_copy[c]]) if not row[0].startswith(COPY)]
    compared = sorted([c for c in fresh if not is_copy[c]] + back)
    keyed = [(c, fresh[c][0], is_copy[c]) for c in fresh] + [(c, None, is_copy[c]) for c in changed]
    store.save_keys(keyed, chain(copy_rows, _rows(store, compared)), leaving, renamed)


def copies_among(store: Store, members: dict[str, list[tuple[int, int]]],
                 fresh: dict[int, tuple]) -> dict[int, bool]:
    """Whether each claim of these sentences' blocks, and each fresh claim, is a copy: in a
    sentence's block that spans two documents, all claims but the first in reading order are."""
    is_copy = {claim_id: False for claim_id in fresh}
    places = store.claim_places({c for m in members.values() for _, c in m})
    for group in members.values():
        ranked = sorted((c for _, c in group if c in places), key=lambda c: reading_order(places[c]))
        copied = len({places[c][0] for c in ranked}) >= 2
        for k, claim_id in enumerate(ranked):
            is_copy[claim_id] = copied and k > 0
    return is_copy


def _rows(store: Store, claim_ids: list[int], batch: int = 5000) -> Iterator[tuple[str, int, int]]:
    """The block rows of these claims, read a batch at a time (all claims of a big corpus at once
    would hold millions of rows)."""
    entity_keys = store.entity_keys()
    for start in range(0, len(claim_ids), batch):
        for claim in store.claim_outlines(claim_ids[start:start + batch]):
            for key in keys_of(claim, entity_keys):
                yield key, claim["doc_id"], claim["id"]
