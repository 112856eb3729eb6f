"""New graphs created with ``GRAPH.BULK``, against the real server: only a new
graph is created that way, it holds exactly what the Cypher statements write,
and a failed or killed creation leaves no graph behind."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
import redis
from test_store_falkordb import HOSTILE, counts

from actorgraph.graph import QueryError, StoreUnavailable, cypher, embedded, open_store
from actorgraph.graph.falkordb_store import FalkorDBStore
from actorgraph.graph.models import (
    Actor,
    Document,
    EventRelation,
    Extraction,
    Mention,
    StructuralRelation,
)

EDGES = """
MATCH (s)-[r]->(t)
RETURN type(r) AS type, s.id AS source, t.id AS target, properties(r) AS props
"""
NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"


def _sorted(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for row in rows:
        if "labels" in row:
            row["labels"] = sorted(row["labels"])
        if "aliases" in row["props"]:
            row["props"]["aliases"] = sorted(row["props"]["aliases"])
    return sorted(rows, key=lambda row: orjson.dumps(row, option=orjson.OPT_SORT_KEYS))


def edges(store: FalkorDBStore) -> list[dict[str, Any]]:
    return _sorted(list(store.read(EDGES)))


def nodes(store: FalkorDBStore) -> list[dict[str, Any]]:
    return _sorted(list(store.read(NODES)))


@contextlib.contextmanager
def monitored(store: FalkorDBStore) -> Iterator[list[str]]:
    """The names of the commands the server runs meanwhile (``MONITOR``)."""
    seen: list[str] = []
    client = redis.Redis(
        unix_socket_path=store._client.connection.connection_pool.connection_kwargs["path"]
    )
    started = threading.Event()

    def listen() -> None:
        with client.monitor() as monitor:
            started.set()
            for event in monitor.listen():
                if event["command"] == "ECHO monitor-stop":
                    return
                seen.append(event["command"].split(" ", 1)[0].upper())

    listener = threading.Thread(target=listen)
    listener.start()
    assert started.wait(10)
    time.sleep(0.1)
    try:
        yield seen
    finally:
        client.echo("monitor-stop")
        listener.join(10)


def corpus() -> list[Extraction]:
    """Documents with every kind of edge and value: hostile text, missing
    values, mentions, structural facts from a document and from the registry."""
    people = [
        Actor(
            id="dhs",
            name="DHS",
            type="Agency",
            mentions=[Mention(text="DHS", start=0, end=3), Mention(text="DHS", start=9, end=12)],
        ),
        Actor(
            id="italy", name="Italy", type="Country",
            mentions=[Mention(text="Rome", start=20, end=24)],
        ),
        Actor(id="piantedosi", name="Matteo Piantedosi", type="Person"),
    ]  # fmt: skip
    extractions = []
    for i, text in enumerate(HOSTILE):
        doc = f"doc-{i}"
        relations: list[Any] = [
            EventRelation(
                source="dhs", target="italy", type="MET_WITH", doc=doc, evidence=text,
                start=i, end=i + 5, cameo="040", confidence=0.25 * (i % 4), rule=text,
                date="2024-03-01" if i % 2 else None, lang="en" if i % 3 else None,
                plover="CONSULT" if i % 2 else None,
                modality="planned" if i % 2 else "asserted",
            ),
            EventRelation(
                source="italy", target="dhs", type="ACCUSED", doc=doc, evidence="second",
                start=100, end=106, cameo="111", confidence=1.0, rule="rule",
            ),
            StructuralRelation(
                source="piantedosi", target="italy", type="HOLDS_ROLE", title=text,
                since="2022-10", doc=doc, evidence=text, start=0, end=3,
            ),
            StructuralRelation(source="dhs", target="italy", type="PART_OF", origin="registry"),
        ]  # fmt: skip
        document = Document(id=doc, title=text)
        extractions.append(Extraction(document=document, actors=people, relations=relations))
    return extractions


@pytest.fixture
def merged(store: FalkorDBStore) -> Iterator[FalkorDBStore]:
    """A store on the same server without the write lock (as an external
    server is reached): it merges every node and edge by Cypher."""
    other = FalkorDBStore(
        store._client, f"{store.graph}_merged", address=store.address, write_lock=None
    )
    yield other
    with contextlib.suppress(redis.exceptions.ResponseError):  # never written
        other._graph.delete()


def test_a_new_graph_is_created_in_one_bulk_command_and_no_other(
    store: FalkorDBStore, make_extraction: Callable[..., Extraction]
) -> None:
    store.batch_rows = 2  # the rest of the input, past NEW_GRAPH_ROWS, goes by Cypher
    with monitored(store) as first:
        store.write([make_extraction(f"d{i}") for i in range(3)])
    with monitored(store) as second:
        store.write([make_extraction(f"d{i}") for i in range(3, 6)])
    assert first.count("GRAPH.BULK") == 1
    assert "GRAPH.BULK" not in second
    assert counts(store) == (8, 18)


def test_a_load_into_an_existing_graph_sends_no_bulk_command(
    store: FalkorDBStore, make_extraction: Callable[..., Extraction]
) -> None:
    store.ensure_schema()  # the graph exists, empty: created again in bulk
    with monitored(store) as creating:
        store.write([make_extraction("d1")])
    with monitored(store) as adding:
        store.write(corpus())
        store.write([make_extraction("d1"), make_extraction("d2")])
    assert creating.count("GRAPH.BULK") == 1
    assert "GRAPH.BULK" not in adding
    assert "GRAPH.QUERY" in adding


def test_a_new_graph_holds_what_the_cypher_statements_write(
    store: FalkorDBStore, merged: FalkorDBStore
) -> None:
    store.write(corpus())
    merged.write(corpus())
    assert nodes(store) == nodes(merged)
    written = edges(store)
    assert written == edges(merged)
    # 8 documents: 2 events, 1 document fact and 2 mentions each; 1 registry fact.
    assert len(written) == 8 * 5 + 1
    hostile = {row["props"]["evidence"] for row in written if row["type"] == "MET_WITH"}
    assert hostile == set(HOSTILE)
    # The graph is indexed as one written by Cypher.
    assert store._client.connection.execute_command("GRAPH.QUERY", store.graph, "CALL db.indexes()")


def test_created_and_merged_edges_are_the_same(
    store: FalkorDBStore, merged: FalkorDBStore, make_extraction: Callable[..., Extraction]
) -> None:
    # Into an existing graph, the edges of new documents are created by the
    # compact statements (the external store merges every edge).
    for target in (store, merged):
        target.write([make_extraction("d0")])
        target.write(corpus())
    assert nodes(store) == nodes(merged)
    assert edges(store) == edges(merged)
    assert len(edges(store)) == 8 * 5 + 1 + 3


def test_loading_again_after_a_bulk_load_adds_nothing(store: FalkorDBStore) -> None:
    store.write(corpus())
    first = nodes(store), edges(store)
    store.write(corpus())
    assert (nodes(store), edges(store)) == first


def test_a_server_error_while_creating_leaves_no_graph(
    store: FalkorDBStore,
    make_extraction: Callable[..., Extraction],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store.ensure_schema()
    # The server refuses the indexes made after the bulk command.
    monkeypatch.setattr(cypher, "FALKORDB_SCHEMA", ("CREATE INDEX FOR (a:Actor) ON (a.id",))
    with pytest.raises(QueryError):
        store.write([make_extraction("d1")])
    assert not store._client.connection.exists(store.graph)


def test_an_unreachable_server_while_creating_leaves_no_graph(
    store: FalkorDBStore,
    make_extraction: Callable[..., Extraction],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def cut(self: FalkorDBStore) -> None:
        raise StoreUnavailable("cut")

    monkeypatch.setattr(FalkorDBStore, "ensure_schema", cut)
    with pytest.raises(StoreUnavailable):
        store.write([make_extraction("d1")])
    assert not store._client.connection.exists(store.graph)


KILLED_IMPORT = """
import sys
from actorgraph.graph import open_store
from actorgraph.graph.models import Actor, Document, EventRelation, Extraction

