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
from .referents import kin

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
    """Pairs of claims from different documents that share a telling block key, each pair as the
    ids of its claims in the order of `claims`."""
    rank = {c["id"]: k for k, c in enumerate(claims)}
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
                pairs.add((a["id"], b["id"]) if rank[a["id"]] < rank[b["id"]] else (b["id"], a["id"]))
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


def run(store: Store, device: str = "auto") -> int:
    """Align every claim of the store and save the groups; returns how many there are.

    Alignment is always of the whole corpus, also after adding a few documents: the groups are a
    function of the corpus alone, whatever order or batches it was ingested in (the corpus
    statistics a judgment uses, such as which words are rare, and which partners a claim keeps
    change with every document added). Embeddings are cached in the store: only new claims are
    embedded."""
    claims = in_reading_order(store.claim_outlines(), store.document_paths())
    copies = identical_groups(claims)
    copied = {cid for g in copies for cid in g["claims"][1:]}
    claims = [c for c in claims if c["id"] not in copied]
    pairs = candidate_pairs(claims)
    if not pairs:
        store.save_alignments(copies)
        return len(copies)
    by_id = whole_claims(store, {i for p in pairs for i in p})
    vectors = claim_vectors(store, by_id, {i for p in pairs for i in p}, device)
    df = Counter(t for c in claims for t in set(c["terms"]) | {ACT + v for v in c["acts"]})
    idf = {t: math.log(len(claims) / n) for t, n in df.items()}
    names = store.entity_names()
    same = same_referent(names)
    mark_telling(claims, by_id, kin(names))
    rank = {c["id"]: k for k, c in enumerate(claims)}
    judged = []
    for i, j in pairs:
        a, b = by_id[i], by_id[j]
        verdict = judge(a, b, similarity(vectors[i], vectors[j]), idf, math.log(len(claims) / 3), same)
        if verdict:
            judged.append((verdict, a, b))
    judged.sort(key=lambda x: (-x[0]["score"], rank[x[1]["id"]], rank[x[2]["id"]]))
    partners: Counter = Counter()
    groups = list(copies)
    for verdict, a, b in judged:
        if verdict["relation"] == "corroboration" and (partners[a["id"]] >= PARTNERS or partners[b["id"]] >= PARTNERS):
            continue
        partners[a["id"]] += 1
        partners[b["id"]] += 1
        independent, shared = independence([a, b]) if verdict["relation"] == "corroboration" else (None, None)
        groups.append({**verdict, "claims": [a["id"], b["id"]], "independent": independent, "shared_origin": shared})
    store.save_alignments(groups)
    return len(groups)


def similarity(u, v) -> float:
    """Cosine of two unit vectors, to three places: an embedding computed in another batch differs
    in its last bits, and that must not tip a judgment."""
    return round(float(u @ v), 3)


def in_reading_order(claims: list[dict], paths: dict[int, str]) -> list[dict]:
    """Claims ordered by what they are, not by when they were stored: by file name, path and span.
    Every tie in alignment (which copy of a sentence stands for the others, which of two equally
    good partners a claim keeps) is broken in this order, so that a corpus gives the same groups
    whatever order or batches its files were ingested in."""
    def key(c: dict) -> tuple:
        path = paths[c["doc_id"]].replace("\\", "/")
        return path.rsplit("/", 1)[-1], path, c["start"], c["end"]
    return sorted(claims, key=key)


def whole_claims(store: Store, ids: set[int]) -> dict[int, dict]:
    """The claims with these ids, with everything a judgment reads, by id (read in slices)."""
    wanted = sorted(ids)
    return {c["id"]: c for start in range(0, len(wanted), 500) for c in store.claims(ids=wanted[start:start + 500])}


def mark_telling(claims: list[dict], judged: dict[int, dict], kin: dict[int, int] | None = None) -> None:
    """Give each claim to be judged its telling entities: those named in few documents of the whole
    corpus. An entity named in many (the stock exchange of every market report) says little about
    what a claim is about. An entity telling by its own name stands for its referent (`kin`,
    referents.py), so that "Kellogg" in one claim and "Kellogg Co." in another meet."""
    kin = kin or {}
    named_in: dict[int, set[int]] = defaultdict(set)
    for c in claims:
        for e in c["entities"]:
            named_in[e].add(c["doc_id"])
    common = max(5, 0.05 * len({c["doc_id"] for c in claims}))
    for c in judged.values():
        c["telling"] = sorted({kin.get(e, e) for e in c["entities"] if len(named_in[e]) <= common})


def same_referent(names: list[tuple[int, str, list[str]]]):
    """Whether two frame keys name one thing: names ("e:…") by the entity they were resolved to
    ("North Koreans" and "the DPRK") or its kin ("Kellogg" and "Kellogg Co.": referents.py), other
    words ("w:…") by their lemma. `names` as `Store.entity_names` gives them."""
    stands = kin(names)
    entity_of = {}
    for entity_id, name, aliases in names:
        for alias in [name, *aliases]:
            entity_of.setdefault(alias.lower(), stands.get(entity_id, entity_id))

    def same(x: str, y: str) -> bool:
        if x == y:
            return True
        if x.startswith("e:") and y.startswith("e:"):
            ex, ey = entity_of.get(x[2:]), entity_of.get(y[2:])
            return ex is not None and ex == ey
        return False
    return same
