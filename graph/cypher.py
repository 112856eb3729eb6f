"""Every Cypher statement actorgraph sends, in one place.

All statements are parameterised. Labels and relationship types are never taken
from data: the builders below accept only names from the ontology's closed lists
and inline them; everything else travels in ``$rows`` / ``$params``.

Conventions for whoever adds a query here:

* A named or analysis query is a module-level ``UPPER_CASE`` ``str`` constant.
  :func:`neo4j_statements` picks up every such constant automatically, and the
  test suite runs Neo4j's own Cypher parser over all of them, so a constant must
  be valid Neo4j Cypher (write FalkorDB-only syntax in a builder or a tuple).
* Do not keep non-Cypher ``UPPER_CASE`` strings in this module.

Both backends run the same write statements; the dialects differ only in the
schema statements (FalkorDB indexes vs. Neo4j uniqueness constraints).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import Literal, NamedTuple

from actorgraph.graph.models import Actor, Document, EventRelation, StructuralRelation
from actorgraph.graph.ontology import ACTOR_TYPES, EVENT_TYPES, STRUCTURAL_TYPES

__all__ = [
    "ACTORS_LIST",
    "ACTOR_COLUMNS",
    "ACTOR_LOOKUP",
    "ACTOR_NAMES",
    "ACTOR_NEIGHBORS",
    "ANALYSIS_ACTORS",
    "ANALYSIS_RELATIONS_FROM",
    "CLEAR_GRAPH",
    "COUNT_NODES",
    "DOCUMENT_COLUMNS",
    "EVENT_COLUMNS",
    "FALKORDB_SCHEMA",
    "NEIGHBOURHOOD_STEP",
    "NEO4J_SCHEMA",
    "STATS_ACTORS_BY_TYPE",
    "STATS_DOCUMENTS",
    "STATS_MENTIONS",
    "STATS_RELATIONS_BY_TYPE",
    "STREAM_ACTORS_BY_ID",
    "STREAM_ACTOR_IDS",
    "STREAM_DOCUMENTS",
    "STREAM_DOCUMENTS_BY_ID",
    "STREAM_RELATIONS_FROM",
    "STRUCTURAL_COLUMNS",
    "TIMELINE",
    "TIMELINE_OF_ACTOR",
    "WRITE_DOCUMENTS",
    "WRITE_MENTIONS",
    "ActorWrite",
    "CompactGroup",
    "Origin",
    "actors_stored_json",
    "analysis_actors_json",
    "analysis_relations_from_json",
    "checked_name",
    "compact_mentions",
    "compact_nodes",
    "compact_relations",
    "documents_stored_json",
    "is_read_only",
    "neighbourhood_step_json",
    "neo4j_statements",
    "stream_actor_ids_json",
    "stream_actors_by_id_json",
    "stream_documents_by_id_json",
    "stream_documents_json",
    "stream_relations_from_json",
    "write_actors",
    "write_events",
    "write_structural",
]

Origin = Literal["document", "registry"]
ActorWrite = Literal["merge", "update"]

# --- schema -----------------------------------------------------------------

# FalkorDB: exact-match indexes; creating one twice is an error the backend ignores.
FALKORDB_SCHEMA: tuple[str, ...] = (
    "CREATE INDEX FOR (a:Actor) ON (a.id)",
    "CREATE INDEX FOR (d:Document) ON (d.id)",
)

# Neo4j: uniqueness constraints (each also creates the index), created before loading.
NEO4J_SCHEMA: tuple[str, ...] = (
    "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
    "CREATE CONSTRAINT document_id IF NOT EXISTS FOR (d:Document) REQUIRE d.id IS UNIQUE",
)

# --- writes -----------------------------------------------------------------

WRITE_DOCUMENTS = """
UNWIND $rows AS row
MERGE (d:Document {id: row.id})
SET d += row.props
"""

WRITE_MENTIONS = """
UNWIND $rows AS row
MATCH (d:Document {id: row.doc})
MATCH (a:Actor {id: row.actor})
MERGE (d)-[m:MENTIONS]->(a)
SET m.count = row.count
"""


def checked_name(name: str, allowed: Collection[str], what: str) -> str:
    """``name`` if it is in ``allowed`` (an ontology list), else ``ValueError``.

    The only way a label or relationship type enters a statement (or a bulk
    write), so no text from a document ever does."""
    if name not in allowed:
        raise ValueError(f"{name!r} is not an ontology {what}")
    return name


def write_actors(actor_type: str, mode: ActorWrite = "merge") -> str:
    """Merge actors of one type: ``Actor`` plus the type label (any other type
    label removed), aliases as a set union, ``first_seen``/``last_seen`` as
    min/max, ``country``/``wikidata`` kept when a row has none.

    ``mode`` is for a writer that knows what is stored (FalkorDB, under its
    write lock, which creates new actors with :func:`compact_nodes`):
    ``"merge"`` for any actor; ``"update"`` for actors stored with this type
    already, whose labels are left alone. Changing the labels of an existing
    node is what makes ``"merge"`` slow on FalkorDB (about 200 µs a node).
    """
    label = checked_name(actor_type, ACTOR_TYPES, "actor type")
    others = ":".join(t for t in ACTOR_TYPES if t != label)
    if mode == "merge":
        node = f"MERGE (a:Actor {{id: row.id}})\nSET a:{label}\nREMOVE a:{others}"
    elif mode == "update":
        node = "MERGE (a:Actor {id: row.id})"
    else:
        raise ValueError(f"{mode!r} is not an actor write mode")
    return f"""
