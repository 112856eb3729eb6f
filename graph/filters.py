"""Which part of the graph an analysis looks at: the ``GraphFilter`` model.

A filter is applied while the graph is streamed out of a store (the relation
types, modality and confidence go into the Cypher so that unwanted edges never
cross the wire) and again in Python for what Cypher cannot say simply: partial
dates and actor-level restrictions. The same model filters a snapshot loaded
from a file, so an analysis gives the same answer with or without a database.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from actorgraph.graph.models import PartialDate
from actorgraph.graph.ontology import (
    RELATION_TYPES,
    ActorType,
    Family,
    Modality,
    RelationType,
    family_of,
)

__all__ = ["DEFAULT_MODALITIES", "GraphFilter", "date_bounds"]

# A negated event says that something did *not* happen ("did not meet"); counting
# it as a tie would invert its meaning, so it is left out unless asked for.
DEFAULT_MODALITIES: tuple[Modality, ...] = ("asserted", "planned")


def date_bounds(date: str) -> tuple[str, str]:
    """The earliest and latest full ISO dates a partial date can stand for.

    ``"2023"`` covers ``("2023-01-01", "2023-12-31")``; ``"2023-02"`` covers
    ``("2023-02-01", "2023-02-31")``. The upper bound may name a day the month
    does not have; it only ever takes part in string comparisons, where it
    sorts correctly.

    Examples
    --------
    >>> date_bounds("2023-05")
    ('2023-05-01', '2023-05-31')
    """
    return date + "0000-01-01"[len(date) :], date + "9999-12-31"[len(date) :]


class GraphFilter(BaseModel):
    """What to keep when streaming the graph into networkx.

    Edge filters: ``types`` (relation types) and ``families`` (ontology
    families) are combined (an edge must satisfy both when both are given);
    ``modalities`` (default: asserted and planned, negated events left out);
    ``min_confidence``; ``since``/``until`` keep an edge whose date, at
    whatever precision it has, can fall in the window: ``since="2023-05"``
    keeps an edge dated ``"2023"`` but not one dated ``"2023-04-30"``. Edges
    without a date are dropped as soon as a window is given.

    Actor filters: ``actor_types`` and ``countries`` keep the subgraph induced
    by the actors that match (both ends of an edge must match).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    types: tuple[RelationType, ...] | None = None
    families: tuple[Family, ...] | None = None
    modalities: tuple[Modality, ...] = DEFAULT_MODALITIES
    min_confidence: float = Field(default=0.0, ge=0.0, le=1.0)
    since: PartialDate | None = None
    until: PartialDate | None = None
    actor_types: tuple[ActorType, ...] | None = None
    countries: tuple[str, ...] | None = None

    @model_validator(mode="after")
    def _window_in_order(self) -> GraphFilter:
        if self.since and self.until and date_bounds(self.since)[0] > date_bounds(self.until)[1]:
            raise ValueError(f"since {self.since} is after until {self.until}")
        return self

    def relation_types(self) -> list[str]:
        """The relation types an edge may have, from ``types`` and ``families``."""
        allowed = [
            kind
            for kind in RELATION_TYPES
            if (self.types is None or kind in self.types)
            and (self.families is None or family_of(kind) in self.families)
        ]
        return allowed

    def keeps_actor(self, actor: Mapping[str, Any]) -> bool:
        """Whether an actor (a property dict) passes the actor filters."""
        if self.actor_types is not None and actor.get("type") not in self.actor_types:
            return False
        return self.countries is None or actor.get("country") in self.countries

    def keeps_date(self, date: str | None) -> bool:
        """Whether an edge dated ``date`` (partial ISO, or ``None``) is in the window."""
        if self.since is None and self.until is None:
            return True
        if not date:
            return False
        earliest, latest = date_bounds(date)
        if self.since is not None and latest < date_bounds(self.since)[0]:
            return False
        return self.until is None or earliest <= date_bounds(self.until)[1]

    def keeps_relation(self, relation: Mapping[str, Any]) -> bool:
        """Whether a relation (a property dict with ``type``) passes the edge filters.

        Structural relations have no modality and count as asserted; a missing
        confidence counts as 1.0 (registry facts).
        """
        kind = relation["type"]
        if self.types is not None and kind not in self.types:
            return False
        if self.families is not None and family_of(kind) not in self.families:
            return False
        if (relation.get("modality") or "asserted") not in self.modalities:
            return False
        confidence = relation.get("confidence")
        if confidence is not None and confidence < self.min_confidence:
            return False
        return self.keeps_date(relation.get("date"))

    @property
    def restricts_actors(self) -> bool:
        """Whether any actor-level filter is set."""
        return self.actor_types is not None or self.countries is not None
