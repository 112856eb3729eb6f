"""The development corpus (40 annotated articles in five languages), scored by the shared script.

Runs the documented pipeline, ``actorgraph extract ../shared/corpus/dev --format
jsonl | python ../shared/eval/score.py - --gold ../shared/eval/gold-dev --catalog
../shared/eval/gold/actors.yaml``, as real subprocesses.

Two tests: the issue's acceptance thresholds (actors 0.90, relations 0.65, pairs
0.80, no language below relations 0.55) are not reached yet and are marked as
an expected failure, so that reaching them is noticed (the mark is strict); the
floor below holds what the extraction measures today, so a change that makes it
worse fails.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).parents[2] / "shared"
DEV = SHARED / "corpus" / "dev"
SCORER = SHARED / "eval" / "score.py"
ACTORGRAPH = Path(sys.executable).with_name("actorgraph")

# Measured on this corpus by the code of this commit, rounded down.
FLOOR = {"actors": 0.85, "relations": 0.42, "pairs": 0.50}
FLOOR_RELATIONS_BY_LANGUAGE = 0.30


@pytest.fixture(scope="module")
def scores() -> dict[str, Any]:
    if not (DEV.is_dir() and SCORER.is_file()):
        if os.environ.get("CI") == "true":
            pytest.fail(f"development corpus or scorer missing under {SHARED}")
        pytest.skip(f"development corpus or scorer missing under {SHARED}")
    extracted = subprocess.run(
        [str(ACTORGRAPH), "extract", str(DEV), "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    scored = subprocess.run(
        [
            sys.executable,
            str(SCORER),
            "-",
            "--gold",
            str(SHARED / "eval" / "gold-dev"),
            "--catalog",
            str(SHARED / "eval" / "gold" / "actors.yaml"),
            "--json",
        ],
        input=extracted.stdout,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result: dict[str, Any] = json.loads(scored.stdout)
    assert result["documents"] == 40
    return result


def test_dev_scores_hold_the_measured_floor(scores: dict[str, Any]) -> None:
    for key, floor in FLOOR.items():
        assert scores[key]["f1"] >= floor, (key, scores[key])
    for lang, by_kind in scores["f1_by_lang"].items():
        assert by_kind["relations"] >= FLOOR_RELATIONS_BY_LANGUAGE, (lang, by_kind)


@pytest.mark.xfail(strict=True, reason="issue 10's acceptance thresholds are not reached yet")
def test_dev_scores_meet_the_acceptance_thresholds(scores: dict[str, Any]) -> None:
    assert scores["actors"]["f1"] >= 0.90, scores["actors"]
    assert scores["relations"]["f1"] >= 0.65, scores["relations"]
    assert scores["pairs"]["f1"] >= 0.80, scores["pairs"]
    for lang, by_kind in scores["f1_by_lang"].items():
        assert by_kind["relations"] >= 0.55, (lang, by_kind)
