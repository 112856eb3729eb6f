"""The lean analysis path against the networkx one, on the real stores.

* ``read_edges`` (the columns the metrics read, filters in Cypher) holds the
  same relations as the multigraph ``from_store``/``from_extractions`` build,
  and collapses to the same weighted graphs;
* ``ego``, ``path`` and ``timeline`` answered in the store equal the networkx
  functions on the whole graph (the snapshot path), filters included;
* GraphML streamed out of the store equals the export of the graph read whole;
* a page drawn from the store (ranked in one lean pass, details read for
  what it keeps) equals the page made of the whole graph;
* on a graph of about 100,000 relations the report from the store equals the
  report from the networkx multigraph, and its metrics equal networkx's own
  (sampled betweenness on the same sources; Louvain within a stated
  modularity tolerance).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import igraph
import networkx as nx
import numpy as np
import pytest
from analysis_graphs import ACTORS, extractions

from actorgraph.graph.edges import EdgeTable, edges_from_graph, read_edges
from actorgraph.graph.filters import GraphFilter
from actorgraph.graph.models import Actor, Document, EventRelation, Extraction
from actorgraph.graph.networkx_io import collapse, from_extractions, from_store
from actorgraph.graph.ontology import ACTOR_TYPES, EVENT_TYPES
from actorgraph.graph.store import Store
from actorgraph.queries import centrality
from actorgraph.queries.arrays import collapse_edges, graph_arrays
from actorgraph.queries.communities import communities
from actorgraph.queries.export import export_graph, export_store
from actorgraph.queries.named import chains_in_store, ego_graph_in_store, timeline_in_store
from actorgraph.queries.paths import ego_graph, shortest_chains
from actorgraph.queries.render_data import ExplorerData, drawn_part, explorer_data
from actorgraph.queries.report import centrality_report
from actorgraph.queries.timeline import timeline

FILTERS = [
    GraphFilter(),
    GraphFilter(families=("conflict", "structure")),
    GraphFilter(types=("MET_WITH", "PART_OF", "COOPERATES_WITH")),
    GraphFilter(modalities=("negated", "planned")),
    GraphFilter(min_confidence=0.85),
    GraphFilter(since="2023", until="2023-06"),
    GraphFilter(since="2024-02"),
    GraphFilter(countries=("US", "IT"), actor_types=("Agency", "Country", "Person")),
]
FILTER_IDS = ["none", "family", "types", "modality", "confidence", "window", "since", "actors"]
# Louvain is greedy and igraph's and networkx's visit nodes in different
# orders: their partitions may differ, their modularity by no more than this.
MODULARITY_TOLERANCE = 0.02


def relation_rows(table: EdgeTable) -> list[tuple[str, str, str, str | None, str | None]]:
    """Every relation of a table as (source, target, type, doc, date), sorted."""
    return sorted(
        (
            table.ids[s],
            table.ids[t],
            table.kinds[k],
            None if doc < 0 else table.doc_ids[doc],
            None if date < 0 else table.dates[date],
        )
        for s, t, k, doc, date in zip(
            table.source.tolist(),
            table.target.tolist(),
            table.kind.tolist(),
            table.doc.tolist(),
            table.date.tolist(),
            strict=True,
        )
    )


def weighted_pairs(table: EdgeTable, *, directed: bool) -> set[tuple[str, str, float]]:
    coo = collapse_edges(table, directed=directed).matrix.tocoo()
    return {
        (table.ids[u], table.ids[v], w)
        for u, v, w in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist(), strict=True)
    }


def same_table(ours: EdgeTable, expected: EdgeTable) -> None:
    """Same actors, relations and collapsed graphs, whatever the row order."""
    assert ours.ids == sorted(ours.ids)
    actors = zip(ours.ids, ours.names, ours.types, ours.countries, strict=True)
    wanted = zip(expected.ids, expected.names, expected.types, expected.countries, strict=True)
    assert sorted(actors) == sorted(wanted)
    assert relation_rows(ours) == relation_rows(expected)
    for directed in (True, False):
        assert weighted_pairs(ours, directed=directed) == weighted_pairs(
            expected, directed=directed
        )


@pytest.fixture
def loaded(store: Store) -> Store:
    store.write(extractions())
    return store


@pytest.mark.parametrize("graph_filter", FILTERS, ids=FILTER_IDS)
def test_read_edges_holds_the_multigraph_relations(
    loaded: Store, graph_filter: GraphFilter
) -> None:
    expected = from_extractions(extractions(), graph_filter)
    table = read_edges(loaded, graph_filter, page_size=3)
    same_table(table, edges_from_graph(expected))
    assert table.documents == len(extractions())
    if graph_filter != GraphFilter():
        assert table.relations < read_edges(loaded).relations


def test_collapse_edges_is_networkx_collapse() -> None:
    G = from_extractions(extractions())
    table = edges_from_graph(G)
    for directed in (True, False):
        arrays = collapse_edges(table, directed=directed)
        reference = graph_arrays(collapse(G, directed=directed))
        assert arrays.nodes == reference.nodes
        assert (arrays.matrix != reference.matrix).nnz == 0


def test_read_edges_takes_any_text(store: Store) -> None:
    nasty = 'doc "quoted" \\ with\ttab'
    base = extractions()[0]
    document = base.document.model_copy(update={"id": nasty})
    relations = [r.model_copy(update={"doc": nasty, "date": None}) for r in base.relations]
    tricky = base.model_copy(update={"document": document, "relations": relations})
    store.write([tricky])
    table = read_edges(store)
    assert set(table.doc_ids) == {nasty}
    assert table.dates == ()


@pytest.mark.neo4j
def test_read_edges_on_neo4j(neo4j_store: Store) -> None:
    neo4j_store.write(extractions())
    for graph_filter in (GraphFilter(), GraphFilter(since="2023", countries=("US", "IT"))):
        expected = from_extractions(extractions(), graph_filter)
        same_table(read_edges(neo4j_store, graph_filter), edges_from_graph(expected))


def multigraph_edges(G: nx.MultiDiGraph) -> list[str]:
    return sorted(json.dumps([u, v, data], sort_keys=True) for u, v, data in G.edges(data=True))


def assert_named_queries_match(store: Store, graph_filter: GraphFilter) -> None:
    G = from_extractions(extractions(), graph_filter)
    for centre in ("dhs", "acn", "russia"):
        if centre not in G:
            continue
        for depth in (1, 2):
            ego, found = ego_graph_in_store(store, centre, depth, graph_filter)
            expected = ego_graph(G, centre, depth)
            assert found == centre
            assert set(ego) == set(expected)
            assert multigraph_edges(ego) == multigraph_edges(expected)
        rows = timeline_in_store(store, centre, graph_filter)
        assert rows == timeline(G, centre)
        assert timeline_in_store(store, centre, graph_filter, limit=2) == rows[:2]
    assert timeline_in_store(store, None, graph_filter) == timeline(G)
    actors = sorted(G)
    for source in actors:
        for target in actors:
            for max_hops in (None, 2):
                ours = chains_in_store(
                    store, source, target, graph_filter, all_paths=True, max_hops=max_hops
                )
                reference = shortest_chains(G, source, target, all_paths=True, max_hops=max_hops)
                assert ours == reference, (source, target, max_hops)


@pytest.mark.parametrize("graph_filter", FILTERS, ids=FILTER_IDS)
def test_named_queries_in_the_store_equal_the_graph_functions(
    loaded: Store, graph_filter: GraphFilter
) -> None:
    assert_named_queries_match(loaded, graph_filter)


@pytest.mark.neo4j
def test_named_queries_on_neo4j(neo4j_store: Store) -> None:
    neo4j_store.write(extractions())
    assert_named_queries_match(neo4j_store, GraphFilter())
    assert_named_queries_match(neo4j_store, GraphFilter(since="2023", families=("conflict",)))


def test_named_queries_refuse_an_actor_the_filters_leave_out(loaded: Store) -> None:
    from actorgraph.graph.errors import ActorNotFound

    with pytest.raises(ActorNotFound, match="left out by the actor filters"):
        ego_graph_in_store(loaded, "enisa", 1, GraphFilter(countries=("US",)))
    assert ACTORS["enisa"].get("country") is None


def synthetic(relations: int, seed: int = 11) -> list[Extraction]:
    """Documents of 20 relations among 8 of ``relations / 10`` actors, dated 2020-2024."""
    rng = random.Random(seed)
    pool = [
        Actor.model_construct(
            id=f"actor-{i:05d}",
            name=f"Actor {i}",
            type=ACTOR_TYPES[i % len(ACTOR_TYPES)],
            aliases=[],
            country=("IT", "US", "FR", None)[i % 4],
            mentions=[],
        )
        for i in range(relations // 10)
    ]
    kinds = list(EVENT_TYPES)
    result = []
    for number in range(relations // 20):
        doc = f"doc-{number:06d}"
        date = f"{rng.randint(2020, 2024)}-{rng.randint(1, 12):02d}"
        cast = rng.sample(pool, 8)
        rows = []
        for k in range(20):
            a, b = rng.sample(cast, 2)
            kind = kinds[(number + k) % len(kinds)]
            rows.append(
                EventRelation.model_construct(
                    source=a.id, target=b.id, type=kind, doc=doc, date=date,
                    evidence=f"Sentence {k}.", start=0, end=10, lang="en",
                    cameo=EVENT_TYPES[kind].cameo, plover=EVENT_TYPES[kind].plover,
                    modality="negated" if k == 7 else "asserted",
                    confidence=0.5 + (k % 5) / 10, rule="test",
                )
            )  # fmt: skip
        result.append(
            Extraction.model_construct(
                document=Document.model_construct(id=doc, date=date, title=f"Document {number}"),
                actors=sorted(
                    (a for a in cast if any(a.id in (r.source, r.target) for r in rows)),
                    key=lambda actor: actor.id,
                ),
                relations=rows,
            )
        )
    return result


@pytest.mark.slow
def test_report_at_a_hundred_thousand_relations_equals_the_reference(store: Store) -> None:
    store.write(synthetic(100_000))
    table = read_edges(store)
    G = from_store(store)
    assert G.number_of_edges() == table.relations > 90_000
    same_table(table, edges_from_graph(G))
    samples = 50
    ours = centrality_report(table, samples=samples, seed=3)
    assert ours == centrality_report(G, samples=samples, seed=3)
    assert ours.betweenness_sources == samples
    # The metrics themselves against networkx on the collapsed graphs.
    U, D = collapse(G, directed=False), collapse(G, directed=True)
    scores = {
        row.id: row.scores
        for row in centrality_report(table, samples=samples, seed=3, top=None).rows
    }
    degree = dict(U.degree())
    pagerank = nx.pagerank(D, weight="weight")
    between = nx.betweenness_centrality(U, k=samples, seed=3)
    for node in G:
        assert scores[node]["degree"] == degree[node]
        assert scores[node]["pagerank"] == pytest.approx(pagerank[node], rel=1e-3, abs=1e-7)
        assert scores[node]["betweenness"] == pytest.approx(between[node], rel=1e-5, abs=1e-9)
    ours_partition = communities(U, seed=3)
    reference = nx.community.louvain_communities(U, weight="weight", seed=3)
    modularity = nx.community.modularity(U, ours_partition, weight="weight")
    assert (
        modularity >= nx.community.modularity(U, reference, weight="weight") - MODULARITY_TOLERANCE
    )
    assert communities(U, seed=3) == ours_partition


def test_sampled_metrics_do_not_depend_on_the_worker_processes() -> None:
    G = nx.connected_watts_strogatz_graph(300, 6, 0.2, seed=1)
    one = centrality.path_metrics(G, 40, seed=2, workers=1)
    two = centrality.path_metrics(G, 40, seed=2, workers=2)
    for single, shared in zip(one, two, strict=True):
        assert np.allclose(single.array, shared.array, rtol=1e-12)
    assert dict(one[0]) == pytest.approx(nx.betweenness_centrality(G, k=40, seed=2))


def page_content(data: ExplorerData) -> dict[str, object]:
    """The page's data with links and events in a canonical order."""
    links = sorted(
        (
            link.source,
            link.target,
            link.family,
            link.directed,
            link.planned,
            link.documents,
            tuple(link.types),
            tuple(sorted(data.events[i].model_dump_json() for i in link.events)),
        )
        for link in data.links
    )
    rest = data.model_dump(exclude={"links", "events"})
    return {**rest, "links": links}


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"max_nodes": 4},
        {"max_nodes": 5, "size_by": "pagerank"},
        {"focus": "Homeland Security", "depth": 1},
        {"focus": "acn", "depth": 2, "max_nodes": 3},
    ],
    ids=["all", "top-4", "top-5-pagerank", "focus", "focus-top-3"],
)
def test_drawn_part_is_the_page_of_the_whole_graph(loaded: Store, options: dict) -> None:
    graph_filter = GraphFilter(since="2022")
    whole = explorer_data(from_store(loaded, graph_filter), **options)
    drawn = drawn_part(loaded, graph_filter, **options)
    # The page's labels come with the part, as the command passes them.
    labels = {name: options[name] for name in ("size_by", "depth") if name in options}
    part = explorer_data(drawn, **labels)
    assert page_content(part) == page_content(whole)
    if "max_nodes" in options:
        assert part.trim is not None and part.trim.actors_left_out > 0


