"""A batch's rows for FalkorDB's compact write statements (see "FalkorDB's
compact writes" in :mod:`actorgraph.graph.cypher`): rows are lists in the
statements' column order, and name their actors by position in the
statement's ``$actors`` list (all the batch's actors).

Nodes and edges of the documents in ``new_docs`` (not stored when the writer
checked, under its lock) are created, the others merged.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from actorgraph.graph import cypher
from actorgraph.graph.rows import RowBatch, event_values

__all__ = ["Statement", "actor_rows", "node_statement", "statements"]

_ALIASES = cypher.ACTOR_COLUMNS.index("aliases")
_TYPE = cypher.ACTOR_COLUMNS.index("type")


@dataclass(frozen=True)
class Statement:
    """A compact statement, its parameters, and the ``written`` it must return."""

    cypher: str
    params: dict[str, list[Any]]
    written: int


def _relations(batch: RowBatch, new_docs: Collection[str], actors: dict[str, int]) -> Statement:
    groups: dict[cypher.CompactGroup, list[list[Any]]] = {}
    for event_type, events in sorted(batch.events.items()):
        # This runs for every relation of a load: the rows are split in two
        # lists and the groups made once a type.
        created: list[list[Any]] = []
        merged: list[list[Any]] = []
        for relation in events.values():
            (created if relation.doc in new_docs else merged).append(
                [actors[relation.source], actors[relation.target], *event_values(relation)]
            )
        groups[cypher.CompactGroup(event_type, "event", True)] = created
        groups[cypher.CompactGroup(event_type, "event", False)] = merged
    for (structural_type, origin), structural in sorted(batch.structural.items()):
        for fact in structural.values():
            create = origin == "document" and fact["doc"] in new_docs
            group = cypher.CompactGroup(structural_type, origin, create)
            props = fact["props"]
            row = [
                actors[fact["source"]],
                actors[fact["target"]],
                *(props.get(name) for name in cypher.STRUCTURAL_COLUMNS),
            ]
            groups.setdefault(group, []).append(row)
    groups = {group: rows for group, rows in groups.items() if rows}
    params: dict[str, list[Any]] = {"actors": list(actors)}
    params.update((f"rows{i}", rows) for i, rows in enumerate(groups.values()))
    return Statement(cypher.compact_relations(list(groups)), params, int(bool(groups)))


def _mentions(
    batch: RowBatch, new_docs: Collection[str], actors: dict[str, int]
) -> list[Statement]:
    found = []
    for create in (True, False):
        docs: dict[str, list[list[int]]] = {}
        for mention in batch.mentions.values():
            if (mention["doc"] in new_docs) == create:
                pair = [actors[mention["actor"]], mention["count"]]
                docs.setdefault(mention["doc"], []).append(pair)
        params: dict[str, list[Any]] = {
            "actors": list(actors),
            "docs": [list(item) for item in docs.items()],
        }
        pairs = sum(len(pairs) for pairs in docs.values())
        found.append(Statement(cypher.compact_mentions(create=create), params, pairs))
    return found


def _positions(batch: RowBatch) -> dict[str, int]:
    """Each actor id of ``batch``, mapped to its position among the batch's
    actors: how compact rows name actors."""
    return {actor_id: position for position, actor_id in enumerate(batch.actors)}


def statements(batch: RowBatch, new_docs: Collection[str]) -> list[Statement]:
    """The statements that write the batch's edges, creating those of
    ``new_docs`` and merging the others: mentions, then every relation in one
    statement (none that would write nothing).

    Rows name actors by their position among all the batch's actors (each
    stored by then, written by this batch or, if unchanged, before it)."""
    actors = _positions(batch)
    found = [*_mentions(batch, new_docs, actors), _relations(batch, new_docs, actors)]
    return [statement for statement in found if statement.written]


def actor_rows(batch: RowBatch) -> dict[str, list[Any]]:
    """The ``ACTOR_COLUMNS`` rows of the actors the batch writes (not ``unchanged``)."""
    rows = {}
    for actor_id, row in batch.actors.items():
        if actor_id not in batch.unchanged:
            values = [row[name] for name in cypher.ACTOR_COLUMNS]
            values[_ALIASES] = list(row["aliases"])
            rows[actor_id] = values
    return rows


def node_statement(
    batch: RowBatch,
    new_docs: Collection[str],
    stored: Collection[str],
    actors: Mapping[str, list[Any]],
) -> Statement | None:
    """The ``CREATE`` of the batch's documents in ``new_docs`` and of the
    actors of ``actors`` (:func:`actor_rows`) neither in ``stored`` nor
    ``unchanged`` (see ``RowBatch.node_statements``); ``None`` if there are
    none."""
    docs = [
        [row["id"], *(row["props"].get(name) for name in cypher.DOCUMENT_COLUMNS[1:])]
        for doc_id, row in batch.documents.items()
        if doc_id in new_docs
    ]
    by_type: dict[str, list[list[Any]]] = {}
    for actor_id, values in actors.items():
        if actor_id not in stored and actor_id not in batch.unchanged:
            by_type.setdefault(values[_TYPE], []).append(values)
    if not docs and not by_type:
        return None
    params = {"docs": docs, **{f"actors{i}": rows for i, rows in enumerate(by_type.values())}}
    created = len(docs) + sum(len(rows) for rows in by_type.values())
    return Statement(cypher.compact_nodes(list(by_type)), params, created)
