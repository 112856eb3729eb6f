"""Resolution: from gazetteer matches and discovered candidates to one actor per identity.

Within a document, :func:`resolve_mentions` decides for every span which actor
it names, or that it names none:

* an ambiguous registry form ("National Cybersecurity Agency") and a bare body
  ("the Ministry of the Interior") go to the body of the nearest country named
  around them, by fuzzy comparison (rapidfuzz) with that country's entries;
* a capital names its country's government unless it is only a venue ("in
  Washington", "a Ginevra") or a dateline ("Doha, Qatar -");
* an adjective of nationality names the country only where it qualifies a
  government, an official, a counterpart or an act ("Mexican counterparts",
  "le accuse statunitensi");
* "his US counterpart" / "Mexican counterparts" with no name after them are
  the country; "the two countries" / "i due paesi" are the two countries named
  before; "il suo paese" is the country of the person just named;
* surname-only mentions go to the full name seen in the same document, and a
  title + surname to the registry person with that surname;
* a country written right before a body or a title ("Qatar's Ministry",
  "Italian Interior Minister", "segretario Usa") is a *qualifier*: it places the
  body but is not a participant in the sentence's events.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from actorgraph.graph.ontology import ActorType
from actorgraph.loaders.discovery import (
    BODY,
    COUNTRY,
    Candidate,
    discover,
    slugify,
)
from actorgraph.loaders.gazetteer import Gazetteer, GazetteerMatch, RoleMatch, fold
from actorgraph.loaders.lexicon import (
    Lexicon,
    every_language,
    name_words,
    not_name_words,
)
from actorgraph.loaders.registry import Registry, RegistryEntry
from actorgraph.loaders.sentences import abbreviations

__all__ = [
    "FUZZY_THRESHOLD",
    "RESOLUTION_RULES",
    "DocumentActor",
    "DocumentContext",
    "Resolution",
    "ResolvedMention",
    "RoleClaim",
    "resolve_mentions",
]

# A discovered or bare name joins a registry entry only when it is this close
# (rapidfuzz ratio on folded names without articles): "Ministry of Interior" and
# "Ministry of the Interior" merge; "Ministry of Justice" never meets "Ministry of
# the Interior" (ratio ~ 70).
FUZZY_THRESHOLD = 90
_NON_WORDS = re.compile(r"\W+")
# Articles, genitives and datives of every language: names are compared across languages.
_ARTICLE_SET = every_language("articles")
_ARTICLE_WORDS = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, _ARTICLE_SET), key=len, reverse=True)) + r")\b\s*"
)
_GENITIVES = every_language("genitives")
_DATIVES = every_language("datives")
_POSSESSIVE = re.compile(r"^(?:'s|’s|')?\s*$")
# "North Korea's deputy ambassador": a possessive and at most one word before a title.
_POSSESSIVE_TITLE = re.compile(r"(?:'s|’s|')\s*(?:[a-z]+\s+)?|\s*")
_LOWER_WORD = re.compile(r"(?<![\w.])[a-zà-ÿ]\w*")


@dataclass(slots=True)
class ResolvedMention:
    """A span naming ``actor_id``; ``participant`` is false for qualifiers."""

    start: int
    end: int
    text: str
    actor_id: str
    participant: bool = True
    kind: str = "name"


@dataclass(slots=True)
class DocumentActor:
    """An actor of the document: from the registry or discovered in it."""

    id: str
    name: str
    type: ActorType
    country: str | None = None
    wikidata: str | None = None
    aliases: set[str] = field(default_factory=set)
    registry: bool = False
    rule: str | None = None


@dataclass(slots=True)
class RoleClaim:
    """A title written next to a person: evidence for ``HOLDS_ROLE``."""

    person_id: str
    org_id: str
    title: str
    start: int
    end: int
    rule: str = "title-apposition"


@dataclass(slots=True)
class Resolution:
    """What resolution decided for one document."""

    actors: dict[str, DocumentActor]
    mentions: list[ResolvedMention]
    roles: list[RoleClaim]
    person_country: dict[str, str]
    # Spans of the lexicon's person titles ("attaché", "ministro").
    titles: list[tuple[int, int]] = field(default_factory=list)


def _country_forms(registry: Registry) -> dict[str, list[str]]:
    """Per country code, its names, acronyms and adjectives as ``_words`` keys, longest first."""
    forms: dict[str, set[str]] = {}
    for entry in registry:
        if entry.type == "Country" and entry.country:
            names = {entry.name, *(f for v in entry.aliases.values() for f in v)}
            names |= {f for v in entry.adjectives.values() for f in v}
            names |= set(entry.acronyms)
            forms.setdefault(entry.country, set()).update(_words(n) for n in names)
    return {code: sorted(names, key=len, reverse=True) for code, names in forms.items()}


def _words(name: str) -> str:
    """``name`` folded, punctuation made spaces, padded: " ministry of the interior of qatar "."""
    return " " + " ".join(_NON_WORDS.sub(" ", fold(name)).split()) + " "


# Words a name keeps at neither end once its country is taken out ("Ministry of [Qatar]").
_BARE_EDGES = _GENITIVES | _ARTICLE_SET | {"s"}


def _without_country(name: str, forms: list[str]) -> str | None:
    """``name`` with its country's names taken out, if that leaves a body's name."""
    padded = _words(name)
    bare = padded
    for form in forms:
        if form in bare:
            bare = bare.replace(form, " ")
    if bare == padded:
        return None
    words = [w for w in bare.split() if w not in _ARTICLE_SET]
    while words and words[0] in _BARE_EDGES:
        words.pop(0)
    while words and words[-1] in _BARE_EDGES:
        words.pop()
    return " ".join(words) if len(words) >= 2 else None


def _key(name: str) -> str:
    return _ARTICLE_WORDS.sub("", fold(name)).strip()


class _Context:
    """Registry-derived lookups shared by every document (built once per registry)."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.country_by_code: dict[str, str] = {}
        self.surnames: dict[str, list[str]] = {}
        self.by_country: dict[str | None, list[tuple[str, str]]] = {}
        self._choices: dict[str | None, list[str]] = {}
        for entry in registry:
            if entry.type == "Country" and entry.country:
                self.country_by_code.setdefault(entry.country, entry.id)
            if entry.type == "Person":
                words = entry.name.split()
                if len(words) >= 2:
                    self.surnames.setdefault(" ".join(words[1:]), []).append(entry.id)
                    self.surnames.setdefault(words[-1], []).append(entry.id)
        country_forms = _country_forms(registry)
        for entry in registry:
            if entry.type in ("Agency", "InternationalOrganization", "Organization"):
                names = [entry.name, *(f for forms in entry.aliases.values() for f in forms)]
                bucket = self.by_country.setdefault(entry.country, [])
                keys = {_key(n) for n in names}
                bucket.extend((key, entry.id) for key in keys)
                forms = country_forms.get(entry.country or "")
                if forms:
                    # "Ministry of the Interior of Qatar" is also "Ministry of the Interior"
                    # once the context has placed it in Qatar.
                    for name in names:
                        bare = _without_country(name, forms)
                        if bare and bare not in keys:
                            bucket.append((bare, entry.id))

    def country_of(self, actor_id: str) -> str | None:
        entry = self.registry.get(actor_id)
        return entry.country if entry else None

    def fuzzy(self, name: str, country: str | None) -> str | None:
        """The entry of ``country`` whose name is closest to ``name``, if close enough."""
        bucket = self.by_country.get(country)
        if not bucket:
            return None
        if country not in self._choices:
            self._choices[country] = [key for key, _ in bucket]
        best = process.extractOne(
            _key(name), self._choices[country], scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD
        )
        return bucket[best[2]][1] if best is not None else None


_CONTEXTS: dict[int, _Context] = {}


def _context(registry: Registry) -> _Context:
    context = _CONTEXTS.get(id(registry))
    if context is None or context.registry is not registry:
        context = _CONTEXTS[id(registry)] = _Context(registry)
    return context


def _word_before(text: str, start: int) -> str:
    match = re.search(r"([\w'’]+)\W*$", text[max(0, start - 30) : start])
    return match.group(1) if match else ""


