"""The centrality report: who matters, who brokers, which blocs, which country pairs.

:func:`centrality_report` computes every metric once on the collapsed graph
and returns a :class:`CentralityReport`; the ``render_*`` functions print it as
a terminal table, Markdown, CSV (the actor rows), JSON (the whole model) or a
self-contained HTML page with inline SVG bar charts. Scores are rounded to
six significant digits in the model itself, so every format carries the very
same numbers.
"""

from __future__ import annotations

import csv
import html
import json
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any, Literal, NamedTuple, TextIO

import networkx as nx
import numpy as np
from pydantic import BaseModel, ConfigDict
from rich.console import Console
from rich.table import Table

from actorgraph.graph.edges import EdgeTable, edges_from_graph
from actorgraph.graph.filters import GraphFilter
from actorgraph.queries import centrality
from actorgraph.queries.arrays import GraphArrays, ScoreMap, collapse_edges
from actorgraph.queries.communities import DEFAULT_SEED, communities, community_summary, membership
from actorgraph.queries.country_pairs import country_pairs

__all__ = [
    "LEADERS",
    "METRICS",
    "REPORT_FORMATS",
    "ActorScores",
    "Broker",
    "CentralityReport",
    "Community",
    "CountryPair",
    "Leader",
    "Metric",
    "ReportFormat",
    "Scored",
    "centrality_report",
    "flat_rows",
    "rank",
    "ranked_rows",
    "render_report",
    "rounded",
    "row_columns",
    "score_table",
]

Metric = Literal[
    "degree",
    "in_degree",
    "out_degree",
    "weighted_degree",
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
]
METRICS: tuple[Metric, ...] = (
    "degree",
    "in_degree",
    "out_degree",
    "weighted_degree",
    "betweenness",
    "closeness",
    "eigenvector",
    "pagerank",
)
ReportFormat = Literal["table", "md", "csv", "json", "html"]
# Bars per chart in the HTML report.
LEADERS = 10
REPORT_FORMATS: tuple[str, ...] = ("table", "md", "csv", "json", "html")


def rounded(value: float) -> float:
    """``value`` to six significant digits, the precision every format shows.

    Examples
    --------
    >>> rounded(0.123456789)
    0.123457
    """
    return float(f"{value:.6g}")


def rank(scores: Mapping[Hashable, float]) -> dict[Hashable, int]:
    """Competition ranks, highest score first (ties share the best rank).

    Examples
    --------
    >>> rank({"a": 0.5, "b": 0.9, "c": 0.5})
    {'a': 2, 'b': 1, 'c': 2}
    """
    nodes = list(scores)
    ranks = _ranks(np.array([scores[node] for node in nodes], dtype=float))
    return dict(zip(nodes, ranks.tolist(), strict=True))


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActorScores(_Model):
    """One actor's score and rank for every metric."""

    id: str
    name: str
    type: str
    country: str | None = None
    community: int | None = None
    scores: dict[str, float]
    ranks: dict[str, int]


class Leader(_Model):
    """One of the top actors for a metric, over all actors (for the charts)."""

    id: str
    name: str
    score: float
    rank: int


class Broker(_Model):
    """An actor whose betweenness is high for its number of ties."""

    id: str
    name: str
    brokerage: float
    betweenness: float
    degree: float


class Community(_Model):
    """One Louvain community."""

    community: int
    size: int
    internal: float
    members: list[str]
    types: dict[str, int]
    countries: dict[str, int]


class CountryPair(_Model):
    """Relations between two countries' actors, per ontology family."""

    pair: str
    country_a: str
    country_b: str
    total: int
    consultation: int
    agreement: int
    cooperation: int
    information: int
    conflict: int
    structure: int
    documents: int


class CentralityReport(_Model):
    """Everything ``actorgraph centrality`` prints.

    ``rows`` are cut by ``--top`` and ``--type``; ``leaders`` holds the ten
    best actors of each metric over the whole graph, whatever the cut.
    ``betweenness_sources`` is the number of sampled sources behind
    betweenness and closeness, ``None`` when they are exact. ``communities``
    lists those of two actors or more; ``isolated`` counts the actors left
    alone in a community of their own.
    """

    actors: int
    ties: int
    relations: int
    documents: int
    metric: Metric
    metrics: list[Metric]
    filter: GraphFilter
    seed: int
    betweenness_sources: int | None
    eigenvector_method: str
    isolated: int
    rows: list[ActorScores]
    leaders: dict[str, list[Leader]]
    brokers: list[Broker]
    communities: list[Community]
    country_pairs: list[CountryPair]


