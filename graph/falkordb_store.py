"""The FalkorDB backend: the embedded server or an external one (``redis://``).

Reads go through ``GRAPH.RO_QUERY``, which the server refuses to run if the
query would write. Results are converted to plain values: nodes and
relationships become their property dicts, paths become
``{"nodes": [...], "relationships": [...]}``.

NUL characters. The ``falkordb`` client sends parameters inside the query text
and FalkorDB strings are C strings, so a NUL cannot travel as it is: this
backend maps every string it writes and reads (:mod:`actorgraph.graph.text`).
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import re
import sys
from collections.abc import Collection, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson
import redis.exceptions

from actorgraph.graph import bulk, compact, cypher
from actorgraph.graph.errors import QueryError, ReadOnlyViolation, StoreUnavailable
from actorgraph.graph.models import Extraction
from actorgraph.graph.rows import DEFAULT_BATCH_ROWS, RowBatch, batches, row_keys
from actorgraph.graph.store import Store, WriteSummary
from actorgraph.graph.text import ESCAPE, decode_text, encode_text

if TYPE_CHECKING:
    import falkordb

__all__ = ["FalkorDBStore", "rows_header"]

_CONTAINERS = (dict, list)
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_JSON_ESCAPES = re.compile(r"(\\\\)|\\u([0-9a-f]{4})")
# Seconds; see FalkorDBStore.write.
WRITER_SWITCH_INTERVAL = 0.001
_CHANGED = (
    "a write found fewer actors or documents than it had just written "
    "(did another client change the graph?); load again to complete it"
)
# A statement, its parameters and their header (None: the client's serialiser).
_Command = tuple[str, Mapping[str, Any], str | None]


class _Stored(NamedTuple):
    """What the writer found stored of a batch: the actors it writes, mapped
    to whether they are stored with their row's type (see
    ``RowBatch.statements``); and its documents not stored yet."""

    same_type: dict[str, bool]
    new_docs: frozenset[str]


@dataclass
class _Known:
    """What one load knows of the actors it has checked or written: their
    internal ids (packed, :func:`bulk.node_id`) and stored types. It holds
    while no other client wrote to the graph, which the graph's write counter
    tells (``epoch``: its value after this load's last batch; see
    ``FalkorDBStore._bump``): a lookup by id is most of the cost of checking
    an actor, and a load names the same actors batch after batch."""

    epoch: int | None = None
    ids: dict[str, bytes] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)

    def forget(self) -> None:
        """Forget everything (someone else wrote to the graph)."""
        self.ids.clear()
        self.types.clear()


class _Prepared(NamedTuple):
    """What the main thread prepares of a batch for the writer thread: which
    documents it takes as new, the edges it merges (serialised) and those it
    writes in bulk, and its actors' rows."""

    new_docs: frozenset[str]
    edges: list[tuple[compact.Statement, str | None]]
    blocks: list[bulk.EdgeBlock]
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
    ``None`` (use the client's serialiser) for any other control character,
    a value orjson cannot encode, or a map key that is not an identifier
    (NaN and infinity become ``null``; the models admit neither). Keys are
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
        except (orjson.JSONEncodeError, _NotJsonSafe):
            return None
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
        self._epoch_key = f"actorgraph:epoch:{graph}"
        self.graph = graph
        self.address = address
        self.batch_rows = batch_rows
        self._schema_ready = False
        try:
            client.connection.ping()
        except redis.exceptions.RedisError as error:
            raise StoreUnavailable(
                f"FalkorDB at {address} is unreachable: {_one_line(error)}"
            ) from error

    def _run(self, statement: str, params: Mapping[str, Any] | None, *, read_only: bool) -> Any:
        try:
            if read_only:
                return self._graph.ro_query(statement, _encode(dict(params or {})))
            return self._graph.query(statement, _encode(dict(params or {})))
        except redis.exceptions.ResponseError as error:
            message = _one_line(error)
            if read_only and "read-only" in message.lower():
                raise ReadOnlyViolation(
                    "this query writes; it was refused and nothing changed"
                ) from error
            raise QueryError(message) from error
        except redis.exceptions.RedisError as error:
            raise StoreUnavailable(
                f"FalkorDB at {self.address} is unreachable: {_one_line(error)}"
            ) from error

    def _send(self, statement: str, params: Mapping[str, Any], header: str | None = None) -> Any:
        """Run the write ``statement`` on ``params``, sent as ``header``
        (:func:`rows_header` of them, made here unless given; ``None`` either
        way means the client's serialiser)."""
        if header is None:
            header = rows_header(params)
        if header is None:
            return self._run(statement, params, read_only=False)
        from falkordb.query_result import QueryResult

        with self._reaching():
            reply = self._graph.execute_command(
                "GRAPH.QUERY", self.graph, header + statement, "--compact"
            )
        return QueryResult(self._graph, reply)

    def _send_all(self, commands: list[_Command]) -> list[Any]:
        """Run statements in order, in one round trip (a pipeline) when all have
        a header; each waits for the one before it, as sent one by one."""
        if any(header is None for _, _, header in commands):
            return [self._send(statement, params, header) for statement, params, header in commands]
        from falkordb.query_result import QueryResult

        pipe = self._client.connection.pipeline(transaction=False)
        for statement, _, header in commands:
            pipe.execute_command("GRAPH.QUERY", self.graph, f"{header}{statement}", "--compact")
        try:
            replies = pipe.execute(raise_on_error=False)
        except redis.exceptions.RedisError as error:
            raise StoreUnavailable(
                f"FalkorDB at {self.address} is unreachable: {_one_line(error)}"
            ) from error
        for reply in replies:
            if isinstance(reply, redis.exceptions.ResponseError):
                raise QueryError(_one_line(reply))
            if isinstance(reply, Exception):
                raise StoreUnavailable(f"FalkorDB at {self.address}: {_one_line(reply)}")
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

    def _stored(self, batch: RowBatch, known: _Known) -> _Stored:
        """What of ``batch`` is stored (see :class:`_Stored`), in one round
        trip: the actors ``known`` lacks are looked up, and what is found of
        them, and the type each actor the batch writes will have, goes into
        ``known``."""
        same_type: dict[str, bool] = {}
        actors = []
        types, unchanged = known.types, batch.unchanged
        for actor_id, row in batch.actors.items():
            stored_type = types.get(actor_id)
            if stored_type is None:
                actors.append((actor_id, row["type"]))
            elif actor_id not in unchanged:
                same_type[actor_id] = stored_type == row["type"]
                types[actor_id] = row["type"]
        documents = list(batch.documents)
        actor_rows = [[i, actor_id, t] for i, (actor_id, t) in enumerate(actors)]
        document_rows = [[i, doc_id] for i, doc_id in enumerate(documents)]
        actor_checks = self._chunked(cypher.actors_stored_json(), actor_rows)
        document_checks = self._chunked(cypher.documents_stored_json(), document_rows)
        results = self._send_all([*actor_checks, *document_checks])
        found = set()
        for result in results[: len(actor_checks)]:
            for position, internal_id, same in orjson.loads(result.result_set[0][0]):
                actor_id, row_type = actors[position]
                found.add(actor_id)
                known.ids[actor_id] = bulk.node_id(internal_id)
                if actor_id not in unchanged:
                    same_type[actor_id] = same
                if same or actor_id not in unchanged:
                    types[actor_id] = row_type
        for actor_id, row_type in actors:
            if actor_id not in found:  # the batch creates it
                if actor_id in unchanged:  # this load wrote it; someone deleted it
                    raise QueryError(_CHANGED)
                types[actor_id] = row_type
        stored_docs = {
            documents[i]
            for result in results[len(actor_checks) :]
            for i in orjson.loads(result.result_set[0][0])
        }
        return _Stored(same_type, frozenset(documents).difference(stored_docs))

    def _epoch(self) -> int | None:
        """The graph's write counter (see :meth:`_bump`)."""
        with self._reaching():
            value = self._client.connection.get(self._epoch_key)
        return None if value is None else int(value)

    def _bump(self) -> int:
        """Count a write to the graph, under the write lock. Every write through
        actorgraph counts, so a load that finds the counter where it left it
        knows that no one else wrote in between."""
        with self._reaching():
            return int(self._client.connection.incr(self._epoch_key))

    @contextlib.contextmanager
    def _reaching(self) -> Iterator[None]:
        """Turn the client's errors into ours: a command the server refused is
        a :class:`QueryError`, a server out of reach :class:`StoreUnavailable`."""
        try:
            yield
        except redis.exceptions.ResponseError as error:
            raise QueryError(_one_line(error)) from error
        except redis.exceptions.RedisError as error:
            raise StoreUnavailable(
                f"FalkorDB at {self.address} is unreachable: {_one_line(error)}"
            ) from error

    def _chunked(self, statement: str, rows: list[list[Any]]) -> list[_Command]:
        """``statement`` on ``rows`` in chunks of ``batch_rows``."""
        commands: list[_Command] = []
        for offset in range(0, len(rows), self.batch_rows):
            params = {"rows": rows[offset : offset + self.batch_rows]}
            commands.append((statement, params, rows_header(params, ())))
        return commands

    def _new_documents(self, batch: RowBatch) -> frozenset[str]:
        """The documents of ``batch`` not stored yet."""
        documents = list(batch.documents)
        rows = [[i, doc_id] for i, doc_id in enumerate(documents)]
        stored: set[str] = set()
        for result in self._send_all(self._chunked(cypher.documents_stored_json(), rows)):
            stored.update(documents[i] for i in orjson.loads(result.result_set[0][0]))
        return frozenset(documents).difference(stored)

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

    def _prepare(self, batch: RowBatch, new_docs: frozenset[str]) -> _Prepared:
        """The batch's edges (merged, serialised, or in bulk blocks) and its
        actors' rows, taking ``new_docs`` as the documents not stored yet."""
        blocks, unencodable = bulk.blocks(batch, new_docs)
        edges = [
            (statement, rows_header(statement.params, ()))
            for statement in compact.statements(batch, new_docs - unencodable)
        ]
        return _Prepared(new_docs, edges, blocks, compact.actor_rows(batch))

    def _write_bulk(
        self, blocks: list[bulk.EdgeBlock], actors: Mapping[str, bytes], docs: Mapping[str, bytes]
    ) -> None:
        """Create the blocks' edges with one ``GRAPH.BULK``, their ends named
        by the internal ids of ``actors`` and ``docs``."""
        edges = sum(len(block.records) for block in blocks)
        tokens = [block.token(actors, docs) for block in blocks]
        with self._reaching():
            reply = self._client.connection.execute_command(
                *bulk.command(self.graph, tokens, edges)
            )
        if isinstance(reply, bytes):
            reply = reply.decode()
        if reply != f"0 nodes created, {edges} edges created":
            raise QueryError(f"the bulk write of {edges} edges answered {reply!r}")

    def _write_batch(
        self, batch: RowBatch, prepared: _Prepared, known: _Known | None = None
    ) -> bool:
        """Write one batch; return whether all its documents were new.

        ``known`` carries what this load knows of its actors from one batch to
        the next (nothing, if not given)."""
        # A whole batch under the lock: what _stored reads stays true until the
        # batch is written, and the nodes that the bulk edges name by internal
        # id stay those nodes. Without the lock (an external server) every
        # node and edge is merged, as any writer may race.
        with self._writing():
            if self._write_lock is None:
                self._write_merged(batch, prepared.edges)
                return False
            known = known or _Known()
            if self._epoch() != known.epoch:
                known.forget()  # someone else wrote: ask again
            stored = self._stored(batch, known)
            if not prepared.new_docs <= stored.new_docs:
                # Guessed wrong: another writer (or an earlier load) stored some.
                prepared = self._prepare(batch, prepared.new_docs & stored.new_docs)
            nodes = compact.node_statement(
                batch, prepared.new_docs, stored.same_type, prepared.actors
            )
            results = self._write_merged(
                batch, prepared.edges, prepared.new_docs, stored.same_type, nodes
            )
            documents: dict[str, bytes] = {}
            if nodes is not None:
                documents = self._created(nodes, results[0], known.ids)
            if prepared.blocks:
                self._write_bulk(prepared.blocks, known.ids, documents)
            known.epoch = self._bump()
        return len(prepared.new_docs) == len(batch.documents)

    def _write_merged(
        self,
        batch: RowBatch,
        edges: list[tuple[compact.Statement, str | None]],
        new_docs: frozenset[str] = frozenset(),
        stored: Mapping[str, bool] | None = None,
        nodes: compact.Statement | None = None,
    ) -> list[Any]:
        """Create the ``nodes``, merge the batch's other nodes (see
        ``RowBatch.node_statements`` for ``stored`` and ``new_docs``), then
        merge ``edges``, in one round trip; return the results."""
        creates: list[_Command] = []
        if nodes is not None:
            creates.append((nodes.cypher, nodes.params, rows_header(nodes.params, ())))
        merges: list[_Command] = [
            (statement, {"rows": rows}, rows_header({"rows": rows}, row_keys(rows)))
            for statement, rows in batch.node_statements(self.batch_rows, stored, new_docs)
        ]
        # Nodes to create, nodes to merge (the two are disjoint), then edges.
        results = self._send_all(
            [*creates, *merges, *((s.cypher, s.params, header) for s, header in edges)]
        )
        for (statement, _), result in zip(
            edges, results[len(creates) + len(merges) :], strict=True
        ):
            if result.result_set[0][0] != statement.written:
                raise QueryError(_CHANGED)
        return results

    @staticmethod
    def _created(nodes: compact.Statement, result: Any, ids: dict[str, bytes]) -> dict[str, bytes]:
        """Add to ``ids`` the internal ids (packed) of the actors ``nodes``
        created; return those of the documents it created."""
        docs, actors = (orjson.loads(text) for text in result.result_set[0])
        created = [params for name, params in nodes.params.items() if name.startswith("actors")]
        if len(docs) + sum(map(len, actors)) != nodes.written or len(actors) != len(created):
            raise QueryError(_CHANGED)
        for rows, found in zip(created, actors, strict=True):
            ids.update(zip((row[0] for row in rows), map(bulk.node_id, found), strict=True))
        return dict(
            zip((row[0] for row in nodes.params["docs"]), map(bulk.node_id, docs), strict=True)
        )

    def write(self, extractions: Iterable[Extraction]) -> WriteSummary:
        """Write extractions idempotently, in batches.

        Nodes are created or merged by the compact statements
        (:mod:`actorgraph.graph.compact`); the edges of documents not stored
        yet are created in bulk (:mod:`actorgraph.graph.bulk`), the others
        merged. Which documents are new is guessed before a batch's edges are
        prepared, and checked under the write lock (the edges are prepared
        again if the guess was wrong). The guess asks the store, unless the
        last batch checked held only new documents (a fresh load): then every
        document is taken as new, which spares a query that would wait for
        the batch being written.

        One batch is written by a worker thread while this one builds the
        next and encodes its edges: the server's work and the Python work
        overlap (the thread waits on the socket without the GIL). At most two
        batches are held; batches are written one at a time, in order, and an
        error of the writer is raised here, before the next batch is sent.
        """
        self.ensure_schema()
        summary = WriteSummary()
        pending: Future[bool] | None = None
        # The writer thread wakes at each server reply and must then take the
        # GIL from this thread, busy building the next batch. At Python's
        # default 5 ms switch interval the server idles while it waits: a
        # shorter one wrote 1,000,000 relations 12% faster (bench/load.py).
        switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(switch_interval, WRITER_SWITCH_INTERVAL))
        # A batch is some hundred thousand rows, tuples and strings, all
        # acyclic: reference counting frees them, and the cyclic collector
        # would only scan them again and again (a sixth of the write time at
        # 1,000,000 relations). It is off while the batches are built (raised
        # thresholds kept half the cost). Extraction in this process makes no
        # cyclic garbage either: none after extracting examples/ three times.
        collecting = gc.isenabled()
        gc.disable()
        try:
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="falkordb-write") as writer:
                fresh = False
                known = _Known()
                for batch in batches(extractions, self.batch_rows):
                    if self._write_lock is None:
                        new_docs: frozenset[str] = frozenset()
                    elif fresh:
                        new_docs = frozenset(batch.documents)
                    else:
                        new_docs = self._new_documents(batch)
                    prepared = self._prepare(batch, new_docs)
                    if pending is not None:
                        fresh = pending.result()
                    pending = writer.submit(self._write_batch, batch, prepared, known)
                    summary += batch.summary
                if pending is not None:
                    pending.result()
            if self._write_lock is not None:
                self._rewrite_log()
        finally:
            sys.setswitchinterval(switch_interval)
            if collecting:
                gc.enable()
        return summary

    def _rewrite_log(self) -> None:
        """Start a background rewrite of the embedded server's append-only file
        if it has grown past twice its last snapshot (and 8 MB): once after a
        load, rather than as the server would, again and again during it."""
        try:
            info = self._client.connection.info("persistence")
            grown = info.get("aof_current_size", 0) - info.get("aof_base_size", 0)
            if (
                info.get("aof_enabled")
                and not info.get("aof_rewrite_in_progress")
                and grown > max(8 << 20, info.get("aof_base_size", 0))
            ):
                self._client.connection.bgrewriteaof()
        except redis.exceptions.ResponseError:
            pass  # a rewrite started meanwhile: nothing to do
        except redis.exceptions.RedisError as error:
            raise StoreUnavailable(
                f"FalkorDB at {self.address} is unreachable: {_one_line(error)}"
            ) from error

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
        """Run a query that may write and return its rows.

        It waits for the write lock, as loads do: a load's bulk edges name
        nodes by internal id, which a deletion in between could give away."""
        with self._writing():
            try:
                return self._rows(self._run(cypher, params, read_only=False))
            finally:
                if self._write_lock is not None:
                    self._bump()

    def clear(self) -> None:
        """Delete every node and relationship of this graph (indexes stay)."""
        with self._writing():
            self._run(cypher.CLEAR_GRAPH, None, read_only=False)
            if self._write_lock is not None:
                self._bump()

    def close(self) -> None:
        """Close this client's connections; the server keeps running."""
        self._client.connection.close()
