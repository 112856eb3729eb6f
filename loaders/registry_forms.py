"""Language rules that expand compact registry facts into surface forms.

Used by :mod:`actorgraph.loaders.registry_build` only: adjective inflection,
cleaning of CLDR country names, and the phrasings that turn "the interior
ministry of <country>" into its usual wording in each language. The words and
rules are data, one section per language in ``loaders/data/forms.yaml``
(:class:`LanguageForms`); this module holds the mechanisms that apply them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Literal, cast

import yaml
from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator

from actorgraph.loaders.lexicon import LANGUAGES
from actorgraph.loaders.registry import BodyKind

__all__ = [
    "FormRule",
    "FormsFile",
    "LanguageForms",
    "body_forms",
    "clean_cldr_name",
    "directorate_general_forms",
    "fold_accents",
    "forms_for",
    "generic_body_names",
    "inflect_adjective",
    "slug",
]

FORMS_FILE = Path(__file__).parent / "data" / "forms.yaml"


_Gender = Literal["neuter", "feminine"]
_DECLINED: tuple[tuple[str, _Gender], ...] = (("{adjs}", "neuter"), ("{adjs_f}", "feminine"))


class FormRule(BaseModel):
    """Forms of a word that ends with one of ``endings`` ("" fits every word)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    endings: list[str]
    forms: list[str]


