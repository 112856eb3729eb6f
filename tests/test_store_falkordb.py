"""The FalkorDB backend against the real embedded server."""

from __future__ import annotations

import fcntl
import gc
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from actorgraph.graph import (
    InvalidDocument,
    QueryError,
    ReadOnlyViolation,
    StoreUnavailable,
    compact,
    cypher,
    open_store,
)
from actorgraph.graph.embedded import ServerAddress, connect
from actorgraph.graph.falkordb_store import FalkorDBStore, rows_header
from actorgraph.graph.models import Actor, EventRelation, Extraction, StructuralRelation
from actorgraph.graph.rows import batches
from actorgraph.graph.text import decode_text, encode_text

HOSTILE = [
    'O\'Brien "the" `tick`',
    "\\u0060",
    "line one\nline two",
    "nul\x00inside",
    "' WITH 1 AS x MATCH (n) DETACH DELETE n //",
    "private \ue000 use \ue0000",
    "controls \x01\x1f\r\t\b\f end",
    "literal \\u0000 and \\\\ and é 😀",
]


def counts(store: FalkorDBStore) -> tuple[int, int]:
    nodes = next(store.read("MATCH (n) RETURN count(n) AS c"))["c"]
    edges = next(store.read("MATCH ()-[r]->() RETURN count(r) AS c"))["c"]
    return nodes, edges


def test_loading_twice_gives_the_same_counts(
    store: FalkorDBStore, make_extraction: Callable[..., Extraction]
) -> None:
    extractions = [make_extraction(f"d{i}") for i in range(3)]
    first = store.write(extractions)
    after_first = counts(store)
    store.write(extractions)
    assert counts(store) == after_first
    # 3 documents + 2 actors; 3 MET_WITH + 6 MENTIONS
    assert after_first == (5, 9)
    assert first.documents == 3 and first.actors == 2 and first.relations == 3


def test_actor_properties_merge(
    store: FalkorDBStore, make_extraction: Callable[..., Extraction]
) -> None:
    store.write([make_extraction("d1", date="2024-03-01"), make_extraction("d2", date="2023-05")])
    dhs = next(store.read("MATCH (a:Actor:Agency {id: 'dhs'}) RETURN a, labels(a) AS labels"))
    assert set(dhs["labels"]) == {"Actor", "Agency"}
    assert dhs["a"]["first_seen"] == "2023-05"
    assert dhs["a"]["last_seen"] == "2024-03-01"
    assert set(dhs["a"]["aliases"]) == {"Department of Homeland Security", "DHS"}
    mentions = next(
        store.read("MATCH (:Document {id: 'd1'})-[m:MENTIONS]->(:Actor {id: 'dhs'}) RETURN m")
    )
    assert mentions["m"]["count"] == 1


def test_actor_type_change_replaces_the_type_label(
    store: FalkorDBStore, make_extraction: Callable[..., Extraction]
) -> None:
    store.write([make_extraction("d1")])
    renamed = Actor(id="dhs", name="DHS", type="Organization", aliases=["Homeland"])
    store.write([make_extraction("d2", actors=[renamed], relations=[])])
    row = next(
        store.read("MATCH (a:Actor {id: 'dhs'}) RETURN labels(a) AS labels, a.aliases AS aliases")
    )
    assert set(row["labels"]) == {"Actor", "Organization"}
    assert set(row["aliases"]) == {"Department of Homeland Security", "DHS", "Homeland"}


def test_a_batch_of_new_and_stored_documents_matches_a_clean_load(
    store: FalkorDBStore, make_extraction: Callable[..., Extraction]
) -> None:
    # d1 is stored first, so the second write creates d2's nodes and edges
    # and merges d1's, in the same batch.
    store.write([make_extraction("d1")])
    store.write([make_extraction("d1"), make_extraction("d2")])
    mixed = counts(store)
    store.clear()
    store.write([make_extraction("d1"), make_extraction("d2")])
    assert counts(store) == mixed == (4, 6)


def test_merging_an_edge_keeps_what_the_new_row_lacks(
    store: FalkorDBStore, make_extraction: Callable[..., Extraction]
) -> None:
    store.write([make_extraction("d1", date="2024-03-01")])
    store.write([make_extraction("d1", date=None)])
    row = next(store.read("MATCH ()-[r:MET_WITH]->() RETURN count(r) AS n, max(r.date) AS date"))
    assert row == {"n": 1, "date": "2024-03-01"}


def test_a_stale_guess_of_new_documents_is_corrected_under_the_lock(
    store: FalkorDBStore, make_extraction: Callable[..., Extraction]
) -> None:
    # As if another writer stored d1 between the guess and the write: its
    # edges, prepared as created, must be merged.
    extraction = make_extraction("d1")
    store.write([extraction])
    before = counts(store)
    batch = next(batches([extraction]))
    store._write_batch(batch, store._prepare(batch, frozenset({"d1"})))
    assert counts(store) == before


