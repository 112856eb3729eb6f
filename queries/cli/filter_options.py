"""Options that choose which graph an analysis command reads.

``@filter_options`` adds the graph filters (relation types and families,
modality, date window, actor types and countries, minimum confidence) and
hands the command one ``graph_filter: GraphFilter``. ``@snapshot_option`` adds
``--from FILE`` (a JSON snapshot, so no database is needed), passed on as
``snapshot``. :func:`load_graph` turns the three (store target, snapshot,
filter) into the networkx multigraph the library functions take;
:func:`load_edges` into the lean table the metrics read.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
import networkx as nx
from pydantic import ValidationError

from actorgraph.graph.edges import EdgeTable, edges_from_graph, read_edges
from actorgraph.graph.errors import describe_validation
from actorgraph.graph.filters import DEFAULT_MODALITIES, GraphFilter
from actorgraph.graph.networkx_io import from_store, load_snapshot
from actorgraph.graph.ontology import ACTOR_TYPES, FAMILIES, RELATION_TYPES
from actorgraph.queries.cli.options import StoreTarget

__all__ = ["filter_options", "load_edges", "load_graph", "snapshot_option"]

F = TypeVar("F", bound=Callable[..., Any])

_MODALITIES = ("asserted", "planned", "negated")


def filter_options(command: F) -> F:
    """Add the graph filter options; pass them on as ``graph_filter``."""

    @click.option(
        "--relation",
        "relations",
        multiple=True,
        type=click.Choice(RELATION_TYPES),
        help="Keep only these relation types (repeatable).",
    )
    @click.option(
        "--family",
        "families",
        multiple=True,
        type=click.Choice(FAMILIES),
        help="Keep only relations of these families (repeatable).",
    )
    @click.option(
        "--modality",
        "modalities",
        multiple=True,
        type=click.Choice(_MODALITIES),
        help="Keep relations of these modalities (repeatable). [default: asserted, planned]",
    )
    @click.option(
        "--since",
        metavar="DATE",
        help="Keep relations dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).",
    )
    @click.option(
        "--until",
        metavar="DATE",
        help="Keep relations dated on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD).",
    )
    @click.option(
        "--actor-type",
        "actor_types",
        multiple=True,
        type=click.Choice(ACTOR_TYPES),
        help="Keep only actors of these types and the relations among them (repeatable).",
    )
    @click.option(
        "--country",
        "countries",
        multiple=True,
        metavar="CC",
        help="Keep only actors of these countries, ISO alpha-2 (repeatable).",
    )
    @click.option(
        "--min-confidence",
        type=click.FloatRange(0.0, 1.0),
        default=0.0,
        show_default=True,
        help="Keep relations at least this confident.",
    )
    @functools.wraps(command)
    def wrapper(
        relations: tuple[str, ...],
        families: tuple[str, ...],
        modalities: tuple[str, ...],
        since: str | None,
        until: str | None,
        actor_types: tuple[str, ...],
        countries: tuple[str, ...],
        min_confidence: float,
        **kwargs: Any,
    ) -> Any:
        try:
            graph_filter = GraphFilter.model_validate(
                {
                    "types": relations or None,
                    "families": families or None,
                    "modalities": modalities or DEFAULT_MODALITIES,
                    "since": since,
                    "until": until,
                    "actor_types": actor_types or None,
                    "countries": tuple(code.upper() for code in countries) or None,
                    "min_confidence": min_confidence,
                }
            )
        except ValidationError as error:
            raise click.BadParameter(describe_validation(error)) from error
        return command(graph_filter=graph_filter, **kwargs)

    return wrapper  # type: ignore[return-value]


def snapshot_option(command: F) -> F:
    """Add ``--from FILE`` (a JSON snapshot), passed on as ``snapshot``."""
    return click.option(
        "--from",
        "snapshot",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        default=None,
        metavar="FILE",
        help="Read the graph from a JSON snapshot instead of the store.",
    )(command)


def load_graph(
    target: StoreTarget, snapshot: Path | None, graph_filter: GraphFilter
) -> nx.MultiDiGraph:
    """The filtered actor graph, from ``snapshot`` when given, else from the store."""
    if snapshot is not None:
        return load_snapshot(snapshot, graph_filter)
    with target.open() as store:
        return from_store(store, graph_filter)


def load_edges(target: StoreTarget, snapshot: Path | None, graph_filter: GraphFilter) -> EdgeTable:
    """The filtered graph as the metrics read it (only the columns they need)."""
    if snapshot is not None:
        return edges_from_graph(load_snapshot(snapshot, graph_filter))
    with target.open() as store:
        return read_edges(store, graph_filter)
