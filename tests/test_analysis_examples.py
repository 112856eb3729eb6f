"""End to end on examples/: load them into the real store, then `actorgraph centrality`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from analysis_formats import from_csv, from_html, from_json, from_markdown
from click.testing import CliRunner

from actorgraph.graph.store import Store
from actorgraph.queries.cli import main

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def run(store: Store, store_home: Path, *args: str) -> str:
    result = subprocess.run(
        [
            str(BIN / "actorgraph"),
            *args,
            "--data-dir",
            str(store_home),
            "--graph",
            store.graph,  # type: ignore[attr-defined]
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def invoke(store: Store, store_home: Path, *args: str) -> str:
    arguments = [*args, "--data-dir", str(store_home), "--graph", store.graph]  # type: ignore[attr-defined]
    result = CliRunner().invoke(main, arguments, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_centrality_on_the_examples(store: Store, store_home: Path) -> None:
    loaded = run(store, store_home, "load", str(REPO / "examples"))
    assert "relations" in loaded
    table = run(store, store_home, "centrality", "--top", "10")
    assert "Actors by pagerank" in table and "Brokers" in table and "Country pairs" in table
    data = json.loads(invoke(store, store_home, "centrality", "--format", "json"))
    assert data["relations"] > 0 and data["actors"] > 10
    ranks = [row["ranks"]["pagerank"] for row in data["rows"]]
    assert ranks == sorted(ranks) and ranks[0] == 1
    # Louvain and PageRank are deterministic: the same command gives the same numbers.
    expected = from_json(invoke(store, store_home, "centrality", "--format", "json"))
    assert from_json(json.dumps(data)) == expected
    assert from_csv(invoke(store, store_home, "centrality", "--format", "csv")) == expected
    assert from_markdown(invoke(store, store_home, "centrality", "--format", "md")) == expected
    assert from_html(invoke(store, store_home, "centrality", "--format", "html")) == expected
