"""Analysis commands: ``centrality``, ``path``, ``ego``, ``timeline``, ``export``,
``import-snapshot``.

Each reads the filtered actor graph (from the store, or from a snapshot with
``--from FILE``), calls one library function and prints what comes back.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

import click

from actorgraph.graph.filters import GraphFilter
from actorgraph.graph.networkx_io import read_snapshot, save_snapshot, snapshot_extractions
from actorgraph.graph.ontology import ACTOR_TYPES
from actorgraph.queries.cli.app import tuned_for_writing
from actorgraph.queries.cli.filter_options import (
    filter_options,
    load_edges,
    load_graph,
    snapshot_option,
)
from actorgraph.queries.cli.options import (
    StoreTarget,
    format_choice,
    format_option,
    limit_option,
    out_option,
    store_options,
)
from actorgraph.queries.communities import DEFAULT_SEED
from actorgraph.queries.export import EXPORT_FORMATS, ExportFormat, export_graph, export_store
from actorgraph.queries.named import chains_in_store, ego_graph_in_store, timeline_in_store
from actorgraph.queries.output import TABLE_LIMIT, OutputFormat, render_rows
from actorgraph.queries.paths import Hop, ego_graph, ego_rows, find_actor, shortest_chains
from actorgraph.queries.report import (
    METRICS,
    REPORT_FORMATS,
    Metric,
    ReportFormat,
    centrality_report,
    render_report,
)
from actorgraph.queries.timeline import timeline as timeline_rows
from actorgraph.queries.windows import Period, rank_windows, render_movement

__all__ = ["centrality", "ego", "export", "import_snapshot", "path", "timeline"]


@contextmanager
def _output(out: Path | None) -> Iterator[TextIO]:
    if out is None:
        yield sys.stdout
        return
    with out.open("w", encoding="utf-8") as handle:
        yield handle
    click.echo(f"wrote {out}", err=True)


@click.command()
@store_options
@snapshot_option
@filter_options
@click.option(
    "--metric",
    type=click.Choice(METRICS),
    default="pagerank",
    show_default=True,
    help="Metric the rows are sorted by.",
)
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True, metavar="N")
@click.option(
    "--type",
    "types",
    multiple=True,
    type=click.Choice(ACTOR_TYPES),
    help="Show only actors of these types; ranks stay over all actors (repeatable).",
)
@click.option(
    "--by",
    type=click.Choice(["year", "quarter"]),
    default=None,
    help="Rank the actors of each year or quarter instead, to see how the top moves.",
)
@click.option(
    "--samples",
    type=click.IntRange(min=2),
    default=None,
    metavar="K",
    help="Sources sampled for betweenness and closeness (default: exact up to 5000 actors).",
)
@click.option("--seed", type=int, default=DEFAULT_SEED, show_default=True)
@format_choice(
    REPORT_FORMATS, default="table", help="html is a self-contained page with bar charts."
)
@out_option("Write to FILE, not stdout.")
def centrality(
    target: StoreTarget,
    snapshot: Path | None,
    graph_filter: GraphFilter,
    metric: Metric,
    top: int,
    types: tuple[str, ...],
    by: Period | None,
    samples: int | None,
    seed: int,
    fmt: ReportFormat,
    out: Path | None,
) -> None:
    """Rank actors by degree, betweenness, closeness, eigenvector and PageRank.

    Also lists brokers (high betweenness for their degree), Louvain
    communities (fixed seed) and country pairs.

    \b
    Examples:
      actorgraph centrality --top 10
      actorgraph centrality --metric betweenness --family cooperation --since 2023
      actorgraph centrality --by year --metric degree
      actorgraph centrality --format html --out report.html
    """
    table = load_edges(target, snapshot, graph_filter)
    with _output(out) as stream:
        if by is not None:
            movement = rank_windows(
                table, by=by, metric=metric, top=top, samples=samples, seed=seed
            )
            render_movement(movement, fmt, stream)
            return
        report = centrality_report(
            table, metric=metric, top=top, types=types or None, samples=samples, seed=seed
        )
        render_report(report, fmt, stream)


def _print_chain(number: int, chain: list[Hop]) -> None:
    click.echo(f"Chain {number} ({len(chain)} hop{'s' if len(chain) != 1 else ''}):")
    for hop in chain:
        best = hop.relations[0]
        arrow = f"-[{best.type}]->" if best.forward else f"<-[{best.type}]-"
        more = f" (+{len(hop.relations) - 1} more)" if len(hop.relations) > 1 else ""
        click.echo(f"  {hop.source_name} {arrow} {hop.target_name}{more}")
        where = ", ".join(part for part in (best.date, best.title or best.doc) if part)
        if best.evidence:
            click.echo(f"      {best.evidence!r}" + (f" [{where}]" if where else ""))


@click.command()
@click.argument("source")
@click.argument("target_actor", metavar="TARGET")
@store_options
@snapshot_option
@filter_options
@click.option("--max-hops", type=click.IntRange(min=1), default=None, metavar="N")
@click.option("--all", "all_paths", is_flag=True, help="Every shortest chain, not just one.")
@format_choice(["table", "json"], default="table")
def path(
    source: str,
    target_actor: str,
    target: StoreTarget,
    snapshot: Path | None,
    graph_filter: GraphFilter,
    max_hops: int | None,
    all_paths: bool,
    fmt: str,
) -> None:
    """Shortest chain(s) of relations from SOURCE to TARGET, with evidence per hop.

    \b
    Example:
      actorgraph path "Matteo Piantedosi" CISA --max-hops 4 --all
    """
    if snapshot is not None:
        G = load_graph(target, snapshot, graph_filter)
        chains = shortest_chains(
            G,
            find_actor(G, source),
            find_actor(G, target_actor),
            max_hops=max_hops,
            all_paths=all_paths,
        )
    else:
        with target.open() as store:
            chains = chains_in_store(
                store, source, target_actor, graph_filter, max_hops=max_hops, all_paths=all_paths
            )
    if fmt == "json":
        click.echo(json.dumps([[hop.model_dump() for hop in chain] for chain in chains], indent=2))
        return
    if not chains:
        limit = f" within {max_hops} hops" if max_hops else ""
        click.echo(f"No chain links {source} to {target_actor}{limit}.")
        return
    for number, chain in enumerate(chains, start=1):
        _print_chain(number, chain)


@click.command()
@click.argument("actor")
@store_options
@snapshot_option
@filter_options
@click.option("--depth", type=click.IntRange(min=1), default=1, show_default=True, metavar="N")
@out_option("Also save the neighbourhood as a snapshot (for render --from FILE).")
@format_option
@limit_option
def ego(
    actor: str,
    target: StoreTarget,
    snapshot: Path | None,
    graph_filter: GraphFilter,
    depth: int,
    out: Path | None,
    fmt: OutputFormat,
    limit: int | None,
) -> None:
    """The actors within N hops of ACTOR and how they are tied to it.

    \b
    Example:
      actorgraph ego DHS --depth 2 --out dhs.json
    """
    if snapshot is not None:
        G = load_graph(target, snapshot, graph_filter)
        centre = find_actor(G, actor)
        neighbourhood = ego_graph(G, centre, depth)
    else:
        with target.open() as store:
            neighbourhood, centre = ego_graph_in_store(store, actor, depth, graph_filter)
    if out is not None:
        save_snapshot(neighbourhood, out)
        click.echo(
            f"saved {neighbourhood.number_of_nodes()} actors and "
            f"{neighbourhood.number_of_edges()} relations to {out}",
            err=True,
        )
    render_rows(ego_rows(neighbourhood, centre), fmt, sys.stdout, limit=limit)


@click.command()
@click.argument("actor", required=False)
@store_options
@snapshot_option
@filter_options
@format_option
@limit_option
def timeline(
    actor: str | None,
    target: StoreTarget,
    snapshot: Path | None,
    graph_filter: GraphFilter,
    fmt: OutputFormat,
    limit: int | None,
) -> None:
    """Dated events in order, for the whole graph or around ACTOR.

    \b
    Examples:
      actorgraph timeline --since 2023 --family conflict
      actorgraph timeline Piantedosi --format csv
    """
    if snapshot is not None:
        G = load_graph(target, snapshot, graph_filter)
        rows = timeline_rows(G, find_actor(G, actor) if actor else None)
    else:
        # The table shows TABLE_LIMIT rows; one more tells it whether to say "more".
        wanted = limit if limit or fmt != "table" else TABLE_LIMIT + 1
        with target.open() as store:
            rows = timeline_in_store(store, actor, graph_filter, limit=wanted)
    columns = ["date", "source_name", "type", "target_name", "modality", "evidence", "title"]
    render_rows(rows, fmt, sys.stdout, limit=limit, columns=None if fmt == "json" else columns)


@click.command()
@store_options
@snapshot_option
@filter_options
@format_choice(
    EXPORT_FORMATS, help="graphml/gexf/json write one file; csv and neo4j-admin write a folder."
)
@out_option(
    "File (graphml, gexf, json) or folder (csv, neo4j-admin) to write.", required=True, folder=True
)
def export(
    target: StoreTarget,
    snapshot: Path | None,
    graph_filter: GraphFilter,
    fmt: ExportFormat,
    out: Path,
) -> None:
    """Write the graph for Gephi, networkx, igraph or neo4j-admin import.

    \b
    Examples:
      actorgraph export --format graphml --out actors.graphml
      actorgraph export --format json --out snapshot.json
      actorgraph export --format neo4j-admin --out import/
    """
    if snapshot is not None:
        written = export_graph(load_graph(target, snapshot, graph_filter), fmt, out)
    else:
        with target.open() as store:
            written = export_store(store, graph_filter, fmt, out)
    for path in written:
        click.echo(str(path))


@click.command("import-snapshot")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@store_options
def import_snapshot(file: Path, target: StoreTarget) -> None:
    """Load a JSON snapshot (from ego --out or save_snapshot) into the store.

    \b
    Example:
      actorgraph import-snapshot dhs.json --data-dir /tmp/other-store
    """
    extractions = snapshot_extractions(read_snapshot(file))
    with tuned_for_writing(), target.open() as store:
        summary = store.write(extractions)
    click.echo(
        f"imported {summary.documents} documents, {summary.actors} actors, "
        f"{summary.relations} relations from {file}"
    )