_COMPUTE: dict[str, Callable[..., ScoreMap]] = {
    "degree": centrality.degree,
    "in_degree": centrality.in_degree,
    "out_degree": centrality.out_degree,
    "weighted_degree": centrality.weighted_degree,
    "eigenvector": centrality.eigenvector,
    "pagerank": centrality.pagerank,
}
_UNDIRECTED = {"degree", "weighted_degree", "eigenvector", "betweenness", "closeness"}


class Scored(NamedTuple):
    """Every metric of every actor of a table, as arrays in the table's row order."""

    scores: dict[str, np.ndarray]
    ranks: dict[str, np.ndarray]
    undirected: GraphArrays
    sources: int | None


def score_table(
    table: EdgeTable,
    metrics: Sequence[str],
    *,
    samples: int | None = None,
    seed: int = DEFAULT_SEED,
) -> Scored:
    """Compute ``metrics`` on the collapsed graphs of ``table`` and rank them.

    PageRank and in/out degree read the directed collapse; the others the
    undirected one (weight = documents). ``sources`` is the number of
    sampled sources behind betweenness and closeness, ``None`` when exact.

    Examples
    --------
    >>> from actorgraph.graph.edges import edges_from_graph
    >>> G = nx.MultiDiGraph([("a", "b", {"type": "MET_WITH"}), ("b", "c", {"type": "MET_WITH"})])
    >>> score_table(edges_from_graph(G), ["degree"]).ranks["degree"].tolist()
    [2, 1, 2]
    """
    directed = collapse_edges(table, directed=True)
    undirected = collapse_edges(table, directed=False)
    size = table.size
    exact = (samples is None and size <= centrality.EXACT_LIMIT) or (
        samples is not None and samples >= size
    )
    sources = None if exact else (samples or centrality.SAMPLES)
    computed: dict[str, np.ndarray] = {}
    if {"betweenness", "closeness"} & set(metrics):
        between, close = centrality.path_metrics(undirected, sources, seed=seed)
        computed["betweenness"], computed["closeness"] = between.array, close.array
    for name in metrics:
        if name not in computed:
            arrays = undirected if name in _UNDIRECTED else directed
            computed[name] = _COMPUTE[name](arrays).array
    scores = {name: computed[name] for name in metrics}
    return Scored(
        scores=scores,
        ranks={name: _ranks(values) for name, values in scores.items()},
        undirected=undirected,
        sources=sources,
    )


def _ranks(values: np.ndarray) -> np.ndarray:
    # The rank of a value is one plus the number of strictly better values.
    return np.searchsorted(np.sort(-values), -values, side="left") + 1


def ranked_rows(ranks: np.ndarray, names: Sequence[str]) -> np.ndarray:
    """Rows by rank, then name: the order of the report's rows.

    Examples
    --------
    >>> ranked_rows(np.array([2, 1, 2]), ["c", "b", "a"]).tolist()
    [1, 2, 0]
    """
    return np.lexsort((np.asarray(names, dtype=object), ranks))


def centrality_report(
    G: nx.MultiDiGraph | EdgeTable,
    *,
    metric: Metric = "pagerank",
    metrics: Sequence[Metric] = METRICS,
    top: int | None = None,
    types: Sequence[str] | None = None,
    samples: int | None = None,
    seed: int = DEFAULT_SEED,
    extras: bool = True,
) -> CentralityReport:
    """Compute the centrality report of an actor graph.

    Parameters
    ----------
    G : networkx.MultiDiGraph or EdgeTable
        The actor graph (from ``read_edges``, ``from_store``,
        ``load_snapshot``...), already filtered.
    metric : str
        Metric the rows are sorted by (always computed).
    metrics : sequence of str
        Metrics to compute. PageRank and in/out degree read the directed
        collapse; the others the undirected one (weight = documents).
    top : int, optional
        Keep the ``top`` best rows (ranks are over all actors regardless).
    types : sequence of str, optional
        Keep rows of these actor types only (ranks stay global).
    samples : int, optional
        Sources for betweenness and closeness; default exact up to
        ``centrality.EXACT_LIMIT`` actors, ``centrality.SAMPLES`` above.
    seed : int
        Seed of the betweenness sample and of Louvain.
    extras : bool
        Also compute brokers, communities and country pairs.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for a, b in [("a", "b"), ("b", "c"), ("c", "d")]:
    ...     _ = G.add_edge(a, b, type="MET_WITH", doc=a + b)
    >>> report = centrality_report(G, metric="betweenness", top=1)
    >>> report.rows[0].id, report.rows[0].scores["betweenness"]
    ('b', 0.666667)
    """
    table = G if isinstance(G, EdgeTable) else edges_from_graph(G)
    wanted = list(dict.fromkeys([metric, *metrics]))
    if extras:
        wanted = list(dict.fromkeys([*wanted, "degree", "betweenness"]))
    scored = score_table(table, wanted, samples=samples, seed=seed)
    size = table.size
    partition = communities(scored.undirected, seed=seed) if extras and size else []
    number = membership(partition)
    shown = [
        row
        for row in ranked_rows(scored.ranks[metric], table.names).tolist()
        if types is None or table.types[row] in types
    ]
    rows = [
        ActorScores(
            id=table.ids[row],
            name=table.names[row],
            type=table.types[row] or "",
            country=table.countries[row],
            community=number.get(table.ids[row]),
            scores={name: rounded(float(scored.scores[name][row])) for name in wanted},
            ranks={name: int(scored.ranks[name][row]) for name in wanted},
        )
        for row in (shown[:top] if top else shown)
    ]
    return CentralityReport(
        actors=size,
        ties=scored.undirected.matrix.nnz // 2,
        relations=table.relations,
        documents=table.documents,
        metric=metric,
        metrics=wanted,
        filter=table.filter,
        seed=seed,
        betweenness_sources=scored.sources,
        eigenvector_method="largest connected component, weighted, undirected",
        isolated=sum(1 for members in partition if len(members) == 1),
        rows=rows,
        leaders={name: _leaders(table, scored, name) for name in wanted},
        brokers=_brokers(table, scored, top or 10) if extras else [],
        communities=[
            Community(**row)
            for row in community_summary(
                scored.undirected,
                partition,
                names=table.names,
                types=table.types,
                countries=table.countries,
            )
            if row["size"] > 1
        ],
        country_pairs=[CountryPair(**row) for row in country_pairs(table)] if extras else [],
    )


