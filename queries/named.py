"""Named queries: the questions the CLI asks the store, as library functions.

Each function runs parameterised Cypher from :mod:`actorgraph.graph.cypher` on
any :class:`~actorgraph.graph.store.Store` and returns pydantic models (or the
small networkx graph a question is about), so a notebook gets the same
answers as ``actorgraph actors``, ``neighbors``, ``stats``, ``ego``, ``path``
and ``timeline``.

The last three take a :class:`~actorgraph.graph.filters.GraphFilter`, applied
in the store's ``WHERE`` clauses, and read only what they show: a
neighbourhood or the actors on the shortest chains is found by breadth-first
steps in the store (one query a step, from both ends for a chain), then only
those actors and their relations are read into networkx, where
:mod:`actorgraph.queries.paths` lays out the rows and chains as it does for a
snapshot.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

import networkx as nx
import orjson
from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz, process, utils

from actorgraph.graph import cypher
from actorgraph.graph.edges import filter_params
from actorgraph.graph.errors import ActorNotFound
from actorgraph.graph.filters import GraphFilter
from actorgraph.graph.networkx_io import from_store
from actorgraph.graph.ontology import EVENT_TYPES, RELATION_TYPES, ActorType, is_directed
from actorgraph.graph.store import Store
from actorgraph.queries.paths import PATH_LIMIT, Hop, shortest_chains

__all__ = [
    "ActorRecord",
    "ActorSummary",
    "GraphStats",
    "Neighbor",
    "centre_actor",
    "chains_in_store",
    "ego_graph_in_store",
    "graph_stats",
    "levels",
    "list_actors",
    "neighbors",
    "resolve_actor",
    "timeline_in_store",
]

# Cypher needs a number for LIMIT; this one means "no limit" on any real graph.
_NO_LIMIT = 2**31 - 1
# How close (rapidfuzz token_sort_ratio, 0-100: word order ignored, no bonus for a mere
# substring, which offered "Saudi National ..." for "Tunisia national guard") a name
# must be to be offered as a suggestion.
_SUGGESTION_CUTOFF = 75


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActorSummary(_Row):
    """One line of ``actorgraph actors``."""

    id: str
    name: str
    type: str | None
    country: str | None = None
    relations: int = Field(description="relationship edges to other actors")
    documents: int = Field(description="documents that mention the actor")


class ActorRecord(_Row):
    """An actor node as stored."""

    id: str
    name: str
    type: str | None
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None
    wikidata: str | None = None


class Neighbor(_Row):
    """An actor linked to another one by edges of one type and direction."""

    id: str
    name: str
    type: str | None
    relation: str
    direction: Literal["->", "<-", "--"] = Field(
        description="-> the actor acts on the neighbour, <- the reverse, -- undirected type"
    )
    edges: int
    documents: int


class GraphStats(_Row):
    """Node and edge counts of one graph."""

    documents: int
    actors: int
    actors_by_type: dict[str, int]
    relations: int
    relations_by_type: dict[str, int]
    mentions: int

    def rows(self) -> list[dict[str, Any]]:
        """The counts as ``{"what": ..., "count": ...}`` rows, for tables and CSV."""
        rows: list[dict[str, Any]] = [
            {"what": "documents", "count": self.documents},
            {"what": "actors", "count": self.actors},
        ]
        rows += [{"what": f"  {kind}", "count": n} for kind, n in self.actors_by_type.items()]
        rows.append({"what": "relations", "count": self.relations})
        rows += [{"what": f"  {kind}", "count": n} for kind, n in self.relations_by_type.items()]
        rows.append({"what": "mentions", "count": self.mentions})
        return rows


def list_actors(
    store: Store,
    type: ActorType | None = None,
    country: str | None = None,
    search: str | None = None,
    limit: int | None = None,
) -> list[ActorSummary]:
    """Actors, most mentioned first, optionally filtered.

    Parameters
    ----------
    store : Store
        Where to look.
    type : str, optional
        Only actors of this ontology type (``"Agency"``, ``"Person"``...).
    country : str, optional
        Only actors of this ISO 3166-1 alpha-2 country (any case).
    search : str, optional
        Only actors whose id, name or an alias contains this text (any case).
    limit : int, optional
        At most this many actors.

    Returns
    -------
    list of ActorSummary

    Examples
    --------
    >>> [a.id for a in list_actors(store, type="Agency", search="homeland")]  # doctest: +SKIP
    ['dhs']
    """
    params = {
        "type": type,
        "country": country.upper() if country else None,
        "search": search.lower() if search else None,
        "limit": limit or _NO_LIMIT,
    }
    return [ActorSummary.model_validate(row) for row in store.read(cypher.ACTORS_LIST, params)]


def resolve_actor(store: Store, name: str) -> ActorRecord:
    """The actor whose id, name or alias is ``name`` (any case).

    An id match wins over a name match, which wins over an alias match.

    Raises
    ------
    ActorNotFound
        If nothing matches (the message suggests close names), or if several
        actors share the best match (the message lists their ids).

    Examples
    --------
    >>> resolve_actor(store, "Department of Homeland Security").id  # doctest: +SKIP
    'dhs'
    """
    key = name.strip()
    params = {"key": key, "folded": key.lower()}
    matches = [ActorRecord.model_validate(row) for row in store.read(cypher.ACTOR_LOOKUP, params)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        ids = ", ".join(f"{match.id} ({match.name})" for match in matches)
        raise ActorNotFound(f"{key!r} names several actors: {ids}; use an id")
    suggestions = _close_actors(store, key)
    hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
    raise ActorNotFound(f"no actor with id, name or alias {key!r}{hint}")


def _close_actors(store: Store, key: str, limit: int = 3) -> list[str]:
    """Up to ``limit`` actors with a name, alias or id close to ``key``."""
    labels: dict[str, str] = {}
    owners: list[str] = []
    choices: list[str] = []
    for row in store.read(cypher.ACTOR_NAMES):
        labels[row["id"]] = f"{row['id']} ({row['name']})"
        for text in (row["id"], row["name"], *(row.get("aliases") or [])):
            owners.append(row["id"])
            choices.append(text)
    best = process.extract(
        key,
        choices,
        scorer=fuzz.token_sort_ratio,
        processor=utils.default_process,
        score_cutoff=_SUGGESTION_CUTOFF,
        limit=None,
    )
    found: dict[str, None] = {}
    for _text, _score, index in best:
        found.setdefault(owners[index])
        if len(found) == limit:
            break
    return [labels[actor_id] for actor_id in found]


def neighbors(store: Store, actor: str) -> list[Neighbor]:
    """Actors linked to ``actor`` (an id), one row per neighbour, type and direction.

    Parameters
    ----------
    store : Store
        Where to look.
    actor : str
        The actor's id (see :func:`resolve_actor` for names and aliases).

    Returns
    -------
    list of Neighbor
        Most edges first.

    Examples
    --------
    >>> [(n.id, n.relation) for n in neighbors(store, "cisa")][:1]  # doctest: +SKIP
    [('dhs', 'PART_OF')]
    """
    rows = store.read(cypher.ACTOR_NEIGHBORS, {"id": actor})
    return [
        Neighbor(
            id=row["id"],
            name=row["name"],
            type=row["type"],
            relation=row["relation"],
            direction=_direction(row["relation"], row["outgoing"]),
            edges=row["edges"],
            documents=row["documents"],
        )
        for row in rows
    ]


def _direction(relation: str, outgoing: bool) -> Literal["->", "<-", "--"]:
    # A type outside the ontology (a graph written by another tool) keeps its direction.
    if relation not in RELATION_TYPES or is_directed(relation):
        return "->" if outgoing else "<-"
    return "--"


def graph_stats(store: Store) -> GraphStats:
    """Count documents, actors by type, relations by type and mentions.

    Examples
    --------
    >>> graph_stats(store).actors_by_type  # doctest: +SKIP
    {'Agency': 12, 'Country': 5, 'Person': 7}
    """
    actors_by_type = {row["type"]: row["count"] for row in store.read(cypher.STATS_ACTORS_BY_TYPE)}
    relations_by_type = {
        row["type"]: row["count"] for row in store.read(cypher.STATS_RELATIONS_BY_TYPE)
    }
    documents = next(iter(store.read(cypher.STATS_DOCUMENTS)))["count"]
    mentions = next(iter(store.read(cypher.STATS_MENTIONS)))["count"]
    return GraphStats(
        documents=documents,
        actors=sum(actors_by_type.values()),
        actors_by_type=actors_by_type,
        relations=sum(relations_by_type.values()),
        relations_by_type=relations_by_type,
        mentions=mentions,
    )


def centre_actor(store: Store, name: str, graph_filter: GraphFilter) -> ActorRecord:
    """The actor ``name`` resolves to (see :func:`resolve_actor`), if the
    filter's actor filters keep it; else ``ActorNotFound``."""
    record = resolve_actor(store, name)
    if not graph_filter.keeps_actor(record.model_dump()):
        raise ActorNotFound(f"{record.id} ({record.name}) is left out by the actor filters")
    return record


