"""The graph layer: ontology, models, errors and stores.

>>> from actorgraph.graph import open_store
>>> with open_store() as store:                      # doctest: +SKIP
...     store.write(extractions)
...     rows = list(store.read("MATCH (a:Actor) RETURN a.name AS name"))
"""

from actorgraph.graph.errors import (
    ActorGraphError,
    ActorNotFound,
    ClusterUnavailable,
    InvalidDocument,
    QueryError,
    ReadOnlyViolation,
    RegistryError,
    StoreUnavailable,
)
from actorgraph.graph.models import (
    Actor,
    Document,
    EventRelation,
    Extraction,
    Mention,
    Relation,
    StructuralRelation,
)
from actorgraph.graph.store import DEFAULT_GRAPH, Store, WriteSummary, open_store

__all__ = [
    "DEFAULT_GRAPH",
    "Actor",
    "ActorGraphError",
    "ActorNotFound",
    "ClusterUnavailable",
    "Document",
    "EventRelation",
    "Extraction",
    "InvalidDocument",
    "Mention",
    "QueryError",
    "ReadOnlyViolation",
    "RegistryError",
    "Relation",
    "Store",
    "StoreUnavailable",
    "StructuralRelation",
    "WriteSummary",
    "open_store",
]
