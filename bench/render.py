"""Time from navigation to a stable, interactive graph in headless Chromium:
actorgraph's explorer page against a page built with pyvis's defaults.

Synthetic actor graphs of 500, 2,000 and 5,000 actors with about 2.5
relations per actor. For each size both pages are written to a temporary
folder and opened from ``file://`` with every other request aborted.

"Stable and interactive" is measured the same way on both pages:

1. *stable*: the first frame drawn after vis-network's stabilisation ended
   (``stabilizationIterationsDone`` then ``afterDrawing``), or after the first
   frame when physics is off (actorgraph above its physics threshold); then
2. *interactive*: a real mouse click on the canvas, sent as soon as the page
   is stable, has reached vis-network's ``click`` handler.

The figure is ``performance.now()`` at step 2, i.e. milliseconds since
navigation started. pyvis's default page pulls vis-network from a CDN; here
it is built with ``cdn_resources="in_line"``, which inlines the same
vis-network 9.1.2 file actorgraph inlines, so only the page logic and the
options differ (its Bootstrap links still point at a CDN and are aborted
at once). pyvis gets the same actors and one edge per linked pair, built with
``Network(directed=True)`` (pyvis's undirected mode scans every edge for
each edge added, which takes minutes at 12,500 edges in Python and does not
change the page); everything else is pyvis's default. A pyvis page that is
not interactive within the cap is reported as "> cap".

Run: ``.venv/bin/python bench/render.py [--sizes 500 2000 5000] [--cap 90]``.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from playwright.sync_api import Browser
from pyvis.network import Network

from actorgraph.graph.networkx_io import collapse
from actorgraph.graph.ontology import ACTOR_TYPES, RELATION_TYPES
from actorgraph.queries.render import write_html

# The Chromium launcher and offline page opener are shared with the browser tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from browser import launch_chromium, open_offline

EDGES_PER_ACTOR = 2.5
TARGET_NODES, TARGET_SECONDS, TARGET_RATIO = 2000, 3.0, 10.0

# Installed before any page script runs: catches pyvis's global `network`
# as it is assigned, so its stabilisation events cannot be missed.
PYVIS_HOOK = """
Object.defineProperty(window, "network", {
  configurable: true,
  get() { return window.__benchNetwork; },
  set(value) {
    window.__benchNetwork = value;
    value.once("stabilizationIterationsDone", () =>
      value.once("afterDrawing", () => { window.__benchStable = performance.now(); }));
  },
});
"""
OURS_STABLE = "window.actorgraph && window.actorgraph.ready && window.actorgraph.readyAt"
PYVIS_STABLE = "window.__benchStable || null"
LISTEN_FOR_CLICK = """network => {
  window.__benchClicked = null;
  network.on("click", () => { if (window.__benchClicked === null)
    window.__benchClicked = performance.now(); });
}"""


def synthetic_graph(actors: int, *, seed: int = 1) -> nx.MultiDiGraph:
    """A random actor multigraph: ``actors`` actors, ~2.5 relations each, dated."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph(documents={})
    for number in range(actors):
        G.add_node(
            f"actor-{number}",
            name=f"Actor {number}",
            type=ACTOR_TYPES[number % len(ACTOR_TYPES)],
            aliases=[f"A{number}"],
        )
    # Preferential attachment gives the hubs and long tail of a real actor graph.
    skeleton = nx.barabasi_albert_graph(actors, 2, seed=seed)
    pairs = list(skeleton.edges())
    while len(pairs) < int(actors * EDGES_PER_ACTOR):
        pairs.append(rng.choice(pairs))
    for number, (u, v) in enumerate(pairs):
        doc = f"doc-{number // 3}"
        G.graph["documents"][doc] = {"title": f"Document {number // 3}"}
        G.add_edge(
            f"actor-{u}",
            f"actor-{v}",
            type=rng.choice(RELATION_TYPES),
            doc=doc,
            date=f"20{rng.randint(18, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            evidence=f"Actor {u} and Actor {v} did something together.",
            modality=rng.choice(["asserted", "asserted", "planned"]),
        )
    return G


def pyvis_default_page(G: nx.MultiDiGraph, path: Path) -> None:
    """The same actors and linked pairs as a page with pyvis's defaults."""
    net = Network(directed=True, cdn_resources="in_line")
    for node, data in G.nodes(data=True):
        net.add_node(node, label=data["name"])
    for u, v in collapse(G, directed=False).edges():
        net.add_edge(u, v)
    net.write_html(str(path))


