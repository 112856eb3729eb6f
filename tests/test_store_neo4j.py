"""The Neo4j backend (the real ``neo4j`` driver) against a real Neo4j 5.26.

Server-side guarantees: the uniqueness constraints exist and hold, ``MERGE``
and the constraints alone keep concurrent and interrupted loads from
duplicating anything, the server refuses a write in a read transaction, any
text survives a round trip as a parameter, and a transient failure (a
deadlock) is retried by the managed transaction.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import neo4j
import neo4j.exceptions
import pytest
from load_samples import graph_fingerprint, write_samples
from local_neo4j import Neo4jServer

from actorgraph.graph import QueryError, ReadOnlyViolation, StoreUnavailable, cypher
from actorgraph.graph.models import Actor, EventRelation, Extraction
from actorgraph.graph.neo4j_store import Neo4jStore
from actorgraph.loaders.ingest import load_paths

pytestmark = pytest.mark.neo4j

ACTORGRAPH = str(Path(sys.executable).with_name("actorgraph"))

HOSTILE = {
    "quotes": 'O\'Brien "the" `tick` and ``double``',
    "backslashes": "C:\\temp\\ \\' \\\" \\u0060 \\\\",
    "dollar": "$rows $1 ${x} $$",
    "braces": "{}{{}} {id: 'x'} })",
    "nul": "nul\x00inside",
    "line separator": "one\u2028two\u2029three\nfour",
    "emoji": "é 😀 👩🏽‍💻 🇮🇹",
    "100 KB": "x" * 50_000 + "😀" + "'\\" * 25_000,
    "cypher": "' WITH 1 AS x MATCH (n) DETACH DELETE n //",
    "cypher in braces": "'}) MATCH (n) DETACH DELETE n //",
}


def counts(store: Neo4jStore) -> tuple[int, int]:
    nodes = next(store.read("MATCH (n) RETURN count(n) AS c"))["c"]
    edges = next(store.read("MATCH ()-[r]->() RETURN count(r) AS c"))["c"]
    return nodes, edges


def constraints(store: Neo4jStore) -> set[tuple[str, str, str]]:
    rows = store.read(
        "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
        "RETURN type, labelsOrTypes[0] AS label, properties[0] AS property"
    )
    return {(row["type"], row["label"], row["property"]) for row in rows}


def test_constraints_are_created_and_enforced(
    neo4j_store: Neo4jStore, make_extraction: Callable[..., Extraction]
) -> None:
    for name in ("actor_id", "document_id"):
        neo4j_store.execute(f"DROP CONSTRAINT {name} IF EXISTS")
    assert constraints(neo4j_store) == set()

    neo4j_store.write([make_extraction("d1")])
    assert constraints(neo4j_store) == {
        ("UNIQUENESS", "Actor", "id"),
        ("UNIQUENESS", "Document", "id"),
    }
    for statement in ("CREATE (:Actor {id: 'dhs'})", "CREATE (:Document {id: 'd1'})"):
        with pytest.raises(QueryError, match="already exists"):
            neo4j_store.execute(statement)
    assert counts(neo4j_store) == (3, 3)  # d1, dhs, italy; MET_WITH and two MENTIONS


def test_loading_twice_changes_nothing(
    neo4j_store: Neo4jStore, make_extraction: Callable[..., Extraction]
) -> None:
    extractions = [make_extraction(f"d{i}") for i in range(3)]
    summary = neo4j_store.write(extractions)
    first = graph_fingerprint(neo4j_store)
    neo4j_store.write(extractions)
    assert graph_fingerprint(neo4j_store) == first
    assert counts(neo4j_store) == (5, 9)  # 3 documents + 2 actors; 3 MET_WITH + 6 MENTIONS
    assert summary.documents == 3 and summary.relations == 3


def test_properties_and_labels(
    neo4j_store: Neo4jStore, make_extraction: Callable[..., Extraction]
) -> None:
    neo4j_store.write(
        [make_extraction("d1", date="2024-03-01"), make_extraction("d2", date="2023-05")]
    )
    row = next(neo4j_store.read("MATCH (a:Actor:Agency {id: $id}) RETURN a", {"id": "dhs"}))
    assert row["a"]["first_seen"] == "2023-05" and row["a"]["last_seen"] == "2024-03-01"
    edge = next(
        neo4j_store.read(
            "MATCH (:Actor {id: 'dhs'})-[r:MET_WITH {doc: 'd1'}]->() RETURN r.cameo AS cameo"
        )
    )
    assert edge == {"cameo": "040"}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_text_round_trips(
    neo4j_store: Neo4jStore, make_extraction: Callable[..., Extraction], text: str
) -> None:
    neo4j_store.write([make_extraction("d0")])
    before = counts(neo4j_store)
    actor = Actor(id="odd", name=text, type="Person", aliases=[text])
    other = Actor(id="italy", name="Italy", type="Country")
    relation = EventRelation(
        source="odd", target="italy", type="ACCUSED", doc="d1", evidence=text,
        start=0, end=1, cameo="111", confidence=0.5, rule=text,
    )  # fmt: skip
    neo4j_store.write([make_extraction("d1", actors=[actor, other], relations=[relation])])
    row = next(
        neo4j_store.read(
            "MATCH (a:Actor {id: 'odd'})-[r:ACCUSED]->() "
            "RETURN a.name AS name, a.aliases AS aliases, r.evidence AS evidence, r.rule AS rule"
        )
    )
    assert row == {"name": text, "aliases": [text], "evidence": text, "rule": text}
    assert counts(neo4j_store) == (before[0] + 2, before[1] + 1)  # d1 and odd; italy reused
    found = neo4j_store.read(
        "MATCH (a:Actor) WHERE a.name = $name RETURN a.id AS id", {"name": text}
    )
    assert list(found) == [{"id": "odd"}]


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (n:X)",
        "MATCH (n) DETACH DELETE n",
        "MATCH (a:Actor) SET a.name = 'x'",
        "MERGE (n:X {id: 1}) RETURN n",
        "CALL db.createLabel('X')",
    ],
)
def test_the_server_refuses_a_write_in_a_read(
    neo4j_store: Neo4jStore,
    make_extraction: Callable[..., Extraction],
    monkeypatch: pytest.MonkeyPatch,
    query: str,
) -> None:
    neo4j_store.write([make_extraction("d1")])
    before = graph_fingerprint(neo4j_store)
    with pytest.raises(ReadOnlyViolation):
        neo4j_store.read(query)  # refused by our lexical check, never sent
    # Were our check to miss it, the server's read access mode refuses it.
    monkeypatch.setattr(cypher, "is_read_only", lambda _text: True)
    with pytest.raises(ReadOnlyViolation) as caught:
        neo4j_store.read(query)
    assert isinstance(caught.value.__cause__, neo4j.exceptions.ClientError)
    assert caught.value.__cause__.code == "Neo.ClientError.Statement.AccessMode"
    assert graph_fingerprint(neo4j_store) == before
    labels = next(neo4j_store.read("CALL db.labels() YIELD label RETURN collect(label) AS l"))
    assert "X" not in labels["l"]


def test_execute_writes_and_errors_are_one_line(neo4j_store: Neo4jStore) -> None:
    assert neo4j_store.execute("CREATE (n:Document {id: $id}) RETURN n.id AS id", {"id": "x"}) == [
        {"id": "x"}
    ]
    with pytest.raises(QueryError) as caught:
        neo4j_store.read("MATCH (n) RETURN n.x +")
    assert "\n" not in str(caught.value)


def test_a_refused_login_says_what_to_set(neo4j_server: Neo4jServer) -> None:
    # Another user than neo4j: Neo4j locks a user out for 5 s after 3 failed logins.
    with pytest.raises(StoreUnavailable, match=r"refused user 'nobody'.*NEO4J_PASSWORD"):
        Neo4jStore(neo4j_server.uri, user="nobody", password="wrong")


def test_a_deadlocked_write_is_retried(
    neo4j_store: Neo4jStore, neo4j_server: Neo4jServer, caplog: pytest.LogCaptureFixture
) -> None:
    """Another client holds x; our write takes y and waits for x; the other
    client then asks for y. Neo4j aborts the younger transaction, ours, with a
    transient DeadlockDetected, and the managed transaction runs it again."""
    neo4j_store.execute("CREATE (:Lock {id: 'x'}), (:Lock {id: 'y'})")
    outcome: dict[str, Any] = {}

    def ours() -> None:
        try:
            outcome["rows"] = neo4j_store.execute(
                "MATCH (y:Lock {id: 'y'}) SET y.by = 'store' "
                "WITH y MATCH (x:Lock {id: 'x'}) SET x.by = 'store' RETURN x.by AS by"
            )
        except Exception as error:  # reported by the assertion below
            outcome["error"] = error

    def blocked(session: neo4j.Session) -> bool:
        row = session.run("SHOW TRANSACTIONS YIELD status RETURN collect(status) AS s").single()
        return row is not None and any(status.startswith("Blocked") for status in row["s"])

    caplog.set_level(logging.WARNING, logger="neo4j")
    auth = (neo4j_server.user, neo4j_server.password)
    thread = threading.Thread(target=ours)
    with neo4j.GraphDatabase.driver(neo4j_server.uri, auth=auth) as other:
        with other.session() as session, other.session() as watcher:
            tx = session.begin_transaction()
            tx.run("MATCH (x:Lock {id: 'x'}) SET x.by = 'other'").consume()
            thread.start()
            deadline = time.monotonic() + 30
            while not blocked(watcher):
                assert time.monotonic() < deadline, "our write never waited for x"
                time.sleep(0.05)
            tx.run("MATCH (y:Lock {id: 'y'}) SET y.by = 'other'").consume()
            tx.commit()
        thread.join(timeout=120)

    assert "error" not in outcome, outcome
    assert outcome["rows"] == [{"by": "store"}]
    retried = [r.getMessage() for r in caplog.records if "will be retried" in r.getMessage()]
    assert len(retried) >= 1 and "DeadlockDetected" in retried[0], retried
    row = next(neo4j_store.read("MATCH (y:Lock {id: 'y'}) RETURN y.by AS by"))
    assert row == {"by": "store"}  # ours ran again after the other client committed


# --- real `actorgraph load` processes ------------------------------------------


def _env(server: Neo4jServer) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "ACTORGRAPH_"))}
    return {**env, **server.env()}


def _load(server: Neo4jServer, source: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [ACTORGRAPH, "load", "--quiet", str(source)],
        env=_env(server),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _count(store: Neo4jStore, cypher_text: str) -> int:
    return int(next(store.read(cypher_text))["n"])


def _clean_load(store: Neo4jStore, source: Path) -> dict[str, list[Any]]:
    store.clear()
    assert load_paths(store, [source]).outcome == "complete"
    return graph_fingerprint(store)


@pytest.mark.slow
def test_four_concurrent_loads_leave_no_duplicates(
    neo4j_store: Neo4jStore, neo4j_server: Neo4jServer, tmp_path: Path
) -> None:
    source = write_samples(tmp_path / "docs.jsonl", 3000)
    loads = [_load(neo4j_server, source) for _ in range(4)]
    for process in loads:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
        assert "Loaded 3000 extractions" in out

    assert _count(neo4j_store, "MATCH (d:Document) RETURN count(d) AS n") == 3000
    assert _count(neo4j_store, "MATCH (a:Actor) RETURN count(a) AS n") == 40
    assert _count(neo4j_store, "MATCH ()-[r:MET_WITH]->() RETURN count(r) AS n") == 3000
    twice = neo4j_store.read(
        "MATCH (s)-[r]->(t) WITH s, type(r) AS type, t, r.doc AS doc, r.start AS start, "
        "r.source AS origin, count(*) AS n WHERE n > 1 RETURN count(*) AS n"
    )
    assert next(twice)["n"] == 0
    raced = graph_fingerprint(neo4j_store)
    assert raced == _clean_load(neo4j_store, source)


@pytest.mark.slow
def test_load_killed_halfway_then_rerun_matches_a_clean_load(
    neo4j_store: Neo4jStore, neo4j_server: Neo4jServer, tmp_path: Path
) -> None:
    total = 10_000  # two batches of 50,000 rows: the kill lands after the first
    source = write_samples(tmp_path / "big.jsonl", total)
    victim = _load(neo4j_server, source)
    deadline = time.monotonic() + 300
    while victim.poll() is None and time.monotonic() < deadline:
        if _count(neo4j_store, "MATCH (d:Document) RETURN count(d) AS n") >= total * 3 // 10:
            victim.send_signal(signal.SIGKILL)
            break
        time.sleep(0.05)
    victim.wait(timeout=60)
    assert victim.returncode == -signal.SIGKILL, "the load finished before it could be killed"
    after_kill = _count(neo4j_store, "MATCH (d:Document) RETURN count(d) AS n")
    assert 0 < after_kill < total, "the kill must land halfway"

    rerun = _load(neo4j_server, source)
    assert rerun.wait(timeout=600) == 0, rerun.communicate()[1]
    assert _count(neo4j_store, "MATCH (d:Document) RETURN count(d) AS n") == total
    resumed = graph_fingerprint(neo4j_store)
    assert resumed == _clean_load(neo4j_store, source)


def test_a_client_without_a_password_uses_the_one_make_neo4j_gives() -> None:
    import re
    from pathlib import Path

    from actorgraph.graph.store import LOCAL_NEO4J_PASSWORD

    script = (Path(__file__).parents[1] / "neo4j-server" / "server").read_text("utf-8")
    defaults = set(re.findall(r"\$\{NEO4J_PASSWORD:-([^}]+)\}", script))
    assert defaults == {LOCAL_NEO4J_PASSWORD}
