"""Write the actor graph in formats other tools open.

* ``graphml`` and ``gexf`` (one file): Gephi, networkx, igraph (GraphML;
  igraph has no GEXF reader). GraphML is written element by element as the
  graph is read (:func:`export_store` streams it out of a store, one page
  of relations at a time). Their attribute values must be scalars, so
  lists (aliases) become ``|``-joined strings; ``None`` and empty lists are
  absent. Two edge attributes are renamed because GEXF reserves their names
  (``type`` is the edge's directedness, ``start``/``end`` its time span):
  the relation type is ``relation`` and the evidence offsets are
  ``evidence_start``/``evidence_end``, in GraphML and CSV too so that the
  flat formats agree.
* ``csv`` (a folder): ``nodes.csv`` (``Id``, ``Label``...) and ``edges.csv``
  (``Source``, ``Target``, ``Type``...), the column names Gephi's importer
  recognises.
* ``json`` (one file): networkx node-link data (``nx.node_link_graph``
  reads it back), attributes as in the graph, lists kept, documents under
  ``graph``.
* ``neo4j-admin`` (a folder): ``actors.csv``, ``documents.csv`` and
  ``relations.csv`` with ``:ID``/``:LABEL``/``:START_ID``/``:END_ID``/``:TYPE``
  headers for ``neo4j-admin database import full --nodes actors.csv --nodes
  documents.csv --relationships relations.csv``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal, get_args
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from actorgraph.graph.filters import GraphFilter
from actorgraph.graph.models import Actor, EventRelation, StructuralRelation
from actorgraph.graph.networkx_io import from_store, stream_store
from actorgraph.graph.ontology import STRUCTURAL_TYPES, is_directed
from actorgraph.graph.store import Store

__all__ = ["EXPORT_FORMATS", "ExportFormat", "export_graph", "export_store", "flat_graph"]

ExportFormat = Literal["graphml", "gexf", "json", "csv", "neo4j-admin"]
EXPORT_FORMATS: tuple[str, ...] = get_args(ExportFormat)
LIST_SEPARATOR = "|"
_EDGE_RENAMES = {"type": "relation", "start": "evidence_start", "end": "evidence_end"}


def _keep(value: Any) -> bool:
    # Readers fill an attribute an element lacks with "" (igraph) or leave it
    # out (networkx); writing nothing for None or an empty list suits both.
    return value is not None and value != [] and value != ()


def _flat_value(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(map(str, value))
    return value


def flat_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``G`` with scalar attributes only, as GraphML/GEXF/CSV hold them.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("dhs", name="DHS", aliases=["DHS", "Homeland Security"])
    >>> _ = G.add_edge("dhs", "dhs", type="MET_WITH", start=3, end=9)
    >>> F = flat_graph(G)
    >>> F.nodes["dhs"]["aliases"], sorted(F.edges["dhs", "dhs", 0])
    ('DHS|Homeland Security', ['evidence_end', 'evidence_start', 'relation'])
    """
    flat = nx.MultiDiGraph()
    flat.add_nodes_from((node, _flat_node(data)) for node, data in G.nodes(data=True))
    flat.add_edges_from(
        (u, v, key, _flat_edge(data)) for u, v, key, data in G.edges(keys=True, data=True)
    )
    return flat


def _flat_node(data: Mapping[str, Any]) -> dict[str, Any]:
    return {key: _flat_value(value) for key, value in data.items() if _keep(value)}


def _flat_edge(data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        _EDGE_RENAMES.get(name, name): _flat_value(value)
        for name, value in data.items()
        if _keep(value)
    }


_GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
_GRAPHML_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)


def _graphml_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    # Most values need no escape; looking costs less than escaping.
    return escape(text) if "&" in text or "<" in text or ">" in text else text


def _write_graphml(
    out: Path,
    keys: tuple[Mapping[str, type], Mapping[str, type]],
    nodes: Iterable[tuple[str, Mapping[str, Any]]],
    edges: Iterable[tuple[str, str, Mapping[str, Any]]],
) -> None:
    """GraphML as ``networkx.write_graphml`` writes a multigraph, element by
    element: ``keys`` holds the node and the edge attributes and their types."""
    ids: dict[tuple[str, str], str] = {}
    with out.open("w", encoding="utf-8") as handle:
        handle.write(_GRAPHML_HEAD)
        for domain, declared in zip(("node", "edge"), keys, strict=True):
            for name, kind in declared.items():
                ids[(domain, name)] = key = f"d{len(ids)}"
                handle.write(
                    f'<key id="{key}" for="{domain}" attr.name={quoteattr(name)} '
                    f'attr.type="{_GRAPHML_TYPES[kind]}"/>\n'
                )
        handle.write('<graph edgedefault="directed">\n')
        for node, data in nodes:
            cells = "".join(
                f'<data key="{ids[("node", name)]}">{_graphml_text(value)}</data>'
                for name, value in data.items()
            )
            handle.write(f"<node id={quoteattr(node)}>{cells}</node>\n")
        for number, (u, v, data) in enumerate(edges):
            cells = "".join(
                f'<data key="{ids[("edge", name)]}">{_graphml_text(value)}</data>'
                for name, value in data.items()
            )
            handle.write(
                f'<edge source={quoteattr(u)} target={quoteattr(v)} id="{number}">{cells}</edge>\n'
            )
        handle.write("</graph></graphml>\n")


def _scanned_keys(items: Iterable[Mapping[str, Any]]) -> dict[str, type]:
    found: dict[str, type] = {}
    for data in items:
        for name, value in data.items():
            found.setdefault(name, type(value))
    return found


