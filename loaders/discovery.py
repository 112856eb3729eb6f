"""Actors nobody listed: people behind titles, organisation-shaped names, acronyms.

Discovery reads the spans the gazetteer left free and proposes
:class:`Candidate` actors by pattern, per language:

* a title followed by a capitalised name ("Interior Minister Jane Doe",
  "il ministro Rossi", "le ministre Dupont", "der Innenminister Müller"), also
  with a qualifier between ("il commissario Ue per il Mercato interno, Thierry
  Breton"; "segretario stampa del Cremlino Dmitry Peskov");
* organisation shapes: a head word then a name ("Ministry of the Interior of
  Ruritania", "Agenzia per la cybersicurezza nazionale", "Bundesamt für ...",
  "Directorate-General ..."), or capitalised words ending in a head word
  ("National Cyber Security Centre");
* a given name and the capitalised words after it ("Hamid Firoozi"), unless
  they run on into a body's or a place's name ("Simon Wiesenthal Center");
* a body after a country's possessive keeps the country ("Costa Rica's Finance
  Ministry"); a name goes on past commas up to its acronym;
* acronym definitions, "Long Name (ACR)" and "ACR (Long Name)";
* organisations in apposition to an organisation noun ("Nobitex, Iran's
  biggest exchange"), listed after one ("groups, among them X and Y") or
  naming themselves ("which calls itself X, or Y");
* the named target of an attack ("the attack on Kaseya") and named hacker groups.

Bylines, photo credits, outlets, operations and frameworks are not proposed:
names need a title, a given name or an organisation word, and spans after
outlet or credit cues are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from actorgraph.graph.ontology import ActorType
from actorgraph.loaders.given_names import given_names
from actorgraph.loaders.lexicon import (
    Lexicon,
    calendar_words,
    every_language,
    lexicon_for,
    name_words,
    not_name_words,
)

__all__ = ["BODY", "COUNTRY", "Candidate", "discover", "slugify"]

# Latin letters with diacritics, Romanian comma-below letters (Ș, Ț) included.
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽȘ-ț"
_LOWER = "a-zß-öø-ÿā-žș-ț"
# Particles inside personal names ("von der", "bin"), from lexicon/names.yaml.
_PARTICLES = "(?:" + "|".join(name_words().particles) + ")"
_NAME_WORD = rf"[{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}]?[{_LOWER}]+)*"
# One to four capitalised words, possibly with particles ("Ursula von der Leyen").
_NAME = (
    rf"(?:{_PARTICLES}\s+)*{_NAME_WORD}"
    rf"(?:\s+(?:{_PARTICLES}\s+|[{_UPPER}]\.\s+)*{_NAME_WORD}){{0,3}}"
)
_NAME_RE = re.compile(_NAME)
_ACRONYM = re.compile(rf"\(([{_UPPER}][A-Za-z0-9&\-]{{1,11}})\)")
_BARE_ACRONYM_BEFORE = re.compile(rf"\b([{_UPPER}][{_UPPER}0-9&\-]{{1,10}})\s*\(([^()]{{6,120}})\)")


@cache
def _short_qualifier(lex: Lexicon) -> re.Pattern[str]:
    """A one-word qualifier after a title: "segretario stampa del Cremlino Dmitry Peskov"."""
    english = lexicon_for("en").data
    genitives = "|".join(dict.fromkeys([*lex.data.genitives, *english.genitives]))
    articles = "|".join(dict.fromkeys([*lex.data.articles, *english.articles]))
    return re.compile(rf"(?:{genitives})(?:\s+(?:{articles}))?\s*[{_UPPER}]\w+\s+")


@cache
def _joined_name() -> re.Pattern[str]:
    """A second name joined to the first: "Vladimir Putin e Joe Biden"."""
    conjunctions = "|".join(re.escape(w) for w in every_language("list_conjunctions"))
    return re.compile(rf"\s*(?:,\s*)?(?:{conjunctions})\s+")


_CLAUSE_STOP = re.compile(r"[.;:!?\n()\[\]\"“”«»]")


def slugify(name: str) -> str:
    """A stable actor id from a canonical name: lower-case ASCII words joined by ``-``.

    Examples
    --------
    >>> slugify("Ministry of the Interior of Ruritania")
    'ministry-of-the-interior-of-ruritania'
    """
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:200] or "actor"


@dataclass(slots=True)
class Candidate:
    """A proposed actor found by a pattern; ``text == document[start:end]``."""

    start: int
    end: int
    text: str
    name: str
    type: ActorType
    rule: str
    acronym: str | None = None
    title: str | None = None
    title_start: int | None = None
    title_end: int | None = None
    qualifier: tuple[int, int] | None = None
    aliases: list[str] = field(default_factory=list)


# Values of the ``occupied`` bytes: what the gazetteer found at each character.
BODY = 1
COUNTRY = 2


def _free(occupied: bytearray, start: int, end: int) -> bool:
    return not any(occupied[start:end])


def _crosses(occupied: bytearray, start: int, end: int, may_open: bool = False) -> bool:
    """Whether an occupied run crosses either edge of ``[start, end)`` or, unless
    ``may_open`` ("Manohar Parrikar Institute"), starts the span."""
    opens = occupied[start] and not may_open
    before = start > 0 and occupied[start - 1] and occupied[start]
    after = end < len(occupied) and occupied[end - 1] and occupied[end]
    return bool(opens or before or after)


_LINE = re.compile(r"[^\n]+")


def _shouted_lines(text: str) -> Iterator[re.Match[str]]:
    """Lines of three words or more written all in capitals (wire headlines)."""
    for line in _LINE.finditer(text):
        words = line.group().split()
        if len(words) >= 3 and not any(ch.islower() for ch in line.group()):
            yield line


def _title_before_name(
    text: str, lex: Lexicon, candidate: Candidate, person_starts: set[int]
) -> bool:
    """Whether a body-shaped name is an office before its holder's name
    ("Additional Director General of Police Yashasvi Yadav")."""
    after = candidate.end
    while after < len(text) and text[after] in " \t":
        after += 1
    return (
        after in person_starts
        and next(lex.person_titles.finditer(candidate.name), None) is not None
    )


def _clean_name(words: list[str]) -> list[str]:
    stop, connectors = not_name_words(), every_language("name_connectors")
    while words and (words[-1] in stop or words[-1].lower() in connectors):
        words.pop()
    return words


def _person_after(text: str, pos: int, need_full: bool) -> re.Match[str] | None:
    match = _NAME_RE.match(text, pos)
    if not match:
        return None
    words = match.group().split()
    # A short inner word may be a syllable of a name ("Kim In Ryong", "Kim Il Sung").
    if any(
        w in not_name_words() and (i in (0, len(words) - 1) or len(w) > 2)
        for i, w in enumerate(words)
    ):
        return None
    capitalised = [w for w in words if w[:1].isupper()]
    if need_full and len(capitalised) < 2:
        return None
    # A lone word after a title must look like a surname, not "Ue" or "Usa".
    if len(words) == 1 and (len(words[0].rstrip("'’s")) < 4 or words[0].isupper()):
        return None
    return match


# Two to four capitalised words (name particles between) right before a comma.
_NAME_BEFORE_COMMA = re.compile(
    rf"(?<![\w'’])([{_UPPER}][\w'’\-]+(?:[ \t]+(?:{_PARTICLES}[ \t]+)?[{_UPPER}][\w'’\-]+){{1,3}})"
    rf"[ \t]*,[ \t]*$"
)


def _apposed_persons(
    text: str, lex: Lexicon, occupied: bytearray, titles: list[tuple[int, int]]
) -> list[Candidate]:
    """Rule ``apposed-person``: "Babagana Monguno, who serves as Nigeria's National Security
    Adviser", "X, the director of ...": a name whose apposition opens with a role clause
    or a title is a person's, whatever the given name."""
    found: list[Candidate] = []
    openers = [start for start, _ in titles]
    openers += [m.start() for m in lex.role_clauses.finditer(text)]
    heads = _body_and_company_words(lex.lang)[0]
    for opener in sorted(set(openers)):
        window = text[max(0, opener - 80) : opener]
        # An article or a possessive may open the apposition: "X, the UK's deputy ...".
        window = re.sub(r"(?:\b\w{1,4}\s+)?(?:[\w.]+(?:'s|’s)\s+)?$", "", window)
        match = _NAME_BEFORE_COMMA.search(window)
        if match is None:
            continue
        base = opener - len(window) + match.start(1)
        tokens = list(re.finditer(r"\S+", match.group(1)))
        # "Prime Minister Jane Roe, ...": a title before the name is no part of it.
        while tokens and (
            tokens[0].group() in not_name_words() or lex.person_titles.fullmatch(tokens[0].group())
        ):
            tokens.pop(0)
        if not tokens:
            continue
        words = [t.group() for t in tokens]
        start, end = base + tokens[0].start(), base + tokens[-1].end()
        name = " ".join(words)
        if (
            len(words) < 2
            or text[start:end] != name
            or not _free(occupied, start, end)
            or any(w in not_name_words() or w.casefold() in heads for w in words)
            or any(lex.person_titles.fullmatch(w) for w in words)
        ):
            continue
        found.append(Candidate(start, end, name, name, "Person", "apposed-person"))
    return found


