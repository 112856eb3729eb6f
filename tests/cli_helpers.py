"""Run `actorgraph` commands in-process against the session's embedded store.

``cli_for(store)`` returns a function that invokes the click group with
``--data-dir``/``--graph`` pointing at the fixture's server (``store_home``) and graph (or,
``cli_for(store, neo4j=server)``, at a real Neo4j with its user and password), so a test
sees exactly what the command would print.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from local_neo4j import Neo4jServer

from actorgraph.graph.falkordb_store import FalkorDBStore
from actorgraph.graph.store import Store
from actorgraph.queries.cli import main

__all__ = ["Cli", "cli_for", "edge_count", "node_count"]

Cli = Callable[..., Result]

# Commands that do not take the store options.
_NO_STORE = {"store", "extract", "registry"}


def cli_for(store: Store, data_dir: Path | None = None, neo4j: Neo4jServer | None = None) -> Cli:
    """A runner for commands against ``store`` (the FalkorDB fixture, whose server
    lives in ``data_dir``) or against the Neo4j server ``neo4j``."""

    def run(*args: str, **kwargs: Any) -> Result:
        target: list[str] = []
        env: dict[str, str | None] = {
            "NEO4J_URI": None, "ACTORGRAPH_HOME": None, "ACTORGRAPH_GRAPH": None,
        }  # fmt: skip
        if args and args[0] not in _NO_STORE and "--store" not in args:
            if neo4j is not None:
                target = ["--store", neo4j.uri]
                env |= {"NEO4J_USERNAME": neo4j.user, "NEO4J_PASSWORD": neo4j.password}
            elif isinstance(store, FalkorDBStore) and data_dir is not None:
                target = ["--data-dir", str(data_dir), "--graph", store.graph]
        return CliRunner().invoke(main, [*args, *target], env=env, **kwargs)

    return run


def node_count(store: Store) -> int:
    return int(next(iter(store.read("MATCH (n) RETURN count(n) AS n")))["n"])


def edge_count(store: Store) -> int:
    return int(next(iter(store.read("MATCH ()-[r]->() RETURN count(r) AS n")))["n"])
