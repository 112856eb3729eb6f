"""Real `actorgraph load` processes racing each other and being killed.

Each test gets a fresh ACTORGRAPH_HOME, so the processes also race to start the
embedded server; the server is stopped at the end with `actorgraph store stop`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from load_samples import graph_fingerprint, write_samples

from actorgraph.graph.store import Store, open_store
from actorgraph.loaders.ingest import load_paths

ACTORGRAPH = str(Path(sys.executable).with_name("actorgraph"))

pytestmark = pytest.mark.slow


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    """A fresh data dir whose embedded server is stopped afterwards."""
    data_dir = tmp_path / "home"
    data_dir.mkdir()
    yield data_dir
    subprocess.run(
        [ACTORGRAPH, "store", "stop"], env=_env(data_dir), capture_output=True, timeout=60
    )


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["ACTORGRAPH_HOME"] = str(data_dir)
    return env


def _load(data_dir: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [ACTORGRAPH, "load", "--quiet", *args],
        env=_env(data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _count(store: Store, cypher: str) -> int:
    return int(next(iter(store.read(cypher)))["n"])


def test_four_concurrent_loads_leave_no_duplicates(home: Path, tmp_path: Path) -> None:
    source = write_samples(tmp_path / "docs.jsonl", 3000)
    loads = [_load(home, str(source)) for _ in range(4)]
    for process in loads:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert "Loaded 3000 extractions" in out

    with open_store(data_dir=home) as raced, open_store(data_dir=home, graph="clean") as once:
        assert load_paths(once, [source]).outcome == "complete"
        assert _count(raced, "MATCH (d:Document) RETURN count(d) AS n") == 3000
        assert _count(raced, "MATCH (a:Actor) RETURN count(a) AS n") == 40
        assert _count(raced, "MATCH ()-[r:MET_WITH]->() RETURN count(r) AS n") == 3000
        duplicated = list(
            raced.read("MATCH (a:Actor) WITH a.id AS id, count(*) AS n WHERE n > 1 RETURN id")
        )
        assert duplicated == []
        assert graph_fingerprint(raced) == graph_fingerprint(once)


def test_load_killed_halfway_then_rerun_matches_a_clean_load(home: Path, tmp_path: Path) -> None:
    # Into an existing graph a load writes batch by batch (a new graph is
    # created in one command, all or nothing: tests/test_store_bulk.py), so
    # both graphs get a node first; batches of 50,000 rows, about 5,000 documents.
    total = 20_000
    source = write_samples(tmp_path / "big.jsonl", total)
    for graph in ("actorgraph", "clean"):
        seed = [ACTORGRAPH, "query", "--write", "CREATE (:Seed)", "--graph", graph]
        subprocess.run(seed, env=_env(home), check=True, timeout=60, capture_output=True)
    victim = _load(home, str(source))
    seen = 0
    with open_store(data_dir=home) as store:
        deadline = time.monotonic() + 300
        while victim.poll() is None and time.monotonic() < deadline:
            seen = _count(store, "MATCH (d:Document) RETURN count(d) AS n")
            if seen >= total * 3 // 10:
                victim.send_signal(signal.SIGKILL)
                break
            time.sleep(0.05)
        victim.wait(timeout=60)
        assert victim.returncode == -signal.SIGKILL, "the load finished before it could be killed"
        after_kill = _count(store, "MATCH (d:Document) RETURN count(d) AS n")
        assert 0 < after_kill < total, "the kill must land halfway"

    rerun = _load(home, str(source))
    assert rerun.wait(timeout=600) == 0, rerun.communicate()[1]
    with open_store(data_dir=home) as resumed, open_store(data_dir=home, graph="clean") as once:
        assert load_paths(once, [source]).outcome == "complete"
        assert _count(resumed, "MATCH (d:Document) RETURN count(d) AS n") == total
        assert graph_fingerprint(resumed) == graph_fingerprint(once)
