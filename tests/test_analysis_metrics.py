"""Every metric against networkx computed directly on the same small graph."""

from __future__ import annotations

import doctest
import importlib

import networkx as nx
import pytest
from analysis_graphs import extractions

from actorgraph.graph.networkx_io import collapse, from_extractions
from actorgraph.queries import centrality
from actorgraph.queries.communities import communities

TOLERANCE = 1e-9


@pytest.fixture(scope="module")
def multigraph() -> nx.MultiDiGraph:
    return from_extractions(extractions())


@pytest.fixture(scope="module")
def directed(multigraph: nx.MultiDiGraph) -> nx.DiGraph:
    return collapse(multigraph, directed=True)


@pytest.fixture(scope="module")
def undirected(multigraph: nx.MultiDiGraph) -> nx.Graph:
    return collapse(multigraph, directed=False)


def assert_same(ours: dict, theirs: dict) -> None:
    assert set(ours) == set(theirs)
    for node, value in theirs.items():
        assert ours[node] == pytest.approx(value, abs=TOLERANCE), node


def test_collapse_weights_count_distinct_documents(multigraph: nx.MultiDiGraph) -> None:
    U = collapse(multigraph, directed=False)
    # Piantedosi and DHS met in two documents (doc-a, doc-b), one relation each.
    assert U["piantedosi"]["dhs"]["weight"] == 2
    # Piantedosi met and visited... the US only through doc-a: one document.
    assert U["piantedosi"]["united-states"]["weight"] == 1
    # Italy and Russia: ACCUSED and DENIED in the same document count once.
    assert U["italy"]["russia"]["weight"] == 1
    assert U["italy"]["russia"]["relations"] == 2
    D = collapse(multigraph, directed=True)
    # ACCUSED is directed: italy -> russia; DENIED is russia -> italy.
    assert D.has_edge("italy", "russia") and D.has_edge("russia", "italy")
    # VISITED is directed and nothing goes back from the US to Piantedosi.
    assert not D.has_edge("united-states", "piantedosi")
    # MET_WITH has no direction: both ways.
    assert D.has_edge("carabinieri", "acn") and D.has_edge("acn", "carabinieri")


def test_negated_events_are_left_out_by_default(multigraph: nx.MultiDiGraph) -> None:
    assert not multigraph.has_edge("dhs", "russia")


def test_degrees_match_networkx(directed: nx.DiGraph, undirected: nx.Graph) -> None:
    assert_same(centrality.degree(directed), dict(undirected.degree()))
    assert_same(centrality.degree(undirected), dict(undirected.degree()))
    assert_same(centrality.in_degree(directed), dict(directed.in_degree()))
    assert_same(centrality.out_degree(directed), dict(directed.out_degree()))
    assert_same(centrality.weighted_degree(undirected), dict(undirected.degree(weight="weight")))


def test_betweenness_matches_networkx(undirected: nx.Graph) -> None:
    assert_same(centrality.betweenness(undirected), nx.betweenness_centrality(undirected))


def test_sampled_betweenness_matches_networkx_and_is_reproducible(undirected: nx.Graph) -> None:
    ours = centrality.betweenness(undirected, k=4, seed=3)
    assert_same(ours, nx.betweenness_centrality(undirected, k=4, seed=3))
    assert centrality.betweenness(undirected, k=4, seed=3) == ours
    assert centrality.betweenness(undirected, k=4, seed=4) != ours


def test_closeness_matches_networkx(undirected: nx.Graph) -> None:
    assert_same(centrality.closeness(undirected), nx.closeness_centrality(undirected))


def test_closeness_on_a_disconnected_graph_matches_networkx() -> None:
    G = nx.Graph([(1, 2), (2, 3), (4, 5)])
    G.add_node(6)
    assert_same(centrality.closeness(G), nx.closeness_centrality(G))


def test_eigenvector_matches_networkx(undirected: nx.Graph) -> None:
    assert nx.is_connected(undirected)
    expected = nx.eigenvector_centrality_numpy(undirected, weight="weight")
    assert_same(centrality.eigenvector(undirected), expected)


def test_eigenvector_on_a_disconnected_graph_scores_the_largest_component() -> None:
    G = nx.Graph([(1, 2), (2, 3), (3, 1), (3, 4), (5, 6)])
    G.add_node(7)
    scores = centrality.eigenvector(G)
    core = G.subgraph([1, 2, 3, 4])
    assert_same({n: scores[n] for n in core}, nx.eigenvector_centrality_numpy(core))
    assert scores[5] == scores[6] == scores[7] == 0.0


def test_eigenvector_on_a_large_disconnected_graph_uses_arpack() -> None:
    G = nx.disjoint_union(nx.barabasi_albert_graph(300, 3, seed=1), nx.path_graph(50))
    scores = centrality.eigenvector(G)
    core = G.subgraph(range(300))
    assert_same({n: scores[n] for n in core}, nx.eigenvector_centrality_numpy(core))
    assert all(scores[n] == 0.0 for n in range(300, 350))


def test_pagerank_matches_networkx(directed: nx.DiGraph) -> None:
    ours = centrality.pagerank(directed)
    theirs = nx.pagerank(directed, weight="weight")
    for node, value in theirs.items():
        assert ours[node] == pytest.approx(value, abs=1e-6)


def test_metrics_match_networkx_on_a_larger_graph() -> None:
    G = nx.gnm_random_graph(400, 1200, seed=11)
    assert_same(centrality.betweenness(G), nx.betweenness_centrality(G))
    assert_same(centrality.closeness(G), nx.closeness_centrality(G))
    assert_same(centrality.betweenness(G, k=60, seed=5), nx.betweenness_centrality(G, k=60, seed=5))


def test_default_switches_to_sampling_above_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    G = nx.gnm_random_graph(200, 600, seed=2)
    monkeypatch.setattr(centrality, "EXACT_LIMIT", 100)
    monkeypatch.setattr(centrality, "SAMPLES", 50)
    assert_same(centrality.betweenness(G, seed=9), nx.betweenness_centrality(G, k=50, seed=9))


def test_brokers_rank_the_bridge_first() -> None:
    G = nx.barbell_graph(5, 1)
    scores = centrality.brokers(centrality.betweenness(G), centrality.degree(G), size=len(G))
    assert max(scores, key=scores.__getitem__) == 5


def test_communities_are_reproducible_and_split_the_blocs() -> None:
    G = nx.connected_caveman_graph(4, 6)
    first = communities(G, seed=7)
    assert communities(G, seed=7) == first
    assert sorted(len(members) for members in first) == [6, 6, 6, 6]


@pytest.mark.parametrize(
    "module",
    [
        "actorgraph.graph.edges",
        "actorgraph.graph.filters",
        "actorgraph.graph.networkx_io",
        "actorgraph.queries.arrays",
        "actorgraph.queries.centrality",
        "actorgraph.queries.communities",
        "actorgraph.queries.country_pairs",
        "actorgraph.queries.export",
        "actorgraph.queries.paths",
        "actorgraph.queries.render_data",
        "actorgraph.queries.report",
        "actorgraph.queries.timeline",
        "actorgraph.queries.windows",
    ],
)
def test_docstring_examples_run(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0
    assert result.failed == 0
