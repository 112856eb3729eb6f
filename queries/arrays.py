"""The collapsed actor graph as a scipy sparse matrix, built once and shared by the metrics.

The metrics in :mod:`actorgraph.queries.centrality` accept either a networkx
graph or a :class:`GraphArrays`. :func:`collapse_edges` builds the arrays of
the weighted simple graph straight from an
:class:`~actorgraph.graph.edges.EdgeTable` with numpy, no Python loop per
relation; :func:`graph_arrays` converts a simple networkx graph.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx
import numpy as np
from scipy import sparse

from actorgraph.graph.edges import EdgeTable
from actorgraph.graph.ontology import is_directed

__all__ = [
    "GraphArrays",
    "ScoreMap",
    "as_arrays",
    "collapse_edges",
    "edge_arrays",
    "graph_arrays",
]


class ScoreMap(Mapping[Hashable, float]):
    """A read-only ``{node: score}`` mapping over a numpy array of scores.

    What every metric returns: it behaves as the dict networkx would return
    (it compares equal to one), but costs nothing to build, where a real
    dict of a million entries takes longer than the metric itself. ``array``
    holds the scores in the order of ``nodes``.
    """

    __slots__ = ("_index", "array", "nodes")

    def __init__(
        self, nodes: list[Hashable], index: dict[Hashable, int], array: np.ndarray
    ) -> None:
        self.nodes = nodes
        self._index = index
        self.array = array

    def __getitem__(self, node: Hashable) -> float:
        return float(self.array[self._index[node]])

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self.nodes)

    def __len__(self) -> int:
        return len(self.nodes)

    def __repr__(self) -> str:
        return repr(dict(self.items()))


@dataclass(frozen=True)
class GraphArrays:
    """The adjacency matrix of a simple graph and the node behind each row.

    ``matrix[i, j]`` is the ``weight`` of edge ``nodes[i] -> nodes[j]`` (1 when
    the edge has none); for an undirected graph the matrix is symmetric.
    """

    nodes: list[Hashable]
    matrix: sparse.csr_array
    directed: bool
    index: dict[Hashable, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.index:
            self.index.update((node, position) for position, node in enumerate(self.nodes))

    @property
    def size(self) -> int:
        """Number of nodes."""
        return len(self.nodes)

    @cached_property
    def loops(self) -> np.ndarray:
        """1.0 where a node has a self-loop, else 0.0 (degrees leave loops out).

        Cached: several metrics need it and the matrix never changes.
        """
        return (self.matrix.diagonal() != 0).astype(float)

    def to_undirected(self) -> GraphArrays:
        """The symmetric form: ``max`` of the two directions' weights."""
        if not self.directed:
            return self
        symmetric = self.matrix.maximum(self.matrix.T).tocsr()
        return GraphArrays(self.nodes, symmetric, False, self.index)

    def as_dict(self, values: np.ndarray) -> ScoreMap:
        """Map one value per row back to its node (a :class:`ScoreMap`)."""
        return ScoreMap(self.nodes, self.index, np.asarray(values, dtype=float))


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
    return GraphArrays(nodes, matrix, G.is_directed(), index)


def edge_arrays(
    nodes: list[Hashable],
    source: np.ndarray,
    target: np.ndarray,
    weight: np.ndarray | None = None,
    *,
    directed: bool = True,
) -> GraphArrays:
    """Build :class:`GraphArrays` straight from edge arrays (row numbers into ``nodes``).

    No networkx graph is needed, which matters at a million edges. Repeated
    edges add their weights; an undirected graph is symmetrised.

    Examples
    --------
    >>> import numpy as np
    >>> arrays = edge_arrays(["a", "b"], np.array([0]), np.array([1]), directed=False)
    >>> arrays.matrix.toarray().tolist()
    [[0.0, 1.0], [1.0, 0.0]]
    """
    size = len(nodes)
    values = np.ones(len(source)) if weight is None else np.asarray(weight, dtype=float)
    matrix = sparse.coo_array((values, (source, target)), shape=(size, size)).tocsr()
    arrays = GraphArrays(list(nodes), matrix, True)
    return arrays if directed else arrays.to_undirected()


def collapse_edges(table: EdgeTable, *, directed: bool = True) -> GraphArrays:
    """The weighted simple graph of a table, as ``networkx_io.collapse`` makes it.

    ``weight`` is the number of distinct documents supporting the pair (a
    relation without a document counts as one source of its own). In the
    directed form a relation whose type has no direction supports both
    directions; the undirected form is symmetric. Self-loops are dropped.
    Rows follow ``table.ids``.

    Examples
    --------
    >>> from actorgraph.graph.edges import edges_from_graph
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", type="MET_WITH", doc="d1")
    >>> _ = G.add_edge("a", "b", type="VISITED", doc="d2")
    >>> collapse_edges(edges_from_graph(G)).matrix.toarray().tolist()
    [[0.0, 2.0], [1.0, 0.0]]
    """
    size = table.size
    linked = table.source != table.target
    source, target = table.source[linked], table.target[linked]
    # Documents are numbered from 0; a relation without one gets a number of its own.
    support = np.where(
        table.doc >= 0, table.doc, table.doc.max(initial=-1) + 1 + np.arange(table.relations)
    )
    support = support[linked]
    if directed:
        both_ways = ~np.array([is_directed(kind) for kind in table.kinds], dtype=bool)[
            table.kind[linked]
        ]
        source, target = (
            np.concatenate([source, target[both_ways]]),
            np.concatenate([target, source[both_ways]]),
        )
        support = np.concatenate([support, support[both_ways]])
    else:
        source, target = np.minimum(source, target), np.maximum(source, target)
    pair = source * size + target
    order = np.lexsort((support, pair))
    pair, support = pair[order], support[order]
    first = np.ones(len(pair), dtype=bool)
    first[1:] = (pair[1:] != pair[:-1]) | (support[1:] != support[:-1])
    pairs, weights = np.unique(pair[first], return_counts=True)
    rows, columns = pairs // size, pairs % size
    if not directed:
        rows, columns = np.concatenate([rows, columns]), np.concatenate([columns, rows])
        weights = np.concatenate([weights, weights])
    matrix = sparse.csr_array((weights.astype(float), (rows, columns)), shape=(size, size))
    matrix.sort_indices()
    return GraphArrays(table.ids, matrix, directed)  # type: ignore[arg-type]


def as_arrays(G: nx.Graph | GraphArrays, *, undirected: bool = False) -> GraphArrays:
    """``G`` as :class:`GraphArrays` (built if needed), optionally symmetrised."""
    arrays = G if isinstance(G, GraphArrays) else graph_arrays(G)
    return arrays.to_undirected() if undirected else arrays
