"""The packaged given-name list is what its build gives today."""

from __future__ import annotations

from importlib import resources

from actorgraph.loaders.given_names import PACKAGED_NAMES, build_given_names


def test_committed_list_equals_a_fresh_build() -> None:
    committed = resources.files("actorgraph.loaders.data").joinpath(PACKAGED_NAMES).read_bytes()
    assert committed == build_given_names(), (
        "loaders/data/given_names.txt.gz is stale: run python -m actorgraph.loaders.given_names"
    )
