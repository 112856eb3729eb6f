"""The three folders install as subpackages of one import package, `actorgraph`."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import actorgraph.graph

REPO = Path(__file__).resolve().parents[1]
SUBPACKAGES = ("graph", "loaders", "queries")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("actorgraph-*.whl")
    return built


def test_wheel_holds_only_the_actorgraph_package(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top_level = {name.split("/")[0] for name in names if ".dist-info/" not in name}
    assert top_level == {"actorgraph"}
    for sub in SUBPACKAGES:
        assert f"actorgraph/{sub}/__init__.py" in names
    # An implicit namespace: nothing may shadow the subpackages' parent.
    assert "actorgraph/__init__.py" not in names
    assert any(name.startswith("actorgraph/loaders/data/") and "registry" in name for name in names)


def test_wheel_installs_and_imports(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "import actorgraph.graph, actorgraph.loaders, actorgraph.queries.cli as cli;"
        "print(actorgraph.graph.__file__); print(callable(cli.main))"
    )
    # Run from tmp_path so the repository's folders cannot be picked up by accident.
    result = subprocess.run(
        [sys.executable, "-c", probe, str(target)],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    )
    where, is_callable = result.stdout.split()
    assert Path(where).is_relative_to(target)
    assert is_callable == "True"


def test_editable_install_maps_the_source_folders() -> None:
    assert Path(actorgraph.graph.__file__).parent == REPO / "graph"
    for name in SUBPACKAGES:
        result = subprocess.run(
            [sys.executable, "-c", f"import {name}"], cwd="/", capture_output=True, text=True
        )
        assert result.returncode != 0, f"`{name}` must not be importable as a top-level module"
