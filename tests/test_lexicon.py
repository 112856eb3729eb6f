"""Every language in LANGUAGES is a complete lexicon file: adding a language is adding data."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from actorgraph.loaders.lexicon import LANGUAGES, LexiconFile, lexicon_for

# Lists a language's grammar may leave empty: English and German mark the future
# with a word ("will", "wird", planned cues), not a verb ending; Romance names
# put the head word first ("Ministério da ...", never "... Ministry"); English
# borrows no English words; only Spanish and Portuguese join day, month and
# year with a word ("10 de agosto de 2022").
GRAMMAR_MAY_LACK = {"future_suffixes", "org_heads_final", "english_loanwords", "date_prepositions"}


def _file(lang: str) -> LexiconFile:
    raw = resources.files("actorgraph.loaders.lexicon").joinpath(f"{lang}.yaml").read_text("utf-8")
    return LexiconFile.model_validate(yaml.safe_load(raw))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_list_of_the_lexicon_is_filled(lang: str) -> None:
    lexicon = _file(lang)
    for key, value in lexicon:
        if isinstance(value, list) and key not in GRAMMAR_MAY_LACK:
            assert value, f"{lang}.yaml: {key} is empty"
        if isinstance(value, dict):
            for name, items in value.items():
                assert items, f"{lang}.yaml: {key}.{name} is empty"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_triggers_for_every_event_type_english_has(lang: str) -> None:
    assert set(_file(lang).triggers) == set(_file("en").triggers)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_compiles_to_its_own_lexicon(lang: str) -> None:
    assert lexicon_for(lang).lang == lang
