"""The FalkorDB backend: the embedded server or an external one (``redis://``).

Reads go through ``GRAPH.RO_QUERY``, which the server refuses to run if the
query would write. Results are converted to plain values: nodes and
relationships become their property dicts, paths become
``{"nodes": [...], "relationships": [...]}``.

Writes (:meth:`FalkorDBStore.write`) go through the compact Cypher statements
of :mod:`actorgraph.graph.cypher`; only a graph that does not exist yet is
created with ``GRAPH.BULK`` (:mod:`actorgraph.graph.bulk`), the one use that
endpoint's contract allows. The client's errors become ours in one place,
:func:`translate`.

NUL characters. The ``falkordb`` client sends parameters inside the query text
and FalkorDB strings are C strings, so a NUL cannot travel as it is: this
backend maps every string it writes and reads (:mod:`actorgraph.graph.text`).
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import re
import sys
from collections.abc import Collection, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson
import redis.exceptions

from actorgraph.graph import bulk, compact, cypher
from actorgraph.graph.errors import (
    ActorGraphError,
    InvalidDocument,
    QueryError,
    ReadOnlyViolation,
    StoreUnavailable,
)
from actorgraph.graph.models import Extraction
from actorgraph.graph.rows import DEFAULT_BATCH_ROWS, RowBatch, Written, batches, row_keys
from actorgraph.graph.store import Store, WriteSummary
from actorgraph.graph.text import ESCAPE, decode_text, encode_text

if TYPE_CHECKING:
    import falkordb

__all__ = ["FalkorDBStore", "rows_header"]

_CONTAINERS = (dict, list)
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_JSON_ESCAPES = re.compile(r"(\\\\)|\\u([0-9a-f]{4})")
# Edge rows a write into an empty graph gathers for the one GRAPH.BULK that
# creates the graph (see FalkorDBStore.write); the rest of the input goes
# through the compact statements. It bounds what a load holds in memory.
NEW_GRAPH_ROWS = 4 * DEFAULT_BATCH_ROWS
_CHANGED = (
    "a write found fewer actors or documents than it had just written "
    "(did another client change the graph?); load again to complete it"
)
# A statement, its parameters and their header (None: the client's serialiser).
_Command = tuple[str, Mapping[str, Any], str | None]


class _Prepared(NamedTuple):
    """What the main thread prepares of a batch for the writer thread: which
    documents it takes as new, the edge statements (serialised) and its
    actors' rows."""

    new_docs: frozenset[str]
    edges: list[tuple[compact.Statement, str | None]]
    actors: dict[str, list[Any]]


def _encode(value: Any) -> Any:
    if isinstance(value, str):
        return encode_text(value)
    if isinstance(value, Mapping):
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    return value


class _NotJsonSafe(Exception):
    """A ``\\uXXXX`` escape FalkorDB would not read back as that character."""


def _json_escape(match: re.Match[str]) -> str:
    if match.group(1):
        return match.group(1)  # an escaped backslash, kept as it is
    if match.group(2) == "0000":
        return ESCAPE + "0"  # NUL, mapped as encode_text does
    raise _NotJsonSafe


def _map_keys(value: Any, keys: set[str]) -> None:
    """Collect the keys of every map inside ``value`` (dicts and lists only:
    this runs over every row, so it checks exact types, not ABCs)."""
    if type(value) is dict:
        keys.update(value)
        for item in value.values():
            if type(item) in _CONTAINERS:
                _map_keys(item, keys)
    elif type(value) is list:
        for item in value:
            if type(item) in _CONTAINERS:
                _map_keys(item, keys)