def _leaders(table: EdgeTable, scored: Scored, name: str, top: int = LEADERS) -> list[Leader]:
    # Same order as the rows: rank, then name.
    best = ranked_rows(scored.ranks[name], table.names)[:top].tolist()
    return [
        Leader(
            id=table.ids[row],
            name=table.names[row],
            score=rounded(float(scored.scores[name][row])),
            rank=int(scored.ranks[name][row]),
        )
        for row in best
    ]


def _brokers(table: EdgeTable, scored: Scored, top: int) -> list[Broker]:
    between = scored.undirected.as_dict(scored.scores["betweenness"])
    degrees = scored.undirected.as_dict(scored.scores["degree"])
    found = centrality.brokers(between, degrees, size=table.size)
    best = sorted(found, key=lambda node: (-found[node], str(node)))[:top]
    return [
        Broker(
            id=str(node),
            name=table.names[scored.undirected.index[node]],
            brokerage=rounded(found[node]),
            betweenness=rounded(between[node]),
            degree=degrees[node],
        )
        for node in best
    ]


def _number(value: float | int | None) -> str:
    # json.dumps prints the shortest repr, the same text the JSON form holds.
    return "" if value is None else json.dumps(value)


def row_columns(report: CentralityReport) -> list[str]:
    """Column names of the flat actor rows (CSV, Markdown, table)."""
    columns = ["rank", "id", "name", "type", "country", "community"]
    for name in report.metrics:
        columns += [name, f"{name}_rank"]
    return columns


def flat_rows(report: CentralityReport) -> list[dict[str, Any]]:
    """The actor rows as flat dicts, in the order of :func:`row_columns`."""
    rows = []
    for row in report.rows:
        flat: dict[str, Any] = {
            "rank": row.ranks[report.metric],
            "id": row.id,
            "name": row.name,
            "type": row.type,
            "country": row.country,
            "community": row.community,
        }
        for name in report.metrics:
            flat[name] = row.scores[name]
            flat[f"{name}_rank"] = row.ranks[name]
        rows.append(flat)
    return rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return _number(value)
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return ", ".join(f"{key} {count}" for key, count in value.items())
    return str(value)


def _method_note(report: CentralityReport) -> str:
    sampling = (
        "exact"
        if report.betweenness_sources is None
        else f"sampled from {report.betweenness_sources} sources (seed {report.seed})"
    )
    return (
        f"{report.actors} actors, {report.ties} ties, {report.relations} relations, "
        f"{report.documents} documents. Betweenness and closeness: {sampling}. "
        f"Eigenvector: {report.eigenvector_method}. Communities: Louvain, seed {report.seed}; "
        f"{report.isolated} actors in none."
    )


def _sections(report: CentralityReport) -> list[tuple[str, list[str], list[dict[str, Any]]]]:
    return [
        (f"Actors by {report.metric}", row_columns(report), flat_rows(report)),
        (
            "Brokers (betweenness relative to degree)",
            ["id", "name", "brokerage", "betweenness", "degree"],
            [broker.model_dump() for broker in report.brokers],
        ),
        (
            "Communities (Louvain)",
            ["community", "size", "internal", "members", "types", "countries"],
            [community.model_dump() for community in report.communities],
        ),
        (
            "Country pairs",
            list(CountryPair.model_fields),
            [pair.model_dump() for pair in report.country_pairs],
        ),
    ]


