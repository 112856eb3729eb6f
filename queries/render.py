"""The interactive HTML explorer: one self-contained, offline, safe page.

pyvis builds the vis-network node, edge and option objects; the page around
them is our own (``queries/static/explorer.*``): pyvis's template pulls
scripts from CDNs, has no legend, and switches to ``innerHTML`` when a title
contains ``href``. vis-network's script and stylesheet are read at render time
from the installed pyvis package and inlined, so the file works from
``file://`` with the network off.

Safety: all data travels as JSON inside ``<script type="application/json">``
with ``<``, ``>``, ``&`` and U+2028/U+2029 escaped, so no string can end the
block; the page's script puts text into the DOM with ``textContent`` only; and
a Content-Security-Policy allows only the page's own two scripts (by hash),
no network, and no inline event handlers, as a second line of defence.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections import Counter
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from pydantic import BaseModel, ConfigDict
from pyvis.network import Network

from actorgraph.graph.filters import DEFAULT_MODALITIES, GraphFilter
from actorgraph.graph.ontology import ACTOR_TYPES, FAMILIES
from actorgraph.queries.render_data import DrawnPart, ExplorerData, Trim, explorer_data
from actorgraph.queries.render_layout import layout_positions

__all__ = [
    "ACTOR_STYLES",
    "FAMILY_COLORS",
    "PHYSICS_MAX_NODES",
    "STABILIZATION_ITERATIONS",
    "VIS_VERSION",
    "RenderSummary",
    "describe_filter",
    "embed_json",
    "render_html",
    "write_html",
]

VIS_VERSION = "9.1.2"
# Up to this many actors the browser's physics refines the Python layout and
# then stops; above it the Python layout is final and physics stays off, so a
# large page is usable as soon as it is drawn.
PHYSICS_MAX_NODES = 300
# Bounded stabilisation: vis-network's default (1,000) keeps a mid-size page
# busy for seconds (an iteration costs ~10 ms at 500 actors in headless
# Chromium); the Python layout is already a good start, physics only polishes.
STABILIZATION_ITERATIONS = 60

# Okabe–Ito colours (distinguishable with the common colour-vision
# deficiencies) and a distinct shape per type, so type never rests on colour alone.
ACTOR_STYLES: dict[str, tuple[str, str]] = {
    "Person": ("#E69F00", "dot"),
    "Country": ("#0072B2", "diamond"),
    "Agency": ("#009E73", "square"),
    "InternationalOrganization": ("#CC79A7", "triangle"),
    "Organization": ("#D55E00", "star"),
}
_UNKNOWN_STYLE = ("#999999", "dot")
FAMILY_COLORS: dict[str, str] = {
    "consultation": "#4E8FD0",
    "agreement": "#2CA02C",
    "cooperation": "#8E6BBF",
    "information": "#17A2B8",
    "conflict": "#D62728",
    "structure": "#8C8C8C",
}
assert tuple(ACTOR_STYLES) == ACTOR_TYPES and tuple(FAMILY_COLORS) == FAMILIES

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")
_SLOT = re.compile(r"\{\{ (\w+) \}\}")
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)


def embed_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` block.

    Characters that could end the block or start an HTML comment (``<``,
    ``>``, ``&``) and the two line separators some parsers reject are written
    as ``\\uXXXX`` escapes, which JSON.parse reads back unchanged.

    Examples
    --------
    >>> embed_json({"name": "</script><!--"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _JSON_UNSAFE.sub(lambda match: _JSON_ESCAPES[match.group()], text)


def _vis_asset(name: str) -> str:
    text = (resources.files("pyvis") / "lib" / f"vis-{VIS_VERSION}" / name).read_text("utf-8")
    # A source-map comment makes developer tools fetch a file that is not there.
    return _SOURCE_MAP.sub("", text)


def _static(name: str) -> str:
    return (resources.files("actorgraph.queries.static") / name).read_text("utf-8")


def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _node_size(score: float, top: float) -> float:
    # Area, not radius, follows the score, so a hub does not swamp the page.
    return 7.0 + 21.0 * (score / top) ** 0.5 if top > 0 else 10.0


def _edge_width(documents: int) -> float:
    return min(1.5 + 2.0 * (documents - 1) ** 0.5, 12.0)


class _NodeIds(list[str]):
    """pyvis's list of node ids with a set beside it for ``in``.

    pyvis checks ``id in node_ids`` for every node and both ends of every
    edge, a linear scan each time: five seconds of a 5,000-actor page.
    """

    def __init__(self) -> None:
        super().__init__()
        self._members: set[object] = set()

    def append(self, node_id: str) -> None:
        super().append(node_id)
        self._members.add(node_id)

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._members


def _network(data: ExplorerData, *, physics: bool, seed: int) -> Network:
    """The vis-network nodes, edges and options, built with pyvis."""
    # directed=True only stops pyvis merging reverse edges (with a scan of all
    # edges per edge); arrows are set on each edge from the ontology.
    net = Network(directed=True)
    net.node_ids = _NodeIds()
    graph = nx.Graph()
    graph.add_nodes_from(actor.id for actor in data.actors)
    graph.add_edges_from((link.source, link.target) for link in data.links)
    positions = layout_positions(graph, seed=seed)
    top = max((actor.score for actor in data.actors), default=0.0)
    for actor in data.actors:
        x, y = positions[actor.id]
        # Colour comes from the type's vis group (a per-node colour object costs
        # vis-network a deep merge per node at start-up); pyvis always writes a
        # shape, so it is given here too.
        net.add_node(
            actor.id,
            label=actor.name,
            shape=ACTOR_STYLES.get(actor.type, _UNKNOWN_STYLE)[1],
            group=actor.type,
            size=round(_node_size(actor.score, top), 2),
            x=round(x, 1),
            y=round(y, 1),
        )
    pairs = Counter(frozenset((link.source, link.target)) for link in data.links)
    drawn: Counter[frozenset[str]] = Counter()
    for link in data.links:
        pair = frozenset((link.source, link.target))
        # Only what differs from vis-network's defaults, in its cheapest form:
        # a string for the arrow, no `dashes` key on solid edges.
        extra: dict[str, Any] = {"arrows": "to" if link.directed else ""}
        if link.planned:
            extra["dashes"] = True
        if pairs[pair] > 1:
            # Links of one pair (different families, directions or modality)
            # would be drawn on top of each other; bend each one differently.
            drawn[pair] += 1
            extra["smooth"] = {"type": "curvedCW", "roundness": 0.2 * drawn[pair]}
        net.add_edge(
            link.source,
            link.target,
            id=link.id,
            color=FAMILY_COLORS[link.family],
            width=round(_edge_width(link.documents), 2),
            **extra,
        )
    options: dict[str, Any] = {
        "autoResize": True,
        "nodes": {"borderWidth": 1, "font": {"size": 14, "face": "sans-serif"}},
        "groups": {
            actor_type: {"shape": shape, "color": color}
            for actor_type, (color, shape) in [*ACTOR_STYLES.items(), ("unknown", _UNKNOWN_STYLE)]
        },
        "edges": {
            "arrows": {"to": {"scaleFactor": 0.6}},
            "smooth": {"type": "continuous"} if physics else False,
            "hoverWidth": 0.5,
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": True,
            # Without physics the page is a large one: redrawing every edge
            # on each frame of a drag or zoom would make it stutter.
            "hideEdgesOnDrag": not physics,
            "hideEdgesOnZoom": not physics,
            "multiselect": False,
            "keyboard": False,
        },
        "layout": {"randomSeed": seed, "improvedLayout": False},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -3000, "springLength": 120},
            "stabilization": {
                "enabled": physics,
                "iterations": STABILIZATION_ITERATIONS,
                "updateInterval": 25,
                "fit": True,
            },
        },
    }
    net.set_options(json.dumps(options))
    return net


def describe_filter(graph_filter: GraphFilter) -> str:
    """The filter in words, for the page heading (``"no filters"`` for the default).

    Examples
    --------
    >>> describe_filter(GraphFilter(families=("agreement",), since="2023"))
    'families: agreement; since 2023'
    """
    parts = []
    for label, values in (
        ("relation types", graph_filter.types),
        ("families", graph_filter.families),
        ("actor types", graph_filter.actor_types),
        ("countries", graph_filter.countries),
    ):
        if values:
            parts.append(f"{label}: {', '.join(values)}")
    if tuple(graph_filter.modalities) != DEFAULT_MODALITIES:
        parts.append(f"modalities: {', '.join(graph_filter.modalities)}")
    if graph_filter.min_confidence > 0:
        parts.append(f"confidence ≥ {graph_filter.min_confidence:g}")
    if graph_filter.since:
        parts.append(f"since {graph_filter.since}")
    if graph_filter.until:
        parts.append(f"until {graph_filter.until}")
    return "; ".join(parts) or "no filters"


def _heading(title: str, filters_text: str, data: ExplorerData, generated: str) -> str:
    parts = [filters_text]
    if data.focus is not None:
        parts.append(f"within {data.depth} hop(s) of {data.focus}")
    if data.trim is not None:
        parts.append(f"top {data.trim.kept} of {data.trim.total} actors by {data.trim.metric}")
    return f"{title} — {'; '.join(parts)} — generated {generated}"


def render_html(
    G: nx.MultiDiGraph | DrawnPart,
    *,
    title: str = "Actor graph",
    filters_text: str | None = None,
    size_by: str = "degree",
    max_nodes: int | None = None,
    focus: str | None = None,
    depth: int = 1,
    physics_max_nodes: int = PHYSICS_MAX_NODES,
    generated_at: datetime | None = None,
    seed: int = 7,
) -> str:
    """Render the actor multigraph as one self-contained interactive HTML page.

    Parameters
    ----------
    G : networkx.MultiDiGraph or DrawnPart
        The (already filtered) actor graph, as
        :func:`actorgraph.graph.networkx_io.from_store` builds it, or the
        part of a store's graph :func:`~actorgraph.queries.render_data.drawn_part`
        chose.
    title : str
        What graph this is; starts the page title and heading.
    filters_text : str, optional
        The filters that produced ``G``, in words; by default the
        ``GraphFilter`` recorded in ``G.graph["filter"]`` described by
        :func:`describe_filter`.
    size_by : str
        Centrality that sizes the nodes (see
        :data:`actorgraph.queries.report.METRICS`); ``degree`` by default.
    max_nodes : int, optional
        Keep the ``max_nodes`` actors with the highest ``size_by`` score; the
        page says what was left out.
    focus, depth : str, int
        Keep only the actors within ``depth`` hops of ``focus`` (an actor id,
        name or alias).
    physics_max_nodes : int
        Largest page laid out by the browser's physics; larger ones use only
        the Python layout.
    generated_at : datetime, optional
        Generation time shown in the heading (default: now, UTC).
    seed : int
        Layout seed; the same graph and seed give the same page.

    Returns
    -------
    str
        The HTML document.

    Raises
    ------
    ActorNotFound
        If ``focus`` names no actor of ``G``.

    Examples
    --------
    >>> G = nx.MultiDiGraph(documents={})
    >>> G.add_node("italy", name="Italy", type="Country")
    >>> page = render_html(G, title="Demo")
    >>> page.startswith("<!DOCTYPE html>") and "<title>Demo" in page
    True
    """
    return _page(
        G,
        title=title,
        filters_text=filters_text,
        size_by=size_by,
        max_nodes=max_nodes,
        focus=focus,
        depth=depth,
        physics_max_nodes=physics_max_nodes,
        generated_at=generated_at,
        seed=seed,
    )[0]


def _page(
    G: nx.MultiDiGraph | DrawnPart,
    *,
    title: str,
    filters_text: str | None,
    size_by: str,
    max_nodes: int | None,
    focus: str | None,
    depth: int,
    physics_max_nodes: int,
    generated_at: datetime | None,
    seed: int,
) -> tuple[str, ExplorerData, bool]:
    data = explorer_data(G, size_by=size_by, max_nodes=max_nodes, focus=focus, depth=depth)
    if filters_text is None:
        whole = G.graph if isinstance(G, DrawnPart) else G
        filters_text = describe_filter(GraphFilter.model_validate(whole.graph.get("filter") or {}))
    physics = 0 < len(data.actors) <= physics_max_nodes
    net = _network(data, physics=physics, seed=seed)
    generated = (generated_at or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M UTC")
    heading = _heading(title, filters_text, data, generated)
    page_data = {
        "meta": {
            "title": title,
            "heading": heading,
            "filters": filters_text,
            "generated": generated,
            "physics": physics,
            "actorStyles": {k: {"color": c, "shape": s} for k, (c, s) in ACTOR_STYLES.items()},
            "familyColors": FAMILY_COLORS,
        },
        **data.model_dump(mode="json"),
        "vis": {"nodes": net.nodes, "edges": net.edges, "options": net.options},
    }
    vis_js, explorer_js = _vis_asset("vis-network.min.js"), _static("explorer.js")
    slots = {
        "title": html.escape(f"{title} — actorgraph"),
        "heading": html.escape(heading),
        "csp_scripts": f"{_script_hash(vis_js)} {_script_hash(explorer_js)}",
        "vis_css": _vis_asset("vis-network.css"),
        "explorer_css": _static("explorer.css"),
        "vis_js": vis_js,
        "explorer_js": explorer_js,
        "data": embed_json(page_data),
    }
    # One pass over the template: inserted text is never scanned for slots.
    return _SLOT.sub(lambda match: slots[match.group(1)], _static("explorer.html")), data, physics


class RenderSummary(BaseModel):
    """What :func:`write_html` wrote."""

    model_config = ConfigDict(extra="forbid")

    path: Path
    actors: int
    links: int
    relations: int
    physics: bool
    trim: Trim | None = None


def write_html(
    G: nx.MultiDiGraph | DrawnPart,
    path: Path,
    *,
    title: str = "Actor graph",
    filters_text: str | None = None,
    size_by: str = "degree",
    max_nodes: int | None = None,
    focus: str | None = None,
    depth: int = 1,
    physics_max_nodes: int = PHYSICS_MAX_NODES,
    generated_at: datetime | None = None,
    seed: int = 7,
) -> RenderSummary:
    """Render ``G`` as :func:`render_html` does and write the page to ``path``
    (its folder is created if needed)."""
    page, data, physics = _page(
        G,
        title=title,
        filters_text=filters_text,
        size_by=size_by,
        max_nodes=max_nodes,
        focus=focus,
        depth=depth,
        physics_max_nodes=physics_max_nodes,
        generated_at=generated_at,
        seed=seed,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return RenderSummary(
        path=path,
        actors=len(data.actors),
        links=len(data.links),
        relations=data.relations,
        physics=physics,
        trim=data.trim,
    )
