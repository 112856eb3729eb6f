"""The actor graph as networkx: stream it out of a store, save it, collapse it.

:func:`from_store` reads any backend (FalkorDB or Neo4j) page by page into a
``networkx.MultiDiGraph``: one node per actor (keyed by actor id, every actor
property as a node attribute), one edge per relation (every relation property
as an edge attribute, plus ``type``), documents in ``G.graph["documents"]``.
:func:`from_extractions` builds the same graph from ``Extraction`` models and
:func:`load_snapshot` from a JSON snapshot file, so analysis needs no database.

Attributes whose value is ``None`` are left out. The structural-edge property
the ontology calls ``source`` (``document`` or ``registry``) is the attribute
``origin`` here, as in :class:`~actorgraph.graph.models.StructuralRelation`,
because ``source``/``target`` mean the edge's ends in every networkx format.

:func:`collapse` turns the multigraph into the weighted simple graph the
metrics use: weight = number of distinct documents supporting the pair.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

import networkx as nx
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from actorgraph.graph import cypher
from actorgraph.graph.errors import InvalidDocument
from actorgraph.graph.filters import GraphFilter
from actorgraph.graph.models import Actor, Document, Extraction, Relation
from actorgraph.graph.ontology import STRUCTURAL_TYPES, is_directed
from actorgraph.graph.store import Store

__all__ = [
    "SNAPSHOT_FORMAT",
    "Snapshot",
    "build_graph",
    "collapse",
    "from_extractions",
    "from_store",
    "load_snapshot",
    "read_snapshot",
    "save_snapshot",
    "snapshot_extractions",
    "snapshot_graph",
    "stream_store",
    "to_snapshot",
]

SNAPSHOT_FORMAT: Literal["actorgraph-snapshot/1"] = "actorgraph-snapshot/1"
# Actors per page when streaming; a page also fetches those actors' outgoing
# relations, so memory stays bounded by one page whatever the graph size.
PAGE_SIZE = 5000

_RELATION = TypeAdapter(Relation)


class Snapshot(BaseModel):
    """A saved graph (or part of one): the JSON file of ``--from FILE``.

    ``filter`` records what the graph was cut down to when it was saved.
    """

    model_config = ConfigDict(extra="forbid")

    format: Literal["actorgraph-snapshot/1"] = SNAPSHOT_FORMAT
    filter: GraphFilter | None = None
    documents: list[Document] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)


_ENDS = frozenset({"source", "target"})


def _present(properties: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in properties.items() if value is not None}


def build_graph(
    actors: Iterable[Mapping[str, Any]],
    relations: Iterable[Mapping[str, Any]],
    documents: Iterable[Mapping[str, Any]] = (),
    graph_filter: GraphFilter | None = None,
) -> nx.MultiDiGraph:
    """Build the actor multigraph from property dicts, applying ``graph_filter``.

    ``actors`` are actor property dicts (with ``id``); ``relations`` are
    relation property dicts with ``source``, ``target`` and ``type``; a
    structural relation's provenance is read from ``origin``. Relations that
    name an actor not in ``actors`` (or one the filter drops) are skipped.

    Examples
    --------
    >>> G = build_graph(
    ...     [{"id": "dhs", "name": "DHS", "type": "Agency"},
    ...      {"id": "italy", "name": "Italy", "type": "Country", "country": "IT"}],
    ...     [{"source": "dhs", "target": "italy", "type": "MET_WITH", "doc": "d1"}],
    ... )
    >>> G.number_of_nodes(), G.number_of_edges()
    (2, 1)
    """
    graph_filter = graph_filter or GraphFilter()
    G = nx.MultiDiGraph(documents={}, filter=graph_filter.model_dump(mode="json"))
    for document in documents:
        G.graph["documents"][document["id"]] = _present(
            {key: value for key, value in document.items() if key != "id"}
        )
    for actor in actors:
        if graph_filter.keeps_actor(actor):
            G.add_node(actor["id"], **_present({k: v for k, v in actor.items() if k != "id"}))
    edges = (
        (
            relation["source"],
            relation["target"],
            {k: v for k, v in relation.items() if v is not None and k not in _ENDS},
        )
        for relation in relations
        if relation["source"] in G
        and relation["target"] in G
        and graph_filter.keeps_relation(relation)
    )
    G.add_edges_from(edges)
    return G


def from_extractions(
    extractions: Iterable[Extraction], graph_filter: GraphFilter | None = None
) -> nx.MultiDiGraph:
    """Build the actor multigraph from ``Extraction`` models (no store needed).

    An actor named in several extractions keeps the properties of its first
    appearance, with aliases merged and ``first_seen``/``last_seen`` widened.
    """
    actors: dict[str, dict[str, Any]] = {}
    documents: dict[str, dict[str, Any]] = {}
    relations: list[dict[str, Any]] = []
    for extraction in extractions:
        documents[extraction.document.id] = extraction.document.model_dump()
        for actor in extraction.actors:
            _merge_actor(actors, actor.model_dump(exclude={"mentions"}))
        relations.extend(relation.model_dump() for relation in extraction.relations)
    return build_graph(actors.values(), relations, documents.values(), graph_filter)


def _merge_actor(actors: dict[str, dict[str, Any]], actor: dict[str, Any]) -> None:
    known = actors.setdefault(actor["id"], actor)
    if known is actor:
        return
    known["aliases"] = sorted({*known.get("aliases", []), *actor.get("aliases", [])})
    for key, pick in (("first_seen", min), ("last_seen", max)):
        dates = [d for d in (known.get(key), actor.get(key)) if d]
        known[key] = pick(dates) if dates else None


def from_store(
    store: Store,
    graph_filter: GraphFilter | None = None,
    *,
    page_size: int = PAGE_SIZE,
    actors: Collection[str] | None = None,
) -> nx.MultiDiGraph:
    """Stream the actor graph out of ``store`` into a ``networkx.MultiDiGraph``.

    Actor ids are read first and sorted; actors are then read in pages of
    ``page_size`` ids (``WHERE a.id IN $ids``, by index), and relations per
    batch of ``page_size`` source actors
    (``WHERE a.id IN $ids``), already narrowed in Cypher by relation type,
    modality and confidence. Dates and actor filters are applied as rows
    arrive, so at most one batch of rows is held besides the graph.

    Parameters
    ----------
    store : Store
        An open store (any backend).
    graph_filter : GraphFilter, optional
        What to keep; default keeps everything but negated events.
    page_size : int
        Actors per page.
    actors : collection of str, optional
        Read only these actors (ids) and the relations among them.
    """
    graph_filter = graph_filter or GraphFilter()
    reader = _Reader(store)
    if actors is not None:
        wanted = sorted(actors)
        found = [
            actor
            for start in range(0, len(wanted), page_size)
            for actor in reader.actors_by_id(wanted[start : start + page_size])
        ]
        # A part of the graph: only its relations' documents are read.
        relations = [
            relation
            for relation in _stream_relations(reader, wanted, page_size, graph_filter)
            if relation["target"] in actors
        ]
        documents = reader.documents_by_id(sorted({r["doc"] for r in relations if r.get("doc")}))
        return build_graph(found, relations, documents, graph_filter)
    found, stream = stream_store(store, graph_filter, page_size=page_size)
    return build_graph(found, stream, reader.documents(), graph_filter)


def stream_store(
    store: Store, graph_filter: GraphFilter | None = None, *, page_size: int = PAGE_SIZE
) -> tuple[list[dict[str, Any]], Iterator[dict[str, Any]]]:
    """The filtered graph as :func:`from_store` reads it, for a writer that needs no graph.

    Returns the actors that pass the filter (property dicts, by id) and a
    stream of the relations among them (property dicts with ``source``,
    ``target`` and ``type``, as :func:`build_graph` takes them), read a page
    of source actors at a time, so that at most one page is held.
    """
    graph_filter = graph_filter or GraphFilter()
    reader = _Reader(store)
    actors = [
        actor
        for page in _actor_pages(reader, page_size)
        for actor in page
        if graph_filter.keeps_actor(actor)
    ]
    kept = {actor["id"] for actor in actors}
    relations = (
        relation
        for relation in _stream_relations(reader, sorted(kept), page_size, graph_filter)
        if relation["target"] in kept and graph_filter.keeps_relation(relation)
    )
    return actors, relations


class _Reader:
    """The three streaming reads, in the fastest form the backend offers.

    FalkorDB pages come back as one JSON string each (see ``graph/cypher.py``
    for why); other backends return ordinary rows.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.as_json = store.backend == "falkordb"

    def _page(self, statement: str, params: Mapping[str, Any] | None = None) -> list[Any]:
        rows = list(self.store.read(statement, params))
        # Strings cannot hold NUL in FalkorDB; the store maps it to an escape and
        # back, so a decoded page may hold raw control characters: strict=False.
        return json.loads(rows[0]["page"], strict=False) if rows else []

    def actor_ids(self) -> list[str]:
        if self.as_json:
            return self._page(cypher.stream_actor_ids_json())
        return [row["id"] for row in self.store.read(cypher.STREAM_ACTOR_IDS)]

    def actors_by_id(self, ids: list[str]) -> list[dict[str, Any]]:
        if self.as_json:
            return self._page(cypher.stream_actors_by_id_json(), {"ids": ids})
        return [row["actor"] for row in self.store.read(cypher.STREAM_ACTORS_BY_ID, {"ids": ids})]

    def relations(
        self, params: Mapping[str, Any]
    ) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        if self.as_json:
            yield from (
                tuple(item) for item in self._page(cypher.stream_relations_from_json(), params)
            )
            return
        for row in self.store.read(cypher.STREAM_RELATIONS_FROM, params):
            yield row["source"], row["target"], row["type"], dict(row["properties"])

    def documents_by_id(self, ids: list[str]) -> list[dict[str, Any]]:
        if self.as_json:
            return self._page(cypher.stream_documents_by_id_json(), {"ids": ids})
        rows = self.store.read(cypher.STREAM_DOCUMENTS_BY_ID, {"ids": ids})
        return [row["document"] for row in rows]

    def documents(self) -> list[dict[str, Any]]:
        if self.as_json:
            return self._page(cypher.stream_documents_json())
        return [row["document"] for row in self.store.read(cypher.STREAM_DOCUMENTS)]


