"""Options that many commands share, each bundled once as a decorator.

``@store_options`` adds ``--store``, ``--graph`` and ``--data-dir`` and hands
the command one ``target: StoreTarget``; the command opens it when it needs the
store (``with target.open() as store: ...``). ``@data_dir_option`` alone serves the
commands that manage the embedded server. ``@format_option`` and
``@limit_option`` add ``--format`` and ``--limit`` for rows;
``format_choice(...)`` and ``out_option(...)`` build the ``--format`` and
``--out`` of commands with their own formats and files; ``@registry_option``,
``@workers_option`` and ``@cluster_option`` serve the commands that extract.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from pydantic import BaseModel, ConfigDict

from actorgraph.graph.store import DEFAULT_GRAPH, Store, open_store
from actorgraph.queries.output import FORMATS

if TYPE_CHECKING:
    from actorgraph.loaders.cluster import ClusterAddress

__all__ = [
    "StoreTarget",
    "cluster_option",
    "data_dir_option",
    "format_choice",
    "format_option",
    "limit_option",
    "out_option",
    "registry_option",
    "store_options",
    "workers_option",
]

F = TypeVar("F", bound=Callable[..., Any])


class StoreTarget(BaseModel):
    """Which store a command talks to, as given on the command line."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    uri: str | None = None
    graph: str = DEFAULT_GRAPH
    data_dir: Path | None = None

    def open(self) -> Store:
        """Open the store (starting the embedded server if that is the target)."""
        return open_store(self.uri, graph=self.graph, data_dir=self.data_dir)


def data_dir_option(command: F) -> F:
    """Add ``--data-dir`` (env ``ACTORGRAPH_HOME``), passed on as ``data_dir``."""
    return click.option(
        "--data-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="ACTORGRAPH_HOME",
        help=(
            "Where the embedded store keeps its data and server files. "
            "Default: the per-user data directory. [env: ACTORGRAPH_HOME]"
        ),
    )(command)


def store_options(command: F) -> F:
    """Add ``--store``, ``--graph`` and ``--data-dir``; pass them on as ``target``."""

    @click.option(
        "--store",
        "uri",
        envvar="NEO4J_URI",
        metavar="URI",
        help=(
            "Store to use: bolt://host:7687 or neo4j://... for Neo4j (user, password and "
            "database from NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE), "
            "redis://host:6379 for a FalkorDB server. Default: the embedded FalkorDB. "
            "[env: NEO4J_URI]"
        ),
    )
    @click.option(
        "--graph",
        metavar="NAME",
        default=DEFAULT_GRAPH,
        show_default=True,
        envvar="ACTORGRAPH_GRAPH",
        help="Named graph inside the store. [env: ACTORGRAPH_GRAPH]",
    )
    @data_dir_option
    @functools.wraps(command)
    def wrapper(uri: str | None, graph: str, data_dir: Path | None, **kwargs: Any) -> Any:
        target = StoreTarget(uri=uri or None, graph=graph, data_dir=data_dir)
        return command(target=target, **kwargs)

    return wrapper  # type: ignore[return-value]


def format_option(command: F) -> F:
    """Add ``--format`` (table, json, jsonl or csv), passed on as ``fmt``."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output format; json, jsonl and csv stream every row.",
    )(command)


def limit_option(command: F) -> F:
    """Add ``--limit N``, passed on as ``limit`` (``None`` when not given)."""
    return click.option(
        "--limit",
        type=click.IntRange(min=1),
        default=None,
        metavar="N",
        help="Show at most N rows (the table shows 50 unless told otherwise).",
    )(command)


def format_choice(
    choices: Sequence[str], *, default: str | None = None, help: str | None = None
) -> Callable[[F], F]:
    """``--format`` among ``choices``, passed on as ``fmt`` (required when
    there is no ``default``)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        required=default is None,
        show_default=default is not None,
        help=help,
    )


def out_option(
    help: str, *, default: Path | None = None, required: bool = False, folder: bool = False
) -> Callable[[F], F]:
    """``--out``, a file (or, with ``folder``, a file or a folder) to write,
    passed on as ``out``."""
    return click.option(
        "--out",
        type=click.Path(dir_okay=folder, path_type=Path),
        default=default,
        required=required,
        show_default=default is not None,
        help=help,
    )


def registry_option(command: F) -> F:
    """Add ``--registry FILE``, passed on as ``registry_file``."""
    return click.option(
        "--registry",
        "registry_file",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="A registry file (YAML or JSON) whose entries extend the packaged actor registry.",
    )(command)


def workers_option(command: F) -> F:
    """Add ``--workers N``, passed on as ``workers``."""
    return click.option(
        "--workers",
        type=click.IntRange(min=1),
        default=1,
        show_default=True,
        help="Processes to extract documents with.",
    )(command)


class _ClusterAddressType(click.ParamType):
    name = "address"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> ClusterAddress:
        # Imported here: the cluster module brings in the extraction pipeline,
        # which `--help` does not need.
        from actorgraph.loaders.cluster import ClusterAddress

        try:
            return ClusterAddress.parse(str(value))
        except ValueError as error:
            self.fail(str(error), param, ctx)


def cluster_option(command: F) -> F:
    """Add ``--cluster ADDRESS``, passed on as ``cluster`` (a ``ClusterAddress``
    or ``None``); it excludes ``--workers`` above 1."""

    @click.option(
        "--cluster",
        type=_ClusterAddressType(),
        metavar="ADDRESS",
        help=(
            "Run on a Dask cluster: local[:N] starts N worker processes here (default: one "
            "per core), tcp://HOST:PORT uses a running `dask scheduler`. Workers open the "
            "input paths as given."
        ),
    )
    @functools.wraps(command)
    def wrapper(cluster: ClusterAddress | None, **kwargs: Any) -> Any:
        if cluster is not None and kwargs.get("workers", 1) > 1:
            raise click.UsageError("--workers and --cluster exclude each other")
        return command(cluster=cluster, **kwargs)

    return wrapper  # type: ignore[return-value]
