"""Every Neo4j-dialect statement the code can send passes Neo4j's own Cypher parser.

The statements come from :func:`actorgraph.graph.cypher.neo4j_statements` (the
write builders over the ontology's closed lists, the schema, and every
``UPPER_CASE`` query constant in ``graph/cypher.py``). ``tests/cypher_lint.mjs``
runs ``lintCypherQuery`` from ``@neo4j-cypher/language-support`` (installed by
``make node``) on each, with no database schema.

Filtered out, because they are not about syntax: warnings (severity 2: unknown
labels, relationship types, properties, deprecations) and the error
"Parameter $x is not defined" (parameters are supplied at run time).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from actorgraph.graph import cypher

ROOT = Path(__file__).resolve().parents[1]
LINTER = ROOT / "tests" / "cypher_lint.mjs"
PACKAGE = ROOT / "node_modules" / "@neo4j-cypher" / "language-support" / "package.json"
UNDECLARED_PARAMETER = re.compile(r"^Parameter \$\S+ is not defined\.$")
ERROR = 1


def lint(statements: list[str]) -> list[list[dict[str, object]]]:
    """Syntax diagnostics per statement, as the linter reports them (filtered)."""
    node = shutil.which("node")
    assert node is not None
    done = subprocess.run(
        [node, str(LINTER)],
        input=json.dumps(statements),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=True,
    )
    return [
        [
            d
            for d in diagnostics
            if d["severity"] == ERROR and not UNDECLARED_PARAMETER.match(str(d["message"]))
        ]
        for diagnostics in json.loads(done.stdout)
    ]


BROKEN = "MATCH (n RETURN n"
UNKNOWN_NAMES = "MATCH (n:Unknown) RETURN n.nothing, $p"


@pytest.fixture(scope="module")
def linted(need: Callable[[bool, str], None]) -> dict[str, list[dict[str, object]]]:
    """Diagnostics of every statement plus two probes, from ONE node run (it is slow)."""
    need(shutil.which("node") is not None, "node is not installed (make node)")
    need(PACKAGE.exists(), "@neo4j-cypher/language-support is not installed (make node)")
    statements = [*cypher.neo4j_statements(), BROKEN, UNKNOWN_NAMES]
    return dict(zip(statements, lint(statements), strict=True))


def test_every_neo4j_statement_parses(linted: dict[str, list[dict[str, object]]]) -> None:
    problems = {
        statement.strip(): linted[statement]
        for statement in cypher.neo4j_statements()
        if linted[statement]
    }
    assert problems == {}


def test_statement_list_covers_builders_and_constants() -> None:
    statements = cypher.neo4j_statements()
    assert cypher.WRITE_DOCUMENTS in statements
    assert cypher.CLEAR_GRAPH in statements
    assert cypher.write_events("SANCTIONED") in statements
    assert cypher.write_structural("MEMBER_OF", "registry") in statements
    assert all(s in statements for s in cypher.NEO4J_SCHEMA)


def test_the_linter_catches_syntax_errors(linted: dict[str, list[dict[str, object]]]) -> None:
    assert linted[BROKEN] and "Invalid input" in str(linted[BROKEN][0]["message"])
    assert linted[UNKNOWN_NAMES] == []
