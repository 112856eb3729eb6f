"""Discovery of actors no registry lists, in each supported language."""

from __future__ import annotations

import pytest

from actorgraph.graph.models import Document
from actorgraph.loaders.discovery import Candidate, discover, slugify
from actorgraph.loaders.extract import extract_text
from actorgraph.loaders.lexicon import lexicon_for


def candidates(text: str, lang: str) -> list[Candidate]:
    found, _, _ = discover(text, lexicon_for(lang), bytearray(len(text)), None, {})
    return found


def names(text: str, lang: str) -> list[tuple[str, str]]:
    return [(c.name, c.type) for c in candidates(text, lang)]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "Interior Minister Jane Doe met Secretary Albrecht yesterday.",
            [("Jane Doe", "Person"), ("Albrecht", "Person")],
        ),
        (
            "it",
            "Il ministro Mario Rossi ha parlato con la ministra Giulia Verdi.",
            [("Mario Rossi", "Person"), ("Giulia Verdi", "Person")],
        ),
        (
            "fr",
            "Le ministre Pierre Durand a reçu la ministre Claire Petit.",
            [("Pierre Durand", "Person"), ("Claire Petit", "Person")],
        ),
        ("es", "El ministro Pablo Ortega Ruiz visitó Lima.", [("Pablo Ortega Ruiz", "Person")]),
        (
            "de",
            "Bundesrätin Brunnhuber traf Regierungsrat Quellmalz und Oberstaatsanwalt Zierbock.",
            [("Brunnhuber", "Person"), ("Quellmalz", "Person"), ("Zierbock", "Person")],
        ),
        (
            "de",
            "Der Innenminister Klaus Becker traf die Kommissarin Anna Vogel.",
            [("Klaus Becker", "Person"), ("Anna Vogel", "Person")],
        ),
    ],
)
def test_people_behind_titles(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert names(text, lang) == expected


def test_qualified_titles_and_coordinated_names() -> None:
    text = (
        "il portavoce del Quirinale Marco Neri e il commissario Ue per la Pesca, "
        "Lina Costa, con i capi di Stato Jan Novak e Ivo Horvat."
    )
    found = [name for name, _ in names(text, "it")]
    assert found == ["Marco Neri", "Lina Costa", "Jan Novak", "Ivo Horvat"]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "Officials of the Ministry of the Interior of Ruritania arrived.",
            "Ministry of the Interior of Ruritania",
        ),
        (
            "en",
            "The National Cyber Resilience Agency issued an alert.",
            "National Cyber Resilience Agency",
        ),
        (
            "en",
            "The Directorate-General for Maritime Affairs and Fisheries replied.",
            "Directorate-General for Maritime Affairs and Fisheries",
        ),
        (
            "it",
            "L'Agenzia per la sicurezza digitale della Ruritania ha firmato ieri.",
            "Agenzia per la sicurezza digitale della Ruritania",
        ),
        (
            "it",
            "Il Dipartimento per la protezione civile e il governo.",
            "Dipartimento per la protezione civile",
        ),
        (
            "fr",
            "Le Ministère de l'Intérieur du Bélize a répondu.",
            "Ministère de l'Intérieur du Bélize",
        ),
        (
            "es",
            "El Ministerio de Seguridad Pública de Ruritania firmó.",
            "Ministerio de Seguridad Pública de Ruritania",
        ),
        ("de", "Das Bundesamt für Katastrophenschutz warnte.", "Bundesamt für Katastrophenschutz"),
    ],
)
def test_organisation_shapes(lang: str, text: str, expected: str) -> None:
    assert (expected, "Agency") in names(text, lang)


def test_acronym_definitions() -> None:
    text = (
        "The National Cyber Resilience Agency (NCRA) met. NCRA (National Cyber Resilience Agency)."
    )
    found = candidates(text, "en")
    assert found[0].acronym == "NCRA"
    # An acronym that does not spell the name is not taken.
    other = candidates("The National Cyber Resilience Agency (XYZQ) met.", "en")
    assert other[0].acronym is None