UNWIND $rows AS row
{node}
SET a.name = row.name,
    a.type = row.type,
    a.aliases = coalesce(a.aliases, []) + [x IN row.aliases WHERE NOT x IN coalesce(a.aliases, [])],
    a.country = coalesce(row.country, a.country),
    a.wikidata = coalesce(row.wikidata, a.wikidata),
    a.first_seen = CASE WHEN a.first_seen IS NULL OR row.first_seen < a.first_seen
                        THEN row.first_seen ELSE a.first_seen END,
    a.last_seen = CASE WHEN a.last_seen IS NULL OR row.last_seen > a.last_seen
                       THEN row.last_seen ELSE a.last_seen END
"""


def write_events(event_type: str) -> str:
    """Merge event edges of one type: one edge per (source, type, target, doc, start)."""
    rel = checked_name(event_type, EVENT_TYPES, "event type")
    return f"""
UNWIND $rows AS row
MATCH (s:Actor {{id: row.source}})
MATCH (t:Actor {{id: row.target}})
MERGE (s)-[r:{rel} {{doc: row.doc, start: row.start}}]->(t)
SET r += row.props
"""


def write_structural(structural_type: str, origin: Origin) -> str:
    """Merge structural edges of one type: registry facts once per (source, type,
    target) with ``source: "registry"``; document facts once per document."""
    rel = checked_name(structural_type, STRUCTURAL_TYPES, "structural type")
    if origin not in ("document", "registry"):
        raise ValueError(f"{origin!r} is not a structural edge origin")
    key = "{source: 'registry'}" if origin == "registry" else "{doc: row.doc}"
    return f"""
