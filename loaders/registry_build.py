"""Build the packaged actor registry from the compact fact files.

The YAML files in ``loaders/data`` are the source of truth; this module expands
them (CLDR country names from Babel, adjective inflection, generic phrasings of
national bodies) into ``loaders/data/registry.json.gz``. The build is
deterministic, so a test can check that the committed file equals a fresh one::

    python -m actorgraph.loaders.registry_build            # rewrite the file
    python -m actorgraph.loaders.registry_build --check    # exit 1 if stale
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import babel
import yaml

from actorgraph.graph.errors import RegistryError
from actorgraph.loaders.lexicon import LANGUAGES
from actorgraph.loaders.registry import (
    BODY_KINDS,
    PACKAGED_REGISTRY,
    Registry,
    RegistryEntry,
    RegistryFile,
    RoleTerm,
)
from actorgraph.loaders.registry_forms import (
    body_forms,
    clean_cldr_name,
    declined_names,
    directorate_general_forms,
    expand_names,
    fold_accents,
    generic_body_names,
    inflect_adjective,
    slug,
)

__all__ = ["DATA_DIR", "build_payload", "build_registry", "main", "people_files", "read_fact_file"]

DATA_DIR = Path(__file__).parent / "data"

# CLDR territory codes that are not ISO 3166-1 countries (regions, groupings,
# pseudo-locales, sub-territories with their own CLDR code). Kosovo (XK) is kept:
# it is user-assigned in ISO but acts as a state in the news.
_NOT_COUNTRIES = {
    "AC",
    "CP",
    "CQ",
    "DG",
    "EA",
    "EU",
    "EZ",
    "IC",
    "QO",
    "TA",
    "UN",
    "XA",
    "XB",
    "ZZ",
}


class _FactLoader(yaml.SafeLoader):
    """YAML 1.1 reads ``NO`` (Norway) as false and ``2024-01-31`` as a date; fact
    files only know true/false and keep dates as text."""


_UNWANTED_TAGS = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"}


def _mapping_without_duplicates(loader: _FactLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    # YAML keeps the last of two equal keys without a word; in a fact file that
    # silently drops a country's first block of bodies.
    keys = [loader.construct_object(key) for key, _ in node.value]
    repeated = sorted({str(key) for key in keys if keys.count(key) > 1})
    if repeated:
        raise RegistryError(f"{node.start_mark}: repeated keys {repeated}")
    return loader.construct_mapping(node)


_FactLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _UNWANTED_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_FactLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf")
)


_FactLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates
)


def read_fact_file(path: Path) -> Any:
    """Parse a YAML fact file: no implicit booleans or dates, no repeated keys."""
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_FactLoader)


def _read_yaml(name: str) -> Any:
    return read_fact_file(DATA_DIR / name)


def people_files() -> list[Path]:
    """``people.yaml`` (which documents the format) first, then ``people-*.yaml`` by name."""
    return sorted(
        DATA_DIR.glob("people*.yaml"), key=lambda path: (path.name != "people.yaml", path.name)
    )


def _as_list(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _merge_forms(*sources: dict[str, list[str]]) -> dict[str, list[str]]:
    merged: dict[str, list[str]] = {}
    for source in sources:
        for lang, forms in source.items():
            bucket = merged.setdefault(lang, [])
            bucket.extend(form for form in _as_list(forms) if form not in bucket)
    return {lang: forms for lang, forms in merged.items() if forms}


# The bodies every covered country gets, and their English names after the
# country's adjective ("Italian Parliament").
_GENERIC_LABELS = generic_body_names()


class _Builder:
    def __init__(self) -> None:
        self.entries: dict[str, dict[str, Any]] = {}
        self.country_ids: dict[str, str] = {}
        self.country_names: dict[str, dict[str, list[str]]] = {}
        self.country_of: dict[str, dict[str, list[str]]] = {}
        self.country_adjectives: dict[str, dict[str, list[str]]] = {}
        self.country_short: dict[str, list[str]] = {}
        # Forms a fact file asks to match only as written ("To Lam", "to Lam").
        self.exact_forms: set[str] = set()

    def add(self, entry: dict[str, Any], source: str) -> None:
        entry_id = entry["id"]
        if entry_id in self.entries:
            raise RegistryError(f"{source}: duplicate registry id {entry_id!r}")
        self.entries[entry_id] = entry

    # -- countries -----------------------------------------------------------
    def countries(self, facts: dict[str, dict[str, Any]]) -> None:
        locales = {lang: babel.Locale(lang).territories for lang in LANGUAGES}
        for code in sorted(locales["en"]):
            if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES:
                continue
            fact = facts.get(code, {})
            cldr = {lang: clean_cldr_name(locales[lang][code], lang) for lang in LANGUAGES}
            name = fact.get("name", cldr["en"][0])
            own = {
                lang: expand_names(_as_list(forms), lang)
                for lang, forms in fact.get("aliases", {}).items()
            }
            names = _merge_forms(cldr, own)
            names["en"] = [name, *(n for n in names.get("en", []) if n != name)]
            aliases = {
                lang: [form for form in forms if not (lang == "en" and form == name)]
                for lang, forms in names.items()
            }
            adjectives = {
                lang: inflect_adjective(base, lang) for lang, base in fact.get("adj", {}).items()
            }
            capital = fact.get("cap", {})
            capitals: dict[str, list[str]] = {}
            if capital:
                default = _as_list(capital.get("en"))
                capitals = {lang: _as_list(capital.get(lang)) or default for lang in LANGUAGES}
            entry_id = fact.get("id", slug(name))
            self.country_ids[code] = entry_id
            self.country_names[code] = names
            self.country_of[code] = {
                lang: _as_list(value) for lang, value in fact.get("of", {}).items()
            }
            self.country_adjectives[code] = adjectives
            self.country_short[code] = _as_list(fact.get("short"))
            self.add(
                {
                    "id": entry_id,
                    "type": "Country",
                    "name": name,
                    "aliases": {k: v for k, v in aliases.items() if v},
                    "acronyms": _as_list(fact.get("acr")),
                    "country": code,
                    "wikidata": fact.get("qid"),
                    "adjectives": adjectives,
                    "capitals": capitals,
                },
                "countries.yaml",
            )

    # -- organisations, EU bodies, any fully written entry -------------------
    def plain_entries(
        self, items: Iterable[dict[str, Any]], source: str, default_type: str = "Agency"
    ) -> None:
        for item in items:
            acronyms = _as_list(item.get("acr"))
            entry = {
                "id": item.get("id") or slug(acronyms[0] if acronyms else item["name"]),
                "type": item.get("type", default_type),
                "name": item["name"],
                "aliases": _merge_forms(item.get("aliases", {})),
                "acronyms": acronyms,
                "country": item.get("country"),
                "parent": item.get("parent"),
                "members": [self._country_ref(ref, source) for ref in item.get("members", [])],
                "wikidata": item.get("qid"),
                "kind": item.get("kind"),
                "roles": item.get("roles", []),
            }
            self.add(entry, source)

    def _country_ref(self, ref: str, source: str) -> str:
        if len(ref) == 2 and ref.isupper():
            if ref not in self.country_ids:
                raise RegistryError(f"{source}: unknown country code {ref!r}")
            return self.country_ids[ref]
        return ref

    # -- national bodies -----------------------------------------------------
    def national_bodies(self, facts: dict[str, Any]) -> None:
        listed: set[tuple[str, str]] = set()
        for code, bodies in facts["bodies"].items():
            if code not in self.country_ids:
                raise RegistryError(f"national.yaml: unknown country code {code!r}")
            for body in bodies:
                self._national_body(code, body)
                if body.get("kind"):
                    listed.add((code, body["kind"]))
        # Every covered country gets its four core ministries and its parliament,
        # named generically when the fact file has nothing more specific to say.
        lacking = {
            "defence_ministry": facts["no_defence_ministry"],
            "legislature": facts["no_parliament"],
        }
        for code in facts["coverage"]:
            for kind in _GENERIC_LABELS:
                if code not in lacking.get(kind, ()) and (code, kind) not in listed:
                    self._national_body(code, {"kind": kind})

    def _national_body(self, code: str, body: dict[str, Any]) -> None:
        kind = body.get("kind")
        acronyms = _as_list(body.get("acr"))
        if body.get("id"):
            entry_id = body["id"]
        elif kind in _GENERIC_LABELS:
            entry_id = f"{code.lower()}-{kind.replace('_', '-')}"
        else:
            entry_id = f"{code.lower()}-{slug(acronyms[0] if acronyms else body['name'])}"
        if "name" in body:
            name = body["name"]
        elif kind in _GENERIC_LABELS and self.country_adjectives[code].get("en"):
            name = f"{self.country_adjectives[code]['en'][0]} {_GENERIC_LABELS[kind]}"
        else:
            raise RegistryError(f"national.yaml: {code} body {entry_id!r} needs a name")
        generic = (
            body_forms(
                kind,
                self.country_names[code],
                self.country_of[code],
                self.country_adjectives[code],
                self.country_short[code],
            )
            if kind and body.get("generic", True)
            else {}
        )
        parent = body.get("parent", code)
        if parent is not None and len(parent) == 2 and parent.isupper():
            parent = self.country_ids[parent]
        self.add(
            {
                "id": entry_id,
                "type": body.get("type", "Agency"),
                "name": name,
                "aliases": {
                    lang: declined_names(forms, lang)
                    for lang, forms in _merge_forms(body.get("aliases", {}), generic).items()
                },
                "acronyms": acronyms,
                "country": code,
                "parent": parent,
                "wikidata": body.get("qid"),
                "kind": kind,
            },
            "national.yaml",
        )

    # -- people --------------------------------------------------------------
    def people(self, items: Iterable[dict[str, Any]], source: str = "people.yaml") -> None:
        for item in items:
            self.exact_forms.update(form.lower() for form in _as_list(item.get("exact")))
            self.add(
                {
                    "id": item.get("id") or slug(item["name"]),
                    "type": "Person",
                    "name": item["name"],
                    "aliases": _merge_forms(
                        item.get("aliases", {}),
                        _unaccented([item["name"]], item.get("aliases", {})),
                    ),
                    "country": item.get("country"),
                    "wikidata": item.get("qid"),
                    "roles": [
                        _role(role, self._country_ref(role["org"], source))
                        for role in item.get("roles", [])
                    ],
                },
                source,
            )

    # -- EU directorates-general ---------------------------------------------
    def directorates_general(self, rows: Iterable[list[Any]]) -> None:
        for code, subject, extra, *translated in rows:
            subjects: dict[str, list[str]] = {
                "en": [subject],
                **(translated[0] if translated else {}),
            }
            self.add(
                {
                    "id": f"dg-{code.lower()}",
                    "type": "Agency",
                    "name": f"Directorate-General for {subject}",
                    "aliases": directorate_general_forms(code, subjects),
                    "acronyms": [f"DG {code}", *extra],
                    "parent": "european-commission",
                },
                "eu.yaml",
            )

    def link_memberships(self) -> None:
        for entry in self.entries.values():
            for member in entry.get("members", []):
                if member not in self.entries:
                    raise RegistryError(f"{entry['id']}: unknown member {member!r}")
                self.entries[member].setdefault("member_of", []).append(entry["id"])


def _unaccented(names: list[str], aliases: dict[str, list[str]]) -> dict[str, list[str]]:
    """English-press spellings of accented personal names ("Gerald Darmanin")."""
    every = [*names, *(form for forms in aliases.values() for form in forms)]
    folded = [fold_accents(form) for form in every]
    return {"en": [form for form in folded if form not in every]}


def _role(role: dict[str, Any], org: str) -> dict[str, Any]:
    # YAML reads a bare year ("since: 2024") as a number.
    dates: dict[str, str] = {key: str(role[key]) for key in ("since", "until") if key in role}
    return {**role, **dates, "org": org}


def _role_terms(facts: dict[str, Any]) -> list[RoleTerm]:
    abroad = set(facts.get("posted_abroad", []))
    terms: list[RoleTerm] = []
    for lang, rows in facts.items():
        if lang == "posted_abroad":
            continue
        for form, target, title in rows:
            is_kind = target in BODY_KINDS
            terms.append(
                RoleTerm(
                    lang=lang,
                    form=form,
                    title=title,
                    kind=target if is_kind else None,
                    org=None if is_kind else target,
                    abroad=title in abroad,
                )
            )
    return terms


def _check(registry: Registry, common: dict[str, Any]) -> None:
    """Refuse references to unknown ids and forms that are never safe."""
    forbidden = {word.lower() for word in common["forbidden"]}
    for entry in registry:
        refs = [entry.parent, *entry.member_of, *entry.members, *(r.org for r in entry.roles)]
        for ref in refs:
            if ref is not None and ref not in registry:
                raise RegistryError(f"{entry.id}: names unknown id {ref!r}")
    unsafe = sorted(
        f"{form.entry_id}: {form.form!r}"
        for form in registry.surface_forms()
        if form.kind != "acronym" and form.form.lower() in forbidden
    )
    if unsafe:
        raise RegistryError(f"generic words or common words as surface forms: {unsafe}")
    for term in registry.role_terms:
        if term.org is not None and term.org not in registry:
            raise RegistryError(f"role term {term.form!r} names unknown id {term.org!r}")


def build_payload() -> dict[str, Any]:
    """The registry as a JSON-ready dict, built from the fact files."""
    builder = _Builder()
    builder.countries(_read_yaml("countries.yaml"))
    builder.plain_entries(_read_yaml("organisations.yaml"), "organisations.yaml")
    eu = _read_yaml("eu.yaml")
    builder.plain_entries(eu["entries"], "eu.yaml")
    builder.directorates_general(eu["directorates_general"])
    builder.national_bodies(_read_yaml("national.yaml"))
    builder.plain_entries(_read_yaml("groups.yaml"), "groups.yaml", default_type="Organization")
    builder.plain_entries(
        _read_yaml("companies.yaml"), "companies.yaml", default_type="Organization"
    )
    for path in people_files():
        builder.people(read_fact_file(path) or [], path.name)
    builder.link_memberships()
    common = _read_yaml("common_words.yaml")
    excluded = set(common["excluded"])
    for entry in builder.entries.values():
        for field in ("aliases", "adjectives", "capitals"):
            # The canonical name is an English surface form of its own.
            entry[field] = {
                lang: kept
                for lang, forms in entry.get(field, {}).items()
                if (
                    kept := [
                        form
                        for form in forms
                        if form not in excluded and not (lang == "en" and form == entry["name"])
                    ]
                )
            }
    entries = [RegistryEntry.model_validate(entry) for entry in builder.entries.values()]
    registry_file = RegistryFile(entries=entries, role_terms=_role_terms(_read_yaml("roles.yaml")))
    case_sensitive_words = {
        word.lower() for words in common["case_sensitive"].values() for word in words
    } | builder.exact_forms
    registry = Registry(registry_file.entries, registry_file.role_terms)
    _check(registry, common)
    forms = {form.form.lower() for form in registry.surface_forms()}
    payload = registry_file.model_dump(mode="json", exclude_defaults=True)
    payload["case_sensitive_forms"] = sorted(forms & case_sensitive_words)
    payload["babel_version"] = babel.__version__
    return payload


def build_registry() -> bytes:
    """The gzip bytes of the packaged registry (deterministic: no timestamp)."""
    text = json.dumps(build_payload(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> int:
    """Write ``registry.json.gz``, or with ``--check`` report whether it is stale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    target = DATA_DIR / PACKAGED_REGISTRY
    fresh = build_registry()
    if args.check:
        stale = not target.exists() or target.read_bytes() != fresh
        print(f"{target}: {'stale' if stale else 'up to date'}")
        return 1 if stale else 0
    target.write_bytes(fresh)
    print(f"wrote {target} ({len(fresh)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
