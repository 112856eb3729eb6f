"""Structural edges of a document: ``HOLDS_ROLE``, ``PART_OF`` and ``MEMBER_OF``.

``HOLDS_ROLE`` from the roles resolution read (title appositions, "led by") and
from the registry roles of the people named, held at the document's date;
``PART_OF`` from what the text states ("the ACSC, which sits within the ASD":
rule ``stated-part-of``) and from a body to its nearest ancestor named in the
document (HSI -> ICE -> DHS); ``MEMBER_OF`` between the countries and
organisations named.
"""

from __future__ import annotations

import itertools
import re

from actorgraph.graph.models import Document, StructuralRelation
from actorgraph.loaders.lexicon import Lexicon, lexicon_for
from actorgraph.loaders.registry import Registry
from actorgraph.loaders.resolve import DocumentActor, Resolution

__all__ = ["structural_relations"]


def structural_relations(
    resolution: Resolution,
    registry: Registry,
    document: Document,
    text: str,
) -> list[StructuralRelation]:
    """``HOLDS_ROLE``, ``PART_OF`` and ``MEMBER_OF`` between the document's actors."""
    actors = resolution.actors
    relations: list[StructuralRelation] = []
    seen: set[tuple[str, str, str]] = set()

    def add(relation: StructuralRelation) -> None:
        key = (relation.source, relation.target, relation.type)
        if key not in seen and relation.source in actors and relation.target in actors:
            seen.add(key)
            relations.append(relation)

    lex = lexicon_for(document.lang)
    for claim in resolution.roles:
        entry = registry.get(claim.person_id)
        office = actors[claim.org_id]
        # "X, the Deputy Prime Minister": a state title the text gives is an office.
        stated = (
            entry is not None
            and entry.country is not None
            and office.country == entry.country
            and lex.state_titles.fullmatch(claim.title) is not None
        )
        if (
            entry is not None
            and entry.roles
            and not stated
            and (
                office.type == "Country"
                or (entry.country and office.country and office.country != entry.country)
            )
        ):
            # The registry knows this person's offices better than a bare nationality
            # or an office of another country read off the context.
            continue
        add(
            StructuralRelation(
                source=claim.person_id,
                target=claim.org_id,
                type="HOLDS_ROLE",
                origin="document",
                title=claim.title,
                doc=document.id,
                evidence=text[claim.start : claim.end],
                start=claim.start,
                end=claim.end,
                confidence=0.8,
                rule=claim.rule,
            )
        )
    for actor in list(actors.values()):
        entry = registry.get(actor.id)
        if entry is None:
            continue
        for role in _current_roles(entry, document.date):
            if role.org in registry and role.org not in actors:
                org = registry[role.org]
                actors[org.id] = DocumentActor(
                    org.id, org.name, org.type, org.country, org.wikidata, registry=True
                )
            add(
                StructuralRelation(
                    source=actor.id,
                    target=role.org,
                    type="HOLDS_ROLE",
                    origin="registry",
                    title=role.title,
                    since=role.since,
                    until=role.until,
                    rule="registry-role",
                )
            )
    for relation in _stated_parents(text, resolution, lex, document):
        add(relation)
    for actor in list(actors.values()):
        entry = registry.get(actor.id)
        if entry is None:
            continue
        # Walk up to the nearest ancestor named in the document (HSI -> ICE -> DHS).
        parent, steps = entry.parent, 0
        while parent and parent not in actors and steps < 4:
            parent_entry = registry.get(parent)
            parent, steps = (parent_entry.parent if parent_entry else None), steps + 1
        if parent and parent in actors:
            add(
                StructuralRelation(
                    source=actor.id,
                    target=parent,
                    type="PART_OF",
                    origin="registry",
                    rule="registry-parent",
                )
            )
        if entry.type == "Country":
            for organisation in entry.member_of:
                if organisation in actors:
                    add(
                        StructuralRelation(
                            source=actor.id,
                            target=organisation,
                            type="MEMBER_OF",
                            origin="registry",
                            rule="registry-member",
                        )
                    )
        if entry.type == "InternationalOrganization":
            for member in entry.members:
                if member in actors:
                    add(
                        StructuralRelation(
                            source=member,
                            target=actor.id,
                            type="MEMBER_OF",
                            origin="registry",
                            rule="registry-member",
                        )
                    )
    return relations


def _current_roles(entry, date: str | None):  # type: ignore[no-untyped-def]
    """Roles held at ``date`` (or, without a date, the current and most recent ones)."""
    if not entry.roles:
        return []
    if date:
        return [
            r
            for r in entry.roles
            if (not r.since or r.since[: len(date)] <= date)
            and (not r.until or date[: len(r.until)] <= r.until)
        ]
    current = [r for r in entry.roles if not r.until]
    return current or sorted(entry.roles, key=lambda r: r.until or "")[-1:]


_BODIES = ("Agency", "Organization")
_PARENTS = ("Agency", "InternationalOrganization", "Organization")


_NAME_BEFORE_ACRONYM = re.compile(
    r"(?<=\s)[A-ZÀ-Þ][\w'’-]*(?:\s+(?:[a-zà-ÿ]{1,4}\s+)?[A-ZÀ-Þ][\w'’-]*)*\s*\($"
)


def _stated_parents(
    text: str, resolution: Resolution, lex: Lexicon, document: Document
) -> list[StructuralRelation]:
    """Rule ``stated-part-of``: "the ACSC, which sits within the ASD", "l'ANSSI,
    rattachée au SGDSN": the first body is part of the second."""
    actors = resolution.actors
    found: list[StructuralRelation] = []
    mentions = [
        m for m in resolution.mentions if m.participant or actors[m.actor_id].type != "Country"
    ]
    for body, parent in itertools.pairwise(mentions):
        if (
            body.actor_id == parent.actor_id
            or actors[body.actor_id].type not in _BODIES
            or actors[parent.actor_id].type not in _PARENTS
            or parent.start - body.end > 120
        ):
            continue
        gap = text[body.end : parent.start]
        for qualifier in resolution.mentions:
            # "AVNL, a company under India's defence ministry": the country qualifies.
            if not qualifier.participant and body.end <= qualifier.start < parent.start:
                gap = gap.replace(qualifier.text, " ").replace("'s", "").replace("’s", "")
        # "a unit of the Police and Border Guard Board (PPA)": the parent's name before
        # its acronym, which is the mention.
        gap = _NAME_BEFORE_ACRONYM.sub(" ", gap)
        if lex.part_of.match(gap):
            found.append(
                StructuralRelation(
                    source=body.actor_id,
                    target=parent.actor_id,
                    type="PART_OF",
                    origin="document",
                    doc=document.id,
                    evidence=text[body.start : parent.end],
                    start=body.start,
                    end=parent.end,
                    confidence=0.7,
                    rule="stated-part-of",
                )
            )
    return found
