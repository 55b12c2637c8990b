"""Alignment across documents: claims about the same thing are paired and judged as
corroboration or conflict, with a one-line reason, and each corroboration is checked for
independence (do the two attribution chains meet in one person, work, translator or archive?).

Cost grows near-linearly: claims are only compared within blocks that share a rare term, a
rare entity, a stated number or a counted noun, and blocks too common to be telling are skipped.
Sentence embeddings (embeddings.py) are computed only for claims in candidate pairs, and cached.
How two claims are judged is in compare.py, their independence in independence.py.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from itertools import combinations

from ..figures import COUNTABLE, counted_head
from ..store import Store
from .acts import ACT
from .compare import dated_events, judge, time_range
from .embeddings import claim_vectors
from .independence import independence

BLOCK_CAP = 40           # a block key shared by more claims than this says little; it is skipped
IDENTICAL = "identical text"  # the shared origin of copies of one sentence
PARTNERS = 3             # at most this many corroborating partners per claim, the best ones


def _years_around(time: dict | None) -> range:
    """The years a claim's time touches, with one either side (for claims dated a little apart)."""
    bounds = time_range(time)
    if not bounds:
        return range(0)
    first = int(bounds[0][:4]) if bounds[0] != "0000-01-01" else int(bounds[1][:4])
    last = int(bounds[1][:4]) if bounds[1] != "9999-12-31" else first
    return range(first - 1, last + 2) if last - first <= 6 else range(0)


def candidate_pairs(claims: list[dict]) -> set[tuple[int, int]]:
    """Pairs of claims from different documents that share a telling block key."""
    n = len(claims)
    term_df = Counter(t for c in claims for t in set(c["terms"]))
    entity_df = Counter(e for c in claims for e in set(c["entities"]))
    rare = max(4, int(0.03 * n))
    blocks: dict[tuple, list[dict]] = defaultdict(list)
    for c in claims:
        keys = {("t", t) for t in c["terms"] if term_df[t] <= rare}
        keys |= {("e", e) for e in c["entities"] if entity_df[e] <= rare}
        keys |= {("v", q["value"]) for q in c["quantities"] if q["value"] and q["value"] >= 10}
        keys |= {("q", q["unit"], counted_head(q["counts"])) for q in c["quantities"] if q["unit"] in COUNTABLE}
        keys |= {("y", y) for y in _years_around(c["time"])}
        keys |= {("event", kind) for kind in dated_events(c)}
        for key in keys:
            blocks[key].append(c)
    pairs = set()
    for members in blocks.values():
        if len(members) > BLOCK_CAP or len({m["doc_id"] for m in members}) < 2:
            continue
        for a, b in combinations(members, 2):
            if a["doc_id"] != b["doc_id"]:
                pairs.add((min(a["id"], b["id"]), max(a["id"], b["id"])))
    return pairs


def identical_groups(claims: list[dict]) -> list[dict]:
    """The same sentence in several documents: copied text, never independent confirmation."""
    by_text: dict[str, list[dict]] = defaultdict(list)
    for c in claims:
        by_text[" ".join(re.findall(r"\w+", c["reading"].lower()))].append(c)
    groups = []
    for text, members in by_text.items():
        if len({m["doc_id"] for m in members}) >= 2 and len(text) > 40:
            groups.append({"relation": "corroboration", "topic": " ".join(text.split()[:6]),
                           "explanation": f"the same sentence in {len({m['doc_id'] for m in members})} documents",
                           "claims": [m["id"] for m in members], "independent": False,
                           "shared_origin": IDENTICAL, "score": 1.0, "confidence": 1.0})
    return groups


