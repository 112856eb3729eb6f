"""Extractions to rows: folding, and actors not re-sent when nothing changed."""

from __future__ import annotations

from collections.abc import Callable

from actorgraph.graph import cypher
from actorgraph.graph.falkordb_store import FalkorDBStore
from actorgraph.graph.models import Actor, Extraction, StructuralRelation
from actorgraph.graph.rows import batches
from actorgraph.graph.store import WriteSummary


def test_unchanged_actors_are_not_sent_again(make_extraction: Callable[..., Extraction]) -> None:
    same = [make_extraction(f"d{i}", date="2024-03-01") for i in range(3)]
    wider = make_extraction("d9", date="2025-01-01")
    first, second, third, fourth = batches([*same, wider], max_rows=1)
    assert first.unchanged == set()
    assert second.unchanged == third.unchanged == {"dhs", "italy"}
    assert fourth.unchanged == set()  # last_seen widens: both are written again
    actor_statements = [s for s, _ in second.statements() if "MERGE (a:Actor" in s]
    assert actor_statements == []
    # A write's summary counts each actor once, in the batch that first names it.
    assert [batch.summary.actors for batch in (first, second, third, fourth)] == [2, 0, 0, 0]


def test_a_summary_counts_what_is_stored_not_rows_sent(
    make_extraction: Callable[..., Extraction],
) -> None:
    registry = StructuralRelation(source="dhs", target="italy", type="PART_OF", origin="registry")
    extractions = [
        make_extraction(doc, relations=[*make_extraction(doc).relations * 2, registry])
        for doc in ("d1", "d2", "d3")
    ]
    # d1 again in the last batch: stored once.
    summaries = [batch.summary for batch in batches([*extractions, extractions[0]], max_rows=3)]
    total = sum(summaries, WriteSummary())
    # Each document's event twice, the registry fact in every document: three
    # events and one registry edge are stored.
    assert total == WriteSummary(documents=3, actors=2, relations=4, mentions=6)
    assert len(summaries) == 4


def test_a_new_alias_is_written_even_in_a_later_batch(
    store: FalkorDBStore, make_extraction: Callable[..., Extraction]
) -> None:
    store.batch_rows = 1
    renamed = Actor(
        id="dhs", name="Department of Homeland Security", type="Agency", aliases=["DHS", "HSD"]
    )
    italy = Actor(id="italy", name="Italy", type="Country")
    store.write([make_extraction("d1"), make_extraction("d2", actors=[renamed, italy])])
    row = next(store.read("MATCH (a:Actor {id: 'dhs'}) RETURN a.aliases AS aliases"))
    assert set(row["aliases"]) == {"Department of Homeland Security", "DHS", "HSD"}


def test_statements_come_nodes_first(make_extraction: Callable[..., Extraction]) -> None:
    (batch,) = batches([make_extraction("d1")])
    order = [statement for statement, _ in batch.statements()]
    assert order[0] == cypher.WRITE_DOCUMENTS
    assert order.index(cypher.WRITE_MENTIONS) > order.index(cypher.write_actors("Agency"))
    assert order[-1] == cypher.write_events("MET_WITH")
