"""Scores on the shared corpora, from the shared evaluation script.

Runs the documented commands, ``actorgraph extract ../shared/corpus/seeds --format
jsonl`` (and ``.../dev``), as real subprocesses and pipes them into
``../shared/eval/score.py``.

The five seed articles meet their acceptance thresholds, and so do the 40
development articles: issue 10's thresholds for actors (0.90), relations (0.65),
pairs (0.80) and every language's relations (0.55). A floor holds what the
extraction measures today, so a change that makes it worse fails.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).parents[2] / "shared"
SEEDS = SHARED / "corpus" / "seeds"
DEV = SHARED / "corpus" / "dev"
SCORER = SHARED / "eval" / "score.py"
ACTORGRAPH = Path(sys.executable).with_name("actorgraph")
NOT_ACTORS = (
    "Decode39",
    "The Peninsula",
    "Paloma Duran",
    "Red Hot Cyber",
    "La Sapienza",
    "riafan.ru",
)


def _extract(corpus: Path) -> str:
    if not (corpus.is_dir() and SCORER.is_file()):
        pytest.fail(f"{corpus.name} corpus or scorer missing under {SHARED}")
    run = subprocess.run(
        [str(ACTORGRAPH), "extract", str(corpus), "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return run.stdout


def _score(extracted: str, *options: str) -> dict[str, Any]:
    scored = subprocess.run(
        [sys.executable, str(SCORER), "-", "--json", *options],
        input=extracted,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result: dict[str, Any] = json.loads(scored.stdout)
    return result


@pytest.fixture(scope="module")
def extracted() -> str:
    return _extract(SEEDS)


@pytest.fixture(scope="module")
def dev_scores() -> dict[str, Any]:
    gold = ("--gold", str(SHARED / "eval" / "gold-dev"))
    catalog = ("--catalog", str(SHARED / "eval" / "gold" / "actors.yaml"))
    scores = _score(_extract(DEV), *gold, *catalog)
    assert scores["documents"] == 40
    return scores


def test_seed_scores_meet_the_acceptance_thresholds(extracted: str) -> None:
    scores = _score(extracted)
    assert scores["documents"] == 5
    assert scores["actors"]["f1"] >= 0.90, scores
    assert scores["relations"]["f1"] >= 0.70, scores
    assert scores["pairs"]["f1"] >= 0.80, scores


# Measured on the development corpus by the code of this commit, rounded down.
DEV_FLOOR = {"actors": 0.94, "relations": 0.72, "pairs": 0.80}
DEV_FLOOR_RELATIONS_BY_LANGUAGE = 0.63


def test_dev_scores_hold_the_measured_floor(dev_scores: dict[str, Any]) -> None:
    for key, floor in DEV_FLOOR.items():
        assert dev_scores[key]["f1"] >= floor, (key, dev_scores[key])
    for lang, by_kind in dev_scores["f1_by_lang"].items():
        assert by_kind["relations"] >= DEV_FLOOR_RELATIONS_BY_LANGUAGE, (lang, by_kind)


def test_dev_scores_meet_the_acceptance_thresholds(dev_scores: dict[str, Any]) -> None:
    assert dev_scores["actors"]["f1"] >= 0.90, dev_scores["actors"]
    assert dev_scores["relations"]["f1"] >= 0.65, dev_scores["relations"]
    assert dev_scores["pairs"]["f1"] >= 0.80, dev_scores["pairs"]
    for lang, by_kind in dev_scores["f1_by_lang"].items():
        assert by_kind["relations"] >= 0.55, (lang, by_kind)


def test_outlets_journalists_and_teasers_are_not_actors(extracted: str) -> None:
    lines = [json.loads(line) for line in extracted.splitlines() if line.strip()]
    assert len(lines) == 5
    for line in lines:
        for actor in line["actors"]:
            forms = [actor["name"], *actor["aliases"], *(m["text"] for m in actor["mentions"])]
            for form in forms:
                assert not any(bad.lower() in form.lower() for bad in NOT_ACTORS), (
                    actor["id"],
                    form,
                )
