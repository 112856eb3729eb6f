"""The edges of new documents in FalkorDB's binary bulk-insert format
(``GRAPH.BULK``), which creates edges some ten times faster than a Cypher
``CREATE``: the server reads values straight into the graph, with no query
to parse or run.

A token of the command holds one relationship type: its name, the number of
property keys and the keys (NUL-terminated), then one record an edge: the
internal ids of its two nodes (8 bytes each, little-endian) and a value a key,
as a type byte and its payload (a null sets nothing, like a null in a Cypher
``CREATE`` map). The node ids are the store's, known only once the batch's
nodes are written, so a block keeps each edge's ends as actor (or, for the
source of ``MENTIONS``, document) ids and its properties already encoded, and
:meth:`EdgeBlock.token` puts the internal ids in at the last moment.

Only edges that cannot exist yet go this way: those of documents that were not
stored when the writer checked, under its lock, which also keeps every other
actorgraph writer (loads, write queries) from deleting or creating nodes
between the ids being read and the edges being written. Strings are stored as
:func:`encode_text` maps them (no NUL), as the Cypher path stores them. A
document with a value the format cannot hold (an integer wider than 64 bits, a
lone surrogate) is left out of the blocks; its edges are merged by Cypher
instead.

The server trusts the format (FalkorDB 4.16, checked): a malformed record
writes wrong edges without an error, and a count that is not a number makes
it delete the whole graph. So the format is made only here, the counts only
by :func:`command`, and tests/test_store_bulk.py holds every kind of edge and
value written this way to the edges the Cypher statements write.
"""

from __future__ import annotations

import struct
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, Literal

from actorgraph.graph import cypher
from actorgraph.graph.ontology import EVENT_TYPES, STRUCTURAL_TYPES
from actorgraph.graph.rows import RowBatch
from actorgraph.graph.text import ESCAPE, encode_text

__all__ = ["EdgeBlock", "Unencodable", "blocks", "command", "node_id"]

_NULL, _BOOL, _DOUBLE, _STRING, _LONG = b"\x00", b"\x01", b"\x02", b"\x03", b"\x04"
_TRUE, _FALSE = _BOOL + b"\x01", _BOOL + b"\x00"
_pack_double = struct.Struct("<d").pack
_pack_long = struct.Struct("<q").pack
_pack_id = struct.Struct("<Q").pack
# What follows an event's evidence: the NUL that ends it (the pad byte), then
# the two offsets, each a type byte and its value.
_pack_offsets = struct.Struct("<xBqBq").pack
# An event record's keys: the values that differ on nearly every edge first,
# then those that repeat (the date, language, codes, modality, confidence and
# rule of one extractor), encoded once a batch as one run of bytes.
_EVENT_HEAD = ("evidence", "start", "end", "doc")
_EVENT_TAIL = tuple(name for name in cypher.EVENT_COLUMNS if name not in _EVENT_HEAD)
_event_head = itemgetter("source", "target", "doc", "evidence", "start", "end")
_event_tail = itemgetter(*_EVENT_TAIL)


class Unencodable(ValueError):
    """A value the bulk format cannot hold."""


def _text(value: str) -> bytes:
    try:
        return _STRING + encode_text(value).encode() + _NULL
    except UnicodeEncodeError as error:
        raise Unencodable(str(error)) from error


def _value(value: Any) -> bytes:
    kind = type(value)
    if kind is str:
        return _text(value)
    if value is None:
        return _NULL
    if kind is int:
        try:
            return _LONG + _pack_long(value)
        except struct.error as error:
            raise Unencodable(str(error)) from error
    if kind is float:
        return _DOUBLE + _pack_double(value)
    if kind is bool:
        return _TRUE if value else _FALSE
    raise Unencodable(f"{kind.__name__} values are not written in bulk")


def _values(values: Iterable[Any]) -> bytes:
    return b"".join(map(_value, values))


def node_id(internal_id: int) -> bytes:
    """A node's internal id as an edge record names it."""
    return _pack_id(internal_id)


@dataclass
class EdgeBlock:
    """The edges of one relationship type, for one token of ``GRAPH.BULK``.

    ``sources`` and ``targets`` are actor ids (a ``MENTIONS`` edge's source is
    its document id); ``records`` the encoded properties, in ``keys`` order;
    ``docs`` the document of each edge.
    """

    type: str
    keys: tuple[str, ...]
    source_kind: Literal["actor", "document"] = "actor"
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    records: list[bytes] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)

    def add(self, source: str, target: str, doc: str, record: bytes) -> None:
        """Add one edge."""
        self.sources.append(source)
        self.targets.append(target)
        self.docs.append(doc)
        self.records.append(record)

    def drop(self, docs: Collection[str]) -> None:
        """Remove the edges of ``docs``."""
        keep = [i for i, doc in enumerate(self.docs) if doc not in docs]
        self.sources = [self.sources[i] for i in keep]
        self.targets = [self.targets[i] for i in keep]
        self.docs = [self.docs[i] for i in keep]
        self.records = [self.records[i] for i in keep]

    def token(self, actor_ids: Mapping[str, bytes], document_ids: Mapping[str, bytes]) -> bytes:
        """The block as one token, its ends named by their internal ids
        (:func:`node_id`), looked up by actor id and by document id."""
        header = [self.type.encode(), _NULL, struct.pack("<I", len(self.keys))]
        header += [part for key in self.keys for part in (key.encode(), _NULL)]
        source_ids = document_ids if self.source_kind == "document" else actor_ids
        sources = list(map(source_ids.__getitem__, self.sources))
        # Three parts an edge, interleaved by slice assignment (no loop here).
        body: list[bytes] = [b""] * (3 * len(self.records))
        body[0::3] = sources
        body[1::3] = list(map(actor_ids.__getitem__, self.targets))
        body[2::3] = self.records
        return b"".join(header + body)


