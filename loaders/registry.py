"""The actor registry: the gazetteer of known actors the extraction matches against.

The registry ships as package data (``loaders/data/registry.json.gz``, built from
the YAML fact files beside it by :mod:`actorgraph.loaders.registry_build`)
and can be extended by the user with a YAML or JSON file (``--registry FILE``) whose
entries add to, or replace by ``id``, the packaged ones.

Typical use::

    registry = load_registry()
    registry["dhs"].name                  # 'Department of Homeland Security'
    registry.body("QA", "interior_ministry").id    # 'qa-interior-ministry'
    for form in registry.surface_forms(): ...      # feeds the gazetteer
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal, NamedTuple, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from actorgraph.graph.errors import RegistryError, describe_validation
from actorgraph.graph.models import StructuralRelation
from actorgraph.graph.ontology import ActorType

__all__ = [
    "BODY_KINDS",
    "BodyKind",
    "PackagedRegistry",
    "Registry",
    "RegistryEntry",
    "RegistryFile",
    "RoleSpec",
    "RoleTerm",
    "SurfaceForm",
    "SurfaceKind",
    "load_registry",
    "read_registry_file",
]

ActorId = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[a-z0-9][a-z0-9._-]*$")]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
WikidataId = Annotated[str, Field(pattern=r"^Q[1-9]\d*$")]
PartialDate = Annotated[str, Field(pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")]
Lang = Annotated[str, Field(pattern=r"^[a-z]{2}$")]
Form = Annotated[str, Field(min_length=2, max_length=200)]
FormsByLang = dict[Lang, list[Form]]

# What a body is, so that a title ("il ministro dell'Interno") can be resolved to
# the right body of the right country ("it-interior-ministry") by context.
BodyKind = Literal[
    "head_of_state",
    "head_of_government",
    "presidential_office",
    "government_office",
    "interior_ministry",
    "foreign_ministry",
    "justice_ministry",
    "defence_ministry",
    "cyber_agency",
    "cert",
    "police",
    "gendarmerie",
    "border_agency",
    "domestic_intelligence",
    "foreign_intelligence",
    "military_intelligence",
    "signals_intelligence",
    "intelligence_coordination",
    "armed_forces",
    "cyber_command",
    "prosecution",
    "legislature",
]
BODY_KINDS: tuple[str, ...] = get_args(BodyKind)

SurfaceKind = Literal["name", "alias", "acronym", "adjective", "capital"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RoleSpec(_Model):
    """An office a person holds or held: becomes ``HOLDS_ROLE`` person → ``org``."""

    org: ActorId
    title: str = Field(min_length=2)
    titles: FormsByLang = Field(default_factory=dict)
    since: PartialDate | None = None
    until: PartialDate | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> RoleSpec:
        # Partial ISO dates of equal precision compare correctly as strings; a
        # shorter one is a prefix, so compare on the common length.
        if self.since and self.until:
            width = min(len(self.since), len(self.until))
            if self.until[:width] < self.since[:width]:
                raise ValueError(f"role {self.title!r}: until {self.until} is before {self.since}")
        return self


class RegistryEntry(_Model):
    """One known actor.

    ``aliases`` and, for countries, ``adjectives`` and ``capitals`` are keyed by
    language. ``acronyms`` are matched case-sensitively. ``parent`` gives
    ``PART_OF``; ``member_of`` (on a country) and ``members`` (on an
    international organisation) give ``MEMBER_OF``; ``roles`` (on a person) give
    ``HOLDS_ROLE``. ``kind`` says which national body an agency is, for titles.
    """

    id: ActorId
    type: ActorType
    name: str = Field(min_length=2)
    aliases: FormsByLang = Field(default_factory=dict)
    acronyms: list[Form] = Field(default_factory=list)
    country: CountryCode | None = None
    parent: ActorId | None = None
    member_of: list[ActorId] = Field(default_factory=list)
    members: list[ActorId] = Field(default_factory=list)
    wikidata: WikidataId | None = None
    kind: BodyKind | None = None
    adjectives: FormsByLang = Field(default_factory=dict)
    capitals: FormsByLang = Field(default_factory=dict)
    roles: list[RoleSpec] = Field(default_factory=list)

    @model_validator(mode="after")
    def _fields_fit_type(self) -> RegistryEntry:
        if (self.adjectives or self.capitals) and self.type != "Country":
            raise ValueError(f"{self.id}: only a Country has adjectives and capitals")
        if self.roles and self.type != "Person":
            raise ValueError(f"{self.id}: only a Person has roles")
        if self.members and self.type != "InternationalOrganization":
            raise ValueError(f"{self.id}: only an InternationalOrganization has members")
        if self.member_of and self.type != "Country":
            raise ValueError(f"{self.id}: only a Country is member_of an organisation")
        if self.parent == self.id:
            raise ValueError(f"{self.id}: an entry cannot be its own parent")
        return self


class RoleTerm(_Model):
    """A generic title in one language and the body it points to.

    Either ``kind`` (resolved against the country the context names: "ministro
    dell'Interno" → that country's ``interior_ministry``) or ``org`` (a fixed
    body: "EU Commissioner" → ``european-commission``) is set. ``title`` is the
    English title written on the ``HOLDS_ROLE`` edge.
    """

    lang: Lang
    form: Form
    title: str
    kind: BodyKind | None = None
    org: ActorId | None = None
    # An office held in another country ("Ambassador"): never the document's home country's.
    abroad: bool = False

    @model_validator(mode="after")
    def _one_target(self) -> RoleTerm:
        if (self.kind is None) == (self.org is None):
            raise ValueError(f"role term {self.form!r}: set exactly one of kind and org")
        return self


class RegistryFile(_Model):
    """The shape of the packaged registry and of a user's registry file."""

    entries: list[RegistryEntry] = Field(default_factory=list)
    role_terms: list[RoleTerm] = Field(default_factory=list)


