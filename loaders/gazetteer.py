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

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar, cast

import ahocorasick

from actorgraph.loaders.registry import RoleTerm, SurfaceForm

__all__ = ["Gazetteer", "GazetteerMatch", "RoleMatch", "fold"]

# Same-length replacements so offsets in the folded text equal offsets in the text.
_CURLY = ("’", "‘", "`", "ʼ")
_APOSTROPHES = str.maketrans(dict.fromkeys(_CURLY, "'"))
# The fewer kinds a form has, the safer it is as evidence of an actor; when two
# entries share a span the better kind is kept for the match.
_V = TypeVar("_V")
_KIND_RANK = {"name": 0, "alias": 0, "acronym": 1, "capital": 2, "adjective": 3}


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


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _on_boundaries(text: str, start: int, end: int) -> bool:
    if start > 0 and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
        return False
    return not (end < len(text) and _is_word_char(text[end]) and _is_word_char(text[end - 1]))


class Gazetteer:
    """Surface forms of a registry compiled into Aho-Corasick automata.

    Parameters
    ----------
    forms : iterable of SurfaceForm
        Registry surface forms (``Registry.surface_forms()``).
    role_terms : iterable of RoleTerm
        The role vocabulary (``Registry.role_terms``).

    Examples
    --------
    >>> from actorgraph.loaders.registry import SurfaceForm
    >>> g = Gazetteer([SurfaceForm("CISA", "cisa", None, "acronym", True)])
    >>> [m.entry_ids for m in g.find("CISA decisa")]
    [('cisa',)]
    """

    def __init__(self, forms: Iterable[SurfaceForm], role_terms: Iterable[RoleTerm] = ()) -> None:
        folded: dict[str, dict[str, str]] = {}
        exact: dict[str, dict[str, str]] = {}
        # One-word keys whose every form is written with a capital: "Réunion" is an
        # island, "réunion" a meeting. Longer names are specific enough in lower case
        # ("dipartimento di Stato").
        lower_ok: set[str] = set()
        capital_keys: set[str] = set()
        for form in forms:
            table, key = (exact, form.form) if form.case_sensitive else (folded, fold(form.form))
            key = key.translate(_APOSTROPHES)
            if not form.case_sensitive:
                if form.form[:1].isupper() and form.kind != "adjective" and " " not in key:
                    capital_keys.add(key)
                else:
                    lower_ok.add(key)
            kinds = table.setdefault(key, {})
            previous = kinds.get(form.entry_id)
            if previous is None or _KIND_RANK[form.kind] < _KIND_RANK[previous]:
                kinds[form.entry_id] = form.kind
        self._needs_capital = frozenset(capital_keys - lower_ok)
        self._folded = _automaton(folded, self._needs_capital)
        self._exact = _automaton(exact)
        roles: dict[str, list[RoleTerm]] = {}
        for term in role_terms:
            roles.setdefault(fold(term.form), []).append(term)
        self._roles = _automaton(dict(roles))
        self.size = len(folded) + len(exact)

    def find(self, text: str) -> list[GazetteerMatch]:
        """Every non-overlapping registry form in ``text``, longest first, in order."""
        candidates: list[tuple[int, int, dict[str, str]]] = []
        for automaton, haystack in ((self._folded, fold(text)), (self._exact, text)):
            if automaton is None:
                continue
            for last, (length, kinds, capital) in automaton.iter(haystack):
                start = last - length + 1
                if capital and not text[start].isupper():
                    continue
                if _on_boundaries(text, start, last + 1):
                    candidates.append((start, last + 1, kinds))
        return [
            GazetteerMatch(start, end, text[start:end], tuple(kinds), _best_kind(kinds))
            for start, end, kinds in _longest_first(candidates, len(text))
        ]

    def find_roles(self, text: str) -> list[RoleMatch]:
        """Every non-overlapping title of the role vocabulary in ``text``."""
        if self._roles is None:
            return []
        candidates: list[tuple[int, int, list[RoleTerm]]] = []
        for last, (length, terms, _) in self._roles.iter(fold(text)):
            start = last - length + 1
            if _on_boundaries(text, start, last + 1):
                candidates.append((start, last + 1, terms))
        return [
            RoleMatch(start, end, text[start:end], tuple(terms))
            for start, end, terms in _longest_first(candidates, len(text))
        ]


def _best_kind(kinds: dict[str, str]) -> str:
    return min(kinds.values(), key=_KIND_RANK.__getitem__)


def _automaton(
    table: Mapping[str, object], needs_capital: frozenset[str] = frozenset()
) -> ahocorasick.Automaton | None:
    if not table:
        return None
    automaton = ahocorasick.Automaton()
    for key, value in table.items():
        automaton.add_word(key, (len(key), value, key in needs_capital))
    automaton.make_automaton()
    return automaton


def _longest_first(candidates: list[tuple[int, int, _V]], length: int) -> list[tuple[int, int, _V]]:
    """Greedy non-overlapping selection preferring the longest, then the earliest, span."""
    merged: dict[tuple[int, int], _V] = {}
    for start, end, value in candidates:
        if (start, end) in merged and isinstance(value, dict):
            # Two automata hit the same span: the entries of both are candidates.
            previous = merged[(start, end)]
            assert isinstance(previous, dict)
            merged[(start, end)] = cast(_V, {**value, **previous})
        else:
            merged.setdefault((start, end), value)
    occupied = bytearray(length)
    chosen: list[tuple[int, int, _V]] = []
    for (start, end), value in sorted(
        merged.items(), key=lambda kv: (kv[0][0] - kv[0][1], kv[0][0])
    ):
        if any(occupied[start:end]):
            continue
        occupied[start:end] = b"\x01" * (end - start)
        chosen.append((start, end, value))
    chosen.sort(key=lambda item: item[0])
    return chosen