def _step(store: Store, frontier: list[str], params: dict[str, Any]) -> Iterable[tuple[str, str]]:
    """(frontier actor, neighbour) pairs of one breadth-first step."""
    step_params = {**params, "frontier": frontier}
    if store.backend != "falkordb":
        return (
            (row["parent"], row["child"])
            for row in store.read(cypher.NEIGHBOURHOOD_STEP, step_params)
        )
    rows = list(store.read(cypher.neighbourhood_step_json(), step_params))
    parents, children = orjson.loads(rows[0]["page"]) if rows else ([], [])
    return zip(parents, children, strict=True)


def levels(store: Store, start: str, params: dict[str, Any], depth: int) -> dict[str, int]:
    """Distance from ``start`` (an id) of every actor within ``depth``
    breadth-first steps in the store, relations read either way; ``params``
    are a filter's :func:`~actorgraph.graph.edges.filter_params`."""
    distance = {start: 0}
    frontier = [start]
    for level in range(1, depth + 1):
        found = [child for _, child in _step(store, frontier, params) if child not in distance]
        frontier = sorted(set(found))
        distance.update(dict.fromkeys(frontier, level))
        if not frontier:
            break
    return distance


def ego_graph_in_store(
    store: Store, actor: str, depth: int = 1, graph_filter: GraphFilter | None = None
) -> tuple[nx.MultiDiGraph, str]:
    """The actors within ``depth`` hops of ``actor`` and every relation among them.

    Parameters
    ----------
    store : Store
        Where to look.
    actor : str
        The centre: an id, a name or an alias (see :func:`resolve_actor`).
    depth : int
        Hops, either direction.
    graph_filter : GraphFilter, optional
        Relations and actors to consider (default: all but negated events).

    Returns
    -------
    (networkx.MultiDiGraph, str)
        The neighbourhood, as ``networkx_io.from_store`` builds a graph, and
        the centre's id.

    Raises
    ------
    ActorNotFound
        If ``actor`` names no actor, or one the actor filters leave out.

    Examples
    --------
    >>> ego, centre = ego_graph_in_store(store, "cisa", depth=2)  # doctest: +SKIP
    >>> sorted(ego)[:2]  # doctest: +SKIP
    ['cisa', 'dhs']
    """
    graph_filter = graph_filter or GraphFilter()
    centre = centre_actor(store, actor, graph_filter).id
    members = levels(store, centre, filter_params(graph_filter), depth)
    return from_store(store, graph_filter, actors=members), centre