def _actor_pages(reader: _Reader, page_size: int) -> Iterator[list[dict[str, Any]]]:
    ids = sorted(reader.actor_ids())
    for start in range(0, len(ids), page_size):
        yield reader.actors_by_id(ids[start : start + page_size])


def _stream_relations(
    reader: _Reader, actor_ids: list[str], page_size: int, graph_filter: GraphFilter
) -> Iterator[dict[str, Any]]:
    params = {
        "types": graph_filter.relation_types(),
        "modalities": list(graph_filter.modalities),
        "min_confidence": graph_filter.min_confidence,
    }
    for start in range(0, len(actor_ids), page_size):
        ids = actor_ids[start : start + page_size]
        for source, target, kind, properties in reader.relations({**params, "ids": ids}):
            if "confidence" in properties:
                # JSON pages write 1.0 as 1; the ontology's confidence is a float.
                properties["confidence"] = float(properties["confidence"])
            if kind in STRUCTURAL_TYPES and "source" in properties:
                properties["origin"] = properties.pop("source")
            properties.update(source=source, target=target, type=kind)
            yield properties


def collapse(G: nx.MultiDiGraph, *, directed: bool = True) -> nx.DiGraph | nx.Graph:
    """Collapse the multigraph to a weighted simple graph.

    ``weight`` is the number of distinct documents supporting the pair (a
    relation without a document, such as a registry fact, counts as one
    source of its own); ``relations`` is the number of relations. In the
    directed form a relation whose type has no direction (``MET_WITH``...)
    supports both directions. Self-loops are dropped: no metric here reads
    an actor's relation with itself.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", type="MET_WITH", doc="d1")
    >>> _ = G.add_edge("a", "b", type="VISITED", doc="d2")
    >>> D = collapse(G)
    >>> D["a"]["b"]["weight"], D["b"]["a"]["weight"]
    (2, 1)
    """
    support: dict[tuple[Any, Any], set[Any]] = defaultdict(set)
    count: dict[tuple[Any, Any], int] = defaultdict(int)
    for u, v, key, data in G.edges(keys=True, data=True):
        if u == v:
            continue
        evidence = data.get("doc") or ("no-document", u, v, key)
        pairs = [(u, v)]
        if not directed:
            pairs = [(u, v) if str(u) <= str(v) else (v, u)]
        elif not is_directed(data["type"]):
            pairs.append((v, u))
        for pair in pairs:
            support[pair].add(evidence)
            count[pair] += 1
    H: nx.DiGraph | nx.Graph = nx.DiGraph() if directed else nx.Graph()
    H.graph.update(G.graph)
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from(
        (u, v, {"weight": len(docs), "relations": count[(u, v)]})
        for (u, v), docs in support.items()
    )
    return H


