"""Commands that load and read the store (``load``, ``query``, ``actors``,
``neighbors``, ``stats``) and manage the embedded server (``store start|stop|status``).

Each one parses its options, opens the store, calls one library function and
formats what comes back; errors are turned into one line by
:class:`~actorgraph.queries.cli.app.ActorGraphGroup`.
"""

from __future__ import annotations

import json
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from actorgraph.graph import embedded
from actorgraph.graph.errors import ReadOnlyViolation
from actorgraph.graph.ontology import ACTOR_TYPES, ActorType
from actorgraph.loaders.ingest import LoadReport, load_paths
from actorgraph.queries import named
from actorgraph.queries.cli.app import fail, tuned_for_writing
from actorgraph.queries.cli.options import (
    StoreTarget,
    cluster_option,
    data_dir_option,
    format_option,
    limit_option,
    registry_option,
    store_options,
    workers_option,
)
from actorgraph.queries.cli.progress import progress_bar
from actorgraph.queries.output import TABLE_LIMIT, OutputFormat, render_rows

if TYPE_CHECKING:
    from actorgraph.loaders.cluster import ClusterAddress

__all__ = ["COMMANDS", "actors", "load", "neighbors", "query", "stats", "store_group"]


def _summary(report: LoadReport) -> str:
    written = report.written
    files = "1 file" if report.files == 1 else f"{report.files} files"
    text = (
        f"Loaded {report.loaded} extractions from {files}: {written.documents} documents, "
        f"{written.actors} actors, {written.relations} relations, "
        f"{written.mentions} mentions stored"
    )
    if report.skipped:
        text += f"; {len(report.skipped)} skipped"
    return text + "."


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no list of skipped lines.")
@workers_option
@cluster_option
@registry_option
@click.option(
    "--dead-letter",
    "dead_letter",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Append the inputs that were not loaded, with the reason, to this JSON Lines file. "
    "Default: dead-letter.jsonl in the data directory.",
)
@store_options
def load(
    target: StoreTarget,
    paths: tuple[Path, ...],
    quiet: bool,
    workers: int,
    cluster: ClusterAddress | None,
    registry_file: Path | None,
    dead_letter: Path | None,
) -> None:
    """Load documents and extractions (files, or folders of them) into the store.

    Documents (.txt, .md, .html, .htm, and .jsonl lines with a "text" field) are
    extracted on the way, as `actorgraph extract` shows, with --workers
    processes. A .jsonl line holding an Extraction ({"document": ...,
    "actors": [...], "relations": [...]}, as written by `actorgraph extract
    --format jsonl`) is written as is. Writes are merges: loading a file
    twice, or rerunning an interrupted load, gives the same graph. Inputs that
    fail are reported as FILE[:LINE]: reason on stderr, skipped, and appended
    to the dead-letter file. With --cluster, the documents are extracted on a
    Dask cluster; into Neo4j the workers also write them.

    Exit code: 0 all loaded, 1 some inputs skipped, 2 nothing loaded (store
    unreachable, no valid input).

    \b
    Examples:
      actorgraph load examples/
      actorgraph load news/ --workers 2 --dead-letter failed.jsonl
      actorgraph load news/ --cluster tcp://scheduler:8786 --store bolt://neo4j:7687
      actorgraph load run1.jsonl run2.jsonl --graph trial
      actorgraph load examples/ --store bolt://localhost:7687
    """
    # Imported here: the extraction pipeline (HTML reader, language detector) is
    # most of the start-up time, and no other command in this module needs it.
    from actorgraph.loaders.pipeline import DocumentPipeline

    letters = dead_letter or embedded.data_dir_for(target.data_dir) / "dead-letter.jsonl"
    with ExitStack() as stack:
        stack.enter_context(tuned_for_writing())
        if cluster is None:
            extractor = stack.enter_context(DocumentPipeline(registry_file, workers=workers))
            store = stack.enter_context(target.open())
            progress = stack.enter_context(progress_bar(not quiet, "loading"))
            report = load_paths(
                store, list(paths), extractor=extractor, progress=progress, dead_letter=letters
            )
        else:
            from actorgraph.loaders.cluster import load_on_cluster, open_cluster

            on = stack.enter_context(open_cluster(cluster))
            store = stack.enter_context(target.open())
            progress = stack.enter_context(progress_bar(not quiet, "loading"))
            report = load_on_cluster(
                on,
                store,
                list(paths),
                registry_file=registry_file,
                progress=progress,
                dead_letter=letters,
            )
    if not quiet:
        for skipped in report.skipped:
            click.echo(f"skipped {skipped}", err=True)
    click.echo(_summary(report))
    if report.dead_letters and not quiet:
        click.echo(f"{report.dead_letters} skipped inputs added to {letters}", err=True)
    if report.outcome == "nothing":
        fail("nothing was loaded", 2)
    if report.outcome == "partial":
        raise click.exceptions.Exit(1)


