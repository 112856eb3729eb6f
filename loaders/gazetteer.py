"""Fast matching of registry surface forms in text (Aho-Corasick).

Two automata are built once per registry: one over case-folded names and
aliases, one over forms that must match exactly (acronyms, and names that are a
common word in lower case). A third one holds the role vocabulary ("Interior
Minister", "ministro dell'Interno"). Matches must sit on word boundaries; where
matches overlap the longest wins, so "Department of Homeland Security" beats
"Homeland Security". Apostrophes are boundaries, so Italian elisions and
articulated prepositions ("dell'Interno", "l'Enisa", "all'FBI") need no extra forms.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import ahocorasick

from actorgraph.loaders.registry import RoleTerm, SurfaceForm

__all__ = ["Gazetteer", "GazetteerMatch", "RoleMatch", "fold"]

# Same-length replacements so offsets in the folded text equal offsets in the text.
_CURLY = ("’", "‘", "`", "ʼ")
_APOSTROPHES = str.maketrans(dict.fromkeys(_CURLY, "'"))
# The fewer kinds a form has, the safer it is as evidence of an actor; when two
# entries share a span the better kind is kept for the match.
_KIND_RANK = {"name": 0, "alias": 0, "acronym": 1, "capital": 2, "adjective": 3}
# Where a sentence starts (start of text, end punctuation, a line break or an opening
# quote, then spaces), and a lower-case word right after a match.
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"“«(])[ \t]*$")
_NEXT_WORD = re.compile(r"[ \t]+(\w)")


def fold(text: str) -> str:
    """Lower-case ``text`` keeping its length, so offsets stay valid."""
    folded = text.lower()
    for curly in _CURLY:
        if curly in folded:
            folded = folded.replace(curly, "'")
    if len(folded) == len(text):
        return folded
    # A few characters ("İ") lower-case to two; keep the first to preserve offsets.
    return "".join(ch.translate(_APOSTROPHES).lower()[0] for ch in text)


@dataclass(frozen=True, slots=True)
class GazetteerMatch:
    """A registry form found in text; ``entry_ids`` lists every entry it may name."""

    start: int
    end: int
    text: str
    entry_ids: tuple[str, ...]
    kind: str


@dataclass(frozen=True, slots=True)
class RoleMatch:
    """A title from the role vocabulary found in text."""

    start: int
    end: int
    text: str
    terms: tuple[RoleTerm, ...]


class Gazetteer:
    """Surface forms of a registry compiled into one Aho-Corasick automaton.

    Every form is stored under its case-folded key. Case-insensitive forms match
    any casing (one-word names written with a capital need one in the text);
    case-sensitive forms (acronyms, names that are common words in lower case)
    match only when the text is exactly the form. The scan is leftmost-longest,
    and a match counts only on word boundaries.

    Parameters
    ----------
    forms : iterable of SurfaceForm
        Registry surface forms (``Registry.surface_forms()``).
    role_terms : iterable of RoleTerm
        The role vocabulary (``Registry.role_terms``).
    common_word : callable, optional
        Whether a folded one-word name is also a common word in a supported
        language ("réunion", "reunión": a meeting). Such a name, besides its
        capital, must not open a sentence followed by a lower-case word
        ("Réunion de travail ..."), where the capital is only the sentence's.

    Examples
    --------
    >>> from actorgraph.loaders.registry import SurfaceForm
    >>> g = Gazetteer([SurfaceForm("CISA", "cisa", None, "acronym", True)])
    >>> [m.entry_ids for m in g.find("CISA decisa")]
    [('cisa',)]
    """

    def __init__(
        self,
        forms: Iterable[SurfaceForm],
        role_terms: Iterable[RoleTerm] = (),
        common_word: Callable[[str], bool] | None = None,
    ) -> None:
        folded: dict[str, dict[str, str]] = {}
        exact: dict[str, dict[str, dict[str, str]]] = {}
        # One-word keys whose every form is written with a capital: "Réunion" is an
        # island, "réunion" a meeting. Longer names are specific enough in lower case
        # ("dipartimento di Stato").
        lower_ok: set[str] = set()
        capital_keys: set[str] = set()
        for form in forms:
            key = fold(form.form)
            if form.case_sensitive:
                kinds = exact.setdefault(key, {}).setdefault(form.form.translate(_APOSTROPHES), {})
            else:
                if form.form[:1].isupper() and form.kind != "adjective" and " " not in key:
                    capital_keys.add(key)
                else:
                    lower_ok.add(key)
                kinds = folded.setdefault(key, {})
            previous = kinds.get(form.entry_id)
            if previous is None or _KIND_RANK[form.kind] < _KIND_RANK[previous]:
                kinds[form.entry_id] = form.kind
        needs_capital = capital_keys - lower_ok
        self._common_word = common_word
        self._forms = _automaton(
            {
                key: (folded.get(key), key in needs_capital, exact.get(key, {}))
                for key in folded.keys() | exact.keys()
            }
        )
        roles: dict[str, list[RoleTerm]] = {}
        for term in role_terms:
            roles.setdefault(fold(term.form), []).append(term)
        self._roles = _automaton(roles)
        self.size = len(folded) + sum(len(v) for v in exact.values())

    def find(self, text: str) -> list[GazetteerMatch]:
        """Every registry form in ``text``: leftmost-longest, non-overlapping, in order."""
        found: list[GazetteerMatch] = []
        if self._forms is None:
            return found
        for start, end, (insensitive, capital, exact) in _scan(self._forms, text):
            kinds: dict[str, str] = {}
            if insensitive and (
                not capital
                or (text[start].isupper() and not self._only_opens_sentence(text, start, end))
            ):
                kinds.update(insensitive)
            if exact and not _ELIDED.match(text, end):
                # "UN'ALLEANZA" is an elided article in capitals, not the UN.
                kinds.update(exact.get(text[start:end].translate(_APOSTROPHES), {}))
            if kinds:
                found.append(
                    GazetteerMatch(start, end, text[start:end], tuple(kinds), _best_kind(kinds))
                )
        return found

    def _only_opens_sentence(self, text: str, start: int, end: int) -> bool:
        """A common word capitalised only because it opens a sentence ("Réunion de ...")."""
        if self._common_word is None:
            return False
        following = _NEXT_WORD.match(text, end)
        return (
            following is not None
            and following.group(1).islower()
            and _SENTENCE_START.search(text, max(0, start - 4), start) is not None
            and self._common_word(fold(text[start:end]))
        )

    def find_roles(self, text: str) -> list[RoleMatch]:
        """Every non-overlapping title of the role vocabulary in ``text``."""
        if self._roles is None:
            return []
        return [
            RoleMatch(start, end, text[start:end], tuple(terms))
            for start, end, terms in _scan(self._roles, text)
        ]


_ELIDED = re.compile(r"['’][^\W\d_]{2}")


def _scan(automaton: ahocorasick.Automaton, text: str) -> Iterator[tuple[int, int, Any]]:
    """Leftmost-longest matches of ``automaton`` in ``text`` that sit on word boundaries."""
    folded = fold(text)
    size = len(text)
    for last, (length, value) in automaton.iter_long(folded):
        end = last + 1
        start = end - length
        # "decisa" holds "cisa", "Italiana" holds "Italia": neither is a match.
        if start > 0 and folded[start - 1].isalnum() and folded[start].isalnum():
            continue
        if end < size and folded[end].isalnum() and folded[end - 1].isalnum():
            continue
        yield start, end, value


def _best_kind(kinds: dict[str, str]) -> str:
    return min(kinds.values(), key=_KIND_RANK.__getitem__)


def _automaton(table: Mapping[str, object]) -> ahocorasick.Automaton | None:
    if not table:
        return None
    automaton = ahocorasick.Automaton()
    for key, value in table.items():
        automaton.add_word(key, (len(key), value))
    automaton.make_automaton()
    return automaton
