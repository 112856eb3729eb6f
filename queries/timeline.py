"""Dated events in order, for the whole graph or around one actor."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

import networkx as nx

from actorgraph.graph.ontology import EVENT_TYPES

__all__ = ["timeline"]


def timeline(G: nx.MultiDiGraph, actor: Hashable | None = None) -> list[dict[str, Any]]:
    """Event relations with a date, oldest first.

    Structural facts (roles, membership) are not events and are left out, as
    are events without a date. Equal dates are ordered by source, type and
    target name, so the listing is stable.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The actor multigraph.
    actor : node, optional
        Only events this actor takes part in (either end).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", name="A"); G.add_node("b", name="B")
    >>> _ = G.add_edge("a", "b", type="VISITED", date="2024-03-01", doc="d2")
    >>> _ = G.add_edge("b", "a", type="MET_WITH", date="2023-11", doc="d1")
    >>> [(row["date"], row["type"]) for row in timeline(G)]
    [('2023-11', 'MET_WITH'), ('2024-03-01', 'VISITED')]
    """
    documents = G.graph.get("documents", {})
    if actor is None:
        edges = G.edges(data=True)
    else:
        # A self-loop is both an out- and an in-edge; list it once.
        incoming = [(u, v, data) for u, v, data in G.in_edges(actor, data=True) if u != v]
        edges = [*G.out_edges(actor, data=True), *incoming]
    rows = []
    for u, v, data in edges:
        if data.get("type") not in EVENT_TYPES or not data.get("date"):
            continue
        rows.append(
            {
                "date": data["date"],
                "source": str(u),
                "source_name": G.nodes[u].get("name", str(u)),
                "type": data["type"],
                "target": str(v),
                "target_name": G.nodes[v].get("name", str(v)),
                "modality": data.get("modality"),
                "evidence": data.get("evidence"),
                "doc": data.get("doc"),
                "title": documents.get(data.get("doc"), {}).get("title"),
            }
        )
    rows.sort(key=lambda row: (row["date"], row["source_name"], row["type"], row["target_name"]))
    return rows