class SurfaceForm(NamedTuple):
    """One string that names an entry, for building the gazetteer.

    ``lang`` is ``None`` for acronyms, which are used in every language; other
    forms carry the language they belong to (a name spelled the same in several
    languages is listed once per language).
    ``case_sensitive`` is true for acronyms and for forms that are also a
    common word when written in lower case ("Turkey", "Chad", "Monaco").
    A named tuple: the gazetteer builds tens of thousands of them at start-up.
    """

    form: str
    entry_id: str
    lang: str | None
    kind: SurfaceKind
    case_sensitive: bool


class Registry:
    """Known actors by id, with their surface forms and the role vocabulary."""

    def __init__(
        self,
        entries: Iterable[RegistryEntry],
        role_terms: Iterable[RoleTerm] = (),
        case_sensitive_forms: Iterable[str] = (),
    ) -> None:
        self._entries: dict[str, RegistryEntry] = {}
        for entry in entries:
            self._entries[entry.id] = entry
        self.role_terms: tuple[RoleTerm, ...] = tuple(role_terms)
        self._case_sensitive = frozenset(case_sensitive_forms)
        self._forms: list[SurfaceForm] | None = None
        self._bodies: dict[tuple[str, str], RegistryEntry] = {}
        self._countries: dict[str, RegistryEntry] = {}
        for entry in self._entries.values():
            if entry.type == "Country" and entry.country is not None:
                self._countries[entry.country] = entry
            elif entry.kind is not None and entry.country is not None:
                # The first body of a kind is the country's main one.
                self._bodies.setdefault((entry.country, entry.kind), entry)

    def __getitem__(self, entry_id: str) -> RegistryEntry:
        return self._entries[entry_id]

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._entries

    def __iter__(self) -> Iterator[RegistryEntry]:
        return iter(self._entries.values())

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, entry_id: str) -> RegistryEntry | None:
        """The entry with this id, or ``None``."""
        return self._entries.get(entry_id)

    def body(self, country: str, kind: str) -> RegistryEntry | None:
        """The body of ``kind`` (one of ``BODY_KINDS``) of a country (ISO alpha-2).

        A head of state or government holds office over the country itself, so
        for those kinds the ``Country`` entry stands in when no body is listed.
        """
        found = self._bodies.get((country, kind))
        if found is None and kind in {"head_of_state", "head_of_government"}:
            return self._countries.get(country)
        return found

    def country(self, code: str) -> RegistryEntry | None:
        """The ``Country`` entry for an ISO 3166-1 alpha-2 code."""
        return self._countries.get(code)

    def members(self, organisation_id: str) -> list[str]:
        """Ids of the countries that are members of an international organisation."""
        found = set(self._entries[organisation_id].members)
        found.update(e.id for e in self._entries.values() if organisation_id in e.member_of)
        return sorted(found)

    def search(
        self,
        query: str | None = None,
        actor_type: str | None = None,
        country: str | None = None,
    ) -> list[RegistryEntry]:
        """Entries matching all the given filters, best first.

        ``query`` matches an id, the name, an alias, an acronym or an adjective:
        exact matches (ignoring case) come first, then those that contain it.
        """
        candidates = [
            entry
            for entry in self._entries.values()
            if (actor_type is None or entry.type == actor_type)
            and (country is None or entry.country == country.upper())
        ]
        if not query:
            return candidates
        needle = query.casefold()
        exact: list[RegistryEntry] = []
        partial: list[RegistryEntry] = []
        for entry in candidates:
            texts = [entry.id, entry.name, *entry.acronyms]
            for forms in (*entry.aliases.values(), *entry.adjectives.values()):
                texts.extend(forms)
            folded = [text.casefold() for text in texts]
            if needle in folded:
                exact.append(entry)
            elif any(needle in text for text in folded):
                partial.append(entry)
        return exact + partial

    def find_role_terms(self, query: str | None = None) -> list[RoleTerm]:
        """Role-vocabulary terms whose form or title contains ``query`` (any case)."""
        if not query:
            return list(self.role_terms)
        needle = query.casefold()
        return [
            term
            for term in self.role_terms
            if needle in term.form.casefold() or needle in term.title.casefold()
        ]

    def surface_forms(self) -> list[SurfaceForm]:
        """Every (form, entry, language, kind) the gazetteer should match."""
        if self._forms is None:
            self._forms = list(_surface_forms(self._entries.values(), self._case_sensitive))
        return list(self._forms)

    def structural_relations(self) -> list[StructuralRelation]:
        """``PART_OF``, ``MEMBER_OF`` and ``HOLDS_ROLE`` facts the registry states.

        Only relations whose two ends are both entries are returned, so that a
        user file may drop a parent without leaving a dangling edge.
        """
        relations: list[StructuralRelation] = []
        seen: set[tuple[str, str, str]] = set()

        def add(source: str, target: str, type_: str, **extra: str | None) -> None:
            key = (source, target, type_ + str(extra.get("title")))
            if target in self._entries and source in self._entries and key not in seen:
                seen.add(key)
                relations.append(
                    StructuralRelation(
                        source=source, target=target, type=type_, origin="registry", **extra
                    )
                )

        for entry in self._entries.values():
            if entry.parent:
                add(entry.id, entry.parent, "PART_OF")
            for organisation in entry.member_of:
                add(entry.id, organisation, "MEMBER_OF")
            for member in entry.members:
                add(member, entry.id, "MEMBER_OF")
            for role in entry.roles:
                add(
                    entry.id,
                    role.org,
                    "HOLDS_ROLE",
                    title=role.title,
                    since=role.since,
                    until=role.until,
                )
        return relations


