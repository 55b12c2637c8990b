"""Alignment across documents: claims about the same thing are paired and judged as
corroboration or conflict, with a one-line reason, and each corroboration is checked for
independence (do the two attribution chains meet in one person, work, translator or archive?).

Cost grows near-linearly: claims are only compared within blocks that share a rare term, a
rare entity, a stated number or a counted noun, and blocks too common to be telling are skipped.
Sentence embeddings (embeddings.py) are computed only for claims in candidate pairs, and cached.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import combinations

import numpy as np

from ..lexicon import load
from ..store import Store
from . import embeddings

BLOCK_CAP = 40           # a block key shared by more claims than this says little; it is skipped
IDENTICAL = "identical text"  # the shared origin of copies of one sentence
PARTNERS = 3             # at most this many corroborating partners per claim, the best ones
COUNTABLE = {"people", "aircraft", "rubles", "won", "dollars", "yuan", "francs", "dong", "km", "miles",
             "square meters", "tons", "percent"}


@lru_cache(maxsize=1)
def _opposed() -> list[tuple[re.Pattern[str], re.Pattern[str]]]:
    def pattern(words: list[str]) -> re.Pattern[str]:
        return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.IGNORECASE)
    return [(pattern(pair["one"]), pattern(pair["other"])) for pair in load("claims")["opposed"]]


def counted_head(counts: str | None) -> str:
    """The noun a quantity counts, singular: 'air force personnel' → 'personnel'."""
    word = (counts or "").split()[-1:] or [""]
    return re.sub(r"s$", "", word[0].lower())


def _range(q: dict) -> tuple[float, float] | None:
    """The values a stated quantity allows: hedged figures by 15% either way, open bounds to infinity."""
    if q["value"] is not None:
        slack = 0.15 * q["value"] if q["approximate"] else 0
        return q["value"] - slack, q["value"] + slack
    if q["low"] is not None or q["high"] is not None:
        return (q["low"] if q["low"] is not None else -math.inf), (q["high"] if q["high"] is not None else math.inf)
    return None


def describe(q: dict) -> str:
    """A quantity as a reader would say it, with the noun it counts: 'about 90 pilots',
    '200-400 personnel', 'more than 300,000 personnel'."""
    number = lambda v: f"{v:,.0f}" if float(v).is_integer() else f"{v:,}"
    if q["value"] is not None:
        text = ("about " if q["approximate"] else "") + number(q["value"])
    elif q["low"] is not None and q["high"] is not None:
        text = f"{number(q['low'])}-{number(q['high'])}"
    elif q["low"] is not None:
        text = f"more than {number(q['low'])}"
    else:
        text = f"at most {number(q['high'])}"
    counted = counted_head(q["counts"])
    noun = counted + "s" if q["counts"] and q["counts"].split()[-1].lower().endswith("s") and not counted.endswith("s") \
        else (q["counts"].split()[-1].lower() if q["counts"] else "")
    return f"{text} {noun or q['unit'] or ''}".strip()


def _time_range(t: dict | None) -> tuple[str, str] | None:
    if not t or not (t.get("earliest") or t.get("latest")):
        return None
    return t.get("earliest") or "0000-01-01", t.get("latest") or "9999-12-31"


def compare_quantities(a: dict, b: dict) -> tuple[str, str, str] | None:
    """Corroboration or conflict from the numbers two claims state about the same kind of thing.
    Where several figures fit, one that agrees wins ("335 aircraft" and "335 aircraft lost, 1,097
    claimed"); a disagreement counts only between claims about the same kind of event."""
    best = None
    for qa in a["quantities"]:
        for qb in b["quantities"]:
            same_kind = qa["unit"] and qa["unit"] == qb["unit"] and qa["unit"] in COUNTABLE and \
                (counted_head(qa["counts"]) == counted_head(qb["counts"]) or qa["unit"] != "people")
            ra, rb = _range(qa), _range(qb)
            if not same_kind or ra is None or rb is None:
                continue
            agree = ra[0] <= rb[1] and rb[0] <= ra[1]
            found = ("corroboration" if agree else "conflict", f"{describe(qa)} {'and' if agree else 'vs'} {describe(qb)}",
                     qa["counts"] or qa["unit"])
            if agree:
                return found
            events_a, events_b = events_of(a), events_of(b)
            if best is None and (not events_a or not events_b or events_a & events_b):
                best = found
    return best


def events_of(claim: dict) -> set[str]:
    """The kinds of event a claim's words speak of."""
    words = set(re.findall(r"[a-z]+", claim["reading"].lower()))
    return {kind for kind, forms in _events().items() if words & forms}


def same_number(a: dict, b: dict) -> str | None:
    """The same figure (not a year, at least 10) stated in both claims: '14 and 14'."""
    values = {q["value"] for q in a["quantities"] if q["value"] and q["value"] >= 10}
    shared = [v for v in (q["value"] for q in b["quantities"]) if v in values]
    return f"{shared[0]:g} in both" if shared else None


@lru_cache(maxsize=1)
def _events() -> dict[str, set[str]]:
    return {kind: set(words) for kind, words in load("claims")["events"].items()}


def dated_events(claim: dict) -> set[str]:
    """The kinds of event (deployment, decision, disclosure, ...) the claim's date is the date of,
    from the verb the date hangs on; none for a hypothetical ('would send ... in 1967')."""
    time = claim["time"] or {}
    if time.get("hypothetical"):
        return set()
    words = set(time.get("event", []))
    return {kind for kind, forms in _events().items() if words & forms}


def _event_range(claim: dict) -> tuple[str, str] | None:
    """When the claim's dated event happened. 'Kept secret until 2000' and 'not acknowledged until
    1991' date a disclosure to the bound itself, not to everything before it."""
    bounds = _time_range(claim["time"])
    if bounds and not claim["time"].get("earliest") and "disclosure" in dated_events(claim):
        return bounds[1][:4] + "-01-01", bounds[1]
    return bounds


def compare_times(a: dict, b: dict) -> tuple[str, str] | None:
    ta, tb = _event_range(a), _event_range(b)
    if not ta or not tb:
        return None
    agree = ta[0] <= tb[1] and tb[0] <= ta[1]
    label = lambda t, r: t.get("edtf") or f"{r[0]}/{r[1]}"
    return ("corroboration" if agree else "conflict",
            f"{label(a['time'], ta)} {'overlaps' if agree else 'vs'} {label(b['time'], tb)}")


def opposed(a: dict, b: dict) -> str | None:
    """One claim uses an evaluation the other contradicts ('selfless' / 'self-interest')."""
    for one, other in _opposed():
        for x, y in ((a, b), (b, a)):
            first, second = one.search(x["reading"]), other.search(y["reading"])
            if first and second and not one.search(y["reading"]):
                return f"“{first.group()}” vs “{second.group()}”"
    return None


def origins(claim: dict) -> dict[str, str]:
    """The named people, works, translators and archives behind a claim, by comparison key."""
    keys: dict[str, str] = {}
    for link in claim["attribution"]:
        name, role = link["name"], link["role"]
        if role == "document" or not re.search(r"[A-Z]", name[:1] or ""):
            continue
        if role == "archive":
            keys["archive:" + name.lower()] = name
            continue
        people = name.split(", “")[0] if role == "cited_work" else name
        for person in re.split(r",\s*|\s+/\s+|\s+and\s+", people):
            words = re.findall(r"[A-Z][\w’'-]+", person)
            if words and not person.startswith("“"):
                keys["person:" + words[-1].lower()] = person.strip()
        title = re.search(r"“([^”]+)”", name)
        if title:
            keys["work:" + re.sub(r"\W+", " ", title.group(1).lower()).strip()] = title.group(1)
    return keys


def independence(claims: list[dict]) -> tuple[bool, str | None]:
    """Independent unless the chains of claims from different documents share an origin."""
    for a, b in combinations(claims, 2):
        if a["doc_id"] == b["doc_id"]:
            continue
        oa, ob = origins(a), origins(b)
        shared = [key for key in oa if key in ob]
        if shared:
            return False, oa[shared[0]]
    return True, None


def _years_around(time: dict | None) -> range:
    """The years a claim's time touches, with one either side (for claims dated a little apart)."""
    bounds = _time_range(time)
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


def vectors_for(store: Store, claims: dict[int, dict], ids: set[int], device: str) -> dict[int, np.ndarray]:
    """Embeddings of the given claims, computed once and cached in the store."""
    cached = {k: np.frombuffer(v, dtype=np.float32) for k, v in store.claim_vectors(sorted(ids)).items()}
    missing = sorted(ids - set(cached))
    if missing:
        fresh = embeddings.encode([claims[i]["reading"] for i in missing], device)
        store.save_claim_vectors({i: fresh[k].tobytes() for k, i in enumerate(missing)})
        cached.update({i: fresh[k] for k, i in enumerate(missing)})
    return cached


def judge(a: dict, b: dict, sim: float, idf: dict[str, float], very_rare: float = 4.0) -> dict | None:
    """The relation between two claims, with the reason, or None when they are not about one thing.

    Evidence, strongest first: the numbers they state about the same kind of thing; opposed
    evaluations; the same figure; their dates, for claims close in meaning; close paraphrase.
    `sim` is the cosine of their sentence embeddings; shared rare words weigh by their idf, and a
    loose paraphrase must share at least one very rare word (idf of `very_rare` or more)."""
    shared_terms = sorted(set(a["terms"]) & set(b["terms"]), key=lambda t: -idf.get(t, 0))
    rare = sum(idf.get(t, 0) for t in shared_terms if idf.get(t, 0) >= 2.0)
    shared_entities = bool(set(a["entities"]) & set(b["entities"]))
    topic = ", ".join(shared_terms[:3])
    numbers = compare_quantities(a, b)
    if numbers and shared_entities and sim >= (0.6 if numbers[0] == "conflict" else 0.5):
        return {"relation": numbers[0], "explanation": numbers[1], "topic": numbers[2] or topic, "score": sim + 0.3}
    contrary = opposed(a, b)
    if contrary and sim >= 0.45 and shared_entities:
        return {"relation": "conflict", "explanation": contrary, "topic": topic, "score": sim + 0.2}
    figure = same_number(a, b)
    if figure and sim >= 0.3 and shared_entities:
        return {"relation": "corroboration", "explanation": figure, "topic": topic, "score": sim + 0.2}
    dates = compare_times(a, b)
    same_event = dated_events(a) & dated_events(b)
    if dates and shared_entities and same_event and sim >= 0.5:
        return {"relation": dates[0], "explanation": f"{', '.join(sorted(same_event))}: {dates[1]}",
                "topic": ", ".join(sorted(same_event)), "score": sim + 0.1}
    rarest = max((idf.get(t, 0) for t in shared_terms), default=0)
    if sim >= 0.8 or (sim >= 0.7 and rare >= 4.0) or (sim >= 0.5 and rare >= 8.0 and rarest >= very_rare):
        return {"relation": "corroboration", "explanation": f"same statement (similarity {sim:.2f}; shared: {topic})",
                "topic": topic, "score": sim}
    return None


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
                           "shared_origin": IDENTICAL, "score": 1.0})
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
    vectors = vectors_for(store, by_id, {i for p in pairs for i in p}, device)
    df = Counter(t for c in claims for t in set(c["terms"]))
    idf = {t: math.log(len(claims) / n) for t, n in df.items()}
    judged = []
    for i, j in pairs:
        a, b = by_id[i], by_id[j]
        verdict = judge(a, b, float(vectors[i] @ vectors[j]), idf, math.log(len(claims) / 3))
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


def kept_groups(store: Store, claims: dict[int, dict], changed: set[int]) -> list[dict]:
    """Stored pairwise groups untouched by the changed documents: every claim still stored, none of
    them from a changed document (copy groups are left out: they are regrouped every run)."""
    kept = []
    for group in store.alignment_members():
        members = group["claims"]
        if group["shared_origin"] == IDENTICAL or len(members) < 2:
            continue
        if all(m in claims and claims[m]["doc_id"] not in changed for m in members):
            kept.append(group)
    return kept
