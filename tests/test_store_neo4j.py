"""The Neo4j backend (the real ``neo4j`` driver) against FalkorDB's Bolt endpoint.

What FalkorDB 4.16's Bolt endpoint cannot do, and so is not tested here:
uniqueness constraints (the backend falls back to plain indexes, checked below),
database names (every session uses the graph ``falkordb``), and string
parameters containing ``'``, ``\\`` or NUL: the endpoint splices string
parameters into the query text unescaped, so ``'`` and ``\\`` give
``UnknownError`` and NUL truncates. The hostile-text test therefore uses the
characters the endpoint carries; the full set runs on the FalkorDB backend.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from actorgraph.graph import QueryError, ReadOnlyViolation
from actorgraph.graph.models import Actor, EventRelation, Extraction
from actorgraph.graph.neo4j_store import Neo4jStore

pytestmark = pytest.mark.bolt

CARRIED = ['say "hi"', "`tick` and ``double``", "line one\nline two", "MATCH (n) DETACH DELETE n"]


def counts(store: Neo4jStore) -> tuple[int, int]:
    nodes = next(store.read("MATCH (n) RETURN count(n) AS c"))["c"]
    edges = next(store.read("MATCH ()-[r]->() RETURN count(r) AS c"))["c"]
    return nodes, edges


def test_loading_twice_gives_the_same_counts(
    bolt_store: Neo4jStore, make_extraction: Callable[..., Extraction]
) -> None:
    extractions = [make_extraction(f"d{i}") for i in range(3)]
    summary = bolt_store.write(extractions)
    first = counts(bolt_store)
    bolt_store.write(extractions)
    assert counts(bolt_store) == first == (5, 9)
    assert summary.documents == 3 and summary.relations == 3
    assert bolt_store.schema == "indexes"  # FalkorDB's Bolt has no constraints


def test_properties_and_labels(
    bolt_store: Neo4jStore, make_extraction: Callable[..., Extraction]
) -> None:
    bolt_store.write(
        [make_extraction("d1", date="2024-03-01"), make_extraction("d2", date="2023-05")]
    )
    row = next(bolt_store.read("MATCH (a:Actor:Agency {id: $id}) RETURN a", {"id": "dhs"}))
    assert row["a"]["first_seen"] == "2023-05" and row["a"]["last_seen"] == "2024-03-01"
    edge = next(
        bolt_store.read(
            "MATCH (:Actor {id: 'dhs'})-[r:MET_WITH {doc: 'd1'}]->() RETURN r.cameo AS cameo"
        )
    )
    assert edge == {"cameo": "040"}


@pytest.mark.parametrize("text", CARRIED)
def test_text_is_stored_verbatim(
    bolt_store: Neo4jStore, make_extraction: Callable[..., Extraction], text: str
) -> None:
    bolt_store.write([make_extraction("d0")])
    before = counts(bolt_store)
    actor = Actor(id="odd", name=text, type="Person")
    other = Actor(id="italy", name="Italy", type="Country")
    relation = EventRelation(
        source="odd", target="italy", type="ACCUSED", doc="d1", evidence=text,
        start=0, end=1, cameo="111", confidence=0.5, rule="test",
    )  # fmt: skip
    bolt_store.write([make_extraction("d1", actors=[actor, other], relations=[relation])])
    row = next(
        bolt_store.read(
            "MATCH (a:Actor {id: 'odd'})-[r:ACCUSED]->() RETURN a.name AS n, r.evidence AS e"
        )
    )
    assert row == {"n": text, "e": text}
    assert counts(bolt_store) == (before[0] + 2, before[1] + 1)


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (n:X)",
        "MATCH (n) DETACH DELETE n",
        "MATCH (a:Actor) SET a.name = 'x'",
        "MERGE (n:X {id: 1}) RETURN n",
        "CALL db.idx.fulltext.createNodeIndex('Actor', 'name')",
    ],
)
def test_write_through_read_is_refused(
    bolt_store: Neo4jStore, make_extraction: Callable[..., Extraction], query: str
) -> None:
    bolt_store.write([make_extraction("d1")])
    before = counts(bolt_store)
    with pytest.raises(ReadOnlyViolation):
        bolt_store.read(query)
    assert counts(bolt_store) == before
    assert next(bolt_store.read("MATCH (a:Actor {id: 'dhs'}) RETURN a.name AS n"))["n"] != "x"


def test_execute_writes_and_errors_are_one_line(bolt_store: Neo4jStore) -> None:
    assert bolt_store.execute("CREATE (n:Document {id: $id}) RETURN n.id AS id", {"id": "x"}) == [
        {"id": "x"}
    ]
    with pytest.raises(QueryError) as caught:
        bolt_store.read("MATCH (n) RETURN n.x +")
    assert "\n" not in str(caught.value)
