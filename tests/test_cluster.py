"""``--cluster`` on ``extract`` and ``load`` against a real Dask cluster.

The module starts ``dask scheduler`` and two ``dask worker`` processes on
127.0.0.1 as subprocesses (the workers in the repository folder, where the
commands run, so both open ``../shared/corpus/dev`` alike) and checks that a
run on them gives what a local run gives: the same extractions, the same
graph in the embedded FalkorDB and in a real Neo4j, even when a worker is
killed in the middle of a load.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from cli_helpers import cli_for
from click.testing import CliRunner
from distributed import Client
from load_samples import graph_fingerprint, write_samples
from local_neo4j import Neo4jServer

from actorgraph.graph.errors import ClusterUnavailable
from actorgraph.graph.falkordb_store import FalkorDBStore
from actorgraph.graph.neo4j_store import Neo4jStore
from actorgraph.loaders.cluster import (
    ClusterAddress,
    FilePart,
    load_on_cluster,
    open_cluster,
    partition_files,
)
from actorgraph.loaders.ingest import load_paths
from actorgraph.loaders.pipeline import DocumentPipeline
from actorgraph.loaders.readers import Skipped, jsonl_lines
from actorgraph.queries.cli import main

REPO = Path(__file__).resolve().parents[1]
DEV = "../shared/corpus/dev"
BIN = Path(sys.executable).parent
ACTORGRAPH = str(BIN / "actorgraph")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class DaskCluster:
    """A real ``dask scheduler`` and its ``dask worker`` processes."""

    address: str
    scheduler: subprocess.Popen[bytes]
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start_worker(self) -> subprocess.Popen[bytes]:
        # No nanny: the process is the worker, so killing it kills the worker.
        worker = subprocess.Popen(
            [str(BIN / "dask"), "worker", self.address, "--nthreads", "1", "--no-nanny",
             "--no-dashboard", "--host", "127.0.0.1"],
            cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.workers.append(worker)
        return worker

    def wait_for_workers(self, count: int) -> None:
        with Client(self.address, timeout=30) as client:
            client.wait_for_workers(count, timeout=60)

    def stop(self) -> None:
        for process in [*self.workers, self.scheduler]:
            process.terminate()
        for process in [*self.workers, self.scheduler]:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="module")
def dask_cluster(need: Callable[[bool, str], None]) -> Iterator[DaskCluster]:
    need((BIN / "dask").exists(), "the dask command is not installed (make setup)")
    need(Path(REPO, DEV).is_dir(), f"the development corpus {DEV} is missing")
    address = f"tcp://127.0.0.1:{_free_port()}"
    scheduler = subprocess.Popen(
        [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1",
         "--port", address.rsplit(":", 1)[1], "--no-dashboard"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    cluster = DaskCluster(address, scheduler)
    try:
        for _ in range(2):
            cluster.start_worker()
        cluster.wait_for_workers(2)
        yield cluster
    finally:
        cluster.stop()


def _extract(*extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [ACTORGRAPH, "extract", DEV, "--format", "jsonl", *extra],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_extract_on_the_cluster_equals_a_local_run(dask_cluster: DaskCluster) -> None:
    local = _extract()
    clustered = _extract("--cluster", dask_cluster.address)
    assert local.returncode == 0, local.stderr
    assert clustered.returncode == 0, clustered.stderr
    assert len(local.stdout.splitlines()) == 40
    assert clustered.stdout == local.stdout


def test_an_unreachable_scheduler_is_one_line_before_any_work() -> None:
    address = f"tcp://127.0.0.1:{_free_port()}"
    started = time.monotonic()
    run = subprocess.run(
        [ACTORGRAPH, "extract", DEV, "--cluster", address],
        cwd=REPO, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.splitlines() == [
        f"Error: no Dask scheduler answers at {address}: Connection refused"
    ]
    assert time.monotonic() - started < 30


@pytest.mark.parametrize(
    "text", ["local:0", "local:x", "http://host:1", "tls://host:1", "tcp://", "somewhere"]
)
def test_a_bad_address_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="local"):
        ClusterAddress.parse(text)


def test_workers_and_cluster_exclude_each_other() -> None:
    args = ["extract", str(REPO / DEV), "--workers", "2", "--cluster", "local:2"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == "Error: --workers and --cluster exclude each other"


def test_addresses() -> None:
    assert ClusterAddress.parse("local:3") == ClusterAddress(local_workers=3)
    assert ClusterAddress.parse("local").local_workers == (os.cpu_count() or 1)
    assert ClusterAddress.parse("tcp://10.0.0.5:8786").scheduler == "tcp://10.0.0.5:8786"


def test_partitions_keep_the_order_and_cut_big_jsonl_at_line_ends(tmp_path: Path) -> None:
    small = tmp_path / "a.txt"
    small.write_text("Italy met France.\n", encoding="utf-8")
    big = write_samples(tmp_path / "b.jsonl", 50)
    missing = Skipped(path="gone.txt", reason="no such file or folder")
    partitions = partition_files([small, missing, big, small], 10_000)
    parts = [part for partition in partitions for part in partition]
    assert parts[:2] == [FilePart(path=small, size=small.stat().st_size), missing]
    ranges = [part for part in parts if isinstance(part, FilePart) and part.path == big]
    assert len(ranges) > 3 and all(not part.whole for part in ranges)
    assert parts[-1] == FilePart(path=small, size=small.stat().st_size)
    # Every line once, in order, with its number.
    assert [line for part in ranges for line in part.lines()] == list(jsonl_lines(big))
    assert sum(part.size for part in ranges) == big.stat().st_size
    # Too big for its reader: kept whole, for the reader to say so.
    whole = partition_files([big], 10_000, split_up_to=1_000)
    assert whole == [[FilePart(path=big, size=big.stat().st_size)]]


def test_load_on_the_cluster_into_the_embedded_store_equals_a_local_load(
    dask_cluster: DaskCluster, store: FalkorDBStore, store_home: Path, tmp_path: Path
) -> None:
    """Workers extract, this process writes."""
    dev = str(REPO / DEV)
    run = cli_for(store, store_home)
    clustered = run("load", dev, "--cluster", dask_cluster.address, "--quiet")
    assert clustered.exit_code == 0, clustered.output
    on_cluster = graph_fingerprint(store)
    store.clear()
    local = run("load", dev, "--quiet")
    assert local.exit_code == 0, local.output
    assert clustered.stdout == local.stdout
    assert clustered.stdout.startswith("Loaded 40 extractions from 40 files: 40 documents")
    assert on_cluster == graph_fingerprint(store)


@pytest.mark.neo4j
def test_load_on_the_cluster_into_neo4j_equals_a_local_load(
    dask_cluster: DaskCluster, neo4j_store: Neo4jStore, neo4j_server: Neo4jServer
) -> None:
    """Workers extract and write to Neo4j themselves."""
    dev = str(REPO / DEV)
    run = cli_for(neo4j_store, neo4j=neo4j_server)
    clustered = run("load", dev, "--cluster", dask_cluster.address, "--quiet")
    assert clustered.exit_code == 0, clustered.output
    on_cluster = graph_fingerprint(neo4j_store)
    neo4j_store.clear()
    local = run("load", dev, "--quiet")
    assert local.exit_code == 0, local.output
    assert clustered.stdout == local.stdout
    assert on_cluster == graph_fingerprint(neo4j_store)


def _documents(store: Neo4jStore) -> int:
    return int(next(store.read("MATCH (d:Document) RETURN count(d) AS n"))["n"])


@pytest.mark.neo4j
@pytest.mark.slow
def test_a_worker_killed_during_a_load_into_neo4j_loses_and_repeats_nothing(
    dask_cluster: DaskCluster, neo4j_store: Neo4jStore, neo4j_server: Neo4jServer, tmp_path: Path
) -> None:
    total = 4000
    source = write_samples(tmp_path / "docs.jsonl", total)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "ACTORGRAPH_"))}
    load = subprocess.Popen(
        [ACTORGRAPH, "load", str(source), "--cluster", dask_cluster.address, "--quiet"],
        env={**env, **neo4j_server.env()}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    victim = dask_cluster.workers[0]
    try:
        deadline = time.monotonic() + 300
        while _documents(neo4j_store) < total // 5:
            assert load.poll() is None, load.communicate()
            assert time.monotonic() < deadline, "the load did not start"
            time.sleep(0.05)
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=30)
        assert _documents(neo4j_store) < total, "the kill must land during the load"
        out, err = load.communicate(timeout=600)
    finally:
        dask_cluster.workers.remove(victim)
        dask_cluster.start_worker()
    assert load.returncode == 0, err
    assert out.startswith(f"Loaded {total} extractions from 1 file: {total} documents, 40 actors")
    killed = graph_fingerprint(neo4j_store)
    neo4j_store.clear()
    assert load_paths(neo4j_store, [source]).outcome == "complete"
    assert killed == graph_fingerprint(neo4j_store)
    dask_cluster.wait_for_workers(2)


def _answers(address: str) -> bool:
    host, port = address.removeprefix("tcp://").rsplit(":", 1)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        return probe.connect_ex((host, int(port))) == 0


def test_a_scheduler_without_workers_is_refused(need: Callable[[bool, str], None]) -> None:
    need((BIN / "dask").exists(), "the dask command is not installed (make setup)")
    address = f"tcp://127.0.0.1:{_free_port()}"
    scheduler = subprocess.Popen(
        [str(BIN / "dask"), "scheduler", "--host", "127.0.0.1",
         "--port", address.rsplit(":", 1)[1], "--no-dashboard"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not _answers(address):
            assert time.monotonic() < deadline, "the scheduler did not start"
            time.sleep(0.1)
        with (
            pytest.raises(ClusterUnavailable, match="has no workers"),
            open_cluster(ClusterAddress(scheduler=address), timeout=2),
        ):
            pass
    finally:
        scheduler.terminate()
        scheduler.wait(timeout=20)


def test_a_local_cluster_extracts_jsonl_documents_for_a_load(
    store: FalkorDBStore, tmp_path: Path
) -> None:
    """``local:2`` starts its own workers; the document records of a JSON
    Lines file, cut into line ranges, are extracted there and written here."""
    records = tmp_path / "records.jsonl"
    with records.open("w", encoding="utf-8") as out:
        for path in sorted(Path(REPO, DEV).glob("*.txt")):
            out.write(json.dumps({"text": path.read_text(encoding="utf-8")}) + "\n")
        out.write("not json\n")
    partitions = partition_files([records], 16_000)
    assert len(partitions) > 4

    with open_cluster(ClusterAddress.parse("local:2")) as cluster:
        assert cluster.workers == 2
        clustered = load_on_cluster(cluster, store, [records])
    on_cluster = graph_fingerprint(store)
    store.clear()
    with DocumentPipeline() as extractor:
        local = load_paths(store, [records], extractor=extractor)
    assert clustered == local
    assert local.loaded == 40 and [str(s) for s in local.skipped] == [
        f"{records}:41: not JSON: Expecting value (column 1)"
    ]
    assert on_cluster == graph_fingerprint(store)
