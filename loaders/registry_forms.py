"""Language rules that expand compact registry facts into surface forms.

Used by :mod:`actorgraph.loaders.registry_build` only: adjective inflection
(Italian, French, Spanish, German agreement), cleaning of CLDR country names, and
the templates that turn "the interior ministry of <country>" into its usual
English, Italian, French, Spanish and German phrasings.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "BODY_TEMPLATES",
    "body_forms",
    "clean_cldr_name",
    "fold_accents",
    "inflect_adjective",
    "slug",
]

_CONJUNCTION = {"en": "and", "it": "e", "fr": "et", "es": "y", "de": "und"}
# CLDR wraps a few names in administrative prefixes or suffixes that no article uses.
_CLDR_WRAPPERS = re.compile(
    r"^(?:RAS di |R\.A\.S\. chinoise de |RAE de |Sonderverwaltungsregion )|"
    r" (?:SAR China|\(China\))$"
)


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
    gives both names; ``"St."`` also gives ``"Saint"`` in English.
    """
    name = name.replace("\u2019", "'").replace(" - ", "-")
    name = name.replace("&", _CONJUNCTION.get(lang, "and"))
    forms: list[str] = []
    stripped = _CLDR_WRAPPERS.sub("", name)
    match = re.fullmatch(r"(.+?) \((.+)\)", stripped)
    if match and match.group(2)[0].islower():
        # "Saint-Martin (partie néerlandaise)": the bare part names another territory.
        return []
    if match:
        forms.extend([match.group(1), match.group(2)])
    else:
        forms.append(stripped)
    if lang == "en":
        forms.extend(form.replace("St. ", "Saint ") for form in list(forms) if "St. " in form)
    return list(dict.fromkeys(forms))


def inflect_adjective(base: str, lang: str) -> list[str]:
    """All agreement forms of a country adjective given in its dictionary form.

    An explicit list ``"belga/belgi/belghe"`` is taken as it is. English
    adjectives that are also nouns for the people (``Italian``, ``Qatari``) get
    their plural.
    """
    if "/" in base:
        return base.split("/")
    if lang == "en":
        plural = base + "s" if base.endswith(("an", "i")) else None
        return [base] if plural is None else [base, plural]
    if lang == "it":
        stem = base[:-1]
        if base.endswith("o"):
            return [base, stem + "a", stem + "i", stem + "e"]
        if base.endswith("e"):
            return [base, stem + "i"]
        if base.endswith("a"):
            return [base, stem + "i", stem + "e"]
        return [base]
    if lang == "fr":
        if base.endswith("e"):
            return [base, base + "s"]
        if base.endswith(("s", "x")):
            return [base, base + "e", base + "es"]
        if base.endswith(("ien", "éen", "on")):
            return [base, base + "ne", base + "s", base + "nes"]
        return [base, base + "e", base + "s", base + "es"]
    if lang == "es":
        if base.endswith("o"):
            return [base, base[:-1] + "a", base + "s", base[:-1] + "as"]
        for accented, plain in (("és", "es"), ("án", "an"), ("ín", "in"), ("ón", "on")):
            if base.endswith(accented):
                stem = base[: -len(accented)] + plain
                return [base, stem + "a", stem + "es", stem + "as"]
        if base.endswith("í"):
            return [base, base + "es"]
        if base.endswith("e") or base.endswith("a"):
            return [base, base + "s"]
        return [base, base + "a", base + "es", base + "as"]
    if lang == "de":
        return [base, base + "e", base + "en", base + "er", base + "es"]
    return [base]