def resolve_mentions(
    text: str,
    lex: Lexicon,
    registry: Registry,
    gazetteer: Gazetteer,
) -> Resolution:
    """Find and resolve every actor mention of one document.

    Parameters
    ----------
    text : str
        Normalised, cleaned document text.
    lex : Lexicon
        The document language's lexicon.
    registry : Registry
        Known actors.
    gazetteer : Gazetteer
        The registry's compiled surface forms.

    Returns
    -------
    Resolution
        The document's actors, their mentions (participants and qualifiers) in
        text order, role claims from title appositions, and the country of each
        person where the text or the registry gives one.

    Examples
    --------
    >>> from actorgraph.loaders.registry import Registry, RegistryEntry
    >>> from actorgraph.loaders.lexicon import lexicon_for
    >>> reg = Registry([RegistryEntry(id="ruritania", type="Country", name="Ruritania",
    ...                               country="RU", capitals={"en": ["Strelsau"]})])
    >>> r = resolve_mentions("Ruritania met officials in Strelsau.", lexicon_for("en"),
    ...                      reg, Gazetteer(reg.surface_forms()))
    >>> [(m.text, m.actor_id, m.kind) for m in r.mentions]
    [('Ruritania', 'ruritania', 'name'), ('Strelsau', 'ruritania', 'venue')]
    """
    doc = DocumentContext.read(text, lex, _context(registry), gazetteer)
    for rule in RESOLUTION_RULES:
        rule(doc)
    for mention in doc.mentions:
        if mention.kind not in ("anaphor", "collective", "own-country"):
            # "the agency" or "the two countries" is no name of the actor.
            doc.actors[mention.actor_id].aliases.add(mention.text)
    used = {m.actor_id for m in doc.mentions} | {c.org_id for c in doc.role_claims}
    actors = {k: v for k, v in doc.actors.items() if k in used}
    return Resolution(actors, doc.mentions, doc.role_claims, doc.person_country, doc.lexicon_titles)


@dataclass
class DocumentContext:
    """What resolution knows of one document; every rule reads and writes it.

    Built once by :meth:`read` (gazetteer matches, titles, discovered candidates,
    outlets and credit lines, the dateline), then grown by the rules of
    :data:`RESOLUTION_RULES` in order: ``actors`` and ``mentions`` (kept in text
    order after each rule), ``person_country`` and ``role_claims``.
    """

    text: str
    lex: Lexicon
    ctx: _Context
    matches: list[GazetteerMatch]
    roles: list[RoleMatch]
    occupied: bytearray
    lexicon_titles: list[tuple[int, int]]
    candidates: list[Candidate]
    acronyms: list[tuple[int, int, str, int]]
    outlets: list[tuple[int, int]]
    # Bylines and credit lines ("Image: Italian Interior Minister ..."): no actor at all.
    credit_lines: list[tuple[int, int]]
    dateline: int
    countries: list[tuple[int, str]]
    # The country a wire dateline says the story was filed in ("ASUNCIÓN —").
    filed_in: str | None = None
    actors: dict[str, DocumentActor] = field(default_factory=dict)
    mentions: list[ResolvedMention] = field(default_factory=list)
    person_country: dict[str, str] = field(default_factory=dict)
    role_claims: list[RoleClaim] = field(default_factory=list)
    # Names a discovered actor also goes by ("Gonjeshke Darande, or Predatory Sparrow").
    local_forms: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, text: str, lex: Lexicon, ctx: _Context, gazetteer: Gazetteer) -> DocumentContext:
        """Match the gazetteer and the titles, and propose candidates, once per document."""
        registry = ctx.registry
        matches = gazetteer.find(text)
        roles = gazetteer.find_roles(text)
        occupied = bytearray(len(text))
        for match in matches:
            country = all(registry[i].type == "Country" for i in match.entry_ids)
            occupied[match.start : match.end] = bytes([COUNTRY if country else BODY]) * (
                match.end - match.start
            )
        known_ends = {m.end: m.start for m in matches if m.kind in ("name", "alias", "acronym")}
        # Titles are looked for once; discovery, surnames and appositions share them.
        lexicon_titles = [(m.start(), m.end()) for m in lex.person_titles.finditer(text)]
        # "her Graustarkian counterpart Ivo Lenz": a counterpart is a title without an office.
        lexicon_titles += [(m.start(), m.end()) for m in lex.counterpart.finditer(text)]
        title_spans = [(r.start, r.end) for r in roles] + lexicon_titles
        candidates, acronyms, outlets = discover(text, lex, occupied, title_spans, known_ends)
        # A byline or a credit line names no actor ("Image: Italian Interior Minister ...").
        credit_lines = [match.span() for match in lex.credit_line.finditer(text)]
        candidates = [
            c
            for c in candidates
            if not any(s <= c.start and c.end <= e for s, e in [*outlets, *credit_lines])
        ]
        # Country context: (position, ISO code) of every country-ish span, venues included.
        countries: list[tuple[int, str]] = []
        for match in matches:
            codes = {ctx.country_of(i) for i in match.entry_ids} - {None}
            if len(codes) == 1 and any(registry[i].type == "Country" for i in match.entry_ids):
                countries.append((match.start, codes.pop()))  # type: ignore[arg-type]
        return cls(
            text,
            lex,
            ctx,
            matches,
            roles,
            occupied,
            lexicon_titles,
            candidates,
            acronyms,
            outlets,
            credit_lines,
            _dateline(text),
            countries,
            _filed_in(text, countries),
        )

    def nearest_countries(self, pos: int) -> list[str]:
        """Country codes by distance from ``pos``, those named before it first."""
        ordered = sorted(
            self.countries, key=lambda item: abs(item[0] - pos) + (0 if item[0] <= pos else 40)
        )
        return list(dict.fromkeys(code for _, code in ordered))

    def add_registry(self, entry: RegistryEntry) -> str:
        """``entry`` as an actor of the document; its id."""
        if entry.id not in self.actors:
            self.actors[entry.id] = DocumentActor(
                entry.id, entry.name, entry.type, entry.country, entry.wikidata, registry=True
            )
        return entry.id

    def sort(self) -> None:
        self.mentions.sort(key=lambda m: m.start)


def registry_names(doc: DocumentContext) -> None:
    """Rule ``registry-name``: registry names, acronyms, adjectives and capitals in the text.

    An outlet's name is no actor ("The Peninsula Qatar"); a name inside a longer
    name, a capital used as a venue, an adjective that qualifies no government
    noun and a dateline ("WASHINGTON —") name nobody; a country after a venue
    preposition is a venue.
    """
    text, lex, ctx = doc.text, doc.lex, doc.ctx
    for match in doc.matches:
        if match.kind in ("name", "alias", "capital") and _inside_longer_name(text, match, lex):
            continue
        entry_id = _choose(match, ctx, doc.nearest_countries)
        if entry_id is None:
            continue
        entry = ctx.registry[entry_id]
        if any(start <= match.start and match.end <= end for start, end in doc.credit_lines) or (
            entry.type == "Organization"
            and any(start <= match.start and match.end <= end for start, end in doc.outlets)
        ):
            # An outlet the text cites is no actor; a body cited as a source still is.
            continue
        kind = match.kind
        if match.kind == "capital" and entry.type == "Country":
            if match.end <= doc.dateline or _starts_longer_name(text, match.end):
                # A dateline, or the first word of a longer name ("the Kyiv Forum").
                continue
            if _capital_is_venue(text, match, lex, doc.matches):
                # "signed in Rome": a place, which takes part only in a visit or an attack.
                kind = "venue"
        if (
            match.kind == "adjective"
            and entry.type == "Country"
            and (
                _in_personal_name(text, match)
                or not _adjective_of_language(entry, match.text, lex.lang)
                or not _adjective_qualifies(text, match, lex)
            )
        ):
            continue
        if entry.type == "Country" and kind not in ("adjective", "venue"):
            if match.end <= doc.dateline:
                continue
            if _after_venue_word(text, match.start, lex):
                kind = "venue"
        # "claimed on Telegram", "wrote on Facebook": the platform is where it was said;
        # but "reported the attack on Microsoft" names a victim.
        cue = (
            lex.medium.search(text, max(0, match.start - 80), match.start)
            if entry.type == "Organization"
            else None
        )
        medium = cue is not None and all(t.type != "ATTACKED" for t in lex.triggers(cue.group()))
        doc.mentions.append(
            ResolvedMention(
                match.start,
                match.end,
                match.text,
                doc.add_registry(entry),
                not medium,
                "medium" if medium else kind,
            )
        )


def discovered_names(doc: DocumentContext) -> None:
    """Rule ``discovered``: candidates of :mod:`.discovery`, joined to the registry when close.

    A country inside a discovered body's name ("... degli Stati Uniti") places
    the body and is no participant of its own.
    """
    acronyms = {m.start: m for m in doc.matches if m.kind == "acronym"}
    for candidate in doc.candidates:
        # A name an earlier candidate also goes by is that candidate's actor; a name
        # whose acronym in brackets is a known one is that actor ("... Agency (BSSN)").
        bracket = re.match(r"[ \t]*\(", doc.text[candidate.end : candidate.end + 4])
        known = acronyms.get(candidate.end + bracket.end()) if bracket else None
        known_id = _choose(known, doc.ctx, doc.nearest_countries) if known else None
        actor_id: str | None
        if known_id is not None and candidate.type != "Person":
            actor_id = doc.add_registry(doc.ctx.registry[known_id])
            doc.actors[known_id].aliases.add(candidate.name)
        else:
            actor_id = doc.local_forms.get(candidate.name) or _resolve_candidate(
                candidate, doc.lex, doc.ctx, doc.nearest_countries, doc.actors, doc.text
            )
        if actor_id is not None:
            doc.mentions.append(
                ResolvedMention(
                    candidate.start, candidate.end, candidate.text, actor_id, True, "discovered"
                )
            )
            doc.local_forms.update(dict.fromkeys(candidate.aliases, actor_id))
    bodies = [(c.start, c.end) for c in doc.candidates if c.type != "Person"]
    named_after: list[ResolvedMention] = []
    for mention in doc.mentions:
        if mention.kind != "discovered" and any(
            start <= mention.start and mention.end <= end for start, end in bodies
        ):
            mention.participant = False
            if doc.actors[mention.actor_id].type == "Person":
                # "Manohar Parrikar Institute": a body named after a person names no person.
                named_after.append(mention)
    if named_after:
        doc.mentions = [m for m in doc.mentions if m not in named_after]
        still = {m.actor_id for m in doc.mentions}
        for mention in named_after:
            if mention.actor_id not in still:
                doc.actors.pop(mention.actor_id, None)


