"""The entity network: entities as nodes sized by mentions, joined when they are named in the same
sentence (with what the claims naming both have one of them do), coloured by community. The whole
network (the most mentioned entities) or one entity's neighbourhood (its ego network, one or two
steps out). One builder serves the web view, its JSON API and the GraphML export."""
from __future__ import annotations

import networkx as nx

from .store import Store

COPULAS = {"be", "have", "become", "seem"}  # verbs that state no relation between their subject and the rest
EGO_NEIGHBOURS = 30  # at each step out, the neighbours named most often with the entities reached so far


def graph(store: Store, etype: str | None = None, doc_id: int | None = None, min_mentions: int = 1,
          limit: int | None = None) -> nx.Graph:
    """Entities (the `limit` most mentioned that pass the filters) and their co-occurrence in sentences.
    Edge weight is the number of sentences that name both; `documents` how many documents do."""
    return _build(store, store.entity_counts(etype, doc_id, min_mentions=min_mentions, limit=limit), doc_id)


def ego(store: Store, entity_id: int, depth: int = 1, doc_id: int | None = None, limit: int = 150) -> nx.Graph:
    """An entity and the entities named with it, `depth` steps out (1 or 2); at each step the
    neighbours named most often with those already reached, at most `limit` entities in all."""
    reached, frontier = [entity_id], [entity_id]
    for _ in range(max(1, min(depth, 2))):
        found: dict[int, int] = {}
        for _given, other, sentences in store.neighbours(frontier, doc_id):
            if other not in reached:
                found[other] = found.get(other, 0) + sentences
        frontier = sorted(found, key=lambda e: (-found[e], e))[:min(EGO_NEIGHBOURS, limit - len(reached))]
        reached += frontier
        if not frontier:
            break
    g = _build(store, store.entity_counts(doc_id=doc_id, ids=reached), doc_id)
    if entity_id in g:
        g.nodes[entity_id]["ego"] = True
        for n in g.nodes:
            g.nodes[n]["step"] = 0 if n == entity_id else 1 if g.has_edge(entity_id, n) else 2
    return g


def _build(store: Store, entities: list[dict], doc_id: int | None) -> nx.Graph:
    g = nx.Graph()
    for e in entities:
        g.add_node(e["id"], label=e["name"], type=e["type"], mentions=e["mentions"],
                   documents=e["documents"], aliases="; ".join(e["aliases"]))
    for a, b, sentences, documents in store.cooccurrences([e["id"] for e in entities], doc_id):
        g.add_edge(a, b, weight=sentences, documents=documents)
    _stated(store, g)
    _communities(g)
    return g


def _stated(store: Store, g: nx.Graph) -> None:
    """Beside co-occurrence, what the claims that name both entities have one of them do: the frame of
    a claim gives its subject and verb (not its object), so an edge says "Bush: send, denounce" for
    claims whose subject is Bush and that name the other entity too. Copulas say nothing of the kind."""
    verbs: dict[tuple[int, int], dict[int, list[str]]] = {}
    for claim in store.claims_naming_several(list(g.nodes)):
        frame = claim["frame"]
        subject, verb = frame.get("subject") or "", frame.get("predicate")
        if not subject.startswith("e:") or not verb or verb in COPULAS:
            continue
        doer = next((e for e, words in claim["named"].items() if subject[2:] in words), None)
        for other in claim["named"]:
            if doer is not None and other != doer and g.has_edge(doer, other):
                said = verbs.setdefault((min(doer, other), max(doer, other)), {}).setdefault(doer, [])
                verb_said = ("not " if frame.get("negated") else "") + verb
                if verb_said not in said:
                    said.append(verb_said)
    for (a, b), by_doer in verbs.items():  # text, as GraphML holds it
        g.edges[a, b]["stated"] = "; ".join(f"{g.nodes[d]['label']}: {', '.join(v)}" for d, v in sorted(by_doer.items()))


def _communities(g: nx.Graph) -> None:
    """Number each node's community (Louvain on the sentence counts, seeded so that a graph is always
    coloured the same way), the largest community first."""
    if not g.number_of_edges():
        nx.set_node_attributes(g, 0, "community")
        return
    found = nx.community.louvain_communities(g, weight="weight", seed=1)
    for number, members in enumerate(sorted(found, key=lambda c: (-len(c), min(c)))):
        for n in members:
            g.nodes[n]["community"] = number


def as_json(g: nx.Graph) -> dict:
    """Nodes and edges in the shape Cytoscape.js reads (`elements`), ids prefixed as everywhere else."""
    nodes = [{"data": {"id": f"e{n}", **attrs}} for n, attrs in g.nodes(data=True)]
    edges = [{"data": {"id": f"e{a}-e{b}", "source": f"e{a}", "target": f"e{b}", **attrs}}
             for a, b, attrs in g.edges(data=True)]
    return {"nodes": nodes, "edges": edges}
