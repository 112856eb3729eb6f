"""Write N synthetic relations into the embedded store and print rows/s.

Three writes are timed on the same kind of data:

* new graph: ``Store.write`` of ``--relations`` relations into an empty
  graph: the first ``NEW_GRAPH_ROWS`` edge rows create the graph with one
  ``GRAPH.BULK`` (FalkorDB's binary bulk insert, which only creates graphs),
  the rest go as below;
* incremental: ``Store.write`` of ``--relations`` more relations (new
  documents, the same actors) into that graph, which now holds the first
  ones: batches of ``--batch-rows`` edge rows through the compact statements,
  under the write lock;
* baseline: the map statements (``UNWIND $rows ... MERGE``, as the Neo4j
  backend sends them) with one row each, one MERGE per row, on
  ``--baseline`` relations (it is slow).

The writes run in a process tuned as ``actorgraph load`` tunes its own
(``tuned_for_writing``: the collector off, a 1 ms switch interval); the
library itself leaves the interpreter alone.

Both runs go to fresh graphs of a throw-away embedded server (a temporary data
dir unless ``--data-dir`` is given), which is stopped at the end. Synthetic
documents carry ``--per-doc`` event relations each between the ``--cast``
actors of the document (as a news article names a handful of actors), drawn
from a pool of ``--actors`` (default: relations / 10), so pairs carry few
parallel edges; ``--cast 0`` draws every relation's two ends from the whole
pool instead (up to 40 actors a document). The extractions are generated
before the clock starts (1,000,000 relations take about 2 GB), so the rates
are the store path's: rows built from the models, parameters serialised,
queries run. (Subtracting the generation time instead would flatter the
store, whose writer thread overlaps the work of whatever feeds it.)

With ``--store bolt://HOST:PORT`` (``make neo4j``; user and password from
``NEO4J_USERNAME``, ``NEO4J_PASSWORD``) the same data goes into Neo4j instead,
whose database is emptied first: ``--relations`` through ``Store.write``
(``UNWIND $rows ... MERGE`` batches, one managed transaction each) against
the per-row baseline on ``--baseline`` relations, in one run.

Example::

    .venv/bin/python bench/load.py --relations 1000000
    NEO4J_PASSWORD=actorgraph .venv/bin/python bench/load.py --store bolt://127.0.0.1:7687
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from actorgraph.graph import embedded, open_store
from actorgraph.graph.falkordb_store import FalkorDBStore
from actorgraph.graph.models import Actor, Document, EventRelation, Extraction
from actorgraph.graph.neo4j_store import Neo4jStore
from actorgraph.graph.ontology import ACTOR_TYPES, EVENT_TYPES
from actorgraph.graph.rows import DEFAULT_BATCH_ROWS, batches
from actorgraph.queries.cli.app import tuned_for_writing

EVENTS = list(EVENT_TYPES)


def synthetic(
    relations: int, actors: int, per_doc: int, cast: int = 8, seed: int = 7, first_doc: int = 0
) -> Iterator[Extraction]:
    """Extractions totalling ``relations`` event relations over ``actors`` actors,
    each document's between ``cast`` of them (``0``: the whole pool)."""
    rng = random.Random(seed)
    pool = [
        Actor.model_construct(
            id=f"actor-{i}", name=f"Actor {i}", type=ACTOR_TYPES[i % len(ACTOR_TYPES)],
            aliases=[f"A{i}"], country=None, wikidata=None, first_seen=None,
            last_seen=None, mentions=[],
        )
        for i in range(actors)
    ]  # fmt: skip
    written = 0
    doc = first_doc
    while written < relations:
        doc_id = f"doc-{doc:08d}"
        count = min(per_doc, relations - written)
        members: dict[str, Actor] = {}
        rels = []
        people = rng.sample(pool, cast) if cast else pool
        for k in range(count):
            source, target = rng.sample(people, 2)
            members[source.id] = source
            members[target.id] = target
            kind = EVENTS[(doc + k) % len(EVENTS)]
            rels.append(
                EventRelation.model_construct(
                    source=source.id, target=target.id, type=kind, doc=doc_id,
                    date="2024-01-01", evidence=f"Sentence {k} of document {doc}.",
                    start=k * 40, end=k * 40 + 30, lang="en", cameo=EVENT_TYPES[kind].cameo,
                    plover=EVENT_TYPES[kind].plover, modality="asserted", confidence=0.8,
                    rule="bench",
                )
            )  # fmt: skip
        yield Extraction.model_construct(
            document=Document.model_construct(
                id=doc_id,
                path=None,
                url=None,
                title=f"Document {doc}",
                date="2024-01-01",
                lang="en",
            ),
            actors=list(members.values()),
            relations=rels,
        )
        written += count
        doc += 1


def per_row(store: FalkorDBStore, extractions: Iterable[Extraction]) -> None:
    """The baseline: every row of every statement sent on its own, as
    ``execute`` sends a query (without taking the write lock each time)."""
    store.ensure_schema()
    for batch in batches(extractions, DEFAULT_BATCH_ROWS):
        for statement, rows in batch.statements(DEFAULT_BATCH_ROWS):
            for row in rows:
                store._run(statement, {"rows": [row]}, read_only=False)


