"""The Neo4j backend, through the official ``neo4j`` driver.

Writes run in managed write transactions (``execute_write``), reads in managed
read transactions (``execute_read``): the driver retries transient failures
(deadlocks between concurrent loads, a leader switch) with backoff. Neo4j
refuses a write inside a read transaction by itself; :meth:`Neo4jStore.read`
also refuses any query that :func:`actorgraph.graph.cypher.is_read_only` flags
before sending it, so the same query is refused the same way on every backend.

Uniqueness constraints on ``Actor.id`` and ``Document.id`` are created before
the first write; with them, ``MERGE`` alone keeps concurrent loads from
duplicating a node (and Neo4j locks both ends of a relationship it merges), so
this backend needs no lock of its own.

Tested against Neo4j 5.26 Community (``make neo4j`` starts one).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import neo4j
import neo4j.exceptions
import neo4j.graph
import neo4j.time
from pydantic import BaseModel, ConfigDict, SecretStr

from actorgraph.graph import cypher
from actorgraph.graph.errors import QueryError, ReadOnlyViolation, StoreUnavailable
from actorgraph.graph.models import Extraction
from actorgraph.graph.rows import DEFAULT_BATCH_ROWS, batches
from actorgraph.graph.store import Store, WriteSummary

__all__ = ["Neo4jConnection", "Neo4jStore"]


def _plain(value: Any) -> Any:
    """A driver value as JSON-compatible Python (the same shapes as FalkorDB's)."""
    if isinstance(value, neo4j.graph.Node | neo4j.graph.Relationship):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, neo4j.graph.Path):
        return {
            "nodes": [_plain(node) for node in value.nodes],
            "relationships": [_plain(rel) for rel in value.relationships],
        }
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime | neo4j.time.Time):
        return value.iso_format()
    return value


def _one_line(error: Exception) -> str:
    message = getattr(error, "message", None) or str(error)
    return " ".join(str(message).split())


class Neo4jConnection(BaseModel):
    """Where a Neo4j database is and how to log in: what another process (a
    cluster worker) needs to open the same store. The password stays out of
    reprs and logs."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    uri: str
    user: str = "neo4j"
    password: SecretStr = SecretStr("")
    database: str | None = None

    def open(self) -> Neo4jStore:
        """Connect; ``StoreUnavailable`` if the server cannot be reached or refuses the login."""
        return Neo4jStore(
            self.uri,
            user=self.user,
            password=self.password.get_secret_value(),
            database=self.database,
        )


class Neo4jStore(Store):
    """A Neo4j 5 database reached with the ``neo4j`` driver."""

    backend = "neo4j"

    def __init__(
        self,
        uri: str,
        *,
        user: str = "neo4j",
        password: str = "",
        database: str | None = None,
        batch_rows: int = DEFAULT_BATCH_ROWS,
    ) -> None:
        self.address = uri
        self.database = database
        self.connection = Neo4jConnection(
            uri=uri, user=user, password=SecretStr(password), database=database
        )
        self.batch_rows = batch_rows
        self._schema_ready = False
        try:
            # Notifications (an unknown label in a read, say) are not errors;
            # the driver would log each one to stderr.
            self._driver = neo4j.GraphDatabase.driver(
                uri, auth=(user, password), notifications_min_severity="OFF"
            )
            self._driver.verify_connectivity()
        except neo4j.exceptions.AuthError as error:
            raise StoreUnavailable(
                f"Neo4j at {uri} refused user {user!r}: {_one_line(error)} "
                "(set NEO4J_USERNAME and NEO4J_PASSWORD)"
            ) from error
        except (neo4j.exceptions.DriverError, neo4j.exceptions.Neo4jError, ValueError) as error:
            raise StoreUnavailable(f"Neo4j at {uri} is unreachable: {_one_line(error)}") from error

    def _transaction(
        self, statement: str, params: Mapping[str, Any] | None, *, read_only: bool
    ) -> list[dict[str, Any]]:
        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            result = tx.run(statement, dict(params or {}))
            return [{key: _plain(value) for key, value in record.items()} for record in result]

        try:
            with self._driver.session(database=self.database) as session:
                if read_only:
                    return session.execute_read(work)
                return session.execute_write(work)
        except neo4j.exceptions.Neo4jError as error:
            if error.code and ".Statement.AccessMode" in error.code:
                raise ReadOnlyViolation(
                    "this query writes; it was refused and nothing changed"
                ) from error
            raise QueryError(_one_line(error)) from error
        except neo4j.exceptions.DriverError as error:
            raise StoreUnavailable(
                f"Neo4j at {self.address} is unreachable: {_one_line(error)}"
            ) from error

    def ensure_schema(self) -> None:
        """Create the uniqueness constraints (once per store; ``IF NOT EXISTS``)."""
        if self._schema_ready:
            return
        for statement in cypher.NEO4J_SCHEMA:
            self._transaction(statement, None, read_only=False)
        self._schema_ready = True

    def write(self, extractions: Iterable[Extraction]) -> WriteSummary:
        """Write extractions idempotently, one managed transaction per statement batch."""
        self.ensure_schema()
        summary = WriteSummary()
        for batch in batches(extractions, self.batch_rows):
            for statement, rows in batch.statements(self.batch_rows):
                self._transaction(statement, {"rows": rows}, read_only=False)
            summary += batch.summary
        return summary

    def read(
        self, cypher_text: str, params: Mapping[str, Any] | None = None
    ) -> Iterator[dict[str, Any]]:
        """Run a read-only query in a read transaction and iterate over its rows.

        Refused with ``ReadOnlyViolation`` if it contains a write clause (nothing
        sent), or if the server finds that it writes (nothing changed).
        """
        if not cypher.is_read_only(cypher_text):
            raise ReadOnlyViolation("this query writes; it was refused and nothing changed")
        return iter(self._transaction(cypher_text, params, read_only=True))

    def execute(
        self, cypher_text: str, params: Mapping[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """Run a query that may write, in a write transaction, and return its rows."""
        return self._transaction(cypher_text, params, read_only=False)

    def clear(self) -> None:
        """Delete every node and relationship of this database."""
        self._transaction(cypher.CLEAR_GRAPH, None, read_only=False)

    def close(self) -> None:
        """Close the driver and its connection pool."""
        self._driver.close()
