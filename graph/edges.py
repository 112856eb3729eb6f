"""The actor graph as columns: what analysis reads, and nothing more.

:func:`read_edges` reads from a store the actors that pass a
:class:`~actorgraph.graph.filters.GraphFilter`'s actor filters (id, name,
type, country) and, a page of actors at a time, the two ends, type, document
and date of every relation leaving them that passes the filter. Every filter
runs in Cypher; evidence and the other properties stay in the store. Values
arrive as numpy columns of codes (an actor's row, a type's, a document's and
a date's number), so a million relations take tens of megabytes, not the
gigabytes of a networkx multigraph with every property.

:func:`edges_from_graph` builds the same table from a networkx multigraph (a
snapshot, a graph built in a notebook), so analysis has one input whatever
the source.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import orjson

from actorgraph.graph import cypher
from actorgraph.graph.filters import GraphFilter, date_bounds
from actorgraph.graph.store import Store

__all__ = ["PAGE_SIZE", "EdgeTable", "edges_from_graph", "filter_params", "read_edges"]

# Actors per page: each page's relations come back as one reply.
PAGE_SIZE = 10_000


@dataclass(frozen=True, eq=False)
class EdgeTable:
    """Actors and relations as columns.

    Actors are rows ``0 .. size - 1`` (``ids``, ``names``, ``types``,
    ``countries``); relation ``i`` goes from actor ``source[i]`` to actor
    ``target[i]``, has type ``kinds[kind[i]]``, document ``doc_ids[doc[i]]``
    (``doc[i]`` is ``-1`` for none, as for a registry fact) and date ``dates[date[i]]``
    (``-1``: none). ``documents`` counts the documents of the graph, with or
    without relations; ``filter`` is what the graph was cut down to.
    """

    ids: list[str]
    names: list[str]
    types: list[str | None]
    countries: list[str | None]
    source: np.ndarray
    target: np.ndarray
    kind: np.ndarray
    kinds: tuple[str, ...]
    doc: np.ndarray
    doc_ids: tuple[str, ...]
    date: np.ndarray
    dates: tuple[str, ...]
    documents: int
    filter: GraphFilter

    @property
    def size(self) -> int:
        """Number of actors."""
        return len(self.ids)

    @property
    def relations(self) -> int:
        """Number of relations."""
        return len(self.source)

    def select(self, keep: np.ndarray) -> EdgeTable:
        """The relations where ``keep`` is true and the actors they name.

        Examples
        --------
        >>> G = nx.MultiDiGraph()
        >>> _ = G.add_edge("a", "b", type="MET_WITH", date="2023")
        >>> _ = G.add_edge("b", "c", type="MET_WITH", date="2024")
        >>> table = edges_from_graph(G)
        >>> table.select(table.date == table.dates.index("2024")).ids
        ['b', 'c']
        """
        source, target = self.source[keep], self.target[keep]
        used = np.zeros(self.size, dtype=bool)
        used[source] = True
        used[target] = True
        rows = np.flatnonzero(used)
        renumber = np.full(self.size, -1, dtype=np.int64)
        renumber[rows] = np.arange(len(rows))
        return EdgeTable(
            ids=[self.ids[row] for row in rows],
            names=[self.names[row] for row in rows],
            types=[self.types[row] for row in rows],
            countries=[self.countries[row] for row in rows],
            source=renumber[source],
            target=renumber[target],
            kind=self.kind[keep],
            kinds=self.kinds,
            doc=self.doc[keep],
            doc_ids=self.doc_ids,
            date=self.date[keep],
            dates=self.dates,
            documents=self.documents,
            filter=self.filter,
        )


class _Codes:
    """Numbers for repeated values (types, documents, dates), in first-seen order."""

    def __init__(self) -> None:
        self.numbers: dict[Any, int] = {}

    def encode(self, values: Iterable[Any]) -> np.ndarray:
        number = self.numbers.setdefault
        return np.fromiter(
            (-1 if value is None else number(value, len(self.numbers)) for value in values),
            dtype=np.int64,
        )

    def values(self) -> tuple[Any, ...]:
        return tuple(self.numbers)


class _Columns:
    """Relation columns as they arrive, page by page."""

    def __init__(self) -> None:
        self.kinds, self.docs, self.dates = _Codes(), _Codes(), _Codes()
        self.parts: list[tuple[np.ndarray, ...]] = []

    def add(
        self,
        source: np.ndarray,
        target: np.ndarray,
        kinds: Sequence[str],
        docs: Sequence[str | None],
        dates: Sequence[str | None],
    ) -> None:
        self.parts.append(
            (
                source,
                target,
                self.kinds.encode(kinds),
                self.docs.encode(docs),
                self.dates.encode(dates),
            )
        )

    def column(self, position: int) -> np.ndarray:
        return np.concatenate(
            [part[position] for part in self.parts] or [np.zeros(0, dtype=np.int64)]
        )

    def table(
        self,
        actors: tuple[list[str], list[str], list[str | None], list[str | None]],
        documents: int,
        graph_filter: GraphFilter,
    ) -> EdgeTable:
        ids, names, types, countries = actors
        return EdgeTable(
            ids=ids,
            names=names,
            types=types,
            countries=countries,
            source=self.column(0),
            target=self.column(1),
            kind=self.column(2).astype(np.int16),
            kinds=self.kinds.values(),
            doc=self.column(3),
            doc_ids=self.docs.values(),
            date=self.column(4).astype(np.int32),
            dates=self.dates.values(),
            documents=documents,
            filter=graph_filter,
        )


def filter_params(graph_filter: GraphFilter) -> dict[str, Any]:
    """The Cypher parameters of a filter (see the analysis queries of ``cypher``).

    Examples
    --------
    >>> filter_params(GraphFilter(since="2023", countries=("IT",)))["since_start"]
    '2023-01-01'
    """
    return {
        "types": graph_filter.relation_types(),
        "modalities": list(graph_filter.modalities),
        "min_confidence": graph_filter.min_confidence,
        "since_start": date_bounds(graph_filter.since)[0] if graph_filter.since else None,
        "until_end": date_bounds(graph_filter.until)[1] if graph_filter.until else None,
        "actor_types": list(graph_filter.actor_types) if graph_filter.actor_types else None,
        "countries": list(graph_filter.countries) if graph_filter.countries else None,
    }


def _json_page(store: Store, statement: str, params: Mapping[str, Any]) -> list[Any]:
    rows = list(store.read(statement, params))
    if not rows:
        return []
    page = rows[0]["page"]
    try:
        return orjson.loads(page)
    except orjson.JSONDecodeError:
        # The server leaves control characters raw (see graph/cypher.py), which
        # orjson refuses; the standard parser takes them.
        return json.loads(page, strict=False)


def _none_for_empty(values: list[str]) -> list[str | None]:
    return [value or None for value in values]


def _actors(
    store: Store, params: dict[str, Any]
) -> tuple[list[Any], list[str], list[str], list[str | None], list[str | None]]:
    """``(keys, ids, names, types, countries)`` of the filtered actors, by id."""
    if store.backend == "falkordb":
        page = _json_page(store, cypher.analysis_actors_json(), params) or [[]] * 5
        keys, ids, names = page[:3]
        types, countries = _none_for_empty(page[3]), _none_for_empty(page[4])
    else:
        rows = list(store.read(cypher.ANALYSIS_ACTORS, params))
        keys, ids, names, types, countries = (
            [row[name] for row in rows] for name in ("key", "id", "name", "type", "country")
        )
    order = sorted(range(len(ids)), key=ids.__getitem__)
    return (
        [keys[row] for row in order],
        [ids[row] for row in order],
        [names[row] for row in order],
        [types[row] for row in order],
        [countries[row] for row in order],
    )


_Page = tuple[list[Any], list[Any], list[str], list[str | None], list[str | None]]


def _relation_page(store: Store, params: dict[str, Any]) -> _Page:
    """``(sources, targets, types, docs, dates)`` of the relations of one page."""
    if store.backend == "falkordb":
        page = _json_page(store, cypher.analysis_relations_from_json(), params) or [[]] * 5
        return page[0], page[1], page[2], _none_for_empty(page[3]), _none_for_empty(page[4])
    rows = list(store.read(cypher.ANALYSIS_RELATIONS_FROM, params))
    sources, targets, kinds, docs, dates = (
        [row[name] for row in rows] for name in ("source", "target", "type", "doc", "date")
    )
    return sources, targets, kinds, docs, dates


def _relation_pages(
    store: Store, params: dict[str, Any], ids: list[str], page_size: int
) -> Iterator[_Page]:
    """The pages of relations leaving ``ids``, each asked for while the one
    before is decoded (the server answers on another core)."""
    pages = [
        {**params, "ids": ids[start : start + page_size]} for start in range(0, len(ids), page_size)
    ]
    if not pages:
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="edges-read") as reader:
        coming = reader.submit(_relation_page, store, pages[0])
        for following in pages[1:]:
            page = coming.result()
            coming = reader.submit(_relation_page, store, following)
            yield page
        yield coming.result()


def read_edges(
    store: Store, graph_filter: GraphFilter | None = None, *, page_size: int = PAGE_SIZE
) -> EdgeTable:
    """Read the filtered graph's actors and relations as columns.

    Parameters
    ----------
    store : Store
        An open store (any backend).
    graph_filter : GraphFilter, optional
        What to keep; default keeps everything but negated events.
    page_size : int
        Actors whose relations come in one reply.

    Returns
    -------
    EdgeTable
        Actors in id order; relations page by page, as the store returns them.
    """
    graph_filter = graph_filter or GraphFilter()
    params = filter_params(graph_filter)
    keys, ids, names, types, countries = _actors(store, params)
    row_of = {key: row for row, key in enumerate(keys)}
    columns = _Columns()
    row = row_of.__getitem__
    for sources, targets, kinds, docs, dates in _relation_pages(store, params, ids, page_size):
        columns.add(
            np.fromiter(map(row, sources), dtype=np.int64, count=len(sources)),
            np.fromiter(map(row, targets), dtype=np.int64, count=len(targets)),
            kinds,
            docs,
            dates,
        )
    documents = next(iter(store.read(cypher.STATS_DOCUMENTS)))["count"]
    return columns.table((ids, names, types, countries), documents, graph_filter)


def edges_from_graph(G: nx.MultiDiGraph) -> EdgeTable:
    """The table of an actor multigraph (as ``networkx_io`` builds it).

    Examples
    --------
    >>> G = nx.MultiDiGraph(documents={"d1": {}})
    >>> G.add_node("a", name="A", type="Country")
    >>> _ = G.add_edge("a", "b", type="MET_WITH", doc="d1", date="2024-01")
    >>> table = edges_from_graph(G)
    >>> table.ids, table.names, table.kinds, table.doc.tolist(), table.dates
    (['a', 'b'], ['A', 'b'], ('MET_WITH',), [0], ('2024-01',))
    """
    nodes = list(G)
    row_of = {node: row for row, node in enumerate(nodes)}
    data = G.nodes
    columns = _Columns()
    edges = list(G.edges(data=True))
    columns.add(
        np.fromiter((row_of[u] for u, _, _ in edges), dtype=np.int64, count=len(edges)),
        np.fromiter((row_of[v] for _, v, _ in edges), dtype=np.int64, count=len(edges)),
        [attrs["type"] for _, _, attrs in edges],
        [attrs.get("doc") for _, _, attrs in edges],
        [attrs.get("date") for _, _, attrs in edges],
    )
    stored_filter = G.graph.get("filter")
    return columns.table(
        (
            [str(node) for node in nodes],
            [str(data[node].get("name", node)) for node in nodes],
            [data[node].get("type") for node in nodes],
            [data[node].get("country") for node in nodes],
        ),
        len(G.graph.get("documents", {})),
        GraphFilter.model_validate(stored_filter) if stored_filter else GraphFilter(),
    )
