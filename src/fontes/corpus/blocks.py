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
from typing import Callable

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


def copy_key(claim: dict) -> str | None:
    """The key a claim shares with every copy of its sentence; None for a sentence too short to count."""
    words = sentence_words(claim["reading"])
    return COPY + hashlib.sha1(words.encode()).hexdigest() if len(words) > SHORTEST_COPY else None


def keys_of(claim: dict) -> set[str]:
    """Every block a compared claim falls in: t| a word, e| an entity, v| a stated number of at least
    10, q| a countable unit and what it counts, y| a year, k| a kind of dated event; and a| each verb
    of action, kept to count how rare it is (no block is made of it)."""
    keys = {"t|" + t for t in claim["terms"]} | {"a|" + v for v in claim["acts"]}
    keys |= {f"e|{e}" for e in claim["entities"]}
    keys |= {f"v|{float(q['value'])!r}" for q in claim["quantities"] if q["value"] and q["value"] >= 10}
    keys |= {"q|" + json.dumps([q["unit"], counted_head(q["counts"])]) for q in claim["quantities"]
             if q["unit"] in COUNTABLE}
    keys |= {f"y|{y}" for y in years_around(claim["time"])}
    keys |= {"k|" + kind for kind in dated_events(claim)}
    return keys


def reading_key(paths: dict[int, str]) -> Callable[[tuple[int, int, int]], tuple]:
    """The order claims are read in, from (document, start, end): by file name, path and span. Every
    tie in alignment is broken in this order, so that a corpus gives the same groups whatever order
    or batches its files were ingested in."""
    def key(place: tuple[int, int, int]) -> tuple:
        path = paths[place[0]].replace("\\", "/")
        return path.rsplit("/", 1)[-1], path, place[1], place[2]
    return key


def update(store: Store) -> None:
    """Bring the stored blocks up to date: claims deleted, and the claims of documents whose names
    were resolved to other entities, leave their blocks; claims without keys (new ones, and those)
    get them; a claim whose sentence gained or lost an earlier copy elsewhere joins or leaves its
    blocks."""
    renamed = store.renamed_documents()
    stale = store.stale_keyed_claims(renamed)
    removed = store.forget_keys(stale) if stale else []
    fresh = {c["id"]: c for c in store.claim_outlines(store.unkeyed_claims())}
    if not fresh and not removed:
        store.save_keys([], [], [], renamed)
        return
    added = []
    copy_of = {}
    for claim in fresh.values():
        key = copy_key(claim)
        copy_of[claim["id"]] = key
        if key:
            added.append((key, claim["doc_id"], claim["id"]))
    sentences = {k for k, _, _ in removed if k.startswith(COPY)} | {k for k in copy_of.values() if k}
    members = store.block_members(list(sentences))
    for key, doc_id, claim_id in added:
        members[key].append((doc_id, claim_id))
    # which claims are copies now: in each sentence's block, all but the first in reading order,
    # once it spans two documents
    is_copy = {claim_id: False for claim_id in fresh}
    places = store.claim_places({c for m in members.values() for _, c in m})
    order = reading_key(store.document_paths())
    for key, group in members.items():
        ranked = sorted((c for _, c in group if c in places), key=lambda c: order(places[c]))
        copied = len({places[c][0] for c in ranked}) >= 2
        for k, claim_id in enumerate(ranked):
            is_copy[claim_id] = copied and k > 0
    was = store.copies(c for c in is_copy if c not in fresh)
    dropped = [c for c, copy in was.items() if copy and not is_copy[c]]  # to be compared again
    outlines = {**fresh, **{c["id"]: c for c in store.claim_outlines(dropped)}} if dropped else fresh
    leaving = [c for c, copy in was.items() if copy != is_copy[c] and is_copy[c]]
    out: list[tuple[str, int, int]] = []
    if leaving:
        out = [row for row in store.claim_block_rows(leaving) if not row[0].startswith(COPY)]
    for claim_id, claim in outlines.items():
        if not is_copy[claim_id]:
            added += [(key, claim["doc_id"], claim_id) for key in keys_of(claim)]
    keyed = [(c, fresh[c]["doc_id"], is_copy[c]) for c in fresh]
    keyed += [(c, places[c][0], is_copy[c]) for c in was if was[c] != is_copy[c]]
    store.save_keys(keyed, added, out, renamed)

