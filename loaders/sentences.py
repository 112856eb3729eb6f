"""Sentence splitting with character offsets, aware of abbreviations per language.

A sentence ends at a line break, or at ``.``, ``!``, ``?`` or ``…`` followed by
white space and a capital letter, a digit or an opening quote, unless the word
before the full stop is an abbreviation ("Mr.", "U.S.", "Sig.", "On.", "Aug."),
an initial ("J. Smith") or an ordinal in a date ("am 3. März").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from actorgraph.loaders.lexicon import lexicon_for

__all__ = ["Sentence", "abbreviations", "split_sentences"]


@cache
def abbreviations(lang: str | None) -> frozenset[str]:
    """The lexicon's abbreviations for ``lang``, and English's.

    English titles and abbreviations ("Mr.", "U.S.", "Aug.") turn up in every
    language's news, in quotes and names.
    """
    english = lexicon_for("en").data.abbreviations
    return frozenset(word.lower() for word in [*lexicon_for(lang).data.abbreviations, *english])


# Candidate boundaries: end punctuation (with closing quotes/brackets) then space,
# or one or more line breaks.
# A round-up line joins items with a middle dot or a bullet: each is a sentence.
_BOUNDARY = re.compile(r"([.!?…]+[\"'”’»)\]]*)(\s+)|\n\s*|\s+[·•|]\s+")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_STARTS_SENTENCE = re.compile(r"[\"'“‘«(\[]?[A-ZÀ-ÖØ-Þ0-9•\-–—]")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document: ``text == document_text[start:end]``."""

    start: int
    end: int
    text: str


def _is_abbreviation(word: str, abbreviations: frozenset[str]) -> bool:
    bare = word.rstrip(".").lower()
    if not bare:
        return False
    if bare in abbreviations:
        return True
    # Initials and dotted acronyms: "J.", "U.S.", "U.S.A."
    if re.fullmatch(r"(?:\w\.)*\w", bare) and all(len(p) == 1 for p in bare.split(".")):
        return True
    # Ordinal day in German dates ("am 3. März") and numbered lists are not ends.
    return bool(bare.isdigit() and len(bare) <= 2)


def split_sentences(text: str, lang: str | None = "en") -> list[Sentence]:
    """Split ``text`` into sentences with offsets into ``text``.

    Parameters
    ----------
    text : str
        Normalised document text.
    lang : str or None
        ISO 639-1 code choosing the lexicon's abbreviations; unknown languages use English.

    Returns
    -------
    list of Sentence
        Non-empty sentences, stripped of surrounding white space, in order.

    Examples
    --------
    >>> [s.text for s in split_sentences("Mr. Rossi met the U.S. envoy. Talks went well.")]
    ['Mr. Rossi met the U.S. envoy.', 'Talks went well.']
    """
    known = abbreviations(lang)
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group(1) is not None:
            # Split only when what follows looks like a sentence start.
            if not _STARTS_SENTENCE.match(text, match.end()):
                continue
            if match.group(1).startswith("."):
                word = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start() + 1)
                if word and _is_abbreviation(word.group(1), known):
                    continue
            end = match.start() + len(match.group(1))
        else:
            end = match.start()
        _append(sentences, text, start, end)
        start = match.end()
    _append(sentences, text, start, len(text))
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, text[start:end]))