class LanguageForms(BaseModel):
    """One language's section of ``forms.yaml`` (the file's header documents the keys)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    conjunction: str
    cldr_wrappers: list[str]
    cldr_expansions: dict[str, str]
    adjectives: list[FormRule]
    feminine_endings: list[str]
    declined_adjectives: dict[_Gender, list[str]]
    possessive: list[FormRule]
    definite_article: str
    article_names: list[str]
    bodies: dict[BodyKind, list[str]]
    directorates_general: list[str]
    body_names: dict[BodyKind, str] = Field(default_factory=dict)
    # Endings of the adjectives a name may open with, which decline ("eidgenössisch").
    adjective_stems: list[str] = Field(default_factory=list)


class FormsFile(RootModel[dict[str, LanguageForms]]):
    """``forms.yaml``: a section for every language of ``LANGUAGES``, and no other."""

    @model_validator(mode="after")
    def _every_language(self) -> FormsFile:
        if set(self.root) != set(LANGUAGES):
            raise ValueError(f"forms.yaml has sections {sorted(self.root)}, not {list(LANGUAGES)}")
        return self


@cache
def _forms_file() -> FormsFile:
    with FORMS_FILE.open(encoding="utf-8") as handle:
        return FormsFile.model_validate(yaml.safe_load(handle))


def forms_for(lang: str) -> LanguageForms:
    """The registry-building rules of ``lang`` (one of ``LANGUAGES``)."""
    return _forms_file().root[lang]


@cache
def _cldr_wrappers(lang: str) -> re.Pattern[str]:
    return re.compile("|".join(forms_for(lang).cldr_wrappers) or "(?!x)x")


def generic_body_names() -> dict[str, str]:
    """English names of the bodies every covered country gets, by kind."""
    return {str(kind): name for kind, name in forms_for("en").body_names.items()}


def _apply(rules: list[FormRule], word: str) -> list[str] | None:
    """The forms of the first rule one of whose endings ends ``word``."""
    for rule in rules:
        for ending in rule.endings:
            if word.endswith(ending):
                stem = word[: len(word) - len(ending)]
                return [form.format(base=word, stem=stem) for form in rule.forms]
    return None


def fold_accents(text: str) -> str:
    """``"Recep Tayyip Erdoğan"`` → ``"Recep Tayyip Erdogan"`` (letters kept)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def slug(text: str) -> str:
    """A lower-case ASCII id fragment: ``"Côte d'Ivoire"`` → ``"cote-d-ivoire"``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def clean_cldr_name(name: str, lang: str) -> list[str]:
    """The forms an article would use for a CLDR territory name.

    Typographic apostrophes become ASCII ones (the readers normalise text the
    same way); ``&`` becomes the language's conjunction; ``"Myanmar (Burma)"``
    gives both names; an abbreviation the language writes out (English ``"St."``)
    also gives the written-out form.
    """
    name = name.replace("\u2019", "'").replace(" - ", "-")
    rules = forms_for(lang)
    name = name.replace("&", rules.conjunction)
    forms: list[str] = []
    stripped = _cldr_wrappers(lang).sub("", name)
    match = re.fullmatch(r"(.+?) \((.+)\)", stripped)
    if match and match.group(2)[0].islower():
        # "Saint-Martin (partie néerlandaise)": the bare part names another territory.
        return []
    if match:
        forms.extend([match.group(1), match.group(2)])
    else:
        forms.append(stripped)
    return expand_names(forms, lang)


def expand_names(forms: list[str], lang: str) -> list[str]:
    """``forms`` and their written-out or variant spellings (``cldr_expansions``)."""
    forms = list(forms)
    for short, full in forms_for(lang).cldr_expansions.items():
        forms.extend(form.replace(short, full) for form in list(forms) if short in form)
    return list(dict.fromkeys(forms))


def declined_names(names: list[str], lang: str) -> list[str]:
    """``names`` and the forms their opening adjective takes in other cases, where the
    language declines it: "Eidgenössisches Departement" -> "Eidgenössischen Departement"."""
    if lang not in _forms_file().root:
        return names
    endings = sorted(
        {e for forms in forms_for(lang).declined_adjectives.values() for e in forms},
        key=lambda e: (-len(e), e),
    )
    out = list(names)
    for name in names:
        first, _, rest = name.partition(" ")
        ending = next((e for e in endings if rest and first.endswith(e)), None)
        stem = first[: len(first) - len(ending)] if ending else ""
        if ending and stem.endswith(tuple(forms_for(lang).adjective_stems)):
            out.extend(f"{stem}{other} {rest}" for other in endings)
    return list(dict.fromkeys(out))


def inflect_adjective(base: str, lang: str) -> list[str]:
    """All agreement forms of a country adjective given in its dictionary form.

    An explicit list ``"belga/belgi/belghe"`` is taken as it is; otherwise the
    language's first adjective rule that fits the ending gives the forms.
    """
    if "/" in base:
        return base.split("/")
    return _apply(forms_for(lang).adjectives, base) or [base]


def body_forms(
    kind: str,
    names: dict[str, list[str]],
    of: dict[str, list[str]],
    adjectives: dict[str, list[str]],
    short_names: list[str],
) -> dict[str, list[str]]:
    """Generic country-qualified phrasings of a national body, per language.

    ``names`` are the country's names per language (first = usual), ``short_names``
    English short forms used before a noun ("UK Ministry of Defence"), ``of``
    its "of <country>" phrases, ``adjectives`` its inflected adjectives (first =
    masculine singular, second = feminine singular where the language has one).
    """
    out: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        patterns = forms_for(lang).bodies.get(cast(BodyKind, kind), [])
        forms: list[str] = []
        lang_names = names.get(lang, [])[:1]
        short = short_names if lang == "en" else []
        lang_adjs = adjectives.get(lang, [])
        for pattern in patterns:
            for value in _fill(pattern, lang, lang_names, short, of.get(lang, []), lang_adjs):
                forms.append(value)
        if forms:
            out[lang] = list(dict.fromkeys(forms))
    return out


def _fill(
    pattern: str, lang: str, names: list[str], short: list[str], of: list[str], adjs: list[str]
) -> list[str]:
    rules = forms_for(lang)
    for placeholder, gender in _DECLINED:
        if placeholder in pattern:
            endings = rules.declined_adjectives.get(gender, [])
            if not endings or not adjs:
                return []
            stem = adjs[0]
            return [pattern.replace(placeholder, stem + ending) for ending in endings]
    if "{adj_f}" in pattern:
        if not adjs:
            return []
        # The second form is the feminine singular where the adjective has one
        # ("italiana", "italienne"); otherwise it is a plural and the base serves.
        has_feminine = len(adjs) > 1 and adjs[1].endswith(tuple(rules.feminine_endings))
        feminine = adjs[1] if has_feminine else adjs[0]
        return [pattern.replace("{adj_f}", feminine)]
    if "{adj}" in pattern:
        return [pattern.replace("{adj}", adjs[0])] if adjs else []
    if "{of}" in pattern:
        return [pattern.replace("{of}", phrase) for phrase in of]
    if "{poss}" in pattern:
        return [
            pattern.replace("{poss}", possessive[0])
            for name in [*names, *short]
            if (possessive := _apply(rules.possessive, name))
        ]
    if "{the_name}" in pattern:
        article = rules.definite_article
        return [
            pattern.replace(
                "{the_name}",
                f"{article} {name}" if name.startswith(tuple(rules.article_names)) else name,
            )
            for name in names
        ]
    if "{name}" in pattern:
        return [pattern.replace("{name}", name) for name in [*names, *short]]
    return [pattern]


def directorate_general_forms(code: str, subjects: dict[str, list[str]]) -> dict[str, list[str]]:
    """Phrasings of an EU directorate-general per language.

    ``code`` is its code ("HOME"), ``subjects`` its subject per language (the
    phrasings with ``{subject}`` are skipped in a language that lacks one).
    """
    out: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        forms: list[str] = []
        for pattern in forms_for(lang).directorates_general:
            if "{subject}" in pattern:
                texts = subjects.get(lang, [])
                forms.extend(pattern.format(subject=text, code=code) for text in texts)
            else:
                forms.append(pattern.format(code=code))
        if forms:
            out[lang] = list(dict.fromkeys(forms))
    return out
