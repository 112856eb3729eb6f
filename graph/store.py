"""The store interface: a small contract that each backend module implements.

Backends: ``actorgraph.graph.falkordb_store`` (embedded or external FalkorDB) and
``actorgraph.graph.neo4j_store`` (the official ``neo4j`` driver). Backend
imports stay inside their module; callers use :func:`open_store`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from pydantic import BaseModel

from actorgraph.graph.models import Extraction

__all__ = ["DEFAULT_GRAPH", "Store", "WriteSummary", "open_store"]

DEFAULT_GRAPH = "actorgraph"


class WriteSummary(BaseModel):
    """What one :meth:`Store.write` call sent to the store."""

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
        """Write extractions idempotently, in ``UNWIND $rows ... MERGE`` batches."""

    @abstractmethod
    def read(self, cypher: str, params: Mapping[str, Any] | None = None) -> Iterator[dict[str, Any]]:
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
    through the ``neo4j`` driver.
    """
    raise NotImplementedError("implemented by the store backends")
