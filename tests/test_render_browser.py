"""The HTML explorer in headless Chromium: offline loading, counts, search,
filters, evidence, and that hostile text stays text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import OfflinePage, launch_chromium, open_offline
from playwright.sync_api import Browser, Page
from render_graphs import HOSTILE, hostile_graph, sample_graph

from actorgraph.graph.networkx_io import from_store
from actorgraph.graph.store import Store
from actorgraph.loaders.ingest import load_paths
from actorgraph.loaders.pipeline import DocumentPipeline
from actorgraph.queries.render import ACTOR_STYLES, write_html

pytestmark = pytest.mark.browser

READY = "window.actorgraph && window.actorgraph.ready"
REPO = Path(__file__).resolve().parents[1]
OUTPUT = REPO / "test-output"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    try:
        with launch_chromium() as running:
            yield running
    except FileNotFoundError as missing:
        pytest.fail(f"headless Chromium is required (make browser): {missing}")


@pytest.fixture
def sample_page(browser: Browser, tmp_path: Path) -> Iterator[OfflinePage]:
    path = write_html(sample_graph(), tmp_path / "sample.html", title="Sample graph").path
    opened = open_offline(browser, path, ready=READY, bypass_csp=True)
    yield opened
    opened.close()


def click_canvas_point(page: Page, point: dict[str, float]) -> None:
    box = page.locator("#graph").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def node_point(page: Page, node_id: str) -> dict[str, float]:
    return page.evaluate(
        """id => { const n = window.actorgraph.network;
                   return n.canvasToDOM(n.getPositions([id])[id]); }""",
        node_id,
    )


def edge_point(page: Page, edge_id: str) -> dict[str, float]:
    # The middle of the edge as drawn (straight or curved), from vis-network's
    # own edge geometry.
    return page.evaluate(
        """id => { const n = window.actorgraph.network;
                   const edge = n.body.edges[id];
                   return n.canvasToDOM(edge.edgeType.getPoint(0.5)); }""",
        edge_id,
    )


def click_all_text(page: Page) -> None:
    """Hover and click every visible element of the details panel."""
    for element in page.locator("#details *").all():
        if element.is_visible():
            element.hover()
            element.click()


def details_text(page: Page) -> str:
    return page.locator("#details").inner_text()


def test_page_loads_offline_without_errors_and_shows_the_whole_graph(
    browser: Browser, tmp_path: Path
) -> None:
    G = sample_graph()
    path = write_html(G, tmp_path / "sample.html", title="Sample graph").path
    # With its Content-Security-Policy on, as a user opens it.
    sample_page = open_offline(browser, path, ready=READY)
    page = sample_page.page
    assert sample_page.blocked == []
    assert sample_page.errors == []
    counts: dict[str, Any] = page.evaluate(
        """() => { const a = window.actorgraph;
                   return {nodes: a.nodes.length, edges: a.edges.length,
                           actors: a.data.actors.length, events: a.data.events.length,
                           links: a.data.links.length,
                           canvas: document.querySelectorAll('#graph canvas').length}; }"""
    )
    assert counts["nodes"] == counts["actors"] == G.number_of_nodes()
    assert counts["events"] == G.number_of_edges()
    assert counts["edges"] == counts["links"] > 0
    assert counts["canvas"] == 1
    drawn = page.evaluate(
        """() => Object.values(window.actorgraph.network.body.nodes)
                 .filter(node => !node.isCluster && node.options.group)
                 .map(node => [node.options.group, node.options.shape,
                               node.options.color.background])"""
    )
    assert len(drawn) == G.number_of_nodes()
    for group, shape, color in drawn:
        assert (color, shape) == ACTOR_STYLES[group]
    assert page.title().startswith("Sample graph")
    assert "generated" in page.locator("h1").inner_text()
    legend = page.locator("#type-filter").inner_text()
    for actor_type in ("Country", "Agency", "Person", "InternationalOrganization"):
        assert actor_type in legend
    sample_page.close()


def test_search_by_alias_focuses_the_actor(sample_page: OfflinePage) -> None:
    page = sample_page.page
    page.fill("#search", "Homeland Security")
    page.press("#search", "Enter")
    assert page.evaluate("window.actorgraph.network.getSelectedNodes()") == ["dhs"]
    assert "Department of Homeland Security" in details_text(page)
    # Suggestions are built on first use of the search box.
    assert page.locator("#actor-names option[value='Stati Uniti']").count() == 1
    page.fill("#search", "italia")
    page.click("#search-form button")
    assert page.evaluate("window.actorgraph.network.getSelectedNodes()") == ["italy"]
    page.fill("#search", "Atlantis")
    page.press("#search", "Enter")
    assert "No actor matches" in page.locator("#search-result").inner_text()


def test_family_filter_hides_exactly_that_familys_edges(sample_page: OfflinePage) -> None:
    page = sample_page.page
    links = page.evaluate("window.actorgraph.data.links")
    page.locator("#family-filter input[value=conflict]").uncheck()
    hidden = page.evaluate(
        "window.actorgraph.edges.get({filter: e => e.hidden === true}).map(e => e.id)"
    )
    assert sorted(hidden) == sorted(link["id"] for link in links if link["family"] == "conflict")
    assert len(hidden) == 2
    page.locator("#family-filter input[value=conflict]").check()
    assert page.evaluate("window.actorgraph.visibleLinkIds().length") == len(links)


def test_type_and_date_filters_hide_the_right_edges(sample_page: OfflinePage) -> None:
    page = sample_page.page
    data = page.evaluate("window.actorgraph.data")
    page.locator("#type-filter input[value=Person]").uncheck()
    visible = set(page.evaluate("window.actorgraph.visibleLinkIds()"))
    assert visible == {
        link["id"] for link in data["links"] if "piantedosi" not in (link["source"], link["target"])
    }
    page.locator("#type-filter input[value=Person]").check()
    # Move the start of the window to the last date: only links with an event
    # on that date, or with undated events, stay.
    last = len(data["dates"]) - 1
    page.evaluate(
        """last => { const input = document.getElementById('date-from');
                     input.value = String(last);
                     input.dispatchEvent(new Event('input')); }""",
        last,
    )
    final = data["dates"][last]
    expected = {
        link["id"]
        for link in data["links"]
        if any(data["events"][i]["date"] in (None, final) for i in link["events"])
    }
    assert set(page.evaluate("window.actorgraph.visibleLinkIds()")) == expected
    assert len(expected) < len(data["links"])


def test_clicking_an_edge_shows_its_evidence(sample_page: OfflinePage) -> None:
    page = sample_page.page
    data = page.evaluate("window.actorgraph.data")
    link = next(link for link in data["links"] if link["family"] == "conflict")
    page.evaluate("window.actorgraph.network.fit({animation: false})")
    click_canvas_point(page, edge_point(page, link["id"]))
    text = details_text(page)
    for index in link["events"]:
        assert data["events"][index]["evidence"] in text
    assert "Hacktivists hit Italian sites" in text


def test_document_links_are_only_web_links(sample_page: OfflinePage) -> None:
    page = sample_page.page
    data = page.evaluate("window.actorgraph.data")
    link = next(link for link in data["links"] if link["family"] == "consultation")
    page.evaluate(f"window.actorgraph.network.selectEdges([{link['id']!r}])")
    page.evaluate("window.actorgraph.network.fit({animation: false})")
    click_canvas_point(page, edge_point(page, link["id"]))
    anchors = page.locator("#details a")
    assert anchors.count() >= 1
    assert anchors.first.get_attribute("href") == "https://news.example/italy-us-talks"


def test_physics_stops_and_the_button_toggles_it(sample_page: OfflinePage) -> None:
    page = sample_page.page
    enabled = "window.actorgraph.network.physics.physicsEnabled"
    assert page.evaluate(enabled) is False
    page.click("#physics-toggle")
    assert page.evaluate(enabled) is True
    assert "Freeze" in page.locator("#physics-toggle").inner_text()
    page.click("#physics-toggle")
    assert page.evaluate(enabled) is False


def test_hostile_text_is_shown_literally_and_never_runs(browser: Browser, tmp_path: Path) -> None:
    path = write_html(hostile_graph(), tmp_path / "hostile.html", title=HOSTILE[3]).path
    # Without the page's Content-Security-Policy: the DOM code alone must be safe.
    opened = open_offline(browser, path, ready=READY, bypass_csp=True)
    page = opened.page
    try:
        page.evaluate("window.actorgraph.network.fit({animation: false})")
        data = page.evaluate("window.actorgraph.data")
        seen = []
        for actor in data["actors"]:
            point = node_point(page, actor["id"])
            box = page.locator("#graph").bounding_box()
            assert box is not None
            page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
            click_canvas_point(page, point)
            seen.append(details_text(page))
            click_all_text(page)
        for link in data["links"]:
            click_canvas_point(page, edge_point(page, link["id"]))
            text = details_text(page)
            seen.append(text)
            click_all_text(page)
        page.fill("#search", HOSTILE[1])
        page.press("#search", "Enter")
        seen.append(details_text(page))
        everything = "\n".join(seen)
        for attack in HOSTILE:
            assert attack in everything
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.locator("#details img, #details script, #details [onmouseover]").count() == 0
        hrefs = page.eval_on_selector_all("a", "anchors => anchors.map(a => a.href)")
        assert all(href.startswith("https://") for href in hrefs)
        assert HOSTILE[3] in page.locator("h1").inner_text()
        assert opened.errors == []
        # The one web link (an https URL with the attack text in its path)
        # was followed when clicked, and stopped by the test's network block.
        assert all(url.startswith("https://news.example/") for url in opened.blocked)
    finally:
        opened.close()


def test_examples_from_the_store_render_whole_and_are_screenshotted(
    browser: Browser, store: Store
) -> None:
    # The real path: extract examples/, write them to the embedded FalkorDB,
    # stream the graph back, render it.
    with DocumentPipeline(workers=1) as extractor:
        report = load_paths(store, [REPO / "examples"], extractor=extractor)
    assert report.loaded > 10
    G = from_store(store)
    OUTPUT.mkdir(exist_ok=True)
    summary = write_html(G, OUTPUT / "explorer-examples.html", title="Examples")
    assert summary.actors == G.number_of_nodes() > 20
    opened = open_offline(browser, summary.path, ready=READY)
    try:
        page = opened.page
        counts = page.evaluate(
            """() => ({nodes: window.actorgraph.nodes.length,
                       events: window.actorgraph.data.events.length})"""
        )
        assert counts == {"nodes": G.number_of_nodes(), "events": G.number_of_edges()}
        screenshot = OUTPUT / "explorer-examples.png"
        page.screenshot(path=str(screenshot))
        assert screenshot.stat().st_size > 20_000
        # And the view after a search: the actor's neighbourhood and details.
        page.fill("#search", "CISA")
        page.press("#search", "Enter")
        assert "Cybersecurity and Infrastructure Security Agency" in details_text(page)
        page.screenshot(path=str(OUTPUT / "explorer-examples-cisa.png"))
        assert opened.errors == []
        assert opened.blocked == []
    finally:
        opened.close()
