"""A new graph in FalkorDB's binary bulk-insert format (``GRAPH.BULK``).

FalkorDB's bulk specification says the endpoint "cannot be used to update
existing graphs, only to create new ones", and promises no compatibility
between releases (the tests pin the server and client versions). So it is used
for one job: creating a graph that does not exist yet, from one batch, in ONE
command that starts with ``BEGIN`` and carries every node and every edge. The
server numbers the nodes of a new graph from 0 in the order they arrive, so an
edge names its ends by their position in the same command: no internal id is
read back or remembered.

A token holds one label (``Actor:Agency`` is two) or one relationship type: its
name, the number of property keys and the keys (NUL-terminated), then one
record an entity: for an edge, the positions of its two nodes (8 bytes each,
little-endian), then a value a key, as a type byte and its payload (a null
sets nothing, as a null in a Cypher ``CREATE`` map). The properties are those
the Cypher statements write, from the same columns (``graph/cypher.py``), and
strings are stored as :func:`encode_text` maps them (no NUL).

The server trusts the format (FalkorDB 4.16, checked): a malformed record
writes wrong edges without an error, and a count that is not a number makes it
delete the whole graph. So the format is made only here, and
tests/test_store_bulk.py holds a graph created this way to the same input
written by the Cypher statements.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any

from actorgraph.graph import cypher
from actorgraph.graph.errors import InvalidDocument
from actorgraph.graph.ontology import ACTOR_TYPES, EVENT_TYPES, STRUCTURAL_TYPES
from actorgraph.graph.rows import RowBatch
from actorgraph.graph.text import encode_text

__all__ = ["NewGraph", "new_graph"]

_NULL, _BOOL, _DOUBLE, _STRING, _LONG, _ARRAY = (bytes([code]) for code in range(6))
_TRUE, _FALSE = _BOOL + b"\x01", _BOOL + b"\x00"
_pack_double = struct.Struct("<d").pack
_pack_long = struct.Struct("<q").pack
_pack_position = struct.Struct("<Q").pack
_ALIASES = cypher.ACTOR_COLUMNS.index("aliases")
# An event's columns in its token: those that differ on every edge first.
_EVENT_HEAD = ("evidence", "start", "end", "doc")
_EVENT_TAIL = tuple(name for name in cypher.EVENT_COLUMNS if name not in _EVENT_HEAD)
_event_head = itemgetter(*_EVENT_HEAD)
_event_tail = itemgetter(*_EVENT_TAIL)
_LONG_CODE = _LONG[0]
_pack_offsets = struct.Struct("<BqBq").pack


def _text(value: str) -> bytes:
    return _STRING + encode_text(value).encode() + _NULL


def _value(value: Any) -> bytes:
    kind = type(value)
    if kind is str:
        return _text(value)
    if value is None:
        return _NULL
    if kind is bool:
        return _TRUE if value else _FALSE
    if kind is int:
        return _LONG + _pack_long(value)
    if kind is float:
        return _DOUBLE + _pack_double(value)
    if kind is list:
        return _ARRAY + _pack_long(len(value)) + _values(value)
    raise TypeError(f"{kind.__name__} values are not written in bulk")


def _values(values: Iterable[Any]) -> bytes:
    return b"".join(map(_value, values))


def _header(name: str, keys: Sequence[str]) -> bytes:
    parts = [name.encode(), _NULL, struct.pack("<I", len(keys))]
    parts += [part for key in keys for part in (key.encode(), _NULL)]
    return b"".join(parts)


class NewGraph:
    """The ``GRAPH.BULK`` command that creates a graph holding one batch."""

    def __init__(self, graph: str, batch: RowBatch) -> None:
        self.nodes = 0
        self.edges = 0
        # Strings repeat (a document's id on each of its edges, the codes,
        # languages and rules of one extractor): each is encoded once.
        self._texts: dict[str, bytes] = {}
        self._positions: dict[str, bytes] = {}
        self._node_tokens: list[bytes] = []
        self._edge_tokens: list[bytes] = []
        self._graph = graph
        self._documents(batch)
        self._actors(batch)
        self._events(batch)
        self._structural(batch)
        self._mentions(batch)

    @property
    def command(self) -> list[Any]:
        """The command's arguments: every node token, then every edge token."""
        return [
            "GRAPH.BULK",
            self._graph,
            "BEGIN",
            self.nodes,
            self.edges,
            len(self._node_tokens),
            len(self._edge_tokens),
            *self._node_tokens,
            *self._edge_tokens,
        ]

    @property
    def reply(self) -> str:
        """What the server answers when it created every node and edge."""
        return f"{self.nodes} nodes created, {self.edges} edges created"

    def _add_nodes(self, label: str, keys: Sequence[str], rows: dict[str, list[Any]]) -> None:
        if not rows:
            return
        records = []
        for node_id, values in rows.items():
            self._positions[node_id] = _pack_position(self.nodes)
            self.nodes += 1
            records.append(self._record(values))
        self._node_tokens.append(_header(label, keys) + b"".join(records))

    def _add_edges(
        self, name: str, keys: Sequence[str], edges: Sequence[tuple[str, str, Iterable[Any]]]
    ) -> None:
        positions, record = self._positions, self._record
        self._add_records(
            name,
            keys,
            [
                positions[source] + positions[target] + record(values)
                for source, target, values in edges
            ],
        )

    def _add_records(self, name: str, keys: Sequence[str], records: list[bytes]) -> None:
        if records:
            self.edges += len(records)
            self._edge_tokens.append(_header(name, keys) + b"".join(records))

    def _record(self, values: Iterable[Any]) -> bytes:
        """The values of one node or edge (this runs for every value of every
        edge, so strings and nulls are handled inline)."""
        texts = self._texts
        parts = []
        for value in values:
            if type(value) is str:
                encoded = texts.get(value)
                if encoded is None:
                    encoded = texts[value] = _text(value)
                parts.append(encoded)
            elif value is None:
                parts.append(_NULL)
            else:
                parts.append(_value(value))
        return b"".join(parts)

    def _documents(self, batch: RowBatch) -> None:
        # Documents and actors share one id space here: a document id is
        # prefixed so that it cannot be mistaken for an actor's.
        columns = cypher.DOCUMENT_COLUMNS[1:]
        rows = {
            "\0" + doc_id: [doc_id, *(row["props"].get(name) for name in columns)]
            for doc_id, row in batch.documents.items()
        }
        self._add_nodes("Document", cypher.DOCUMENT_COLUMNS, rows)

    def _actors(self, batch: RowBatch) -> None:
        by_type: dict[str, dict[str, list[Any]]] = {}
        for actor_id, row in batch.actors.items():
            values = [row[name] for name in cypher.ACTOR_COLUMNS]
            values[_ALIASES] = list(row["aliases"])
            by_type.setdefault(row["type"], {})[actor_id] = values
        for actor_type, rows in sorted(by_type.items()):
            label = cypher.checked_name(actor_type, ACTOR_TYPES, "actor type")
            self._add_nodes(f"Actor:{label}", cypher.ACTOR_COLUMNS, rows)

    def _events(self, batch: RowBatch) -> None:
        # This runs for every relation of a new graph, so an edge's record is
        # its two positions, its evidence and offsets, its document (encoded
        # once) and the run of bytes of its other values, which repeat across
        # relations (date, language, codes, modality, confidence, rule of one
        # extractor) and are encoded once.
        keys = (*_EVENT_HEAD, *_EVENT_TAIL)
        positions, texts = self._positions, self._texts
        tails: dict[tuple[Any, ...], bytes] = {}
        for event_type, events in sorted(batch.events.items()):
            name = cypher.checked_name(event_type, EVENT_TYPES, "event type")
            records = []
            for relation in events.values():
                fields = relation.__dict__
                evidence, start, end, doc = _event_head(fields)
                doc_text = texts.get(doc)
                if doc_text is None:
                    doc_text = texts[doc] = _text(doc)
                tail_values = _event_tail(fields)
                tail = tails.get(tail_values)
                if tail is None:
                    tail = tails[tail_values] = self._record(tail_values)
                records.append(
                    b"".join(
                        (
                            positions[relation.source],
                            positions[relation.target],
                            _text(evidence),
                            _pack_offsets(_LONG_CODE, start, _LONG_CODE, end),
                            doc_text,
                            tail,
                        )
                    )
                )
            self._add_records(name, keys, records)

    def _structural(self, batch: RowBatch) -> None:
        keys = (*cypher.STRUCTURAL_COLUMNS, "source")
        for (structural_type, origin), facts in sorted(batch.structural.items()):
            name = cypher.checked_name(structural_type, STRUCTURAL_TYPES, "structural type")
            edges = [
                (
                    fact["source"],
                    fact["target"],
                    [*(fact["props"].get(key) for key in cypher.STRUCTURAL_COLUMNS), origin],
                )
                for fact in facts.values()
            ]
            self._add_edges(name, keys, edges)

    def _mentions(self, batch: RowBatch) -> None:
        edges = [
            ("\0" + mention["doc"], mention["actor"], [mention["count"]])
            for mention in batch.mentions.values()
        ]
        self._add_edges("MENTIONS", ("count",), edges)


def new_graph(graph: str, batch: RowBatch) -> NewGraph:
    """The command that creates ``graph`` holding ``batch``.

    Raises ``InvalidDocument`` for a value the format cannot hold (an integer
    wider than 64 bits, a string that is not valid Unicode): such a value
    cannot be stored by the Cypher statements either."""
    try:
        return NewGraph(graph, batch)
    except (struct.error, UnicodeEncodeError, TypeError) as error:
        raise InvalidDocument(f"a value FalkorDB cannot store: {error}") from error
