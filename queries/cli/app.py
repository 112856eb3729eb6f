"""The command group class that turns library errors into one line and an exit code.

Every ``actorgraph`` command runs inside :meth:`ActorGraphGroup.invoke`, so a
command written by anyone gets the same behaviour for free: an
``ActorGraphError`` (store unreachable, Cypher rejected, actor not found...)
prints ``Error: <message>`` on stderr and exits with the error's
``exit_code``; it never shows a traceback. Anything else is a bug and keeps
its traceback.
"""

from __future__ import annotations

import os
import sys
from typing import Any, NoReturn

import click

from actorgraph.graph.errors import ActorGraphError

__all__ = ["ActorGraphGroup", "fail"]


def fail(message: str, exit_code: int = 1) -> NoReturn:
    """Print ``Error: message`` on stderr (one line) and exit with ``exit_code``."""
    click.echo(f"Error: {_one_line(message)}", err=True)
    raise click.exceptions.Exit(exit_code)


def _one_line(message: str) -> str:
    # Store drivers put server messages with embedded newlines in their errors;
    # a one-line contract means the user can grep and scripts can parse it.
    return " ".join(message.split())


class ActorGraphGroup(click.Group):
    """A click group whose commands report ``ActorGraphError`` as one line."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ActorGraphError as error:
            fail(str(error) or type(error).__name__, error.exit_code)
        except BrokenPipeError:
            # `actorgraph query ... | head` closes the pipe early; that is not an
            # error. Point stdout at devnull so the interpreter's final flush is quiet.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise click.exceptions.Exit(0) from None
