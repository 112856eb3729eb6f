"""The client-side read-only check (``cypher.is_read_only``) the Neo4j backend applies."""

from __future__ import annotations

import pytest

from actorgraph.graph.cypher import is_read_only, neo4j_statements

READS = [
    "MATCH (a:Actor) RETURN a.name",
    "MATCH (a:Actor {name: 'SET'}) RETURN a.`CREATE`",
    'MATCH (a) WHERE a.evidence CONTAINS "DETACH DELETE" RETURN a',
    "MATCH (a) // CREATE (b)\nRETURN a",
    "MATCH (a) /* MERGE (x) */ RETURN a",
    "MATCH (a) RETURN a.set, a.delete, $create, {merge: 1} AS m",
    "MATCH (`SET`:Actor) RETURN `SET`.name",
    "MATCH (a:Actor) WHERE a.name = 'it''s' OR a.name = 'a\\'b MERGE' RETURN a",
    "CALL db.labels() YIELD label RETURN label",
    "CALL db.indexes()",
    "MATCH (a)-[r:MET_WITH]->(b) WITH a, count(r) AS n ORDER BY n DESC RETURN a.id, n",
    "UNWIND $ids AS id MATCH (a:Actor {id: id}) RETURN a",
    "MATCH (n:Settlement) RETURN n.created",
]

WRITES = [
    "CREATE (n:X)",
    "create (n:X)",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n) DELETE n",
    "MATCH (a:Actor) SET a.x = 1",
    "MATCH (a:Actor) SET a:Country",
    "MATCH (a:Actor) REMOVE a.name",
    "MERGE (a:Actor {id: 'x'})",
    "DROP INDEX actor_id",
    "LOAD CSV FROM 'file:///x.csv' AS row RETURN row",
    "MATCH (a) FOREACH (x IN [1] | SET a.y = x)",
    "CALL { MATCH (n) RETURN n } IN TRANSACTIONS OF 10 ROWS RETURN 1",
    "CALL db.idx.fulltext.createNodeIndex('Actor', 'name')",
    "CALL apoc.create.node(['X'], {})",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
    "CALL gds.pageRank.write('g', {})",
    "MATCH (a {name: 'SET'}) SET a.name = 'x'",
    "MATCH (a) RETURN a UNION MATCH (b) CREATE (c) RETURN c",
    "' WITH 1 AS x MATCH (n) DETACH DELETE n //",
]


@pytest.mark.parametrize("query", READS)
def test_reads_pass(query: str) -> None:
    assert is_read_only(query)


@pytest.mark.parametrize("query", WRITES)
def test_writes_are_caught(query: str) -> None:
    assert not is_read_only(query)


def test_every_write_statement_of_the_backend_is_caught() -> None:
    writes = [s for s in neo4j_statements() if "MERGE" in s or "CREATE" in s or "DELETE" in s]
    assert writes and not any(is_read_only(s) for s in writes)