def extractions():
    actors = [Actor(id=f"a{i}", name=f"A {i}", type="Agency") for i in range(2000)]
    for d in range(5000):
        cast = actors[d % 1991 : d % 1991 + 10]
        relations = [
            EventRelation(source=cast[k].id, target=cast[k + 1].id, type="MET_WITH",
                          doc=f"d{d}", evidence="x" * 200, start=k, end=k + 1, cameo="040",
                          confidence=0.5, rule="test")
            for k in range(9)
        ]
        yield Extraction(document=Document(id=f"d{d}"), actors=cast, relations=relations)

with open_store(graph=sys.argv[2], data_dir=sys.argv[1]) as store:
    print("writing", flush=True)
    store.write(extractions())
"""
KILLED_NODES, KILLED_EDGES = 5000 + 2000, 5000 * 9


@pytest.mark.slow
def test_a_killed_creation_leaves_no_graph_or_the_whole_graph(
    store: FalkorDBStore, store_home: Path
) -> None:
    graph = store.graph
    connection = store._client.connection

    def run() -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-c", KILLED_IMPORT, str(store_home), graph],
            stdout=subprocess.PIPE,
            text=True,
        )

    started = time.monotonic()
    finished = run()
    assert finished.stdout is not None and finished.stdout.readline() == "writing\n"
    writing_started = time.monotonic()
    assert finished.wait(120) == 0
    took = time.monotonic() - writing_started
    assert counts(store) == (KILLED_NODES, KILLED_EDGES)
    outcomes = []
    for share in (0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95):
        connection.delete(graph)
        killed = run()
        assert killed.stdout is not None and killed.stdout.readline() == "writing\n"
        time.sleep(took * share)
        killed.send_signal(signal.SIGKILL)
        killed.wait()
        if connection.exists(graph):
            assert counts(store) in ((0, 0), (KILLED_NODES, KILLED_EDGES))
            outcomes.append(counts(store))
        else:
            outcomes.append(None)
    assert time.monotonic() - started < 300
    assert None in outcomes  # some kill landed before the graph was made


def test_bulk_graphs_survive_kill_9_of_the_server(tmp_path: Path) -> None:
    home = tmp_path / "home"
    try:
        first = embedded.start(home)
        with open_store(graph="g", data_dir=home) as store:
            store.write(corpus())
            written = nodes(store), edges(store)
        os.kill(first.pid, signal.SIGKILL)
        while embedded.status(home).running:
            time.sleep(0.05)
        embedded.start(home)  # replays the append-only file
        with open_store(graph="g", data_dir=home) as store:
            assert isinstance(store, FalkorDBStore)
            assert (nodes(store), edges(store)) == written
    finally:
        embedded.stop(home)


def test_a_load_checks_again_what_another_writer_changed_between_its_batches(
    store: FalkorDBStore, store_home: Path, make_extraction: Callable[..., Extraction]
) -> None:
    # Batches of one extraction into an existing graph. Between the first and
    # the second, another client relabels dhs; the second batch names dhs with
    # a new alias, so the load must find the stored type changed (not trust
    # what it wrote) and merge dhs back to Agency.
    store.write([make_extraction("d0")])
    other = open_store(graph=store.graph, data_dir=store_home)
    store.batch_rows = 2
    renamed = Actor(id="dhs", name="DHS", type="Agency", aliases=["Homeland Security"])
    italy = Actor(id="italy", name="Italy", type="Country")

    relabel = "MATCH (a:Actor {id: 'dhs'}) REMOVE a:Agency SET a:Organization, a.type = $t"
    written = "MATCH (d:Document {id: 'd1'}) RETURN count(d) AS n"

    def extractions() -> Iterator[Extraction]:
        yield make_extraction("d1")
        # The writer thread writes the first batch meanwhile: wait for it.
        deadline = time.monotonic() + 30
        while not next(other.read(written))["n"]:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert other.execute(relabel + " RETURN count(a) AS n", {"t": "Organization"}) == [{"n": 1}]
        yield make_extraction("d2", actors=[renamed, italy])

    store.write(extractions())
    row = next(store.read("MATCH (a:Actor {id: 'dhs'}) RETURN labels(a) AS labels, a.type AS type"))
    assert set(row["labels"]) == {"Actor", "Agency"} and row["type"] == "Agency"
