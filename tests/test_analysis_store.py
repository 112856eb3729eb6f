"""Store -> networkx on the real embedded FalkorDB and on a real Neo4j."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from analysis_graphs import ACTORS, extractions
from click.testing import CliRunner

from actorgraph.graph.filters import GraphFilter
from actorgraph.graph.networkx_io import from_extractions, from_store, save_snapshot
from actorgraph.graph.store import Store
from actorgraph.queries.cli import main


def relations(G: nx.MultiDiGraph) -> list[str]:
    """Every relation as text, so two graphs compare as multisets."""
    return sorted(
        json.dumps([u, v, data], sort_keys=True, default=str) for u, v, data in G.edges(data=True)
    )


def assert_same_graph(from_db: nx.MultiDiGraph, expected: nx.MultiDiGraph) -> None:
    assert set(from_db) == set(expected)
    for node, data in expected.nodes(data=True):
        stored = from_db.nodes[node]
        for key in ("name", "type", "country", "wikidata"):
            assert stored.get(key) == data.get(key), (node, key)
        # The store adds the canonical name to the aliases.
        assert set(data.get("aliases", [])) <= set(stored["aliases"])
    assert relations(from_db) == relations(expected)
    assert set(expected.graph["documents"]) <= set(from_db.graph["documents"])


@pytest.fixture
def loaded(store: Store) -> Store:
    store.write(extractions())
    return store


def test_from_store_matches_the_extractions(loaded: Store) -> None:
    assert_same_graph(from_store(loaded), from_extractions(extractions()))


def test_small_pages_give_the_same_graph(loaded: Store) -> None:
    assert relations(from_store(loaded, page_size=3)) == relations(from_store(loaded))


@pytest.mark.parametrize(
    "graph_filter",
    [
        GraphFilter(families=("conflict",)),
        GraphFilter(types=("MET_WITH", "PART_OF")),
        GraphFilter(modalities=("negated", "planned")),
        GraphFilter(min_confidence=0.85),
        GraphFilter(since="2023", until="2023-06"),
        GraphFilter(countries=("US",), actor_types=("Agency", "Country")),
    ],
    ids=["family", "types", "modality", "confidence", "window", "actors"],
)
def test_filters_in_the_store_match_filters_in_python(
    loaded: Store, graph_filter: GraphFilter
) -> None:
    from_db = from_store(loaded, graph_filter)
    expected = from_extractions(extractions(), graph_filter)
    assert from_db.number_of_edges() < from_store(loaded).number_of_edges()
    assert_same_graph(from_db, expected)


@pytest.mark.neo4j
def test_from_store_on_neo4j(neo4j_store: Store) -> None:
    neo4j_store.write(extractions())
    assert_same_graph(from_store(neo4j_store), from_extractions(extractions()))
    conflict = GraphFilter(families=("conflict",))
    assert relations(from_store(neo4j_store, conflict)) == relations(
        from_extractions(extractions(), conflict)
    )


def store_args(store: Store, store_home: Path) -> list[str]:
    return ["--data-dir", str(store_home), "--graph", store.graph]  # type: ignore[attr-defined]


def test_centrality_command_reads_the_store(loaded: Store, store_home: Path) -> None:
    result = CliRunner().invoke(
        main, ["centrality", "--format", "json", *store_args(loaded, store_home)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["actors"] == len(ACTORS)
    assert {row["id"] for row in data["rows"]} == set(ACTORS)


def test_import_snapshot_writes_what_the_snapshot_holds(
    store: Store, store_home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "graph.json"
    save_snapshot(from_extractions(extractions()), path)
    result = CliRunner().invoke(
        main, ["import-snapshot", str(path), *store_args(store, store_home)]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("imported ")
    assert_same_graph(from_store(store), from_extractions(extractions()))


def test_any_text_survives_the_json_pages(store: Store) -> None:
    # FalkorDB's toJSON does not escape strings; the pages escape them in Cypher.
    nasty = 'He said "no" \\ twice,\nthen\ttabbed; NUL \x00, private \ue000, end \\"'
    base = extractions()[0]
    relation = base.relations[0].model_copy(update={"evidence": nasty})
    actors = [
        actor.model_copy(update={"name": f'{actor.name} "quoted" \\', "aliases": [nasty]})
        for actor in base.actors
    ]
    document = base.document.model_copy(update={"title": nasty})
    tricky = base.model_copy(
        update={"relations": [relation], "actors": actors, "document": document}
    )
    store.write([tricky])
    G = from_store(store)
    expected = from_extractions([tricky])
    assert relations(G) == relations(expected)
    assert [data["evidence"] for _, _, data in G.edges(data=True)] == [nasty]
    assert G.graph["documents"][document.id]["title"] == nasty
    for actor in actors:
        assert G.nodes[actor.id]["name"] == actor.name
        assert nasty in G.nodes[actor.id]["aliases"]
