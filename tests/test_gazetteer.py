"""Gazetteer matching and sentence splitting on our own sentences."""

from __future__ import annotations

import pytest

from actorgraph.graph.models import Document
from actorgraph.loaders.extract import extract_text
from actorgraph.loaders.gazetteer import Gazetteer, fold
from actorgraph.loaders.registry import Registry, RegistryEntry, RoleTerm
from actorgraph.loaders.sentences import split_sentences


@pytest.fixture(scope="module")
def registry() -> Registry:
    entries = [
        RegistryEntry(
            id="ruritania",
            type="Country",
            name="Ruritania",
            country="RU",
            aliases={"it": ["Ruritania"]},
            adjectives={"en": ["Ruritanian"]},
            capitals={"en": ["Strelsau"]},
        ),
        RegistryEntry(
            id="cisa",
            type="Agency",
            name="Cybersecurity and Infrastructure Security Agency",
            acronyms=["CISA"],
            country="US",
        ),
        RegistryEntry(
            id="enisa",
            type="Agency",
            name="European Union Agency for Cybersecurity",
            acronyms=["ENISA", "Enisa"],
        ),
        RegistryEntry(
            id="fbi",
            type="Agency",
            name="Federal Bureau of Investigation",
            acronyms=["FBI"],
            country="US",
        ),
        RegistryEntry(
            id="eu",
            type="InternationalOrganization",
            name="European Union",
            aliases={"it": ["Unione europea"]},
            acronyms=["EU", "Ue", "UE"],
        ),
        RegistryEntry(
            id="dhs",
            type="Agency",
            name="Department of Homeland Security",
            aliases={"en": ["Homeland Security"]},
            acronyms=["DHS"],
            country="US",
        ),
        RegistryEntry(
            id="un",
            type="InternationalOrganization",
            name="United Nations",
            acronyms=["UN"],
        ),
        RegistryEntry(
            id="ru-interior",
            type="Agency",
            name="Ministry of the Interior of Ruritania",
            aliases={
                "it": ["Ministero dell'Interno della Ruritania"],
                "en": ["Ruritania's Ministry of the Interior"],
            },
            country="RU",
        ),
        RegistryEntry(
            id="gr-interior",
            type="Agency",
            name="Ministry of the Interior of Graustark",
            aliases={"en": ["Graustark's Ministry of the Interior"]},
            country="GR",
        ),
    ]
    terms = [
        RoleTerm(
            lang="en", form="Interior Minister", title="Interior Minister", kind="interior_ministry"
        )
    ]
    return Registry(entries, terms)


@pytest.fixture(scope="module")
def gazetteer(registry: Registry) -> Gazetteer:
    return Gazetteer(registry.surface_forms(), registry.role_terms)


def found(gazetteer: Gazetteer, text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(m.text, m.entry_ids) for m in gazetteer.find(text)]


def test_acronyms_are_case_sensitive_and_bounded(gazetteer: Gazetteer) -> None:
    assert found(gazetteer, "CISA said") == [("CISA", ("cisa",))]
    assert found(gazetteer, "La proposta è stata decisa ieri.") == []
    # "Cisa" is not registered for CISA, "Enisa" is for ENISA.
    assert found(gazetteer, "tra Enisa e Cisa") == [("Enisa", ("enisa",))]
    assert found(gazetteer, "the CISAs of this world") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("l'Enisa ha firmato", "Enisa"),
        ("all'FBI è arrivata", "FBI"),
        ("dall'Ue sono arrivati", "Ue"),
        ("nell'Ue e fuori", "Ue"),
        ("il ministro dell'Interno della Ruritania", "Ruritania"),
        ("l’Enisa con l’apostrofo tipografico", "Enisa"),
    ],
)
def test_italian_elisions(gazetteer: Gazetteer, text: str, expected: str) -> None:
    assert [m.text for m in gazetteer.find(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ECCO UN'INTESA TRA I GOVERNI E L'UN", ["UN"]),
        ("SE N'È PARLATO ALL'FBI", ["FBI"]),
        ("The FBI's agents and the FBI’s reply", ["FBI", "FBI"]),
    ],
)
def test_an_acronym_before_an_elided_word_is_that_word(
    gazetteer: Gazetteer, text: str, expected: list[str]
) -> None:
    # In capitals, an elided article ("UN'", "L'") can spell an acronym.
    assert [m.text for m in gazetteer.find(text)] == expected