def test_not_actors_in_discovery() -> None:
    text = (
        "By Jane Roe | Journalist. According to a report from The Morning Ledger, the "
        "Internet of Things (IoT) grows; the Cyber Defence Pledge Conference 2022 and the "
        "Global Resilience Framework were discussed at the General Assembly."
    )
    assert names(text, "en") == []


def test_attack_targets_and_hacker_groups() -> None:
    assert ("Acme Logistics", "Organization") in names(
        "Gli attacchi informatici a Acme Logistics.", "it"
    )
    assert ("Sandcrawler", "Organization") in names("The hacker group Sandcrawler struck.", "en")


def test_new_actor_ids_are_slugs() -> None:
    assert slugify("Ministère de l'Intérieur du Bélize") == "ministere-de-l-interieur-du-belize"
    extraction = extract_text(
        "Interior Minister Jane Doe met officials of the Ministry of Justice of Ruritania.",
        Document(id="d", lang="en"),
    )
    ids = {a.id for a in extraction.actors}
    assert {"jane-doe", "ministry-of-justice-of-ruritania"} <= ids
    journalist = extract_text(
        "By Jane Roe | Journalist\n\nThe talks went well.", Document(id="j", lang="en")
    )
    assert journalist.actors == []


def test_nationality_between_title_and_name() -> None:
    text = "Le ministre a reçu son homologue marocain Karim Benali à Paris."
    occupied = bytearray(len(text))
    start = text.index("marocain")
    occupied[start : start + len("marocain")] = b"\x02" * len("marocain")
    found, _, _ = discover(text, lexicon_for("fr"), occupied, None, {})
    assert [(c.name, c.type) for c in found] == [("Karim Benali", "Person")]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "es",
            "Firmó con la Dirección Nacional de Ciberdefensa de Paraguay para compartir datos.",
            "Dirección Nacional de Ciberdefensa de Paraguay",
        ),
        (
            "es",
            "La Agencia Federal de Vigilancia de Bolivia y Perú firmaron.",
            "Agencia Federal de Vigilancia de Bolivia",
        ),
        (
            "it",
            "Il Dipartimento per la difesa digitale della Tunisia per lo scambio di dati firma.",
            "Dipartimento per la difesa digitale della Tunisia",
        ),
        (
            "fr",
            "La Direction nationale de la cyberdéfense du Maroc contre les réseaux a signé.",
            "Direction nationale de la cyberdéfense du Maroc",
        ),
    ],
)
def test_organisation_names_end_after_their_country(lang: str, text: str, expected: str) -> None:
    extraction = extract_text(text, Document(id="d", lang=lang))
    assert expected in {a.name for a in extraction.actors if a.type != "Country"}


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "The indictment names Hamid Rostami and Layla Farahani as the operators.",
            ["Hamid Rostami", "Layla Farahani"],
        ),
        (
            "it",
            "Tra gli arrestati figurano Giulio Ferrante e Marta Colombo.",
            ["Giulio Ferrante", "Marta Colombo"],
        ),
        (
            "fr",
            "Parmi les suspects figurent Julien Moreau et Inès Laurent.",
            ["Julien Moreau", "Inès Laurent"],
        ),
        (
            "es",
            "Entre los detenidos están Andrés Molina y Lucía Herrera.",
            ["Andrés Molina", "Lucía Herrera"],
        ),
        (
            "de",
            "Zu den Verdächtigen gehören Jonas Keller und Lena Hoffmann.",
            ["Jonas Keller", "Lena Hoffmann"],
        ),
        # middle initials belong to the name; a surname alone after the given name is enough
        ("en", "Prosecutor Dana K. Whitfield filed the charges.", ["Dana K. Whitfield"]),
    ],
)
def test_given_names_make_people_without_titles(lang: str, text: str, expected: list[str]) -> None:
    assert [n for n, t in names(text, lang) if t == "Person"] == expected


