"""Communities of the actor graph (Louvain with a fixed seed).

Louvain's result depends on the order it visits nodes; a fixed seed makes
the partition, and so the report, the same run after run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from typing import Any

import networkx as nx

__all__ = ["DEFAULT_SEED", "communities", "community_summary", "membership"]

DEFAULT_SEED = 42


def communities(
    G: nx.Graph, *, seed: int = DEFAULT_SEED, resolution: float = 1.0
) -> list[set[Hashable]]:
    """Louvain communities of the weighted undirected graph, largest first.

    Ties in size are ordered by their smallest member, so the numbering is
    stable for a given partition.

    Examples
    --------
    >>> G = nx.barbell_graph(4, 0)
    >>> [sorted(c) for c in communities(G)]
    [[0, 1, 2, 3], [4, 5, 6, 7]]
    """
    U = G.to_undirected(as_view=True) if G.is_directed() else G
    found = nx.community.louvain_communities(U, weight="weight", resolution=resolution, seed=seed)
    return sorted(found, key=lambda members: (-len(members), min(map(str, members))))


def membership(partition: list[set[Hashable]]) -> dict[Hashable, int]:
    """``{actor: community number}`` for a partition (numbers from 0).

    Examples
    --------
    >>> membership([{"a", "b"}, {"c"}])["c"]
    1
    """
    return {node: number for number, members in enumerate(partition) for node in members}


def community_summary(
    G: nx.Graph, partition: list[set[Hashable]], *, top: int = 5
) -> list[dict[str, Any]]:
    """One row per community: size, leading members, types and countries.

    Members are ranked by weighted degree inside ``G``; ``internal`` is the
    summed weight of ties inside the community.

    Examples
    --------
    >>> G = nx.barbell_graph(3, 0)
    >>> [row["size"] for row in community_summary(G, communities(G))]
    [3, 3]
    """
    strength = dict(G.degree(weight="weight"))
    rows = []
    for number, members in enumerate(partition):
        ranked = sorted(members, key=lambda node: (-strength.get(node, 0), str(node)))
        types = Counter(G.nodes[node].get("type", "") for node in members)
        countries = Counter(G.nodes[node].get("country") for node in members)
        countries.pop(None, None)
        rows.append(
            {
                "community": number,
                "size": len(members),
                "internal": float(G.subgraph(members).size(weight="weight")),
                "members": [G.nodes[node].get("name", str(node)) for node in ranked[:top]],
                "types": dict(types.most_common()),
                "countries": dict(countries.most_common(5)),
            }
        )
    return rows
