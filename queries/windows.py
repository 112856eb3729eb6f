"""How the top ranks move over time: one ranking per year or quarter.

Each window keeps the relations whose date can fall in it (the
:class:`~actorgraph.graph.filters.GraphFilter` rule for partial dates, so a
relation dated only ``2023`` counts in every quarter of 2023) and ranks the
actors active in that window by one metric.
"""

from __future__ import annotations

import csv
import html
from typing import Any, Literal, TextIO

import networkx as nx
import numpy as np
from pydantic import BaseModel, ConfigDict
from rich.console import Console
from rich.table import Table

from actorgraph.graph.edges import EdgeTable, edges_from_graph
from actorgraph.graph.filters import GraphFilter
from actorgraph.queries.communities import DEFAULT_SEED
from actorgraph.queries.report import Metric, ReportFormat, ranked_rows, rounded, score_table

__all__ = ["RankMovement", "WindowRanks", "rank_windows", "render_movement", "window_labels"]

Period = Literal["year", "quarter"]


class WindowRanks(BaseModel):
    """One actor's rank and score in each window (absent: not active then)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    type: str
    ranks: dict[str, int]
    scores: dict[str, float]


class RankMovement(BaseModel):
    """The top actors of every window, by one metric."""

    model_config = ConfigDict(extra="forbid")

    metric: Metric
    by: Period
    windows: list[str]
    rows: list[WindowRanks]


def _window(label: str) -> tuple[str, str]:
    if "-Q" not in label:
        return label, label
    year, quarter = label.split("-Q")
    first = 3 * int(quarter) - 2
    return f"{year}-{first:02d}", f"{year}-{first + 2:02d}"


def window_labels(G: nx.MultiDiGraph | EdgeTable, by: Period) -> list[str]:
    """The years (``2023``) or quarters (``2023-Q2``) that hold a dated relation.

    A relation dated only by year adds its year but no quarter.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", type="MET_WITH", date="2023-05-02")
    >>> _ = G.add_edge("a", "b", type="MET_WITH", date="2024")
    >>> window_labels(G, "year"), window_labels(G, "quarter")
    (['2023', '2024'], ['2023-Q2'])
    """
    table = G if isinstance(G, EdgeTable) else edges_from_graph(G)
    used = np.unique(table.date[table.date >= 0]).tolist()
    labels = set()
    for date in (table.dates[number] for number in used):
        if by == "year":
            labels.add(date[:4])
        elif len(date) >= 7:
            labels.add(f"{date[:4]}-Q{(int(date[5:7]) - 1) // 3 + 1}")
    return sorted(labels)


def rank_windows(
    G: nx.MultiDiGraph | EdgeTable,
    *,
    by: Period,
    metric: Metric = "pagerank",
    top: int = 10,
    samples: int | None = None,
    seed: int = DEFAULT_SEED,
) -> RankMovement:
    """Rank the actors of each window by ``metric``; keep each window's ``top``.

    Every window is cut from the one graph given (read once). Rows are the
    union of every window's top actors, ordered by their best rank; an
    actor's rank in a window where it has no relation is absent.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", type="MET_WITH", date="2023-01-05", doc="d1")
    >>> _ = G.add_edge("a", "c", type="MET_WITH", date="2023-01-06", doc="d2")
    >>> _ = G.add_edge("c", "d", type="MET_WITH", date="2024-02-01", doc="d3")
    >>> movement = rank_windows(G, by="year", metric="degree", top=1)
    >>> [(row.id, row.ranks) for row in movement.rows]
    [('a', {'2023': 1}), ('c', {'2023': 2, '2024': 1})]
    """
    table = G if isinstance(G, EdgeTable) else edges_from_graph(G)
    labels = window_labels(table, by)
    per_window: dict[str, tuple[EdgeTable, dict[str, np.ndarray]]] = {}
    found: dict[str, WindowRanks] = {}
    for label in labels:
        since, until = _window(label)
        keep = GraphFilter(since=since, until=until)
        inside = np.array([keep.keeps_date(date) for date in table.dates], dtype=bool)
        # table.date is -1 for an undated relation; the first test drops it.
        window = table.select((table.date >= 0) & inside[table.date])
        scored = score_table(window, [metric], samples=samples, seed=seed)
        per_window[label] = (window, {"rank": scored.ranks[metric], "score": scored.scores[metric]})
        for row in ranked_rows(scored.ranks[metric], window.names)[:top].tolist():
            found.setdefault(
                window.ids[row],
                WindowRanks(
                    id=window.ids[row],
                    name=window.names[row],
                    type=window.types[row] or "",
                    ranks={},
                    scores={},
                ),
            )
    for label, (window, values) in per_window.items():
        for row, actor in enumerate(window.ids):
            if actor in found:
                found[actor].ranks[label] = int(values["rank"][row])
                found[actor].scores[label] = rounded(float(values["score"][row]))
    rows = sorted(found.values(), key=lambda entry: (min(entry.ranks.values()), entry.name))
    return RankMovement(metric=metric, by=by, windows=labels, rows=rows)


def _flat(movement: RankMovement) -> tuple[list[str], list[dict[str, Any]]]:
    columns = ["id", "name", "type", *movement.windows]
    rows = [
        {"id": row.id, "name": row.name, "type": row.type, **row.ranks} for row in movement.rows
    ]
    return columns, rows


def render_movement(movement: RankMovement, fmt: ReportFormat, out: TextIO) -> None:
    """Write the rank of each top actor per window as a table, md, csv, json or html."""
    columns, rows = _flat(movement)
    title = f"Rank by {movement.metric}, per {movement.by}"
    cells = [[str(row.get(name, "")) for name in columns] for row in rows]
    if fmt == "json":
        out.write(movement.model_dump_json(indent=2) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows(cells)
    elif fmt == "md":
        out.write(f"# {title}\n\n| " + " | ".join(columns) + " |\n")
        out.write("|" + "---|" * len(columns) + "\n")
        out.writelines("| " + " | ".join(line) + " |\n" for line in cells)
    elif fmt == "html":
        head = "".join(f"<th>{html.escape(name)}</th>" for name in columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in line) + "</tr>\n"
            for line in cells
        )
        out.write(
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title></head><body><h1>{html.escape(title)}</h1>"
            f"<table><thead><tr>{head}</tr></thead><tbody>\n{body}</tbody></table>"
            "</body></html>\n"
        )
    else:
        table = Table(title=title, header_style="bold", title_justify="left")
        for name in columns:
            table.add_column(name)
        for line in cells:
            table.add_row(*line)
        Console(file=out, width=None if out.isatty() else 200).print(table)
