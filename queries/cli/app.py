"""The command group class that turns library errors into one line and an exit code.

Every ``actorgraph`` command runs inside :meth:`ActorGraphGroup.invoke`, so a
command written by anyone gets the same behaviour for free: an
``ActorGraphError`` (store unreachable, Cypher rejected, actor not found...)
prints ``Error: <message>`` on stderr and exits with the error's
``exit_code``; it never shows a traceback. So does an ``OSError`` (a file
that cannot be read or written), with exit code 1. Anything else is a bug and
keeps its traceback.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Iterator
from typing import Any, NoReturn

import click

__all__ = ["ActorGraphGroup", "fail", "frozen_for_workers", "tuned_for_writing"]

# Seconds; see tuned_for_writing.
WRITER_SWITCH_INTERVAL = 0.001


def fail(message: str, exit_code: int = 1) -> NoReturn:
    """Print ``Error: message`` on stderr (one line) and exit with ``exit_code``."""
    click.echo(f"Error: {_one_line(message)}", err=True)
    raise click.exceptions.Exit(exit_code)


def _os_error(error: OSError) -> str:
    """``OSError`` as ``what: path`` (``[Errno 2] ...`` is noise to a user)."""
    what = error.strerror or str(error)
    names = [name for name in (error.filename, error.filename2) if name is not None]
    return f"{what}: {' -> '.join(map(str, names))}" if names else what


def _one_line(message: str) -> str:
    # Store drivers put server messages with embedded newlines in their errors;
    # a one-line contract means the user can grep and scripts can parse it.
    return " ".join(message.split())


@contextlib.contextmanager
def tuned_for_writing() -> Iterator[None]:
    """Tune this process, a command that writes a graph, for that job; restore
    it after. The library never does this: these settings belong to the
    process (a notebook's included), and only the command owns its process.

    The cyclic garbage collector is off: a load holds hundreds of thousands
    of parsed models, rows and strings, all acyclic, that reference counting
    frees and the collector would only scan again and again (it was three
    quarters of the time spent parsing 500,000 relations of JSON Lines). The
    switch interval is 1 ms: the store's writer thread wakes at each server
    reply and must take the interpreter lock from the thread building the
    next batch; at the default 5 ms the server idles meanwhile.
    """
    interval = sys.getswitchinterval()
    collecting = gc.isenabled()
    gc.disable()
    sys.setswitchinterval(min(interval, WRITER_SWITCH_INTERVAL))
    try:
        yield
    finally:
        sys.setswitchinterval(interval)
        if collecting:
            gc.enable()


@contextlib.contextmanager
def frozen_for_workers(workers: int) -> Iterator[None]:
    """With worker processes, leave this process's objects out of garbage collection
    while they run; restore it after. The library never does this (see
    :func:`tuned_for_writing`). Forked workers then never walk the shared
    registry (copying its pages), and this process, which only passes documents
    and results along, spends less time on it.
    """
    if workers <= 1:
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class ActorGraphGroup(click.Group):
    """A click group whose commands report ``ActorGraphError`` as one line."""

    def invoke(self, ctx: click.Context) -> Any:
        # Imported here: the graph package (models, pydantic) is most of the
        # start-up time, and `actorgraph --help` needs none of it.
        from actorgraph.graph.errors import ActorGraphError

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
        except OSError as error:
            # A file or folder that cannot be read or written (--out into a
            # folder that cannot be made, a full disk): the user's to fix.
            fail(_os_error(error), 1)
