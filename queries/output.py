"""Render query rows as a table, JSON, JSON Lines or CSV.

Rows are dicts of JSON-compatible values (what ``Store.read`` yields). The
machine formats stream: a row is written as soon as it arrives, so a query
returning millions of rows never sits in memory. The table is for people: it
shows at most ``limit`` rows and says how many more there were.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import Any, Literal, TextIO, get_args

from rich import box
from rich.console import Console
from rich.table import Table

__all__ = ["FORMATS", "TABLE_LIMIT", "OutputFormat", "cell_text", "render_rows"]

OutputFormat = Literal["table", "json", "jsonl", "csv"]
FORMATS: tuple[str, ...] = get_args(OutputFormat)

# A terminal table longer than this is unreadable; machine formats have no default cap.
TABLE_LIMIT = 50


def cell_text(value: Any) -> str:
    """One value as it appears in a table or CSV cell (lists and maps as compact JSON)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float):
        return json.dumps(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def render_rows(
    rows: Iterable[Mapping[str, Any]],
    fmt: OutputFormat,
    out: TextIO,
    *,
    limit: int | None = None,
    columns: list[str] | None = None,
    title: str | None = None,
) -> int:
    """Write ``rows`` to ``out`` in format ``fmt`` and return how many were written.

    ``limit`` caps every format; the table defaults to :data:`TABLE_LIMIT` and
    notes the rows it left out. ``columns`` fixes the column order (default:
    the keys of the first row; the table also adds keys first seen later).
    """
    iterator = iter(rows)
    if fmt == "table":
        return _render_table(iterator, out, limit or TABLE_LIMIT, columns, title)
    capped = iterator if limit is None else islice(iterator, limit)
    if fmt == "json":
        return _render_json(capped, out)
    if fmt == "jsonl":
        return _render_jsonl(capped, out)
    return _render_csv(capped, out, columns)


def _render_table(
    rows: Iterator[Mapping[str, Any]],
    out: TextIO,
    limit: int,
    columns: list[str] | None,
    title: str | None,
) -> int:
    shown = list(islice(rows, limit))
    # One look past the cap tells whether to say "more rows"; counting them all
    # would defeat the guard on a huge result.
    more = next(rows, None) is not None
    names = columns or _columns_of(shown)
    table = Table(
        title=title, box=box.SIMPLE_HEAD, header_style="bold", show_edge=False, pad_edge=False
    )
    for name in names:
        numeric = all(isinstance(row.get(name), int | float | None) for row in shown)
        table.add_column(name, overflow="fold", justify="right" if numeric else "left")
    for row in shown:
        table.add_row(*(cell_text(row.get(name)) for name in names))
    console = Console(file=out, width=_table_width(out), soft_wrap=False)
    if not shown:
        console.print("(no rows)")
        return 0
    console.print(table)
    if more:
        console.print(f"(first {limit} rows shown; raise --limit or use --format json/csv for all)")
    return len(shown)


def _table_width(out: TextIO) -> int | None:
    # Rich reads the terminal width itself; for a pipe or a file it would fall
    # back to 80 columns and fold every cell, so give it room.
    return None if out.isatty() else 160


def _columns_of(rows: list[Mapping[str, Any]]) -> list[str]:
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    return list(names)


def _render_json(rows: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    count = 0
    out.write("[")
    for row in rows:
        out.write(",\n " if count else "\n ")
        out.write(json.dumps(row, ensure_ascii=False, default=str))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def _render_jsonl(rows: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False, default=str))
        out.write("\n")
        count += 1
    return count


def _render_csv(rows: Iterator[Mapping[str, Any]], out: TextIO, columns: list[str] | None) -> int:
    first = next(rows, None)
    if first is None:
        if columns:
            csv.writer(out).writerow(columns)
        return 0
    names = columns or list(first)
    writer = csv.writer(out)
    writer.writerow(names)
    count = 0
    for row in _chain_one(first, rows):
        writer.writerow([cell_text(row.get(name)) for name in names])
        count += 1
    return count


def _chain_one(
    first: Mapping[str, Any], rest: Iterator[Mapping[str, Any]]
) -> Iterator[Mapping[str, Any]]:
    yield first
    yield from rest
