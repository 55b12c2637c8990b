"""The reader rules: a person confirms, rejects or relabels an alignment group, merges or splits
entities, and every later alignment and resolution abides by it.

Ids change with every analysis, so a decision names what outlives one: a claim by its document
(path, file name and sha256) and its words, with the span it had as a tie-breaker; an entity by
its names. After each alignment `apply` finds the claims again and marks the fresh groups: a
rejected group stays stored with status "rejected" (hidden, never counted); a confirmed or
relabelled one has status "confirmed", and is made again from the decision when the machine no
longer proposes it. Entity decisions are laid over the gazetteer before each resolution
(`with_decisions`). Decisions travel between stores as a JSON file (`export_file`, `import_file`).
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from itertools import islice, product
from pathlib import PurePath

from ..analyze.names import normalize
from ..errors import FontesError
from ..store import Store, now
from .independence import independence
from .resolve import Gazetteer

RELATIONS = ("conflict", "corroboration", "revision")
STATUS = {"confirm": "confirmed", "reject": "rejected", "relabel": "confirmed"}
ACTIONS = (*STATUS, "merge", "split")
FILE_KIND = "fontes decisions"
FILE_VERSION = 1
CANDIDATES = 3  # claims tried for each claim of a decision whose words were not found as they were


def _words(text: str) -> str:
    return " ".join(text.split())


def _file_name(path: str) -> str:
    return PurePath(path.replace("\\", "/")).name


def target_of(decision: dict) -> str:
    """What a decision is about, as a key that is the same in every store built from the same files:
    a group by its claims' file names and words, an entity decision by the names it joins or parts."""
    if decision["action"] == "merge":
        return "merge " + " + ".join(sorted(normalize(n) for n in decision["names"][:2]))
    if decision["action"] == "split":
        return "split " + normalize(decision["names"][1])
    members = sorted([_file_name(c["path"]), _words(c["text"])] for c in decision["claims"])
    return "group " + hashlib.sha256(json.dumps(members, ensure_ascii=False).encode("utf-8")).hexdigest()[:20]


def decide(store: Store, alignment_id: int, action: str, relation: str | None = None, by: str = "reader",
           note: str | None = None) -> dict:
    """Confirm, reject or relabel a stored group; the decision is stored and applied at once."""
    if action not in STATUS:
        raise FontesError(f"unknown decision {action!r} (confirm, reject or relabel)")
    if action == "relabel" and relation not in RELATIONS:
        raise FontesError(f"relabel needs a relation: {', '.join(RELATIONS)} (got {relation!r})")
    found = store.alignments(ids=[alignment_id], shown="all")
    if not found:
        raise FontesError(f"no alignment group a{alignment_id} (see `fontes review list`)")
    group = found[0]
    keys = store.claim_keys([c["id"] for c in group["claims"]])
    decision = {"action": action, "relation": relation if action == "relabel" else group["relation"],
                "claims": [keys[c["id"]] for c in group["claims"]], "names": [], "topic": group["topic"],
                "explanation": group["explanation"], "confidence": group["confidence"],
                "decided_by": by, "decided_at": now(), "note": note}
    decision["target"] = target_of(decision)
    store.save_decision(decision)
    apply(store)
    return decision


def undo(store: Store, alignment_id: int) -> dict | None:
    """Take back the reader's decision about a group: the decision is forgotten and the group is the
    machine's again (a relabelled group keeps the relation it was given until it is aligned anew).
    Returns the decision taken back, None when there was none."""
    found = store.alignments(ids=[alignment_id], shown="all")
    if not found:
        raise FontesError(f"no alignment group a{alignment_id} (see `fontes review list`)")
    group = found[0]
    keys = store.claim_keys([c["id"] for c in group["claims"]])
    target = target_of({"action": "confirm", "claims": [keys[c["id"]] for c in group["claims"]]})
    taken = next((d for d in store.decisions("alignments") if d["target"] == target), None)
    if taken is not None:
        store.delete_decisions([target])
    store.mark_alignments([(alignment_id, "machine", None, None, None)])
    return taken


