"""``actorgraph render``: the filtered graph as one interactive HTML page."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import click
import networkx as nx

from actorgraph.graph.filters import GraphFilter
from actorgraph.queries.cli.filter_options import filter_options, load_graph, snapshot_option
from actorgraph.queries.cli.options import StoreTarget, out_option, store_options
from actorgraph.queries.render import write_html
from actorgraph.queries.render_data import DrawnPart, drawn_part
from actorgraph.queries.report import METRICS

__all__ = ["render"]


@click.command()
@store_options
@snapshot_option
@filter_options
@out_option("The HTML file to write.", default=Path("actorgraph.html"))
@click.option(
    "--focus",
    metavar="ACTOR",
    help="Show only the actors within --depth hops of ACTOR (id, name or alias).",
)
@click.option("--depth", type=click.IntRange(min=1), default=1, show_default=True, metavar="N")
@click.option(
    "--size-by",
    type=click.Choice(METRICS),
    default="degree",
    show_default=True,
    help="Centrality that sizes the nodes (and decides what --max-nodes keeps).",
)
@click.option(
    "--max-nodes",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Keep the N actors with the highest --size-by score; the page says what was left out.",
)
@click.option("--title", default="Actor graph", show_default=True, help="Page title and heading.")
@click.option("--open", "open_page", is_flag=True, help="Open the page in the default browser.")
def render(
    target: StoreTarget,
    snapshot: Path | None,
    graph_filter: GraphFilter,
    out: Path,
    focus: str | None,
    depth: int,
    size_by: str,
    max_nodes: int | None,
    title: str,
    open_page: bool,
) -> None:
    """Draw the graph as one self-contained interactive HTML page.

    The page works offline (no CDN, nothing fetched): legend, search by any
    alias, filters by actor type, relation family and date, and the evidence
    sentence and document behind every link.

    \b
    Examples:
      actorgraph render --out graph.html
      actorgraph render --family agreement --since 2023 --size-by pagerank
      actorgraph render --focus CISA --depth 2 --open
      actorgraph render --from snapshot.json --max-nodes 500
    """
    drawn: nx.MultiDiGraph | DrawnPart
    if snapshot is not None:
        drawn = load_graph(target, snapshot, graph_filter)
    else:
        with target.open() as store:
            drawn = drawn_part(
                store,
                graph_filter,
                size_by=size_by,
                max_nodes=max_nodes,
                focus=focus,
                depth=depth,
            )
    summary = write_html(
        drawn,
        out,
        title=title,
        size_by=size_by,
        max_nodes=max_nodes,
        focus=focus,
        depth=depth,
    )
    layout = "physics, then frozen" if summary.physics else "precomputed layout"
    click.echo(
        f"wrote {out}: {summary.actors} actors, {summary.links} links "
        f"({summary.relations} relations), {layout}"
    )
    if summary.trim is not None:
        click.echo(
            f"left out {summary.trim.actors_left_out} actors and "
            f"{summary.trim.relations_left_out} relations (kept the top {summary.trim.kept} "
            f"by {summary.trim.metric})"
        )
    if open_page:
        webbrowser.open(out.resolve().as_uri())