def test_a_given_name_inside_an_organisation_name_is_no_person() -> None:
    found = names("Researchers at the Simon Wiesenthal Center met Mark Ellison.", "en")
    assert ("Simon Wiesenthal", "Person") not in found
    assert ("Mark Ellison", "Person") in found


def test_common_words_and_calendar_words_are_not_given_names() -> None:
    from actorgraph.loaders.given_names import given_names

    names_ = given_names()
    assert {"Hamid", "Giulio", "Inès", "Lucía", "Jonas", "Oana"} <= names_
    assert not {"North", "May", "General", "Jordan", "Georgia", "Chancellor"} & names_


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Talks resumed in Riga.\n(Reporting by Hamid Rostami; Editing by Layla Farahani)"),
        (
            "en",
            "Posted on 3 May 2025 by Hamid Rostami · Policy · 3 min read\nTalks resumed in Riga.",
        ),
        ("en", "By Hamid Rostami and Layla Farahani\nTalks resumed in Riga."),
        ("it", "di Giulio Ferrante e Marta Colombo\nI colloqui sono ripresi a Riga."),
        ("es", "Por Andrés Molina · 4 de mayo de 2025\nLas conversaciones se reanudaron en Riga."),
    ],
)
def test_bylines_and_credit_lines_name_no_actor(lang: str, text: str) -> None:
    ex = extract_text(text, Document(id="d", lang=lang))
    assert [a.name for a in ex.actors if a.type == "Person"] == []


def test_a_given_name_inside_a_longer_proper_noun_is_no_person() -> None:
    text = "Attacks hit JPMorgan Chase, the New York Stock Exchange and the Bowman Avenue Dam."
    assert [n for n, t in names(text, "en") if t == "Person"] == []


def test_a_signer_after_by_is_still_a_person() -> None:
    text = "The memorandum was signed by Hamid Rostami for the ministry."
    assert [n for n, t in names(text, "en") if t == "Person"] == ["Hamid Rostami"]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "Hackers hit the Ministry of Energy, Mines and Water (MEMW) on Monday.",
            "Ministry of Energy, Mines and Water",
        ),
        (
            "fr",
            "Des pirates ont visé le Ministère de l'Énergie, des Mines et de l'Eau (MEME) lundi.",
            "Ministère de l'Énergie, des Mines et de l'Eau",
        ),
    ],
)
def test_a_name_goes_on_past_commas_up_to_its_acronym(lang: str, text: str, expected: str) -> None:
    found = candidates(text, lang)
    assert [(c.name, c.acronym) for c in found if c.type == "Agency"] == [
        (expected, expected and text[text.index("(") + 1 : text.index(")")])
    ]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "Hackers emptied Tallix, the country's biggest crypto exchange.", "Tallix"),
        ("en", "The gang also hit the state-owned telecoms provider Norvacom.", "Norvacom"),
        ("it", "Gli hacker hanno colpito Tallix, la più grande piattaforma del paese.", "Tallix"),
        ("es", "Los piratas atacaron a la aseguradora Norvacom.", "Norvacom"),
        ("en", "The hackers erased the data of state-owned Bank Velora.", "Bank Velora"),
    ],
)
def test_a_name_in_apposition_to_an_organisation_noun_is_an_organisation(
    lang: str, text: str, expected: str
) -> None:
    assert (expected, "Organization") in names(text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The group, which calls itself Kara Serce, or Black Heart, hit Latvia."),
        ("fr", "Le groupe, connu sous le nom de Kara Serce, ou Black Heart, a frappé la Lettonie."),
    ],
)
def test_a_group_that_names_itself_is_one_actor_with_both_names(lang: str, text: str) -> None:
    ex = extract_text(text + " Later Black Heart hit Estonia.", Document(id="d", lang=lang))
    groups = [a for a in ex.actors if a.type == "Organization"]
    assert [(a.name, sorted(a.aliases)) for a in groups] == [
        ("Kara Serce", ["Black Heart", "Kara Serce"])
    ]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "it",
            "La Procura di Roma, ipotizza il giudice, ha agito da sola.",
            ["Procura di Roma"],
        ),
        (
            "it",
            "Il Dipartimento della pubblica sicurezza sarebbe stato avvisato.",
            ["Dipartimento della pubblica sicurezza"],
        ),
        (
            "it",
            "L'Agenzia per la cybersicurezza dal settembre 2023 coordina i lavori.",
            ["Agenzia per la cybersicurezza"],
        ),
        (
            "it",
            "Dalla Procura di Roma e dalla Polizia postale arrivano conferme.",
            ["Procura di Roma", "Polizia postale"],
        ),
        (
            "en",
            "The Election Commission of Ruritania's website went down.",
            ["Election Commission of Ruritania"],
        ),
    ],
)
def test_organisation_names_end_where_the_name_ends(
    lang: str, text: str, expected: list[str]
) -> None:
    assert [c.name for c in candidates(text, lang) if c.type == "Agency"] == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Police in seven countries joined Operation Red Marlin last year."),
        ("it", "La polizia ha condotto l'operazione Lena Bianca in tre regioni."),
        ("it", "Per Bruxelles la decisione è definitiva."),
    ],
)
def test_operation_names_and_function_words_make_no_person(lang: str, text: str) -> None:
    assert [n for n, t in names(text, lang) if t == "Person"] == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "The hack was tied to three groups, among them Kara Serce, Delta Nine and NullCrew.",
            ["Kara Serce", "Delta Nine", "NullCrew"],
        ),
        (
            "it",
            "L'attacco è stato attribuito a tre gruppi, tra cui Kara Serce, Delta Nine e NullCrew.",
            ["Kara Serce", "Delta Nine", "NullCrew"],
        ),
        (
            "en",
            'An account calling itself "Delta Nine" claimed the breach.',
            ["Delta Nine"],
        ),
    ],
)
def test_groups_listed_or_named_by_the_text_are_organisations(
    lang: str, text: str, expected: list[str]
) -> None:
    assert [n for n, t in names(text, lang) if t == "Organization"] == expected


