"""The actor registry: packaged data, its build, user files and the CLI command."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import babel
import pytest
from click.testing import CliRunner

from actorgraph.graph.errors import RegistryError
from actorgraph.graph.models import StructuralRelation
from actorgraph.loaders import registry_build
from actorgraph.loaders.lexicon import LANGUAGES
from actorgraph.loaders.registry import (
    BODY_KINDS,
    PACKAGED_REGISTRY,
    Registry,
    load_registry,
)
from actorgraph.queries.cli import main

# Surface forms that name more than one entry on purpose: the extraction tells
# them apart by the country the context names. Any other shared form fails.
INTENTIONAL_AMBIGUITIES = {
    "DIA": {"dia", "dia-italy"},  # US Defense Intelligence Agency / Italian Antimafia
    "NCA": {"nca-uk", "nca-saudi"},  # UK National Crime Agency / Saudi cyber authority
}

G20 = [
    "AR",
    "AU",
    "BR",
    "CA",
    "CN",
    "FR",
    "DE",
    "IN",
    "ID",
    "IT",
    "JP",
    "KR",
    "MX",
    "RU",
    "SA",
    "ZA",
    "TR",
    "GB",
    "US",
]
EU = [
    "AT",
    "BE",
    "BG",
    "HR",
    "CY",
    "CZ",
    "DK",
    "EE",
    "FI",
    "FR",
    "DE",
    "GR",
    "HU",
    "IE",
    "IT",
    "LV",
    "LT",
    "LU",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SK",
    "SI",
    "ES",
    "SE",
]
GULF = ["BH", "KW", "OM", "QA", "SA", "AE", "IR", "IQ", "YE"]
MINISTRIES = ("interior_ministry", "foreign_ministry", "justice_ministry", "defence_ministry")


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry()


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def test_committed_build_equals_a_fresh_build() -> None:
    committed = (registry_build.DATA_DIR / PACKAGED_REGISTRY).read_bytes()
    built_with = json.loads(gzip.decompress(committed))["babel_version"]
    assert committed == registry_build.build_registry(), (
        "loaders/data/registry.json.gz is stale: run python -m actorgraph.loaders.registry_build"
        f" (it was built with Babel {built_with}; Babel {babel.__version__} is installed)"
    )


def test_fact_files_refuse_repeated_keys_and_keep_norway(tmp_path: Path) -> None:
    # A repeated country block would silently drop the first; "NO" is Norway, not false.
    path = tmp_path / "facts.yaml"
    path.write_text("NO: [a]\nIT: [b]\nNO: [c]\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="repeated keys \\['NO'\\]"):
        registry_build.read_fact_file(path)
    path.write_text("NO: {since: 2024-01-31}\n", encoding="utf-8")
    assert registry_build.read_fact_file(path) == {"NO": {"since": "2024-01-31"}}


def test_registry_holds_thousands_of_entries_of_every_type(registry: Registry) -> None:
    counts: dict[str, int] = defaultdict(int)
    for entry in registry:
        counts[entry.type] += 1
    assert len(registry) >= 1400
    assert counts["Country"] >= 249
    assert counts["Agency"] >= 900
    assert counts["InternationalOrganization"] >= 40
    assert counts["Person"] >= 150
    assert counts["Organization"] >= 10


def test_every_iso_country_has_names_in_every_language(registry: Registry) -> None:
    countries = [entry for entry in registry if entry.type == "Country"]
    assert {"IT", "US", "QA", "MX", "RU", "XK"} <= {entry.country for entry in countries}
    for entry in countries:
        assert entry.country is not None
        # English is the canonical name; the others come from CLDR, less the few
        # CLDR names that are common words (Spanish "Granada" for Grenada).
        present = (set(LANGUAGES) - {"en"}) & set(entry.aliases)
        assert len(present) >= 2, entry.id
        if entry.country in G20 + EU + GULF:
            assert len(present) == len(LANGUAGES) - 1, entry.id


def test_country_adjectives_capitals_and_short_names(registry: Registry) -> None:
    italy = registry["italy"]
    assert italy.wikidata == "Q38"
    assert {"italiano", "italiana", "italiani", "italiane"} <= set(italy.adjectives["it"])
    assert {"italien", "italienne"} <= set(italy.adjectives["fr"])
    assert {"italienische", "italienischen"} <= set(italy.adjectives["de"])
    assert italy.capitals["it"] == ["Roma"] and italy.capitals["en"] == ["Rome"]
    assert {"US", "U.S.", "USA"} <= set(registry["united-states"].acronyms)
    assert "UAE" in registry["united-arab-emirates"].acronyms
    assert registry["turkey"].aliases["en"] == ["Türkiye", "Republic of Türkiye"]


def test_surface_forms_carry_kind_language_and_case(registry: Registry) -> None:
    forms = {(f.form, f.entry_id, f.kind): f for f in registry.surface_forms()}
    assert forms[("CISA", "cisa", "acronym")].case_sensitive
    assert forms[("CISA", "cisa", "acronym")].lang is None
    # A form spelled alike in several languages is listed once per language.
    roma = {f.lang for f in registry.surface_forms() if (f.form, f.kind) == ("Roma", "capital")}
    assert {"it", "es", "pt"} <= roma
    assert forms[("qatariota", "qatar", "adjective")].lang == "it"
    assert not forms[("Italy", "italy", "name")].case_sensitive
    # A name that is also a common word in lower case is matched as written.
    assert forms[("Turkey", "turkey", "name")].case_sensitive
    assert forms[("Monaco", "monaco", "alias")].case_sensitive


def test_shared_surface_forms_are_only_the_intentional_ones(registry: Registry) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for form in registry.surface_forms():
        owners[form.form if form.case_sensitive else _fold(form.form)].add(form.entry_id)
    shared = {form: ids for form, ids in owners.items() if len(ids) > 1}
    assert shared == INTENTIONAL_AMBIGUITIES


def test_no_generic_or_common_word_is_a_surface_form(registry: Registry) -> None:
    never = {
        "interior",
        "ministry of the interior",
        "interior ministry",
        "ministero dell'interno",
        "ministère de l'intérieur",
        "ministerio del interior",
        "innenministerium",
        "foreign ministry",
        "homeland security",
        "commission",
        "police",
        "us",
        "un",
        "it",
        "island",  # German CLDR name of Iceland
        "réunion",  # French for "meeting"
        "sofia",  # a first name before it is a capital
    }
    found = {f.form.casefold() for f in registry.surface_forms() if not f.case_sensitive}
    assert not never & found
    for form in registry.surface_forms():
        assert form.form == form.form.strip() and "  " not in form.form, form
        assert "\u2019" not in form.form, form  # the readers normalise apostrophes


def test_country_qualified_bodies_stay_apart(registry: Registry) -> None:
    index = {(f.form, f.lang): f.entry_id for f in registry.surface_forms()}
    assert index[("Qatar's Ministry of the Interior", "en")] == "qa-interior-ministry"
    assert index[("Italy's Ministry of the Interior", "en")] == "it-interior-ministry"
    assert index[("Ministero dell'Interno del Qatar", "it")] == "qa-interior-ministry"
    assert index[("ministère de l'Intérieur qatari", "fr")] == "qa-interior-ministry"
    assert index[("katarische Innenministerium", "de")] == "qa-interior-ministry"
    assert index[("Viminale", "it")] == "it-interior-ministry"
    assert index[("Qatar MOI", "en")] == "qa-interior-ministry"
    assert not any(form.casefold() == "moi" for form, _ in index)
    assert index[("Dipartimento della Sicurezza Interna", "it")] == "dhs"


@pytest.mark.parametrize("code", sorted(set(G20 + EU + GULF)))
def test_covered_countries_have_their_core_ministries(registry: Registry, code: str) -> None:
    country = registry.country(code)
    assert country is not None
    for kind in MINISTRIES:
        body = registry.body(code, kind)
        assert body is not None, f"{code} has no {kind}"
        assert body.country == code and body.type == "Agency"
    # Security bodies beyond the ministries: cyber agency, CERT, police or intelligence.
    security = {"cyber_agency", "cert", "police", "domestic_intelligence", "foreign_intelligence"}
    if code not in {"YE"}:
        assert any(registry.body(code, kind) for kind in security), code


def test_body_lookup_resolves_heads_to_the_country(registry: Registry) -> None:
    assert registry.body("US", "interior_ministry").id == "dhs"  # type: ignore[union-attr]
    assert registry.body("RU", "presidential_office").id == "kremlin"  # type: ignore[union-attr]
    assert registry.body("IT", "head_of_state").id == "italy"  # type: ignore[union-attr]
    assert registry.body("ZZ", "police") is None
    assert set(BODY_KINDS) >= {"interior_ministry", "cyber_agency", "cert"}


def test_parent_chains_reach_a_root_without_cycles(registry: Registry) -> None:
    for entry in registry:
        seen = {entry.id}
        parent = entry.parent
        while parent is not None:
            assert parent in registry, f"{entry.id}: unknown parent {parent}"
            assert parent not in seen, f"{entry.id}: PART_OF cycle through {parent}"
            seen.add(parent)
            parent = registry[parent].parent
    assert registry["cisa"].parent == "dhs" and registry["dhs"].parent == "united-states"
    assert registry["enisa"].parent == "eu"
    assert registry["dg-cnect"].parent == "european-commission"
    assert "DG CNECT" in registry["dg-cnect"].acronyms
    assert "HOME" not in registry["dg-home"].acronyms


def test_eu_agencies_and_generic_phrasings_agree(registry: Registry) -> None:
    for agency in ("enisa", "europol", "eurojust", "frontex", "eda", "eeas", "cert-eu", "euiss"):
        assert registry[agency].parent == "eu", agency
    assert "eu-LISA" in registry["eu-lisa"].acronyms
    # Adjectives agree with the noun: feminine in Romance languages, neuter in German.
    assert "Cancillería española" in registry["es-foreign-ministry"].aliases["es"]
    assert "polizia italiana" in registry["polizia-di-stato"].aliases["it"]
    assert "libysches Justizministerium" in registry["ly-justice-ministry"].aliases["de"]
    assert "libyscher Justizministerium" not in registry["ly-justice-ministry"].aliases["de"]


def test_memberships(registry: Registry) -> None:
    assert len(registry.members("eu")) == 27
    assert len(registry.members("nato")) == 32
    assert registry.members("gcc") == sorted(
        ["bahrain", "kuwait", "oman", "qatar", "saudi-arabia", "united-arab-emirates"]
    )
    assert {"eu", "nato", "g7", "g20"} <= set(registry["italy"].member_of)


def test_wikidata_ids_are_unique(registry: Registry) -> None:
    seen: dict[str, str] = {}
    for entry in registry:
        if entry.wikidata:
            assert entry.wikidata not in seen, (entry.id, seen.get(entry.wikidata))
            seen[entry.wikidata] = entry.id


def test_people_hold_dated_roles(registry: Registry) -> None:
    relations = registry.structural_relations()
    assert all(isinstance(r, StructuralRelation) and r.origin == "registry" for r in relations)
    roles = {(r.source, r.target, r.since, r.until) for r in relations if r.type == "HOLDS_ROLE"}
    assert ("alejandro-mayorkas", "dhs", "2021-02", "2025-01") in roles
    assert ("matteo-piantedosi", "it-interior-ministry", "2022-10", None) in roles
    assert ("dmitry-peskov", "kremlin", "2012-05", None) in roles
    structure = {(r.source, r.type, r.target) for r in relations}
    assert ("italy", "MEMBER_OF", "nato") in structure
    assert ("cisa", "PART_OF", "dhs") in structure
    assert "Gerald Darmanin" in registry["gerald-darmanin"].aliases["en"]


def test_role_vocabulary_points_at_kinds_or_known_bodies(registry: Registry) -> None:
    terms = {(t.lang, t.form): t for t in registry.role_terms}
    assert terms[("it", "ministro dell'Interno")].kind == "interior_ministry"
    assert terms[("en", "Homeland Security Secretary")].org == "dhs"
    assert terms[("it", "segretario stampa del Cremlino")].org == "kremlin"
    assert terms[("de", "Innenminister")].kind == "interior_ministry"
    assert {t.lang for t in registry.role_terms} == set(LANGUAGES)
    for term in registry.role_terms:
        assert term.org is None or term.org in registry


def test_search_finds_by_acronym_alias_and_filters(registry: Registry) -> None:
    assert registry.search("CISA")[0].id == "cisa"
    assert registry.search("Farnesina")[0].id == "farnesina"
    assert all(e.type == "Country" for e in registry.search(actor_type="Country"))
    assert {e.country for e in registry.search(country="it")} == {"IT"}


# -- user files -------------------------------------------------------------------


def test_user_yaml_file_adds_and_overrides_entries(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(
        "entries:\n"
        "- id: ruritania-interior\n"
        "  type: Agency\n"
        "  name: Ministry of the Interior of Ruritania\n"
        "  acronyms: [RMI]\n"
        "  parent: eu\n"
        "- id: cisa\n"
        "  type: Agency\n"
        "  name: CISA renamed\n"
        "  acronyms: [CISA]\n"
        "role_terms:\n"
        "- {lang: it, form: capo della polizia, title: Chief of Police, kind: police}\n",
        encoding="utf-8",
    )
    merged = load_registry(user)
    assert merged["ruritania-interior"].parent == "eu"
    assert merged["cisa"].name == "CISA renamed"
    assert merged["cisa"].parent is None
    assert len(merged) == len(load_registry()) + 1
    assert any(t.form == "capo della polizia" for t in merged.role_terms)
    assert ("RMI", "ruritania-interior") in {(f.form, f.entry_id) for f in merged.surface_forms()}


def test_user_json_list_is_accepted(tmp_path: Path) -> None:
    user = tmp_path / "mine.json"
    user.write_text(json.dumps([{"id": "acme", "type": "Organization", "name": "Acme"}]))
    assert load_registry(user)["acme"].type == "Organization"


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("broken.yaml", "entries: [id: x\n", "not valid YAML"),
        ("extra.yaml", "- {id: x, type: Agency, name: Xx, colour: red}\n", "entries.0.colour"),
        ("badtype.yaml", "- {id: x, type: Ministry, name: Xx}\n", "entries.0.type"),
        ("badref.yaml", "- {id: x, type: Agency, name: Xx, parent: nowhere}\n", "nowhere"),
        ("badid.yaml", "- {id: X Y, type: Agency, name: Xx}\n", "entries.0.id"),
        (
            "roles.yaml",
            "- {id: x, type: Agency, name: Xx, roles: [{org: eu, title: Boss}]}\n",
            "only a Person has roles",
        ),
        ("scalar.json", '"just a string"', "expected a mapping"),
        ("notes.txt", "- {id: x}\n", "must be .yaml, .yml or .json"),
    ],
)
def test_bad_user_file_names_file_and_reason(
    tmp_path: Path, name: str, text: str, reason: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as raised:
        load_registry(path)
    assert str(path) in str(raised.value)
    assert reason in str(raised.value)


# -- CLI --------------------------------------------------------------------------


def test_cli_searches_and_prints_json() -> None:
    runner = CliRunner()
    table = runner.invoke(main, ["registry", "CISA"])
    assert table.exit_code == 0, table.output
    assert "Cybersecurity and Infrastructure Security Agency" in table.output
    as_json = runner.invoke(main, ["registry", "dhs", "--format", "json", "--limit", "1"])
    entries = json.loads(as_json.output)
    assert entries[0]["id"] == "dhs" and "DHS" in entries[0]["acronyms"]
    counts = json.loads(runner.invoke(main, ["registry", "--counts", "--format", "json"]).output)
    assert counts["total"] == len(load_registry())


def test_cli_lists_the_role_vocabulary() -> None:
    result = CliRunner().invoke(main, ["registry", "--roles", "dell'Interno", "--format", "json"])
    assert result.exit_code == 0, result.output
    terms = json.loads(result.output)
    assert {
        "lang": "it",
        "form": "ministro dell'Interno",
        "title": "Interior Minister",
        "kind": "interior_ministry",
    } in terms
    assert all("dell'interno" in t["form"].casefold() for t in terms)


def test_cli_validates_a_user_file(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("- {id: acme, type: Organization, name: Acme Corp}\n", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("- {id: acme, type: Company, name: Acme Corp}\n", encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(main, ["registry", "--registry", str(good), "--format", "json"])
    assert ok.exit_code == 0, ok.output
    assert [e["id"] for e in json.loads(ok.stdout)] == ["acme"]
    failed = runner.invoke(main, ["registry", "--registry", str(bad)])
    assert failed.exit_code == RegistryError.exit_code
    assert "Error:" in failed.output and "bad.yaml" in failed.output
    assert "Traceback" not in failed.output


def test_documented_command_runs_in_a_real_process() -> None:
    executable = Path(sys.executable).with_name("actorgraph")
    result = subprocess.run(
        [str(executable), "registry", "Viminale", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "200"},
        timeout=60,
    )
    assert json.loads(result.stdout)[0]["id"] == "it-interior-ministry"