def wait_for_log_rewrite(store: FalkorDBStore) -> float:
    """Wait for the append-only-file rewrite a load starts as it returns, so
    that it takes no CPU from what is timed next; return how long it ran on."""
    started = time.perf_counter()
    while True:
        info = store._client.connection.info("persistence")
        if not (info["aof_rewrite_in_progress"] or info["aof_rewrite_scheduled"]):
            return time.perf_counter() - started
        time.sleep(0.05)


def count_relations(store: FalkorDBStore | Neo4jStore) -> int:
    rows = store.read("MATCH ()-[r]->() WHERE type(r) <> 'MENTIONS' RETURN count(r) AS c")
    return int(next(rows)["c"])


def neo4j_rates(uri: str, relations: int, baseline: int, per_doc: int, cast: int) -> None:
    """Batched and per-row load rates into the Neo4j at ``uri`` (emptied first)."""
    store = open_store(uri)
    assert isinstance(store, Neo4jStore)
    rates = {}
    try:
        for label, size in (("batched", relations), ("per-row", baseline)):
            store.clear()
            data = list(synthetic(size, max(size // 10, 50), per_doc, cast))
            with tuned_for_writing():
                started = time.perf_counter()
                if label == "per-row":
                    store.ensure_schema()
                    for batch in batches(data, DEFAULT_BATCH_ROWS):
                        for statement, rows in batch.statements(DEFAULT_BATCH_ROWS):
                            for row in rows:
                                store.execute(statement, {"rows": [row]})
                else:
                    store.write(data)
                elapsed = time.perf_counter() - started
            assert count_relations(store) == size
            rates[label] = size / elapsed
            print(
                f"neo4j {label:<8}: {size:>9,} relations in {elapsed:7.2f} s "
                f"= {rates[label]:>10,.0f} relations/s"
            )
        print(f"neo4j ratio   : batched / per-row = {rates['batched'] / rates['per-row']:,.0f}x")
    finally:
        store.clear()
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--relations", type=int, default=200_000, help="batched path size")
    parser.add_argument("--baseline", type=int, default=2_000, help="per-row baseline size")
    parser.add_argument("--actors", type=int, default=None, help="actor pool (relations/10)")
    parser.add_argument("--per-doc", type=int, default=20, help="relations per document")
    parser.add_argument("--cast", type=int, default=8, help="actors per document (0: any)")
    parser.add_argument("--batch-rows", type=int, default=DEFAULT_BATCH_ROWS)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--store", metavar="URI", help="bolt://... : time Neo4j instead")
    args = parser.parse_args()
    if args.store:
        neo4j_rates(args.store, args.relations, args.baseline, args.per_doc, args.cast)
        return
    actors = args.actors or max(args.relations // 10, 50)

    with tempfile.TemporaryDirectory(prefix="ag-bench-") as scratch:
        home = args.data_dir or Path(scratch)
        try:
            store = open_store(graph="bench_batched", data_dir=home)
            assert isinstance(store, FalkorDBStore)
            store.batch_rows = args.batch_rows
            store.clear()
            rates = {}
            for label, first_doc in (("new graph", 0), ("incremental", 10**7)):
                started = time.perf_counter()
                data = list(
                    synthetic(args.relations, actors, args.per_doc, args.cast, 7, first_doc)
                )
                making_s = time.perf_counter() - started
                before = count_relations(store)
                with tuned_for_writing():
                    started = time.perf_counter()
                    summary = store.write(data)
                    elapsed = time.perf_counter() - started
                rewrite_s = wait_for_log_rewrite(store)
                del data
                assert count_relations(store) - before == summary.relations == args.relations
                rates[label] = args.relations / elapsed
                print(
                    f"{label:<11}: {args.relations:>9,} relations into a graph of {before:,}, "
                    f"{summary.documents:,} documents, {actors:,} actors "
                    f"({args.cast or 'any'} a document), made in {making_s:.2f} s; "
                    f"store write {elapsed:.2f} s = {rates[label]:>10,.0f} relations/s "
                    f"(batch {args.batch_rows:,} rows; log rewrite after it {rewrite_s:.2f} s, "
                    "off the clock)"
                )
            batched_rate = rates["incremental"]

            small_actors = max(args.baseline // 10, 50)
            for label in ("batched", "per-row"):
                target = open_store(graph=f"bench_{label}_small", data_dir=home)
                assert isinstance(target, FalkorDBStore)
                target.clear()
                data = list(synthetic(args.baseline, small_actors, args.per_doc, args.cast))
                with tuned_for_writing():
                    started = time.perf_counter()
                    if label == "per-row":
                        per_row(target, data)
                    else:
                        target.write(data[:1])  # the graph exists: the write is incremental
                        target.write(data[1:])
                    elapsed = time.perf_counter() - started
                wait_for_log_rewrite(target)
                assert count_relations(target) == args.baseline
                rates[label] = args.baseline / elapsed
                print(
                    f"{label:<8}: {args.baseline:>9,} relations in {elapsed:7.2f} s "
                    f"= {rates[label]:>10,.0f} relations/s"
                )
            per_row_rate = rates["per-row"]
            print(
                f"ratio   : incremental ({args.relations:,}) / per-row "
                f"= {batched_rate / per_row_rate:,.0f}x"
            )
            print(
                f"ratio   : same size ({args.baseline:,}) = {rates['batched'] / per_row_rate:,.0f}x"
            )
        finally:
            embedded.stop(home)


if __name__ == "__main__":
    main()
