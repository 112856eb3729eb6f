"""Communities of the actor graph (Louvain with a fixed seed).

Louvain runs in igraph (``community_multilevel``, compiled); networkx's
``louvain_communities`` is the reference the tests hold it to. Louvain's
result depends on the order it visits nodes, which igraph draws from its
random number generator: a fixed seed makes the partition, and so the
report, the same run after run.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Hashable, Sequence
from typing import Any

import igraph
import networkx as nx
import numpy as np
from scipy import sparse

from actorgraph.queries.arrays import GraphArrays, as_arrays

__all__ = ["DEFAULT_SEED", "communities", "community_labels", "community_summary", "membership"]

DEFAULT_SEED = 42


def community_labels(
    arrays: GraphArrays, *, seed: int = DEFAULT_SEED, resolution: float = 1.0
) -> np.ndarray:
    """Louvain community of each row of the weighted undirected ``arrays``
    (numbers in igraph's order, see :func:`communities` for a stable one).

    Examples
    --------
    >>> from actorgraph.queries.arrays import graph_arrays
    >>> labels = community_labels(graph_arrays(nx.barbell_graph(4, 0)))
    >>> len(set(labels[:4].tolist())), bool(labels[0] == labels[4])
    (1, False)
    """
    if arrays.size == 0:
        return np.zeros(0, dtype=np.int64)
    upper = sparse.triu(arrays.matrix, k=1).tocoo()
    graph = igraph.Graph(
        n=arrays.size, edges=np.column_stack([upper.row, upper.col]), directed=False
    )
    # igraph draws from Python's `random` module unless told otherwise; a
    # generator of our own gives the seed's partition whatever else ran before.
    igraph.set_random_number_generator(random.Random(seed))
    try:
        found = graph.community_multilevel(weights=upper.data.tolist(), resolution=resolution)
    finally:
        igraph.set_random_number_generator(random)
    return np.asarray(found.membership, dtype=np.int64)


def communities(
    G: nx.Graph | GraphArrays, *, seed: int = DEFAULT_SEED, resolution: float = 1.0
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
    arrays = as_arrays(G, undirected=True)
    labels = community_labels(arrays, seed=seed, resolution=resolution)
    found: dict[int, set[Hashable]] = {}
    for node, label in zip(arrays.nodes, labels.tolist(), strict=True):
        found.setdefault(label, set()).add(node)
    return sorted(found.values(), key=lambda members: (-len(members), min(map(str, members))))


def membership(partition: list[set[Hashable]]) -> dict[Hashable, int]:
    """``{actor: community number}`` for a partition (numbers from 0).

    Examples
    --------
    >>> membership([{"a", "b"}, {"c"}])["c"]
    1
    """
    return {node: number for number, members in enumerate(partition) for node in members}


def community_summary(
    arrays: GraphArrays,
    partition: list[set[Hashable]],
    *,
    names: Sequence[str],
    types: Sequence[str | None],
    countries: Sequence[str | None],
    top: int = 5,
) -> list[dict[str, Any]]:
    """One row per community: size, leading members, types and countries.

    ``arrays`` is the weighted undirected graph; ``names``, ``types`` and
    ``countries`` are given per row of it. Members are ranked by weighted
    degree; ``internal`` is the summed weight of ties inside the community.

    Examples
    --------
    >>> from actorgraph.queries.arrays import graph_arrays
    >>> arrays = graph_arrays(nx.barbell_graph(3, 0))
    >>> rows = community_summary(
    ...     arrays, communities(arrays), names="abcdef", types=[None] * 6, countries=[None] * 6
    ... )
    >>> [(row["size"], row["internal"]) for row in rows]
    [(3, 3.0), (3, 3.0)]
    """
    matrix = arrays.matrix
    strength = np.asarray(matrix.sum(axis=1)).ravel() - matrix.diagonal()
    labels = np.full(arrays.size, -1, dtype=np.int64)
    for number, members in enumerate(partition):
        labels[[arrays.index[node] for node in members]] = number
    coo = matrix.tocoo()
    inside = (labels[coo.row] >= 0) & (labels[coo.row] == labels[coo.col]) & (coo.row < coo.col)
    internal = np.bincount(
        labels[coo.row[inside]], weights=coo.data[inside], minlength=len(partition)
    )
    rows = []
    for number, members in enumerate(partition):
        positions = sorted(
            (arrays.index[node] for node in members),
            key=lambda row: (-strength[row], str(arrays.nodes[row])),
        )
        kinds = Counter(types[row] or "" for row in positions)
        places = Counter(countries[row] for row in positions)
        places.pop(None, None)
        rows.append(
            {
                "community": number,
                "size": len(members),
                "internal": float(internal[number]),
                "members": [names[row] for row in positions[:top]],
                "types": dict(kinds.most_common()),
                "countries": dict(places.most_common(5)),
            }
        )
    return rows
