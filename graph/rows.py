"""Extractions turned into the row dicts that the ``UNWIND $rows`` statements of
:mod:`actorgraph.graph.cypher` consume, grouped by statement.

Rows come from ``model_dump()``; ``None`` values are left out so that a missing
value never erases a stored one. Actors named by several extractions of one
batch are folded into one row (aliases unioned, first/last seen widened), so a
batch sends each actor once.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from actorgraph.graph import cypher
from actorgraph.graph.models import Actor, EventRelation, Extraction, StructuralRelation
from actorgraph.graph.store import WriteSummary

__all__ = [
    "DEFAULT_BATCH_ROWS",
    "Row",
    "RowBatch",
    "Written",
    "batches",
    "event_values",
    "row_keys",
]

Row = dict[str, Any]

# Edge rows per batch, and rows per statement call. Measured with bench/load.py
# (1,000,000 relations): 50,000 writes 1.2x faster than 20,000 (1.7x faster
# than 5,000 on the earlier write path), mostly because an actor named by many
# documents is folded into one row, and looked up once, per batch.
DEFAULT_BATCH_ROWS = 50_000

# The columns of every row kind are declared once, in cypher.py (from the
# models' fields): the compact rows are lists in that order, the map rows
# name the same columns.
_event_values = itemgetter(*cypher.EVENT_COLUMNS)


def _actor_row(actor: Actor, document_date: str | None) -> Row:
    # What model_dump(exclude={"mentions"}) gives (the other fields are plain
    # values), at a fraction of its cost: this runs for every actor of a batch.
    row = actor.__dict__.copy()
    mentions = row.pop("mentions")
    # Every surface form seen is an alias, the canonical name included. While a
    # batch is built, aliases are an insertion-ordered dict (a set that keeps
    # first-seen order); statements() turns them into lists.
    aliases = row["aliases"] = dict.fromkeys([actor.name, *actor.aliases])
    if mentions:
        aliases.update(dict.fromkeys(m.text for m in mentions))
    row["first_seen"] = actor.first_seen or document_date
    row["last_seen"] = actor.last_seen or document_date
    return row


def _widen(stored: Row, first_seen: str | None, last_seen: str | None) -> None:
    if first_seen and (not stored["first_seen"] or first_seen < stored["first_seen"]):
        stored["first_seen"] = first_seen
    if last_seen and (not stored["last_seen"] or last_seen > stored["last_seen"]):
        stored["last_seen"] = last_seen


def _fold_actor(stored: Row, actor: Actor, document_date: str | None) -> None:
    """Fold a later mention of an actor into its row (attributes read directly,
    empty lists skipped: this runs for every actor of every extraction)."""
    stored["name"] = actor.name
    stored["type"] = actor.type
    aliases = stored["aliases"]
    aliases[actor.name] = None
    if actor.aliases:
        aliases.update(dict.fromkeys(actor.aliases))
    if actor.mentions:
        aliases.update(dict.fromkeys(m.text for m in actor.mentions))
    if actor.country is not None:
        stored["country"] = actor.country
    if actor.wikidata is not None:
        stored["wikidata"] = actor.wikidata
    _widen(stored, actor.first_seen or document_date, actor.last_seen or document_date)


def _fold_row(stored: Row, new: Row) -> None:
    """Fold one actor row into another (the rows ``batches`` remembers)."""
    stored["name"] = new["name"]
    stored["type"] = new["type"]
    stored["aliases"].update(new["aliases"])
    for key in ("country", "wikidata"):
        if new[key] is not None:
            stored[key] = new[key]
    _widen(stored, new["first_seen"], new["last_seen"])


def event_values(relation: EventRelation) -> tuple[Any, ...]:
    """An event's ``EVENT_COLUMNS`` values: the columns of FalkorDB's compact
    rows and, without their nulls, the ``props`` of the map rows."""
    # From the instance dict (plain values): this runs for every relation.
    return _event_values(relation.__dict__)


def _event_row(relation: EventRelation) -> Row:
    props = {
        name: value
        for name, value in zip(cypher.EVENT_COLUMNS, event_values(relation), strict=True)
        if value is not None
    }
    return {
        "source": relation.source,
        "target": relation.target,
        "doc": relation.doc,
        "start": relation.start,
        "props": props,
    }


def _structural_row(relation: StructuralRelation, document_id: str) -> Row:
    props = {
        name: value
        for name in cypher.STRUCTURAL_COLUMNS
        if (value := getattr(relation, name)) is not None
    }
    if relation.origin == "document":
        # A structural fact read from a document belongs to that document.
        props.setdefault("doc", document_id)
    return {
        "source": relation.source,
        "target": relation.target,
        "doc": props.get("doc"),
        "props": props,
    }


@dataclass
class RowBatch:
    """The rows of several extractions, grouped by the statement that writes them."""

    documents: dict[str, Row] = field(default_factory=dict)
    actors: dict[str, Row] = field(default_factory=dict)
    mentions: dict[tuple[str, str], Row] = field(default_factory=dict)
    # Event relations are kept as models: each backend makes its own rows.
    events: dict[str, dict[tuple[Any, ...], EventRelation]] = field(default_factory=dict)
    structural: dict[tuple[str, cypher.Origin], dict[tuple[Any, ...], Row]] = field(
        default_factory=dict
    )
    # Edge rows (relations and mentions) added, repeats included.
    added: int = 0
    # Actors whose row would change nothing already written (see ``batches``).
    unchanged: set[str] = field(default_factory=set)
    # What this batch stores that no earlier batch of the same call did (see
    # ``batches``): the call's summary is the sum of its batches'.
    summary: WriteSummary = field(default_factory=WriteSummary)

    def add(self, extraction: Extraction) -> None:
        """Add one extraction's document, actors, mentions and relations."""
        document = extraction.document
        self.documents[document.id] = {
            "id": document.id,
            "props": {
                name: value
                for name in cypher.DOCUMENT_COLUMNS[1:]
                if (value := getattr(document, name)) is not None
            },
        }
        for actor in extraction.actors:
            stored = self.actors.get(actor.id)
            if stored is None:
                self.actors[actor.id] = _actor_row(actor, document.date)
            else:
                _fold_actor(stored, actor, document.date)
            if actor.mentions:
                self.added += 1
                self.mentions[(document.id, actor.id)] = {
                    "doc": document.id,
                    "actor": actor.id,
                    "count": len(actor.mentions),
                }
        self.added += len(extraction.relations)
        events = self.events
        for relation in extraction.relations:
            if isinstance(relation, EventRelation):
                group = events.get(relation.type)
                if group is None:
                    group = events[relation.type] = {}
                group[relation.source, relation.target, relation.doc, relation.start] = relation
            else:
                row = _structural_row(relation, document.id)
                facts = self.structural.setdefault((relation.type, relation.origin), {})
                facts[(row["source"], row["target"], row["doc"])] = row

    @property
    def size(self) -> int:
        """How many rows the batch holds."""
        return (
            len(self.documents)
            + len(self.actors)
            + len(self.mentions)
            + sum(len(group) for group in self.events.values())
            + sum(len(group) for group in self.structural.values())
        )

    def statements(
        self, max_rows: int = DEFAULT_BATCH_ROWS, stored: Mapping[str, bool] | None = None
    ) -> Iterator[tuple[str, list[Row]]]:
        """``(cypher, rows)`` pairs in dependency order (nodes before edges), each
        with at most ``max_rows`` rows.

        ``stored``, when the caller knows it, maps the id of every actor of the
        batch already in the store to whether it is stored with the type its
        row has; actors are then written with the cheaper statements of
        :func:`actorgraph.graph.cypher.write_actors` (see ``mode`` there). It
        is only right while no other writer can add actors before these rows
        are written.
        """
        yield from self.node_statements(max_rows, stored)
        yield from self.edge_statements(max_rows)

    def node_statements(
        self,
        max_rows: int = DEFAULT_BATCH_ROWS,
        stored: Mapping[str, bool] | None = None,
        new_docs: Collection[str] = frozenset(),
    ) -> Iterator[tuple[str, list[Row]]]:
        """The documents' and actors' part of :meth:`statements`.

        A caller passing ``stored`` creates the actors missing from it and the
        documents in ``new_docs`` itself (FalkorDB's compact statements): they
        are left out here.
        """
        documents = [row for doc_id, row in self.documents.items() if doc_id not in new_docs]
        groups: list[tuple[str, list[Row]]] = [(cypher.WRITE_DOCUMENTS, documents)]
        by_type: dict[tuple[str, cypher.ActorWrite], list[Row]] = {}
        for actor_id, row in self.actors.items():
            if actor_id in self.unchanged:
                continue
            mode: cypher.ActorWrite = "merge"
            if stored is not None:
                same = stored.get(actor_id)
                if same is None:
                    continue
                mode = "update" if same else "merge"
            by_type.setdefault((row["type"], mode), []).append(
                {**row, "aliases": list(row["aliases"])}
            )
        groups += [
            (cypher.write_actors(t, mode), rows) for (t, mode), rows in sorted(by_type.items())
        ]
        return _chunks(groups, max_rows)

    def edge_statements(
        self, max_rows: int = DEFAULT_BATCH_ROWS
    ) -> Iterator[tuple[str, list[Row]]]:
        """The mentions' and relations' part of :meth:`statements`: they depend
        on nothing stored, so they can be prepared before the nodes are written."""
        groups: list[tuple[str, list[Row]]] = [
            (cypher.WRITE_MENTIONS, list(self.mentions.values()))
        ]
        groups += [
            (cypher.write_events(t), [_event_row(r) for r in g.values()])
            for t, g in sorted(self.events.items())
        ]
        groups += [
            (cypher.write_structural(t, origin), list(g.values()))
            for (t, origin), g in sorted(self.structural.items())
        ]
        return _chunks(groups, max_rows)


