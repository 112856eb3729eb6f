"""The store interface: a small contract that each backend module implements.

Backends: ``actorgraph.graph.falkordb_store`` (embedded or external FalkorDB) and
``actorgraph.graph.neo4j_store`` (the official ``neo4j`` driver). Backend
imports stay inside their module; callers use :func:`open_store`.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from pydantic import BaseModel

from actorgraph.graph.errors import StoreUnavailable
from actorgraph.graph.models import Extraction

__all__ = ["DEFAULT_GRAPH", "Store", "WriteSummary", "open_store"]

DEFAULT_GRAPH = "actorgraph"
_FALKORDB_SCHEMES = frozenset({"redis", "rediss", "falkor", "falkors", "unix"})
_NEO4J_SCHEMES = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})


class WriteSummary(BaseModel):
    """What one :meth:`Store.write` call stored: its distinct documents,
    actors, relations and mentions, new or already present (after a write
    into an empty graph, what the graph holds)."""

    documents: int = 0
    actors: int = 0
    relations: int = 0
    mentions: int = 0

    def __add__(self, other: WriteSummary) -> WriteSummary:
        return WriteSummary(
            documents=self.documents + other.documents,
            actors=self.actors + other.actors,
            relations=self.relations + other.relations,
            mentions=self.mentions + other.mentions,
        )


class Store(ABC):
    """A graph store holding actors, documents and their relations.

    Rows come back as plain dicts of JSON-compatible values (nodes and
    relationships as property dicts), whatever the backend.
    """

    backend: str

    @abstractmethod
    def write(self, extractions: Iterable[Extraction]) -> WriteSummary:
        """Write extractions idempotently, in batches (writing them again
        changes nothing), and say what was stored.

        Raises ``StoreUnavailable`` if the store cannot be reached (what was
        written before stays), ``InvalidDocument`` for a value the store
        cannot hold."""

    @abstractmethod
    def read(
        self, cypher: str, params: Mapping[str, Any] | None = None
    ) -> Iterator[dict[str, Any]]:
        """Run a read-only query and stream its rows.

        Raises ``ReadOnlyViolation`` if the query would write, ``QueryError``
        if the store rejects it.
        """

    @abstractmethod
    def execute(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a query that may write and return its rows."""

    @abstractmethod
    def clear(self) -> None:
        """Delete every node and relationship of this graph."""

    @abstractmethod
    def close(self) -> None:
        """Release connections (an embedded server keeps running for other clients)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


# The password `make neo4j` gives its local server unless NEO4J_PASSWORD says otherwise
# (neo4j-server/server); a client without NEO4J_PASSWORD tries it.
LOCAL_NEO4J_PASSWORD = "actorgraph"


def open_store(
    uri: str | None = None,
    *,
    graph: str = DEFAULT_GRAPH,
    data_dir: Path | None = None,
) -> Store:
    """Open the store named by ``uri``.

    ``None`` (and no ``NEO4J_URI`` in the environment) means the embedded
    FalkorDB, started on demand under ``data_dir`` (default: ``$ACTORGRAPH_HOME``
    or the per-user data directory). ``redis://host:port`` is an external
    FalkorDB; ``bolt://``, ``neo4j://`` (and their ``+s``/``+ssc`` forms) go
    through the ``neo4j`` driver (user, password and database from
    ``NEO4J_USERNAME``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``; without them,
    user ``neo4j`` and the password ``make neo4j`` gives its local server; a
    ``graph`` other than the default names the database).

    Raises ``StoreUnavailable`` if the store cannot be reached or started.
    """
    uri = uri or os.environ.get("NEO4J_URI") or None
    scheme = uri.split("://", 1)[0].lower() if uri else None
    if scheme is None:
        from actorgraph.graph import embedded
        from actorgraph.graph.falkordb_store import FalkorDBStore

        address = embedded.start(data_dir)
        return FalkorDBStore(
            embedded.connect(address),
            graph,
            address=address.display,
            write_lock=Path(address.data_dir) / "write.lock",
        )
    if scheme in _FALKORDB_SCHEMES:
        import falkordb
        import redis

        from actorgraph.graph.falkordb_store import FalkorDBStore

        assert uri is not None
        try:
            client = falkordb.FalkorDB.from_url(uri)
        except ValueError as error:
            raise StoreUnavailable(f"bad FalkorDB address {uri!r}: {error}") from error
        except redis.exceptions.RedisError as error:
            # The client connects in its constructor, before FalkorDBStore can ping.
            raise StoreUnavailable(
                f"FalkorDB at {uri} is unreachable: {' '.join(str(error).split())}"
            ) from error
        return FalkorDBStore(client, graph, address=uri)
    if scheme in _NEO4J_SCHEMES:
        from actorgraph.graph.neo4j_store import Neo4jStore

        assert uri is not None
        database = graph if graph != DEFAULT_GRAPH else os.environ.get("NEO4J_DATABASE") or None
        return Neo4jStore(
            uri,
            user=os.environ.get("NEO4J_USERNAME", "neo4j"),
            password=os.environ.get("NEO4J_PASSWORD", LOCAL_NEO4J_PASSWORD),
            database=database,
        )
    raise StoreUnavailable(
        f"unknown store {uri!r}: use redis://host:port, bolt://host:port or neo4j://host:port"
    )