def test_a_document_repeated_in_a_fresh_load_is_written_once(
    store: FalkorDBStore, make_extraction: Callable[..., Extraction]
) -> None:
    # One extraction a batch, into a graph that exists: d1 is created by the
    # first batch and must be found stored by the fourth.
    store.write([make_extraction("d0")])
    store.batch_rows = 2
    store.write([make_extraction(doc) for doc in ("d1", "d2", "d3", "d1")])
    repeated = counts(store)
    store.clear()
    store.write([make_extraction(doc) for doc in ("d0", "d1", "d2", "d3")])
    assert counts(store) == repeated == (6, 12)


def test_a_compact_statement_writes_nothing_if_an_actor_is_missing(
    store: FalkorDBStore, make_extraction: Callable[..., Extraction]
) -> None:
    store.write([make_extraction("d1")])
    before = counts(store)
    group = cypher.CompactGroup("MET_WITH", "event")
    row = [0, 1, "d9", None, "x", 0, 1, None, "040", None, "asserted", 1.0, "test"]
    result = store._send(
        cypher.compact_relations([group]), {"actors": ["italy", "gone", "dhs"], "rows0": [row]}
    )
    assert result.result_set == [[0]]
    assert counts(store) == before


def test_a_write_leaves_the_interpreter_alone(
    store: FalkorDBStore, make_extraction: Callable[..., Extraction]
) -> None:
    # The cyclic collector and the switch interval belong to the host process
    # (a notebook's included): a write, new graph or existing, never changes them.
    interval = sys.getswitchinterval()
    seen = []

    def watched(docs: list[str]) -> Iterator[Extraction]:
        for doc in docs:
            seen.append((gc.isenabled(), sys.getswitchinterval()))
            yield make_extraction(doc)

    store.batch_rows = 2
    store.write(watched(["d1", "d2"]))
    store.write(watched(["d3", "d4", "d5"]))
    assert seen == [(True, interval)] * 5


def test_a_write_query_waits_for_the_write_lock(store: FalkorDBStore) -> None:
    # A load holds the lock between looking its nodes up and writing them.
    assert store._write_lock is not None
    done = threading.Event()
    with store._write_lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        writer = threading.Thread(target=lambda: (store.execute("CREATE (:Probe)"), done.set()))
        writer.start()
        assert not done.wait(0.5)
        fcntl.flock(handle, fcntl.LOCK_UN)
    assert done.wait(10)
    writer.join()
    assert next(store.read("MATCH (n:Probe) RETURN count(n) AS c"))["c"] == 1


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_stored_verbatim(
    store: FalkorDBStore, make_extraction: Callable[..., Extraction], text: str
) -> None:
    store.write([make_extraction("d0")])
    before = counts(store)
    actor = Actor(id="odd", name=text, type="Person", aliases=[text])
    other = Actor(id="italy", name="Italy", type="Country")
    relation = EventRelation(
        source="odd", target="italy", type="ACCUSED", doc="d1", evidence=text,
        start=0, end=1, cameo="111", confidence=0.5, rule=text,
    )  # fmt: skip
    store.write([make_extraction("d1", actors=[actor, other], relations=[relation])])
    row = next(
        store.read(
            "MATCH (a:Actor {id: 'odd'})-[r:ACCUSED]->() "
            "RETURN a.name AS name, a.aliases AS aliases, r.evidence AS evidence, r.rule AS rule"
        )
    )
    assert row == {"name": text, "aliases": [text], "evidence": text, "rule": text}
    # Nothing else changed: one more document, one more actor, one more event edge.
    assert counts(store) == (before[0] + 2, before[1] + 1)  # d1 and odd; italy reused
    found = next(
        store.read("MATCH (a:Actor) WHERE a.name = $name RETURN a.id AS id", {"name": text})
    )
    assert found == {"id": "odd"}


def test_nul_mapping_round_trips() -> None:
    for text in HOSTILE:
        assert decode_text(encode_text(text)) == text
        assert "\x00" not in encode_text(text)


def test_fast_header_matches_the_mapping_or_declines() -> None:
    assert rows_header({"rows": [{"a": "x\x00y", "end": None}]}) == (
        'CYPHER rows=[{`a`:"x\ue0000y",`end`:null}] '
    )
    # Each parameter's own map keys, when the caller does not list them.
    assert rows_header({"ids": ["a"], "rows": [{"b": 1}]}) == 'CYPHER ids=["a"] rows=[{`b`:1}] '
    assert rows_header({"rows": ["\x01"]}) is None  # left to the client's serialiser
    with pytest.raises(InvalidDocument):
        rows_header({"rows": [2**70]})  # wider than 64 bits


