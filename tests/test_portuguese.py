"""Portuguese, added as data only: titles, events, agents, modality, dates, the CLI.

The sentences are general behaviours written for these tests, in European and
Brazilian Portuguese.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from actorgraph.graph.models import Document, EventRelation, Extraction
from actorgraph.loaders.discovery import discover
from actorgraph.loaders.extract import extract_text
from actorgraph.loaders.lexicon import lexicon_for
from actorgraph.loaders.metadata import detect_language, find_header_date
from actorgraph.loaders.pipeline import prepare_document
from actorgraph.loaders.readers import SourceText
from actorgraph.loaders.registry import Registry, RegistryEntry, RoleSpec, RoleTerm, load_registry
from actorgraph.loaders.sentences import split_sentences

EXAMPLES = Path(__file__).parents[1] / "examples"


@pytest.fixture(scope="module")
def registry() -> Registry:
    def country(id_: str, name: str, code: str, adjectives: list[str]) -> RegistryEntry:
        return RegistryEntry(
            id=id_,
            type="Country",
            name=name,
            country=code,
            aliases={"pt": [name]},
            adjectives={"pt": adjectives},
        )

    return Registry(
        [
            country(
                "ruritania", "Ruritânia", "RU", ["ruritano", "ruritana", "ruritanos", "ruritanas"]
            ),
            country("graustark", "Graustark", "GR", ["graustarkiano", "graustarkiana"]),
            RegistryEntry(
                id="ru-justice",
                type="Agency",
                name="Ministry of Justice of Ruritania",
                aliases={"pt": ["Ministério da Justiça da Ruritânia"]},
                country="RU",
                parent="ruritania",
                kind="justice_ministry",
            ),
            RegistryEntry(
                id="ru-police",
                type="Agency",
                name="Ruritanian Federal Police",
                aliases={"pt": ["Polícia Federal da Ruritânia"]},
                country="RU",
                parent="ru-justice",
            ),
            RegistryEntry(
                id="gr-police",
                type="Agency",
                name="Graustark Judicial Police",
                aliases={"pt": ["Polícia Judiciária de Graustark"]},
                country="GR",
                parent="graustark",
            ),
            RegistryEntry(id="europol", type="Agency", name="Europol"),
            RegistryEntry(
                id="ana-lemos",
                type="Person",
                name="Ana Lemos",
                country="RU",
                roles=[RoleSpec(org="ru-justice", title="Justice Minister", since="2023")],
            ),
        ],
        [
            RoleTerm(
                lang="pt",
                form="ministro da Justiça",
                title="Justice Minister",
                kind="justice_ministry",
            ),
            RoleTerm(
                lang="pt",
                form="ministra da Justiça",
                title="Justice Minister",
                kind="justice_ministry",
            ),
        ],
    )


def run(text: str, registry: Registry) -> Extraction:
    return extract_text(text, Document(id="doc", lang="pt", date="2025-04"), registry)


def edges(ex: Extraction, type_: str) -> set[tuple[str, str]]:
    return {(r.source, r.target) for r in ex.relations if r.type == type_}


def events(ex: Extraction, type_: str) -> list[EventRelation]:
    return [r for r in ex.relations if isinstance(r, EventRelation) and r.type == type_]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "O ministro da Justiça Carlos Antunes Vieira recebeu a comissária Rita Sampaio.",
            ["Carlos Antunes Vieira", "Rita Sampaio"],
        ),
        (
            "A secretária de Estado Marta Pinheiro falou com o primeiro-ministro Jorge Valente.",
            ["Marta Pinheiro", "Jorge Valente"],
        ),
        (
            "O porta-voz Nuno Carvalho e o delegado Rafael Moura Lima deram uma conferência.",
            ["Nuno Carvalho", "Rafael Moura Lima"],
        ),
        (
            "Entre os detidos estão Tiago Fernandes e Beatriz Almeida.",
            ["Tiago Fernandes", "Beatriz Almeida"],
        ),
    ],
)
def test_people_behind_titles_and_given_names(text: str, expected: list[str]) -> None:
    found, _, _ = discover(text, lexicon_for("pt"), bytearray(len(text)), None, {})
    assert [c.name for c in found if c.type == "Person"] == expected


def test_a_title_names_the_office_in_the_country_of_the_context(registry: Registry) -> None:
    ex = run(
        "A ministra da Justiça da Ruritânia Clara Duarte visitou Graustark na segunda-feira.",
        registry,
    )
    assert ("clara-duarte", "ru-justice") in edges(ex, "HOLDS_ROLE")
    assert edges(ex, "VISITED") == {("clara-duarte", "graustark")}


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("A Ruritânia e Graustark assinaram um memorando de entendimento.", "SIGNED_AGREEMENT"),
        ("A Ruritânia e Graustark vão partilhar informações sobre ameaças.", "SHARES_INFORMATION"),
        ("A Ruritânia e Graustark lançaram uma investigação conjunta.", "COOPERATES_WITH"),
        ("A Ruritânia e Graustark emitiram uma declaração conjunta.", "AGREED_TO_COOPERATE"),
        ("Realizou-se em Lisboa uma cimeira entre a Ruritânia e Graustark.", "MET_WITH"),
        ("A Ruritânia reuniu-se com Graustark em Lisboa.", "MET_WITH"),
    ],
)
def test_symmetric_events(registry: Registry, text: str, type_: str) -> None:
    assert ("graustark", "ruritania") in edges(run(text, registry), type_)


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("A Ruritânia acusou Graustark de espionagem.", "ACCUSED"),
        ("A Ruritânia atacou os servidores de Graustark.", "ATTACKED"),
        ("A Ruritânia visitou Graustark na semana passada.", "VISITED"),
        ("Graustark recebeu a Ruritânia na segunda-feira.", "VISITED"),
        ("A Ruritânia convidou Graustark para a cimeira.", "INVITED"),
        ("A Ruritânia exortou Graustark a agir.", "REQUESTED"),
        ("A Ruritânia expulsou diplomatas de Graustark.", "SANCTIONED"),
        ("A Ruritânia fornecerá equipamento a Graustark.", "SUPPORTS"),
    ],
)
def test_directed_events(registry: Registry, text: str, type_: str) -> None:
    assert edges(run(text, registry), type_) == {("ruritania", "graustark")}


def test_a_denial_goes_from_the_denier(registry: Registry) -> None:
    ex = run("Graustark negou as acusações ruritanas.", registry)
    assert edges(ex, "DENIED") == {("graustark", "ruritania")}


@pytest.mark.parametrize(
    "text",
    [
        "Graustark foi atacado por hackers ruritanos.",
        "Graustark foi atacado pela Ruritânia.",
        "Os servidores de Graustark foram atacados pelo Ministério da Justiça da Ruritânia.",
    ],
)
def test_the_agent_after_por_pela_pelo(registry: Registry, text: str) -> None:
    attackers = {source for source, _ in edges(run(text, registry), "ATTACKED")}
    assert attackers and attackers <= {"ruritania", "ru-justice"}


def test_an_operation_coordinated_by_europol(registry: Registry) -> None:
    ex = run(
        "A Polícia Federal da Ruritânia deteve três suspeitos numa operação coordenada pela "
        "Europol.",
        registry,
    )
    assert ("europol", "ru-police") in edges(ex, "COOPERATES_WITH")


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("A Ruritânia e Graustark assinaram o acordo.", "asserted"),
        ("A Ruritânia e Graustark assinarão o acordo.", "planned"),
        ("A Ruritânia e Graustark deverão assinar o acordo.", "planned"),
        ("A Ruritânia e Graustark vão assinar o acordo em maio.", "planned"),
        ("A Ruritânia e Graustark não assinaram o acordo.", "negated"),
        ("A Ruritânia e Graustark nunca assinaram o acordo.", "negated"),
    ],
)
def test_negation_and_planned_modality(registry: Registry, text: str, modality: str) -> None:
    signed = events(run(text, registry), "SIGNED_AGREEMENT")
    assert [e.modality for e in signed] == [modality]


@pytest.mark.parametrize(
    "text",
    [
        "A Polícia Federal da Ruritânia e a Polícia Judiciária de Graustark colaboram.",
        "A Polícia Federal da Ruritânia colabora com a Polícia Judiciária de Graustark.",
    ],
)
def test_two_bodies_cooperate(registry: Registry, text: str) -> None:
    assert edges(run(text, registry), "COOPERATES_WITH") == {("gr-police", "ru-police")}


@pytest.mark.parametrize(
    ("header", "date"),
    [
        ("Publicado em 3 de abril de 2025", "2025-04-03"),
        ("Lisboa, 25/03/2025", "2025-03-25"),
        ("Lisboa, 12 de março de 2025", "2025-03-12"),
        ("São Paulo, 5 de outubro de 2024", "2024-10-05"),
        ("Atualizado: quarta-feira, 2 de abril de 2025", "2025-04-02"),
    ],
)
def test_date_phrases(header: str, date: str) -> None:
    assert find_header_date(f"Título da notícia\n{header}\n\nO texto começa aqui.") == date


def test_page_furniture_is_stripped() -> None:
    page = (
        "Início > Política > Segurança\n"
        "Portugal e Graustark reforçam a cooperação\n"
        "Por Joana Reis | 2 de abril de 2025\n\n"
        "A ministra reuniu-se ontem com o seu homólogo para discutir a cooperação policial.\n\n"
        "Leia também: Governo aprova nova lei\n"
        "Partilhe este artigo\n"
        "Assine a nossa newsletter\n"
        "Publicidade\n"
    )
    text = prepare_document(SourceText(path="pagina.txt", text=page)).text
    assert text.endswith("cooperação policial.")


def test_abbreviations_do_not_end_sentences() -> None:
    text = "O Sr. Silva e a Dra. Costa reuniram-se na Av. da Liberdade. Depois falaram."
    assert [s.text for s in split_sentences(text, "pt")] == [
        "O Sr. Silva e a Dra. Costa reuniram-se na Av. da Liberdade.",
        "Depois falaram.",
    ]


def test_the_packaged_registry_speaks_portuguese() -> None:
    registry = load_registry()
    forms = {(f.form, f.lang): f.entry_id for f in registry.surface_forms()}
    # Country names from CLDR, adjectives and capitals from countries.yaml.
    assert forms[("Alemanha", "pt")] == "germany"
    assert forms[("Irão", "pt")] == forms[("Irã", "pt")] == "iran"
    assert forms[("brasileiras", "pt")] == "brazil"
    assert forms[("Pequim", "pt")] == "china"
    assert forms[("Ministério da Administração Interna", "pt")] == "pt-interior-ministry"
    # Generic phrasings of national bodies from forms.yaml.
    assert forms[("polícia espanhola", "pt")] == "policia-nacional"
    assert forms[("Ministério da Justiça francês", "pt")] == "fr-justice-ministry"
    assert ("Reunião", "pt") not in forms  # Réunion in CLDR, "meeting" in the news
    terms = {(t.lang, t.form): t for t in registry.role_terms}
    assert terms[("pt", "ministro da Justiça")].kind == "justice_ministry"
    assert terms[("pt", "ministra da Administração Interna")].org == "pt-interior-ministry"


def test_portuguese_text_is_detected_and_read_with_the_portuguese_lexicon() -> None:
    text = (EXAMPLES / "pt_cncs_gsi_memorando.txt").read_text(encoding="utf-8")
    assert detect_language(text) == "pt"
    assert lexicon_for("pt").lang == "pt"


@pytest.mark.parametrize(
    ("name", "actors", "event"),
    [
        (
            "pt_cncs_gsi_memorando.txt",
            {"cncs-portugal", "gsi-brazil", "helena-barros-correia", "paulo-mendes-ferraz"},
            ("SIGNED_AGREEMENT", "cncs-portugal", "gsi-brazil"),
        ),
        (
            "pt_operacao_europol_ransomware.txt",
            {"europol", "policia-federal-brazil", "policia-judiciaria", "lua-negra"},
            ("COOPERATES_WITH", "europol", "policia-federal-brazil"),
        ),
    ],
)
def test_extract_cli_on_the_portuguese_examples(
    name: str, actors: set[str], event: tuple[str, str, str]
) -> None:
    executable = Path(sys.executable).with_name("actorgraph")
    result = subprocess.run(
        [str(executable), "extract", str(EXAMPLES / name), "--format", "jsonl"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    (extraction,) = [Extraction.model_validate_json(line) for line in result.stdout.splitlines()]
    assert extraction.document.lang == "pt"
    assert actors <= {actor.id for actor in extraction.actors}
    found = {(r.type, r.source, r.target) for r in extraction.relations}
    assert event in found