UNWIND $rows AS row
MATCH (s:Actor {{id: row.source}})
MATCH (t:Actor {{id: row.target}})
MERGE (s)-[r:{rel} {key}]->(t)
SET r += row.props, r.source = '{origin}'
"""


# --- FalkorDB's compact writes ----------------------------------------------
# The FalkorDB backend writes into an existing graph with these (a new graph
# is created in bulk, see ``actorgraph.graph.bulk``); Neo4j uses the map
# statements above, on rows of the same columns. Measured with bench/load.py:
#
# * Rows are lists, not maps: FalkorDB parses a list parameter about twice as
#   fast, and the client needs no key rewriting.
# * The actors a statement joins are looked up once each, in ``$actors``, and
#   rows name them by position: two index lookups a row were most of the cost.
#   If one were missing the positions would shift, so the guard
#   ``found = $actors`` stops the statement before it writes anything.
# * One statement writes every relation type of a batch, one ``CALL {}``
#   subquery a group (a statement a type made each look its actors up again;
#   nested ``FOREACH`` clauses were a quarter slower than ``UNWIND``).
# * After a MERGE, ``coalesce`` keeps a stored value that a row lacks. A
#   statement must not hold two rows with the same MERGE key (the batch's rows
#   are unique).
#
# Each returns ``written``, which the backend checks.

EVENT_COLUMNS = tuple(
    name for name in EventRelation.model_fields if name not in ("source", "target", "type")
)
STRUCTURAL_COLUMNS = tuple(
    name
    for name in StructuralRelation.model_fields
    if name not in ("source", "target", "type", "origin")
)
DOCUMENT_COLUMNS = tuple(Document.model_fields)
ACTOR_COLUMNS = tuple(name for name in Actor.model_fields if name != "mentions")


class CompactGroup(NamedTuple):
    """Relations written by one subquery of :func:`compact_relations`.

    ``create``: the relations of documents that were not stored when the
    writer looked, under its write lock, so none of them can exist: they are
    created, which costs the server about half a merge (bench/load.py). A
    registry fact belongs to no document and is always merged."""

    type: str
    origin: Literal["event", "document", "registry"]
    create: bool = False


_FIND_ACTORS = """UNWIND $actors AS id
MATCH (a:Actor {id: id})
WITH collect(a) AS actors, collect(id) AS found
WHERE found = $actors"""


def _row_map(columns: tuple[str, ...], offset: int) -> str:
    return "{" + ", ".join(f"{name}: row[{i + offset}]" for i, name in enumerate(columns)) + "}"


def _row_sets(columns: tuple[str, ...], offset: int, key: tuple[str, ...]) -> str:
    return ", ".join(
        f"r.{name} = coalesce(row[{i + offset}], r.{name})"
        for i, name in enumerate(columns)
        if name not in key
    )


def _relation_write(group: CompactGroup) -> str:
    """The CREATE or MERGE of one row of ``group`` (``row[0]`` and ``row[1]``
    are ``s`` and ``t``; the columns start at ``row[2]``)."""
    key: tuple[str, ...]
    if group.origin == "event":
        rel = checked_name(group.type, EVENT_TYPES, "event type")
        columns, key = EVENT_COLUMNS, ("doc", "start")
        identity = [f"{name}: row[{columns.index(name) + 2}]" for name in key]
    else:
        rel = checked_name(group.type, STRUCTURAL_TYPES, "structural type")
        if group.origin not in ("document", "registry"):
            raise ValueError(f"{group.origin!r} is not a relation origin")
        columns = STRUCTURAL_COLUMNS
        key = ("doc",) if group.origin == "document" else ()
        identity = [f"{name}: row[{columns.index(name) + 2}]" for name in key]
        identity.append(f"source: '{group.origin}'")
    if group.create:
        if group.origin == "registry":
            raise ValueError("registry facts are merged, never created blind")
        values = _row_map(columns, 2)
        if group.origin != "event":
            values = f"{values[:-1]}, source: '{group.origin}'}}"
        return f"CREATE (s)-[r:{rel} {values}]->(t)"
    return f"MERGE (s)-[r:{rel} {{{', '.join(identity)}}}]->(t) SET {_row_sets(columns, 2, key)}"


def compact_relations(groups: Sequence[CompactGroup]) -> str:
    """FalkorDB: relations of several groups; ``$rows<i>`` holds group ``i``'s
    rows, ``[source, target, *columns]`` (``EVENT_COLUMNS`` or
    ``STRUCTURAL_COLUMNS``), ends as positions in ``$actors``. ``written`` is
    1 if the statement ran, 0 if the guard stopped it."""
    writes = [
        f"CALL {{\n  WITH actors\n  UNWIND $rows{i} AS row\n"
        f"  WITH actors[row[0]] AS s, actors[row[1]] AS t, row\n"
        f"  {_relation_write(group)}\n}}"
        for i, group in enumerate(groups)
    ]
    return "\n".join(["", _FIND_ACTORS, *writes, "RETURN count(*) AS written", ""])


def compact_mentions(*, create: bool = False) -> str:
    """FalkorDB: ``MENTIONS`` edges; ``$docs`` rows are ``[document id,
    [[actor, count], ...]]``, actors as positions in ``$actors``; created
    (documents not stored when the writer looked, see :class:`CompactGroup`)
    or merged. ``written`` is the number of pairs of the documents found."""
    write = (
        "CREATE (d)-[m:MENTIONS {count: pair[1]}]->(a)"
        if create
        else "MERGE (d)-[m:MENTIONS]->(a)\nSET m.count = pair[1]"
    )
    return f"""
{_FIND_ACTORS}
UNWIND $docs AS doc
MATCH (d:Document {{id: doc[0]}})
UNWIND doc[1] AS pair
WITH d, actors[pair[0]] AS a, pair
{write}
RETURN count(*) AS written
"""


def compact_nodes(actor_types: Sequence[str]) -> str:
    """FalkorDB: documents and actors not stored yet. ``$docs`` rows are
    ``DOCUMENT_COLUMNS`` lists, ``$actors<i>`` rows ``ACTOR_COLUMNS`` lists
    of actors of type ``actor_types[i]``. ``written`` is the number of nodes
    created."""
    creates = [("docs", f"CREATE (n:Document {_row_map(DOCUMENT_COLUMNS, 0)})")]
    creates += [
        (
            f"actors{i}",
            f"CREATE (n:Actor:{checked_name(t, ACTOR_TYPES, 'actor type')} "
            f"{_row_map(ACTOR_COLUMNS, 0)})",
        )
        for i, t in enumerate(actor_types)
    ]
    calls = [
        f"CALL {{\n  UNWIND ${rows} AS row\n  {create}\n  RETURN count(n) AS {rows}\n}}"
        for rows, create in creates
    ]
    total = " + ".join(rows for rows, _ in creates)
    return "\n".join(["", *calls, f"RETURN {total} AS written", ""])


def actors_stored_json() -> str:
    """FalkorDB: the stored actors among rows ``[position, *ACTOR_COLUMNS]``
    of ``$rows``, as a JSON list of ``[position, same type, covered]``:
    ``covered`` when writing the row would change nothing stored (same name
    and type, no new alias, no other country or wikidata, no wider dates;
    :func:`write_actors` is what it would do). The positions and flags need no
    escaping (see ``stream_documents_json``), and one string arrives far
    faster than a list the client decodes value by value."""
    column = {name: f"row[{i + 1}]" for i, name in enumerate(ACTOR_COLUMNS)}
    return f"""
