"""Node positions for the HTML explorer, computed in Python so that a large
page opens already laid out, with the browser's physics engine switched off.

Each connected component is laid out on its own and the components are packed
in rows, largest first: a layout of the whole graph would let a few small
components fly off to the edges and squeeze the main one into the middle.
Small components use networkx's spring layout (Fruchterman–Reingold); a large
one uses a spectral layout (networkx's method, made reproducible), whose cost
is one sparse eigen-decomposition (under a second for 5,000 actors, where
spring layout takes tens of seconds), spread out by rank so that its nodes do
not pile up in the centre.
Every step is deterministic for a given seed.
"""

from __future__ import annotations

import math
from collections.abc import Hashable

import networkx as nx
import numpy as np
from scipy.sparse import csgraph
from scipy.sparse.linalg import eigsh

__all__ = ["SPRING_LIMIT", "layout_positions"]

# Components up to this many actors get a spring layout; above it the dense
# O(n²) iterations of spring layout cost more than a page should wait for.
SPRING_LIMIT = 300
# Pixels of canvas per actor along a side: a component of n actors gets a box
# of side NODE_SPACING * sqrt(n), roughly the room vis-network's physics gives.
NODE_SPACING = 90.0


def _component_layout(H: nx.Graph, seed: int) -> np.ndarray:
    """Positions of one component, scaled to the unit square, as an (n, 2) array."""
    n = H.number_of_nodes()
    if n == 1:
        return np.zeros((1, 2))
    if n <= SPRING_LIMIT:
        pos = nx.spring_layout(H, seed=seed, iterations=60)
        coords = np.array([pos[node] for node in H])
    else:
        raw = _spectral(H, seed)
        # Rank each axis: the spectral embedding keeps neighbours close but packs
        # most actors into a tiny core; ranks keep the order and use the room.
        ranks = raw.argsort(axis=0).argsort(axis=0) / (n - 1)
        coords = 0.7 * ranks + 0.3 * _unit(raw)
    return _unit(coords)


def _spectral(H: nx.Graph, seed: int) -> np.ndarray:
    """The two smallest non-trivial Laplacian eigenvectors, as networkx's
    spectral layout computes them, with ARPACK's start vector and the
    eigenvectors' signs fixed so that the result does not vary run to run."""
    n = H.number_of_nodes()
    laplacian = csgraph.laplacian(nx.to_scipy_sparse_array(H, dtype=float, format="csr"))
    start = np.random.default_rng(seed).random(n)
    values, vectors = eigsh(
        laplacian, k=3, which="SM", ncv=max(7, int(math.sqrt(n))), tol=1e-4, v0=start
    )
    raw = vectors[:, np.argsort(values)[1:3]]
    strongest = np.abs(raw).argmax(axis=0)
    return raw * np.sign(raw[strongest, [0, 1]])


def _unit(coords: np.ndarray) -> np.ndarray:
    low = coords.min(axis=0)
    span = coords.max(axis=0) - low
    span[span == 0] = 1.0
    return (coords - low) / span


def layout_positions(G: nx.Graph, *, seed: int = 7) -> dict[Hashable, tuple[float, float]]:
    """Deterministic canvas positions (in pixels) for every node of ``G``.

    Parameters
    ----------
    G : networkx.Graph
        The graph to lay out; edge direction and multiplicity are ignored.
    seed : int
        Seed of the spring layouts; the same graph and seed give the same
        positions.

    Returns
    -------
    dict
        ``{node: (x, y)}``, centred on the origin.

    Examples
    --------
    >>> pos = layout_positions(nx.path_graph(3))
    >>> sorted(pos) == [0, 1, 2] and pos == layout_positions(nx.path_graph(3))
    True
    """
    U = nx.Graph(G) if G.is_directed() or G.is_multigraph() else G
    components = sorted(
        (sorted(c, key=str) for c in nx.connected_components(U)),
        key=lambda nodes: (-len(nodes), str(nodes[0])),
    )
    total_width = NODE_SPACING * math.sqrt(max(U.number_of_nodes(), 1)) * 1.2
    positions: dict[Hashable, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for nodes in components:
        side = NODE_SPACING * math.sqrt(len(nodes))
        if x > 0 and x + side > total_width:
            x, y, row_height = 0.0, y + row_height + NODE_SPACING, 0.0
        component = U.subgraph(nodes)
        coords = _component_layout(component, seed) * side
        for node, (cx, cy) in zip(component, coords, strict=True):
            positions[node] = (x + float(cx), y + float(cy))
        x += side + NODE_SPACING
        row_height = max(row_height, side)
    if positions:
        xs, ys = zip(*positions.values(), strict=True)
        mid_x, mid_y = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        positions = {node: (px - mid_x, py - mid_y) for node, (px, py) in positions.items()}
    return positions