# Per body kind and language: phrasings with {name} (the country's name in that
# language), {the_name} (with article where the language needs one, English
# "the" only for names that take it), {of} (the language's "of <country>", e.g.
# "dell'Italia", "de l'Italie", "von Italien"), {adj} (adjective, masculine
# singular), and {adjs}/{adjs_f} (the German adjective in every ending it takes
# before a neuter/feminine noun: "das katarische Innenministerium", "des
# katarischen...", "ein katarisches..."; "der katarischen Polizei"). A template whose
# placeholder the country lacks is skipped.
_MINISTRY_TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    "interior_ministry": {
        "en": (
            "Ministry of the Interior of {the_name}",
            "Ministry of Interior of {the_name}",
            "Interior Ministry of {the_name}",
            "{poss} Ministry of the Interior",
            "{poss} Ministry of Interior",
            "{poss} Interior Ministry",
            "{name} Ministry of Interior",
            "{name} Ministry of the Interior",
            "{name} Interior Ministry",
            "{adj} Ministry of the Interior",
            "{adj} Ministry of Interior",
            "{adj} Interior Ministry",
            # "MOI" alone is no name (and French "moi"); qualified it is ("Qatar MOI").
            "{name} MOI",
            "{adj} MOI",
        ),
        "it": (
            "Ministero dell'Interno {of}",
            "Ministero degli Interni {of}",
            "Ministero dell'Interno {adj}",
            "Ministero degli Interni {adj}",
        ),
        "fr": ("ministère de l'Intérieur {of}", "ministère de l'Intérieur {adj}"),
        "es": ("Ministerio del Interior {of}", "Ministerio del Interior {adj}"),
        "de": ("{adjs} Innenministerium", "Innenministerium {of}"),
    },
    "foreign_ministry": {
        "en": (
            "Ministry of Foreign Affairs of {the_name}",
            "Foreign Ministry of {the_name}",
            "{poss} Ministry of Foreign Affairs",
            "{poss} Foreign Ministry",
            "{name} Ministry of Foreign Affairs",
            "{name} Foreign Ministry",
            "{adj} Ministry of Foreign Affairs",
            "{adj} Foreign Ministry",
            "{name} MOFA",
            "{adj} MOFA",
        ),
        "it": (
            "Ministero degli Affari Esteri {of}",
            "Ministero degli Esteri {of}",
            "Ministero degli Affari Esteri {adj}",
            "Ministero degli Esteri {adj}",
        ),
        "fr": (
            "ministère des Affaires étrangères {of}",
            "ministère des Affaires étrangères {adj}",
        ),
        "es": (
            "Ministerio de Asuntos Exteriores {of}",
            "Ministerio de Relaciones Exteriores {of}",
            "Ministerio de Asuntos Exteriores {adj}",
            "Ministerio de Relaciones Exteriores {adj}",
            "Cancillería {adj_f}",
        ),
        "de": ("{adjs} Außenministerium", "Außenministerium {of}"),
    },
    "justice_ministry": {
        "en": (
            "Ministry of Justice of {the_name}",
            "Justice Ministry of {the_name}",
            "{poss} Ministry of Justice",
            "{poss} Justice Ministry",
            "{name} Ministry of Justice",
            "{name} Justice Ministry",
            "{adj} Ministry of Justice",
            "{adj} Justice Ministry",
        ),
        "it": ("Ministero della Giustizia {of}", "Ministero della Giustizia {adj}"),
        "fr": ("ministère de la Justice {of}", "ministère de la Justice {adj}"),
        "es": ("Ministerio de Justicia {of}", "Ministerio de Justicia {adj}"),
        "de": ("{adjs} Justizministerium", "Justizministerium {of}"),
    },
    "defence_ministry": {
        "en": (
            "Ministry of Defence of {the_name}",
            "Ministry of Defense of {the_name}",
            "Defence Ministry of {the_name}",
            "Defense Ministry of {the_name}",
            "{poss} Ministry of Defence",
            "{poss} Ministry of Defense",
            "{poss} Defence Ministry",
            "{poss} Defense Ministry",
            "{name} Ministry of Defence",
            "{name} Ministry of Defense",
            "{name} Defence Ministry",
            "{name} Defense Ministry",
            "{adj} Ministry of Defence",
            "{adj} Ministry of Defense",
            "{adj} Defence Ministry",
            "{adj} Defense Ministry",
        ),
        "it": ("Ministero della Difesa {of}", "Ministero della Difesa {adj}"),
        "fr": ("ministère de la Défense {of}", "ministère de la Défense {adj}"),
        "es": ("Ministerio de Defensa {of}", "Ministerio de Defensa {adj}"),
        "de": ("{adjs} Verteidigungsministerium", "Verteidigungsministerium {of}"),
    },
}

_AGENCY_TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    "legislature": {
        "en": ("{adj} Parliament", "Parliament of {the_name}", "{poss} Parliament"),
        "it": ("Parlamento {adj}", "Parlamento {of}"),
        "fr": ("Parlement {adj}", "Parlement {of}"),
        "es": ("Parlamento {adj}", "Parlamento {of}"),
        "de": ("{adjs} Parlament", "Parlament {of}"),
    },
    "police": {
        "en": ("{adj} police", "{adj} National Police", "{poss} national police"),
        "it": ("polizia {adj_f}",),
        "fr": ("police {adj_f}",),
        "es": ("policía {adj_f}",),
        "de": ("{adjs_f} Polizei",),
    },
}

BODY_TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    **_MINISTRY_TEMPLATES,
    **_AGENCY_TEMPLATES,
}

# English names that take "the": "the United States", "the Netherlands".
_TAKES_THE = re.compile(
    r"^(United|Netherlands|Philippines|Bahamas|Gambia|Maldives|Czech Republic|"
    r"Dominican Republic|Central African|Democratic Republic|Republic of|Holy See|"
    r"Comoros|Marshall|Solomon|Seychelles)"
)


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
    templates = BODY_TEMPLATES.get(kind, {})
    out: dict[str, list[str]] = {}
    for lang, patterns in templates.items():
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


_NEUTER_ENDINGS = ("e", "en", "es")
_FEMININE_ENDINGS = ("e", "en", "er")


def _fill(
    pattern: str, lang: str, names: list[str], short: list[str], of: list[str], adjs: list[str]
) -> list[str]:
    for placeholder, endings in (("{adjs}", _NEUTER_ENDINGS), ("{adjs_f}", _FEMININE_ENDINGS)):
        if placeholder in pattern:
            if lang != "de" or not adjs:
                return []
            stem = adjs[0]
            return [pattern.replace(placeholder, stem + ending) for ending in endings]
    if "{adj_f}" in pattern:
        if not adjs:
            return []
        # The second form is the feminine singular where the adjective has one
        # ("italiana", "italienne"); otherwise it is a plural and the base serves.
        has_feminine = len(adjs) > 1 and lang in {"it", "fr", "es"} and adjs[1][-1] in "ae"
        feminine = adjs[1] if has_feminine else adjs[0]
        return [pattern.replace("{adj_f}", feminine)]
    if "{adj}" in pattern:
        return [pattern.replace("{adj}", adjs[0])] if adjs else []
    if "{of}" in pattern:
        return [pattern.replace("{of}", phrase) for phrase in of]
    if "{poss}" in pattern:
        return [pattern.replace("{poss}", _possessive(name)) for name in [*names, *short]]
    if "{the_name}" in pattern:
        return [
            pattern.replace("{the_name}", f"the {name}" if _TAKES_THE.match(name) else name)
            for name in names
        ]
    if "{name}" in pattern:
        return [pattern.replace("{name}", name) for name in [*names, *short]]
    return [pattern]


def _possessive(name: str) -> str:
    # No leading "the": "the United States' ..." still contains the match.
    return f"{name}'" if name.endswith("s") else f"{name}'s"