def _chain_actors(
    store: Store, source: str, target: str, params: dict[str, Any], max_hops: int | None
) -> set[str]:
    """Every actor on a shortest chain from ``source`` to ``target`` (empty if none).

    Breadth-first from both ends, the smaller frontier first; each side
    remembers the actors every newly reached one is reached from, so the
    chains are walked back from where the two sides meet.
    """
    if source == target:
        return {source}
    parents: tuple[dict[str, list[str]], dict[str, list[str]]] = ({source: []}, {target: []})
    depths: tuple[dict[str, int], dict[str, int]] = ({source: 0}, {target: 0})
    frontiers = [[source], [target]]
    while frontiers[0] and frontiers[1]:
        if max_hops is not None and max(depths[0].values()) + max(depths[1].values()) >= max_hops:
            return set()
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        seen, depth = parents[side], depths[side]
        level = depth[frontiers[side][0]] + 1
        reached: dict[str, list[str]] = {}
        for parent, child in _step(store, frontiers[side], params):
            if child not in seen:
                reached.setdefault(child, []).append(parent)
        seen.update(reached)
        depth.update(dict.fromkeys(reached, level))
        frontiers[side] = sorted(reached)
        # The first actors both sides reach hold the shortest length: every
        # shortest chain passes one of those at that length.
        meeting = [actor for actor in reached if actor in depths[1 - side]]
        if meeting:
            length = min(level + depths[1 - side][actor] for actor in meeting)
            ends = [actor for actor in meeting if level + depths[1 - side][actor] == length]
            return _walk_back(ends, parents[0]) | _walk_back(ends, parents[1])
    return set()