def merge(store: Store, first: str, second: str, by: str = "reader", note: str | None = None) -> dict:
    """Record that two entities are one (the first one's name is kept). Resolve entities afterwards."""
    a, b = store.entity_named(first), store.entity_named(second)
    if a["id"] == b["id"]:
        raise FontesError(f"{first!r} and {second!r} are already one entity, e{a['id']} {a['name']}")
    names = list(dict.fromkeys([a["name"], b["name"], *a["aliases"], *b["aliases"]]))
    decision = {"action": "merge", "names": names, "decided_by": by, "decided_at": now(), "note": note}
    decision["target"] = target_of(decision)
    # a merge undoes an earlier split of these names
    store.delete_decisions([target_of({"action": "split", "names": ["", n]}) for n in names])
    store.save_decision(decision)
    return decision


def split(store: Store, entity: str, name: str, by: str = "reader", note: str | None = None) -> dict:
    """Record that a name is not the entity's: it becomes an entity of its own. Resolve entities afterwards."""
    found = store.entity_named(entity)
    if normalize(name) not in {normalize(n) for n in [found["name"], *found["aliases"]]}:
        raise FontesError(f"{name!r} is not a name of e{found['id']} {found['name']} "
                          f"(its names: {'; '.join([found['name'], *found['aliases']])})")
    if not found["aliases"]:
        raise FontesError(f"e{found['id']} {found['name']} has one name only: there is nothing to split")
    decision = {"action": "split", "names": [found["name"], name], "decided_by": by, "decided_at": now(), "note": note}
    decision["target"] = target_of(decision)
    store.save_decision(decision)
    return decision


def with_decisions(gazetteer: Gazetteer, decisions: list[dict]) -> Gazetteer:
    """The gazetteer with the reader's merges and splits laid over it: merged names become one
    entry, and a split name never joins another (a split wins over a merge that listed the name)."""
    for decision in decisions:
        if decision["action"] == "merge":
            typed = set(gazetteer.types)
            gazetteer.add({"name": decision["names"][0], "aliases": decision["names"][1:]}, override=True)
            for canonical in set(gazetteer.types) - typed:
                del gazetteer.types[canonical]  # the type comes from the mentions, as for any name found in text
    for decision in decisions:
        if decision["action"] == "split":
            key = normalize(decision["names"][1])
            gazetteer.splits.add(key)
            for listed in gazetteer.aliases.values():
                listed[:] = [n for n in listed if normalize(n) != key]
    return gazetteer


def locate(store: Store, decisions: list[dict]) -> list[list[list[int]] | None]:
    """For each group decision, the claims it may be about now: for each of its claims, the
    candidates best first; None where one of its claims is no longer found.

    A claim's document is found by path, else by content (sha256), else by file name, so that a
    moved file or another person's copy of the corpus still matches. In it, the claim is the one
    with the same words (whitespace aside), the nearest to the old span first where they occur more
    than once; failing that, the claims that share most of its words (see `_overlap`): a sentence a
    new analysis cut or joined differently, or a word of it edited."""
    keys = [k for d in decisions for k in d["claims"]]
    if not keys:
        return [None] * len(decisions)
    rows = store.claims_in_documents({k["path"] for k in keys}, {k.get("sha256") or "" for k in keys},
                                     {_file_name(k["path"]) for k in keys})
    by_document: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        row["words"] = _words(row["text"])
        for place in ("path:" + row["path"], "sha:" + row["sha256"], "name:" + _file_name(row["path"])):
            by_document[place].append(row)

    def find(key: dict) -> list[int]:
        words = _words(key["text"])
        places = [by_document.get(p, []) for p in ("path:" + key["path"], "sha:" + (key.get("sha256") or ""),
                                                     "name:" + _file_name(key["path"]))]
        for claims in places:
            same = sorted((abs(r["start"] - key["start"]), r["id"]) for r in claims if r["words"] == words)
            if same:
                return [i for _, i in same]
        for claims in places:
            near = sorted((-_overlap(words, r["words"]), abs(r["start"] - key["start"]), r["id"]) for r in claims)
            if near and near[0][0] < 0:
                return [i for score, _, i in near if score < 0][:CANDIDATES]
        return []

    located = []
    for decision in decisions:
        candidates = [find(k) for k in decision["claims"]]
        located.append(candidates if len(candidates) >= 2 and all(candidates) else None)
    return located


