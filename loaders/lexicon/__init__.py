"""Per-language lexicons: event triggers mapped to ontology types, and cue words.

Each language is one YAML file in this folder (``en.yaml``, ``it.yaml``...),
validated by :class:`LexiconFile` and compiled once per process into
:class:`Lexicon` (one alternation regex per list). Languages without a file
use English.
"""

from __future__ import annotations

import re
import re._constants as sre_constants
import re._parser as sre_parse
from collections.abc import Iterator
from functools import cache, cached_property
from importlib import resources
from typing import Literal, cast

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from actorgraph.graph.ontology import EVENT_TYPES, ActorType, EventType

__all__ = [
    "LANGUAGES",
    "Lexicon",
    "LexiconFile",
    "Trigger",
    "WordStartPattern",
    "calendar_words",
    "every_language",
    "lexicon_for",
    "name_words",
    "not_name_words",
]

LANGUAGES: tuple[str, ...] = ("en", "it", "fr", "es", "de", "pt")
# libyaml's loader when PyYAML has it: ten times faster on first use of a language.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    # Titles that are always an office of a state ("Minister", "President"): with no
    # country or body beside them they are an office of the document's home country.
    state_titles: list[str]
    not_person_cues: list[str]
    outlet_cues: list[str]
    org_heads_initial: list[str]
    org_heads_final: list[str]
    attack_targets: list[str]
    hacker_groups: list[str]
    reporting: list[str] = Field(default_factory=list)
    role_clauses: list[str]
    anaphors: dict[ActorType, list[str]]
    name_breakers: list[str]
    credit_cues: list[str]
    passive_auxiliaries: list[str]
    noun_markers: list[str]
    # Page furniture and dates, read for every language at once (see en.yaml).
    tail_headings: list[str]
    end_markers: list[str]
    copyright_words: list[str]
    prompt_cues: list[str]
    ad_cues: list[str]
    label_cues: list[str]
    photo_credits: list[str]
    credit_prepositions: list[str]
    follow_cues: list[str]
    reader_prompts: list[str]
    byline_words: list[str]
    name_particles: list[str]
    breadcrumb_roots: list[str]
    date_labels: list[str]
    dateline_words: list[str]
    day_suffixes: list[str]
    date_prepositions: list[str]
    abbreviations: list[str]
    list_conjunctions: list[str]
    # Possessive determiners ("X and its minister, Y"): a list goes on through one.
    possessive_determiners: list[str]
    # "X is under US sanctions": the word that puts X under another's measures.
    under_words: list[str]
    articles: list[str]
    genitives: list[str]
    agent_prepositions: list[str]
    sequence_words: list[str]
    suffered: list[str]
    frames: list[str]
    english_loanwords: list[str]
    indefinite_articles: list[str]
    name_connectors: list[str]
    name_stops: list[str]
    not_name_words: list[str]
    datives: list[str]
    embassy: list[str]
    generic_words: list[str]
    attribution_predicates: list[str]
    blame_prepositions: list[str]
    summons: list[str]
    organisation_nouns: list[str]
    naming_cues: list[str]
    or_words: list[str]
    operation_words: list[str]
    # Nouns of a police or judicial operation ("the investigation", "l'inchiesta"): a
    # body that supports one supports the bodies that run it.
    operation_nouns: list[str]
    # Relative pronouns ("X, who met Y"): the subject is the name right before them.
    relative_pronouns: list[str]
    # "according to X": X is the source of the report, not a party to its events.
    according_to: list[str]
    # "the Agency, led by X": the body's head follows ("guidata da", "dirigée par").
    led_by: list[str]
    # What joins a speaker to their own act ("X said it had attacked Y", "X ha detto di
    # aver colpito Y"): the speaker claims the act.
    claim_openers: list[str]
    # Verbs that repeat the last accusation, sanction or support with new subjects
    # ("the United Kingdom and the United States joined in", "si sono associati").
    echoes: list[str]
    # Nouns naming a gathering's host ("the host, Minister X", "il padrone di casa"):
    # whoever is named with the host in its paragraph is a guest who meets it.
    host_nouns: list[str]
    # "Noem's predecessor, Mayorkas", "son prédécesseur, X": X held the same office.
    predecessors: list[str]
    # What makes a company the medium of a message ("posted on", "rivendicato su"): one
    # named right after it is where something was said, no actor.
    medium_cues: list[str]
    # Verbs of warding off an attack ("fended off", "ha respinto"): their subject is
    # the target, never the attacker.
    defended: list[str]
    # What joins a body to the one it belongs to, after a comma ("X, which sits within
    # Y", "X, rattachée au Y", "X, organismo adscrito al Y").
    part_of_cues: list[str]
    # Nouns for the members of a body ("GRU officers: A, B and C").
    member_nouns: list[str]
    # "the government of X", "il governo di X": X heads the government of a state.
    government_of: list[str]
    # What links a title to the places it covers ("attaché for Serbia and Montenegro"):
    # those places are the office's remit, not parties to the event.
    remit_prepositions: list[str]
    list_openers: list[str]
    # Whether an organisation's name may go on in lower-case words ("Agenzia per la
    # cybersicurezza nazionale"); not where every name word is capitalised (English,
    # and German, which capitalises every noun).
    lower_case_name_words: bool
    # Whether head words end compounds ("Bundesamt", "Landeskriminalamt").
    compound_heads: bool = False
    # Whether a verb may go without its subject ("Ha poi incontrato ..."): the subject
    # is then the previous sentence's.
    pro_drop: bool = False
    # Whether every noun is capitalised (German): a capitalised word before a given name
    # then says nothing of a longer proper noun.
    capitalised_nouns: bool = False

    @field_validator("triggers")
    @classmethod
    def _known_types(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for key in value:
            if (
                key.split(":")[0] not in EVENT_TYPES
                or key.count(":") > 1
                or (":" in key and key.split(":")[1] not in TRIGGER_MODIFIERS)
            ):
                raise ValueError(f"unknown event type {key!r}")
        return value


# What a suffix on a trigger key says: ":reverse" names the host or addressee first
# ("received X": X visited); ":completes" is a verb that only completes a trigger of
# its type named before it in the sentence ("the attack was carried out by X");
# ":joins" says that those named take part in what the story's lead runs ("A, B and C
# took part": each with the lead, never with one another).
TRIGGER_MODIFIERS = ("reverse", "completes", "joins")


class Trigger:
    """A trigger found in a sentence: its event type and how it reads."""

    __slots__ = ("completes", "end", "joins", "reverse", "start", "text", "type")

    def __init__(
        self,
        type_: EventType,
        reverse: bool,
        start: int,
        end: int,
        text: str,
        completes: bool = False,
        joins: bool = False,
    ) -> None:
        self.type = type_
        self.reverse = reverse
        self.completes = completes
        self.joins = joins
        self.start = start
        self.end = end
        self.text = text


def _alternation(patterns: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    # Longest alternatives first so that "joint statement" beats "joint".
    ordered = sorted(patterns, key=len, reverse=True) or ["(?!x)x"]
    return re.compile(r"(?<![\w])(?:" + "|".join(ordered) + r")(?![\w])", flags)


_WORD = re.compile(r"\w+")
_Parsed = list[tuple[object, object]]


def _first_chars(items: _Parsed) -> tuple[set[str], bool] | None:
    """Lower-case characters a parsed pattern can start with, and whether it can be empty.

    ``None`` when the pattern can start with anything (``.``, a class like ``\\w``).
    """
    chars: set[str] = set()
    for op, arg in items:
        if op is sre_constants.LITERAL:
            chars.add(chr(arg).lower())  # type: ignore[arg-type]
            return chars, False
        if op is sre_constants.IN:
            for kind, value in arg:  # type: ignore[attr-defined]
                if kind is sre_constants.LITERAL:
                    chars.add(chr(value).lower())
                elif kind is sre_constants.RANGE and value[1] - value[0] < 400:
                    chars.update(chr(c).lower() for c in range(value[0], value[1] + 1))
                else:
                    return None
            return chars, False
        if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            continue
        if op is sre_constants.SUBPATTERN:
            inner = _first_chars(arg[-1])  # type: ignore[index]
        elif op is sre_constants.BRANCH:
            inner_chars: set[str] = set()
            empty = False
            for branch in arg[1]:  # type: ignore[index]
                part = _first_chars(branch)
                if part is None:
                    return None
                inner_chars |= part[0]
                empty = empty or part[1]
            inner = (inner_chars, empty)
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
            repeat = cast(tuple[int, int, _Parsed], arg)
            part = _first_chars(repeat[2])
            inner = None if part is None else (part[0], part[1] or repeat[0] == 0)
        else:
            return None
        if inner is None:
            return None
        chars |= inner[0]
        if not inner[1]:
            return chars, False
    return chars, True


class WordStartPattern:
    """An alternation of patterns tried only where a word starts with a fitting letter.

    Python's ``re`` tries every alternative at every position; grouping the
    alternatives by the letters they can start with, behind a lookahead for
    that letter, lets one scan try at each word start only the group of its
    first letter (triggers, titles: hundreds of alternatives).
    Matches are the same as those of the single alternation: case-insensitive,
    on word boundaries, leftmost and non-overlapping. :meth:`name_of` gives the
    name of the list a match came from.
    """

    def __init__(self, named: dict[str, list[str]]) -> None:
        by_char: dict[str, dict[str, list[str]]] = {}
        anywhere: dict[str, list[str]] = {}
        for name, patterns in named.items():
            for pattern in patterns:
                first = _first_chars(sre_parse.parse(pattern, re.IGNORECASE))
                if first is None or first[1] or not first[0]:
                    anywhere.setdefault(name, []).append(pattern)
                    continue
                for char in first[0]:
                    by_char.setdefault(char, {}).setdefault(name, []).append(pattern)
        self._named = named
        self._names = {name: name for name in named}
        if anywhere:
            self._scan = self.full
            return
        branches = []
        for index, (char, groups) in enumerate(sorted(by_char.items())):
            renamed = {f"{name}_{index}": patterns for name, patterns in groups.items()}
            self._names.update({f"{name}_{index}": name for name in groups})
            branches.append(f"(?={re.escape(char)})(?:{_named_parts(renamed)})")
        self._scan = re.compile(
            r"(?<![\w])(?:" + ("|".join(branches) or "(?!x)x") + r")(?![\w])", re.IGNORECASE
        )

    @cached_property
    def full(self) -> re.Pattern[str]:
        """The single alternation, compiled on first use (titles need it, triggers not)."""
        return _named_alternation(self._named)

    def finditer(
        self, text: str, start: int = 0, end: int | None = None
    ) -> Iterator[re.Match[str]]:
        """Leftmost non-overlapping matches in ``text[start:end]``."""
        return self._scan.finditer(text, start, len(text) if end is None else end)

    def name_of(self, match: re.Match[str]) -> str:
        """The name of the pattern list a match of :meth:`finditer` belongs to."""
        return self._names[match.lastgroup or ""]

    def fullmatch(self, text: str) -> re.Match[str] | None:
        """Whether ``text`` as a whole is one of the patterns."""
        return self.full.fullmatch(text)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """A pattern matching at ``pos``."""
        return self.full.match(text, pos)


def _named_parts(named: dict[str, list[str]]) -> str:
    return "|".join(
        f"(?P<{name}>" + "|".join(sorted(patterns, key=len, reverse=True)) + ")"
        for name, patterns in named.items()
    )


def _named_alternation(named: dict[str, list[str]]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(?:" + _named_parts(named) + r")(?![\w])", re.IGNORECASE)


class Lexicon:
    """One language's lexicon, compiled."""

    def __init__(self, lang: str, data: LexiconFile) -> None:
        self.lang = lang
        self.data = data
        self.lower_case_name_words = data.lower_case_name_words
        self.compound_heads = data.compound_heads
        self.pro_drop = data.pro_drop
        self.capitalised_nouns = data.capitalised_nouns
        self._groups: dict[str, tuple[EventType, bool, bool, bool]] = {}
        named: dict[str, list[str]] = {}
        for index, (key, patterns) in enumerate(sorted(data.triggers.items())):
            name = f"t{index}"
            type_ = cast(EventType, key.split(":")[0])
            self._groups[name] = (
                type_,
                key.endswith(":reverse"),
                key.endswith(":completes"),
                key.endswith(":joins"),
            )
            named[name] = patterns
        self._triggers = WordStartPattern(named)
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
        self.person_titles = WordStartPattern({"title": data.person_titles})
        self.state_titles = _alternation(data.state_titles)
        self.operation_nouns = _alternation(data.operation_nouns)
        articles = "|".join(data.articles)
        self.echoes = _alternation(data.echoes)
        self.host_nouns = _alternation(data.host_nouns)
        self.predecessors = _alternation(data.predecessors)
        # "under heavy US and UN sanctions": the word and at most two more before the imposers.
        self.under = re.compile(
            rf"(?<!\w)(?:{'|'.join(data.under_words)})\s+(?:[\w\-]+\s+){{0,2}}$", re.IGNORECASE
        )
        # "posted on X and Telegram": other platforms may come first.
        others = rf"(?:[\w.\-]+(?:,|\s+(?:{'|'.join(data.list_conjunctions)}))\s+){{0,3}}"
        self.medium = re.compile(
            rf"(?<!\w)(?:{'|'.join(data.medium_cues)})\s+{others}(?:(?:{articles})\s*)?$",
            re.IGNORECASE,
        )
        self.defended = _alternation(data.defended)
        self.member_nouns = _alternation(data.member_nouns)
        self.government_of = _alternation(data.government_of)
        # "the attaché for": after a title, the preposition of the places it covers.
        self.remit = re.compile(rf"\s+(?:{'|'.join(data.remit_prepositions)})\s+", re.IGNORECASE)
        part_of = (
            rf"\s*\)?\s*(?:\([^()]*\)\s*)?,\s*(?:[\w'’-]+\s+){{0,5}}?"
            rf"(?:{'|'.join(data.part_of_cues)})"
        )
        # The same cue right after a name: "the Central Criminal Police, a unit of ...".
        self.part_of_after = re.compile(rf"{part_of}(?!\w)", re.IGNORECASE)
        self.part_of = re.compile(
            rf"^{part_of}\s+(?:(?:{articles})(?:\s+|(?<=['’])))?$", re.IGNORECASE
        )
        self.claim_opener = re.compile(
            rf"^\W*(?:[\w']+\W+){{0,3}}?(?:{'|'.join(data.claim_openers)})\s*$", re.IGNORECASE
        )
        self.led_by = re.compile(
            rf"[ \t]*,?[ \t]*(?:{'|'.join(data.led_by)})[ \t]+(?:(?:{articles})[ \t]+)?",
            re.IGNORECASE,
        )
        self.according_to = re.compile(
            rf"(?<![\w])(?:{'|'.join(data.according_to)})\s+(?:(?:{articles})\s+)?$",
            re.IGNORECASE,
        )
        self.relative_clause = re.compile(
            rf"\s*,?\s*(?:{'|'.join(data.relative_pronouns)})\s", re.IGNORECASE
        )
        self.not_person_cues = _alternation(data.not_person_cues)
        self.outlet_cues = _alternation(data.outlet_cues)
        self.org_heads_initial = tuple(data.org_heads_initial)
        self.org_heads_final = tuple(data.org_heads_final)
        self.attack_targets = _alternation(data.attack_targets)
        self.hacker_groups = _alternation(data.hacker_groups)
        self.reporting = _alternation(data.reporting)
        self.role_clauses = _alternation(data.role_clauses)
        self.embassy = _alternation(data.embassy)
        self.attribution = _alternation(data.attribution_predicates)
        self.summons = _alternation(data.summons)
        self.organisation_nouns = _alternation(data.organisation_nouns)
        self.naming_cues = _alternation(data.naming_cues)
        self.or_word = "|".join(data.or_words)
        self.list_opener = _alternation(data.list_openers)
        self.operation_before = re.compile(
            rf"(?:{'|'.join(data.operation_words)})[\s\"“«'‘]*$", re.IGNORECASE
        )
        self.passive_word = _alternation(data.passive_auxiliaries)
        self.agent_word = _alternation(data.agent_prepositions)
        # "... to" / "... on" right before a group: the one the act is blamed on.
        self.blamed_on = re.compile(
            rf"(?:^|\s)(?:{'|'.join(data.blame_prepositions)})(?:\s+(?:{'|'.join(data.articles)}))?\s*$",
            re.IGNORECASE,
        )
        self._clause_patterns(data)
        # "X and his German counterpart, Y": a conjunction, a possessive, the counterpart word.
        self.counterpart_joiner = re.compile(
            rf"[\s,]*(?:{'|'.join(data.conjunctions)})\s+(?:\w+\s+){{0,2}}"
            rf"(?:{'|'.join(data.counterpart)})[\s,]*",
            re.IGNORECASE,
        )
        self.anaphors = {kind: _alternation(forms) for kind, forms in data.anaphors.items()}
        self.name_breakers = frozenset(data.name_breakers)
        self.noun_marker_before = re.compile(
            rf"(?:^|[\s'’])(?:{'|'.join(data.noun_markers)})[\s'’]*$", re.IGNORECASE
        )
        # German puts the participle at the clause end: the auxiliary may stand anywhere before.
        self.passive_before = re.compile(
            rf"(?:^|\W)(?:{'|'.join(data.passive_auxiliaries)})"
            + (r"\W" if data.negation_after else r"(?:\s+\w+ly)?\s*$"),
            re.IGNORECASE,
        )
        # A short line without a closing full stop, with a credit cue at its start or
        # after a bracket, a middle dot, a bar, a semicolon or a number.
        self.credit_line = re.compile(
            r"^(?=[^\n]{0,200}$)(?![^\n]*[.!?]$)(?:[^\n]*?(?:[(·|;]|\d)[ \t]*|[ \t]*\(?)"
            rf"(?:{'|'.join(data.credit_cues)})\b[ \t]*:?[^\n]*",
            re.IGNORECASE | re.MULTILINE,
        )

    def _clause_patterns(self, data: LexiconFile) -> None:
        """Patterns of list joining, agents and frames: this language's words and English's.

        English words turn up in every language's press ("X and Y", "by X").
        """
        english = data if self.lang == "en" else _lexicon_file("en")

        def words(key: str) -> str:
            own: list[str] = getattr(data, key)
            return "|".join(dict.fromkeys([*own, *getattr(english, key)]))

        conjunctions, articles = words("list_conjunctions"), words("articles")
        titles = words("person_titles")
        possessives = words("possessive_determiners")
        genitives, agents = words("genitives"), words("agent_prepositions")
        # "a Graustark y a su ministro", "to A and to B": a repeated dative goes on a list.
        datives = words("datives")
        # "A, B and C", "A e dal B", "A and representatives of the B", "A-B", "A/B".
        self.joiner = re.compile(
            rf"^\)?[\s,]*(?:(?:-|–|/|(?<!\w)(?:{conjunctions})(?!\w)(?:\s+(?:{datives})(?!\w))?)"
            rf"[\s,]*(?:[a-zà-ÿ]+(?:\s+[a-zà-ÿ]+)?\s+(?:{genitives})\s+)?"
            rf"(?:(?:{genitives})\s*)?)?"
            rf"(?:(?:{articles}|{agents})(?!\w)\s*)*"
            # "A, ASC Director B and NCCC Secretary C": a body's acronym and a title.
            # "A and its minister, B": a possessive, a title and a comma.
            rf"(?:(?-i:[A-ZÀ-Þ]{{2,}}[\w-]*)\s+)?(?:(?:{possessives})\s+)?"
            rf"(?:(?:{titles})(?!\w)(?:\s+(?:{genitives})\s+(?:(?:{articles})[\s'’]*)?[\w'’]+)?"
            # "A, and Nigeria's Minister of State for Budget and Planning, B": a title with
            # its complement, closed by a comma.
            rf"(?:[^,;.:()]{{1,60}},)?[\s,]*)?$",
            re.IGNORECASE,
        )
        # "chaired by A for one side and by B for the other": a second agent.
        self.and_agent = re.compile(
            rf"(?<!\w)(?:{conjunctions})\s+(?:{agents})(?!\w)", re.IGNORECASE
        )
        # The last member of a comma list may carry a short description: "A, B and the
        # state-owned provider C", "A, B e la società pubblica C".
        self.described_joiner = re.compile(
            rf"^\)?[\s,]*(?<!\w)(?:{conjunctions})\s+(?:{articles})[\s'’]*"
            rf"(?:[a-zà-ÿ][\w-]*\s+){{1,3}}$",
            re.IGNORECASE,
        )
        self.conjunction = re.compile(
            rf"(?:^|\s)(?:{conjunctions}|-|–|/)(?:\s|$)|[-–/]", re.IGNORECASE
        )
        self.coordinated_verb = re.compile(
            rf"(?:^|\s)(?:{conjunctions}|{words('sequence_words')})\s|,", re.IGNORECASE
        )
        self.suffered = re.compile(rf"\s*(?:\w+\s+)?(?:{words('suffered')})\b", re.IGNORECASE)
        # "visées, et certaines pénétrées, par X": an inserted clause may come first, or a
        # place ("ricevuto alla Farnesina dal segretario generale").
        places = words("venue_prepositions") + "|" + words("datives")
        # The inserted clause reports nothing: "attacked, according to a report by X" and
        # "attacked, said a statement by X" name a source, not the agent.
        reports = words("reporting") + "|" + words("according_to")
        self.agent_by = re.compile(
            rf"\s*(?:,(?![^,.;:]*(?<!\w)(?:{reports})(?!\w))[^,.;:]{{1,40}})?,?\s*"
            rf"(?:(?:{places})[\s']+(?:[\w'’-]+\s+){{1,2}}?)?"
            rf"(?:{agents})\s+(?:(?:{articles})(?!\w))?\s*",
            re.IGNORECASE,
        )
        self.agent_of = re.compile(
            rf"\s*(?:{genitives})\s*(?:(?:{articles})(?!\w))?\s*", re.IGNORECASE
        )
        # Body words and articles of this language and English, built once (resolution
        # reads them for every discovered body and every apposition).
        self.generic_words = frozenset(
            w.casefold()
            for source in (data, english)
            for w in [*source.generic_words, *source.org_heads_initial, *source.org_heads_final]
        )
        self.articles = frozenset(
            w.lower()
            for source in (data, english)
            for w in [*source.articles, *source.indefinite_articles]
        )
        self.frame = re.compile(rf"(?:{words('frames')})(?:\s+\w+)?\s*$", re.IGNORECASE)
        self.loanwords = frozenset(w.lower() for w in data.english_loanwords)

    def triggers(self, text: str, start: int = 0, end: int | None = None) -> list[Trigger]:
        """Every trigger in ``text[start:end]``, offsets into ``text``."""
        found = []
        for match in self._triggers.finditer(text, start, len(text) if end is None else end):
            type_, reverse, completes, joins = self._groups[self._triggers.name_of(match)]
            found.append(
                Trigger(type_, reverse, match.start(), match.end(), match.group(), completes, joins)
            )
        return found


@cache
def _lexicon_file(code: str) -> LexiconFile:
    raw = resources.files(__name__).joinpath(f"{code}.yaml").read_text(encoding="utf-8")
    return LexiconFile.model_validate(yaml.load(raw, Loader=_YAML_LOADER))


@cache
def lexicon_for(lang: str | None) -> Lexicon:
    """The compiled lexicon of ``lang`` (English when there is no file for it)."""
    code = lang if lang in LANGUAGES else "en"
    return Lexicon(code, _lexicon_file(code))


@cache
def every_language(key: str) -> frozenset[str]:
    """The words of one lexicon list in every language (names cross languages in the press)."""
    return frozenset(word for code in LANGUAGES for word in getattr(_lexicon_file(code), key))


@cache
def not_name_words() -> frozenset[str]:
    """Capitalised words that are no part of a personal name, in every language.

    The lexicons' ``not_name_words`` and the full month and weekday names Babel
    gives for each language, capitalised (abbreviations are left out: "Jan" and
    "Ago" are given names too).
    """
    return frozenset(every_language("not_name_words")) | {w.capitalize() for w in calendar_words()}


@cache
def calendar_words() -> frozenset[str]:
    """The full month and weekday names of every language, lower case (from Babel)."""
    import babel

    words: set[str] = set()
    for code in LANGUAGES:
        locale = babel.Locale(code)
        for context in ("format", "stand-alone"):
            for names in (locale.months[context]["wide"], locale.days[context]["wide"]):
                words.update(str(name).lower() for name in names.values())
    return frozenset(words)


class NameWords(BaseModel):
    """Words of personal names in every language (``names.yaml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    particles: list[str]
    capitalised_particles: list[str]
    family_name_openers: list[str]


@cache
def name_words() -> NameWords:
    """The cross-language words of personal names, loaded once per process."""
    raw = resources.files(__name__).joinpath("names.yaml").read_text(encoding="utf-8")
    return NameWords.model_validate(yaml.load(raw, Loader=_YAML_LOADER))