def defined_acronyms(doc: DocumentContext) -> None:
    """Rule ``local-acronym``: an acronym defined in the text names the actor it follows.

    So do a discovered actor's other names ("X, or Y"), wherever they stand.
    """
    by_start = {m.start: m for m in doc.mentions}
    local = dict(doc.local_forms)
    for _, _, acronym, defined_start in doc.acronyms:
        owner = by_start.get(defined_start)
        if owner is not None:
            local[acronym] = owner.actor_id
            doc.actors[owner.actor_id].aliases.add(acronym)
    _add_local_forms(doc.text, local, doc.occupied, doc.mentions, prefix=r"(?:DG\s+)?")


def surnames(doc: DocumentContext) -> None:
    """Rule ``surname``: a person's surname alone, or after a title, names them again."""
    _add_surnames(
        doc.text,
        doc.actors,
        doc.mentions,
        doc.occupied,
        doc.lexicon_titles,
        doc.ctx,
        doc.roles,
        doc.add_registry,
    )
    doc.sort()


def embassies(doc: DocumentContext) -> None:
    """Rule ``embassy``: see :func:`_add_embassies`."""
    _add_embassies(doc.text, doc.lex, doc.mentions, doc.actors, doc.ctx, doc.matches)
    doc.sort()


def collectives(doc: DocumentContext) -> None:
    """Rules ``collective``, ``anaphor``, ``own-country``.

    "the two countries", "the agency", "his country" name actors named before.
    """
    _add_collective(doc.text, doc.lex, doc.mentions, doc.actors, doc.ctx, doc.person_country)
    doc.sort()


def qualifiers_and_roles(doc: DocumentContext) -> None:
    """Rules ``title-apposition``, ``appositive-role``, ``title-home-country``, and qualifiers."""
    doc.role_claims = _qualify_and_roles(
        doc.text,
        doc.lex,
        doc.mentions,
        doc.actors,
        doc.ctx,
        doc.roles,
        doc.candidates,
        doc.person_country,
        doc.lexicon_titles,
        _home_country(doc.mentions, doc.actors, doc.filed_in),
    )


#: The resolution rules, in the order they run; each reads and writes the document context.
RESOLUTION_RULES: tuple[Callable[[DocumentContext], None], ...] = (
    registry_names,
    discovered_names,
    defined_acronyms,
    surnames,
    embassies,
    collectives,
    qualifiers_and_roles,
)


def _choose(match: GazetteerMatch, ctx: _Context, nearest: object) -> str | None:
    if len(match.entry_ids) == 1:
        return match.entry_ids[0]
    by_country = {ctx.country_of(i): i for i in match.entry_ids}
    for code in nearest(match.start):  # type: ignore[operator]
        if code in by_country:
            return by_country[code]
    return None


# "Doha, Qatar –", "ROME, March 3 (Reuters) -", "Roma, 12 marzo 2024 –"
_DATELINE = re.compile(
    r"\s*[A-ZÀ-Þ][\w.'’-]*(?:[ ,]+[A-ZÀ-Þ][\w.'’-]*){0,3}(?:,[ \w.()]{1,30})?\s+[–—-]\s"
)


# A wire dateline opening a paragraph: a capitalised place, perhaps a second one, a
# date and an agency, then a dash ("ASUNCIÓN —", "CARACAS/MADRID, 14 sep (Agencias) -").
_WIRE_DATELINE = re.compile(
    r"^[ \t]*[A-ZÀ-Þ][A-ZÀ-Þ'’.-]+(?:[ /][A-ZÀ-Þ][A-ZÀ-Þ'’.-]+)*"
    r"(?:[ ,(][^\n–—]{0,40}?)?[ \t]+[–—-][ \t]",
    re.MULTILINE,
)


def _filed_in(text: str, countries: list[tuple[int, str]]) -> str | None:
    """The country of the first wire dateline in the opening of ``text``, if any."""
    for dateline in _WIRE_DATELINE.finditer(text, 0, min(len(text), 1500)):
        named = [code for start, code in countries if dateline.start() <= start < dateline.end()]
        if named:
            return named[0]
    return None


def _dateline(text: str) -> int:
    """End of a leading dateline ("Doha, Qatar – "), or 0: places there are venues."""
    match = _DATELINE.match(text)
    return match.end() if match else 0


# Words that join the parts of a longer name, articles aside ("Intelligence and Security").
_NAME_CONNECTORS = (every_language("name_connectors") | every_language("list_conjunctions")) - {
    a.casefold() for a in every_language("articles")
}
_CAPITALISED_NEXT = re.compile(r"[ \t]+([A-ZÀ-Þ][a-zà-ÿ]+)")


def _starts_longer_name(text: str, end: int) -> bool:
    """Whether a capitalised word (no weekday, no function word) follows ``end``."""
    following = _CAPITALISED_NEXT.match(text, end)
    return following is not None and following.group(1) not in not_name_words()


_WORD_BEFORE_MATCH = re.compile(r"([A-ZÀ-Þ][\w'’-]*) $")
# Particles of Arabic, Berber and other family names ("Al Kuwaiti", "El-Masri",
# "Bin Omani"): a demonym written after one is part of a person's name, not a state.
_NAME_PARTICLE_BEFORE = re.compile(
    r"(?<![\w'’])(?:" + "|".join(name_words().family_name_openers) + r")[ -]$"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"“(•–—-])\s*$")


def _inside_longer_name(text: str, match: GazetteerMatch, lex: Lexicon) -> bool:
    """A one-word name right after another capitalised word ("Sud America", "New Mexico").

    A generic name of several words is inside a longer one when a capitalised word
    and a connector come before it ("Defence Intelligence and Security Service").
    """
    if " " in match.text:
        line = text[max(0, match.start - 40) : match.start].rsplit("\n", 1)[-1]
        words = line.split()
        return (
            _generic_body(match.text, lex)
            and len(words) >= 2
            and words[-1].lower() in _NAME_CONNECTORS
            and words[-2][:1].isupper()
            and not words[-2].isupper()
            and words[-2] not in not_name_words()
            and not lex.person_titles.fullmatch(words[-2])
            and not words[-2].endswith((",", ".", ";", ":"))
        )
    before = _WORD_BEFORE_MATCH.search(text, max(0, match.start - 30), match.start)
    if before is None:
        return False
    word = before.group(1)
    if word in not_name_words() or lex.person_titles.fullmatch(word) or word.isupper():
        return False
    if lex.capitalised_nouns and lex.organisation_nouns.search(word.rsplit("-", 1)[-1]):
        # "die Gruppe NoName057(16)", "Hacktivisten-Gruppe X": a German noun before a name.
        return False
    # "Both Qatar and Italy": a capitalised first word of a sentence is no name.
    return not _SENTENCE_START.search(text, max(0, before.start() - 5), before.start())


def _in_personal_name(text: str, match: GazetteerMatch) -> bool:
    """A capitalised demonym after a name particle is a surname ("Mohamed Al Kuwaiti")."""
    if not match.text[:1].isupper():
        return False
    return _NAME_PARTICLE_BEFORE.search(text, max(0, match.start - 8), match.start) is not None


def _words_before_place(text: str, start: int, end: int) -> list[str]:
    """The words of ``text[start:end]``, an article right before the place dropped."""
    words = re.findall(r"[\w']+", text[start:end])
    if words and _ARTICLE_WORDS.fullmatch(words[-1].lower() + " "):
        words = words[:-1]
    return words


def _host_after_title(text: str, t_end: int, start: int, lex: Lexicon) -> bool:
    """Whether a country after a title is where the office is held ("envoy to Spain")."""
    words = _words_before_place(text, t_end, start)
    return bool(words) and (
        words[-1].lower() in _DATIVES or bool(lex.venue_prepositions.fullmatch(words[-1]))
    )


