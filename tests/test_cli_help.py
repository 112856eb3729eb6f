"""`actorgraph --help` lists every command without importing any of them."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from actorgraph.queries.cli import COMMAND_MODULES, main


@pytest.mark.parametrize("name", list(COMMAND_MODULES))
def test_the_listed_help_is_the_commands_own(name: str) -> None:
    command = main.get_command(click.Context(main), name)
    assert command is not None
    assert COMMAND_MODULES[name][2] == command.get_short_help_str(limit=1000)


def test_help_imports_no_command_and_no_library() -> None:
    listing = """
import sys
from actorgraph.queries.cli import main
try:
    main(["--help"])
except SystemExit:
    pass
print(sorted(m for m in sys.modules if m.startswith(("actorgraph.graph", "actorgraph.loaders"))
             or m.startswith("actorgraph.queries.") and not m.startswith("actorgraph.queries.cli")
             or m.endswith(("_command", "_commands"))), file=sys.stderr)
"""
    run = subprocess.run([sys.executable, "-c", listing], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "import-snapshot" in run.stdout
    assert run.stderr.strip() == "[]"