def _chunks(groups: list[tuple[str, list[Row]]], max_rows: int) -> Iterator[tuple[str, list[Row]]]:
    for statement, rows in groups:
        for offset in range(0, len(rows), max_rows):
            yield statement, rows[offset : offset + max_rows]


def row_keys(rows: Iterable[Row]) -> set[str]:
    """Every map key in ``rows``: a row's own keys and those of its ``props``
    map, the only map a row holds."""
    keys: set[str] = set()
    for row in rows:
        keys.update(row)
        props = row.get("props")
        if props:
            keys.update(props)
    return keys


def _covers(sent: Row, sent_aliases: set[str], row: Row) -> bool:
    """Whether writing ``row`` over what ``sent`` already wrote changes nothing
    (spelled out: this runs for every actor of every batch)."""
    return (
        row["name"] == sent["name"]
        and row["type"] == sent["type"]
        and (row["country"] is None or row["country"] == sent["country"])
        and (row["wikidata"] is None or row["wikidata"] == sent["wikidata"])
        and sent_aliases.issuperset(row["aliases"])
        and (
            not row["first_seen"]
            or (bool(sent["first_seen"]) and row["first_seen"] >= sent["first_seen"])
        )
        and (
            not row["last_seen"]
            or (bool(sent["last_seen"]) and row["last_seen"] <= sent["last_seen"])
        )
    )