def _adjective_of_language(entry: RegistryEntry, form: str, lang: str) -> bool:
    """Whether ``form`` is one of the country's adjectives in the document's language
    ("Albanese" is Italian for Albanian, and an English surname)."""
    folded = fold(form)
    return any(fold(adjective) == folded for adjective in entry.adjectives.get(lang, ()))


def _after_venue_word(text: str, start: int, lex: Lexicon) -> bool:
    """Whether a place name follows "in", "to", "a"... (with an optional article)."""
    words = _words_before_place(text, max(0, start - 40), start)[-3:]
    # "servizi di intelligence di Russia": a genitive names the owner, not a place;
    # "training to Graustark": a dative names the receiver.
    if not words or words[-1].lower() in _GENITIVES or words[-1].lower() in _DATIVES:
        return False
    if len(words) >= 2 and lex.agent_nouns.fullmatch(words[-2]):
        # "the authorities in Graustark", "police in Ruritania": that country's own.
        return False
    return bool(lex.venue_prepositions.fullmatch(words[-1]))


def _capital_is_venue(
    text: str, match: GazetteerMatch, lex: Lexicon, matches: list[GazetteerMatch]
) -> bool:
    """A capital is a venue after "in"/"a"/"to"..., or in a dateline "Doha, Qatar"."""
    before = _word_before(text, match.start)
    if before and lex.venue_prepositions.fullmatch(before):
        # "attribuisce a Mosca l'attacco": after a blaming verb the capital is blamed.
        head = text.rfind(before, max(0, match.start - 40), match.start)
        return not any(
            t.type == "ACCUSED" and not text[t.end : head].strip()
            for t in lex.triggers(text, max(0, head - 40), head)
        )
    after = text[match.end : match.end + 3]
    return after.startswith(",") and any(m.start in (match.end + 2, match.end + 1) for m in matches)


def _adjective_qualifies(text: str, match: GazetteerMatch, lex: Lexicon) -> bool:
    """An adjective names its state only next to an agent noun or an act."""
    if lex.adjective_before_noun:
        window = text[match.end : match.end + 60].lstrip()
        words = window.split()
        # "Italian Interior Minister", "US and Mexican governments"
        for skip in range(0, min(3, len(words))):
            rest = " ".join(words[skip:])
            if lex.agent_nouns.match(rest) or lex.embassy.match(rest):
                return True
            if skip == 0 and words and lex.conjunction.fullmatch(words[0]):
                continue
        return bool(lex.counterpart.match(window))
    window = text[max(0, match.start - 60) : match.start].rstrip()
    # "dell'ambasciatore russo": an elided article is glued to its noun.
    words = [re.split(r"['’]", w)[-1] for w in window.split()[-3:]]
    # "ministro dell'Interno libico", "governo italiano", "presidente russo"
    for cut in range(len(words)):
        if lex.agent_nouns.fullmatch(" ".join(words[cut:])) or lex.agent_nouns.fullmatch(
            words[cut]
        ):
            return True
    if words and lex.embassy.fullmatch(re.split(r"['’]", words[-1])[-1]):
        # "ambasciata russa": the embassy's owner.
        return True
    # "attacchi informatici russi": an attack or an accusation, an adjective, this one.
    return any(
        t.type in ("ATTACKED", "ACCUSED") and len(window[t.end :].split()) <= 1
        for t in lex.triggers(window, max(0, len(window) - 40))
    )


def _resolve_candidate(
    candidate: Candidate,
    lex: Lexicon,
    ctx: _Context,
    nearest: object,
    actors: dict[str, DocumentActor],
    text: str,
) -> str | None:
    registry = ctx.registry
    if candidate.type == "Person":
        words = candidate.name.split()
        if len(words) == 1:
            ids = ctx.surnames.get(candidate.name, [])
            if len(ids) == 1:
                entry = registry[ids[0]]
                actors.setdefault(
                    entry.id,
                    DocumentActor(
                        entry.id,
                        entry.name,
                        entry.type,
                        entry.country,
                        entry.wikidata,
                        registry=True,
                    ),
                )
                return entry.id
        name = candidate.name
        if len(words) == 1:
            for existing in actors.values():
                if existing.type == "Person" and existing.name.split()[-1] == name:
                    return existing.id
            # "Interior Minister Piantedosi" ... "Matteo Piantedosi's trip": the full name.
            for full in re.finditer(rf"\b([A-ZÀ-Þ][a-zà-ÿ]+) {re.escape(name)}\b", text):
                first = full.group(1)
                glued = re.search(r"(\w+) $", text[max(0, full.start() - 20) : full.start()])
                # "dipartimento di Stato Usa" is not a first name: names follow no preposition.
                if glued and lex.venue_prepositions.fullmatch(glued.group(1)):
                    continue
                if first not in not_name_words() and not lex.person_titles.fullmatch(first):
                    name = f"{first} {name}"
                    break
        actor_id = slugify(name)
        actors.setdefault(actor_id, DocumentActor(actor_id, name, "Person", rule=candidate.rule))
        return actor_id
    # An organisation: registry entry of the nearest country first, then stateless ones.
    for code in [*nearest(candidate.start), None]:  # type: ignore[operator]
        entry_id = ctx.fuzzy(candidate.name, code)
        if entry_id is not None:
            entry = registry[entry_id]
            actors.setdefault(
                entry.id,
                DocumentActor(
                    entry.id, entry.name, entry.type, entry.country, entry.wikidata, registry=True
                ),
            )
            return entry.id
    if (
        not candidate.acronym
        and _generic_body(candidate.name, lex)
        and not lex.part_of_after.match(text, candidate.end)
    ):
        # "Security Service", "Computer Emergency Response Team", "Ufficio stampa":
        # a kind of body without its owner names nobody ("the Central Criminal Police, a
        # unit of the PPA" has one).
        return None
    actor_id = slugify(candidate.name)
    actor = actors.setdefault(
        actor_id, DocumentActor(actor_id, candidate.name, candidate.type, rule=candidate.rule)
    )
    if candidate.acronym:
        actor.aliases.add(candidate.acronym)
    actor.aliases.update(candidate.aliases)
    return actor_id


def _generic_body(name: str, lex: Lexicon) -> bool:
    """Whether every word of ``name`` is a head word, a generic word or a connector."""
    words = [w for w in re.findall(r"[\w]+", name.casefold()) if len(w) > 1]
    return bool(words) and all(w in lex.generic_words for w in words)


def _add_local_forms(
    text: str,
    forms: dict[str, str],
    occupied: bytearray,
    mentions: list[ResolvedMention],
    prefix: str = "",
) -> None:
    taken = bytearray(occupied)
    for mention in mentions:
        taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    if not forms:
        return
    # One pass over the text for every form, the longest first where they overlap.
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w]){prefix}({alternation})(?![\w])")
    for match in pattern.finditer(text):
        if not any(taken[match.start() : match.end()]):
            taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
            mentions.append(
                ResolvedMention(
                    match.start(), match.end(), match.group(), forms[match.group(1)], True, "local"
                )
            )


def _add_surnames(
    text: str,
    actors: dict[str, DocumentActor],
    mentions: list[ResolvedMention],
    occupied: bytearray,
    lexicon_titles: list[tuple[int, int]],
    ctx: _Context,
    roles: list[RoleMatch],
    add_registry: object,
) -> None:
    """Surname-only mentions of people named in full, and title + registry surname."""
    forms: dict[str, str] = {}
    for actor in list(actors.values()):
        words = actor.name.split()
        if actor.type == "Person" and len(words) >= 2:
            forms[" ".join(words[1:])] = actor.id
            forms[words[-1]] = actor.id
    # Title + surname of a registry person not named in full ("presidente Biden").
    title_ends = [end for _, end in lexicon_titles] + [r.end for r in roles]
    for end in title_ends:
        match = _SURNAME_AFTER_TITLE.match(text, end)
        if not match:
            continue
        surname = match.group(1)
        ids = ctx.surnames.get(surname, [])
        if surname not in forms and len(ids) == 1:
            add_registry(ctx.registry[ids[0]])  # type: ignore[operator]
            forms[surname] = ids[0]
    _add_local_forms(text, {k: v for k, v in forms.items() if len(k) > 2}, occupied, mentions)


# A surname after a title may open with particles of any language ("presidente von der Leyen").
_SURNAME_AFTER_TITLE = re.compile(
    r"\s+((?:(?:"
    + "|".join([*name_words().particles, *every_language("genitives"), *every_language("articles")])
    + r")\s+)*[A-ZÀ-Þ][\w'’\-]+)"
)
# Two actors named together: a comma or a list conjunction of any language between them.
_PAIR_JOINER = re.compile(
    r"\s*(?:,|" + "|".join(map(re.escape, every_language("list_conjunctions"))) + r")\s*"
)


