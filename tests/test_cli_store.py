"""`actorgraph store start|stop|status` on real embedded servers."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

from actorgraph.graph.embedded import ServerAddress
from actorgraph.graph.falkordb_store import FalkorDBStore
from actorgraph.graph.models import Extraction
from actorgraph.queries.cli import main


def _store_command(*args: str) -> Result:
    return CliRunner().invoke(main, ["store", *args], env={"ACTORGRAPH_HOME": None})


def test_status_of_the_running_server(
    store: FalkorDBStore,
    store_home: Path,
    store_server: ServerAddress,
    make_extraction: Callable[..., Extraction],
) -> None:
    store.write([make_extraction()])
    result = _store_command("status", "--json", "--data-dir", str(store_home))
    assert result.exit_code == 0, result.output
    status = json.loads(result.stdout)
    assert status["running"] is True
    assert status["pid"] == store_server.pid
    assert store.graph in status["graphs"]
    text = _store_command("status", "--data-dir", str(store_home)).stdout
    assert "running:   True" in text and f"pid:       {store_server.pid}" in text


def test_start_status_stop_of_a_new_data_dir(tmp_path: Path) -> None:
    home = tmp_path / "h"
    assert (
        json.loads(_store_command("status", "--json", "--data-dir", str(home)).stdout)["running"]
        is False
    )
    started = _store_command("start", "--data-dir", str(home))
    assert started.exit_code == 0, started.output
    assert started.stdout.startswith("Embedded FalkorDB running at ")
    again = _store_command("start", "--data-dir", str(home))
    assert again.stdout == started.stdout  # the same server, not a second one
    assert (
        json.loads(_store_command("status", "--json", "--data-dir", str(home)).stdout)["running"]
        is True
    )
    stopped = _store_command("stop", "--data-dir", str(home))
    assert stopped.stdout.startswith("Stopped the embedded FalkorDB of ")
    assert _store_command("stop", "--data-dir", str(home)).stdout.startswith(
        "No embedded FalkorDB was running"
    )
