"""``actorgraph extract``: JSON Lines and table output, bad files, exit codes, workers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from actorgraph.graph.models import Extraction
from actorgraph.loaders.lexicon import LANGUAGES
from actorgraph.queries.cli import main

EXAMPLES = Path(__file__).parents[1] / "examples"
EXAMPLE_DOCUMENTS = 15


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["extract", *args])
    return result.exit_code, result.stdout, result.stderr


def test_jsonl_is_one_extraction_per_document_named_by_file() -> None:
    code, out, err = run(str(EXAMPLES), "--format", "jsonl")
    assert code == 0, err
    extractions = [Extraction.model_validate_json(line) for line in out.splitlines()]
    assert len(extractions) == EXAMPLE_DOCUMENTS
    stems = {Path(extraction.document.path or "").name.split(":")[0] for extraction in extractions}
    assert "en_ncsc_japan_threat_sharing.html" in stems
    assert "mixed_press_digest.jsonl" in stems
    languages = {extraction.document.lang for extraction in extractions}
    assert set(LANGUAGES) <= languages
    assert f"Extracted {EXAMPLE_DOCUMENTS} documents" in err and "0 skipped" in err


def test_table_lists_every_document() -> None:
    code, out, _ = run(str(EXAMPLES), "--format", "table")
    assert code == 0
    for name in ("en_tirana_police_arrangement.txt", "fr_darmanin_laftit_paris.txt"):
        assert name in out
    assert "Matteo Piantedosi" in out


def test_bad_files_are_skipped_with_reason_and_exit_code_1(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(
        (EXAMPLES / "en_gulf_cyber_council.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (tmp_path / "large.txt").write_text("The ministers met. " * 1000, encoding="utf-8")
    code, out, err = run(str(tmp_path), "--max-size", "0.01")
    assert code == 1
    assert len(out.splitlines()) == 1
    assert json.loads(out)["document"]["path"].endswith("good.txt")
    assert "empty.txt: empty file" in err
    assert "image.html: binary file" in err
    assert "large.txt: 19.0 kB is over the 10.0 kB size limit" in err


def test_nothing_extracted_is_exit_code_2(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    code, out, err = run(str(tmp_path))
    assert code == 2
    assert out == ""
    assert "Error: nothing was extracted" in err


def test_user_registry_adds_an_actor(tmp_path: Path) -> None:
    registry = tmp_path / "extra.yaml"
    registry.write_text(
        "entries:\n"
        "  - id: ruritania-cyber-office\n"
        "    type: Agency\n"
        "    name: Ruritanian Cyber Office\n"
        "    acronyms: [RCO]\n",
        encoding="utf-8",
    )
    article = tmp_path / "news.txt"
    article.write_text(
        "The RCO met the European Union Agency for Cybersecurity in Athens on Monday.",
        encoding="utf-8",
    )
    code, out, err = run(str(article), "--registry", str(registry))
    assert code == 0, err
    ids = {actor["id"] for actor in json.loads(out)["actors"]}
    assert "ruritania-cyber-office" in ids


def test_workers_2_prints_what_workers_1_prints() -> None:
    executable = Path(sys.executable).parent / "actorgraph"
    command = [str(executable), "extract", str(EXAMPLES), "-q"]
    environment = {**os.environ, "COLUMNS": "200"}
    serial = subprocess.run(
        [*command, "--workers", "1"], capture_output=True, text=True, env=environment, check=True
    )
    parallel = subprocess.run(
        [*command, "--workers", "2"], capture_output=True, text=True, env=environment, check=True
    )
    assert len(serial.stdout.splitlines()) == EXAMPLE_DOCUMENTS
    assert parallel.stdout == serial.stdout