def _chosen(store: Store, candidates: list[list[int]]) -> tuple[list[int] | None, int | None]:
    """The claims a decision is about: those of a stored group if the candidates make one (its id
    too), else the best candidate for each claim; None when they are not distinct claims."""
    for ids in islice(product(*candidates), CANDIDATES ** 2):
        existing = store.alignment_with_claims(list(ids)) if len(set(ids)) == len(ids) else None
        if existing is not None:
            return list(ids), existing
    best = [c[0] for c in candidates]
    return (best if len(set(best)) == len(best) else None), None


def _overlap(old: str, new: str) -> float:
    """How much two claims' words have in common, where nearly all the words of one (4 in 5) are in
    the other and make at least 2 in 5 of it, and every number of the shorter is in the longer;
    else 0. Half a sentence that a new analysis cut off is the same claim; "335 aircraft" edited to
    "300 aircraft" is another."""
    a, b = Counter(re.findall(r"\w+", old.lower())), Counter(re.findall(r"\w+", new.lower()))
    if not a or not b:
        return 0.0
    common = sum((a & b).values())
    (within, shorter), (rest, longer) = sorted([(common / sum(a.values()), a), (common / sum(b.values()), b)],
                                               key=lambda x: x[0], reverse=True)
    numbers = Counter({w: n for w, n in shorter.items() if any(ch.isdigit() for ch in w)})
    if within < 0.8 or rest < 0.4 or numbers - longer:
        return 0.0
    return within + rest


def apply(store: Store) -> int:
    """Mark the stored groups as the reader decided, and make again the confirmed groups the machine
    no longer proposes; returns how many decisions found their claims. Run after every alignment."""
    decisions = store.decisions("alignments")
    applied, marks = 0, []
    for decision, candidates in zip(decisions, locate(store, decisions)):
        ids, existing = _chosen(store, candidates) if candidates else (None, None)
        if ids is None:
            continue
        applied += 1
        status = STATUS[decision["action"]]
        relation = None if decision["action"] == "reject" else decision["relation"]
        if existing is not None:
            marks.append((existing, status, relation, decision["decided_by"], decision["decided_at"]))
        elif status == "confirmed":
            store.add_alignment(_remade(store, decision, ids))
    store.mark_alignments(marks)
    return applied


def _remade(store: Store, decision: dict, ids: list[int]) -> dict:
    """A confirmed group the machine no longer proposes, as the reader confirmed it."""
    independent, shared = independence(store.claims(ids=ids)) if decision["relation"] == "corroboration" else (None, None)
    return {"relation": decision["relation"], "topic": decision["topic"] or "",
            "explanation": decision["explanation"] or f"confirmed by {decision['decided_by']}", "claims": ids,
            "independent": independent, "shared_origin": shared, "score": decision["confidence"] or 1.0,
            "confidence": decision["confidence"], "status": "confirmed", "decided_by": decision["decided_by"],
            "decided_at": decision["decided_at"]}


def listing(store: Store) -> list[dict]:
    """Every decision, oldest first, with whether it applies to the store as it is now (`found`:
    the group's claims, or the entities' names, are still there)."""
    decisions = store.decisions()
    groups = [d for d in decisions if d["action"] in STATUS]
    found = dict(zip((d["id"] for d in groups), (c is not None for c in locate(store, groups))))
    names = {normalize(n) for e in store.entities() for n in [e["name"], *e["aliases"]]}
    for d in decisions:
        d["found"] = found[d["id"]] if d["id"] in found else normalize(d["names"][1]) in names
    return decisions


def export_file(store: Store) -> dict:
    """All decisions as a file a team can share."""
    fields = ("action", "relation", "claims", "names", "topic", "explanation", "confidence", "decided_by",
              "decided_at", "note")
    return {"kind": FILE_KIND, "version": FILE_VERSION,
            "decisions": [{k: d[k] for k in fields} for d in store.decisions()]}