UNWIND $rows AS row
MATCH (a:Actor {{id: {column["id"]}}})
WITH row, a, a.type = {column["type"]} AS same
RETURN toJSON(collect([row[0], same, same AND a.name = {column["name"]}
    AND all(x IN {column["aliases"]} WHERE x IN coalesce(a.aliases, []))
    AND ({column["country"]} IS NULL OR {column["country"]} = a.country)
    AND ({column["wikidata"]} IS NULL OR {column["wikidata"]} = a.wikidata)
    AND ({column["first_seen"]} IS NULL OR {column["first_seen"]} >= a.first_seen)
    AND ({column["last_seen"]} IS NULL OR {column["last_seen"]} <= a.last_seen)])) AS stored
"""


def documents_stored_json() -> str:
    """FalkorDB: which rows ``[position, id]`` of ``$rows`` name stored
    documents, as a JSON list of positions (see :func:`actors_stored_json`)."""
    return """
UNWIND $rows AS row
MATCH (d:Document {id: row[1]})
RETURN toJSON(collect(row[0])) AS stored
"""


# --- maintenance ------------------------------------------------------------

CLEAR_GRAPH = "MATCH (n) DETACH DELETE n"

COUNT_NODES = "MATCH (n) RETURN count(n) AS count"

# --- named queries (actorgraph.queries.named) ------------------------------
# An actor's type is its one label besides `Actor`; reading it from labels(a) keeps these
# queries right whatever properties a loader wrote.

ACTORS_LIST = """
MATCH (a:Actor)
WHERE ($type IS NULL OR $type IN labels(a))
  AND ($country IS NULL OR a.country = $country)
  AND ($search IS NULL
       OR toLower(a.id) CONTAINS $search
       OR toLower(a.name) CONTAINS $search
       OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) CONTAINS $search))
OPTIONAL MATCH (a)-[r]-(:Actor)
WITH a, count(r) AS relations
OPTIONAL MATCH (d:Document)-[:MENTIONS]->(a)
WITH a, relations, count(d) AS documents
RETURN a.id AS id, a.name AS name,
       [label IN labels(a) WHERE label <> 'Actor'][0] AS type,
       a.country AS country, relations, documents
