"""Alignment across documents: claims about the same thing are paired and judged as
corroboration or conflict, with a one-line reason, and each corroboration is checked for
independence (do the two attribution chains meet in one person, work, translator or archive?).

Cost grows near-linearly: claims are only compared within blocks that share a rare term, a
rare entity, a stated number or a counted noun, and blocks too common to be telling are skipped.
The blocks are kept in the store (blocks.py): adding documents keys only their claims, and the
corpus statistics a judgment uses are read from the blocks' counts. Sentence embeddings
(embeddings.py) are computed only for claims in candidate pairs, and cached.
How two claims are judged is in compare.py, their independence in independence.py.
"""
from __future__ import annotations

import math
from collections import Counter
from itertools import combinations

from ..store import Store
from . import blocks
from .acts import ACT
from .blocks import COPY, reading_order, sentence_words
from .compare import judge
from .embeddings import claim_vectors
from .independence import independence
from .referents import kin

BLOCK_CAP = 40           # a block key shared by more claims than this says little; it is skipped
IDENTICAL = "identical text"  # the shared origin of copies of one sentence
PARTNERS = 3             # at most this many corroborating partners per claim, the best ones
NAMED = ("t|", "e|")     # blocks of a word or an entity, skipped also when common in a small corpus
COMPARED = (*NAMED, "v|", "q|", "y|", "k|", "z|")  # the blocks pairs are drawn from (see blocks.keys_of)


def candidate_pairs(store: Store, compared: int) -> set[tuple[int, int]]:
    """Pairs of claims from different documents that share a telling block, each pair as the ids of
    its claims in reading order. A block is telling when at most BLOCK_CAP claims share it, and a
    word's or an entity's when at most 3% of the compared claims do (this matters below 1,334)."""
    rare = min(max(4, int(0.03 * compared)), BLOCK_CAP)
    keys = [k for k in store.small_blocks(BLOCK_CAP) if k[:2] in COMPARED]
    members = store.block_members(keys)
    places = store.claim_places({c for m in members.values() for _, c in m})
    rank = {c: reading_order(place) for c, place in places.items()}
    pairs = set()
    for key, group in members.items():
        if key[:2] in NAMED and len(group) > rare:
            continue
        for (doc_a, a), (doc_b, b) in combinations(group, 2):
            if doc_a != doc_b:
                pairs.add((a, b) if rank[a] < rank[b] else (b, a))
    return pairs


def identical_groups(store: Store) -> list[dict]:
    """The same sentence in several documents: copied text, never independent confirmation. In the
    reading order of their first claims; the claims of each in reading order."""
    members = store.block_members(store.blocks_across_documents(COPY))
    places = store.claim_places({c for m in members.values() for _, c in m})
    readings = store.claim_readings({c for m in members.values() for _, c in m})
    groups = []
    for group in members.values():
        ranked = sorted((c for _, c in group), key=lambda c: reading_order(places[c]))
        text = sentence_words(readings[ranked[0]])
        documents = len({d for d, _ in group})
        groups.append({"relation": "corroboration", "topic": " ".join(text.split()[:6]),
                       "explanation": f"the same sentence in {documents} documents",
                       "claims": ranked, "independent": False,
                       "shared_origin": IDENTICAL, "score": 1.0, "confidence": 1.0})
    return sorted(groups, key=lambda g: reading_order(places[g["claims"][0]]))