def _last_pair(text: str, before: list[ResolvedMention]) -> list[str]:
    """The last two actors named together ("Putin e Biden"), else the last two named."""
    for first, second in zip(reversed(before[:-1]), reversed(before[1:]), strict=True):
        gap = text[first.end : second.start]
        if first.actor_id != second.actor_id and _PAIR_JOINER.fullmatch(gap):
            return [first.actor_id, second.actor_id]
    chosen: list[str] = []
    for mention in reversed(before):
        if mention.actor_id not in chosen:
            chosen.append(mention.actor_id)
        if len(chosen) == 2:
            break
    return chosen


def _add_collective(
    text: str,
    lex: Lexicon,
    mentions: list[ResolvedMention],
    actors: dict[str, DocumentActor],
    ctx: _Context,
    person_country: dict[str, str],
) -> None:
    """Counterparts, "the two countries", "his country"."""
    countries = [m for m in mentions if actors[m.actor_id].type == "Country"]
    claimed = bytearray(len(text))
    for phrase, kind in ((lex.two_countries, "Country"), (lex.two_leaders, "Person")):
        for match in phrase.finditer(text):
            if any(claimed[match.start() : match.end()]):
                continue
            claimed[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
            before = [
                m for m in mentions if m.end <= match.start() and actors[m.actor_id].type == kind
            ]
            chosen = _last_pair(text, before)
            if len(chosen) == 2:
                for actor_id in chosen:
                    mentions.append(
                        ResolvedMention(
                            match.start(), match.end(), match.group(), actor_id, True, "collective"
                        )
                    )
    _add_anaphors(text, lex, mentions, actors, claimed, ctx.registry)
    for match in lex.own_country.finditer(text):
        people = [
            m for m in mentions if m.end <= match.start() and actors[m.actor_id].type == "Person"
        ]
        if people:
            code = actors[people[-1].actor_id].country
            country_id = ctx.country_by_code.get(code) if code else None
            if country_id is None:
                # The adjective or country written next to the person's title.
                near = [c for c in countries if abs(c.start - people[-1].start) < 40]
                country_id = near[-1].actor_id if near else None
            if country_id:
                actors.setdefault(
                    country_id,
                    DocumentActor(
                        country_id,
                        ctx.registry[country_id].name,
                        "Country",
                        ctx.registry[country_id].country,
                        ctx.registry[country_id].wikidata,
                        registry=True,
                    ),
                )
                mentions.append(
                    ResolvedMention(
                        match.start(), match.end(), match.group(), country_id, True, "own-country"
                    )
                )


def _add_embassies(
    text: str,
    lex: Lexicon,
    mentions: list[ResolvedMention],
    actors: dict[str, DocumentActor],
    ctx: _Context,
    matches: list[GazetteerMatch],
) -> None:
    """Rule ``embassy``: "the Russian embassy in Rome" is the Embassy of Russia in Italy.

    The owner is the country named right before the embassy word ("Russian
    embassy", "russische Botschaft") or right after it ("embassy of Russia",
    "ambasciata russa"); the host is the country or capital named after "in"
    within a few words, else the document's home country when it is another.
    Owner and host become qualifiers of the embassy's mention.
    """
    countries = [m for m in mentions if actors[m.actor_id].type == "Country"]
    if not countries:
        return
    home = _home_country(mentions, actors)
    for match in lex.embassy.finditer(text):
        owner = next(
            (
                m
                for m in countries
                if 0 <= match.start() - m.end <= 1
                or (
                    # "ambasciata russa", "embassy of Russia" (never "embassy in Russia")
                    m.start >= match.end()
                    and (
                        not text[match.end() : m.start].strip()
                        or lex.agent_of.fullmatch(text, match.end(), m.start) is not None
                    )
                )
            ),
            None,
        )
        if owner is None:
            continue
        owner_code = actors[owner.actor_id].country
        after = max(match.end(), owner.end)
        host = next(
            (
                m
                for m in countries
                if m is not owner
                and m.start >= after
                and lex.venue_prepositions.search(text, after, m.start)
                and len(text[after : m.start].split()) <= 3
                and not re.search(r"[,;.]", text[after : m.start])
            ),
            None,
        )
        host_code = actors[host.actor_id].country if host else None
        if host is None:
            # "la Embajada de España en Caracas": a capital named as a venue names no actor,
            # but it places the embassy.
            place = next(
                (
                    m
                    for m in matches
                    if m.start >= after
                    and m.kind == "capital"
                    and lex.venue_prepositions.search(text, after, m.start)
                    and len(text[after : m.start].split()) <= 3
                ),
                None,
            )
            host_code = ctx.country_of(place.entry_ids[0]) if place else None
        if host_code is None and home and home != owner_code:
            host_code = home
        if not owner_code or not host_code or owner_code == host_code:
            continue
        owner_name = ctx.registry[ctx.country_by_code[owner_code]].name
        host_name = ctx.registry[ctx.country_by_code[host_code]].name
        name = f"Embassy of {owner_name} in {host_name}"
        actor_id = slugify(name)
        actors.setdefault(
            actor_id, DocumentActor(actor_id, name, "Agency", owner_code, rule="embassy")
        )
        start = min(owner.start, match.start())
        end = max(owner.end, match.end(), host.end if host else 0)
        for qualifier in (owner, host):
            if qualifier is not None:
                qualifier.participant = False
        mentions.append(ResolvedMention(start, end, text[start:end], actor_id, True, "embassy"))


_ANAPHOR_REACH = 600
# After a head noun, a capitalised word, or a preposition then one, carries a name on.
_GENITIVE_NAME = re.compile(
    r"\s+(?:" + "|".join(sorted(map(re.escape, _GENITIVES), key=len, reverse=True)) + r")"
    r"(?:\s+|(?<=['’]))(?:\w+\s+)?[A-ZÀ-Þ]"
)
_NAME_GOES_ON = re.compile(r"\w|\s+(?:\w{1,4}\s+){0,2}[A-ZÀ-Þ]")


def _add_anaphors(
    text: str,
    lex: Lexicon,
    mentions: list[ResolvedMention],
    actors: dict[str, DocumentActor],
    claimed: bytearray,
    registry: Registry,
) -> None:
    """Rule ``anaphor``: "the gang", "l'agenzia" name the last actor of that type before them.

    Only an actor named in the last few sentences (``_ANAPHOR_REACH`` characters)
    is an antecedent; an anaphor with none names nobody.
    """
    found: list[ResolvedMention] = []
    named = bytearray(claimed)
    for mention in mentions:
        named[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    for kind, pattern in lex.anaphors.items():
        for match in pattern.finditer(text):
            if any(named[match.start() : match.end()]) or (
                match.start() > 0 and text[match.start() - 1].isalnum()
            ):
                continue
            if kind == "Person" and (
                _title_of_next_person(text, match.end(), mentions, actors)
                or _apposed_to_person(text, match.start(), mentions, actors)
                # "il presidente della Repubblica": a full title, another office.
                or _GENITIVE_NAME.match(text, match.end())
            ):
                # "il direttore dell'Fbi Comey", "Karl Weiss, the envoy,": a title of a name.
                continue
            if kind != "Person" and _NAME_GOES_ON.match(text, match.end()):
                continue
            if _ends_name_part(text, match.start()):
                # "the Agency for Cybersecurity", "l'Agenzia Spaziale", "Fiscalía General de la
                # Nación": a name, not an anaphor.
                continue
            if lex.naming_cues.search(text, match.end(), match.end() + 25):
                # "The group, which calls itself X": the name follows, nothing precedes.
                continue
            head = match.group().split()[-1].split("'")[-1].casefold()
            candidates = [
                m
                for m in reversed(mentions)
                if m.end <= match.start()
                # A title names its one holder anywhere before ("the Prime Minister").
                and (kind == "Person" or match.start() - m.end <= _ANAPHOR_REACH)
                and m.participant
                and actors[m.actor_id].type == kind
                # "the department" is the last department named, not the last agency.
                and (kind != "Agency" or _named_with(head, m, actors[m.actor_id], registry))
                # "the minister" is the last person a minister's title was written beside.
                and (kind != "Person" or _titled(match.group(), m.actor_id, mentions, text))
            ]
            if kind == "Person" and len({c.actor_id for c in candidates}) > 1:
                # Two ministers named before "the minister": it could be either.
                continue
            if (
                len(candidates) > 1
                and candidates[0].actor_id != candidates[1].actor_id
                and _subject_of(text, candidates[0].end, match.start(), lex)
            ):
                # "Ukraine ... since Russia launched its war against the country": the
                # subject of the anaphor's own verb is not what it stands for.
                candidates = candidates[1:]
            antecedent = candidates[0] if candidates else None
            if antecedent is not None:
                found.append(
                    ResolvedMention(
                        match.start(),
                        match.end(),
                        match.group(),
                        antecedent.actor_id,
                        True,
                        "anaphor",
                    )
                )
    mentions.extend(found)


def _ends_name_part(text: str, start: int) -> bool:
    """Whether a capitalised word and a genitive come right before ``start`` ("General de")."""
    words = text[max(0, start - 40) : start].rsplit("\n", 1)[-1].split()
    return (
        len(words) >= 2
        and words[-1].casefold() in _GENITIVES
        and words[-2][:1].isupper()
        and words[-2] not in not_name_words()
    )


def _subject_of(text: str, end: int, anaphor: int, lex: Lexicon) -> bool:
    """Whether a name ending at ``end`` is the subject of a verb before ``anaphor``."""
    between = text[end:anaphor]
    return not re.search(r"[.;!?\n]", between) and bool(lex.triggers(text, end, anaphor))


# How many words a title and its qualifier may put before the name they introduce.
_TITLE_WORDS = 5


def _gap_before_next(text: str, end: int, mentions: list[ResolvedMention]) -> str | None:
    """The text from ``end`` to the first of ``mentions`` after it, or ``None``."""
    starts = [m.start for m in mentions if m.start >= end]
    return text[end : min(starts)] if starts else None


_CLAUSE_BREAK = re.compile(r"[.;:!?\n]")


def _title_of_next_person(
    text: str, end: int, mentions: list[ResolvedMention], actors: dict[str, DocumentActor]
) -> bool:
    """Whether a person is named within a few words after ``end``, with no clause break."""
    people = [m for m in mentions if actors[m.actor_id].type == "Person"]
    gap = _gap_before_next(text, end, people)
    return gap is not None and not _CLAUSE_BREAK.search(gap) and len(gap.split()) <= _TITLE_WORDS


def _title_names_nobody(text: str, end: int, mentions: list[ResolvedMention]) -> bool:
    """Whether no person and no body is named within a few words after a title."""
    gap = _gap_before_next(text, end, mentions)
    if gap is None or _CLAUSE_BREAK.search(gap):
        return True
    # "Minister of State for Budget and National Planning, Zainab Ahmed": a complement,
    # then the name after a comma.
    words = len(gap.split())
    return words > _TITLE_WORDS and not (gap.rstrip().endswith(",") and words <= 2 * _TITLE_WORDS)


def _serves(
    text: str, title_end: int, served: ResolvedMention, lex: Lexicon, ctx: _Context
) -> bool:
    """Whether a title is held "to" the person named right after it ("adviser to
    President Y", "consigliere del presidente Y") and that person's state is known."""
    entry = ctx.registry.get(served.actor_id)
    if entry is None or not entry.country:
        return False
    words = text[title_end : served.start].split()
    return 1 <= len(words) <= 3 and words[0].casefold() in {w.casefold() for w in lex.data.datives}


def _apposed_to_person(
    text: str, start: int, mentions: list[ResolvedMention], actors: dict[str, DocumentActor]
) -> bool:
    """Whether a person's name and a comma come right before ``start``."""
    return any(
        actors[m.actor_id].type == "Person" and re.fullmatch(r"\s*,\s*", text[m.end : start])
        for m in mentions
        if start - 4 <= m.end <= start
    )


# How far around a person's name their title is looked for, and how much of a title
# word must agree ("Ministers", "Innenministerin" and "minister" share "minist").
_TITLE_WINDOW = 80
_TITLE_STEM = 6


def _titled(anaphor: str, person_id: str, mentions: list[ResolvedMention], text: str) -> bool:
    """Whether a title with the words of ``anaphor`` ("the prime minister") stands next to
    a mention of the person (its article aside)."""
    stems = [w[:_TITLE_STEM] for w in re.findall(r"\w+", anaphor.casefold())[1:]] or [
        anaphor.casefold()
    ]
    for m in mentions:
        if m.actor_id != person_id or m.kind == "anaphor":
            continue
        # A title right before the name on its line, no further back than the name before
        # ("A received Director B" gives B no title of A's); or in an apposition right
        # after it, up to the next comma or name; or on the line below ("Jane Roe\nMinister").
        start = max(
            [m.start - _TITLE_WINDOW // 2, 0]
            + [o.end for o in mentions if o.end <= m.start and o.actor_id != person_id]
        )
        before = re.split(r"[.\n]", text[start : m.start])[-1]
        end = min(
            [m.end + _TITLE_WINDOW]
            + [o.start for o in mentions if o.start >= m.end and o.actor_id != person_id]
        )
        after = text[m.end : end]
        if after.startswith(","):
            after = re.split(r"[.,;\n]", after[1:], maxsplit=1)[0]
        elif after.startswith("\n"):
            after = after[1:].split("\n", 1)[0]
        else:
            after = ""
        if all(stem in before.casefold() for stem in stems) or all(
            stem in after.casefold() for stem in stems
        ):
            return True
    return False


def _named_with(
    head: str, mention: ResolvedMention, actor: DocumentActor, registry: Registry
) -> bool:
    """Whether ``head`` ("department", "agenzia") is a word of the actor's name."""
    entry = registry.get(actor.id)
    names = [mention.text, actor.name]
    if entry is not None:
        names += [form for forms in entry.aliases.values() for form in forms]
    return any(head in name.casefold().split() for name in names)


def _qualify_and_roles(
    text: str,
    lex: Lexicon,
    mentions: list[ResolvedMention],
    actors: dict[str, DocumentActor],
    ctx: _Context,
    roles: list[RoleMatch],
    candidates: list[Candidate],
    person_country: dict[str, str],
    lexicon_titles: list[tuple[int, int]],
    home: str | None,
) -> list[RoleClaim]:
    """Mark country qualifiers as non-participants and read title appositions."""
    claims: list[RoleClaim] = []
    title_spans: list[tuple[int, int, RoleMatch | None]] = [(r.start, r.end, r) for r in roles]
    other_titles = {
        (c.title_start, c.title_end)
        for c in candidates
        if c.title_start is not None and c.title_end is not None
    } | set(lexicon_titles)
    # A lexicon title overlapping a registry role title ("Interior Minister") adds nothing.
    title_spans += [
        (start, end, None)
        for start, end in sorted(other_titles)
        if not any(start < r.end and r.start < end for r in roles)
    ]
    counterparts = {m.start() for m in lex.counterpart.finditer(text)}
    for index, mention in enumerate(mentions):
        actor = actors[mention.actor_id]
        if actor.type != "Country" or mention.kind == "collective":
            continue
        nxt = mentions[index + 1] if index + 1 < len(mentions) else None
        gap = text[mention.end : nxt.start] if nxt else ""
        # "Qatar's Ministry", "US Department of State", "Italian Carabinieri": a place, not a party.
        if (
            nxt
            and actors[nxt.actor_id].type in ("Agency", "Person", "Organization")
            and _POSSESSIVE.match(gap)
        ):
            mention.participant = False
            continue
        # "son homologue allemand, Thomas de Maizière": an adjective after the counterpart
        # word qualifies the person who follows.
        word = lex.counterpart.search(text, max(0, mention.start - 25), mention.start)
        if (
            word is not None
            and not text[word.end() : mention.start].strip()
            and nxt is not None
            and actors[nxt.actor_id].type == "Person"
            and re.fullmatch(r"[\s,]{1,3}", text[mention.end : nxt.start])
        ):
            mention.participant = False
            continue
        # "his US counterpart Mayorkas"
        after = text[mention.end : mention.end + 40]
        counterpart = lex.counterpart.match(after.lstrip())
        if (
            counterpart
            and nxt
            and nxt.start - mention.end <= len(after) - len(after.lstrip()) + counterpart.end() + 2
        ) and actors[nxt.actor_id].type == "Person":
            mention.participant = False
            continue
        # Next to a title: "Italian Interior Minister", "segretario Usa per ...", "commissario Ue".
        for t_start, t_end, _ in title_spans:
            if t_start in counterparts:
                # "her Graustarkian counterparts" with no name after them are the country.
                continue
            if (
                (0 <= t_start - mention.end <= 1)
                or (0 <= mention.start - t_end <= 1)
                # "Nigeria's Minister of State ..., Zainab Ahmed"
                or (
                    0 < t_start - mention.end <= 16
                    and _POSSESSIVE_TITLE.fullmatch(text[mention.end : t_start]) is not None
                )
            ):
                # "accused the Australian spy chief of ...": an official with no name
                # stands for the country, which stays a party.
                mention.participant = _title_names_nobody(text, max(t_end, mention.end), mentions)
                break
            if (
                0 < mention.start - t_end <= 40
                and not re.search(r"[,;:.()]", text[t_end : mention.start])
                and nxt is not None
                and actors[nxt.actor_id].type == "Person"
                and re.fullmatch(r"[\s,]{1,3}", text[mention.end : nxt.start])
                and _words_before_place(text, t_end, mention.start)[-1:]
                and _words_before_place(text, t_end, mention.start)[-1].lower() in _GENITIVES
            ):
                # "the Secretary of State of the United States, Marco Rubio".
                mention.participant = False
                break
    # Title appositions: title [qualifier] Person -> HOLDS_ROLE person -> org.
    people = [m for m in mentions if actors[m.actor_id].type == "Person"]
    for t_start, t_end, role in title_spans:
        if t_start in counterparts:
            # "his counterpart X" says nothing about X's office.
            continue
        person = next((p for p in people if 0 <= p.start - t_end <= 70), None)
        if person is None:
            continue
        between = [
            m
            for m in mentions
            if t_end <= m.start < person.start
            or (
                t_start - 30 <= m.start < t_start
                and (m.end >= t_start - 1 or _POSSESSIVE_TITLE.fullmatch(text[m.end : t_start]))
            )
        ]
        gap = text[t_end : person.start]
        if (
            gap.count(",") > 1
            # The stop of an abbreviated rank ("Maj. Gen.") ends no clause.
            or re.search(r"[.;:!?\n]", _without_abbreviations(gap, lex))
            # "X, Nigeria's Security Adviser, and Y": the title is X's, not Y's.
            or ("," in gap and lex.conjunction.match(gap.rsplit(",", 1)[-1]) is not None)
            # "X, head of the FBI, met Minister Y": a verb after the apposition ends the
            # title's reach (a rank does not: "the head of the BSSN, Maj. Gen. Y").
            or (
                "," in gap
                and any(
                    w.group() not in lex.articles
                    and not any(s <= w.start() < e for s, e, _ in title_spans)
                    for w in _LOWER_WORD.finditer(text, t_end + gap.rindex(","), person.start)
                )
            )
        ):
            continue
        org_id = None
        # "envoy to the Netherlands": a country after "to" hosts the office, it does not hold it.
        country_id = next(
            (
                m.actor_id
                for m in between
                if actors[m.actor_id].type == "Country"
                and not (m.start > t_end and _host_after_title(text, t_end, m.start, lex))
            ),
            None,
        )
        if country_id:
            code = actors[country_id].country
            if code:
                person_country.setdefault(person.actor_id, code)
        body = next(
            (
                m.actor_id
                for m in between
                if actors[m.actor_id].type != "Country" and actors[m.actor_id].type != "Person"
            ),
            None,
        )
        org_id, title, rule = _office(
            role, body, country_id, person.actor_id, t_start, t_end, text, actors, ctx, home, lex
        )
        if org_id is None:
            continue
        _add_office(org_id, actors, ctx)
        claims.append(RoleClaim(person.actor_id, org_id, title, t_start, person.end, rule))
    claims += _appositive_roles(text, lex, mentions, actors, ctx, title_spans, home)
    claims += _predecessors(text, lex, mentions, actors, claims)
    claims += _led_by(text, lex, mentions, actors, title_spans)
    claims += _member_lists(text, lex, mentions, actors)
    claims += _heads_of_government(text, lex, mentions, actors, home)
    claims += _titles_of_named_bodies(text, mentions, actors, title_spans, claims)
    return claims


def _office(
    role: RoleMatch | None,
    body: str | None,
    country_id: str | None,
    person_id: str,
    t_start: int,
    t_end: int,
    text: str,
    actors: dict[str, DocumentActor],
    ctx: _Context,
    home: str | None,
    lex: Lexicon,
) -> tuple[str | None, str, str]:
    """The body a title names, the title, and the rule that chose the body.

    A generic title with no country next to it ("Interior Minister Jane Doe")
    is an office of the document's home country (:func:`_home_country`; rule
    ``title-home-country``, a guess that never makes two actors one side),
    unless the registry knows the person: their registry roles say more.
    """
    if role is None:
        title = text[t_start:t_end]
        if (
            body is None
            and country_id is None
            and home is not None
            and person_id not in ctx.registry
            and lex.state_titles.fullmatch(title)
        ):
            # "Public Administration Minister Jane Doe": a minister of the home country.
            return ctx.country_by_code.get(home), title, "title-home-country"
        return body or country_id, title, "title-apposition"
    term = role.terms[0]
    if body is not None and actors[body].type == "Agency" and not term.org:
        return body, term.title, "title-apposition"
    if term.org and term.org in ctx.registry:
        return term.org, term.title, "title-apposition"
    if not term.kind:
        return body or country_id, term.title, "title-apposition"
    rule = "title-apposition"
    code = (actors[country_id].country if country_id else None) or actors[person_id].country
    if code is None:
        if person_id in ctx.registry or term.abroad:
            return None, term.title, rule
        code, rule = home, "title-home-country"
        country_id = ctx.country_by_code.get(code) if code else None
    entry = ctx.registry.body(code, term.kind) if code else None
    return (entry.id if entry else country_id), term.title, rule


def _home_country(
    mentions: list[ResolvedMention],
    actors: dict[str, DocumentActor],
    filed_in: str | None = None,
) -> str | None:
    """The country a document is about: the one its wire dateline names, else the one
    whose state and bodies it names most often (first named on a tie)."""
    if filed_in is not None:
        return filed_in
    counts: dict[str, int] = {}
    for mention in mentions:
        actor = actors[mention.actor_id]
        if (
            actor.type in ("Country", "Agency")
            and actor.country
            and mention.kind not in ("dateline", "collective", "anaphor")
        ):
            counts[actor.country] = counts.get(actor.country, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else None


def _add_office(org_id: str, actors: dict[str, DocumentActor], ctx: _Context) -> None:
    if org_id not in actors:
        entry = ctx.registry[org_id]
        actors[org_id] = DocumentActor(
            entry.id, entry.name, entry.type, entry.country, entry.wikidata, registry=True
        )


# An apposition ends at a comma, a semicolon, a bracket, a line end or a full stop
# (not the stop of an initial: "U.S. Attorney").
_APPOSITION_END = re.compile(r"[,;:()\[\]\n\"“”«»]|(?<!\b[A-Z])\.(?=\s|$)")


_ABBREVIATION = re.compile(r"\b(\w+)\.")


def _without_abbreviations(text: str, lex: Lexicon) -> str:
    """``text`` without the full stops of the language's abbreviations ("Maj. Gen.")."""
    known = abbreviations(lex.lang)
    return _ABBREVIATION.sub(lambda m: m.group(1) if m.group(1).lower() in known else m[0], text)


_POSSESSIVE_BEFORE_TITLE = re.compile(r"\w(?:'s|’s|s')\s")


def _opens_apposition(word: str, lex: Lexicon) -> bool:
    """Whether an apposition may open with ``word``: an article, a name or a possessive."""
    return (
        word.lower() in lex.articles
        or word[:1].isupper()
        or word.endswith(("'s", "’s"))
        or re.split(r"['’]", word)[0].lower() + "'" in lex.articles
    )


def _heads_of_government(
    text: str,
    lex: Lexicon,
    mentions: list[ResolvedMention],
    actors: dict[str, DocumentActor],
    home: str | None,
) -> list[RoleClaim]:
    """Rule ``government-of``: "the outgoing government of Carlos Alvarado", "das Kabinett
    von Olaf Scholz": the person heads a government, of the country named just before
    ("Spain's government of ...") or of the home country."""
    claims: list[RoleClaim] = []
    by_code = {a.country: a.id for a in actors.values() if a.type == "Country" and a.country}
    for cue in lex.government_of.finditer(text):
        person = next(
            (
                m
                for m in mentions
                if actors[m.actor_id].type == "Person"
                and m.start >= cue.end()
                and not text[cue.end() : m.start].strip()
            ),
            None,
        )
        if person is None:
            continue
        near = next(
            (
                m
                for m in reversed(mentions)
                if actors[m.actor_id].type == "Country" and 0 <= cue.start() - m.end <= 4
            ),
            None,
        )
        country = near.actor_id if near else by_code.get(home) if home else None
        if country is not None:
            claims.append(
                RoleClaim(person.actor_id, country, "Head of government", cue.start(),
                          person.end, "government-of")
            )  # fmt: skip
    return claims


# A member noun, a genitive perhaps, then the body: "agenti dell'FSB", "agents du FSB".
_MEMBER_NOUN_BEFORE = re.compile(
    r"(\w+)[ \t]+(?:(?:" + "|".join(sorted(_GENITIVES, key=len, reverse=True)) + r")[ \t']*)?$"
)


def _member_lists(
    text: str,
    lex: Lexicon,
    mentions: list[ResolvedMention],
    actors: dict[str, DocumentActor],
) -> list[RoleClaim]:
    """Rule ``member-list``: "three suspects, all GRU officers: A, B and C": each named
    person is one of the body's members."""
    claims: list[RoleClaim] = []
    for index, body in enumerate(mentions):
        if actors[body.actor_id].type not in ("Agency", "Organization"):
            continue
        # "GRU officers: A, B", or where the noun comes first, "agenti dell'FSB: A, B".
        noun = lex.member_nouns.match(text, body.end + 1)
        if noun is None or text[body.end : body.end + 1] not in (" ", "-"):
            before = _MEMBER_NOUN_BEFORE.search(text, max(0, body.start - 30), body.start)
            noun = before if before and lex.member_nouns.fullmatch(before.group(1)) else None
            end = body.end
        else:
            end = noun.end()
        if noun is None:
            continue
        colon = re.match(r"[ \t]*[:,][ \t]*", text[end : end + 4])
        if colon is None:
            continue
        position = end + colon.end()
        for person in mentions[index + 1 :]:
            if actors[person.actor_id].type != "Person" or not re.fullmatch(
                r"[ \t]*(?:,|(?:,[ \t]*)?\w{1,4})?[ \t]*", text[position : person.start]
            ):
                break
            title = noun.group(1) if noun.re is _MEMBER_NOUN_BEFORE else noun.group()
            claims.append(
                RoleClaim(person.actor_id, body.actor_id, title, body.start, person.end,
                          "member-list")
            )  # fmt: skip
            position = person.end
    return claims


# How far from the predecessor word the two people may be named.
_PREDECESSOR_REACH = 40


# How far back a body may be named whose name shares a title's stem, and how much.
_BODY_REACH = 400
_SHARED_STEM = 6


def _titles_of_named_bodies(
    text: str,
    mentions: list[ResolvedMention],
    actors: dict[str, DocumentActor],
    title_spans: list[tuple[int, int, RoleMatch | None]],
    claims: list[RoleClaim],
) -> list[RoleClaim]:
    """Rule ``title-of-named-body``: "the Procura di Roma is investigating ... led by the
    deputy prosecutor (procuratore) X": a title that shares its stem with a body named
    just before is an office of that body, when the text gives the person no other."""
    held = {claim.person_id for claim in claims}
    found: list[RoleClaim] = []
    bodies = [m for m in mentions if actors[m.actor_id].type == "Agency"]
    for t_start, t_end, _ in title_spans:
        # The name follows the title, perhaps after a qualifier ("procuratore aggiunto X").
        person = next(
            (
                m
                for m in mentions
                if 0 <= m.start - t_end <= 30
                and len(text[t_end : m.start].split()) <= 2
                and not re.search(r"[,;:.()]", text[t_end : m.start])
            ),
            None,
        )
        if person is None or actors[person.actor_id].type != "Person" or person.actor_id in held:
            continue
        stem = text[t_start:t_end].split()[0].casefold()[:_SHARED_STEM]
        if len(stem) < _SHARED_STEM:
            continue
        body = next(
            (
                b
                for b in reversed(bodies)
                if t_start - _BODY_REACH <= b.end <= t_start
                and any(w.casefold().startswith(stem) for w in b.text.split())
            ),
            None,
        )
        if body is not None:
            held.add(person.actor_id)
            title = text[t_start:t_end]
            found.append(
                RoleClaim(
                    person.actor_id,
                    body.actor_id,
                    title,
                    t_start,
                    person.end,
                    "title-of-named-body",
                )
            )
    return found


def _predecessors(
    text: str,
    lex: Lexicon,
    mentions: list[ResolvedMention],
    actors: dict[str, DocumentActor],
    claims: list[RoleClaim],
) -> list[RoleClaim]:
    """Rule ``predecessor``: "Noem's predecessor, Alejandro Mayorkas", "il predecessore di
    Noem, X": X held the office the text gives the other person."""
    offices: dict[str, list[RoleClaim]] = {}
    for claim in claims:
        offices.setdefault(claim.person_id, []).append(claim)
    people = [m for m in mentions if actors[m.actor_id].type == "Person"]
    found: list[RoleClaim] = []
    for word in lex.predecessors.finditer(text):
        after = [
            p
            for p in people
            if word.end() <= p.start <= word.end() + _PREDECESSOR_REACH
            and not re.search(r"[.;:]", text[word.end() : p.start])
        ]
        before = [
            p
            for p in people
            if word.start() - _PREDECESSOR_REACH <= p.end <= word.start()
            and not re.search(r"[.;:,]", text[p.end : word.start()])
        ]
        if before and after:
            holder, other = before[-1], after[0]
        elif len(after) >= 2:
            holder, other = after[0], after[1]
        else:
            continue
        for claim in offices.get(holder.actor_id, []):
            found.append(
                RoleClaim(
                    other.actor_id,
                    claim.org_id,
                    claim.title,
                    min(holder.start, word.start()),
                    other.end,
                    "predecessor",
                )
            )
    return found


def _led_by(
    text: str,
    lex: Lexicon,
    mentions: list[ResolvedMention],
    actors: dict[str, DocumentActor],
    title_spans: list[tuple[int, int, RoleMatch | None]],
) -> list[RoleClaim]:
    """Rule ``led-by``: "the Catania prosecutor's office, led by X" names the body's head.

    The person must follow the cue at once, after at most a title ("dirigida por el
    coronel X", "unter Direktor X").
    """
    claims: list[RoleClaim] = []
    title_ends = {start: end for start, end, _ in title_spans}
    for body, person in itertools.pairwise(mentions):
        if actors[body.actor_id].type != "Agency" or actors[person.actor_id].type != "Person":
            continue
        cue = lex.led_by.match(text, body.end)
        if cue is None or cue.end() > person.start:
            continue
        position = title_ends.get(cue.end(), cue.end())
        if text[position : person.start].strip():
            continue
        title = text[cue.end() : position].strip() or text[cue.start() : cue.end()].strip(" ,")
        claims.append(
            RoleClaim(person.actor_id, body.actor_id, title, body.start, person.end, "led-by")
        )
    return claims


def _appositive_roles(
    text: str,
    lex: Lexicon,
    mentions: list[ResolvedMention],
    actors: dict[str, DocumentActor],
    ctx: _Context,
    title_spans: list[tuple[int, int, RoleMatch | None]],
    home: str | None,
) -> list[RoleClaim]:
    """Rule ``appositive-role``: "Jane Roe, director of the Cyber Agency, said" names her office.

    The apposition after a person's name holds a title (or opens with a role
    clause: "who heads", "che dirige", "qui dirige"); its office is the first
    body named in it, else the body the title points to in the country it names
    (or, for a title of the role vocabulary, the home country), else the
    country it names.
    """
    claims: list[RoleClaim] = []
    by_start = sorted(title_spans, key=lambda span: span[0])
    for index, person in enumerate(mentions):
        if actors[person.actor_id].type != "Person":
            continue
        comma = re.match(r"[ \t]*,[ \t]*", text[person.end : person.end + 8])
        if comma is None:
            continue
        start = person.end + comma.end()
        stop = _APPOSITION_END.search(text, start, min(len(text), start + 160))
        end = stop.start() if stop else min(len(text), start + 160)
        clause = lex.role_clauses.match(text, start, end)
        titles = [span for span in by_start if start <= span[0] < end]
        if clause is None and not titles:
            continue
        lead = text[start : titles[0][0]].split() if titles else []
        if (
            titles
            and clause is None
            and (len(lead) > 3 or (lead and not _opens_apposition(lead[0], lex)))
        ):
            # "X, long after the director ...": a clause, not an apposition of X.
            continue
        inside = [m for m in mentions[index + 1 :] if start <= m.start and m.end <= end]
        served = next((m for m in inside if actors[m.actor_id].type == "Person"), None)
        if served is not None and titles and _serves(text, titles[0][1], served, lex, ctx):
            # "X, adviser to President Y": X works for Y's state.
            country = ctx.registry.get(served.actor_id)
            state = (
                ctx.country_by_code.get(country.country) if country and country.country else None
            )
            if state is not None:
                _add_office(state, actors, ctx)
                title = text[titles[0][0] : titles[0][1]]
                claims.append(
                    RoleClaim(person.actor_id, state, title, person.start, end, "appositive-role")
                )
            continue
        if served is not None:
            # "X, the minister of Y Z": the title is Z's.
            continue
        body = next(
            (m.actor_id for m in inside if actors[m.actor_id].type not in ("Country", "Person")),
            None,
        )
        country_id = next(
            (m.actor_id for m in inside if actors[m.actor_id].type == "Country"), None
        )
        if titles:
            t_start, t_end, role = titles[0]
            # "X, the fund's executive president": an owner named by a possessive the
            # mentions do not resolve is no reason to guess the home country.
            owned = _POSSESSIVE_BEFORE_TITLE.search(text, start, t_start) is not None
            org_id, title, rule = _office(
                role,
                body,
                country_id,
                person.actor_id,
                t_start,
                t_end,
                text,
                actors,
                ctx,
                None if owned and body is None and country_id is None else home,
                lex,
            )
        else:
            org_id, title = body or country_id, text[clause.start() : clause.end()]  # type: ignore[union-attr]
            rule = "appositive-role"
        if rule == "title-apposition":
            rule = "appositive-role"
        if org_id is None:
            continue
        _add_office(org_id, actors, ctx)
        claims.append(RoleClaim(person.actor_id, org_id, title.strip(), person.start, end, rule))
    return claims