def import_file(store: Store, data: object, source: str = "decisions file") -> dict[str, int]:
    """Store the decisions of a shared file (a later decision about the same thing wins, so importing
    twice changes nothing) and apply those about groups. Returns how many were new or newer, about
    groups and about entities; resolve entities afterwards when the latter is not 0. A malformed file
    is refused whole, with the reason."""
    decisions = [_checked(d, n, source) for n, d in enumerate(_decisions_of(data, source), 1)]
    stored = {"alignments": 0, "entities": 0}
    existing = {d["target"]: d for d in store.decisions()}
    for decision in decisions:
        decision["target"] = target_of(decision)
        before = existing.get(decision["target"])
        if before and all(before[k] == decision.get(k) for k in ("action", "relation", "names", "decided_at")):
            continue
        if store.save_decision(decision):
            stored["alignments" if decision["action"] in STATUS else "entities"] += 1
    if stored["alignments"]:
        apply(store)
    return stored


def read_file(path) -> object:
    """The parsed JSON of a decisions file, or a one-line error."""
    try:
        return json.loads(open(path, encoding="utf-8").read())
    except OSError as exc:
        raise FontesError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise FontesError(f"{path}: not a fontes decisions file (not JSON: {exc})") from exc


def _decisions_of(data: object, source: str) -> list:
    if not isinstance(data, dict) or data.get("kind") != FILE_KIND or not isinstance(data.get("decisions"), list):
        raise FontesError(f"{source}: not a fontes decisions file (expected an object with \"kind\": "
                          f"\"{FILE_KIND}\" and a list of \"decisions\")")
    if data.get("version") != FILE_VERSION:
        raise FontesError(f"{source}: decisions file version {data.get('version')!r}; this fontes reads {FILE_VERSION}")
    return data["decisions"]


def _checked(item: object, number: int, source: str) -> dict:
    """One decision of a file, checked field by field."""
    def refuse(why: str) -> FontesError:
        return FontesError(f"{source}: decision {number} {why}")

    if not isinstance(item, dict):
        raise refuse("is not an object")
    action = item.get("action")
    if action not in ACTIONS:
        raise refuse(f"has action {action!r}, not one of {', '.join(ACTIONS)}")
    for field in ("decided_by", "decided_at"):
        if not isinstance(item.get(field), str) or not item[field].strip():
            raise refuse(f"has no {field}")
    if item.get("note") is not None and not isinstance(item["note"], str):
        raise refuse("has a note that is not text")
    decision = {"action": action, "decided_by": item["decided_by"], "decided_at": item["decided_at"],
                "note": item.get("note"), "claims": [], "names": []}
    if action in STATUS:
        if item.get("relation") not in RELATIONS:
            raise refuse(f"has relation {item.get('relation')!r}, not one of {', '.join(RELATIONS)}")
        claims = item.get("claims")
        if not isinstance(claims, list) or len(claims) < 2 or not all(_is_claim_key(c) for c in claims):
            raise refuse("needs two or more claims, each with path, start, end and text")
        confidence = item.get("confidence")
        if confidence is not None and not (isinstance(confidence, (int, float)) and 0 <= confidence <= 1):
            raise refuse(f"has confidence {confidence!r}, not a number from 0 to 1")
        decision |= {"relation": item["relation"], "confidence": confidence,
                     "claims": [{k: c.get(k) for k in ("path", "sha256", "start", "end", "text")} for c in claims],
                     **{k: item.get(k) if isinstance(item.get(k), str) else None for k in ("topic", "explanation")}}
    else:
        names = item.get("names")
        if not isinstance(names, list) or len(names) < 2 or not all(isinstance(n, str) and n.strip() for n in names):
            raise refuse("needs two or more names")
        decision["names"] = names
    return decision


def _is_claim_key(key: object) -> bool:
    return (isinstance(key, dict) and isinstance(key.get("path"), str) and isinstance(key.get("text"), str)
            and isinstance(key.get("start"), int) and isinstance(key.get("end"), int)
            and isinstance(key.get("sha256") or "", str))
