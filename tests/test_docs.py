"""The documentation tells the truth: every command has help with an example and
is in the README, and the README's console sessions produce what they show.

README convention (for everyone who adds to README.md)
-------------------------------------------------------
* Only fenced blocks tagged ``console`` are run; ``sh``/``bash``/``text``
  blocks are shown, never run (``make demo`` and ``make test`` live in ``sh``
  blocks, or this test would run the test suite).
* In a ``console`` block a line starting with ``$ `` is a command; it runs with
  bash, in order with every other block of the README, from the repo root, with
  ``.venv/bin`` first on PATH and a fresh ``ACTORGRAPH_HOME`` (so the first
  command starts a new embedded store, as for a new user). Write each command
  on one line.
* The lines under a command, up to the next ``$ `` line or the end of the
  block, are its output as a user sees it (stdout and stderr together). Each
  non-blank shown line must appear in the real output, in the same order,
  compared with runs of spaces collapsed. Other real lines may come in between,
  so a long table can be cut short.
* ``...`` inside a shown line matches any text (use it for timings, paths,
  figures that vary from run to run); a line that is only ``...`` is a visual
  cut and checks nothing.
* A command must exit 0 unless its shown output has a line starting with
  ``Error:`` (a documented failure).
* Fenced ``python`` blocks are run too, after the console blocks, each as a
  script in the same environment; they must exit 0.
* Everything runs twice: on a new embedded store, and on a real Neo4j (the
  test session's, emptied, through ``NEO4J_URI``), where the steps about the
  embedded server (``actorgraph store``), named graphs (``--graph``: Neo4j
  Community has one database) and ``make`` are left out. Output shown must
  therefore hold on both stores.

The embedded store started by the session is stopped at the end.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from local_neo4j import Neo4jServer

from actorgraph.graph.store import Store
from actorgraph.queries.cli import main

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
BIN = Path(sys.executable).parent


def _leaf_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if isinstance(command, click.Group):
            yield from _leaf_commands(command, (*prefix, name))
        elif command is not None and not command.hidden:
            yield (*prefix, name)


COMMANDS = sorted(_leaf_commands(main))


def test_there_are_commands_to_check() -> None:
    assert ("load",) in COMMANDS and ("query",) in COMMANDS


def test_main_help_lists_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for path in COMMANDS:
        assert path[0] in result.output


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_command_help_has_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.output, f"`actorgraph {' '.join(path)} --help` shows no example"
    assert f"actorgraph {' '.join(path)}" in result.output.split("Example", 1)[1]


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_command_is_documented_in_readme(path: tuple[str, ...]) -> None:
    assert f"actorgraph {' '.join(path)}" in README.read_text(encoding="utf-8")


@dataclass
class Step:
    """One ``$ command`` of a README console block and the output shown under it."""

    line: int
    command: str
    shown: list[str] = field(default_factory=list)


def readme_python_blocks(text: str) -> list[tuple[int, str]]:
    """``(first line, code)`` of every fenced ``python`` block."""
    found = re.finditer(r"^```python\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)
    return [(text.count("\n", 0, match.start()) + 2, match.group(1)) for match in found]


def readme_steps(text: str) -> list[Step]:
    """Every ``$ command`` in ``console`` blocks, in order, with its shown output."""
    steps: list[Step] = []
    in_console = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("```"):
            in_console = line.strip() == "```console" and not in_console
            continue
        if not in_console:
            continue
        if line.startswith("$ "):
            steps.append(Step(number, line[2:].strip()))
        elif steps and line.strip():
            steps[-1].shown.append(line)
    return steps


def _pattern(shown: str) -> re.Pattern[str]:
    parts = [re.escape(" ".join(part.split())) for part in shown.split("...")]
    return re.compile(".*".join(parts))


def missing_lines(shown: list[str], actual: str) -> list[str]:
    """Shown lines not found in ``actual`` in order (spaces collapsed, ``...`` = any)."""
    real = [" ".join(line.split()) for line in actual.splitlines()]
    position = 0
    missing: list[str] = []
    for line in shown:
        if line.strip() == "...":
            continue
        pattern = _pattern(line)
        for index in range(position, len(real)):
            if pattern.search(real[index]):
                position = index + 1
                break
        else:
            missing.append(line)
    return missing


def test_readme_convention_parser() -> None:
    text = "```sh\n$ make test\n```\n```console\n$ a\nx  y\n...\n$ b\n```\n"
    steps = readme_steps(text)
    assert [(s.command, s.shown) for s in steps] == [("a", ["x  y", "..."]), ("b", [])]
    assert missing_lines(["x y", "z ... w"], "x    y\nz 12 w\n") == []
    assert missing_lines(["z ... w", "x y"], "x y\nz 1 w\n") == ["x y"]
    assert readme_python_blocks("a\n```python\nx = 1\n```\n") == [(3, "x = 1\n")]


@pytest.fixture
def new_user_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "ACTORGRAPH_"))}
    env["ACTORGRAPH_HOME"] = str(tmp_path / "home")
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["COLUMNS"] = "160"
    yield env
    subprocess.run(["actorgraph", "store", "stop"], env=env, capture_output=True, timeout=60)


def run_readme(env: dict[str, str], *, neo4j: bool = False) -> None:
    """Run every README console step and python block in ``env``; on Neo4j,
    skip the steps that concern the embedded store only."""
    steps = readme_steps(README.read_text(encoding="utf-8"))
    assert steps, "README.md has no console blocks"
    if neo4j:
        steps = [step for step in steps if not embedded_only(step.command)]
    for step in steps:
        done = subprocess.run(
            ["bash", "-c", step.command],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        actual = done.stdout + done.stderr
        where = f"README.md:{step.line} `{step.command}`" + (" on Neo4j" if neo4j else "")
        documented_failure = any(line.startswith("Error:") for line in step.shown)
        assert done.returncode == 0 or documented_failure, (
            f"{where} exited {done.returncode}:\n{actual}"
        )
        missing = missing_lines(step.shown, actual)
        assert not missing, (
            f"{where}: not in the real output: {missing}\n--- real output:\n{actual}"
        )
    for line, code in readme_python_blocks(README.read_text(encoding="utf-8")):
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, f"README.md:{line} python block failed:\n{done.stderr}"


def embedded_only(command: str) -> bool:
    """A step about the embedded server (``store``), a named graph (``--graph``:
    Neo4j Community has one database) or ``make``, which a Neo4j run leaves out."""
    return bool(re.search(r"\bactorgraph store\b|--graph\b|^make\b", command))


@pytest.mark.slow
def test_readme_sessions_run_as_shown(new_user_env: dict[str, str]) -> None:
    run_readme(new_user_env)


@pytest.mark.slow
@pytest.mark.neo4j
def test_readme_sessions_run_as_shown_on_neo4j(
    new_user_env: dict[str, str], neo4j_store: Store, neo4j_server: Neo4jServer
) -> None:
    run_readme({**new_user_env, **neo4j_server.env()}, neo4j=True)