ORDER BY documents DESC, relations DESC, id ASC
LIMIT $limit
"""

ACTOR_LOOKUP = """
MATCH (a:Actor)
WHERE a.id = $key OR a.id = $folded OR toLower(a.name) = $folded
   OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = $folded)
WITH a, CASE WHEN a.id = $key OR a.id = $folded THEN 0
             WHEN toLower(a.name) = $folded THEN 1
             ELSE 2 END AS rank
ORDER BY rank ASC, a.id ASC
WITH collect({a: a, rank: rank}) AS found
WITH [hit IN found WHERE hit.rank = found[0].rank | hit.a] AS best
UNWIND best AS a
RETURN a.id AS id, a.name AS name,
       [label IN labels(a) WHERE label <> 'Actor'][0] AS type,
       coalesce(a.aliases, []) AS aliases, a.country AS country, a.wikidata AS wikidata
"""

ACTOR_NAMES = """
MATCH (a:Actor)
RETURN a.id AS id, a.name AS name, coalesce(a.aliases, []) AS aliases
"""

ACTOR_NEIGHBORS = """
MATCH (a:Actor {id: $id})-[r]-(b:Actor)
WITH b, type(r) AS relation, startNode(r).id = $id AS outgoing, r
RETURN b.id AS id, b.name AS name,
       [label IN labels(b) WHERE label <> 'Actor'][0] AS type,
       relation, outgoing, count(r) AS edges, count(DISTINCT r.doc) AS documents
ORDER BY edges DESC, relation ASC, id ASC
"""

STATS_ACTORS_BY_TYPE = """
MATCH (a:Actor)
RETURN [label IN labels(a) WHERE label <> 'Actor'][0] AS type, count(a) AS count
ORDER BY type
"""

STATS_RELATIONS_BY_TYPE = """
MATCH (:Actor)-[r]->(:Actor)
RETURN type(r) AS type, count(r) AS count
ORDER BY type
"""

STATS_DOCUMENTS = "MATCH (d:Document) RETURN count(d) AS count"

STATS_MENTIONS = "MATCH (:Document)-[m:MENTIONS]->(:Actor) RETURN count(m) AS count"

# --- analysis: the graph streamed into networkx (graph/networkx_io.py) -------

# Every actor id, sorted by the client, which then reads the actors a page of
# ids at a time by index (STREAM_ACTORS_BY_ID): a keyset page (`a.id > $after
# ORDER BY a.id LIMIT n`) made FalkorDB sort every remaining actor each time.
STREAM_ACTOR_IDS = "MATCH (a:Actor) RETURN a.id AS id"

# The outgoing relations of one page of actors, narrowed by the filters that
# Cypher can apply on both backends; the date window is applied in Python.
STREAM_RELATIONS_FROM = """
MATCH (a:Actor)-[r]->(b:Actor)
WHERE a.id IN $ids
  AND type(r) IN $types
  AND coalesce(r.confidence, 1.0) >= $min_confidence
  AND coalesce(r.modality, 'asserted') IN $modalities
RETURN a.id AS source, b.id AS target, type(r) AS type, properties(r) AS properties
"""

STREAM_DOCUMENTS = "MATCH (d:Document) RETURN properties(d) AS document"


# FalkorDB's Python client decodes a result cell by cell, some 5,000 rows a
# second for a relation with its properties; a page serialised by the server
# as one JSON string (``toJSON``, FalkorDB only) arrives some 40 times faster.
# FalkorDB's toJSON writes strings without escaping them, so a quote in an
# evidence sentence would break the page: every string property is escaped
# in Cypher first (backslash, then double quote) and the properties are
# listed one by one, from the models' fields, instead of ``properties(x)``.
# Raw control characters remain; the reader parses with ``strict=False``.
# Same filters and pages as the three statements above; one row, ``page``.

_JSON_NUMBERS = frozenset({"start", "end", "confidence"})
_JSON_LISTS = frozenset({"aliases"})
_DOCUMENT_FIELDS = tuple(Document.model_fields)
# Stored relation properties: both models' fields but the ends and the type;
# a structural edge's provenance is stored as `source` (the ontology's name).
_RELATION_FIELDS = (
    *(
        name
        for name in dict.fromkeys([*EventRelation.model_fields, *StructuralRelation.model_fields])
        if name not in ("source", "target", "type", "origin")
    ),
    "source",
)


def _escaped(value: str) -> str:
    # Cypher literals: '\\' is one backslash, '\\\\' two, '\\"' backslash-quote.
    return rf"""replace(replace({value}, '\\', '\\\\'), '"', '\\"')"""


def _json_map(variable: str, fields: tuple[str, ...]) -> str:
    entries = []
    for name in fields:
        value = f"{variable}.{name}"
        if name in _JSON_LISTS:
            value = f"[x IN {value} | {_escaped('x')}]"
        elif name not in _JSON_NUMBERS:
            value = _escaped(value)
        entries.append(f"{name}: {value}")
    return "{" + ", ".join(entries) + "}"


def stream_actor_ids_json() -> str:
    """FalkorDB: STREAM_ACTOR_IDS as one JSON list."""
    return f"""
