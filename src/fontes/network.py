"""The entity network: entities as nodes sized by mentions, joined when they are named in the same
sentence. One builder serves the web view, its JSON API and the GraphML export."""
from __future__ import annotations

import networkx as nx

from .store import Store


def graph(store: Store, etype: str | None = None, doc_id: int | None = None, min_mentions: int = 1,
          limit: int | None = None) -> nx.Graph:
    """Entities (the `limit` most mentioned that pass the filters) and their co-occurrence in sentences.
    Edge weight is the number of sentences that name both; `documents` how many documents do."""
    entities = [e for e in store.entities(etype=etype, doc_id=doc_id) if e["mentions"] >= min_mentions]
    entities = entities[:limit] if limit else entities
    g = nx.Graph()
    for e in entities:
        g.add_node(e["id"], label=e["name"], type=e["type"], mentions=e["mentions"],
                   documents=len(e["documents"]), aliases="; ".join(e["aliases"]))
    for a, b, sentences, documents in store.cooccurrences([e["id"] for e in entities], doc_id):
        g.add_edge(a, b, weight=sentences, documents=documents)
    return g


def as_json(g: nx.Graph) -> dict:
    """Nodes and edges in the shape Cytoscape.js reads (`elements`), ids prefixed as everywhere else."""
    nodes = [{"data": {"id": f"e{n}", **attrs}} for n, attrs in g.nodes(data=True)]
    edges = [{"data": {"id": f"e{a}-e{b}", "source": f"e{a}", "target": f"e{b}", **attrs}}
             for a, b, attrs in g.edges(data=True)]
    return {"nodes": nodes, "edges": edges}
