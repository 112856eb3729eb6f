"""Run `actorgraph` commands in-process against the session's embedded store.

``cli_for(store)`` returns a function that invokes the click group with
``--data-dir``/``--graph`` pointing at the fixture's server (``store_home``) and graph (or at a
``bolt://`` URI for the Neo4j backend), so a test sees exactly what the
command would print.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from actorgraph.graph.falkordb_store import FalkorDBStore
from actorgraph.graph.store import Store
from actorgraph.queries.cli import main

__all__ = ["Cli", "cli_for", "edge_count", "node_count"]

Cli = Callable[..., Result]

# Commands that do not take the store options.
_NO_STORE = {"store", "extract", "registry"}


def cli_for(store: Store, data_dir: Path | None = None, uri: str | None = None) -> Cli:
    """A runner for commands against ``store`` (the FalkorDB fixture, whose server
    lives in ``data_dir``) or against ``uri`` (the Bolt endpoint)."""

    def run(*args: str, **kwargs: Any) -> Result:
        target: list[str] = []
        if args and args[0] not in _NO_STORE and "--store" not in args:
            if uri is not None:
                target = ["--store", uri]
            elif isinstance(store, FalkorDBStore) and data_dir is not None:
                target = ["--data-dir", str(data_dir), "--graph", store.graph]
        env = {"NEO4J_URI": None, "ACTORGRAPH_HOME": None, "ACTORGRAPH_GRAPH": None}
        return CliRunner().invoke(main, [*args, *target], env=env, **kwargs)

    return run


def node_count(store: Store) -> int:
    return int(next(iter(store.read("MATCH (n) RETURN count(n) AS n")))["n"])


def edge_count(store: Store) -> int:
    return int(next(iter(store.read("MATCH ()-[r]->() RETURN count(r) AS n")))["n"])