MATCH (a:Actor)
RETURN toJSON(collect({_escaped("a.id")})) AS page
"""


def stream_relations_from_json() -> str:
    """FalkorDB: the relations of a page of actors as a JSON list of
    ``[source, target, type, properties]``."""
    return f"""
MATCH (a:Actor)-[r]->(b:Actor)
WHERE a.id IN $ids
  AND type(r) IN $types
  AND coalesce(r.confidence, 1.0) >= $min_confidence
  AND coalesce(r.modality, 'asserted') IN $modalities
RETURN toJSON(collect([{_escaped("a.id")}, {_escaped("b.id")}, type(r),
                       {_json_map("r", _RELATION_FIELDS)}])) AS page
"""


def stream_documents_json() -> str:
    """FalkorDB: every document as a JSON list of property maps."""
    return f"""
MATCH (d:Document)
RETURN toJSON(collect({_json_map("d", _DOCUMENT_FIELDS)})) AS page
"""


# --- analysis input: the columns the metrics read (graph/edges.py) -----------
# Only what the report needs crosses the wire: the two ends, type, document
# and date of each relation (evidence stays in the store), already narrowed by
# every filter of a GraphFilter. Parameters: $types, $modalities,
# $min_confidence, $since_start and $until_end (the window's outer dates, see
# ``filters.date_bounds``; null for no bound), $actor_types and $countries
# (null for any). A relation dated only "2023" is inside a window that can
# hold some day of 2023: its earliest and latest days are the date padded with
# "0000-01-01" and "9999-12-31".

# (FalkorDB's substring() refuses a null length, hence the coalesce; a null
# date still compares as null, so an undated relation is outside any window.)
_RELATION_FILTER = """type(r) IN $types
  AND coalesce(r.confidence, 1.0) >= $min_confidence
  AND coalesce(r.modality, 'asserted') IN $modalities
  AND ($since_start IS NULL
       OR r.date + substring('9999-12-31', size(coalesce(r.date, ''))) >= $since_start)
  AND ($until_end IS NULL
       OR r.date + substring('0000-01-01', size(coalesce(r.date, ''))) <= $until_end)"""


def _actor_filter(variable: str) -> str:
    return (
        f"($actor_types IS NULL OR {variable}.type IN $actor_types)"
        f" AND ($countries IS NULL OR {variable}.country IN $countries)"
    )


# The actors that pass the actor filters, in one reply (a few columns of
# each; pages sorted on the id cost a sort of every actor each). ``key`` is
# what ANALYSIS_RELATIONS_FROM names the ends by.
ANALYSIS_ACTORS = f"""
MATCH (a:Actor)
WHERE {_actor_filter("a")}
RETURN a.id AS key, a.id AS id, a.name AS name, a.type AS type, a.country AS country
"""

# The filtered relations leaving one page of actors ($ids). The page's actors
# are matched first, by index, and passed on: otherwise FalkorDB plans from
# `b`, which has filters too, and scans every actor for each page.
ANALYSIS_RELATIONS_FROM = f"""
MATCH (a:Actor)
WHERE a.id IN $ids
WITH a
MATCH (a)-[r]->(b:Actor)
WHERE {_RELATION_FILTER}
  AND {_actor_filter("b")}