def _persons(
    text: str, lex: Lexicon, occupied: bytearray, titles: list[tuple[int, int]]
) -> list[Candidate]:
    """Title + name, optionally with a short qualifier between them."""
    found: list[Candidate] = []
    spans = sorted(set(titles))
    title_ends = {start: end for start, end in spans}
    for t_start, t_end in spans:
        if t_start and lex.not_person_cues.fullmatch(
            text[max(0, t_start - 12) : t_start].split()[-1]
            if text[max(0, t_start - 12) : t_start].split()
            else ""
        ):
            continue
        # "M. Sidiki Kaba", "Dr. Jane Roe": an abbreviated title keeps its full stop.
        abbreviated = t_end - t_start <= 4 and text[t_end : t_end + 2] == ". "
        pos = t_end + 1 if abbreviated else t_end
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        # A nationality between title and name: "son homologue marocain Abdelouafi Laftit";
        # a rank after an office: "MIVD director Vice Admiral Peter Reesink".
        while pos < len(text) and (occupied[pos] == COUNTRY or pos in title_ends):
            pos = title_ends.get(pos, pos)
            while pos < len(text) and occupied[pos] == COUNTRY:
                pos += 1
            while pos < len(text) and text[pos] in " \t":
                pos += 1
        direct = None
        qualifier: tuple[int, int] | None = None
        window = text[pos : pos + 90]
        stop = _CLAUSE_STOP.search(window)
        window = window[: stop.start()] if stop else window
        # "segretario stampa del Cremlino Dmitry Peskov": a one-word qualifier, then a full name.
        short = _short_qualifier(lex).match(window)
        if short:
            direct = _person_after(text, pos + short.end(), need_full=True)
            qualifier = (pos, pos + short.end() - 1)
        if direct is None:
            direct = _person_after(text, pos, need_full=False)
            qualifier = None
            if direct is not None and not _free(occupied, direct.start(), direct.end()):
                direct = None
        comma = window.find(",")
        if direct is None and 0 <= comma <= 60 and len(window[:comma].split()) <= 8:
            # "il commissario Ue per il Mercato interno, Thierry Breton"
            after = pos + comma + 1
            while after < len(text) and text[after] == " ":
                after += 1
            # "its director general, Commander Gbota Gwaliba": a rank before the name.
            while after in title_ends:
                after = title_ends[after]
                while after < len(text) and text[after] == " ":
                    after += 1
            direct = _person_after(text, after, need_full=True)
            qualifier = (pos, pos + comma)
        if direct is None or not _free(occupied, direct.start(), direct.end()):
            continue
        words = _clean_name(direct.group().split())
        if words:
            words[-1] = re.sub(r"(?:'s|’s|'|’)$", "", words[-1])
        if not words or all(w.casefold() in lex.generic_words for w in words if w[:1].isupper()):
            # "General de Seguridad Interior": words of a body's name are no person's.
            continue
        name = " ".join(words)
        end = direct.start() + len(name)
        found.append(
            Candidate(
                direct.start(),
                end,
                text[direct.start() : end],
                name,
                "Person",
                "title+name",
                title=text[t_start:t_end],
                title_start=t_start,
                title_end=t_end,
                qualifier=qualifier,
            )
        )
        # "i capi di Stato Vladimir Putin e Joe Biden": a second full name joined to the first.
        joined = _joined_name().match(text, end)
        # A title there opens a name of its own: "X und Oberstaatsanwalt Y".
        second = _person_after(text, joined.end(), need_full=True) if joined else None
        if (
            second is not None
            and second.start() not in title_ends
            and _free(occupied, second.start(), second.end())
        ):
            other = " ".join(_clean_name(second.group().split()))
            if other:
                o_end = second.start() + len(other)
                found.append(
                    Candidate(
                        second.start(),
                        o_end,
                        text[second.start() : o_end],
                        other,
                        "Person",
                        "title+name",
                        title=text[t_start:t_end],
                    )
                )
    return found


