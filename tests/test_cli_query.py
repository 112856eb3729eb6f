"""`actorgraph query`: read-only by default, parameters, formats, one-line errors.

Runs through click's CliRunner against the session's real embedded FalkorDB
(fixture `store`) and against a real Neo4j (fixture `neo4j_store`).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from cli_helpers import Cli, cli_for, node_count
from load_samples import write_samples
from local_neo4j import Neo4jServer

from actorgraph.graph.store import Store


@pytest.fixture
def cli(store: Store, store_home: Path) -> Cli:
    return cli_for(store, store_home)


@pytest.fixture
def neo4j_cli(neo4j_store: Store, neo4j_server: Neo4jServer) -> Cli:
    return cli_for(neo4j_store, neo4j=neo4j_server)


def test_create_without_write_is_refused_and_changes_nothing(cli: Cli, store: Store) -> None:
    before = node_count(store)
    result = cli("query", "CREATE (n:X)")
    assert result.exit_code != 0
    assert result.stderr.startswith("Error:") and result.stderr.count("\n") == 1
    assert "--write" in result.stderr
    assert node_count(store) == before


@pytest.mark.neo4j
def test_create_without_write_is_refused_on_neo4j(neo4j_cli: Cli, neo4j_store: Store) -> None:
    neo4j_store.execute("CREATE (:Document {id: 'd1'})")
    result = neo4j_cli("query", "CREATE (n:X)")
    assert result.exit_code != 0
    assert result.stderr.startswith("Error:") and result.stderr.count("\n") == 1
    assert "--write" in result.stderr
    assert node_count(neo4j_store) == 1
    written = neo4j_cli("query", "--write", "CREATE (n:X) RETURN count(n) AS made")
    assert written.exit_code == 0, written.output
    assert node_count(neo4j_store) == 2


@pytest.mark.parametrize(
    "cypher",
    [
        "MATCH (n) DETACH DELETE n",
        "MATCH (n) SET n.x = 1",
        "MERGE (n:Actor {id: 'new'})",
        "match (n) remove n.name",
    ],
)
def test_every_kind_of_write_is_refused(
    cli: Cli, store: Store, tmp_path: Path, cypher: str
) -> None:
    assert cli("load", str(write_samples(tmp_path / "s.jsonl", 3))).exit_code == 0
    before = list(store.read("MATCH (n) RETURN n ORDER BY n.id"))
    result = cli("query", cypher)
    assert result.exit_code != 0
    assert list(store.read("MATCH (n) RETURN n ORDER BY n.id")) == before


def test_write_flag_writes(cli: Cli, store: Store) -> None:
    result = cli(
        "query",
        "CREATE (n:Scratch {name: $name}) RETURN n.name AS name",
        "-p",
        "name=x",
        "--write",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"name": "x"}]
    assert list(store.read("MATCH (n:Scratch) RETURN n.name AS name")) == [{"name": "x"}]


def test_parameters_are_json_when_they_parse(cli: Cli) -> None:
    result = cli(
        "query",
        "RETURN $i AS i, $f AS f, $b AS b, $l AS l, $s AS s, $q AS q, $t AS t",
        "-p",
        "i=42",
        "-p",
        "f=1.5",
        "-p",
        "b=true",
        "-p",
        "l=[1,2]",
        "-p",
        "s=hello world",
        "-p",
        'q="42"',
        "-p",
        "t=a=b",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {"i": 42, "f": 1.5, "b": True, "l": [1, 2], "s": "hello world", "q": "42", "t": "a=b"}
    ]


def test_bad_parameter_is_a_usage_error(cli: Cli) -> None:
    result = cli("query", "RETURN 1", "-p", "novalue")
    assert result.exit_code == 2
    assert "NAME=VALUE" in result.stderr


def test_formats(cli: Cli, tmp_path: Path) -> None:
    assert cli("load", str(write_samples(tmp_path / "s.jsonl", 5))).exit_code == 0
    cypher = "MATCH (d:Document) RETURN d.id AS id, d.title AS title ORDER BY id"
    as_json = json.loads(cli("query", cypher, "--format", "json").stdout)
    assert [row["id"] for row in as_json] == [f"doc-{i:06d}" for i in range(5)]
    lines = cli("query", cypher, "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == as_json
    rows = list(csv.DictReader(io.StringIO(cli("query", cypher, "--format", "csv").stdout)))
    assert rows == as_json
    table = cli("query", cypher).stdout
    assert "doc-000004" in table and "Day 4" in table


def test_limit_guards_the_table_and_caps_streams(cli: Cli) -> None:
    cypher = "UNWIND range(1, 500) AS n RETURN n"
    table = cli("query", cypher).stdout
    assert "first 50 rows shown" in table
    assert " 50 " in table and " 51 " not in table
    assert "first 7 rows shown" in cli("query", cypher, "--limit", "7").stdout
    assert len(json.loads(cli("query", cypher, "--format", "json").stdout)) == 500
    assert len(cli("query", cypher, "--format", "jsonl", "--limit", "9").stdout.splitlines()) == 9


def test_syntax_error_is_one_line_without_traceback(cli: Cli) -> None:
    result = cli("query", "MATCH (n RETURN n")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error:") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output


@pytest.mark.parametrize("uri", ["redis://127.0.0.1:9", "bolt://127.0.0.1:9"])
def test_unreachable_store_is_exit_2_in_one_line(cli: Cli, uri: str) -> None:
    result = cli("query", "RETURN 1", "--store", uri)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error:") and result.stderr.count("\n") == 1
    assert "Traceback" not in result.output