def test_longest_match_wins(gazetteer: Gazetteer) -> None:
    text = "The Department of Homeland Security and Homeland Security Secretary Doe"
    assert found(gazetteer, text) == [
        ("Department of Homeland Security", ("dhs",)),
        ("Homeland Security", ("dhs",)),
    ]
    it = "Il Ministero dell'Interno della Ruritania ha parlato"
    assert found(gazetteer, it) == [("Ministero dell'Interno della Ruritania", ("ru-interior",))]


def test_country_qualified_bodies_are_kept_apart(gazetteer: Gazetteer) -> None:
    text = "Ruritania's Ministry of the Interior met Graustark's Ministry of the Interior."
    assert [m.entry_ids for m in gazetteer.find(text)] == [("ru-interior",), ("gr-interior",)]


def test_names_are_case_insensitive_and_kinds_kept(gazetteer: Gazetteer) -> None:
    matches = gazetteer.find("the UNIONE EUROPEA, Ruritanian officials and Strelsau")
    assert [(m.text, m.kind) for m in matches] == [
        ("UNIONE EUROPEA", "alias"),
        ("Ruritanian", "adjective"),
        ("Strelsau", "capital"),
    ]


def test_role_titles(gazetteer: Gazetteer) -> None:
    roles = gazetteer.find_roles("Ruritania's interior minister Jane Doe")
    assert [(r.text, r.terms[0].kind) for r in roles] == [
        ("interior minister", "interior_ministry")
    ]


def test_fold_keeps_offsets() -> None:
    text = "İstanbul’s DHS"
    assert len(fold(text)) == len(text)
    assert fold(text).endswith("'s dhs")


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "Mr. Rossi met the U.S. envoy. Talks went well.",
            ["Mr. Rossi met the U.S. envoy.", "Talks went well."],
        ),
        (
            "en",
            "On Aug. 10, 2022, they met. Then they left!",
            ["On Aug. 10, 2022, they met.", "Then they left!"],
        ),
        (
            "it",
            "Il Sig. Rossi e l'On. Bianchi. Poi il ministro.",
            ["Il Sig. Rossi e l'On. Bianchi.", "Poi il ministro."],
        ),
        (
            "de",
            "Am 3. März trafen sie sich. Danach nicht.",
            ["Am 3. März trafen sie sich.", "Danach nicht."],
        ),
        ("en", "Headline\n\nFirst line. Second line", ["Headline", "First line.", "Second line"]),
    ],
)
def test_sentences(lang: str, text: str, expected: list[str]) -> None:
    sentences = split_sentences(text, lang)
    assert [s.text for s in sentences] == expected
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_capitalised_names_need_their_capital() -> None:
    forms = Registry(
        [RegistryEntry(id="reunion", type="Country", name="Réunion", country="RE")]
    ).surface_forms()
    gazetteer = Gazetteer(forms)
    assert gazetteer.find("une réunion à Paris") == []
    assert [m.text for m in gazetteer.find("La Réunion et RÉUNION")] == ["Réunion", "RÉUNION"]


@pytest.mark.parametrize(
    "module", ["sentences", "gazetteer", "discovery", "resolve", "relations", "extract"]
)
def test_docstring_examples(module: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"actorgraph.loaders.{module}"))
    assert result.failed == 0


def test_common_word_names_do_not_match_as_sentence_openers() -> None:
    registry = Registry(
        [
            RegistryEntry(
                id="reunion",
                type="Country",
                name="Réunion",
                country="RE",
                aliases={"es": ["Reunión"]},
            )
        ]
    )
    found = extract_text(
        "Réunion de travail à Paris. Reunión bilateral en Madrid. Une réunion, una reunión.\n"
        "Le préfet de La Réunion a parlé. « Réunion ! »",
        Document(id="d", lang="fr"),
        registry,
    )
    assert [m.text for a in found.actors for m in a.mentions] == ["Réunion", "Réunion"]
    # Without a lexicon to say it is a common word, a sentence-opening name still matches.
    plain = Gazetteer(registry.surface_forms())
    assert [m.text for m in plain.find("Réunion de travail.")] == ["Réunion"]
