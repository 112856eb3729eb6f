"""forms.yaml gives every language of LANGUAGES the rules the registry build needs."""

from __future__ import annotations

import pytest

from actorgraph.loaders.lexicon import LANGUAGES
from actorgraph.loaders.registry_forms import (
    body_forms,
    clean_cldr_name,
    directorate_general_forms,
    forms_for,
    inflect_adjective,
)

# Keys a language may leave empty: only English writes out "St.", builds
# possessives with "'s" and puts "the" before some country names (and names
# the generic bodies: the registry's canonical names are English); only German
# declines an adjective before the noun; English and German adjectives have no
# feminine form that follows a noun.
ONLY_SOME_LANGUAGES = {
    "cldr_expansions",
    "possessive",
    "definite_article",
    "article_names",
    "body_names",
    "declined_adjectives",
    "adjective_stems",
    "feminine_endings",
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_fills_every_key(lang: str) -> None:
    for key, value in forms_for(lang):
        if key not in ONLY_SOME_LANGUAGES:
            assert value, f"forms.yaml: {lang}.{key} is empty"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_names_every_body_english_names(lang: str) -> None:
    assert set(forms_for(lang).bodies) == set(forms_for("en").bodies)


@pytest.mark.parametrize(
    ("base", "lang", "forms"),
    [
        ("italiano", "it", ["italiano", "italiana", "italiani", "italiane"]),
        ("français", "fr", ["français", "française", "françaises"]),
        ("francés", "es", ["francés", "francesa", "franceses", "francesas"]),
        ("português", "pt", ["português", "portuguesa", "portugueses", "portuguesas"]),
        ("alemão", "pt", ["alemão", "alemã", "alemães", "alemãs"]),
        ("espanhol", "pt", ["espanhol", "espanhola", "espanhóis", "espanholas"]),
        ("belga/belgi/belghe", "it", ["belga", "belgi", "belghe"]),
        ("Qatari", "en", ["Qatari", "Qataris"]),
    ],
)
def test_adjectives_agree(base: str, lang: str, forms: list[str]) -> None:
    assert inflect_adjective(base, lang) == forms


def test_cldr_wrappers_and_conjunctions() -> None:
    assert clean_cldr_name("Hong Kong, RAE da China", "pt") == ["Hong Kong"]
    assert clean_cldr_name("RAE de Hong Kong (China)", "es") == ["Hong Kong"]
    assert clean_cldr_name("St. Kitts & Nevis", "en") == [
        "St. Kitts and Nevis",
        "Saint Kitts and Nevis",
    ]


def test_bodies_in_portuguese() -> None:
    forms = body_forms(
        "police", {"pt": ["Espanha"]}, {"pt": ["de Espanha"]}, {"pt": ["espanhol", "espanhola"]}, []
    )
    assert forms["pt"] == ["polícia espanhola"]


def test_directorates_general() -> None:
    forms = directorate_general_forms("HOME", {"en": ["Migration"], "it": ["Migrazione"]})
    assert forms["it"] == [
        "Direzione generale Migrazione",
        "DG Migrazione",
        "Direzione generale HOME",
        "DG HOME della Commissione",
    ]
    assert forms["pt"] == ["Direção-Geral HOME", "DG HOME da Comissão"]