def _walk_back(ends: list[str], parents: dict[str, list[str]]) -> set[str]:
    found = set(ends)
    todo = list(ends)
    while todo:
        for parent in parents[todo.pop()]:
            if parent not in found:
                found.add(parent)
                todo.append(parent)
    return found


def chains_in_store(
    store: Store,
    source: str,
    target: str,
    graph_filter: GraphFilter | None = None,
    *,
    max_hops: int | None = None,
    all_paths: bool = False,
    limit: int = PATH_LIMIT,
) -> list[list[Hop]]:
    """The shortest chain(s) of relations linking two actors, found in the store.

    The store finds the actors on every shortest chain (breadth-first steps
    from both ends, relations read either way, filters applied); only they
    and the relations among them are read, and
    :func:`actorgraph.queries.paths.shortest_chains` lays the chains out,
    best evidence first, exactly as on the whole graph.

    Parameters
    ----------
    source, target : str
        Ids, names or aliases (see :func:`resolve_actor`).
    graph_filter, max_hops, all_paths, limit
        As in :func:`actorgraph.queries.paths.shortest_chains`.

    Raises
    ------
    ActorNotFound
        If an end names no actor, or one the actor filters leave out.

    Examples
    --------
    >>> [hop.target for hop in chains_in_store(store, "piantedosi", "cisa")[0]]  # doctest: +SKIP
    ['dhs', 'cisa']
    """
    graph_filter = graph_filter or GraphFilter()
    start = centre_actor(store, source, graph_filter).id
    end = centre_actor(store, target, graph_filter).id
    on_chains = _chain_actors(store, start, end, filter_params(graph_filter), max_hops)
    if not on_chains:
        return []
    G = from_store(store, graph_filter, actors=on_chains)
    return shortest_chains(G, start, end, max_hops=max_hops, all_paths=all_paths, limit=limit)


def timeline_in_store(
    store: Store,
    actor: str | None = None,
    graph_filter: GraphFilter | None = None,
    *,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Dated events in order, sorted and cut in the store.

    Rows as :func:`actorgraph.queries.timeline.timeline` gives them: events
    only (structural facts are not events), oldest first, equal dates by
    source, type and target name.

    Parameters
    ----------
    actor : str, optional
        Only events this actor (an id, name or alias) takes part in.
    graph_filter : GraphFilter, optional
        What to keep (default: all but negated events).
    limit : int, optional
        At most this many (the first ones).

    Examples
    --------
    >>> [row["type"] for row in timeline_in_store(store, "albania", limit=1)]  # doctest: +SKIP
    ['SIGNED_AGREEMENT']
    """
    graph_filter = graph_filter or GraphFilter()
    params = filter_params(graph_filter)
    params["types"] = [kind for kind in params["types"] if kind in EVENT_TYPES]
    params["limit"] = limit or _NO_LIMIT
    if actor is None:
        return list(store.read(cypher.TIMELINE, params))
    params["id"] = centre_actor(store, actor, graph_filter).id
    return list(store.read(cypher.TIMELINE_OF_ACTOR, params))
