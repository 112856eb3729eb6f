"""The HTML explorer's page, read as text and as data (no browser here)."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest
from render_graphs import HOSTILE, hostile_graph, sample_graph

from actorgraph.graph.errors import ActorNotFound
from actorgraph.graph.filters import GraphFilter
from actorgraph.graph.ontology import family_of, is_directed
from actorgraph.queries.render import (
    FAMILY_COLORS,
    PHYSICS_MAX_NODES,
    STABILIZATION_ITERATIONS,
    describe_filter,
    embed_json,
    render_html,
)
from actorgraph.queries.render_data import explorer_data
from actorgraph.queries.render_layout import layout_positions

DATA_BLOCK = re.compile(
    r'<script type="application/json" id="actorgraph-data">(.*?)</script>', re.DOTALL
)


def page_data(page: str) -> dict:
    match = DATA_BLOCK.search(page)
    assert match is not None
    return json.loads(match.group(1))


def test_embedded_json_cannot_end_its_script_block() -> None:
    value = {"text": [*HOSTILE, "<!-- x -->", "a\u2028b\u2029c", "&amp;"]}
    embedded = embed_json(value)
    assert not re.search(r"[<>&\u2028\u2029]", embedded)
    assert json.loads(embedded) == value


def test_page_is_self_contained() -> None:
    page = render_html(sample_graph(), title="Sample")
    assert page.startswith("<!DOCTYPE html>")
    # Only our three script blocks (the data, vis-network and the explorer) end.
    assert page.lower().count("</script") == 3
    assert not re.search(r"<script[^>]+src=|<link\b|@import|url\(\s*['\"]?https?:", page, re.I)
    assert "sourceMappingURL" not in page
    assert "default-src 'none'" in page


def test_hostile_text_stays_inside_the_data_block() -> None:
    page = render_html(hostile_graph(), title=HOSTILE[0], filters_text=HOSTILE[1])
    data = page_data(page)
    assert page.lower().count("</script") == 3
    assert "<img" not in page.lower()
    names = {actor["name"] for actor in data["actors"]}
    assert set(HOSTILE) == names
    assert data["meta"]["title"] == HOSTILE[0]
    title = re.search(r"<title>(.*?)</title>", page, re.DOTALL)
    assert title is not None and "&lt;img src=x onerror" in title.group(1)
    # vis-network must have no title of its own to show as a tooltip.
    assert all("title" not in node for node in data["vis"]["nodes"])
    assert all("title" not in edge for edge in data["vis"]["edges"])


def test_counts_match_the_graph() -> None:
    G = sample_graph()
    data = page_data(render_html(G))
    assert len(data["actors"]) == len(data["vis"]["nodes"]) == G.number_of_nodes()
    assert data["relations"] == len(data["events"]) == G.number_of_edges()
    assert sum(len(link["events"]) for link in data["links"]) == G.number_of_edges()
    assert len(data["links"]) == len(data["vis"]["edges"])


def test_parallel_relations_collapse_by_family_direction_and_modality() -> None:
    data = explorer_data(sample_graph())
    acn_cisa = [link for link in data.links if {link.source, link.target} == {"acn", "cisa"}]
    # SIGNED_AGREEMENT (agreement), SHARES_INFORMATION (information) and
    # COOPERATES_WITH (cooperation) between the same pair: three links.
    assert sorted(link.family for link in acn_cisa) == ["agreement", "cooperation", "information"]
    for link in data.links:
        events = [data.events[i] for i in link.events]
        assert {family_of(event.type) for event in events} == {link.family}
        assert {is_directed(event.type) for event in events} == {link.directed}
        assert link.planned == all(event.modality == "planned" for event in events)


def test_width_grows_with_supporting_documents() -> None:
    G = nx.MultiDiGraph(documents={})
    G.add_node("a", name="A", type="Country")
    G.add_node("b", name="B", type="Country")
    G.add_node("c", name="C", type="Country")
    for doc in ("d1", "d2", "d3", "d4"):
        G.add_edge("a", "b", type="MET_WITH", doc=doc, evidence="A met B.")
    G.add_edge("a", "c", type="MET_WITH", doc="d1", evidence="A met C.")
    G.add_edge("a", "c", type="MET_WITH", doc="d1", evidence="A met C again.")
    data = page_data(render_html(G))
    links = {(link["source"], link["target"]): link for link in data["links"]}
    widths = {edge["id"]: edge["width"] for edge in data["vis"]["edges"]}
    assert links[("a", "b")]["documents"] == 4 and links[("a", "c")]["documents"] == 1
    assert widths[links[("a", "b")]["id"]] > widths[links[("a", "c")]["id"]]


def test_edge_style_follows_the_ontology() -> None:
    data = page_data(render_html(sample_graph()))
    links = {link["id"]: link for link in data["links"]}
    for edge in data["vis"]["edges"]:
        link = links[edge["id"]]
        assert edge["color"] == FAMILY_COLORS[link["family"]]
        assert edge["arrows"] == ("to" if link["directed"] else "")
        assert edge.get("dashes", False) == link["planned"]
    planned = [link for link in links.values() if link["planned"]]
    assert [(link["source"], link["target"]) for link in planned] == [("acn", "enisa")]


def test_max_nodes_keeps_the_most_central_and_says_what_it_left_out() -> None:
    G = nx.star_graph(6, create_using=nx.MultiDiGraph)
    G.add_edge(1, 2)
    nx.set_edge_attributes(G, "MET_WITH", "type")
    G = nx.relabel_nodes(G, {n: f"n{n}" for n in G})
    for node in G:
        G.nodes[node].update(name=node, type="Agency")
    data = explorer_data(G, max_nodes=3)
    assert [actor.id for actor in data.actors] == ["n0", "n1", "n2"]
    assert data.trim is not None
    assert (data.trim.kept, data.trim.total, data.trim.actors_left_out) == (3, 7, 4)
    assert data.trim.relations_left_out == 4
    assert data.relations == 3


def test_focus_keeps_the_neighbourhood() -> None:
    G = sample_graph()
    data = explorer_data(G, focus="enisa", depth=1)
    assert {actor.id for actor in data.actors} == {"enisa", "acn", "european-union"}
    by_alias = explorer_data(G, focus="EU Agency for Cybersecurity", depth=1)
    assert [actor.id for actor in by_alias.actors] == [actor.id for actor in data.actors]
    assert by_alias.focus == "enisa"
    deeper = explorer_data(G, focus="enisa", depth=2)
    assert "cisa" in {actor.id for actor in deeper.actors}
    # Trimming a focused page never drops the focus, however low its score.
    trimmed = explorer_data(G, focus="enisa", depth=3, max_nodes=2)
    assert "enisa" in {actor.id for actor in trimmed.actors}
    assert trimmed.trim is not None and trimmed.trim.kept == 2
    with pytest.raises(ActorNotFound):
        explorer_data(G, focus="atlantis")


def test_large_graphs_are_laid_out_in_python_and_small_ones_settle() -> None:
    G = nx.gnm_random_graph(PHYSICS_MAX_NODES + 50, 1200, seed=3, directed=True)
    H = nx.MultiDiGraph(documents={})
    H.add_nodes_from((f"a{n}", {"name": f"A{n}", "type": "Agency"}) for n in G)
    H.add_edges_from((f"a{u}", f"a{v}", {"type": "COOPERATES_WITH"}) for u, v in G.edges())
    large = page_data(render_html(H))
    assert large["meta"]["physics"] is False
    assert large["vis"]["options"]["physics"]["enabled"] is False
    assert all("x" in node and "y" in node for node in large["vis"]["nodes"])
    small = page_data(render_html(sample_graph()))
    stabilization = small["vis"]["options"]["physics"]["stabilization"]
    assert small["meta"]["physics"] is True
    assert stabilization["iterations"] == STABILIZATION_ITERATIONS


def test_layout_is_deterministic_and_separates_nodes() -> None:
    G = nx.gnm_random_graph(900, 2200, seed=5)
    first, second = layout_positions(G, seed=1), layout_positions(G, seed=1)
    assert first == second
    distinct = {(round(x), round(y)) for x, y in first.values()}
    assert len(distinct) > 0.9 * G.number_of_nodes()


def test_heading_states_the_filters() -> None:
    assert describe_filter(GraphFilter()) == "no filters"
    words = describe_filter(
        GraphFilter(
            families=("conflict",),
            actor_types=("Agency", "Country"),
            modalities=("asserted",),
            since="2023-05",
        )
    )
    assert words == (
        "families: conflict; actor types: Agency, Country; modalities: asserted; since 2023-05"
    )
    G = sample_graph()
    G.graph["filter"] = GraphFilter(families=("conflict",)).model_dump(mode="json")
    assert "families: conflict" in page_data(render_html(G))["meta"]["heading"]


def test_an_empty_graph_renders_an_empty_page() -> None:
    data = page_data(render_html(nx.MultiDiGraph(documents={})))
    assert data["actors"] == data["links"] == data["vis"]["nodes"] == []
    assert data["meta"]["physics"] is False


def test_unknown_size_metric_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown size metric"):
        render_html(sample_graph(), size_by="charisma")
