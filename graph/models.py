"""Pydantic models for everything that crosses a boundary: actors, documents,
relations, and ``Extraction`` (one document's actors and relations).

An ``Extraction`` serialised with ``model_dump_json()`` is one line of the JSON
Lines format that ``actorgraph extract --format jsonl`` prints, ``actorgraph load``
reads, and the shared ``eval/score.py`` scores.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from actorgraph.graph.ontology import (
    EVENT_TYPES,
    ActorType,
    EventType,
    Modality,
    StructuralType,
)

__all__ = [
    "Actor",
    "Document",
    "EventRelation",
    "Extraction",
    "Mention",
    "PartialDate",
    "Relation",
    "StructuralRelation",
]

# An ISO date kept at the precision the source gives: "2023", "2023-01" or "2023-01-31".
PartialDate = Annotated[str, Field(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")]
ActorId = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[a-z0-9][a-z0-9._-]*$")]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
WikidataId = Annotated[str, Field(pattern=r"^Q[1-9]\d*$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, validate_assignment=False)


class Mention(_Model):
    """One place in a document's normalised text where an actor is named."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Actor(_Model):
    """A node of type ``Actor`` plus exactly one type label.

    ``mentions`` lists where the actor is named in the current document; it is
    only filled in an ``Extraction`` and is stored as the count on ``MENTIONS``.
    """

    id: ActorId
    name: str = Field(min_length=1)
    type: ActorType
    aliases: list[str] = Field(default_factory=list)
    country: CountryCode | None = None
    wikidata: WikidataId | None = None
    first_seen: PartialDate | None = None
    last_seen: PartialDate | None = None
    mentions: list[Mention] = Field(default_factory=list)


class Document(_Model):
    """A source document; ``id`` is a hash of its normalised text."""

    id: str = Field(min_length=1, max_length=200)
    path: str | None = None
    url: str | None = None
    title: str | None = None
    date: PartialDate | None = None
    lang: str | None = None


class EventRelation(_Model):
    """An event read from text, with the sentence that supports it."""

    source: ActorId
    target: ActorId
    type: EventType
    doc: str
    date: PartialDate | None = None
    evidence: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    lang: str | None = None
    cameo: str | None = Field(None, description="CAMEO code; default: the type's (ontology)")
    plover: str | None = Field(None, description="PLOVER category; default: the type's (ontology)")
    modality: Modality = "asserted"
    confidence: float = Field(ge=0.0, le=1.0)
    rule: str

    @model_validator(mode="after")
    def _checked(self) -> EventRelation:
        # One validator (it runs for every relation of a load): offsets in
        # order, and the codes the ontology gives the type when the input
        # leaves them out (a rule may give a finer CAMEO code).
        if self.end < self.start:
            raise ValueError("end offset is before start offset")
        if self.cameo is None or self.plover is None:
            spec = EVENT_TYPES[self.type]
            if self.cameo is None:
                self.cameo = spec.cameo
            if self.plover is None and "plover" not in self.model_fields_set:
                self.plover = spec.plover
        return self


class StructuralRelation(_Model):
    """A fact about actors: ``HOLDS_ROLE``, ``PART_OF`` or ``MEMBER_OF``.

    ``origin`` says where it comes from; it is stored as the edge property
    ``source`` (``"document"`` or ``"registry"``), as the ontology names it.
    """

    source: ActorId
    target: ActorId
    type: StructuralType
    origin: Literal["document", "registry"] = "document"
    title: str | None = None
    since: PartialDate | None = None
    until: PartialDate | None = None
    doc: str | None = None
    evidence: str | None = None
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    rule: str | None = None


Relation = Annotated[EventRelation | StructuralRelation, Field(discriminator="type")]


class Extraction(_Model):
    """One document's actors and relations: one line of the JSON Lines format."""

    document: Document
    actors: list[Actor] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)

    @model_validator(mode="after")
    def _relations_name_known_actors(self) -> Extraction:
        known = {actor.id for actor in self.actors}
        for relation in self.relations:
            for end in (relation.source, relation.target):
                if end not in known:
                    raise ValueError(f"relation {relation.type} names unknown actor {end!r}")
        return self