def rows_header(params: Mapping[str, Any], keys: Collection[str] | None = None) -> str | None:
    """The ``CYPHER name=value ...`` header for write parameters, built by
    orjson: some 30 times faster than the ``falkordb`` client's value-by-value
    Python serialiser, which dominated the cost of a batch.

    FalkorDB reads parameters as JSON with bare (here backticked) map keys and
    the JSON escapes ``\\" \\\\ \\n \\r \\t \\b \\f``, but not ``\\uXXXX``.
    The NUL mapping of :func:`encode_text` is applied to the JSON text. Returns
    ``None`` (use the client's serialiser) for any other control character or
    a map key that is not an identifier, and raises ``InvalidDocument`` for a
    value orjson cannot encode (NaN and infinity become ``null``; the models
    admit neither). Keys are
    rewritten with plain text replacement of ``"key":``, which is safe because
    inside a JSON string every ``"`` is escaped, so that text only occurs as a
    key.

    ``keys``, when given, is a superset of the map keys in ``params`` (the
    rows module collects them cheaply, see ``row_keys``), which saves walking
    every value; each key costs one pass over the text, so the fewer the
    better. A key missing from it would stay quoted and make FalkorDB reject
    the query, never store something else.
    """
    parts = []
    for name, value in params.items():
        value_keys = keys
        if value_keys is None:
            value_keys = set()
            _map_keys(value, value_keys)
        if not all(_IDENTIFIER.fullmatch(key) for key in value_keys):
            return None
        try:
            text = orjson.dumps(value).decode()
            if ESCAPE in text:
                text = text.replace(ESCAPE, ESCAPE + ESCAPE)
            if "\\" in text:
                text = _JSON_ESCAPES.sub(_json_escape, text)
        except _NotJsonSafe:
            return None
        except orjson.JSONEncodeError as error:
            # Text that is not valid Unicode, an integer wider than 64 bits:
            # the client could not send it either (nor FalkorDB hold it).
            raise InvalidDocument(f"a value FalkorDB cannot store: {error}") from error
        for key in value_keys:
            text = text.replace(f'"{key}":', f"`{key}`:")
        parts.append(f"{name}={text}")
    return "CYPHER " + " ".join(parts) + " "


def _plain(value: Any) -> Any:
    """A FalkorDB result value as JSON-compatible Python."""
    import falkordb

    if isinstance(value, str):
        return decode_text(value)
    if isinstance(value, falkordb.Node | falkordb.Edge):
        return {key: _plain(item) for key, item in value.properties.items()}
    if isinstance(value, falkordb.Path):
        return {
            "nodes": [_plain(node) for node in value.nodes()],
            "relationships": [_plain(edge) for edge in value.edges()],
        }
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


def translate(error: Exception, address: str, *, read_only: bool = False) -> ActorGraphError:
    """The one place where the ``redis``/``falkordb`` clients' errors become
    ours: a refused write through a read-only query is a
    :class:`ReadOnlyViolation`, any other refused command a
    :class:`QueryError`, a string the client cannot send (not valid Unicode)
    an :class:`InvalidDocument`, anything else (connection, timeout) means
    the server is out of reach: :class:`StoreUnavailable`."""
    message = _one_line(error)
    if isinstance(error, UnicodeEncodeError):
        return InvalidDocument(f"a value FalkorDB cannot store: {message}")
    if isinstance(error, redis.exceptions.ResponseError):
        if read_only and "read-only" in message.lower():
            return ReadOnlyViolation("this query writes; it was refused and nothing changed")
        return QueryError(message)
    return StoreUnavailable(f"FalkorDB at {address} is unreachable: {message}")


@contextlib.contextmanager
def translated(address: str, *, read_only: bool = False) -> Iterator[None]:
    """Raise the client's errors inside as :func:`translate` says."""
    try:
        yield
    except (redis.exceptions.RedisError, UnicodeEncodeError) as error:
        raise translate(error, address, read_only=read_only) from error


def _first_rows(extractions: Iterator[Extraction], rows: int) -> list[Extraction]:
    """The extractions from the start of ``extractions`` that hold about
    ``rows`` edge rows (counted as :func:`batches` counts them)."""
    taken: list[Extraction] = []
    counted = 0
    for extraction in extractions:
        taken.append(extraction)
        counted += len(extraction.relations) + sum(bool(a.mentions) for a in extraction.actors)
        if counted >= rows:
            break
    return taken


