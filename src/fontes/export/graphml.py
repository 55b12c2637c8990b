"""The entity network as GraphML, for Gephi, yEd or Cytoscape desktop."""
from __future__ import annotations

from typing import BinaryIO

import networkx as nx

from .. import network
from ..store import Store


def write(store: Store, out: BinaryIO) -> None:
    """Every entity with its mentions and aliases, and co-occurrence edges; node ids keep their `e` prefix."""
    g = network.graph(store)
    nx.write_graphml(nx.relabel_nodes(g, {n: f"e{n}" for n in g.nodes}), out)