_WORD = re.compile(r"[\w'’\-]+|,|&")
# One word of a personal name after the given name: a capitalised word, an initial
# ("Loretta E. Lynch") or a particle ("Ursula von der Leyen").
_CAPITALISED_PARTICLES = "(?:" + "|".join(name_words().capitalised_particles) + ")"
_NAME_TOKEN = re.compile(
    rf"[ \t]+(?:(?P<initial>[{_UPPER}]\.)"
    rf"|(?P<particle>{_PARTICLES}|{_CAPITALISED_PARTICLES}(?=[ \t]+[{_UPPER}]))"
    rf"|(?P<word>{_NAME_WORD}))"
)
_CAPITALISED = re.compile(_NAME_WORD)
# The capitalised word right before a name, on the same line ("New" of "New York").
_PREVIOUS_WORD = re.compile(rf"({_NAME_WORD})[ \t]+$")
# What comes before the first word of a sentence or a title line.
_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:;\n\"“«(]\s*|^\s*)$")


def _given_name_persons(text: str, lex: Lexicon, occupied: bytearray) -> list[Candidate]:
    """A given name and the capitalised words after it: "Hamid Firoozi", "Oana Țoiu".

    The name ends at the first word that is not part of a name (a title, an
    organisation head word, a common capitalised word) and must end on a
    capitalised word; a run that goes on into an organisation head word ("Simon
    Wiesenthal Center") is an organisation's name, not a person's.
    """
    names = given_names()
    english = lexicon_for("en")
    heads = {*lex.org_heads_final, *lex.org_heads_initial, *lex.name_breakers}
    heads |= english.name_breakers
    found: list[Candidate] = []
    pos = 0
    for first in _CAPITALISED.finditer(text):
        if first.start() < pos or first.group() not in names or first.group() in heads:
            # "Villa Orsini": a given name that is also a place's head word opens a place.
            continue
        if not _free(occupied, first.start(), first.end()):
            continue
        if first.start() and (
            text[first.start() - 1].isalnum() or text[first.start() - 1] in "-'’"
        ):
            # "JPMorgan": a given name inside a longer word is none.
            continue
        previous = _PREVIOUS_WORD.search(text, max(0, first.start() - 40), first.start())
        if (
            previous is not None
            and not lex.capitalised_nouns
            and _free(occupied, previous.start(1), previous.end(1))
            and previous.group(1) not in not_name_words()
            and not lex.person_titles.fullmatch(previous.group(1))
            and not _SENTENCE_OPENING.search(text, max(0, previous.start(1) - 3), previous.start(1))
        ):
            # "New York", "Royal Victoria": the given name is inside a longer proper noun.
            continue
        if lex.operation_before.search(text, max(0, first.start() - 30), first.start()):
            # "Operation Red Card", "operazione Taken Down": an operation's name.
            continue
        cue = lex.naming_cues.search(text, max(0, first.start() - 30), first.start())
        if cue is not None and first.start() - cue.end() <= 2:
            # "which calls itself Kara Serce": a group's chosen name, not a person's.
            continue
        line = text[text.rfind("\n", 0, first.start()) + 1 : first.start()].strip(" \t:|-—")
        if line and lex.not_person_cues.fullmatch(line):
            # A byline or a credit line ("By Jane Roe", "Photo: Jane Roe").
            continue
        end, last_word_end, stop_word = first.end(), first.end(), False
        for _ in range(4):
            token = _NAME_TOKEN.match(text, end)
            if token is None or not _free(occupied, token.start(), token.end()):
                break
            word = token.group("word")
            if word is not None:
                bare = re.sub(r"(?:'s|’s)$", "", word)
                if bare in heads:
                    stop_word = True
                    break
                if bare in not_name_words() or lex.person_titles.fullmatch(bare):
                    break
                end = last_word_end = token.start() + token.group().index(word) + len(bare)
                if bare != word:
                    break
            else:
                end = token.end()
        if stop_word or last_word_end == first.end():
            continue
        name = text[first.start() : last_word_end]
        pos = last_word_end
        found.append(Candidate(first.start(), last_word_end, name, name, "Person", "given-name"))
    return found