def run(store: Store, device: str = "auto", again: bool = False) -> int:
    """Align the claims of the store and save the groups; returns how many there are.

    The groups are a function of the corpus alone, whatever order or batches it was ingested in:
    adding documents keys only their claims into the stored blocks (blocks.py), then pairs are
    drawn from the blocks small enough to be telling and judged with the statistics of the whole
    corpus as the blocks count them (which words are rare, which entities named in few documents).
    `again` keys every claim anew first. Embeddings are cached in the store: only new claims are
    embedded."""
    if again:
        store.clear_keys()
    blocks.update(store)
    compared, documents = store.compared_counts()
    copies = identical_groups(store)
    pairs = candidate_pairs(store, compared)
    if not pairs:
        store.save_alignments(copies)
        return len(copies)
    ids = {i for p in pairs for i in p}
    by_id = whole_claims(store, ids)
    vectors = claim_vectors(store, by_id, ids, device)
    idf = rarity(store, by_id.values(), compared)
    names = store.entity_names()
    stands = kin(names)
    same = SameReferent(names, stands)
    mark_telling(store, by_id, documents, stands)
    rank = {i: reading_order(place) for i, place in store.claim_places(ids).items()}
    judged = []
    for i, j in pairs:
        a, b = by_id[i], by_id[j]
        verdict = judge(a, b, similarity(vectors[i], vectors[j]), idf, math.log(compared / 3), same)
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


def rarity(store: Store, claims, compared: int) -> dict[str, float]:
    """The idf of each word and each verb of action (under the ACT prefix) of these claims, over
    the compared claims of the whole corpus, as their blocks count them."""
    words = {t for c in claims for t in c["terms"]}
    acts = {v for c in claims for v in c["frame"].get("acts", [])}
    sizes = store.block_sizes(["t|" + t for t in words] + ["a|" + v for v in acts])
    idf = {t: math.log(compared / sizes["t|" + t][0]) for t in words if "t|" + t in sizes}
    idf.update({ACT + v: math.log(compared / sizes["a|" + v][0]) for v in acts if "a|" + v in sizes})
    return idf


def similarity(u, v) -> float:
    """Cosine of two unit vectors, to three places: an embedding computed in another batch differs
    in its last bits, and that must not tip a judgment."""
    return round(float(u @ v), 3)


def whole_claims(store: Store, ids: set[int]) -> dict[int, dict]:
    """The claims with these ids, with everything a judgment reads, by id (read in slices)."""
    wanted = sorted(ids)
    return {c["id"]: c for start in range(0, len(wanted), 500) for c in store.claims(ids=wanted[start:start + 500])}


def mark_telling(store: Store, judged: dict[int, dict], documents: int,
                 kin: dict[int, int] | None = None) -> None:
    """Give each claim to be judged its telling entities: those named in few of the `documents` of
    the compared claims. An entity named in many (the stock exchange of every market report) says
    little about what a claim is about. An entity telling by its own name stands for its referent
    (`kin`, referents.py), so that "Kellogg" in one claim and "Kellogg Co." in another meet."""
    kin = kin or {}
    key = store.entity_keys()
    named_in = store.block_sizes({"e|" + key[e] for c in judged.values() for e in c["entities"]})
    common = max(5, 0.05 * documents)
    for c in judged.values():
        c["telling"] = sorted({kin.get(e, e) for e in c["entities"]
                               if named_in.get("e|" + key[e], (0, 0))[1] <= common})


class SameReferent:
    """Whether two frame keys name one thing: names ("e:…") by the entity they were resolved to
    ("North Koreans" and "the DPRK") or its kin ("Kellogg" and "Kellogg Co.": referents.py), other
    words ("w:…") by their lemma. `names` as `Store.entity_names` gives them, `stands` as `kin` maps
    them. Called as same(x, y)."""

    def __init__(self, names: list[tuple[int, str, list[str]]], stands: dict[int, int]):
        self.stands = stands
        self.entity_of: dict[str, int] = {}
        for entity_id, name, aliases in names:
            for alias in [name, *aliases]:
                self.entity_of.setdefault(alias.lower(), stands.get(entity_id, entity_id))

    def __call__(self, x: str, y: str) -> bool:
        if x == y:
            return True
        if x.startswith("e:") and y.startswith("e:"):
            ex, ey = self.entity_of.get(x[2:]), self.entity_of.get(y[2:])
            return ex is not None and ex == ey
        return False

    def named_in(self, key: str, claim: dict) -> bool:
        """Whether a claim names the entity a frame key names."""
        entity = self.entity_of.get(key[2:]) if key.startswith("e:") else None
        return entity is not None and entity in {self.stands.get(e, e) for e in claim["entities"]}
