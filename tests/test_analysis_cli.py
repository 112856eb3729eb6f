"""The analysis commands, on a snapshot (no database) and through a real process."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from analysis_graphs import extractions
from click.testing import CliRunner

from actorgraph.graph.filters import GraphFilter
from actorgraph.graph.networkx_io import (
    from_extractions,
    load_snapshot,
    read_snapshot,
    save_snapshot,
    snapshot_extractions,
)
from actorgraph.queries.cli import main

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return from_extractions(extractions())


@pytest.fixture(scope="module")
def snapshot(graph: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("snapshot") / "graph.json"
    save_snapshot(graph, path)
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_snapshot_round_trips(graph: nx.MultiDiGraph, snapshot: Path) -> None:
    back = load_snapshot(snapshot)
    assert nx.utils.graphs_equal(back, graph)
    assert back.graph["documents"] == graph.graph["documents"]


def test_snapshot_filter_applies_on_load(snapshot: Path) -> None:
    conflict = load_snapshot(snapshot, GraphFilter(families=("conflict",)))
    assert {data["type"] for _, _, data in conflict.edges(data=True)} == {
        "ACCUSED",
        "ATTACKED",
        "DENIED",
        "SANCTIONED",
    }


def test_snapshot_extractions_keep_every_relation(graph: nx.MultiDiGraph, snapshot: Path) -> None:
    rebuilt = from_extractions(snapshot_extractions(read_snapshot(snapshot)))
    assert dict(rebuilt.nodes(data=True)) == dict(graph.nodes(data=True))

    def relations(G: nx.MultiDiGraph) -> list[str]:
        return sorted(json.dumps([u, v, data], sort_keys=True) for u, v, data in G.edges(data=True))

    assert relations(rebuilt) == relations(graph)
    # Registry facts have no document: they come back under one standing for the snapshot.
    extra = set(rebuilt.graph["documents"]) - set(graph.graph["documents"])
    assert len(extra) == 1 and extra.pop().startswith("snapshot:")


def test_centrality_from_snapshot(snapshot: Path) -> None:
    data = json.loads(run("centrality", "--from", str(snapshot), "--format", "json", "--top", "3"))
    assert len(data["rows"]) == 3
    assert [row["ranks"]["pagerank"] for row in data["rows"]] == [1, 2, 3]
    table = run("centrality", "--from", str(snapshot), "--metric", "degree", "--top", "5")
    assert "Actors by degree" in table and "Country pairs" in table


def test_centrality_filters_on_the_command_line(snapshot: Path) -> None:
    text = run("centrality", "--from", str(snapshot), "--family", "conflict", "--format", "csv")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["italy"]["degree"] == "2.0"
    assert rows["dhs"]["degree"] == "0.0"


def test_centrality_by_year(snapshot: Path) -> None:
    data = json.loads(
        run(
            "centrality",
            "--from",
            str(snapshot),
            "--by",
            "year",
            "--metric",
            "degree",
            "--format",
            "json",
        )
    )
    assert data["windows"] == ["2022", "2023", "2024"]
    first = {row["id"]: row["ranks"] for row in data["rows"]}
    assert first["enisa"] == {"2022": 1}


def test_centrality_html_to_a_file(snapshot: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    run("centrality", "--from", str(snapshot), "--format", "html", "--out", str(out))
    assert out.read_text(encoding="utf-8").count("<svg") == 8


def test_bad_date_is_a_usage_error(snapshot: Path) -> None:
    result = CliRunner().invoke(main, ["centrality", "--from", str(snapshot), "--since", "2024-13"])
    assert result.exit_code == 2
    assert "since" in result.output


def test_bad_snapshot_is_one_line_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "something-else"}', encoding="utf-8")
    result = CliRunner().invoke(main, ["centrality", "--from", str(broken)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "not an actorgraph snapshot" in result.output


def test_path_prints_relations_and_evidence(snapshot: Path) -> None:
    text = run("path", "Carabinieri", "NoName057(16)", "--from", str(snapshot))
    assert "Chain 1 (" in text
    assert "Carabinieri" in text and "NoName057(16)" in text
    data = json.loads(
        run(
            "path", "carabinieri", "noname057", "--all", "--format", "json", "--from", str(snapshot)
        )
    )
    assert len(data) >= 2
    assert all(len(chain) == len(data[0]) for chain in data)
    for chain in data:
        assert chain[0]["source"] == "carabinieri" and chain[-1]["target"] == "noname057"
        for hop in chain:
            assert hop["relations"]
            assert all(rel["evidence"] for rel in hop["relations"] if rel["doc"])


def test_path_respects_max_hops(snapshot: Path) -> None:
    text = run("path", "carabinieri", "noname057", "--max-hops", "1", "--from", str(snapshot))
    assert text.startswith("No chain links")


def test_path_unknown_actor(snapshot: Path) -> None:
    result = CliRunner().invoke(main, ["path", "Nobody", "dhs", "--from", str(snapshot)])
    assert result.exit_code == 1 and "no actor named 'Nobody'" in result.output


def test_ego_lists_neighbours_and_saves_a_snapshot(snapshot: Path, tmp_path: Path) -> None:
    out = tmp_path / "ego.json"
    text = run("ego", "DHS", "--from", str(snapshot), "--format", "json", "--out", str(out))
    rows = json.loads(text[text.index("[") :])
    names = {row["id"]: row for row in rows}
    assert names["piantedosi"]["distance"] == 1 and names["piantedosi"]["relations"] == 2
    assert "enisa" not in names  # two hops away
    ego = load_snapshot(out)
    assert set(ego) == {"dhs", *names}


def test_timeline_in_date_order(snapshot: Path) -> None:
    rows = json.loads(run("timeline", "--from", str(snapshot), "--format", "json"))
    dates = [row["date"] for row in rows]
    assert dates == sorted(dates) and dates[0] == "2022-11"
    around = json.loads(run("timeline", "Russia", "--from", str(snapshot), "--format", "json"))
    assert {row["type"] for row in around} == {"ACCUSED", "DENIED"}


def test_export_command(snapshot: Path, tmp_path: Path) -> None:
    out = tmp_path / "graph.graphml"
    assert run(
        "export", "--format", "graphml", "--out", str(out), "--from", str(snapshot)
    ).strip() == str(out)
    assert nx.read_graphml(out).number_of_nodes() == 10


def test_centrality_in_a_real_process(snapshot: Path) -> None:
    result = subprocess.run(
        [
            str(BIN / "actorgraph"),
            "centrality",
            "--from",
            str(snapshot),
            "--top",
            "3",
            "--format",
            "md",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "## Actors by pagerank" in result.stdout