def _org_initial(text: str, lex: Lexicon, english: Lexicon, occupied: bytearray) -> list[Candidate]:
    """Head word then name: "Ministry of the Interior of Ruritania", "Agenzia per la ..."."""
    # English organisation names are common in articles in every language.
    all_heads = {*lex.org_heads_initial, *english.org_heads_initial}
    head_pattern = _initial_heads(lex, english)
    lower_words_ok = lex.lower_case_name_words
    connectors = every_language("name_connectors")
    conjunctions = every_language("list_conjunctions")
    articles = every_language("articles") | every_language("indefinite_articles")
    name_stops = frozenset(lex.data.name_stops)
    agents = frozenset(lex.data.agent_prepositions)
    calendar = calendar_words()
    found = []
    for head in head_pattern.finditer(text):
        if not _free(occupied, head.start(), head.end()):
            continue
        tokens = list(_WORD.finditer(text, head.end(), min(len(text), head.end() + 120)))
        words: list[tuple[int, int]] = []
        pos = head.end()
        capitalised_seen = False
        # Set once the name took "of <Country>": a lower-case word after the country
        # starts the sentence's own words ("... de Marruecos contra las redes").
        owner_country = False
        country_words = 0
        lower_run = 0
        for index, token in enumerate(tokens):
            gap = text[pos : token.start()]
            if gap.strip() or "\n" in gap:
                break
            if occupied[token.start()] == BODY:
                # Another known body ends this name: "General Directorate ... of Qatar's MOI".
                break
            word = token.group()
            if occupied[token.start()] == COUNTRY:
                previous = text[words[-1][0] : words[-1][1]].lower() if words else ""
                owner_country = owner_country or previous in connectors
                country_words = len(words) + 1
            elif owner_country and not word[:1].isupper():
                # Capitalised words between the country and here were not the name either.
                del words[country_words:]
                break
            low = word.lower()
            nxt = tokens[index + 1].group() if index + 1 < len(tokens) else ""
            if word == ",":
                # A comma continues a name only in an enumeration that a conjunction closes
                # ("Difesa, industria e spazio"), not before a verb ("Procura, ipotizza").
                closing = [t.group().lower() for t in tokens[index + 2 : index + 5]]
                if (
                    not lower_words_ok
                    or not nxt[:1].islower()
                    or nxt.lower() in connectors
                    or not any(t in conjunctions for t in closing)
                ):
                    break
            elif low in conjunctions:
                if (
                    nxt.lower() in articles
                    or nxt.lower() in connectors
                    or nxt.lower() in agents
                    or nxt in all_heads
                ):
                    break
                if index + 1 < len(tokens) and occupied[tokens[index + 1].start()] == COUNTRY:
                    # "... Directorate and Panama's ...": a country after "and" opens a new name.
                    break
                if nxt[:1].islower() and not lower_words_ok:
                    break
            elif low in name_stops or low in agents or low in calendar or word[:1].isdigit():
                # "... dal settembre 2013", "... sarebbe stato": the name has ended.
                break
            elif low in connectors or low.endswith("'") or low.endswith("’"):
                pass
            elif word[:1].isupper():
                capitalised_seen = True
            elif not lower_words_ok or len(words) > 8:
                break
            elif words and text[words[-1][0]].isupper() and low not in connectors:
                # After a capitalised word a lower-case one is a verb ("... Ruritania firmó").
                break
            elif not words and nxt[:1].isupper() and nxt.lower() not in connectors:
                # "Polizia rimuove Roberto ...": a verb between the head and another name.
                break
            elif lower_run >= 2:
                # Names hold at most two lower-case words in a row ("pubblica sicurezza"):
                # "Polizia postale arrivano conferme" goes on into the sentence.
                del words[-1:]
                break
            lower_run = lower_run + 1 if word[:1].islower() and low not in connectors else 0
            words.append((token.start(), token.end()))
            pos = token.end()
        while words and (
            text[words[-1][0] : words[-1][1]].lower() in connectors | conjunctions
            or text[words[-1][0] : words[-1][1]] == ","
        ):
            words.pop()
        if not words or (not lower_words_ok and not capitalised_seen):
            continue
        end = words[-1][1]
        if text[end - 2 : end] in ("'s", "’s"):
            # "Election Commission of India's": the possessive is no part of the name.
            end -= 2
        start = _extend_left(text, head.start(), occupied)
        name = text[start:end]
        found.append(Candidate(start, end, name, name, "Agency", "org-head-initial"))
    return found


