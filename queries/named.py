"""Named queries: the questions the CLI asks the store, as library functions.

Each function runs parameterised Cypher from :mod:`actorgraph.graph.cypher` on
any :class:`~actorgraph.graph.store.Store` and returns pydantic models, so a
notebook gets the same answers as ``actorgraph actors``, ``neighbors`` and
``stats``.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz, process, utils

from actorgraph.graph import cypher
from actorgraph.graph.errors import ActorNotFound
from actorgraph.graph.ontology import RELATION_TYPES, ActorType, is_directed
from actorgraph.graph.store import Store

__all__ = [
    "ActorRecord",
    "ActorSummary",
    "GraphStats",
    "Neighbor",
    "graph_stats",
    "list_actors",
    "neighbors",
    "resolve_actor",
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