class FalkorDBStore(Store):
    """A named graph in a FalkorDB server."""

    backend = "falkordb"

    def __init__(
        self,
        client: falkordb.FalkorDB,
        graph: str,
        *,
        address: str,
        batch_rows: int = DEFAULT_BATCH_ROWS,
        write_lock: Path | None = None,
    ) -> None:
        self._client = client
        self._write_lock = write_lock
        self._graph = client.select_graph(graph)
        self.graph = graph
        self.address = address
        self.batch_rows = batch_rows
        self._schema_ready = False
        with translated(address):
            client.connection.ping()

    def _run(self, statement: str, params: Mapping[str, Any] | None, *, read_only: bool) -> Any:
        with translated(self.address, read_only=read_only):
            if read_only:
                return self._graph.ro_query(statement, _encode(dict(params or {})))
            return self._graph.query(statement, _encode(dict(params or {})))

    def _send(self, statement: str, params: Mapping[str, Any], header: str | None = None) -> Any:
        """Run the write ``statement`` on ``params``, sent as ``header``
        (:func:`rows_header` of them, made here unless given; ``None`` either
        way means the client's serialiser)."""
        if header is None:
            header = rows_header(params)
        if header is None:
            return self._run(statement, params, read_only=False)
        from falkordb.query_result import QueryResult

        with translated(self.address):
            reply = self._graph.execute_command(
                "GRAPH.QUERY", self.graph, header + statement, "--compact"
            )
        return QueryResult(self._graph, reply)

    def _send_all(self, commands: list[_Command]) -> list[Any]:
        """Run write statements in order, in one round trip (a pipeline) when
        all have a header; each waits for the one before it, as sent one by one."""
        if any(header is None for _, _, header in commands):
            return [self._send(statement, params, header) for statement, params, header in commands]
        from falkordb.query_result import QueryResult

        pipe = self._client.connection.pipeline(transaction=False)
        for statement, _, header in commands:
            pipe.execute_command("GRAPH.QUERY", self.graph, f"{header}{statement}", "--compact")
        with translated(self.address):
            replies = pipe.execute(raise_on_error=False)
        for reply in replies:
            if isinstance(reply, redis.exceptions.RedisError):
                raise translate(reply, self.address) from reply
        return [QueryResult(self._graph, reply) for reply in replies]

    def _rows(self, result: Any) -> list[dict[str, Any]]:
        header = [
            column[1] if isinstance(column, list | tuple) else column for column in result.header
        ]
        return [
            {str(name): _plain(value) for name, value in zip(header, record, strict=True)}
            for record in result.result_set
        ]

    def ensure_schema(self) -> None:
        """Create the indexes on ``Actor.id`` and ``Document.id`` (once per store).

        This also creates the graph itself, which ``GRAPH.RO_QUERY`` needs.
        """
        if self._schema_ready:
            return
        for statement in cypher.FALKORDB_SCHEMA:
            try:
                self._run(statement, None, read_only=False)
            except QueryError as error:
                if "already indexed" not in str(error):
                    raise
        self._schema_ready = True

    def _chunked(self, statement: str, rows: list[list[Any]]) -> list[_Command]:
        """``statement`` on ``rows`` in chunks of ``batch_rows``."""
        commands: list[_Command] = []
        for offset in range(0, len(rows), self.batch_rows):
            params = {"rows": rows[offset : offset + self.batch_rows]}
            commands.append((statement, params, rows_header(params, ())))
        return commands

    def _stored(
        self, batch: RowBatch, actors: Mapping[str, list[Any]]
    ) -> tuple[dict[str, bool], frozenset[str]]:
        """What of ``batch`` is stored, in one round trip: of ``actors``, the
        rows of the actors it writes (:func:`compact.actor_rows`), those
        stored, each mapped to whether it is stored with its row's type (see
        ``RowBatch.node_statements``); and its documents NOT stored yet.

        An actor stored as its row would write it goes into
        ``batch.unchanged`` instead: it is not written again (a load that
        names known actors writes none of them)."""
        stored: dict[str, bool] = {}
        ids = list(actors)
        documents = list(batch.documents)
        actor_rows = [[i, *actors[actor_id]] for i, actor_id in enumerate(ids)]
        document_rows = [[i, doc_id] for i, doc_id in enumerate(documents)]
        actor_checks = self._chunked(cypher.actors_stored_json(), actor_rows)
        document_checks = self._chunked(cypher.documents_stored_json(), document_rows)
        results = self._send_all([*actor_checks, *document_checks])
        for result in results[: len(actor_checks)]:
            for position, same, covered in orjson.loads(result.result_set[0][0]):
                if covered:
                    batch.unchanged.add(ids[position])
                else:
                    stored[ids[position]] = same
        stored_docs = {
            documents[i]
            for result in results[len(actor_checks) :]
            for i in orjson.loads(result.result_set[0][0])
        }
        return stored, frozenset(documents).difference(stored_docs)

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Take turns with the other writers of this embedded server.

        FalkorDB's relationship MERGE is not atomic across clients: two loads
        merging the same edge at once both create it (four concurrent loads
        of one file gave four copies of every event). An flock is released
        when its process dies, so a killed load never blocks the next one.
        """
        if self._write_lock is None:
            yield
            return
        with self._write_lock.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _new_documents(self, batch: RowBatch) -> frozenset[str]:
        """The documents of ``batch`` not stored yet (without the lock: a guess)."""
        documents = list(batch.documents)
        rows = [[i, doc_id] for i, doc_id in enumerate(documents)]
        stored: set[str] = set()
        for result in self._send_all(self._chunked(cypher.documents_stored_json(), rows)):
            stored.update(documents[i] for i in orjson.loads(result.result_set[0][0]))
        return frozenset(documents).difference(stored)

    def _prepare(self, batch: RowBatch, new_docs: frozenset[str]) -> _Prepared:
        """The batch's edge statements, serialised, taking ``new_docs`` as the
        documents not stored yet, and its actors' rows."""
        edges = [
            (statement, rows_header(statement.params, ()))
            for statement in compact.statements(batch, new_docs)
        ]
        return _Prepared(new_docs, edges, compact.actor_rows(batch))

    def _write_batch(self, batch: RowBatch, prepared: _Prepared) -> bool:
        """Write one batch into the graph with the compact statements; return
        whether all its documents were new."""
        # A whole batch under the lock: what _stored reads stays true until the
        # batch is written. Without the lock (an external server) every node
        # is merged, as any writer may race.
        with self._writing():
            stored: dict[str, bool] | None = None
            new_docs: frozenset[str] = frozenset()
            creates: list[compact.Statement] = []
            if self._write_lock is not None:
                stored, new_docs = self._stored(batch, prepared.actors)
                if not prepared.new_docs <= new_docs:
                    # Guessed wrong: another writer (or this load's last
                    # batch) stored some; their edges must be merged.
                    prepared = self._prepare(batch, prepared.new_docs & new_docs)
                nodes = compact.node_statement(batch, new_docs, stored, prepared.actors)
                if nodes is not None:
                    creates.append(nodes)
            merges: list[_Command] = [
                (statement, {"rows": rows}, rows_header({"rows": rows}, row_keys(rows)))
                for statement, rows in batch.node_statements(self.batch_rows, stored, new_docs)
            ]
            # Nodes to create, nodes to merge (the two are disjoint), then edges.
            results = self._send_all(
                [
                    *((s.cypher, s.params, rows_header(s.params, ())) for s in creates),
                    *merges,
                    *((s.cypher, s.params, header) for s, header in prepared.edges),
                ]
            )
            del results[len(creates) : len(creates) + len(merges)]
            checked = [*creates, *(statement for statement, _ in prepared.edges)]
            for statement, result in zip(checked, results, strict=True):
                if result.result_set[0][0] != statement.written:
                    raise QueryError(_CHANGED)
        return len(new_docs) == len(batch.documents)

    def _is_empty(self) -> bool:
        """Whether the graph holds no node (or does not exist)."""
        with translated(self.address):
            if not self._client.connection.exists(self.graph):
                return True
        return not next(self.read(cypher.COUNT_NODES))["count"]

    def _create(self, batch: RowBatch) -> None:
        """Create the graph, empty or missing, holding ``batch``, with one
        ``GRAPH.BULK`` (:mod:`actorgraph.graph.bulk`), then its indexes. On any
        failure, the graph is deleted: none is better than a half-built one."""
        new_graph = bulk.new_graph(self.graph, batch)  # nothing is sent if this fails
        try:
            with translated(self.address):
                # The endpoint only creates graphs: an empty one (indexes and
                # nothing else) is deleted first, under the write lock.
                self._client.connection.delete(self.graph)
                reply = self._client.connection.execute_command(*new_graph.command)
            if isinstance(reply, bytes):
                reply = reply.decode()
            if reply != new_graph.reply:
                raise QueryError(f"creating the graph in bulk answered {reply!r}")
            self._schema_ready = False
            self.ensure_schema()
        except BaseException:
            with contextlib.suppress(redis.exceptions.RedisError):
                self._client.connection.delete(self.graph)
            self._schema_ready = False
            raise

    def write(self, extractions: Iterable[Extraction]) -> WriteSummary:
        """Write extractions idempotently, in batches.

        Into an existing graph, every batch goes through the compact
        statements (:mod:`actorgraph.graph.compact`), under the embedded
        server's write lock: the batch's actors and documents are looked up,
        those missing are created and the others merged (actors stored as the
        batch names them are left alone), then the edges of the documents
        that were missing are created and the others merged. Without the
        lock (an external server) every node and edge is merged.

        Into an empty graph of the embedded server, the first
        ``NEW_GRAPH_ROWS`` edge rows create the graph in one ``GRAPH.BULK``
        (:mod:`actorgraph.graph.bulk`), as that endpoint's contract allows
        (it creates graphs; it does not update them), and the rest, if any,
        follow as above. The graph is checked to be empty again under the lock.

        One batch is written by a worker thread while this one builds the
        next and serialises its edges: the server's work and the Python work
        overlap (the thread waits on the socket without the GIL). At most two
        batches are held; batches are written one at a time, in order, and an
        error of the writer is raised here, before the next batch is sent.
        """
        summary = WriteSummary()
        written = Written()
        remaining: Iterator[Extraction] = iter(extractions)
        if self._write_lock is not None and self._is_empty():
            first = _first_rows(remaining, NEW_GRAPH_ROWS)
            with self._writing():
                if first and self._is_empty():
                    (batch,) = batches(first, sys.maxsize, written)
                    self._create(batch)
                    summary += batch.summary
                    first = []
            remaining = itertools.chain(first, remaining)
        self.ensure_schema()
        pending: Future[bool] | None = None
        fresh = False
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="falkordb-write") as writer:
            for batch in batches(remaining, self.batch_rows, written):
                # Which documents are new is guessed here, so that the edges are
                # serialised while the last batch is written, and checked
                # under the lock (the edges are prepared again if it was
                # wrong). While batches hold only new documents, all are taken
                # as new: asking would wait for the batch being written.
                new_docs: frozenset[str] = frozenset()
                if self._write_lock is not None:
                    new_docs = frozenset(batch.documents) if fresh else self._new_documents(batch)
                prepared = self._prepare(batch, new_docs)
                if pending is not None:
                    fresh = pending.result()
                pending = writer.submit(self._write_batch, batch, prepared)
                summary += batch.summary
            if pending is not None:
                pending.result()
        if self._write_lock is not None:
            self._rewrite_log()
        return summary

    def _rewrite_log(self) -> None:
        """Start a background rewrite of the embedded server's append-only file
        if it has grown past twice its last snapshot (and 8 MB): once after a
        load, rather than as the server would, again and again during it."""
        try:
            with translated(self.address):
                info = self._client.connection.info("persistence")
                grown = info.get("aof_current_size", 0) - info.get("aof_base_size", 0)
                if (
                    info.get("aof_enabled")
                    and not info.get("aof_rewrite_in_progress")
                    and grown > max(8 << 20, info.get("aof_base_size", 0))
                ):
                    self._client.connection.bgrewriteaof()
        except QueryError:
            pass  # a rewrite started meanwhile: nothing to do

    def read(
        self, cypher: str, params: Mapping[str, Any] | None = None
    ) -> Iterator[dict[str, Any]]:
        """Run a read-only query (``GRAPH.RO_QUERY``) and iterate over its rows.

        The query runs before this returns, so a refusal raises here.
        """
        try:
            result = self._run(cypher, params, read_only=True)
        except QueryError as error:
            # A graph nobody wrote to yet does not exist; reading it is reading nothing.
            if "empty key" not in str(error):
                raise
            self.ensure_schema()
            result = self._run(cypher, params, read_only=True)
        return iter(self._rows(result))

    def execute(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a query that may write and return its rows, in turn with the
        loads (under the write lock)."""
        with self._writing():
            return self._rows(self._run(cypher, params, read_only=False))

    def clear(self) -> None:
        """Delete every node and relationship of this graph (indexes stay)."""
        with self._writing():
            self._run(cypher.CLEAR_GRAPH, None, read_only=False)

    def close(self) -> None:
        """Close this client's connections; the server keeps running."""
        self._client.connection.close()
