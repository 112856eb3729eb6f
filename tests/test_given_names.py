"""The packaged given-name list: what its build gives today, and what it finds."""

from __future__ import annotations

from importlib import resources

from actorgraph.graph.models import Document
from actorgraph.loaders.extract import extract_text
from actorgraph.loaders.given_names import PACKAGED_NAMES, build_given_names


def test_committed_list_equals_a_fresh_build() -> None:
    committed = resources.files("actorgraph.loaders.data").joinpath(PACKAGED_NAMES).read_bytes()
    assert committed == build_given_names(), (
        "loaders/data/given_names.txt.gz is stale: run python -m actorgraph.loaders.given_names"
    )


def test_names_written_in_latin_script_from_other_scripts_open_a_person() -> None:
    # Russian, Persian and Indonesian names as the press transliterates them.
    text = "Alexey Volkov, Omid Rahimi and Djoko Santoso were charged in absentia."
    ex = extract_text(text, Document(id="doc", lang="en"))
    people = {a.id for a in ex.actors if a.type == "Person"}
    assert people == {"alexey-volkov", "omid-rahimi", "djoko-santoso"}