_CAPITALISED_BEFORE = re.compile(rf"(?:[{_UPPER}][\w\-]*[ ]){{1,4}}$")


@cache
def _initial_heads(lex: Lexicon, english: Lexicon) -> re.Pattern[str]:
    """Head words that open a name, in the lexicon's language and in English, compiled once."""
    heads = {*lex.org_heads_initial, *english.org_heads_initial}
    alternation = "|".join(sorted((re.escape(h) for h in heads), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w])")


@cache
def _final_heads(lex: Lexicon) -> re.Pattern[str]:
    """Capitalised words ending in one of the lexicon's final head words, compiled once."""
    heads = "|".join(sorted((re.escape(h) for h in lex.org_heads_final), key=len, reverse=True))
    if lex.compound_heads:
        # "Bundesamt", "Landeskriminalamt": the head word ends a compound.
        return re.compile(rf"(?<![\w-])((?:[{_UPPER}][\w\-]*\s+)?[{_UPPER}]\w*(?:{heads}))(?![\w])")
    inner = "|".join(re.escape(w) for w in lexicon_for("en").data.name_connectors)
    return re.compile(
        rf"(?<![\w-])((?:[{_UPPER}][\w\-]*\s+(?:(?:{inner})\s+)?){{1,6}}(?:{heads}))(?![\w])"
    )


_POSSESSIVE_BEFORE = re.compile(r"(?:'s|’s|')[ \t]+$")


def _own_country_prefix(text: str, candidate: Candidate, occupied: bytearray) -> None:
    """Rule ``country-possessive``: "Costa Rica's Finance Ministry" is one name, the country's.

    A body named after a country's possessive keeps the country in its name, so
    two countries' finance ministries never merge into one "Finance Ministry".
    """
    possessive = _POSSESSIVE_BEFORE.search(text, max(0, candidate.start - 4), candidate.start)
    if possessive is None or occupied[possessive.start() - 1] != COUNTRY:
        return
    start = possessive.start()
    while start > 0 and occupied[start - 1] == COUNTRY:
        start -= 1
    candidate.start = start
    candidate.text = candidate.name = text[start : candidate.end]


@cache
def _enumeration() -> re.Pattern[str]:
    """Capitalised words listed after a name, up to an acronym in brackets."""
    conjunctions = "|".join(map(re.escape, every_language("list_conjunctions")))
    # Capitalised words, each after at most three short function words ("des Mines", "de l'Eau").
    word = rf"(?:[{_LOWER}]{{1,4}}(?:['’]|\s+)){{0,3}}[{_UPPER}][\w\-]*"
    words = rf"{word}(?:\s+{word})*"
    return re.compile(rf"((?:,\s*{words})+,?\s+(?:{conjunctions})\s+{words})\s*\([{_UPPER}]")


def _enumeration_before_acronym(text: str, candidate: Candidate, occupied: bytearray) -> None:
    """Rule ``name-enumeration``: a name goes on past commas up to its acronym.

    "Ministry of Science, Innovation, Technology and Telecommunications (MICITT)"
    is one name: an enumeration of capitalised words closed by an acronym in
    brackets belongs to the name before it.
    """
    match = _enumeration().match(text, candidate.end)
    if match is None or not _free(occupied, match.start(1), match.end(1)):
        return
    candidate.end = match.end(1)
    candidate.text = candidate.name = text[candidate.start : candidate.end]


def _extend_left(text: str, start: int, occupied: bytearray) -> int:
    """Capitalised words right before a head belong to the name ("National Cyber Directorate")."""
    before = _CAPITALISED_BEFORE.search(text, max(0, start - 60), start)
    if before is None:
        return start
    words = before.group().split()
    pos = before.start()
    # Sentence-initial articles and other function words are not part of a name.
    stop = not_name_words()
    connectors = every_language("name_connectors") | every_language("agent_prepositions")
    while words and (words[0] in stop or words[0].lower() in connectors):
        pos = text.index(words[0], pos) + len(words[0]) + 1
        words.pop(0)
    if not words or any(occupied[pos:start]):
        return start
    return pos


