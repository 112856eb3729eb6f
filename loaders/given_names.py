"""Given names: the first word of a personal name, in any of the world's languages.

A capitalised run that opens with a given name ("Hamid Firoozi", "Oana Țoiu",
"Carlos Benítez González") is a person even when no title stands next to it.
The list is data, packaged as ``data/given_names.txt.gz`` (one name a line) and
rebuilt by ``python -m actorgraph.loaders.given_names`` from two sources:

* the given names of Faker's person providers in Latin-script locales (about
  eighty locales: the names people in those countries are really given);
* the first names that rank among the 500 most given in some country in
  names-dataset (in Latin script as people write them online: "Alexey",
  "Omid", "Djoko", which Cyrillic, Persian or Indonesian sources miss);
* the first word of every person in the actor registry.

Words that name something else in the registry (countries, capitals, bodies:
"Jordan", "Georgia"), that are a month or weekday in a supported language
("May"), a title or a trigger of a lexicon ("General", "Chancellor"), or a
common word listed under ``not_given_names`` in ``data/common_words.yaml``
("North", "Will") are left out: such a name needs a title to be found.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import pickle
import pkgutil
import sys
import unicodedata
from functools import cache
from importlib import resources

__all__ = ["build_given_names", "given_names", "main"]

PACKAGED_NAMES = "given_names.txt.gz"


@cache
def given_names() -> frozenset[str]:
    """The packaged given names, loaded once per process."""
    raw = resources.files("actorgraph.loaders.data").joinpath(PACKAGED_NAMES).read_bytes()
    return frozenset(gzip.decompress(raw).decode("utf-8").split("\n"))


def _latin(name: str) -> bool:
    return all(
        char in "-'’" or (char.isalpha() and "LATIN" in unicodedata.name(char, "")) for char in name
    )


def _faker_names() -> set[str]:
    import faker.providers.person as person  # build-time dependency only

    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            value = next(
                (vars(k)[attribute] for k in provider.__mro__ if attribute in vars(k)), None
            )
            if isinstance(value, (list, tuple, dict)):
                names.update(str(name) for name in value)
    return names


# A name among the most given in some country (Facebook-derived ranks of
# names-dataset, Latin script): "Alexey", "Omid", "Djoko", "Tanel".
_MAX_RANK = 500


def _ranked_names() -> set[str]:
    """The names-dataset first names ranked at most ``_MAX_RANK`` in some country."""
    import importlib.util  # build-time dependency only; its package needs numpy, its data not

    spec = importlib.util.find_spec("names_dataset")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("names-dataset is not installed (pip install -e '.[test]')")
    folder = next(iter(spec.submodule_search_locations))
    with gzip.open(f"{folder}/v3/first_names.pkl.gz") as handle:
        table = pickle.load(handle)  # the pinned package's own data
    return {
        str(name)
        for name, facts in table.items()
        if any(rank is not None and rank <= _MAX_RANK for rank in facts["rank"].values())
    }


def _calendar_words() -> set[str]:
    import babel  # build-time dependency of the registry too

    from actorgraph.loaders.lexicon import LANGUAGES

    words: set[str] = set()
    for lang in LANGUAGES:
        locale = babel.Locale(lang)
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                words.update(str(w) for w in locale.months[context][width].values())
                words.update(str(w) for w in locale.days[context][width].values())
    return {w.casefold().rstrip(".") for w in words}


def _lexicon_word(name: str) -> bool:
    from actorgraph.loaders.lexicon import LANGUAGES, lexicon_for

    for lang in LANGUAGES:
        lex = lexicon_for(lang)
        if (
            lex.person_titles.fullmatch(name)
            or name in lex.org_heads_initial
            or name in lex.org_heads_final
            or any(t.start == 0 and t.end == len(name) for t in lex.triggers(name))
        ):
            return True
    return False


def build_given_names() -> bytes:
    """The gzip bytes of the packaged list (deterministic: sorted, no timestamp)."""
    from actorgraph.loaders.registry import load_registry
    from actorgraph.loaders.registry_build import DATA_DIR, read_fact_file

    registry = load_registry()
    people = {e.name.split()[0] for e in registry if e.type == "Person"}
    other_forms = {
        form.form.casefold()
        for form in registry.surface_forms()
        if registry[form.entry_id].type != "Person"
    }
    common = read_fact_file(DATA_DIR / "common_words.yaml")
    from actorgraph.loaders.lexicon import every_language, not_name_words

    excluded = other_forms | _calendar_words() | {w.casefold() for w in common["not_given_names"]}
    # Function words of any language ("Per" is Italian "for") and other not-name words.
    excluded |= {w.casefold() for w in not_name_words() | every_language("name_connectors")}
    # "Alla Postale" is "at the Postale": articles and prepositions of any language.
    for key in ("articles", "datives", "genitives", "agent_prepositions"):
        excluded |= {w.casefold() for w in every_language(key)}
    names = {
        name
        for name in _faker_names() | _ranked_names() | people
        if len(name) > 2
        and name[0].isupper()
        and not name.isupper()
        and " " not in name
        and _latin(name)
        and name.casefold() not in excluded
        and not _lexicon_word(name)
    }
    text = "\n".join(sorted(names))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def main(argv: list[str] | None = None) -> int:
    """Write the packaged list, or with ``--check`` report whether it is stale."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args(argv)
    target = resources.files("actorgraph.loaders.data").joinpath(PACKAGED_NAMES)
    fresh = build_given_names()
    if args.check:
        stale = not target.is_file() or target.read_bytes() != fresh
        print(f"{target}: {'stale' if stale else 'up to date'}")
        return 1 if stale else 0
    with resources.as_file(target) as path:
        path.write_bytes(fresh)
    print(f"wrote {target} ({len(fresh)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
