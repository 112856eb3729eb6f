"""Shared fixtures: one real embedded FalkorDB for the whole session.

Fixtures (names are stable; other test files rely on them):

``store_server``
    session; the :class:`~actorgraph.graph.embedded.ServerAddress` of ONE real
    embedded FalkorDB started in a temporary data dir. Stopped at teardown.
``store_home``
    session; that server's data dir (a ``Path``). For CLI tests:
    ``ACTORGRAPH_HOME=store_home`` plus ``--graph store.graph``.
``store``
    a :class:`~actorgraph.graph.falkordb_store.FalkorDBStore` on a graph of its
    own (``store.graph`` is its unique name), deleted after the test.
``neo4j_server``
    session; a :class:`local_neo4j.Neo4jServer`: ONE real Neo4j 5.26
    Community started from ``neo4j-server/`` (``make neo4j-lib`` resolves its
    jars) in a temporary data dir on a free loopback port. The session FAILS
    (never skips) when it cannot start. Stopped at teardown.
``neo4j_store``
    a :class:`~actorgraph.graph.neo4j_store.Neo4jStore` (the real ``neo4j``
    driver) on that server's one database, emptied before the test (Community
    has a single user database, so Neo4j tests share it one at a time).
``make_extraction``
    a factory: ``make_extraction(doc_id="d1", actors=..., relations=...)``
    builds a valid :class:`~actorgraph.graph.models.Extraction` (defaults: two
    actors, ``dhs`` and ``italy``, and one ``MET_WITH`` between them).
``need``
    ``need(condition, reason)``: skip when a tool is missing, but FAIL under
    ``CI=true`` (CI must never skip).
"""

from __future__ import annotations

import contextlib
import subprocess
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import local_neo4j
import pytest
import redis

from actorgraph.graph import embedded
from actorgraph.graph.falkordb_store import FalkorDBStore
from actorgraph.graph.models import Actor, Document, EventRelation, Extraction, Mention
from actorgraph.graph.neo4j_store import Neo4jStore
from actorgraph.graph.store import open_store


def _need(condition: bool, reason: str) -> None:
    if condition:
        return
    # `make test` installs and starts everything; a missing piece is a failure.
    pytest.fail(reason)


@pytest.fixture(scope="session")
def need() -> Callable[[bool, str], None]:
    """``need(condition, reason)``: skip locally, fail under CI=true."""
    return _need


@pytest.fixture(scope="session")
def store_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session server's data dir (short, so the unix socket fits)."""
    return tmp_path_factory.mktemp("store")


@pytest.fixture(scope="session")
def store_server(store_home: Path) -> Iterator[embedded.ServerAddress]:
    """ONE real embedded FalkorDB for the whole session."""
    address = embedded.start(store_home)
    yield address
    embedded.stop(store_home)


@pytest.fixture
def store(store_server: embedded.ServerAddress, store_home: Path) -> Iterator[FalkorDBStore]:
    """A FalkorDB store on a fresh graph of its own, deleted afterwards."""
    graph = f"test_{uuid.uuid4().hex[:12]}"
    opened = open_store(graph=graph, data_dir=store_home)
    assert isinstance(opened, FalkorDBStore)
    yield opened
    # A test that never wrote leaves no graph key, and deleting it is an error.
    with contextlib.suppress(redis.exceptions.ResponseError):
        embedded.connect(store_server).select_graph(graph).delete()
    opened.close()


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[local_neo4j.Neo4jServer]:
    """ONE real Neo4j for the whole session; a failure to start fails the tests."""
    try:
        server = local_neo4j.start(tmp_path_factory.mktemp("neo4j"))
    except (RuntimeError, OSError, subprocess.TimeoutExpired) as error:
        pytest.fail(f"the Neo4j tests need a Neo4j server: {error}")
    yield server
    local_neo4j.stop(server)


@pytest.fixture
def neo4j_store(neo4j_server: local_neo4j.Neo4jServer) -> Iterator[Neo4jStore]:
    """The Neo4j backend on the session's server, emptied first."""
    opened = Neo4jStore(neo4j_server.uri, user=neo4j_server.user, password=neo4j_server.password)
    opened.clear()
    yield opened
    opened.close()


def _extraction(
    doc_id: str = "d1",
    *,
    actors: list[Actor] | None = None,
    relations: list[Any] | None = None,
    date: str | None = "2024-03-01",
    evidence: str = "DHS met Italian officials.",
) -> Extraction:
    if actors is None:
        actors = [
            Actor(
                id="dhs",
                name="Department of Homeland Security",
                type="Agency",
                aliases=["DHS"],
                country="US",
                mentions=[Mention(text="DHS", start=0, end=3)],
            ),
            Actor(
                id="italy",
                name="Italy",
                type="Country",
                country="IT",
                mentions=[Mention(text="Italian", start=8, end=15)],
            ),
        ]
    if relations is None:
        relations = [
            EventRelation(
                source="dhs",
                target="italy",
                type="MET_WITH",
                doc=doc_id,
                date=date,
                evidence=evidence,
                start=0,
                end=len(evidence),
                lang="en",
                cameo="040",
                plover="CONSULT",
                confidence=0.9,
                rule="test",
            )
        ]
    document = Document(
        id=doc_id, path=f"{doc_id}.txt", title=f"Title {doc_id}", date=date, lang="en"
    )
    return Extraction(document=document, actors=actors, relations=relations)


@pytest.fixture
def make_extraction() -> Callable[..., Extraction]:
    """Factory for valid extractions; see ``_extraction`` for its parameters."""
    return _extraction
