"""What the HTML explorer shows, as pydantic models: the page's data.

:func:`explorer_data` turns the actor multigraph (as built by
:mod:`actorgraph.graph.networkx_io`) into the records the page embeds: one
:class:`ExplorerActor` per actor, one :class:`ExplorerLink` per collapsed edge
(every relation of one family and direction between a pair of actors, with the
same ``planned`` status) and one :class:`ExplorerEvent` per relation, with its
evidence and its document. It also narrows the graph to a focus actor's
neighbourhood and trims it to the most central actors, and says what it left out.

From a store, :func:`drawn_part` ranks every actor in one lean pass (the
columns the metrics need, see :mod:`actorgraph.graph.edges`), finds a focus
neighbourhood in the store, and reads details (evidence, documents) only for
the actors the page keeps; :func:`explorer_data` takes the result as it takes
a whole graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from typing import Any, NamedTuple

import networkx as nx
import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from actorgraph.graph.edges import filter_params, read_edges
from actorgraph.graph.filters import GraphFilter
from actorgraph.graph.networkx_io import from_store
from actorgraph.graph.ontology import ACTOR_TYPES, FAMILIES, family_of, is_directed
from actorgraph.graph.store import Store
from actorgraph.queries.named import centre_actor, levels
from actorgraph.queries.paths import find_actor
from actorgraph.queries.report import METRICS, centrality_report, rounded, score_table

__all__ = [
    "DrawnPart",
    "ExplorerActor",
    "ExplorerData",
    "ExplorerEvent",
    "ExplorerLink",
    "Trim",
    "drawn_part",
    "explorer_data",
    "node_scores",
]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExplorerActor(_Record):
    """An actor as the page's detail panel shows it."""

    id: str
    name: str
    type: str
    country: str | None = None
    aliases: list[str] = Field(default_factory=list)
    wikidata: str | None = None
    degree: float = Field(ge=0, description="distinct neighbours in the filtered graph")
    score: float = Field(description="the size metric in the filtered graph")


class ExplorerEvent(_Record):
    """One relation (event or structural fact) supporting a link."""

    type: str
    modality: str | None = None
    date: str | None = None
    evidence: str | None = None
    doc: str | None = None
    title: str | None = Field(default=None, description="the document's title")
    url: str | None = Field(default=None, description="the document's URL, as stored")
    role: str | None = Field(default=None, description="the office held, for HOLDS_ROLE")
    origin: str | None = None
    confidence: float | None = None


class ExplorerLink(_Record):
    """A collapsed edge: every relation of one family and direction between a pair."""

    id: str
    source: str
    target: str
    family: str
    directed: bool
    planned: bool
    documents: int = Field(ge=1, description="distinct documents supporting the link")
    types: list[str]
    events: list[int] = Field(description="indexes into ExplorerData.events")


class Trim(_Record):
    """What ``max_nodes`` left out."""

    kept: int
    total: int
    actors_left_out: int
    relations_left_out: int
    metric: str


class ExplorerData(_Record):
    """Everything the page shows, before it is drawn."""

    actors: list[ExplorerActor]
    links: list[ExplorerLink]
    events: list[ExplorerEvent]
    size_by: str
    dates: list[str] = Field(description="sorted distinct event dates")
    trim: Trim | None = None
    focus: str | None = None
    depth: int | None = None
    relations: int = Field(description="relations (multigraph edges) in the page's graph")


def node_scores(G: nx.MultiDiGraph, metric: str) -> dict[str, tuple[float, float]]:
    """Degree and the named size metric of every actor, as ``actorgraph centrality``
    computes them.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        The actor multigraph.
    metric : str
        One of :data:`actorgraph.queries.report.METRICS`.

    Returns
    -------
    dict
        ``{actor id: (degree, score)}``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", type="MET_WITH", doc="d1")
    0
    >>> node_scores(G, "pagerank")
    {'a': (1.0, 0.5), 'b': (1.0, 0.5)}
    """
    if metric not in METRICS:
        raise ValueError(f"unknown size metric {metric!r}; choose from {', '.join(METRICS)}")
    if G.number_of_nodes() == 0:
        return {}
    report = centrality_report(G, metric=metric, metrics=[metric, "degree"], extras=False)
    return {row.id: (row.scores["degree"], row.scores[metric]) for row in report.rows}


def _focus(G: nx.MultiDiGraph, focus: Hashable, depth: int) -> nx.MultiDiGraph:
    around = nx.ego_graph(G.to_undirected(as_view=True), focus, radius=depth)
    return G.subgraph(around.nodes).copy()