def to_snapshot(G: nx.MultiDiGraph) -> Snapshot:
    """The snapshot model of a graph built by this module."""
    documents = [Document(id=doc, **props) for doc, props in G.graph.get("documents", {}).items()]
    actors = [Actor(id=node, **data) for node, data in G.nodes(data=True)]
    relations = [
        _RELATION.validate_python({"source": u, "target": v, **data})
        for u, v, data in G.edges(data=True)
    ]
    stored_filter = G.graph.get("filter")
    return Snapshot(
        filter=GraphFilter.model_validate(stored_filter) if stored_filter else None,
        documents=documents,
        actors=actors,
        relations=relations,
    )


def save_snapshot(G: nx.MultiDiGraph, path: Path) -> Snapshot:
    """Write ``G`` to ``path`` as a JSON snapshot and return the model written."""
    snapshot = to_snapshot(G)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(snapshot.model_dump_json(exclude_none=True), encoding="utf-8")
    return snapshot


def read_snapshot(path: Path) -> Snapshot:
    """Read and validate a JSON snapshot file.

    Raises
    ------
    InvalidDocument
        If the file cannot be read or does not validate as a snapshot.
    """
    try:
        return Snapshot.model_validate_json(path.read_bytes())
    except OSError as error:
        raise InvalidDocument(f"cannot read snapshot {path}: {error.strerror}") from error
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InvalidDocument(
            f"{path} is not an actorgraph snapshot: {where}: {first['msg']}"
        ) from error