def test_write_through_read_is_refused(
    store: FalkorDBStore, make_extraction: Callable[..., Extraction]
) -> None:
    store.write([make_extraction("d1")])
    before = counts(store)
    with pytest.raises(ReadOnlyViolation):
        store.read("CREATE (n:X)")
    with pytest.raises(ReadOnlyViolation):
        store.read("MATCH (n) DETACH DELETE n")
    assert counts(store) == before


def test_syntax_error_is_a_one_line_query_error(store: FalkorDBStore) -> None:
    with pytest.raises(QueryError) as caught:
        store.read("MATCH (n) RETURN n.x +")
    assert "\n" not in str(caught.value)


def test_structural_edges(store: FalkorDBStore, make_extraction: Callable[..., Extraction]) -> None:
    registry = StructuralRelation(source="dhs", target="italy", type="PART_OF", origin="registry")
    from_text = StructuralRelation(
        source="dhs", target="italy", type="PART_OF", evidence="x", start=0, end=1
    )
    store.write([make_extraction("d1", relations=[registry, from_text])])
    store.write([make_extraction("d2", relations=[registry, from_text])])
    rows = list(
        store.read("MATCH ()-[r:PART_OF]->() RETURN r.source AS source, r.doc AS doc ORDER BY doc")
    )
    assert rows == [
        {"source": "document", "doc": "d1"},
        {"source": "document", "doc": "d2"},
        {"source": "registry", "doc": None},
    ]


def test_named_graphs_are_separate(
    store: FalkorDBStore,
    store_home: Path,
    store_server: ServerAddress,
    make_extraction: Callable[..., Extraction],
) -> None:
    store.write([make_extraction("d1")])
    name = f"{store.graph}_other"
    try:
        with open_store(graph=name, data_dir=store_home) as other:
            assert list(other.read("MATCH (n) RETURN count(n) AS c")) == [{"c": 0}]
            other.write([make_extraction("d8"), make_extraction("d9")])
            assert counts(other) == (4, 6)
            assert counts(store) == (3, 3)
    finally:
        connect(store_server).select_graph(name).delete()


def test_paths_and_nodes_are_plain(
    store: FalkorDBStore, make_extraction: Callable[..., Extraction]
) -> None:
    store.write([make_extraction("d1")])
    row = next(store.read("MATCH p = (:Actor {id: 'dhs'})-[:MET_WITH]->(:Actor) RETURN p"))
    assert [node["id"] for node in row["p"]["nodes"]] == ["dhs", "italy"]
    assert row["p"]["relationships"][0]["doc"] == "d1"


def test_an_external_server_is_reached_by_url(
    store: FalkorDBStore, store_server: ServerAddress, make_extraction: Callable[..., Extraction]
) -> None:
    store.write([make_extraction("d1")])
    with open_store(f"unix://{store_server.unix_socket}", graph=store.graph) as external:
        assert isinstance(external, FalkorDBStore)
        assert counts(external) == counts(store) == (3, 3)


@pytest.mark.parametrize("uri", ["redis://127.0.0.1:1", "ftp://example"])
def test_unreachable_or_unknown_stores_are_store_unavailable(uri: str) -> None:
    with pytest.raises(StoreUnavailable) as caught:
        open_store(uri)
    assert "\n" not in str(caught.value)


def test_actors_stored_as_a_batch_names_them_are_not_written_again(
    store: FalkorDBStore, make_extraction: Callable[..., Extraction]
) -> None:
    store.write([make_extraction("d1", date="2024-03-01")])
    same, later, renamed = (
        make_extraction("d2", date="2024-03-01"),
        make_extraction("d3", date="2025-01-01"),
        make_extraction(
            "d4", actors=[Actor(id="dhs", name="DHS", type="Agency"), *make_extraction().actors[1:]]
        ),
    )
    found = []
    for extraction in (same, later, renamed):
        (batch,) = batches([extraction])
        stored, new_docs = store._stored(batch, compact.actor_rows(batch))
        found.append((stored, batch.unchanged, new_docs))
    assert found[0] == ({}, {"dhs", "italy"}, {"d2"})
    assert found[1] == ({"dhs": True, "italy": True}, set(), {"d3"})  # last_seen widens
    assert found[2] == ({"dhs": True}, {"italy"}, {"d4"})  # a new name


def test_text_that_is_not_unicode_is_an_invalid_document_on_both_paths(
    store: FalkorDBStore, make_extraction: Callable[..., Extraction]
) -> None:
    broken = make_extraction("d1", evidence="a lone \ud800 surrogate")
    with pytest.raises(InvalidDocument):
        store.write([broken])  # a new graph, in bulk: nothing is sent
    assert not store._client.connection.exists(store.graph)
    store.write([make_extraction("d0")])
    with pytest.raises(InvalidDocument):
        store.write([broken])  # the compact statements
    assert counts(store) == (3, 3)
