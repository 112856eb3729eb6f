"""Row rendering shared by every listing command (`actorgraph.queries.output`)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest

from actorgraph.queries.output import TABLE_LIMIT, cell_text, render_rows

ROWS = [
    {"id": "dhs", "n": 3, "aliases": ["DHS", "Homeland Security"], "extra": None},
    {"id": "italy", "n": 12, "aliases": [], "props": {"lang": "it"}},
]


def _render(rows: Any, fmt: Any, **kwargs: Any) -> tuple[int, str]:
    out = io.StringIO()
    count = render_rows(rows, fmt, out, **kwargs)
    return count, out.getvalue()


def test_json_is_one_array_and_jsonl_one_object_a_line() -> None:
    count, text = _render(ROWS, "json")
    assert count == 2 and json.loads(text) == ROWS
    count, text = _render(ROWS, "jsonl")
    assert [json.loads(line) for line in text.splitlines()] == ROWS
    assert _render([], "json") == (0, "[]\n")
    assert _render([], "jsonl") == (0, "")


def test_csv_uses_the_first_row_columns_and_json_for_lists() -> None:
    _, text = _render(ROWS, "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [
        ["id", "n", "aliases", "extra"],
        ["dhs", "3", '["DHS", "Homeland Security"]', ""],
        ["italy", "12", "[]", ""],
    ]
    assert _render([], "csv", columns=["a", "b"]) == (0, "a,b\r\n")


def test_table_caps_rows_and_says_so_without_reading_everything() -> None:
    consumed = 0

    def endless() -> Iterator[dict[str, int]]:
        nonlocal consumed
        while True:
            consumed += 1
            yield {"n": consumed}

    count, text = _render(endless(), "table")
    assert count == TABLE_LIMIT
    assert consumed == TABLE_LIMIT + 1  # one look past the cap, no more
    assert f"first {TABLE_LIMIT} rows shown" in text
    count, text = _render(iter(ROWS), "table", limit=5)
    assert count == 2 and "rows shown" not in text
    assert "Homeland Security" in text and '{"lang": "it"}' in text


def test_empty_table_says_so() -> None:
    assert _render([], "table") == (0, "(no rows)\n")


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, ""), ("x", "x"), (True, "true"), (1.5, "1.5"), ([1, "a"], '[1, "a"]')],
)
def test_cell_text(value: Any, shown: str) -> None:
    assert cell_text(value) == shown