RETURN a.id AS source, b.id AS target, type(r) AS type, r.doc AS doc, r.date AS date
"""


def _json_column(value: str) -> str:
    # collect() drops nulls, which would shift the columns: "" stands for null
    # (no stored id or date is empty).
    return f"collect(coalesce({_escaped(value)}, ''))"


def analysis_actors_json() -> str:
    """FalkorDB: ANALYSIS_ACTORS as one JSON list of columns ``[keys, ids,
    names, types, countries]``; the key is the internal node id."""
    columns = ", ".join(_json_column(f"a.{name}") for name in ("id", "name", "type", "country"))
    return f"""
MATCH (a:Actor)
WHERE {_actor_filter("a")}
RETURN toJSON([collect(id(a)), {columns}]) AS page
"""


def analysis_relations_from_json() -> str:
    """FalkorDB: ANALYSIS_RELATIONS_FROM as one JSON page of columns
    ``[sources, targets, types, docs, dates]``, ends by internal node id.
    Internal ids are numbers, which the server writes faster than strings."""
    return f"""
MATCH (a:Actor)
WHERE a.id IN $ids
WITH a
MATCH (a)-[r]->(b:Actor)
WHERE {_RELATION_FILTER}
  AND {_actor_filter("b")}
RETURN toJSON([collect(id(a)), collect(id(b)), collect(type(r)),
               {_json_column("r.doc")}, {_json_column("r.date")}]) AS page
"""


# --- named queries over the filtered graph (queries/named.py) ----------------
# Same parameters as the analysis input above; relations read either way.

# One breadth-first step: every (frontier actor, neighbour) pair, DISTINCT.
NEIGHBOURHOOD_STEP = f"""
MATCH (a:Actor)
WHERE a.id IN $frontier
WITH a
MATCH (a)-[r]-(b:Actor)
WHERE {_RELATION_FILTER}
  AND {_actor_filter("b")}
RETURN DISTINCT a.id AS parent, b.id AS child
"""


def neighbourhood_step_json() -> str:
    """FalkorDB: NEIGHBOURHOOD_STEP as one JSON list ``[parents, children]``."""
    return f"""
MATCH (a:Actor)
WHERE a.id IN $frontier
WITH a
MATCH (a)-[r]-(b:Actor)
WHERE {_RELATION_FILTER}
  AND {_actor_filter("b")}
WITH DISTINCT a.id AS parent, b.id AS child
RETURN toJSON([{_json_column("parent")}, {_json_column("child")}]) AS page
"""


_TIMELINE_ROWS = """WITH r, a, b ORDER BY r.date, a.name, type(r), b.name LIMIT $limit
OPTIONAL MATCH (d:Document {id: r.doc})
RETURN r.date AS date, a.id AS source, a.name AS source_name, type(r) AS type,
       b.id AS target, b.name AS target_name, r.modality AS modality,
       r.evidence AS evidence, r.doc AS doc, d.title AS title
ORDER BY date, source_name, type, target_name"""

# Dated relations (``$types`` holds event types only), oldest first: the first
# $limit sorted in the store, their documents' titles looked up after.
TIMELINE = f"""
MATCH (a:Actor)-[r]->(b:Actor)
WHERE r.date IS NOT NULL
  AND {_RELATION_FILTER}
  AND {_actor_filter("a")}
  AND {_actor_filter("b")}
{_TIMELINE_ROWS}
"""

# The same for the relations of one actor ($id), found from it by index.
TIMELINE_OF_ACTOR = f"""
MATCH (x:Actor {{id: $id}})
WITH x
MATCH (x)-[r]-(:Actor)
WITH DISTINCT r
WITH r, startNode(r) AS a, endNode(r) AS b
WHERE r.date IS NOT NULL
  AND {_RELATION_FILTER}
  AND {_actor_filter("a")}
  AND {_actor_filter("b")}
{_TIMELINE_ROWS}
"""

# Named actors with every property, for a part of the graph read into networkx.
STREAM_ACTORS_BY_ID = """
MATCH (a:Actor)
WHERE a.id IN $ids
RETURN a.id AS id, properties(a) AS actor
ORDER BY id
"""


def stream_actors_by_id_json() -> str:
    """FalkorDB: STREAM_ACTORS_BY_ID as a JSON list of property maps."""
    return f"""