def _parse_params(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> dict[str, Any]:
    """``name=value`` pairs; a value is JSON when it parses as JSON, else a string."""
    params: dict[str, Any] = {}
    for item in values:
        name, sep, raw = item.partition("=")
        if not sep or not name.isidentifier():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE")
        try:
            params[name] = json.loads(raw)
        except json.JSONDecodeError:
            params[name] = raw
    return params


@click.command()
@click.argument("cypher")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    callback=_parse_params,
    help="Query parameter $NAME; VALUE is read as JSON if it parses (42, true, [1,2], "
    '"x"), else as a string. Repeatable.',
)
@click.option(
    "--write",
    is_flag=True,
    help="Allow the query to change the graph. Without it a query that writes is refused.",
)
@format_option
@limit_option
@store_options
def query(
    target: StoreTarget,
    cypher: str,
    params: dict[str, Any],
    write: bool,
    fmt: OutputFormat,
    limit: int | None,
) -> None:
    """Run a Cypher query and print its rows.

    Queries are read-only unless --write is given (FalkorDB: GRAPH.RO_QUERY;
    Neo4j: a read transaction), so a stray CREATE or DELETE changes nothing.
    Always pass values as parameters (-p), never pasted into the query text.
    Nodes and relationships print as their property maps.

    \b
    Examples:
      actorgraph query 'MATCH (a:Agency) RETURN a.id, a.name LIMIT 5'
      actorgraph query 'MATCH (a:Actor {id: $id})-[r]-(b) RETURN type(r), b.name' -p id=dhs
      actorgraph query 'MATCH ()-[r:MET_WITH]->() RETURN r.evidence' --format jsonl
      actorgraph query 'MATCH (a:Actor {id: $id}) SET a.note = $n' -p id=dhs -p n=ok --write
    """
    with target.open() as store:
        try:
            rows = store.execute(cypher, params) if write else store.read(cypher, params)
            render_rows(rows, fmt, sys.stdout, limit=limit)
        except ReadOnlyViolation as refused:
            raise ReadOnlyViolation(f"{refused} (add --write to run it)") from refused


@click.command()
@click.option("--type", "actor_type", type=click.Choice(ACTOR_TYPES), help="Only this type.")
@click.option("--country", metavar="CC", help="Only this ISO country code (e.g. IT, US).")
@click.option("--search", metavar="TEXT", help="Only actors whose id, name or alias has TEXT.")
@format_option
@limit_option
@store_options
def actors(
    target: StoreTarget,
    actor_type: ActorType | None,
    country: str | None,
    search: str | None,
    fmt: OutputFormat,
    limit: int | None,
) -> None:
    """List actors, most mentioned first.

    Columns: id, name, type, country, relations (edges to other actors) and
    documents (documents that mention the actor).

    \b
    Examples:
      actorgraph actors --type Agency --limit 10
      actorgraph actors --country IT
      actorgraph actors --search homeland --format json
    """
    # The table shows TABLE_LIMIT rows; asking for one more tells it whether to say "more".
    wanted = limit if limit or fmt != "table" else TABLE_LIMIT + 1
    with target.open() as store:
        found = named.list_actors(store, actor_type, country, search, wanted)
    render_rows(
        (actor.model_dump() for actor in found),
        fmt,
        sys.stdout,
        limit=limit,
        columns=list(named.ActorSummary.model_fields),
    )