def test_in_german_a_capitalised_noun_before_a_given_name_is_no_name() -> None:
    text = "Die Vizepräsidentin Martina Keller betonte die Zusammenarbeit."
    assert ("Martina Keller", "Person") in names(text, "de")


@pytest.mark.parametrize(
    ("lang", "text", "name", "type_"),
    [
        (
            "en",
            "Data came from the Coastal Signals Service (CSS) last week.",
            "Coastal Signals Service",
            "Agency",
        ),
        (
            "en",
            "The site of Northern Turbines Limited (NTL) went down.",
            "Northern Turbines Limited",
            "Organization",
        ),
        (
            "it",
            "Lo ha confermato l'Istituto Nazionale di Vigilanza (INV) ieri.",
            "Istituto Nazionale di Vigilanza",
            "Agency",
        ),
    ],
)
def test_a_name_its_acronym_spells_is_an_actor(lang: str, text: str, name: str, type_: str) -> None:
    ex = extract_text(text, Document(id="doc", lang=lang))
    assert (name, type_) in {(a.name, a.type) for a in ex.actors}


def test_a_thing_its_acronym_spells_is_no_actor() -> None:
    ex = extract_text(
        "Internet of Things (IoT) devices and Software Bills of Materials (SBOM) were discussed.",
        Document(id="doc", lang="en"),
    )
    assert ex.actors == []


def test_a_body_named_after_a_registry_person_names_no_person() -> None:
    ex = extract_text(
        "Researchers at the Manohar Parrikar Institute for Defence Studies and Analyses "
        "(MP-IDSA) said so.",
        Document(id="doc", lang="en"),
    )
    assert [a.type for a in ex.actors] == ["Agency"]


