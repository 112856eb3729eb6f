"""Centrality metrics on the collapsed actor graph, networkx style.

Every function takes a simple graph (a networkx graph or the
:class:`~actorgraph.queries.arrays.GraphArrays` built from one) and returns
``{node: score}`` (a :class:`~actorgraph.queries.arrays.ScoreMap`, a mapping
over the numpy array of scores). The computations run on scipy sparse matrices, so they
give networkx's numbers at a fraction of its time on large graphs:

* ``degree``, ``in_degree``, ``out_degree``: distinct neighbours (raw counts).
* ``weighted_degree``: sum of edge weights (documents supporting each tie).
* ``betweenness``: igraph's Brandes (compiled), exact, or over ``k`` sampled
  sources (networkx's sample for the same seed, and its scaling, so the two
  agree). Unweighted, undirected, normalised.
* ``closeness``: igraph's breadth-first distances; exact, or estimated from
  ``k`` sampled sources. Undirected, Wasserman–Faust scaling for
  disconnected graphs, as networkx does by default.
* :func:`path_metrics` computes both from one set of sources; on a large
  graph the sources are shared out among worker processes, one a core
  (igraph holds the interpreter lock while it runs).
* ``eigenvector``: the principal eigenvector of the weighted undirected
  adjacency restricted to the largest connected component (ARPACK, dense for
  small components); actors outside it score 0. On a disconnected graph the
  eigenvector of the whole matrix is not unique and power iteration may not
  converge; restricting to one component avoids both.
* ``pagerank``: power iteration on the weighted directed graph, with
  networkx's handling of dangling nodes and its stopping rule.
"""

from __future__ import annotations

import os
import random
from collections.abc import Hashable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context
from typing import TypeAlias

import igraph
import networkx as nx
import numpy as np
from scipy import sparse
from scipy.sparse import csgraph
from scipy.sparse.linalg import eigsh

from actorgraph.queries.arrays import GraphArrays, ScoreMap, as_arrays

__all__ = [
    "EXACT_LIMIT",
    "SAMPLES",
    "betweenness",
    "brokers",
    "closeness",
    "degree",
    "eigenvector",
    "in_degree",
    "out_degree",
    "pagerank",
    "path_metrics",
    "sample_sources",
    "weighted_degree",
]

AnyGraph: TypeAlias = nx.Graph | GraphArrays
Scores: TypeAlias = ScoreMap

# Above this many actors, betweenness and closeness use sampled sources: exact
# costs one breadth-first search per actor.
EXACT_LIMIT = 5000
# Sources sampled above EXACT_LIMIT; the bench measures Spearman > 0.9 against
# exact values with this many.
SAMPLES = 500
# Breadth-first edge visits (sources x edges) above which the sources are shared
# out among worker processes: below it, starting them costs more than it saves.
PARALLEL_WORK = 50_000_000
# Sources whose distances are held at once (a row of floats per actor each).
_DISTANCE_BATCH = 64


def _pattern(matrix: sparse.csr_array) -> sparse.csr_array:
    """The 0/1 adjacency without self-loops (paths never run through a loop)."""
    pattern = matrix.copy()
    pattern.data = np.ones_like(pattern.data)
    loops = pattern.diagonal()
    if loops.any():
        pattern = (pattern - sparse.diags_array(loops)).tocsr()
        pattern.eliminate_zeros()
    return pattern


def degree(G: AnyGraph) -> Scores:
    """Number of distinct neighbours, whatever the direction of the ties.

    Examples
    --------
    >>> degree(nx.DiGraph([("a", "b"), ("b", "a"), ("c", "a")]))
    {'a': 2.0, 'b': 1.0, 'c': 1.0}
    """
    arrays = as_arrays(G, undirected=True)
    return arrays.as_dict(np.diff(arrays.matrix.indptr) - arrays.loops)


