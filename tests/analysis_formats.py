"""Parsers for the centrality report's formats: each returns {actor id: {metric: score}}."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

from actorgraph.queries.report import METRICS

__all__ = ["Scores", "from_csv", "from_html", "from_json", "from_markdown"]

Scores = dict[str, dict[str, float]]


def from_json(text: str) -> Scores:
    data = json.loads(text)
    return {row["id"]: row["scores"] for row in data["rows"]}


def from_csv(text: str) -> Scores:
    return {
        row["id"]: {metric: float(row[metric]) for metric in METRICS}
        for row in csv.DictReader(io.StringIO(text))
    }


def from_markdown(text: str) -> Scores:
    section = text.split("## Actors by", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    scores = {}
    for line in lines[2:]:
        cells = dict(
            zip(header, (cell.strip() for cell in line.strip("|").split("|")), strict=True)
        )
        scores[cells["id"]] = {metric: float(cells[metric]) for metric in METRICS}
    return scores


class _Tables(HTMLParser):
    """Collects every <table> of a page as lists of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def from_html(text: str) -> Scores:
    parser = _Tables()
    parser.feed(text)
    header, *rows = parser.tables[0]
    return {
        row[header.index("id")]: {metric: float(row[header.index(metric)]) for metric in METRICS}
        for row in rows
    }