@click.command()
@click.argument("actor")
@format_option
@limit_option
@store_options
def neighbors(target: StoreTarget, actor: str, fmt: OutputFormat, limit: int | None) -> None:
    """Show the actors linked to ACTOR (an id, a name or an alias, any case).

    One row per neighbour, relation type and direction: -> ACTOR acts on the
    neighbour, <- the neighbour acts on ACTOR, -- the type has no direction
    (MET_WITH, COOPERATES_WITH...). An unknown name gets close suggestions.

    \b
    Examples:
      actorgraph neighbors dhs
      actorgraph neighbors "Department of Homeland Security" --format csv
    """
    with target.open() as store:
        record = named.resolve_actor(store, actor)
        found = named.neighbors(store, record.id)
    render_rows(
        (neighbor.model_dump() for neighbor in found),
        fmt,
        sys.stdout,
        limit=limit,
        columns=list(named.Neighbor.model_fields),
        title=f"{record.name} ({record.id}, {record.type})",
    )


@click.command()
@format_option
@store_options
def stats(target: StoreTarget, fmt: OutputFormat) -> None:
    """Count documents, actors by type, relations by type and mentions.

    \b
    Examples:
      actorgraph stats
      actorgraph stats --graph trial --format json
    """
    with target.open() as store:
        counts = named.graph_stats(store)
    out = sys.stdout
    if fmt in ("json", "jsonl"):
        out.write(counts.model_dump_json(indent=2 if fmt == "json" else None) + "\n")
        return
    render_rows(counts.rows(), fmt, out, limit=len(counts.rows()))


@click.group(name="store")
def store_group() -> None:
    """Start, stop and inspect the embedded FalkorDB server.

    Commands start the server on demand, so `store start` is only needed to
    start it ahead of time; it keeps running (shared by every actorgraph
    process using the same data directory) until `store stop`.

    \b
    Examples:
      actorgraph store status
      actorgraph store stop
      ACTORGRAPH_HOME=/tmp/trial actorgraph store start
    """


@store_group.command(name="start")
@data_dir_option
def store_start(data_dir: Path | None) -> None:
    """Start the embedded server for the data directory (no-op if it runs).

    \b
    Example:
      actorgraph store start --data-dir ~/graphs/trial
    """
    address = embedded.start(data_dir)
    click.echo(f"Embedded FalkorDB running at {address.display} (pid {address.pid}).")


@store_group.command(name="stop")
@data_dir_option
def store_stop(data_dir: Path | None) -> None:
    """Stop the embedded server; its data stays on disk for the next start.

    \b
    Example:
      actorgraph store stop
    """
    directory = embedded.data_dir_for(data_dir)
    if embedded.stop(directory):
        click.echo(f"Stopped the embedded FalkorDB of {directory}.")
    else:
        click.echo(f"No embedded FalkorDB was running for {directory}.")


@store_group.command(name="status")
@data_dir_option
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
def store_status(data_dir: Path | None, as_json: bool) -> None:
    """Say whether the embedded server runs, where, its graphs and memory.

    \b
    Examples:
      actorgraph store status
      actorgraph store status --json
    """
    current = embedded.status(data_dir)
    if as_json:
        click.echo(current.model_dump_json(indent=2))
        return
    for name, value in current.model_dump().items():
        shown = ", ".join(value) if isinstance(value, list) else value
        click.echo(f"{name + ':':<11}{'' if shown is None else shown}")


COMMANDS: list[click.Command] = [load, query, actors, neighbors, stats, store_group]