def _surface_forms(
    entries: Iterable[RegistryEntry], case_sensitive: frozenset[str]
) -> Iterator[SurfaceForm]:
    for entry in entries:
        found: list[tuple[str, str | None, SurfaceKind]] = [(entry.name, "en", "name")]
        found.extend(
            (form, lang, "alias") for lang, forms in entry.aliases.items() for form in forms
        )
        found.extend((form, None, "acronym") for form in entry.acronyms)
        found.extend(
            (form, lang, "adjective") for lang, forms in entry.adjectives.items() for form in forms
        )
        found.extend(
            (form, lang, "capital") for lang, forms in entry.capitals.items() for form in forms
        )
        for form, lang, kind in dict.fromkeys(found):
            sensitive = kind == "acronym" or form.lower() in case_sensitive
            yield SurfaceForm(form, entry.id, lang, kind, sensitive)


class PackagedRegistry(RegistryFile):
    """The built registry: a registry file plus the build's safety decisions."""

    case_sensitive_forms: list[str] = Field(default_factory=list)
    # Country names come from Babel's CLDR data: a rebuild under another Babel
    # may differ, and this says which one the committed file was built with.
    babel_version: str | None = None


_FILE_ADAPTER = TypeAdapter(RegistryFile)
_PACKAGED_ADAPTER = TypeAdapter(PackagedRegistry)
PACKAGED_REGISTRY = "registry.json.gz"