def _trim(
    G: nx.MultiDiGraph,
    scores: Mapping[str, tuple[float, float]],
    max_nodes: int,
    metric: str,
    focus: Hashable | None,
) -> tuple[nx.MultiDiGraph, Trim]:
    # The focus actor first, then the highest scores; ties broken by id so
    # that the same graph always keeps the same actors.
    ranked = sorted(G, key=lambda node: (node != focus, -scores[str(node)][1], str(node)))
    kept = G.subgraph(ranked[:max_nodes]).copy()
    return kept, Trim(
        kept=kept.number_of_nodes(),
        total=G.number_of_nodes(),
        actors_left_out=G.number_of_nodes() - kept.number_of_nodes(),
        relations_left_out=G.number_of_edges() - kept.number_of_edges(),
        metric=metric,
    )


def _event(data: Mapping[str, Any], documents: Mapping[str, Mapping[str, Any]]) -> ExplorerEvent:
    doc = data.get("doc")
    document = documents.get(doc, {}) if doc else {}
    return ExplorerEvent(
        type=data["type"],
        modality=data.get("modality"),
        date=data.get("date") or data.get("since") or document.get("date"),
        evidence=data.get("evidence"),
        doc=doc,
        title=document.get("title") or document.get("path"),
        url=document.get("url"),
        role=data.get("title"),
        origin=data.get("origin"),
        confidence=data.get("confidence"),
    )


def _links(
    G: nx.MultiDiGraph, documents: Mapping[str, Mapping[str, Any]]
) -> tuple[list[ExplorerLink], list[ExplorerEvent]]:
    groups: dict[tuple[str, bool, str, str, bool], list[int]] = defaultdict(list)
    events: list[ExplorerEvent] = []
    for u, v, data in G.edges(data=True):
        kind = data["type"]
        directed = is_directed(kind)
        a, b = (u, v) if directed or str(u) <= str(v) else (v, u)
        planned = data.get("modality") == "planned"
        groups[(family_of(kind), directed, a, b, planned)].append(len(events))
        events.append(_event(data, documents))
    links = []
    for number, ((family, directed, a, b, planned), indexes) in enumerate(
        sorted(groups.items(), key=lambda item: (FAMILIES.index(item[0][0]), *item[0][1:]))
    ):
        indexes.sort(key=lambda i: (events[i].date or "", events[i].doc or "", i))
        docs = {events[i].doc or f"no-document-{i}" for i in indexes}
        links.append(
            ExplorerLink(
                id=f"l{number}",
                source=a,
                target=b,
                family=family,
                directed=directed,
                planned=planned,
                documents=len(docs),
                types=sorted({events[i].type for i in indexes}),
                events=indexes,
            )
        )
    return links, events


class DrawnPart(NamedTuple):
    """The part of a store's graph a page draws, chosen on the whole graph.

    ``graph`` holds the kept actors with every detail; ``scores`` is ``{actor
    id: (degree, score)}`` in the whole filtered graph; ``trim`` says what
    ``max_nodes`` left out; ``focus`` is the focus actor's id.
    """

    graph: nx.MultiDiGraph
    scores: dict[str, tuple[float, float]]
    trim: Trim | None
    focus: str | None


def drawn_part(
    store: Store,
    graph_filter: GraphFilter | None = None,
    *,
    size_by: str = "degree",
    max_nodes: int | None = None,
    focus: str | None = None,
    depth: int = 1,
) -> DrawnPart:
    """Choose what a page of the store's graph draws, reading details only for that.

    Parameters as in :func:`explorer_data`; ``focus`` is found with
    :func:`actorgraph.queries.named.resolve_actor` and its neighbourhood in
    the store. The page is the one :func:`explorer_data` makes of the whole
    graph read into networkx.

    Raises
    ------
    ActorNotFound
        If ``focus`` names no actor, or one the actor filters leave out.
    """
    if size_by not in METRICS:
        raise ValueError(f"unknown size metric {size_by!r}; choose from {', '.join(METRICS)}")
    if max_nodes is not None and max_nodes < 1:
        raise ValueError("max_nodes must be at least 1")
    graph_filter = graph_filter or GraphFilter()
    table = read_edges(store, graph_filter)
    scored = score_table(table, list(dict.fromkeys([size_by, "degree"])))
    degree, score = scored.scores["degree"], scored.scores[size_by]
    scores = {
        actor: (rounded(float(degree[row])), rounded(float(score[row])))
        for row, actor in enumerate(table.ids)
    }
    focus_id = centre_actor(store, focus, graph_filter).id if focus is not None else None
    shown = (
        set(levels(store, focus_id, filter_params(graph_filter), depth))
        if focus_id is not None
        else set(table.ids)
    )
    trim = None
    if max_nodes is not None and len(shown) > max_nodes:
        ranked = sorted(shown, key=lambda node: (node != focus_id, -scores[node][1], node))
        kept = set(ranked[:max_nodes])
        member = np.array([actor in shown for actor in table.ids], dtype=bool)
        relations = int((member[table.source] & member[table.target]).sum())
        graph = from_store(store, graph_filter, actors=kept)
        trim = Trim(
            kept=len(kept),
            total=len(shown),
            actors_left_out=len(shown) - len(kept),
            relations_left_out=relations - graph.number_of_edges(),
            metric=size_by,
        )
    else:
        graph = from_store(store, graph_filter, actors=shown)
    return DrawnPart(graph, scores, trim, focus_id)