def _org_final(text: str, lex: Lexicon, occupied: bytearray) -> list[Candidate]:
    """Capitalised words ending in a head word: "National Cyber Security Centre"."""
    if not lex.org_heads_final:
        return []
    pattern = _final_heads(lex)
    found = []
    for match in pattern.finditer(text):
        start, end = match.span(1)
        words = match.group(1).split()
        while words and (
            words[0] in not_name_words() or words[0].lower() in every_language("name_connectors")
        ):
            start = text.index(words[0], start) + len(words[0])
            words.pop(0)
        while start < end and text[start] == " ":
            start += 1
        if (len(words) < 2 and not lex.compound_heads) or not _free(occupied, start, end):
            continue
        name = text[start:end]
        found.append(Candidate(start, end, name, name, "Agency", "org-head-final"))
    return found


# Capitalised words, with lower-case connectors between them, right before "(ACR)".
_NAME_BEFORE_ACRONYM = re.compile(
    rf"((?:[{_UPPER}][\w'’&.\-]*[ \t]+(?:(?:[a-zà-ÿ]{{1,4}}|[a-zà-ÿ]+['’])[ \t]*){{0,2}}){{1,10}})"
    rf"\(([{_UPPER}][A-Za-z0-9&\-]{{1,11}})\)"
)