@cache
def _packaged() -> PackagedRegistry:
    raw = resources.files("actorgraph.loaders.data").joinpath(PACKAGED_REGISTRY).read_bytes()
    return _PACKAGED_ADAPTER.validate_json(gzip.decompress(raw))


def read_registry_file(path: Path) -> RegistryFile:
    """Read and validate a user registry file (``.yaml``, ``.yml`` or ``.json``).

    Raises ``RegistryError`` naming the file and the reason when it cannot be
    read, parsed or validated.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RegistryError(f"{path}: cannot read registry file: {error}") from error
    try:
        if path.suffix.lower() in {".yaml", ".yml"}:
            data = yaml.safe_load(text)
        elif path.suffix.lower() == ".json":
            data = json.loads(text)
        else:
            raise RegistryError(f"{path}: registry file must be .yaml, .yml or .json")
    except (yaml.YAMLError, json.JSONDecodeError) as error:
        raise RegistryError(f"{path}: not valid {path.suffix[1:].upper()}: {error}") from error
    if isinstance(data, list):
        data = {"entries": data}
    if not isinstance(data, dict):
        raise RegistryError(f"{path}: expected a mapping with 'entries' or a list of entries")
    try:
        return _FILE_ADAPTER.validate_python(data)
    except ValidationError as error:
        raise RegistryError(
            f"{path}: invalid registry entry at {describe_validation(error)}"
        ) from error


def load_registry(extra: Path | None = None) -> Registry:
    """The packaged registry, extended or overridden by the user file ``extra``.

    Entries of ``extra`` with an id already known replace the packaged entry;
    its role terms are added. References (``parent``, ``member_of``,
    ``members``, role ``org``) must name an entry of the merged registry.
    """
    packaged = _packaged()
    if extra is None:
        return Registry(packaged.entries, packaged.role_terms, packaged.case_sensitive_forms)
    user = read_registry_file(extra)
    registry = Registry(
        [*packaged.entries, *user.entries],
        [*packaged.role_terms, *user.role_terms],
        packaged.case_sensitive_forms,
    )
    for entry in user.entries:
        missing = _unknown_references(entry, registry)
        if missing:
            raise RegistryError(f"{extra}: entry {entry.id!r} names unknown id(s): {missing}")
    return registry


def _unknown_references(entry: RegistryEntry, registry: Registry) -> list[str]:
    named = [entry.parent, *entry.member_of, *entry.members, *(r.org for r in entry.roles)]
    return sorted({ref for ref in named if ref is not None and ref not in registry})
