"""Edges of new documents written with ``GRAPH.BULK``, against the real server:
they must be exactly the edges the Cypher statements write."""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
import redis
from test_store_falkordb import HOSTILE

from actorgraph.graph import bulk, embedded, open_store
from actorgraph.graph.falkordb_store import FalkorDBStore
from actorgraph.graph.models import (
    Actor,
    Document,
    EventRelation,
    Extraction,
    Mention,
    StructuralRelation,
)
from actorgraph.graph.rows import batches

EDGES = """
MATCH (s)-[r]->(t)
RETURN type(r) AS type, coalesce(s.id, '') AS source, t.id AS target, properties(r) AS props
"""


def edges(store: FalkorDBStore) -> list[dict[str, Any]]:
    rows = list(store.read(EDGES))
    return sorted(rows, key=lambda row: orjson.dumps(row, option=orjson.OPT_SORT_KEYS))


def bulk_calls(store: FalkorDBStore) -> int:
    stats = store._client.connection.info("commandstats")
    return int(stats.get("cmdstat_graph.BULK", {}).get("calls", 0))


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


def test_bulk_edges_are_the_edges_cypher_merges(
    store: FalkorDBStore, merged: FalkorDBStore
) -> None:
    before = bulk_calls(store)
    store.write(corpus())
    assert bulk_calls(store) > before  # the bulk path was taken
    merged.write(corpus())
    assert bulk_calls(store) == before + 1  # and only by the locked store
    written = edges(store)
    assert written == edges(merged)
    # 8 documents: 2 events, 1 document fact and 2 mentions each; 1 registry fact.
    assert len(written) == 8 * 5 + 1
    hostile = {row["props"]["evidence"] for row in written if row["type"] == "MET_WITH"}
    assert hostile == set(HOSTILE)


def test_loading_again_after_a_bulk_load_adds_nothing(store: FalkorDBStore) -> None:
    store.write(corpus())
    first = edges(store)
    store.write(corpus())
    assert edges(store) == first


def test_a_value_the_format_cannot_hold_sends_its_document_to_cypher(
    store: FalkorDBStore, merged: FalkorDBStore, make_extraction: Callable[..., Extraction]
) -> None:
    wide = EventRelation(
        source="dhs", target="italy", type="MET_WITH", doc="wide", evidence="x",
        start=2**64, end=2**64, cameo="040", confidence=0.5, rule="test",
    )  # fmt: skip
    extractions = [make_extraction("wide", relations=[wide]), make_extraction("plain")]
    batch = next(batches(extractions))
    blocks, unencodable = bulk.blocks(batch, frozenset(batch.documents))
    assert unencodable == {"wide"}
    assert {doc for block in blocks for doc in block.docs} == {"plain"}
    store.write(extractions)
    merged.write(extractions)
    assert edges(store) == edges(merged)
    assert len(edges(store)) == 2 + 4  # two events, two mentions a document


def test_bulk_edges_survive_kill_9(tmp_path: Path) -> None:
    home = tmp_path / "home"
    try:
        first = embedded.start(home)
        with open_store(graph="g", data_dir=home) as store:
            store.write(corpus())
            written = edges(store)
        os.kill(first.pid, signal.SIGKILL)
        while embedded.status(home).running:
            time.sleep(0.05)
        embedded.start(home)  # replays the append-only file
        with open_store(graph="g", data_dir=home) as store:
            assert edges(store) == written
    finally:
        embedded.stop(home)


def test_a_load_checks_again_what_another_writer_changed_between_its_batches(
    store: FalkorDBStore, store_home: Path, make_extraction: Callable[..., Extraction]
) -> None:
    # Batches of one extraction. Between the first and the second, another
    # client relabels dhs; the second batch names dhs with a new alias, so the
    # load must find the stored type changed (not trust what it wrote) and
    # merge dhs back to Agency.
    other = open_store(graph=store.graph, data_dir=store_home)
    store.batch_rows = 2
    renamed = Actor(id="dhs", name="DHS", type="Agency", aliases=["Homeland Security"])
    italy = Actor(id="italy", name="Italy", type="Country")

    relabel = "MATCH (a:Actor {id: 'dhs'}) REMOVE a:Agency SET a:Organization, a.type = $t"

    def extractions() -> Iterator[Extraction]:
        yield make_extraction("d1")
        # The writer thread writes the first batch meanwhile: wait for it.
        deadline = time.monotonic() + 30
        while not next(other.read("MATCH (a:Actor {id: 'dhs'}) RETURN count(a) AS n"))["n"]:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert other.execute(relabel + " RETURN count(a) AS n", {"t": "Organization"}) == [{"n": 1}]
        yield make_extraction("d2", actors=[renamed, italy])

    store.write(extractions())
    row = next(store.read("MATCH (a:Actor {id: 'dhs'}) RETURN labels(a) AS labels, a.type AS type"))
    assert set(row["labels"]) == {"Actor", "Agency"} and row["type"] == "Agency"