def _event_blocks(batch: RowBatch, docs: Collection[str], failed: set[str]) -> list[EdgeBlock]:
    # This runs for every relation of a fresh load, so it reads the model's
    # fields from its __dict__ (plain values, as in rows._event_row) and
    # joins a record from the evidence, the offsets (one pack) and two runs of
    # bytes encoded once a batch (the document, the tail).
    keys = (*_EVENT_HEAD, *_EVENT_TAIL)
    tails: dict[tuple[Any, ...], bytes] = {}
    doc_texts: dict[str, bytes] = {}
    found = []
    for event_type, events in sorted(batch.events.items()):
        block = EdgeBlock(cypher.checked_name(event_type, EVENT_TYPES, "event type"), keys)
        sources, targets, block_docs, records = (
            block.sources,
            block.targets,
            block.docs,
            block.records,
        )
        last_tail_values, tail = None, b""
        for relation in events.values():
            fields = relation.__dict__
            source, target, doc, evidence, start, end = _event_head(fields)
            if doc not in docs:
                continue
            try:
                tail_values = _event_tail(fields)
                if tail_values != last_tail_values:  # cheaper than a lookup
                    found_tail = tails.get(tail_values)
                    if found_tail is None:
                        found_tail = tails[tail_values] = _values(tail_values)
                    tail, last_tail_values = found_tail, tail_values
                doc_text = doc_texts.get(doc)
                if doc_text is None:
                    doc_text = doc_texts[doc] = _text(doc)
                if "\x00" in evidence or ESCAPE in evidence:
                    evidence = encode_text(evidence)
                record = b"".join(
                    (_STRING, evidence.encode(), _pack_offsets(4, start, 4, end), doc_text, tail)
                )
            except (Unencodable, UnicodeEncodeError, struct.error):
                failed.add(doc)
                continue
            sources.append(source)
            targets.append(target)
            block_docs.append(doc)
            records.append(record)
        found.append(block)
    return found


def _structural_blocks(batch: RowBatch, docs: Collection[str], failed: set[str]) -> list[EdgeBlock]:
    keys = (*cypher.STRUCTURAL_COLUMNS, "source")
    found = []
    for (structural_type, origin), facts in sorted(batch.structural.items()):
        if origin != "document":
            continue  # registry facts belong to no document: always merged
        name = cypher.checked_name(structural_type, STRUCTURAL_TYPES, "structural type")
        block = EdgeBlock(name, keys)
        for fact in facts.values():
            doc = fact["doc"]
            if doc not in docs:
                continue
            props = fact["props"]
            try:
                record = _values([*(props.get(key) for key in cypher.STRUCTURAL_COLUMNS), origin])
            except Unencodable:
                failed.add(doc)
                continue
            block.add(fact["source"], fact["target"], doc, record)
        found.append(block)
    return found


def _mention_block(batch: RowBatch, docs: Collection[str], failed: set[str]) -> EdgeBlock:
    block = EdgeBlock("MENTIONS", ("count",), source_kind="document")
    for mention in batch.mentions.values():
        doc = mention["doc"]
        if doc not in docs:
            continue
        try:
            record = _value(mention["count"])
        except Unencodable:
            failed.add(doc)
            continue
        block.add(doc, mention["actor"], doc, record)
    return block


def blocks(batch: RowBatch, new_docs: Collection[str]) -> tuple[list[EdgeBlock], frozenset[str]]:
    """The edges of ``new_docs`` as blocks; and the documents among them whose
    edges are not in the blocks (a value the format cannot hold)."""
    failed: set[str] = set()
    found = [
        *_event_blocks(batch, new_docs, failed),
        *_structural_blocks(batch, new_docs, failed),
        _mention_block(batch, new_docs, failed),
    ]
    if failed:
        for block in found:
            block.drop(failed)
    return [block for block in found if block.records], frozenset(failed)


def command(graph: str, tokens: Sequence[bytes], edges: int) -> list[Any]:
    """The ``GRAPH.BULK`` arguments that add ``edges`` edges (no nodes) to an
    existing ``graph``, one token a block. Without the ``BEGIN`` token the
    server adds to the graph rather than creating it."""
    return ["GRAPH.BULK", graph, 0, edges, 0, len(tokens), *tokens]