def explorer_data(
    G: nx.MultiDiGraph | DrawnPart,
    *,
    size_by: str = "degree",
    max_nodes: int | None = None,
    focus: str | None = None,
    depth: int = 1,
) -> ExplorerData:
    """Build the page's data from the actor multigraph.

    Parameters
    ----------
    G : networkx.MultiDiGraph or DrawnPart
        Actors keyed by id with their properties as node attributes, one edge
        per relation (``type``, ``doc``, ``evidence``...), documents in
        ``G.graph["documents"]`` (``{id: {"title", "url", "date"...}}``), as
        :func:`actorgraph.graph.networkx_io.from_store` builds it; or the
        part of a store's graph :func:`drawn_part` chose, drawn as it is
        (``size_by``, ``max_nodes``, ``focus`` and ``depth`` were applied).
    size_by : str
        Metric that sizes the nodes and decides what ``max_nodes`` keeps; one
        of :data:`actorgraph.queries.report.METRICS`. It is computed on ``G``
        as given, as ``actorgraph centrality`` does, so a focused or trimmed
        page shows each actor's standing in the whole filtered graph.
    max_nodes : int, optional
        Keep only this many actors, those with the highest ``size_by`` score
        (and the focus actor, whatever its score).
    focus : str, optional
        Actor id, name or alias: keep only the actors within ``depth`` hops of it.
    depth : int
        Hops around ``focus``.

    Raises
    ------
    ActorNotFound
        If ``focus`` names no actor of ``G``.

    Examples
    --------
    >>> G = nx.MultiDiGraph(documents={"d1": {"title": "Talks"}})
    >>> G.add_node("a", name="A", type="Country")
    >>> G.add_node("b", name="B", type="Agency")
    >>> G.add_edge("a", "b", type="MET_WITH", doc="d1", evidence="A met B.")
    0
    >>> data = explorer_data(G)
    >>> [(link.source, link.target, link.family) for link in data.links]
    [('a', 'b', 'consultation')]
    """
    if max_nodes is not None and max_nodes < 1:
        raise ValueError("max_nodes must be at least 1")
    focus_id: Hashable | None
    if isinstance(G, DrawnPart):
        G, scores, trim, focus_id = G
        shown = G
    else:
        scores = node_scores(G, size_by)
        focus_id = find_actor(G, focus) if focus is not None else None
        shown = _focus(G, focus_id, depth) if focus_id is not None else G
        trim = None
        if max_nodes is not None and shown.number_of_nodes() > max_nodes:
            shown, trim = _trim(shown, scores, max_nodes, size_by, focus_id)
    documents: Mapping[str, Mapping[str, Any]] = G.graph.get("documents", {})
    links, events = _links(shown, documents)
    actors = [
        ExplorerActor(
            id=node,
            name=attrs.get("name") or str(node),
            type=attrs["type"] if attrs.get("type") in ACTOR_TYPES else "unknown",
            country=attrs.get("country"),
            aliases=list(attrs.get("aliases") or []),
            wikidata=attrs.get("wikidata"),
            degree=scores[str(node)][0],
            score=scores[str(node)][1],
        )
        for node, attrs in sorted(shown.nodes(data=True), key=lambda item: str(item[0]))
    ]
    return ExplorerData(
        actors=actors,
        links=links,
        events=events,
        size_by=size_by,
        dates=sorted({event.date for event in events if event.date}),
        trim=trim,
        focus=str(focus_id) if focus_id is not None else None,
        depth=depth if focus_id is not None else None,
        relations=shown.number_of_edges(),
    )
