"""The centrality report: the same numbers in every format, filters that bite."""

from __future__ import annotations

import io
import re

import networkx as nx
import pytest
from analysis_formats import from_csv, from_html, from_json, from_markdown
from analysis_graphs import extractions

from actorgraph.graph.filters import GraphFilter
from actorgraph.graph.networkx_io import from_extractions
from actorgraph.queries.report import CentralityReport, centrality_report, render_report


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return from_extractions(extractions())


@pytest.fixture(scope="module")
def report(graph: nx.MultiDiGraph) -> CentralityReport:
    return centrality_report(graph, metric="betweenness")


def rendered(report: CentralityReport, fmt: str) -> str:
    out = io.StringIO()
    render_report(report, fmt, out)  # type: ignore[arg-type]
    return out.getvalue()


def test_every_format_carries_the_same_numbers(report: CentralityReport) -> None:
    expected = {row.id: row.scores for row in report.rows}
    assert len(expected) == 10
    parsed = {
        "json": from_json(rendered(report, "json")),
        "csv": from_csv(rendered(report, "csv")),
        "md": from_markdown(rendered(report, "md")),
        "html": from_html(rendered(report, "html")),
    }
    for fmt, scores in parsed.items():
        assert scores == expected, fmt


def test_table_lists_actors_in_rank_order(report: CentralityReport) -> None:
    text = rendered(report, "table")
    first, second = report.rows[0].name, report.rows[1].name
    assert first in text and second in text
    assert text.index(first) < text.index(second)
    assert "Betweenness and closeness: exact" in text


def test_rows_are_sorted_and_ranked(report: CentralityReport) -> None:
    ranks = [row.ranks["betweenness"] for row in report.rows]
    assert ranks == sorted(ranks)
    assert ranks[0] == 1
    scores = [row.scores["betweenness"] for row in report.rows]
    assert scores == sorted(scores, reverse=True)


def test_html_is_self_contained_with_a_chart_per_metric(report: CentralityReport) -> None:
    page = rendered(report, "html")
    assert page.count("<svg") == len(report.metrics)
    assert "<rect" in page
    # No script, stylesheet, image or font is fetched from anywhere.
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert not re.search(r"url\(|@import", page)
    assert set(re.findall(r"https?://[^\"' ]+", page)) <= {"http://www.w3.org/2000/svg"}
    assert "Communities (Louvain)" in page and "Country pairs" in page


def test_report_sections(report: CentralityReport) -> None:
    pairs = {pair.pair: pair for pair in report.country_pairs}
    # Italy–US: meeting, visit, cooperation, agreement, support... across documents.
    assert pairs["IT–US"].total >= 5
    assert pairs["IT–RU"].conflict == 3
    assert sum(c.size for c in report.communities) == report.actors
    assert report.brokers and all(b.brokerage > 0 for b in report.brokers)
    assert report.betweenness_sources is None


def test_communities_are_reproducible(graph: nx.MultiDiGraph) -> None:
    first = centrality_report(graph, seed=5).communities
    assert centrality_report(graph, seed=5).communities == first


def test_sampled_report_states_its_sample(graph: nx.MultiDiGraph) -> None:
    sampled = centrality_report(graph, samples=4, seed=1)
    assert sampled.betweenness_sources == 4
    assert "sampled from 4 sources (seed 1)" in rendered(sampled, "md")
    assert centrality_report(graph, samples=4, seed=1) == sampled


def test_type_and_top_cut_rows_not_ranks(graph: nx.MultiDiGraph) -> None:
    full = centrality_report(graph, metric="degree")
    agencies = centrality_report(graph, metric="degree", types=["Agency"], top=2)
    assert [row.type for row in agencies.rows] == ["Agency", "Agency"]
    global_ranks = {row.id: row.ranks for row in full.rows}
    assert all(row.ranks == global_ranks[row.id] for row in agencies.rows)


def scores_with(graph_filter: GraphFilter, metric: str = "degree") -> dict[str, float]:
    G = from_extractions(extractions(), graph_filter)
    report = centrality_report(G, metric=metric)  # type: ignore[arg-type]
    return {row.id: row.scores[metric] for row in report.rows}


def test_family_filter_keeps_only_that_family() -> None:
    conflict = scores_with(GraphFilter(families=("conflict",)))
    assert conflict["italy"] == 2  # russia, noname057
    assert conflict["dhs"] == 0
    everything = scores_with(GraphFilter())
    assert everything["dhs"] > 0


def test_date_window_filters_by_partial_dates() -> None:
    G = from_extractions(extractions(), GraphFilter(since="2024-01", until="2024-03"))
    kinds = sorted(data["type"] for _, _, data in G.edges(data=True))
    # acn-carabinieri is dated only "2024": it can fall in the window, so it stays.
    assert kinds == ["ACCUSED", "ATTACKED", "DENIED", "MET_WITH", "MET_WITH"]


def test_modality_and_confidence_filters() -> None:
    negated = from_extractions(extractions(), GraphFilter(modalities=("negated",)))
    assert [(u, v) for u, v in negated.edges()] == [("dhs", "russia")]
    confident = from_extractions(extractions(), GraphFilter(min_confidence=0.8))
    assert all(data.get("confidence", 1.0) >= 0.8 for _, _, data in confident.edges(data=True))
    assert not confident.has_edge("cisa", "carabinieri")  # confidence 0.3


def test_actor_filters_induce_a_subgraph() -> None:
    italian = from_extractions(extractions(), GraphFilter(countries=("IT",)))
    assert set(italian) == {"italy", "carabinieri", "piantedosi", "acn"}
    assert all(italian.nodes[n]["country"] == "IT" for n in italian)
    agencies = scores_with(GraphFilter(actor_types=("Agency",)), metric="betweenness")
    assert set(agencies) == {"dhs", "cisa", "carabinieri", "acn", "enisa"}


def test_relation_type_filter_changes_pagerank() -> None:
    base = scores_with(GraphFilter(), metric="pagerank")
    met = scores_with(GraphFilter(types=("MET_WITH",)), metric="pagerank")
    assert base != met
    assert met["enisa"] < base["enisa"]


def test_window_order_is_validated() -> None:
    with pytest.raises(ValueError, match="after until"):
        GraphFilter(since="2024", until="2023-12")


def test_charts_show_the_leaders_of_the_whole_graph(graph: nx.MultiDiGraph) -> None:
    # Cut to one row by PageRank, the degree chart still shows the degree leaders.
    report = centrality_report(graph, metric="pagerank", top=1)
    full = centrality_report(graph, metric="degree")
    assert [leader.id for leader in report.leaders["degree"]] == [row.id for row in full.rows[:10]]
    page = rendered(report, "html")
    for leader in report.leaders["degree"]:
        assert leader.name in page