def out_degree(G: AnyGraph) -> Scores:
    """Number of distinct successors (for an undirected graph: neighbours).

    Examples
    --------
    >>> out_degree(nx.DiGraph([("a", "b"), ("a", "c")]))
    {'a': 2.0, 'b': 0.0, 'c': 0.0}
    """
    arrays = as_arrays(G)
    return arrays.as_dict(np.diff(arrays.matrix.indptr) - arrays.loops)


def in_degree(G: AnyGraph) -> Scores:
    """Number of distinct predecessors (for an undirected graph: neighbours).

    Examples
    --------
    >>> in_degree(nx.DiGraph([("a", "b"), ("c", "b")]))
    {'a': 0.0, 'b': 2.0, 'c': 0.0}
    """
    arrays = as_arrays(G)
    counts = np.bincount(arrays.matrix.indices, minlength=arrays.size)
    return arrays.as_dict(counts - arrays.loops)


def weighted_degree(G: AnyGraph) -> Scores:
    """Sum of the weights of an actor's ties, read as undirected.

    Give it the undirected collapse (``collapse(G, directed=False)``), whose
    weight counts the documents supporting the pair in either direction.

    Examples
    --------
    >>> weighted_degree(nx.Graph([("a", "b", {"weight": 3}), ("b", "c", {"weight": 1})]))
    {'a': 3.0, 'b': 4.0, 'c': 1.0}
    """
    arrays = as_arrays(G, undirected=True)
    matrix = arrays.matrix
    return arrays.as_dict(np.asarray(matrix.sum(axis=1)).ravel() - matrix.diagonal())


def pagerank(
    G: AnyGraph, alpha: float = 0.85, *, tol: float = 1.0e-6, max_iter: int = 100
) -> Scores:
    """PageRank of the weighted directed graph (networkx's defaults and results).

    A dangling actor (no outgoing tie) spreads its rank evenly, as in
    ``networkx.pagerank``.

    Raises
    ------
    networkx.PowerIterationFailedConvergence
        If the iteration does not settle within ``max_iter`` steps.

    Examples
    --------
    >>> scores = pagerank(nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a")]))
    >>> round(scores["a"], 4)
    0.3333
    """
    arrays = as_arrays(G)
    size = arrays.size
    if size == 0:
        return arrays.as_dict(np.zeros(0))
    matrix = arrays.matrix
    out_weight = np.asarray(matrix.sum(axis=1)).ravel()
    inverse = np.divide(1.0, out_weight, out=np.zeros(size), where=out_weight != 0)
    transition = (sparse.diags_array(inverse) @ matrix).T.tocsr()
    dangling = out_weight == 0
    uniform = np.full(size, 1.0 / size)
    scores = uniform.copy()
    for _ in range(max_iter):
        previous = scores
        scores = (
            alpha * (transition @ previous + previous[dangling].sum() * uniform)
            + (1 - alpha) * uniform
        )
        if np.abs(scores - previous).sum() < size * tol:
            return arrays.as_dict(scores)
    raise nx.PowerIterationFailedConvergence(max_iter)


def eigenvector(G: AnyGraph) -> Scores:
    """Eigenvector centrality of the weighted undirected graph's largest component.

    Scores have unit Euclidean norm; actors outside the largest connected
    component score 0 (see the module notes for why).

    Examples
    --------
    >>> scores = eigenvector(nx.star_graph(3))
    >>> round(scores[0], 4), round(scores[1], 4)
    (0.7071, 0.4082)
    """
    arrays = as_arrays(G, undirected=True)
    scores = np.zeros(arrays.size)
    if arrays.size == 0 or arrays.matrix.nnz == 0:
        return arrays.as_dict(scores)
    _, labels = csgraph.connected_components(arrays.matrix, directed=False)
    largest = np.flatnonzero(labels == np.bincount(labels).argmax())
    block = arrays.matrix[largest][:, largest]
    if len(largest) < 100:
        _, vectors = np.linalg.eigh(block.toarray())
        vector = vectors[:, -1]
    else:
        # A fixed start vector makes ARPACK's result reproducible run to run.
        _, vectors = eigsh(block, k=1, which="LA", v0=np.ones(len(largest)))
        vector = vectors[:, 0]
    vector = vector / (np.sign(vector.sum()) * np.linalg.norm(vector))
    scores[largest] = vector
    return arrays.as_dict(scores)


