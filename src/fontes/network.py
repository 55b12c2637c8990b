"""The entity network: entities as nodes sized by mentions, joined when they are named in the same
sentence (with what the claims naming both have one of them do), coloured by community. The whole
network (the most mentioned entities) or one entity's neighbourhood (its ego network, one or two
steps out). The pairs are counted once per resolution (corpus/cooccurrence.py) and read from the
store here. One builder serves the web view, its JSON API and the GraphML export."""
from __future__ import annotations

import networkx as nx

from .corpus import cooccurrence
from .store import Store

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
    in_document = _document_pairs(store, doc_id) if doc_id is not None else None
    for _ in range(max(1, min(depth, 2))):
        found: dict[int, int] = {}
        for other, sentences in _neighbours(store, frontier, in_document):
            if other not in reached:
                found[other] = found.get(other, 0) + sentences
        frontier = sorted(found, key=lambda e: (-found[e], e))[:min(EGO_NEIGHBOURS, limit - len(reached))]
        reached += frontier
        if not frontier:
            break
    g = _build(store, store.entity_counts(doc_id=doc_id, ids=reached), doc_id, in_document)
    if entity_id in g:
        g.nodes[entity_id]["ego"] = True
        for n in g.nodes:
            g.nodes[n]["step"] = 0 if n == entity_id else 1 if g.has_edge(entity_id, n) else 2
    return g


def _ready(store: Store) -> None:
    """Count the pairs of a store written before they were kept (once; every resolution counts them since)."""
    if store.entity_pairs_missing():
        cooccurrence.run(store)


def _document_pairs(store: Store, doc_id: int) -> dict[tuple[int, int], tuple[int, int]]:
    """The pairs named together in one document, counted from its mentions (a document is small)."""
    return cooccurrence.count(store.entity_sentences(doc_id))


def _neighbours(store: Store, frontier: list[int], in_document: dict | None) -> list[tuple[int, int]]:
    """(other, sentences) for the entities named with any in the frontier, in the store or in one document."""
    if in_document is None:
        _ready(store)
        return [(other, n) for _given, other, n in store.pair_neighbours(frontier)]
    given = set(frontier)
    return [(b if a in given else a, n) for (a, b), (n, _) in in_document.items() if a in given or b in given]


def _build(store: Store, entities: list[dict], doc_id: int | None, in_document: dict | None = None) -> nx.Graph:
    g = nx.Graph()
    for e in entities:
        g.add_node(e["id"], label=e["name"], type=e["type"], mentions=e["mentions"],
                   documents=e["documents"], aliases="; ".join(e["aliases"]))
    _ready(store)
    pairs = store.entity_pairs(list(g.nodes))  # what the claims state comes from the whole store
    if doc_id is not None:
        in_document = in_document if in_document is not None else _document_pairs(store, doc_id)
        pairs = [(a, b, *in_document[a, b], stated) for a, b, _n, _d, stated in pairs if (a, b) in in_document]
    for a, b, sentences, documents, stated in pairs:
        g.add_edge(a, b, weight=sentences, documents=documents)
        if stated:  # text, as GraphML holds it
            g.edges[a, b]["stated"] = "; ".join(f"{g.nodes[d]['label']}: {', '.join(v)}" for d, v in sorted(stated.items()))
    _communities(g)
    return g


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
