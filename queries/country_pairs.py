"""Which countries are tied to which, by how many relations of which family.

An actor's country is its ``country`` property (a ``Country`` actor carries
its own code there); actors without one (international organisations,
unplaced bodies) do not take part.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from actorgraph.graph.ontology import FAMILIES, family_of

__all__ = ["country_pairs"]


def country_pairs(G: nx.MultiDiGraph, *, domestic: bool = False) -> list[dict[str, Any]]:
    """Count relations between each pair of countries, per ontology family.

    Pairs are unordered (``IT``–``US`` holds relations in both directions).
    Rows are sorted by total, then by pair; ``documents`` is the number of
    distinct documents behind the pair's relations.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The actor multigraph (one edge per relation).
    domestic : bool
        Also count relations between two actors of the same country.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("it", country="IT"); G.add_node("us", country="US")
    >>> _ = G.add_edge("it", "us", type="MET_WITH", doc="d1")
    >>> _ = G.add_edge("us", "it", type="ACCUSED", doc="d2")
    >>> row = country_pairs(G)[0]
    >>> row["pair"], row["total"], row["consultation"], row["conflict"]
    ('IT–US', 2, 1, 1)
    """
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: dict.fromkeys(FAMILIES, 0))
    documents: dict[tuple[str, str], set[str]] = defaultdict(set)
    country = nx.get_node_attributes(G, "country")
    for u, v, data in G.edges(data=True):
        a, b = country.get(u), country.get(v)
        if a is None or b is None or (a == b and not domestic):
            continue
        pair = (a, b) if a <= b else (b, a)
        counts[pair][family_of(data["type"])] += 1
        if data.get("doc"):
            documents[pair].add(data["doc"])
    rows = [
        {
            "pair": f"{a}–{b}",
            "country_a": a,
            "country_b": b,
            "total": sum(families.values()),
            **families,
            "documents": len(documents[(a, b)]),
        }
        for (a, b), families in counts.items()
    ]
    return sorted(rows, key=lambda row: (-row["total"], row["pair"]))