def test_an_office_before_its_holder_is_no_body() -> None:
    ex = extract_text(
        "Additional Director General of Police Jane Roe said the unit had found it.",
        Document(id="doc", lang="en"),
    )
    assert [(a.name, a.type) for a in ex.actors] == [("Jane Roe", "Person")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", 'An account calling itself "Norway Cyber Army" claimed the attack.'),
        ("it", "Un gruppo che si fa chiamare Norway Cyber Army ha rivendicato l'attacco."),
    ],
)
def test_a_group_named_by_the_text_may_hold_a_country(lang: str, text: str) -> None:
    ex = extract_text(text, Document(id="doc", lang=lang))
    assert ("Norway Cyber Army", "Organization") in {(a.name, a.type) for a in ex.actors}


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        (
            "en",
            "It was signed by Zaltor Quibb, who serves as Nigeria's security adviser.",
            "Zaltor Quibb",
        ),
        ("it", "Lo dice Oyelaran Adebayo, che dirige la polizia nigeriana.", "Oyelaran Adebayo"),
    ],
)
def test_a_name_before_a_role_apposition_is_a_person(lang: str, text: str, person: str) -> None:
    ex = extract_text(text, Document(id="doc", lang=lang))
    assert (person, "Person") in {(a.name, a.type) for a in ex.actors}


def test_a_sentence_after_a_title_is_no_name() -> None:
    ex = extract_text(
        "Friedrich Merz ist inzwischen Bundeskanzler. Hinter der Kampagne stehen Organisationen.",
        Document(id="doc", lang="de"),
    )
    assert "Hinter der Kampagne" not in {a.name for a in ex.actors}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "TRADE ENVOY: WAREHOUSE, THE PLATFORMS MUST ACT NOW\nThe envoy spoke in Riga."),
        ("it", "VERTICE: ROSSI, LE PIATTAFORME DEVONO AGIRE SUBITO\nIl ministro ha parlato."),
    ],
)
def test_a_headline_in_capitals_proposes_no_actor(lang: str, text: str) -> None:
    assert names(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        ("it", "La Polizia sospende Carlo Di Stefano dal servizio.", "Carlo Di Stefano"),
        ("fr", "La Police suspend Carlo Di Stefano.", "Carlo Di Stefano"),
        ("es", "Ayer habló Carlos De la Fuente en Lima.", "Carlos De la Fuente"),
        ("en", "Yesterday Pieter Van der Berg spoke in Riga.", "Pieter Van der Berg"),
    ],
)
def test_a_family_name_may_open_with_a_capitalised_particle(
    lang: str, text: str, person: str
) -> None:
    # And a verb after a body's head word ends the body's name before the person.
    assert names(text, lang) == [(person, "Person")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("it", "Il vertice si è aperto a Villa Torrigiani sotto la pioggia."),
        ("es", "La reunión se celebró en Isla Margarita el lunes."),
    ],
)
def test_a_given_name_that_opens_a_place_is_no_person(lang: str, text: str) -> None:
    assert [n for n, t in names(text, lang) if t == "Person"] == []


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        ("de", "Am Montag hat Karl Weiss den Vertrag unterzeichnet.", "Karl Weiss"),
        ("de", "Gestern empfing Karl Weiss der Presse zufolge Gäste.", "Karl Weiss"),
        ("en", "Yesterday Pieter van den Berg spoke in Riga.", "Pieter van den Berg"),
    ],
)
def test_a_german_article_after_a_name_is_no_particle(lang: str, text: str, person: str) -> None:
    assert [n for n, t in names(text, lang) if t == "Person"] == [person]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The agency was represented by its director general, Commander Zeno Marwick."),
        ("de", "Die Behörde vertrat ihr Direktor, Oberst Zeno Marwick, bei den Gesprächen."),
    ],
)
def test_a_rank_after_a_titles_comma_is_no_part_of_the_name(lang: str, text: str) -> None:
    assert names(text, lang) == [("Zeno Marwick", "Person")]


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        ("en", "Ambassador Pak Il Hwan spoke to reporters in Geneva.", "Pak Il Hwan"),
        ("it", "Ha parlato il vice ambasciatore, Ri In Chol, a Ginevra.", "Ri In Chol"),
    ],
)
def test_a_short_inner_word_may_be_a_syllable_of_a_name(lang: str, text: str, person: str) -> None:
    assert [n for n, t in names(text, lang) if t == "Person"] == [person]