# What a store's actors and relations can hold, flattened (lists joined).
_STORE_NODE_KEYS: dict[str, type] = {
    name: str for name in Actor.model_fields if name not in ("id", "mentions")
}
_STORE_EDGE_KEYS: dict[str, type] = {
    _EDGE_RENAMES.get(name, name): (
        int if name in ("start", "end") else float if name == "confidence" else str
    )
    for name in dict.fromkeys([*EventRelation.model_fields, *StructuralRelation.model_fields])
    if name not in ("source", "target")
}


def export_store(
    store: Store, graph_filter: GraphFilter | None, fmt: ExportFormat, out: Path
) -> list[Path]:
    """Write the store's filtered graph to ``out`` as :func:`export_graph` writes it.

    GraphML streams: a page of relations is written before the next is
    read. The other formats are written from the graph read whole.
    """
    if fmt != "graphml":
        return export_graph(from_store(store, graph_filter), fmt, out)
    actors, relations = stream_store(store, graph_filter)
    out.parent.mkdir(parents=True, exist_ok=True)
    nodes = ((actor["id"], _flat_node({**actor, "id": None})) for actor in actors)
    # A stored relation holds scalars only: dropping None is all the
    # flattening it needs.
    edges: Iterator[tuple[str, str, dict[str, Any]]] = (
        (
            relation["source"],
            relation["target"],
            {
                _EDGE_RENAMES.get(name, name): value
                for name, value in relation.items()
                if value is not None and name not in ("source", "target")
            },
        )
        for relation in relations
    )
    _write_graphml(out, (_STORE_NODE_KEYS, _STORE_EDGE_KEYS), nodes, edges)
    return [out]


def _columns(rows: list[dict[str, Any]], first: list[str]) -> list[str]:
    names = dict.fromkeys(first)
    for row in rows:
        names.update(dict.fromkeys(row))
    return list(names)


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def _gephi_csv(G: nx.MultiDiGraph, folder: Path) -> list[Path]:
    flat = flat_graph(G)
    nodes = [
        {"Id": node, "Label": data.get("name", node), **data}
        for node, data in flat.nodes(data=True)
    ]
    edges = [
        {
            "Source": u,
            "Target": v,
            "Type": "Directed" if is_directed(data["relation"]) else "Undirected",
            **data,
        }
        for u, v, data in flat.edges(data=True)
    ]
    written = [folder / "nodes.csv", folder / "edges.csv"]
    _write_csv(written[0], _columns(nodes, ["Id", "Label"]), nodes)
    _write_csv(written[1], _columns(edges, ["Source", "Target", "Type"]), edges)
    return written


# neo4j-admin reads every column as a string unless the header gives a type.
_ACTOR_HEADER = {"aliases": "aliases:string[]"}
_RELATION_HEADER = {"start": "start:int", "end": "end:int", "confidence": "confidence:float"}


def _neo4j_admin(G: nx.MultiDiGraph, folder: Path) -> list[Path]:
    actors = []
    for node, data in G.nodes(data=True):
        row: dict[str, Any] = {"id:ID": node, ":LABEL": f"Actor;{data.get('type', '')}".strip(";")}
        for key, value in data.items():
            row[_ACTOR_HEADER.get(key, key)] = ";".join(value) if isinstance(value, list) else value
        actors.append(row)
    documents = [
        {"id:ID": doc, ":LABEL": "Document", **props}
        for doc, props in G.graph.get("documents", {}).items()
    ]
    relations = []
    for u, v, data in G.edges(data=True):
        row = {":START_ID": u, ":END_ID": v, ":TYPE": data["type"]}
        for key, value in data.items():
            if key == "type":
                continue
            # The ontology stores a structural edge's provenance as `source`.
            name = "source" if key == "origin" and data["type"] in STRUCTURAL_TYPES else key
            row[_RELATION_HEADER.get(name, name)] = value
        relations.append(row)
    written = [folder / "actors.csv", folder / "documents.csv", folder / "relations.csv"]
    _write_csv(written[0], _columns(actors, ["id:ID"]), actors)
    _write_csv(written[1], _columns(documents, ["id:ID"]), documents)
    _write_csv(written[2], _columns(relations, [":START_ID", ":END_ID", ":TYPE"]), relations)
    return written


def export_graph(G: nx.MultiDiGraph, fmt: ExportFormat, out: Path) -> list[Path]:
    """Write ``G`` to ``out`` (a file, or a folder for ``csv``/``neo4j-admin``).

    Returns the files written.

    Examples
    --------
    >>> import tempfile
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", type="MET_WITH", doc="d1")
    >>> folder = Path(tempfile.mkdtemp())
    >>> [path.name for path in export_graph(G, "csv", folder)]
    ['nodes.csv', 'edges.csv']
    """
    if fmt in ("csv", "neo4j-admin"):
        out.mkdir(parents=True, exist_ok=True)
        return _gephi_csv(G, out) if fmt == "csv" else _neo4j_admin(G, out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        out.write_text(
            json.dumps(nx.node_link_data(G, edges="edges"), ensure_ascii=False), encoding="utf-8"
        )
    elif fmt == "graphml":
        nodes = [(str(node), _flat_node(data)) for node, data in G.nodes(data=True)]
        edges = [(str(u), str(v), _flat_edge(data)) for u, v, data in G.edges(data=True)]
        keys = (_scanned_keys(data for _, data in nodes), _scanned_keys(d for _, _, d in edges))
        _write_graphml(out, keys, nodes, edges)
    else:
        nx.write_gexf(flat_graph(G), out)
    return [out]
