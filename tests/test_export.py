"""Exports open in networkx and igraph with the same counts and attributes."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path
from typing import Any

import igraph
import networkx as nx
import pytest
from analysis_graphs import extractions

from actorgraph.graph.networkx_io import from_extractions
from actorgraph.queries.export import export_graph, flat_graph


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return from_extractions(extractions())


def present(value: Any) -> bool:
    """igraph fills attributes an element lacks with "" or None (strings), NaN (numbers)."""
    return value not in (None, "") and not (isinstance(value, float) and math.isnan(value))


def edge_signature(source: str, target: str, data: dict[str, Any]) -> tuple:
    return (source, target, tuple(sorted((k, v) for k, v in data.items() if present(v))))


def assert_matches_flat(
    graph: nx.MultiDiGraph,
    nodes: dict[str, dict[str, Any]],
    edges: list[tuple[str, str, dict[str, Any]]],
) -> None:
    flat = flat_graph(graph)
    assert set(nodes) == set(flat)
    for node, data in flat.nodes(data=True):
        assert {k: v for k, v in nodes[node].items() if present(v)} == data, node
    expected = sorted(edge_signature(u, v, d) for u, v, d in flat.edges(data=True))
    assert sorted(edge_signature(u, v, d) for u, v, d in edges) == expected


def test_graphml_round_trips_through_networkx_and_igraph(
    graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    path = tmp_path / "actors.graphml"
    assert export_graph(graph, "graphml", path) == [path]
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == graph.number_of_nodes() == 10
    assert back.number_of_edges() == graph.number_of_edges()
    assert_matches_flat(
        graph,
        dict(back.nodes(data=True)),
        [(u, v, {k: x for k, x in d.items() if k != "id"}) for u, v, d in back.edges(data=True)],
    )
    assert back.nodes["dhs"]["aliases"] == "DHS|Homeland Security"
    ig = igraph.Graph.Read_GraphML(str(path))
    assert ig.is_directed()
    assert (ig.vcount(), ig.ecount()) == (graph.number_of_nodes(), graph.number_of_edges())
    nodes = {v["id"]: {k: x for k, x in v.attributes().items() if k != "id"} for v in ig.vs}
    edges = [
        (
            ig.vs[e.source]["id"],
            ig.vs[e.target]["id"],
            {k: x for k, x in e.attributes().items() if k != "id"},
        )
        for e in ig.es
    ]
    assert_matches_flat(graph, nodes, edges)


def test_gexf_round_trips_through_networkx(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    # igraph has no GEXF reader; Gephi and networkx do.
    path = tmp_path / "actors.gexf"
    export_graph(graph, "gexf", path)
    back = nx.read_gexf(path)
    assert back.number_of_edges() == graph.number_of_edges()
    nodes = {n: {k: v for k, v in d.items() if k != "label"} for n, d in back.nodes(data=True)}
    edges = [(u, v, {k: x for k, x in d.items() if k != "id"}) for u, v, d in back.edges(data=True)]
    assert_matches_flat(graph, nodes, edges)
    assert back.nodes["dhs"]["label"] == "dhs"


def test_json_round_trips_through_networkx_and_igraph(
    graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    path = tmp_path / "actors.json"
    export_graph(graph, "json", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    back = nx.node_link_graph(data, edges="edges")
    assert nx.utils.graphs_equal(back, graph)
    assert back.nodes["dhs"]["aliases"] == ["DHS", "Homeland Security"]
    ig = igraph.Graph.DictList(
        data["nodes"],
        data["edges"],
        directed=True,
        vertex_name_attr="id",
        edge_foreign_keys=("source", "target"),
    )
    assert (ig.vcount(), ig.ecount()) == (graph.number_of_nodes(), graph.number_of_edges())
    attrs = ig.vs.find(id="dhs").attributes()
    assert attrs["wikidata"] == graph.nodes["dhs"]["wikidata"]
    assert sorted(ig.es["type"]) == sorted(t for _, _, t in graph.edges(data="type"))


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_opens_in_igraph_with_gephi_columns(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    written = export_graph(graph, "csv", tmp_path / "csv")
    nodes, edges = (read_csv(path) for path in written)
    assert list(nodes[0])[:2] == ["Id", "Label"]
    assert list(edges[0])[:3] == ["Source", "Target", "Type"]
    ig = igraph.Graph.DictList(
        nodes, edges, directed=True, vertex_name_attr="Id", edge_foreign_keys=("Source", "Target")
    )
    assert (ig.vcount(), ig.ecount()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert ig.vs.find(Id="dhs")["Label"] == "Department of Homeland Security"
    kinds = {(e["relation"], e["Type"]) for e in ig.es}
    assert ("ACCUSED", "Directed") in kinds and ("MET_WITH", "Undirected") in kinds
    back = nx.MultiDiGraph()
    back.add_edges_from((row["Source"], row["Target"], row) for row in edges)
    assert back.number_of_edges() == graph.number_of_edges()


def test_neo4j_admin_layout(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    actors_csv, documents_csv, relations_csv = export_graph(graph, "neo4j-admin", tmp_path / "n")
    actors = read_csv(actors_csv)
    assert {"id:ID", ":LABEL", "aliases:string[]"} <= set(actors[0])
    labels = {row["id:ID"]: row[":LABEL"] for row in actors}
    assert labels["dhs"] == "Actor;Agency" and labels["italy"] == "Actor;Country"
    assert next(r for r in actors if r["id:ID"] == "dhs")["aliases:string[]"] == (
        "DHS;Homeland Security"
    )
    relations = read_csv(relations_csv)
    assert list(relations[0])[:3] == [":START_ID", ":END_ID", ":TYPE"]
    assert {"confidence:float", "start:int", "end:int"} <= set(relations[0])
    assert len(relations) == graph.number_of_edges()
    registry = [r for r in relations if r[":TYPE"] == "PART_OF"]
    assert registry and all(r["source"] == "registry" for r in registry)
    documents = read_csv(documents_csv)
    assert {row[":LABEL"] for row in documents} == {"Document"}
    assert all(row[":START_ID"] in labels and row[":END_ID"] in labels for row in relations)
