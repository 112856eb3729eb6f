"""The closed lists of the actor graph: node types, edge types and their codes.

Everything that becomes a label or a relationship type in a store comes from
here, never from text. The shared ``ONTOLOGY.md`` beside the project is the contract.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

__all__ = [
    "ACTOR_TYPES",
    "EVENT_TYPES",
    "FAMILIES",
    "RELATION_TYPES",
    "STRUCTURAL_TYPES",
    "ActorType",
    "EventSpec",
    "EventType",
    "Modality",
    "RelationType",
    "StructuralType",
    "family_of",
    "is_directed",
]

ActorType = Literal["Person", "Country", "Agency", "InternationalOrganization", "Organization"]
EventType = Literal[
    "MET_WITH",
    "VISITED",
    "INVITED",
    "AGREED_TO_COOPERATE",
    "SIGNED_AGREEMENT",
    "COOPERATES_WITH",
    "SHARES_INFORMATION",
    "SUPPORTS",
    "REQUESTED",
    "ACCUSED",
    "DENIED",
    "ATTACKED",
    "SANCTIONED",
]
StructuralType = Literal["HOLDS_ROLE", "PART_OF", "MEMBER_OF"]
RelationType = Literal[EventType, StructuralType]
Modality = Literal["asserted", "planned", "negated"]
Family = Literal["consultation", "agreement", "cooperation", "information", "conflict", "structure"]

ACTOR_TYPES: tuple[str, ...] = get_args(ActorType)
STRUCTURAL_TYPES: tuple[str, ...] = get_args(StructuralType)
FAMILIES: tuple[str, ...] = get_args(Family)


@dataclass(frozen=True)
class EventSpec:
    """What the ontology says about one event type."""

    directed: bool
    cameo: str
    plover: str | None
    family: Family


# `cameo` is the code written on an edge when a rule gives no finer one; the
# first code of the ontology's list for the type.
EVENT_TYPES: dict[str, EventSpec] = {
    "MET_WITH": EventSpec(False, "040", "CONSULT", "consultation"),
    "VISITED": EventSpec(True, "042", "CONSULT", "consultation"),
    "INVITED": EventSpec(True, "036", "AGREE", "consultation"),
    "AGREED_TO_COOPERATE": EventSpec(False, "030", "AGREE", "agreement"),
    "SIGNED_AGREEMENT": EventSpec(False, "057", "AGREE", "agreement"),
    "COOPERATES_WITH": EventSpec(False, "060", "COOPERATE", "cooperation"),
    "SHARES_INFORMATION": EventSpec(False, "064", "COOPERATE", "information"),
    "SUPPORTS": EventSpec(True, "050", "SUPPORT", "cooperation"),
    "REQUESTED": EventSpec(True, "020", "REQUEST", "consultation"),
    "ACCUSED": EventSpec(True, "111", "ACCUSE", "conflict"),
    "DENIED": EventSpec(True, "016", None, "conflict"),
    "ATTACKED": EventSpec(True, "170", "ASSAULT", "conflict"),
    "SANCTIONED": EventSpec(True, "163", "SANCTION", "conflict"),
}
assert tuple(EVENT_TYPES) == get_args(EventType)

RELATION_TYPES: tuple[str, ...] = (*EVENT_TYPES, *STRUCTURAL_TYPES)


def is_directed(relation_type: str) -> bool:
    """Whether the direction of an edge of this type carries meaning."""
    if relation_type in STRUCTURAL_TYPES:
        return True
    return EVENT_TYPES[relation_type].directed


def family_of(relation_type: str) -> str:
    """The relation family (consultation, agreement, ... structure) of a type."""
    if relation_type in STRUCTURAL_TYPES:
        return "structure"
    return EVENT_TYPES[relation_type].family