def run(store: Store, device: str = "auto", changed: set[int] | None = None) -> int:
    """Align claims and save the groups; returns how many there are.

    With `changed` (the documents just analysed), only pairs with a claim from those documents are
    judged: the groups among the other claims are kept as they stand, so adding 10 documents to
    10,000 judges only their pairs (every claim is still read to find the blocks). Copies of the same
    sentence are regrouped every time (cheap).
    Without it, everything is aligned from scratch (`fontes align`)."""
    claims = store.claims()
    copies = identical_groups(claims)
    copied = {cid for g in copies for cid in g["claims"][1:]}
    claims = [c for c in claims if c["id"] not in copied]
    by_id = {c["id"]: c for c in claims}
    kept = [] if changed is None else kept_groups(store, by_id, changed)
    fresh = None if changed is None else {c["id"] for c in claims if c["doc_id"] in changed}
    pairs = {p for p in candidate_pairs(claims) if fresh is None or p[0] in fresh or p[1] in fresh}
    if not pairs:
        store.save_alignments(kept + copies)
        return len(kept) + len(copies)
    vectors = claim_vectors(store, by_id, {i for p in pairs for i in p}, device)
    df = Counter(t for c in claims for t in set(c["terms"]) | {ACT + v for v in c["frame"].get("acts", [])})
    idf = {t: math.log(len(claims) / n) for t, n in df.items()}
    same = same_referent(store)
    mark_telling(claims)
    judged = []
    for i, j in pairs:
        a, b = by_id[i], by_id[j]
        verdict = judge(a, b, float(vectors[i] @ vectors[j]), idf, math.log(len(claims) / 3), same)
        if verdict:
            judged.append((verdict, a, b))
    judged.sort(key=lambda x: -x[0]["score"])
    partners: Counter = Counter(c for g in kept if g["relation"] == "corroboration" for c in g["claims"])
    groups = kept + list(copies)
    for verdict, a, b in judged:
        if verdict["relation"] == "corroboration" and (partners[a["id"]] >= PARTNERS or partners[b["id"]] >= PARTNERS):
            continue
        partners[a["id"]] += 1
        partners[b["id"]] += 1
        independent, shared = independence([a, b]) if verdict["relation"] == "corroboration" else (None, None)
        groups.append({**verdict, "claims": [a["id"], b["id"]], "independent": independent, "shared_origin": shared})
    store.save_alignments(groups)
    return len(groups)


def mark_telling(claims: list[dict]) -> None:
    """Give each claim its telling entities: those named in few documents. An entity named in many
    (the stock exchange of every market report) says little about what a claim is about."""
    named_in: dict[int, set[int]] = defaultdict(set)
    for c in claims:
        for e in c["entities"]:
            named_in[e].add(c["doc_id"])
    common = max(5, 0.05 * len({c["doc_id"] for c in claims}))
    for c in claims:
        c["telling"] = [e for e in c["entities"] if len(named_in[e]) <= common]


def same_referent(store: Store):
    """Whether two frame keys name one thing: names ("e:…") by the entity they were resolved to
    ("North Koreans" and "the DPRK"), other words ("w:…") by their lemma."""
    entity_of = {}
    for entity in store.entities():
        for name in [entity["name"], *entity["aliases"]]:
            entity_of.setdefault(name.lower(), entity["id"])

    def same(x: str, y: str) -> bool:
        if x == y:
            return True
        if x.startswith("e:") and y.startswith("e:"):
            ex, ey = entity_of.get(x[2:]), entity_of.get(y[2:])
            return ex is not None and ex == ey
        return False
    return same


def kept_groups(store: Store, claims: dict[int, dict], changed: set[int]) -> list[dict]:
    """Stored pairwise groups untouched by the changed documents: every claim still stored, none of
    them from a changed document (copy groups are left out: they are regrouped every run). They keep
    their confidence and the reader's status; review.apply renews the status after every alignment."""
    kept = []
    for group in store.alignment_members():
        members = group["claims"]
        if group["shared_origin"] == IDENTICAL or len(members) < 2:
            continue
        if all(m in claims and claims[m]["doc_id"] not in changed for m in members):
            kept.append(group)
    return kept