def sample_sources(nodes: Sequence[Hashable], k: int, seed: int) -> list[Hashable]:
    """The ``k`` sources networkx samples for ``betweenness_centrality(k=k, seed=seed)``.

    Examples
    --------
    >>> sample_sources(["a", "b", "c", "d"], 2, seed=1)
    ['b', 'c']
    """
    return random.Random(seed).sample(list(nodes), k)


def _sources(arrays: GraphArrays, k: int | None, seed: int) -> tuple[np.ndarray, bool]:
    """Source rows, and whether they are a sample (``k`` given and below the size)."""
    if k is None:
        k = SAMPLES if arrays.size > EXACT_LIMIT else arrays.size
    if k >= arrays.size:
        return np.arange(arrays.size), False
    picked = sample_sources(arrays.nodes, k, seed)
    return np.array([arrays.index[node] for node in picked], dtype=np.int64), True


def _source_sums(
    size: int, edges: np.ndarray, sources: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Brandes' dependencies summed over ``sources``, and for every actor the
    summed distance from the sources that reach it and their number.

    ``edges`` are the undirected graph's ``(u, v)`` rows, each tie once. A
    module-level function so that a worker process can run it.
    """
    graph = igraph.Graph(n=size, edges=edges, directed=False)
    # igraph counts each source-target pair once per source; Brandes'
    # dependency of a node sums both orders.
    dependency = 2.0 * np.asarray(
        graph.betweenness(directed=False, sources=sources.tolist()), dtype=float
    )
    totals = np.zeros(size)
    reached = np.zeros(size)
    for start in range(0, len(sources), _DISTANCE_BATCH):
        batch = sources[start : start + _DISTANCE_BATCH].tolist()
        distances = np.asarray(graph.distances(source=batch), dtype=float)
        finite = np.isfinite(distances) & (distances > 0)
        totals += np.where(finite, distances, 0.0).sum(axis=0)
        reached += finite.sum(axis=0)
    return dependency, totals, reached


def _workers(work: int) -> int:
    if work <= PARALLEL_WORK or "fork" not in get_all_start_methods():
        return 1
    return min(2, os.cpu_count() or 1)


def path_metrics(
    G: AnyGraph, k: int | None = None, *, seed: int = 0, workers: int | None = None
) -> tuple[Scores, Scores]:
    """Betweenness and closeness from one set of sources (see :func:`betweenness`).

    Parameters
    ----------
    G : graph
        Read as undirected and unweighted (hops).
    k : int, optional
        Number of sampled sources, as in :func:`betweenness`.
    seed : int
        Seed of the source sample.
    workers : int, optional
        Processes that share out the sources; default one a core (at most
        two) on a large graph, else none. The result is the same either way.

    Examples
    --------
    >>> between, close = path_metrics(nx.path_graph(3))
    >>> between[1], close[0]
    (1.0, 0.6666666666666666)
    """
    arrays = as_arrays(G, undirected=True)
    size = arrays.size
    if size < 2:
        return arrays.as_dict(np.zeros(size)), arrays.as_dict(np.zeros(size))
    sources, sampled = _sources(arrays, k, seed)
    upper = sparse.triu(_pattern(arrays.matrix), k=1).tocoo()
    edges = np.column_stack([upper.row, upper.col])
    workers = workers or _workers(len(sources) * len(edges))
    shares = [part for part in np.array_split(sources, workers) if len(part)]
    if len(shares) > 1:
        # fork: a spawned worker would import the caller's main module again,
        # which a script or notebook without a __main__ guard cannot survive.
        with ProcessPoolExecutor(len(shares), mp_context=get_context("fork")) as pool:
            parts = list(
                pool.map(_source_sums, [size] * len(shares), [edges] * len(shares), shares)
            )
    else:
        parts = [_source_sums(size, edges, sources)]
    dependency, totals, reached = (np.sum([part[i] for part in parts], axis=0) for i in range(3))
    return (
        arrays.as_dict(_scaled_betweenness(dependency, size, sources, sampled)),
        arrays.as_dict(_closeness(totals, reached, size, sources)),
    )


def _scaled_betweenness(
    dependency: np.ndarray, size: int, sources: np.ndarray, sampled: bool
) -> np.ndarray:
    if size < 3:
        return np.zeros(size)
    if not sampled:
        return dependency / ((size - 1) * (size - 2))
    # networkx's scaling of a sample: a source's own dependency is missing
    # from its sum, so it is averaged over one source fewer.
    scale = np.full(size, 1.0 / (len(sources) * (size - 2)))
    scale[sources] = 1.0 / ((len(sources) - 1) * (size - 2)) if len(sources) > 1 else np.nan
    return dependency * scale


def _closeness(
    totals: np.ndarray, reached: np.ndarray, size: int, sources: np.ndarray
) -> np.ndarray:
    # Sources other than the actor itself: the actor's own row never counts.
    is_source = np.zeros(size, dtype=bool)
    is_source[sources] = True
    candidates = len(sources) - is_source.astype(float)
    # reached / candidates estimates (r-1)/(n-1) and totals / reached the mean
    # distance; with every actor as a source both are exact.
    return np.divide(
        reached**2,
        candidates * totals,
        out=np.zeros(size),
        where=(totals > 0) & (candidates > 0),
    )


def betweenness(G: AnyGraph, k: int | None = None, *, seed: int = 0) -> Scores:
    """Normalised betweenness of the unweighted undirected graph.

    Parameters
    ----------
    G : graph
        Read as undirected and unweighted (hops).
    k : int, optional
        Number of sampled sources. Default: exact up to ``EXACT_LIMIT``
        actors, ``SAMPLES`` sources above. The sources are those
        ``networkx.betweenness_centrality(G, k=k, seed=seed)`` samples, and
        the scaling is the same, so the two give equal results.
    seed : int
        Seed of the source sample.

    Examples
    --------
    >>> betweenness(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    return path_metrics(G, k, seed=seed)[0]


def closeness(G: AnyGraph, k: int | None = None, *, seed: int = 0) -> Scores:
    """Closeness of the unweighted undirected graph (networkx's default scaling).

    With ``S`` the sum of distances from an actor to the ``r - 1`` others it
    can reach in a graph of ``n``: ``(r - 1) / S * (r - 1) / (n - 1)``. When
    sampled, distances to ``k`` sources estimate the mean distance and the
    reachable share. ``k`` and ``seed`` as in :func:`betweenness`.

    Examples
    --------
    >>> closeness(nx.path_graph(3))
    {0: 0.6666666666666666, 1: 1.0, 2: 0.6666666666666666}
    """
    return path_metrics(G, k, seed=seed)[1]


def brokers(
    betweenness_scores: Mapping[Hashable, float],
    degree_scores: Mapping[Hashable, float],
    *,
    size: int,
) -> dict[Hashable, float]:
    """Brokerage: betweenness relative to degree, for actors with two or more ties.

    ``betweenness / (degree / (n - 1))``: both normalised, so a broker whose
    few ties carry many shortest paths scores far above 1, a hub whose
    betweenness merely follows its many ties about 1 or below. Actors with
    no betweenness or fewer than two ties are left out.

    Examples
    --------
    >>> G = nx.barbell_graph(3, 1)
    >>> top = max(brokers(betweenness(G), degree(G), size=7).items(), key=lambda kv: kv[1])
    >>> top[0]
    3
    """
    result = {}
    for node, score in betweenness_scores.items():
        ties = degree_scores.get(node, 0.0)
        if score > 0 and ties >= 2 and size > 1:
            result[node] = score / (ties / (size - 1))
    return result
