"""Which entities are named together: for every pair of entities named in one sentence, in how many
sentences and how many documents, and what the claims naming both have one of them do ("Bush: send").
Resolution counts them per document (corpus/tallies.py, with `count` and `stated`) and adds them up;
`run` counts a whole store at once (one resolved before pairs were kept); the network (network.py)
reads the pairs from the store."""
from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations, groupby

from ..store import Store

COPULAS = {"be", "have", "become", "seem"}  # verbs that state no relation between their subject and the rest


def run(store: Store) -> int:
    """Count every pair of entities of the store and save them; the number of pairs."""
    pairs = count(store.entity_sentences())
    verbs = stated(store.claims_naming_several(), pairs)
    store.save_entity_pairs([(a, b, n, d, verbs.get((a, b), {})) for (a, b), (n, d) in sorted(pairs.items())])
    return len(pairs)


def count(named: Iterable[tuple[int, int, int]]) -> dict[tuple[int, int], tuple[int, int]]:
    """(document, sentence, entity) in document order → for each pair a < b, (sentences, documents)."""
    counted: dict[tuple[int, int], list] = {}
    for (doc, _sentence), rows in groupby(named, key=lambda r: (r[0], r[1])):
        for pair in combinations(sorted({entity for _, _, entity in rows}), 2):
            entry = counted.setdefault(pair, [0, set()])
            entry[0] += 1
            entry[1].add(doc)
    return {pair: (n, len(docs)) for pair, (n, docs) in counted.items()}


def stated(claims: list[dict], pairs: dict[tuple[int, int], tuple]) -> dict[tuple[int, int], dict[int, list[str]]]:
    """Beside co-occurrence, what the claims that name both entities of a pair have one of them do: the
    frame of a claim gives its subject and verb (not its object), so a pair gets {Bush: [send, denounce]}
    for claims whose subject is Bush and that name the other entity too. Copulas say nothing of the kind."""
    verbs: dict[tuple[int, int], dict[int, list[str]]] = {}
    for claim in claims:
        frame = claim["frame"]
        subject, verb = frame.get("subject") or "", frame.get("predicate")
        if not subject.startswith("e:") or not verb or verb in COPULAS:
            continue
        doer = next((e for e, words in claim["named"].items() if subject[2:] in words), None)
        for other in claim["named"]:
            pair = (min(doer, other), max(doer, other)) if doer is not None else None
            if pair in pairs and other != doer:
                said = verbs.setdefault(pair, {}).setdefault(doer, [])
                verb_said = ("not " if frame.get("negated") else "") + verb
                if verb_said not in said:
                    said.append(verb_said)
    return verbs
