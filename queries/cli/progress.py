"""The progress bar of the commands that read many files (``load``, ``extract --cluster``)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

from actorgraph.loaders.ingest import ProgressCallback

__all__ = ["progress_bar"]


@contextmanager
def progress_bar(enabled: bool, label: str) -> Iterator[ProgressCallback | None]:
    """A rich progress bar on stderr, or nothing when stderr is not a terminal.

    Yields the callback that ``load_paths`` and the cluster functions call as
    ``progress(bytes_done, bytes_total, documents)``.
    """
    console = Console(stderr=True)
    if not enabled or not console.is_terminal:
        yield None
        return
    with Progress(
        TextColumn(label),
        BarColumn(),
        DownloadColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None, rate="")
        started = time.monotonic()

        def advance(done: int, total: int, documents: int) -> None:
            per_second = documents / max(time.monotonic() - started, 1e-9)
            rate = f"{documents} documents, {per_second:.1f}/s"
            bar.update(task, completed=done, total=total, rate=rate)

        yield advance