def render_report(report: CentralityReport, fmt: ReportFormat, out: TextIO) -> None:
    """Write ``report`` to ``out`` as ``table``, ``md``, ``csv``, ``json`` or ``html``.

    CSV holds the actor rows only (one table per file); the other formats
    hold every section.
    """
    if fmt == "json":
        out.write(report.model_dump_json(indent=2))
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out)
        columns = row_columns(report)
        writer.writerow(columns)
        for row in flat_rows(report):
            writer.writerow([_cell(row[name]) for name in columns])
    elif fmt == "md":
        _render_markdown(report, out)
    elif fmt == "html":
        _render_html(report, out)
    else:
        _render_table(report, out)


def _render_table(report: CentralityReport, out: TextIO) -> None:
    console = Console(file=out, width=None if out.isatty() else 200, soft_wrap=False)
    for title, columns, rows in _sections(report):
        if not rows:
            continue
        if title.startswith("Actors"):
            # The terminal cannot hold 22 columns; show scores with their rank.
            columns = ["rank", "name", "type", "country", *report.metrics]
            rows = [
                {
                    **row,
                    **{
                        name: f"{_number(row[name])} ({row[name + '_rank']})"
                        for name in report.metrics
                    },
                }
                for row in rows
            ]
        table = Table(title=title, header_style="bold", title_justify="left")
        for name in columns:
            table.add_column(name, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(row.get(name)) for name in columns))
        console.print(table)
    console.print(_method_note(report))


def _render_markdown(report: CentralityReport, out: TextIO) -> None:
    out.write("# Centrality report\n\n")
    out.write(_method_note(report) + "\n")
    for title, columns, rows in _sections(report):
        out.write(f"\n## {title}\n\n")
        if not rows:
            out.write("(none)\n")
            continue
        out.write("| " + " | ".join(columns) + " |\n")
        out.write("|" + "---|" * len(columns) + "\n")
        for row in rows:
            cells = (_cell(row.get(name)).replace("|", "\\|") for name in columns)
            out.write("| " + " | ".join(cells) + " |\n")


_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:80rem}
table{border-collapse:collapse;margin:1rem 0;font-size:.85rem}
th,td{border:1px solid #ccc;padding:.2rem .4rem;text-align:left}
th{background:#f3f3f3}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem}
figure{margin:0}
figcaption{font-weight:bold;margin-bottom:.3rem}
svg text{font-size:11px;font-family:system-ui,sans-serif}
"""


def _bar_chart(report: CentralityReport, metric: str) -> str:
    ranked = report.leaders[metric]
    width, label, bar_height = 420, 170, 18
    height = bar_height * max(len(ranked), 1) + 4
    largest = max((row.score for row in ranked), default=0.0) or 1.0
    bars = []
    for position, row in enumerate(ranked):
        y = position * bar_height + 2
        length = (width - label - 60) * row.score / largest
        bars.append(
            f'<text x="{label - 4}" y="{y + 12}" text-anchor="end">'
            f"{html.escape(row.name[:28])}</text>"
            f'<rect x="{label}" y="{y}" width="{length:.1f}" height="{bar_height - 4}" '
            f'fill="#4a7ab5"><title>{html.escape(row.name)}: '
            f"{_number(row.score)}</title></rect>"
            f'<text x="{label + length + 4:.1f}" y="{y + 12}" class="value">'
            f"{_number(row.score)}</text>"
        )
    return (
        f"<figure><figcaption>{html.escape(metric)}</figcaption>"
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="top actors by {html.escape(metric)}">'
        + "".join(bars)
        + "</svg></figure>"
    )


def _render_html(report: CentralityReport, out: TextIO) -> None:
    out.write('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">')
    out.write("<title>actorgraph centrality report</title>")
    out.write(f"<style>{_CSS}</style></head><body>\n<h1>Centrality report</h1>\n")
    out.write(f"<p>{html.escape(_method_note(report))}</p>\n")
    out.write('<h2>Top actors per metric</h2>\n<div class="charts">')
    for metric in report.metrics:
        out.write(_bar_chart(report, metric))
    out.write("</div>\n")
    for title, columns, rows in _sections(report):
        out.write(f"<h2>{html.escape(title)}</h2>\n")
        if not rows:
            out.write("<p>(none)</p>\n")
            continue
        out.write("<table><thead><tr>")
        out.write("".join(f"<th>{html.escape(name)}</th>" for name in columns))
        out.write("</tr></thead><tbody>\n")
        for row in rows:
            cells = "".join(f"<td>{html.escape(_cell(row.get(name)))}</td>" for name in columns)
            out.write(f"<tr>{cells}</tr>\n")
        out.write("</tbody></table>\n")
    out.write("</body></html>\n")