def load_snapshot(path: Path, graph_filter: GraphFilter | None = None) -> nx.MultiDiGraph:
    """Read a JSON snapshot written by :func:`save_snapshot` into a multigraph.

    ``graph_filter`` is applied on top of whatever the snapshot was cut to.

    Raises
    ------
    InvalidDocument
        If the file cannot be read or does not validate as a snapshot.
    """
    return snapshot_graph(read_snapshot(path), graph_filter)


def snapshot_extractions(snapshot: Snapshot) -> list[Extraction]:
    """The snapshot as ``Extraction`` models, ready for ``Store.write``.

    One extraction per document (even one without relations, so that no
    document is lost), holding the relations read from it and the actors
    they name. What no document carries (registry facts, actors
    without relations) goes into one more extraction whose document stands
    for the snapshot itself (id ``snapshot:`` + a hash of its content), so
    nothing is lost and its provenance is stated.
    """
    actors = {actor.id: actor for actor in snapshot.actors}
    documents = {document.id: document for document in snapshot.documents}
    grouped: dict[str | None, list[Any]] = defaultdict(list)
    for relation in snapshot.relations:
        grouped[relation.doc if relation.doc in documents else None].append(relation)
    named: set[str] = set()
    extractions = []
    for doc, document in documents.items():
        relations = grouped.get(doc, [])
        ends = sorted({end for relation in relations for end in (relation.source, relation.target)})
        named.update(ends)
        extractions.append(
            Extraction(
                document=document,
                actors=[actors[end] for end in ends],
                relations=relations,
            )
        )
    leftover_relations = grouped.get(None, [])
    leftover_actors = set(actors) - named
    leftover_actors.update(
        end for relation in leftover_relations for end in (relation.source, relation.target)
    )
    if leftover_actors:
        digest = hashlib.sha256(snapshot.model_dump_json().encode()).hexdigest()[:16]
        extractions.append(
            Extraction(
                document=Document(id=f"snapshot:{digest}", title="actorgraph snapshot"),
                actors=[actors[end] for end in sorted(leftover_actors)],
                relations=leftover_relations,
            )
        )
    return extractions


def snapshot_graph(snapshot: Snapshot, graph_filter: GraphFilter | None = None) -> nx.MultiDiGraph:
    """Build the multigraph held by a :class:`Snapshot`."""
    return build_graph(
        (actor.model_dump(exclude={"mentions"}) for actor in snapshot.actors),
        (relation.model_dump() for relation in snapshot.relations),
        (document.model_dump() for document in snapshot.documents),
        graph_filter,
    )
