"""Which countries are tied to which, by how many relations of which family.

An actor's country is its ``country`` property (a ``Country`` actor carries
its own code there); actors without one (international organisations,
unplaced bodies) do not take part.
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np

from actorgraph.graph.edges import EdgeTable, edges_from_graph
from actorgraph.graph.ontology import FAMILIES, family_of

__all__ = ["country_pairs"]


def country_pairs(
    G: nx.MultiDiGraph | EdgeTable, *, domestic: bool = False
) -> list[dict[str, Any]]:
    """Count relations between each pair of countries, per ontology family.

    Pairs are unordered (``IT``–``US`` holds relations in both directions).
    Rows are sorted by total, then by pair; ``documents`` is the number of
    distinct documents behind the pair's relations.

    Parameters
    ----------
    G : networkx.MultiDiGraph or EdgeTable
        The actor multigraph (one edge per relation), or its table.
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
    table = G if isinstance(G, EdgeTable) else edges_from_graph(G)
    codes = sorted({code for code in table.countries if code is not None})
    number = {code: position for position, code in enumerate(codes)}
    country = np.array([number.get(code, -1) if code else -1 for code in table.countries] or [-1])
    a, b = country[table.source], country[table.target]
    keep = (a >= 0) & (b >= 0) & ((a != b) | domestic)
    low, high = np.minimum(a, b)[keep], np.maximum(a, b)[keep]
    families = np.array([FAMILIES.index(family_of(kind)) for kind in table.kinds] or [0])
    family = families[table.kind[keep]]
    size = len(codes)
    pair = low * size + high
    counts = np.zeros((size * size, len(FAMILIES)), dtype=np.int64)
    np.add.at(counts, (pair, family), 1)
    doc = table.doc[keep]
    with_doc = doc >= 0
    distinct = np.unique(np.column_stack([pair[with_doc], doc[with_doc]]), axis=0)
    documents = np.bincount(distinct[:, 0], minlength=size * size)
    rows = []
    for found in np.flatnonzero(counts.sum(axis=1)).tolist():
        first, second = codes[found // size], codes[found % size]
        per_family = dict(zip(FAMILIES, counts[found].tolist(), strict=True))
        rows.append(
            {
                "pair": f"{first}–{second}",
                "country_a": first,
                "country_b": second,
                "total": sum(per_family.values()),
                **per_family,
                "documents": int(documents[found]),
            }
        )
    return sorted(rows, key=lambda row: (-row["total"], row["pair"]))
