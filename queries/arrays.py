"""A networkx graph as a scipy sparse matrix, built once and shared by the metrics.

The metrics in :mod:`actorgraph.queries.centrality` accept either a networkx
graph or a :class:`GraphArrays`; building the arrays walks every edge in
Python, so a report that computes several metrics builds them once.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

import networkx as nx
import numpy as np
from scipy import sparse

__all__ = ["GraphArrays", "as_arrays", "graph_arrays"]


@dataclass(frozen=True)
class GraphArrays:
    """The adjacency matrix of a simple graph and the node behind each row.

    ``matrix[i, j]`` is the ``weight`` of edge ``nodes[i] -> nodes[j]`` (1 when
    the edge has none); for an undirected graph the matrix is symmetric.
    """

    nodes: list[Hashable]
    matrix: sparse.csr_array
    directed: bool

    @property
    def size(self) -> int:
        """Number of nodes."""
        return len(self.nodes)

    def to_undirected(self) -> GraphArrays:
        """The symmetric form: ``max`` of the two directions' weights."""
        if not self.directed:
            return self
        return GraphArrays(self.nodes, self.matrix.maximum(self.matrix.T).tocsr(), False)

    def as_dict(self, values: np.ndarray) -> dict[Hashable, float]:
        """Map one value per row back to its node."""
        return dict(zip(self.nodes, values.tolist(), strict=True))


def graph_arrays(G: nx.Graph, weight: str = "weight") -> GraphArrays:
    """Build the CSR adjacency of a simple networkx graph.

    Rows follow ``list(G)``; self-loops are kept as they are in ``G``.

    Examples
    --------
    >>> import networkx as nx
    >>> arrays = graph_arrays(nx.path_graph(3))
    >>> arrays.matrix.toarray().tolist()
    [[0.0, 1.0, 0.0], [1.0, 0.0, 1.0], [0.0, 1.0, 0.0]]
    """
    if G.is_multigraph():
        raise TypeError("collapse the multigraph first (actorgraph.graph.networkx_io.collapse)")
    nodes = list(G)
    index = {node: position for position, node in enumerate(nodes)}
    adjacency = G.adj
    lengths = np.fromiter(
        (len(adjacency[node]) for node in nodes), dtype=np.int64, count=len(nodes)
    )
    indptr = np.zeros(len(nodes) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    total = int(indptr[-1])
    # One pass per array over G's own dicts: the row order is G's, so the CSR
    # index pointer comes from the neighbour counts without any sorting.
    indices = np.fromiter(
        (index[other] for node in nodes for other in adjacency[node]), dtype=np.int64, count=total
    )
    data = np.fromiter(
        (attrs.get(weight, 1) for node in nodes for attrs in adjacency[node].values()),
        dtype=np.float64,
        count=total,
    )
    matrix = sparse.csr_array((data, indices, indptr), shape=(len(nodes), len(nodes)))
    matrix.sort_indices()
    return GraphArrays(nodes, matrix, G.is_directed())


def as_arrays(G: nx.Graph | GraphArrays, *, undirected: bool = False) -> GraphArrays:
    """``G`` as :class:`GraphArrays` (built if needed), optionally symmetrised."""
    arrays = G if isinstance(G, GraphArrays) else graph_arrays(G)
    return arrays.to_undirected() if undirected else arrays