@dataclass(frozen=True)
class Timing:
    """One page load: seconds from navigation to the stable frame and to the
    handled click (``None`` past the cap), and main-thread CPU seconds used."""

    stable: float | None
    click: float | None
    cpu: float

    def cells(self, cap: float) -> list[str]:
        def seconds(value: float | None) -> str:
            return f"{value:.2f}" if value is not None else f"> {cap:.0f}"

        cpu = f"{self.cpu:.2f}" if self.click is not None else f"> {self.cpu:.1f}"
        return [seconds(self.stable), seconds(self.click), cpu]


def time_to_interactive(
    browser: Browser, path: Path, stable: str, cap: float, *, pyvis: bool
) -> Timing:
    """Load ``path`` and time it to a stable frame and a handled click."""
    opened = open_offline(
        browser,
        path,
        init_script=PYVIS_HOOK if pyvis else None,
        wait_until="commit",
        timeout_s=cap,
    )
    try:
        page = opened.page
        deadline = time.perf_counter() + cap
        while not (stable_at := page.evaluate(stable)):
            if time.perf_counter() > deadline:
                return Timing(None, None, opened.main_thread_cpu())
            time.sleep(0.01)
        network = "window.__benchNetwork" if pyvis else "window.actorgraph.network"
        page.evaluate(f"({LISTEN_FOR_CLICK})({network})")
        box = page.locator("#mynetwork" if pyvis else "#graph").bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + 5, box["y"] + 5)
        while (clicked := page.evaluate("window.__benchClicked")) is None:
            if time.perf_counter() > deadline:
                return Timing(stable_at / 1000, None, opened.main_thread_cpu())
            time.sleep(0.01)
        return Timing(stable_at / 1000, clicked / 1000, opened.main_thread_cpu())
    finally:
        opened.close()


def _ratio(ours: Timing, theirs: Timing, cap: float) -> str:
    if ours.click is None:
        return "n/a"
    if theirs.click is None:
        return f">{cap / ours.click:.0f}x"
    return f"{theirs.click / ours.click:.1f}x"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--cap", type=float, default=90.0, help="seconds allowed per pyvis page")
    parser.add_argument("--repeat", type=int, default=3, help="runs of actorgraph's page")
    args = parser.parse_args()
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"{os.cpu_count()} CPUs, load average {load}; actorgraph: median of {args.repeat} runs")
    print(
        "seconds from navigation: stable = first frame after layout, click = click handled;\n"
        "cpu = the page's main-thread CPU seconds until then (what an idle machine would wait)"
    )
    columns = ["actors", "links", "build", "ours stable", "click", "cpu"]
    columns += ["pyvis stable", "click", "cpu", "ratio"]
    widths = [6, 6, 6, 11, 6, 6, 12, 6, 6, 6]
    print(" ".join(f"{name:>{width}}" for name, width in zip(columns, widths, strict=True)))
    results: dict[int, tuple[Timing, Timing]] = {}
    with launch_chromium() as browser, tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            G = synthetic_graph(size)
            ours_path = Path(folder, f"ours-{size}.html")
            pyvis_path = Path(folder, f"pyvis-{size}.html")
            start = time.perf_counter()
            summary = write_html(G, ours_path, title=f"Synthetic {size}")
            build = time.perf_counter() - start
            pyvis_default_page(G, pyvis_path)
            runs = [
                time_to_interactive(browser, ours_path, OURS_STABLE, args.cap, pyvis=False)
                for _ in range(args.repeat)
            ]
            # A run that never became interactive sorts last, so it is the
            # median only when most runs failed.
            runs.sort(key=lambda run: run.click if run.click is not None else float("inf"))
            ours = runs[len(runs) // 2]
            theirs = time_to_interactive(browser, pyvis_path, PYVIS_STABLE, args.cap, pyvis=True)
            results[size] = (ours, theirs)
            cells = [str(size), str(summary.links), f"{build:.2f}"]
            cells += [*ours.cells(args.cap), *theirs.cells(args.cap)]
            cells.append(_ratio(ours, theirs, args.cap))
            print(
                " ".join(f"{cell:>{width}}" for cell, width in zip(cells, widths, strict=True)),
                flush=True,
            )
    if TARGET_NODES in results:
        ours, theirs = results[TARGET_NODES]
        met_time = ours.click is not None and ours.click <= TARGET_SECONDS
        if ours.click is None:
            verdict = "NOT met"
        elif theirs.click is None:
            # Only a lower bound on pyvis's time is known.
            verdict = "met" if args.cap / ours.click >= TARGET_RATIO else "unknown (raise --cap)"
        else:
            verdict = "met" if theirs.click / ours.click >= TARGET_RATIO else "NOT met"
        print(
            f"target: {TARGET_NODES} actors interactive within {TARGET_SECONDS:.0f} s: "
            f"{'met' if met_time else 'NOT met'} (wall clock on this machine); "
            f">= {TARGET_RATIO:.0f}x faster than pyvis's default page: {verdict}"
        )


if __name__ == "__main__":
    main()