def graphml_content(path: Path) -> tuple[dict[str, dict[str, object]], list[str]]:
    back = nx.read_graphml(path, force_multigraph=True)
    edges = sorted(
        json.dumps([u, v, {k: x for k, x in d.items() if k != "id"}], sort_keys=True)
        for u, v, d in back.edges(data=True)
    )
    return dict(back.nodes(data=True)), edges


@pytest.mark.parametrize(
    "graph_filter", FILTERS[:3] + FILTERS[-2:], ids=FILTER_IDS[:3] + FILTER_IDS[-2:]
)
def test_graphml_streamed_from_the_store_equals_the_graph_export(
    loaded: Store, graph_filter: GraphFilter, tmp_path: Path
) -> None:
    streamed, whole = tmp_path / "streamed.graphml", tmp_path / "whole.graphml"
    assert export_store(loaded, graph_filter, "graphml", streamed) == [streamed]
    export_graph(from_store(loaded, graph_filter), "graphml", whole)
    assert graphml_content(streamed) == graphml_content(whole)
    nodes, edges = graphml_content(streamed)
    assert set(nodes) == set(from_extractions(extractions(), graph_filter))
    assert len(edges) == from_extractions(extractions(), graph_filter).number_of_edges()
    assert igraph.Graph.Read_GraphML(str(streamed)).ecount() == len(edges)