MATCH (a:Actor)
WHERE a.id IN $ids
WITH a ORDER BY a.id
RETURN toJSON(collect({_json_map("a", ACTOR_COLUMNS)})) AS page
"""


STREAM_DOCUMENTS_BY_ID = """
MATCH (d:Document)
WHERE d.id IN $ids
RETURN properties(d) AS document
"""


def stream_documents_by_id_json() -> str:
    """FalkorDB: STREAM_DOCUMENTS_BY_ID as a JSON list of property maps."""
    return f"""
MATCH (d:Document)
WHERE d.id IN $ids
RETURN toJSON(collect({_json_map("d", _DOCUMENT_FIELDS)})) AS page
"""


# --- read-only guard --------------------------------------------------------

# Comments, string literals and backticked names, which may contain any word.
_INERT = re.compile(
    r"""
      //[^\n]*
    | /\*.*?\*/
    | '(?:[^'\\]|\\.)*'
    | "(?:[^"\\]|\\.)*"
    | `(?:[^`]|``)*`
    """,
    re.VERBOSE | re.DOTALL,
)
_WRITE_CLAUSES = frozenset({"CREATE", "MERGE", "SET", "DELETE", "REMOVE", "DROP", "FOREACH"})
# A keyword after "." or ":" or "$" is a property, label or parameter, and a
# word followed by ":" is a map key; none of them is a clause.
_WORD = re.compile(r"(?<![.:$\w])([A-Za-z_]\w*)\b(?!\s*:)")
_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.IGNORECASE)
_IN_TRANSACTIONS = re.compile(r"\bIN\s+(?:\d+\s+CONCURRENT\s+)?TRANSACTIONS\b", re.IGNORECASE)
_CALL = re.compile(r"\bCALL\s+([A-Za-z_][\w.]*)", re.IGNORECASE)
# Procedures that write: any name with one of these parts (db.createLabel,
# apoc.create.node, apoc.periodic.iterate, gds.pageRank.write, ...).
_WRITE_PROCEDURE_PARTS = re.compile(
    r"(?:^|\.)(?:create\w*|merge\w*|delete\w*|drop\w*|set\w*|remove\w*|clear\w*|"
    r"write|mutate|refactor|periodic|import|load|nodes\.link|do|cypher\.run\w*Write\w*)(?:\.|$)",
    re.IGNORECASE,
)


def is_read_only(cypher: str) -> bool:
    """Whether ``cypher`` is free of write clauses, by a lexical check.

    String literals, comments and backticked identifiers are ignored, so a name
    such as ``'SET'`` or `` `CREATE` `` does not count; ``CREATE``, ``MERGE``,
    ``SET``, ``DELETE``, ``REMOVE``, ``DROP``, ``FOREACH``, ``LOAD CSV``,
    ``CALL {...} IN TRANSACTIONS`` and calls of known write procedures do.

    >>> is_read_only("MATCH (a:Actor {name: 'SET'}) RETURN a.`CREATE`")
    True
    >>> is_read_only("MATCH (n) /* read */ DETACH DELETE n")
    False
    """
    code = _INERT.sub(" ", cypher)
    if _LOAD_CSV.search(code) or _IN_TRANSACTIONS.search(code):
        return False
    if any(word.upper() in _WRITE_CLAUSES for word in _WORD.findall(code)):
        return False
    return not any(_WRITE_PROCEDURE_PARTS.search(name) for name in _CALL.findall(code))


# --- lint support -----------------------------------------------------------


def neo4j_statements() -> list[str]:
    """Every statement the Neo4j backend can send.

    The builders expanded over the ontology's closed lists, the Neo4j schema,
    and every module-level ``UPPER_CASE`` ``str`` constant of this module
    (so named and analysis queries added here are linted too).
    """
    statements: list[str] = list(NEO4J_SCHEMA)
    statements += [write_actors(t) for t in ACTOR_TYPES]
    statements += [write_events(t) for t in EVENT_TYPES]
    statements += [
        write_structural(t, origin) for t in STRUCTURAL_TYPES for origin in ("document", "registry")
    ]
    statements += [
        value
        for name, value in sorted(globals().items())
        if name.isupper() and not name.startswith("_") and isinstance(value, str)
    ]
    return statements