@dataclass
class Written:
    """What the earlier batches of one write call wrote (see :func:`batches`):
    each actor's row as sent and its aliases, the documents, the registry
    facts."""

    actors: dict[str, tuple[Row, set[str]]] = field(default_factory=dict)
    documents: set[str] = field(default_factory=set)
    registry_facts: set[tuple[Any, ...]] = field(default_factory=set)


def batches(
    extractions: Iterable[Extraction],
    max_rows: int = DEFAULT_BATCH_ROWS,
    written: Written | None = None,
) -> Iterator[RowBatch]:
    """Group extractions into batches of about ``max_rows`` edge rows (counted
    as added, so a batch of repeats is smaller).

    Only edges (relations and mentions) count towards the limit: actors are
    folded across the whole batch. Across batches, an actor row that would
    change nothing that an earlier batch of the same call wrote (same name and
    type, no new alias, no wider dates) is marked ``unchanged`` and not sent:
    the actors that many documents name are then written once per load, not
    once per batch.

    Each batch's ``summary`` counts the distinct documents, actors, relations
    and mentions it stores (new or already present) that no earlier batch of
    the call stored, so the sum over the call is what the call stored: after a
    first load, what the store holds. ``written`` carries this across several
    calls of one write (it is filled in as batches are made).
    """
    written = written or Written()
    sent = written.actors

    def prune(batch: RowBatch) -> RowBatch:
        summary = batch.summary
        # A document named again by a later batch (rare) is not counted twice.
        again = batch.documents.keys() & written.documents
        summary.documents = len(batch.documents) - len(again)
        summary.actors = len(batch.actors.keys() - sent.keys())
        summary.mentions = sum(m["doc"] not in again for m in batch.mentions.values())
        summary.relations = sum(
            relation.doc not in again
            for events in batch.events.values()
            for relation in events.values()
        )
        for (relation_type, origin), facts in batch.structural.items():
            if origin == "registry":
                keys = {(relation_type, *key) for key in facts}
                summary.relations += len(keys - written.registry_facts)
                written.registry_facts.update(keys)
            else:
                summary.relations += sum(fact["doc"] not in again for fact in facts.values())
        written.documents.update(batch.documents)
        for actor_id, row in batch.actors.items():
            before = sent.get(actor_id)
            if before is None:
                state = {**row, "aliases": dict(row["aliases"])}
            elif _covers(before[0], before[1], row):
                batch.unchanged.add(actor_id)
                continue
            else:
                state = before[0]
                _fold_row(state, row)
            sent[actor_id] = (state, set(state["aliases"]))
        return batch

    batch = RowBatch()
    for extraction in extractions:
        batch.add(extraction)
        if batch.added >= max_rows:
            yield prune(batch)
            batch = RowBatch()
    if batch.size:
        yield prune(batch)
