"""Per-language lexicons: event triggers mapped to ontology types, and cue words.

Each language is one YAML file in this folder (``en.yaml``, ``it.yaml``...),
validated by :class:`LexiconFile` and compiled once per process into
:class:`Lexicon` (one alternation regex per list). Languages without a file
use English.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Literal, cast

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from actorgraph.graph.ontology import EVENT_TYPES, EventType

__all__ = ["LANGUAGES", "Lexicon", "LexiconFile", "Trigger", "lexicon_for"]

LANGUAGES: tuple[str, ...] = ("en", "it", "fr", "es", "de")


class LexiconFile(BaseModel):
    """The shape of one language's YAML file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    triggers: dict[str, list[str]]
    planned: list[str]
    negated: list[str]
    future_suffixes: list[str] = Field(default_factory=list)
    conjunctions: list[str]
    between: list[str]
    with_: list[str] = Field(alias="with")
    venue_prepositions: list[str]
    counterpart: list[str]
    two_countries: list[str]
    two_leaders: list[str]
    own_country: list[str]
    pronouns: list[str]
    agent_nouns: list[str]
    adjective_position: Literal["before", "after"]
    negation_after: bool = False
    person_titles: list[str]
    not_person_cues: list[str]
    outlet_cues: list[str]
    org_heads_initial: list[str]
    org_heads_final: list[str]
    attack_targets: list[str]
    hacker_groups: list[str]

    @field_validator("triggers")
    @classmethod
    def _known_types(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for key in value:
            if key.removesuffix(":reverse") not in EVENT_TYPES:
                raise ValueError(f"unknown event type {key!r}")
        return value


class Trigger:
    """A trigger found in a sentence: its event type and whether roles are reversed."""

    __slots__ = ("end", "reverse", "start", "text", "type")

    def __init__(self, type_: EventType, reverse: bool, start: int, end: int, text: str) -> None:
        self.type = type_
        self.reverse = reverse
        self.start = start
        self.end = end
        self.text = text


def _alternation(patterns: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    # Longest alternatives first so that "joint statement" beats "joint".
    ordered = sorted(patterns, key=len, reverse=True) or ["(?!x)x"]
    return re.compile(r"(?<![\w])(?:" + "|".join(ordered) + r")(?![\w])", flags)


class Lexicon:
    """One language's lexicon, compiled."""

    def __init__(self, lang: str, data: LexiconFile) -> None:
        self.lang = lang
        self._groups: dict[str, tuple[EventType, bool]] = {}
        parts = []
        for index, (key, patterns) in enumerate(sorted(data.triggers.items())):
            name = f"t{index}"
            type_ = cast(EventType, key.removesuffix(":reverse"))
            self._groups[name] = (type_, key.endswith(":reverse"))
            ordered = sorted(patterns, key=len, reverse=True)
            parts.append(f"(?P<{name}>" + "|".join(ordered) + ")")
        self._triggers = re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)
        self.planned = _alternation(data.planned)
        self.negated = _alternation(data.negated)
        self.future = (
            re.compile(r"\w+(?:" + "|".join(data.future_suffixes) + r")(?![\w])", re.IGNORECASE)
            if data.future_suffixes
            else None
        )
        self.conjunctions = _alternation(data.conjunctions)
        self.between = _alternation(data.between)
        self.with_ = _alternation(data.with_)
        self.venue_prepositions = _alternation(data.venue_prepositions)
        self.counterpart = _alternation(data.counterpart)
        self.two_countries = _alternation(data.two_countries)
        self.two_leaders = _alternation(data.two_leaders)
        self.own_country = _alternation(data.own_country)
        self.pronouns = _alternation(data.pronouns)
        self.agent_nouns = _alternation(data.agent_nouns)
        self.adjective_before_noun = data.adjective_position == "before"
        self.negation_after = data.negation_after
        self.person_titles = _alternation(data.person_titles)
        self.not_person_cues = _alternation(data.not_person_cues)
        self.outlet_cues = _alternation(data.outlet_cues)
        self.org_heads_initial = tuple(data.org_heads_initial)
        self.org_heads_final = tuple(data.org_heads_final)
        self.attack_targets = _alternation(data.attack_targets)
        self.hacker_groups = _alternation(data.hacker_groups)

    def triggers(self, text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
        """Every trigger in ``text[start:end]``, offsets into ``text``."""
        found = []
        for match in self._triggers.finditer(text, start, len(text) if end is None else end):
            type_, reverse = self._groups[match.lastgroup or ""]
            found.append(Trigger(type_, reverse, match.start(), match.end(), match.group()))
        return found


@cache
def lexicon_for(lang: str | None) -> Lexicon:
    """The compiled lexicon of ``lang`` (English when there is no file for it)."""
    code = lang if lang in LANGUAGES else "en"
    raw = resources.files(__name__).joinpath(f"{code}.yaml").read_text(encoding="utf-8")
    return Lexicon(code, LexiconFile.model_validate(yaml.safe_load(raw)))
