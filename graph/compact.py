"""A batch's rows for FalkorDB's compact write statements (see "FalkorDB's
compact writes" in :mod:`actorgraph.graph.cypher`): rows are lists in the
statements' column order, and name their actors by position in the
statement's ``$actors`` list (all the batch's actors).

Nodes of the documents in ``new_docs`` (not stored when the writer checked,
under its lock) are created, the others merged. Every edge is merged: one
statement shape a relation kind, whatever is stored.
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


def _relations(batch: RowBatch, actors: dict[str, int]) -> Statement:
    groups: dict[cypher.CompactGroup, list[list[Any]]] = {}
    for event_type, events in sorted(batch.events.items()):
        groups[cypher.CompactGroup(event_type, "event")] = [
            [actors[relation.source], actors[relation.target], *event_values(relation)]
            for relation in events.values()
        ]
    for (structural_type, origin), structural in sorted(batch.structural.items()):
        groups[cypher.CompactGroup(structural_type, origin)] = [
            [
                actors[fact["source"]],
                actors[fact["target"]],
                *(fact["props"].get(name) for name in cypher.STRUCTURAL_COLUMNS),
            ]
            for fact in structural.values()
        ]
    groups = {group: rows for group, rows in groups.items() if rows}
    params: dict[str, list[Any]] = {"actors": list(actors)}
    params.update((f"rows{i}", rows) for i, rows in enumerate(groups.values()))
    return Statement(cypher.compact_relations(list(groups)), params, int(bool(groups)))


def _mentions(batch: RowBatch, actors: dict[str, int]) -> Statement:
    docs: dict[str, list[list[int]]] = {}
    for mention in batch.mentions.values():
        pair = [actors[mention["actor"]], mention["count"]]
        docs.setdefault(mention["doc"], []).append(pair)
    params: dict[str, list[Any]] = {
        "actors": list(actors),
        "docs": [list(item) for item in docs.items()],
    }
    pairs = sum(len(pairs) for pairs in docs.values())
    return Statement(cypher.compact_mentions(), params, pairs)


def _positions(batch: RowBatch) -> dict[str, int]:
    """Each actor id of ``batch``, mapped to its position among the batch's
    actors: how compact rows name actors."""
    return {actor_id: position for position, actor_id in enumerate(batch.actors)}


def statements(batch: RowBatch) -> list[Statement]:
    """The statements that merge the batch's edges: mentions, then every
    relation in one statement (none that would merge nothing).

    Rows name actors by their position among all the batch's actors (each
    stored by then, written by this batch or, if unchanged, before it)."""
    actors = _positions(batch)
    found = [_mentions(batch, actors), _relations(batch, actors)]
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