@cache
def _body_and_company_words(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """A language's and English's body head words, and the words that say "company"."""
    sources = (lexicon_for(lang), lexicon_for("en"))
    heads = frozenset(
        h.casefold()
        for source in sources
        for h in (*source.org_heads_initial, *source.org_heads_final)
    )
    # A company or a group says so: "Limited", "Bank", "Holdings".
    companies = frozenset(w.casefold() for source in sources for w in source.name_breakers)
    return heads, companies


def _spelled_by_acronym(text: str, lex: Lexicon, skip: bytearray) -> list[Candidate]:
    """Rule ``acronym-name``: "Military Engineer Services (MES)": capitalised words whose
    initials the acronym in brackets spells are one name (a company unless a body's
    head word is among them)."""
    heads, companies = _body_and_company_words(lex.lang)
    found: list[Candidate] = []
    for match in _NAME_BEFORE_ACRONYM.finditer(text):
        if not re.fullmatch(r"[A-Z0-9&\-]+", match.group(2)):
            # "Internet of Things (IoT)", "(DDoS)": a thing, not a body or a company.
            continue
        words = list(re.finditer(r"[\w'’&.\-]+", match.group(1)))
        capitals = [w for w in words if w.group()[:1].isupper()]
        letters = [ch.casefold() for ch in match.group(2) if ch.isupper()]
        # The name starts at the word the acronym's first letter opens.
        while capitals and (not letters or capitals[0].group()[:1].casefold() != letters[0]):
            capitals.pop(0)
        if len(capitals) < 2 or not _is_subsequence(
            "".join(letters), "".join(w.group()[:1].casefold() for w in capitals)
        ):
            continue
        start = match.start(1) + capitals[0].start()
        end = match.start(1) + words[-1].end()
        if _crosses(skip, start, end, may_open=True) or all(skip[start:end]):
            # A registry name may sit inside ("Manohar Parrikar Institute"), not across.
            continue
        name = text[start:end]
        words_cf = [w.casefold() for w in name.split()]
        if any(w in heads for w in words_cf):
            kind = "Agency"
        elif any(w in companies for w in words_cf):
            kind = "Organization"
        else:
            continue
        found.append(Candidate(start, end, name, name, kind, "acronym-name"))  # type: ignore[arg-type]
    return found


def _acronyms(
    text: str, candidates: list[Candidate], occupied_by: dict[int, int]
) -> list[tuple[int, int, str, int]]:
    """Acronym definitions: (acronym start, end, acronym, start of the named span)."""
    found = []
    ends = {c.end: c.start for c in candidates} | occupied_by
    for match in _ACRONYM.finditer(text):
        acronym = match.group(1)
        if sum(ch.isupper() for ch in acronym) < 1 or acronym.isdigit():
            continue
        before = match.start()
        while before > 0 and text[before - 1] == " ":
            before -= 1
        if before in ends:
            found.append((match.start(1), match.end(1), acronym, ends[before]))
    return found


def _is_subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(ch in letters for ch in short)


_TARGET_NAME = re.compile(rf"[{_UPPER}][\w\-]+(?:\s+[{_UPPER}][\w\-]+){{0,2}}")
_OUTLET_NAME = re.compile(rf"\s*(?:The\s+)?(?:[{_UPPER}0-9][\w.\-]*[ \t]*){{1,5}}")


def _attack_targets(text: str, lex: Lexicon, occupied: bytearray) -> list[Candidate]:
    found = []
    for pattern, rule, kind in (
        (lex.attack_targets, "attack-target", "Organization"),
        (lex.hacker_groups, "hacker-group", "Organization"),
    ):
        for cue in pattern.finditer(text):
            pos = cue.end()
            while pos < len(text) and text[pos] == " ":
                pos += 1
            match = _TARGET_NAME.match(text, pos)
            if not match or not _free(occupied, pos, match.end()):
                continue
            words = _clean_name(match.group().split())
            if not words:
                continue
            name = " ".join(words)
            found.append(Candidate(pos, pos + len(name), name, name, kind, rule))  # type: ignore[arg-type]
    return found


# A company's or a group's name: capitalised words, acronyms and names like "JPMorgan".
_ORG_WORD = rf"[{_UPPER}](?:[\w&\-]|\.(?=\w))*"
_ORG_NAME = re.compile(rf"{_ORG_WORD}(?:[ \t]+{_ORG_WORD}){{0,3}}")


@dataclass(frozen=True)
class _OrganisationPatterns:
    short_apposition: re.Pattern[str]
    name_before: re.Pattern[str]
    list_opener: re.Pattern[str]
    joiner: re.Pattern[str]
    quote: re.Pattern[str]
    other_name: re.Pattern[str]


@cache
def _organisation_patterns(lex: Lexicon) -> _OrganisationPatterns:
    """The patterns of :func:`_organisations` for one lexicon, compiled once."""
    conjunctions = "|".join(map(re.escape, lex.data.list_conjunctions))
    return _OrganisationPatterns(
        # ", Iran's biggest cryptocurrency ": at most five words, no clause break.
        short_apposition=re.compile(r",[ \t]+(?:[^\s,.;:()]+[ \t]+){0,5}"),
        name_before=re.compile(rf"({_ORG_NAME.pattern})$"),
        list_opener=re.compile(
            rf"[ \t]*,?[ \t]*(?:{lex.list_opener.pattern})[ \t]+", re.IGNORECASE
        ),
        # ", ", ", and " or " and " between the names of a list.
        joiner=re.compile(
            rf"[ \t]*,[ \t]*(?:(?:{conjunctions})[ \t]+)?|[ \t]+(?:{conjunctions})[ \t]+"
        ),
        quote=re.compile(r"[ \t]*[\"“«'‘]"),
        other_name=re.compile(rf",?[ \t]+(?:{lex.or_word})[ \t]+({_ORG_NAME.pattern})"),
    )


def _organisations(text: str, lex: Lexicon, occupied: bytearray) -> list[Candidate]:
    """Rule ``organisation``: names in apposition to an organisation noun, and named groups.

    "Nobitex, Iran's biggest cryptocurrency exchange", "the state-owned telecoms
    provider RACSA", "the group, which calls itself Predatory Sparrow": the name
    is an organisation's.
    """
    found: list[Candidate] = []
    stop = not_name_words()

    def add(start: int, name: str, rule: str) -> None:
        words = _clean_name(name.rstrip(".").split())
        if not words or any(w in stop for w in words[:1]):
            return
        name = " ".join(words)
        end = start + len(name)
        # A name the text gives may hold a country ("calling itself Pakistan Cyber Force").
        given = rule != "organisation" and not all(occupied[start:end])
        fits = (
            not _crosses(occupied, start, end, may_open=True)
            if given
            else _free(occupied, start, end)
        )
        if text[start:end] == name and fits:
            found.append(Candidate(start, end, name, name, "Organization", rule))

    patterns = _organisation_patterns(lex)
    for noun in lex.organisation_nouns.finditer(text):
        # "the exchange Nobitex", "l'assicuratore Medibank": the name right after the noun;
        # a capitalised noun opens the name ("Bank Sepah").
        spaced = text[noun.end() : noun.end() + 1] == " "
        after = _ORG_NAME.match(text, noun.end() + 1) if spaced else None
        if after is not None:
            start = noun.start() if noun.group()[:1].isupper() else after.start()
            add(start, text[start : after.end()], "organisation")
        # "Nobitex, Iran's biggest exchange": the name before an apposition whose head it is.
        comma = text.rfind(",", max(0, noun.start() - 80), noun.start())
        if comma > 0 and patterns.short_apposition.fullmatch(text, comma, noun.start()):
            before = patterns.name_before.search(text, max(0, comma - 60), comma)
            if before is not None:
                add(before.start(1), before.group(1), "organisation")
        # "seven groups, among them APT36, Pakistan Cyber Force and IndoHaxSec".
        opener = patterns.list_opener.match(text, noun.end())
        pos = opener.end() if opener else -1
        while opener is not None and (name := _ORG_NAME.match(text, pos)) is not None:
            add(name.start(), name.group(), "organisation-list")
            joiner = patterns.joiner.match(text, name.end())
            if joiner is None:
                break
            pos = joiner.end()
    for cue in lex.naming_cues.finditer(text):
        quoted = patterns.quote.match(text, cue.end())
        first = _ORG_NAME.match(text, quoted.end() if quoted else cue.end() + 1)
        if first is None:
            continue
        add(first.start(), first.group(), "named-group")
        # "calls itself Gonjeshke Darande, or Predatory Sparrow": one group, two names.
        other = patterns.other_name.match(text, first.end())
        if other is not None and found and found[-1].start == first.start():
            found[-1].aliases.append(other.group(1).rstrip("."))
    return found


def discover(
    text: str,
    lex: Lexicon,
    occupied: bytearray,
    title_spans: list[tuple[int, int]] | None,
    known_spans: dict[int, int],
) -> tuple[list[Candidate], list[tuple[int, int, str, int]], list[tuple[int, int]]]:
    """Propose actors in the parts of ``text`` the gazetteer left free.

    Parameters
    ----------
    text : str
        Normalised document text.
    lex : Lexicon
        The document language's lexicon.
    occupied : bytearray
        One byte per character: ``BODY`` or ``COUNTRY`` where the gazetteer
        matched a registry actor, zero elsewhere.
    title_spans : list of (int, int) or None
        Spans of titles: the registry's role vocabulary ("Interior Minister")
        and the lexicon's person titles; ``None`` finds the lexicon's titles.
    known_spans : dict of int to int
        End offset -> start offset of registry mentions, for acronym definitions.

    Returns
    -------
    candidates : list of Candidate
        Proposed actors, without overlaps, in text order.
    acronyms : list of (int, int, str, int)
        Acronym definitions: span of the acronym, the acronym, and the start of
        the actor span it defines (a candidate's or a registry mention's).
    outlets : list of (int, int)
        Spans naming the outlet a report comes from ("according to The X").

    Examples
    --------
    >>> from actorgraph.loaders.lexicon import lexicon_for
    >>> text = "Interior Minister Jane Doe met the Ministry of Justice of Ruritania."
    >>> found, _, _ = discover(text, lexicon_for("en"), bytearray(len(text)), None, {})
    >>> [(c.name, c.type) for c in found]
    [('Jane Doe', 'Person'), ('Ministry of Justice of Ruritania', 'Agency')]
    """
    if title_spans is None:
        title_spans = [(m.start(), m.end()) for m in lex.person_titles.finditer(text)]
        title_spans += [(m.start(), m.end()) for m in lex.counterpart.finditer(text)]
    skip = bytearray(occupied)
    for line in _shouted_lines(text):
        # A headline in capitals gives no word's case away: nothing in it is proposed.
        skip[line.start() : line.end()] = b"\x03" * (line.end() - line.start())
    outlets: list[tuple[int, int]] = []
    for cue in lex.outlet_cues.finditer(text):
        # The capitalised run after "according to a report from" is an outlet.
        run = _OUTLET_NAME.match(text, cue.end())
        if run and run.group().strip():
            skip[cue.end() : run.end()] = b"\x03" * (run.end() - cue.end())
            outlets.append((cue.end(), cue.end() + len(run.group().rstrip())))
    chosen: list[Candidate] = []
    taken = bytearray(len(text))
    persons = _persons(text, lex, skip, title_spans)
    persons += _apposed_persons(text, lex, skip, title_spans)
    titled = bytearray(len(text))
    for candidate in persons:
        titled[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
    organisations = _organisations(text, lex, skip)
    # Names a text gives a group ("calling itself X", "groups, among them X and Y") come
    # before given names and the shapes of body names ("Pakistan Cyber Force" is a group);
    # so does a name its acronym spells ("Manohar Parrikar Institute ... (MP-IDSA)").
    named = [c for c in organisations if c.rule != "organisation"]
    named += _spelled_by_acronym(text, lex, skip)
    for candidate in named:
        titled[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
    persons += [c for c in _given_name_persons(text, lex, skip) if _free(titled, c.start, c.end)]
    for candidate in persons:
        if _free(skip, candidate.start, candidate.end) and _free(
            taken, candidate.start, candidate.end
        ):
            taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
            chosen.append(candidate)
    person_starts = {c.start for c in chosen if c.type == "Person"}
    for group in (
        named,
        _org_initial(text, lex, lexicon_for("en"), skip),
        _org_final(text, lex, skip),
    ):
        for candidate in group:
            if _title_before_name(text, lex, candidate, person_starts):
                continue
            # A registry country may sit inside an organisation's name ("... degli Stati
            # Uniti"), but a registry span may not cross the name's edges.
            # A name its acronym spells, or one the text gives, may hold a registry name
            # at its start ("Pakistan Cyber Force").
            given = candidate.rule in ("acronym-name", "named-group", "organisation-list")
            if _free(taken, candidate.start, candidate.end) and not _crosses(
                skip, candidate.start, candidate.end, may_open=given
            ):
                taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
                chosen.append(candidate)
    for candidate in chosen:
        if candidate.type == "Agency":
            _own_country_prefix(text, candidate, occupied)
            _enumeration_before_acronym(text, candidate, skip)
        skip[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
    acronyms = _acronyms(text, chosen, known_spans)
    defined = {start: acronym for _, _, acronym, start in acronyms}
    for candidate in chosen:
        acronym = defined.get(candidate.start)
        if acronym and _is_subsequence(acronym.lower(), candidate.name.lower()):
            candidate.acronym = acronym
    # "ACR (Long Name)" where the long name is organisation-shaped.
    for match in _BARE_ACRONYM_BEFORE.finditer(text):
        acronym, _inner = match.group(1), match.group(2)
        inner_start = match.start(2)
        if not _free(skip, match.start(1), match.end(1)):
            continue
        inner_found = [c for c in chosen if c.start == inner_start and c.end == match.end(2)]
        if inner_found:
            inner_found[0].acronym = acronym
    apposed = [c for c in organisations if c.rule == "organisation"]
    for candidate in [*apposed, *_attack_targets(text, lex, skip)]:
        if _free(skip, candidate.start, candidate.end):
            skip[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
            chosen.append(candidate)
    chosen.sort(key=lambda c: c.start)
    return chosen, acronyms, outlets
