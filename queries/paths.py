"""How two actors are connected, and what surrounds one actor.

Paths and neighbourhoods read the actor multigraph as undirected: "the
Carabinieri met DHS, which accused Russia" is a chain whatever the direction
of each relation. Every hop carries the relations behind it, best evidence
first, with the direction each relation actually has.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterator
from itertools import islice, pairwise
from typing import Any

import networkx as nx
from pydantic import BaseModel, ConfigDict

from actorgraph.graph.errors import ActorNotFound

__all__ = [
    "PATH_LIMIT",
    "Hop",
    "HopRelation",
    "ego_graph",
    "ego_rows",
    "find_actor",
    "shortest_chains",
]

# `--all` between two hubs can mean thousands of equally short chains; a
# reader wants the first few, and enumerating them all can take very long.
PATH_LIMIT = 100


class HopRelation(BaseModel):
    """One relation supporting a hop, oriented as stored."""

    model_config = ConfigDict(extra="forbid")

    type: str
    forward: bool
    doc: str | None = None
    title: str | None = None
    date: str | None = None
    evidence: str | None = None
    confidence: float | None = None


class Hop(BaseModel):
    """One step of a chain: two adjacent actors and the relations between them."""

    model_config = ConfigDict(extra="forbid")

    source: str
    source_name: str
    target: str
    target_name: str
    relations: list[HopRelation]


def find_actor(G: nx.MultiDiGraph, name: str) -> Hashable:
    """The actor of ``G`` whose id, name or an alias is ``name`` (any case).

    Raises
    ------
    ActorNotFound
        If no actor matches.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("dhs", name="Department of Homeland Security", aliases=["DHS"])
    >>> find_actor(G, "department of homeland security")
    'dhs'
    """
    if name in G:
        return name
    wanted = name.casefold()
    for field in ("name", "aliases"):
        for node, data in G.nodes(data=True):
            value = data.get(field)
            values = value if isinstance(value, list) else [value]
            if any(isinstance(item, str) and item.casefold() == wanted for item in values):
                return node
    raise ActorNotFound(f"no actor named {name!r} in the graph (try `actorgraph actors`)")


def _relations(G: nx.MultiDiGraph, u: Hashable, v: Hashable) -> list[HopRelation]:
    documents = G.graph.get("documents", {})
    found = [
        HopRelation(
            forward=forward,
            title=documents.get(data.get("doc"), {}).get("title"),
            **_relation_fields(data),
        )
        for forward, (a, b) in ((True, (u, v)), (False, (v, u)))
        for data in (G.get_edge_data(a, b) or {}).values()
    ]
    # Best evidence first: a relation with a sentence before a registry fact
    # without one, then the most confident.
    found.sort(key=lambda item: (not item.evidence, -(item.confidence or 0.0), item.type))
    return found


def _relation_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {key: data.get(key) for key in ("type", "doc", "date", "evidence", "confidence")}


def _name(G: nx.MultiDiGraph, node: Hashable) -> str:
    return str(G.nodes[node].get("name", node))


def _hops(G: nx.MultiDiGraph, path: list[Hashable]) -> list[Hop]:
    return [
        Hop(
            source=str(u),
            source_name=_name(G, u),
            target=str(v),
            target_name=_name(G, v),
            relations=_relations(G, u, v),
        )
        for u, v in pairwise(path)
    ]


def shortest_chains(
    G: nx.MultiDiGraph,
    source: Hashable,
    target: Hashable,
    *,
    max_hops: int | None = None,
    all_paths: bool = False,
    limit: int = PATH_LIMIT,
) -> list[list[Hop]]:
    """The shortest chain(s) of relations linking ``source`` to ``target``.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The actor multigraph, read as undirected.
    source, target : node
        Actor ids (see :func:`find_actor`).
    max_hops : int, optional
        Return nothing when the shortest chain is longer than this.
    all_paths : bool
        Every shortest chain (at most ``limit``) rather than one.

    Returns
    -------
    list of chains, each a list of :class:`Hop`; empty when not connected.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", type="MET_WITH", evidence="A met B.")
    >>> _ = G.add_edge("c", "b", type="ACCUSED", evidence="C accused B.")
    >>> [(hop.target, hop.relations[0].type) for hop in shortest_chains(G, "a", "c")[0]]
    [('b', 'MET_WITH'), ('c', 'ACCUSED')]
    """
    U = G.to_undirected(as_view=True)
    try:
        paths: Iterator[list[Hashable]] = nx.all_shortest_paths(U, source, target)
        chosen = list(islice(paths, limit))
    except nx.NetworkXNoPath:
        return []
    if chosen and max_hops is not None and len(chosen[0]) - 1 > max_hops:
        return []
    # Which of several equally short chains comes first would otherwise depend
    # on the order edges came out of the store; sort them by actor ids.
    chosen.sort(key=lambda path: [str(node) for node in path])
    return [_hops(G, path) for path in (chosen if all_paths else chosen[:1])]


def ego_graph(G: nx.MultiDiGraph, actor: Hashable, depth: int = 1) -> nx.MultiDiGraph:
    """The actors within ``depth`` hops of ``actor`` and every relation among them.

    Examples
    --------
    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> sorted(ego_graph(G, "b"))
    ['a', 'b', 'c']
    """
    ego = nx.ego_graph(G, actor, radius=depth, undirected=True)
    ego.graph.update(G.graph)
    return ego


def ego_rows(ego: nx.MultiDiGraph, actor: Hashable) -> list[dict[str, Any]]:
    """One row per actor of a neighbourhood: distance, relations with the centre.

    Rows are sorted by distance, then by number of relations with the centre.
    """
    distance = nx.single_source_shortest_path_length(ego.to_undirected(as_view=True), actor)
    rows = []
    for node, data in ego.nodes(data=True):
        if node == actor:
            continue
        kinds = Counter(item.type for item in _relations(ego, actor, node))
        rows.append(
            {
                "id": str(node),
                "name": data.get("name", str(node)),
                "type": data.get("type"),
                "country": data.get("country"),
                "distance": distance.get(node),
                "relations": sum(kinds.values()),
                "types": ", ".join(f"{kind} {count}" for kind, count in kinds.most_common()),
            }
        )
    rows.sort(key=lambda row: (row["distance"], -row["relations"], row["name"]))
    return rows
