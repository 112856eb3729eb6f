"""``actorgraph extract``: show what would be loaded, touching no store."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table

from actorgraph.graph.models import Extraction
from actorgraph.loaders.pipeline import extract_paths
from actorgraph.loaders.readers import Skipped
from actorgraph.queries.cli.app import fail, frozen_for_workers
from actorgraph.queries.cli.options import (
    cluster_option,
    format_choice,
    registry_option,
    workers_option,
)
from actorgraph.queries.cli.progress import progress_bar

if TYPE_CHECKING:
    from actorgraph.loaders.cluster import ClusterAddress

__all__ = ["extract"]

_TOP_ACTORS = 5
_PIPED_WIDTH = 160


def _table(extractions: list[Extraction]) -> Table:
    table = Table(show_lines=False, header_style="bold")
    table.add_column("document", no_wrap=True)
    for column in ("lang", "date", "actors", "relations"):
        table.add_column(column, no_wrap=True)
    table.add_column("most mentioned actors", overflow="fold")
    for extraction in extractions:
        document = extraction.document
        ranked = sorted(extraction.actors, key=lambda actor: -len(actor.mentions))
        table.add_row(
            Path(document.path or document.id).name,
            document.lang or "?",
            document.date or "",
            str(len(extraction.actors)),
            str(len(extraction.relations)),
            ", ".join(actor.name for actor in ranked[:_TOP_ACTORS]),
        )
    return table


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@format_choice(
    ["jsonl", "table"],
    default="jsonl",
    help="jsonl: one Extraction per line (what `load` reads); table: one row per document.",
)
@registry_option
@workers_option
@cluster_option
@click.option(
    "--max-size",
    "max_size",
    type=click.FloatRange(min=0, min_open=True),
    default=20.0,
    show_default=True,
    metavar="MB",
    help="Skip files larger than this many megabytes.",
)
@click.option("--quiet", "-q", is_flag=True, help="No summary and no list of skipped files.")
def extract(
    paths: tuple[Path, ...],
    fmt: str,
    registry_file: Path | None,
    workers: int,
    cluster: ClusterAddress | None,
    max_size: float,
    quiet: bool,
) -> None:
    """Extract actors and relations from documents and print them; no store is touched.

    PATHS are files (.txt, .md, .html, .htm, .jsonl with a "text" field per line)
    and folders, read recursively. Files that cannot be read (binary, empty,
    too large, undecodable) are reported on stderr with the reason and skipped.

    Exit code: 0 all extracted, 1 some skipped, 2 nothing extracted.

    \b
    Examples:
      actorgraph extract examples/ --format table
      actorgraph extract news/ --workers 2 > extractions.jsonl
      actorgraph extract news/ --cluster tcp://scheduler:8786 > extractions.jsonl
      actorgraph extract article.html --registry my_actors.yaml
    """
    started = time.perf_counter()
    max_bytes = int(max_size * 1_000_000)
    rows: list[Extraction] = []
    documents = actors = relations = skipped = 0
    with ExitStack() as stack:
        results: Iterator[Extraction | Skipped]
        if cluster is None:
            stack.enter_context(frozen_for_workers(workers))
            results = extract_paths(
                paths, registry_file=registry_file, workers=workers, max_bytes=max_bytes
            )
        else:
            from actorgraph.loaders.cluster import extract_on_cluster, open_cluster

            on = stack.enter_context(open_cluster(cluster))
            progress = stack.enter_context(progress_bar(not quiet, "extracting"))
            results = extract_on_cluster(
                on, paths, registry_file=registry_file, max_bytes=max_bytes, progress=progress
            )
        for result in results:
            if isinstance(result, Skipped):
                skipped += 1
                if not quiet:
                    click.echo(f"skipped {result}", err=True)
                continue
            documents += 1
            actors += len(result.actors)
            relations += len(result.relations)
            if fmt == "jsonl":
                click.echo(result.model_dump_json())
            else:
                rows.append(result)
    if fmt == "table":
        console = Console()
        if not console.is_terminal:
            # Piped output gets rich's 80 columns by default; a table of
            # documents needs room for the actor names.
            console = Console(width=_PIPED_WIDTH)
        console.print(_table(rows))
    elapsed = time.perf_counter() - started
    if not quiet:
        click.echo(
            f"Extracted {documents} documents ({actors} actors, {relations} relations) "
            f"in {elapsed:.1f} s, {documents / elapsed:.1f} documents/s; {skipped} skipped.",
            err=True,
        )
    if not documents:
        fail("nothing was extracted", 2)
    if skipped:
        raise click.exceptions.Exit(1)
