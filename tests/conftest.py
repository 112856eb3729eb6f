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
``bolt_server``
    a real embedded FalkorDB of the test's own, with a Bolt listener on a free
    loopback port (``bolt_server.bolt_port``). FalkorDB 4.16's Bolt endpoint
    fails the handshake of new connections once any connection has closed, so
    no Bolt server outlives one test.
``bolt_store``
    a :class:`~actorgraph.graph.neo4j_store.Neo4jStore` (the real ``neo4j``
    driver) on ``bolt_server``'s Bolt endpoint. Keep to this one driver; a test
    may make one further connection (e.g. one CLI call with ``--store bolt://``).
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
import os
import random
import socket
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from actorgraph.graph import embedded
from actorgraph.graph.falkordb_store import FalkorDBStore
from actorgraph.graph.models import Actor, Document, EventRelation, Extraction, Mention
from actorgraph.graph.neo4j_store import Neo4jStore
from actorgraph.graph.store import open_store

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _need(condition: bool, reason: str) -> None:
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI=true and {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def need() -> Callable[[bool, str], None]:
    """``need(condition, reason)``: skip locally, fail under CI=true."""
    return _need


def _free_bolt_port() -> int:
    """A free port FalkorDB accepts for Bolt (it ignores ports above 32767)."""
    for port in random.sample(range(20000, embedded.MAX_BOLT_PORT + 1), 200):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port for Bolt in 20000..32767")


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


@pytest.fixture
def bolt_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[embedded.ServerAddress]:
    """A real embedded FalkorDB with a Bolt port, for this test only."""
    home = tmp_path_factory.mktemp("bolt")
    address = embedded.start(home, bolt_port=_free_bolt_port())
    yield address
    embedded.stop(home)


@pytest.fixture
def bolt_store(bolt_server: embedded.ServerAddress) -> Iterator[Neo4jStore]:
    """The Neo4j backend through FalkorDB's Bolt endpoint, on an empty graph."""
    opened = open_store(f"bolt://127.0.0.1:{bolt_server.bolt_port}")
    assert isinstance(opened, Neo4jStore)
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
