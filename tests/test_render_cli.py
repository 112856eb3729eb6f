"""``actorgraph render`` through click's runner and as a real subprocess."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from render_graphs import sample_graph

from actorgraph.graph.networkx_io import save_snapshot
from actorgraph.queries.cli import main

DATA_BLOCK = re.compile(r'id="actorgraph-data">(.*?)</script>', re.DOTALL)


def page_data(path: Path) -> dict:
    match = DATA_BLOCK.search(path.read_text(encoding="utf-8"))
    assert match is not None
    return json.loads(match.group(1))


def test_render_from_a_snapshot_with_filters_and_focus(tmp_path: Path) -> None:
    snapshot = tmp_path / "graph.json"
    save_snapshot(sample_graph(), snapshot)
    out = tmp_path / "agreements.html"
    result = CliRunner().invoke(
        main,
        [
            "render",
            "--from",
            str(snapshot),
            "--out",
            str(out),
            "--family",
            "agreement",
            "--focus",
            "ACN",
            "--depth",
            "1",
            "--size-by",
            "pagerank",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"wrote {out}: 3 actors, 2 links (2 relations)")
    data = page_data(out)
    assert {actor["id"] for actor in data["actors"]} == {"acn", "cisa", "enisa"}
    assert {link["family"] for link in data["links"]} == {"agreement"}
    assert data["size_by"] == "pagerank"
    assert "families: agreement" in data["meta"]["heading"]
    assert "within 1 hop(s) of acn" in data["meta"]["heading"]


def test_render_max_nodes_reports_what_it_left_out(tmp_path: Path) -> None:
    snapshot = tmp_path / "graph.json"
    save_snapshot(sample_graph(), snapshot)
    out = tmp_path / "top.html"
    result = CliRunner().invoke(
        main, ["render", "--from", str(snapshot), "--out", str(out), "--max-nodes", "4"]
    )
    assert result.exit_code == 0, result.output
    assert "left out 5 actors" in result.output
    assert len(page_data(out)["actors"]) == 4


def test_render_unknown_focus_is_a_one_line_error(tmp_path: Path) -> None:
    snapshot = tmp_path / "graph.json"
    save_snapshot(sample_graph(), snapshot)
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "actorgraph"),
            "render",
            "--from",
            str(snapshot),
            "--out",
            str(tmp_path / "x.html"),
            "--focus",
            "Atlantis",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("Error: no actor named 'Atlantis'")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.html").exists()


def test_an_out_file_that_cannot_be_written_is_a_one_line_error(tmp_path: Path) -> None:
    snapshot = tmp_path / "graph.json"
    save_snapshot(sample_graph(), snapshot)
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "actorgraph"),
            "render",
            "--from",
            str(snapshot),
            "--out",
            "/proc/nope/x.html",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr == "Error: No such file or directory: /proc/nope\n"
