"""``actorgraph load`` on documents: extraction on the way, workers, bad files, dead letters."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from actorgraph.graph.falkordb_store import FalkorDBStore
from actorgraph.loaders.ingest import load_paths
from actorgraph.loaders.lexicon import LANGUAGES
from actorgraph.loaders.pipeline import DocumentPipeline
from actorgraph.loaders.readers import SourceText, read_paths
from actorgraph.queries.cli import main
from actorgraph.queries.named import graph_stats

EXAMPLES = Path(__file__).parents[1] / "examples"


def load(store: FalkorDBStore, store_home: Path, *args: str) -> Result:
    return CliRunner().invoke(
        main, ["load", *args, "--data-dir", str(store_home), "--graph", store.graph]
    )


def count(store: FalkorDBStore, query: str) -> int:
    return int(next(iter(store.read(query)))["n"])


def test_examples_load_as_documents_with_two_workers(
    store: FalkorDBStore, store_home: Path
) -> None:
    result = load(store, store_home, str(EXAMPLES), "--workers", "2", "--quiet")
    assert result.exit_code == 0, result.output
    assert "Loaded 15 extractions from 13 files: 15 documents" in result.stdout
    assert count(store, "MATCH (d:Document) RETURN count(d) AS n") == 15
    languages = {
        row["lang"] for row in store.read("MATCH (d:Document) RETURN DISTINCT d.lang AS lang")
    }
    assert languages == set(LANGUAGES)
    people = {row["name"] for row in store.read("MATCH (a:Person) RETURN a.name AS name")}
    assert {"Matteo Piantedosi", "Nancy Faeser", "Gérald Darmanin"} <= people


def test_extract_then_load_gives_the_graph_of_loading_documents(
    store: FalkorDBStore, store_home: Path, tmp_path: Path
) -> None:
    extracted = CliRunner().invoke(main, ["extract", str(EXAMPLES), "-q"])
    assert extracted.exit_code == 0
    jsonl = tmp_path / "examples.jsonl"
    jsonl.write_text(extracted.stdout, encoding="utf-8")
    assert load(store, store_home, str(jsonl), "-q").exit_code == 0
    nodes = count(store, "MATCH (n) RETURN count(n) AS n")
    edges = count(store, "MATCH ()-[r]->() RETURN count(r) AS n")
    assert load(store, store_home, str(EXAMPLES), "-q").exit_code == 0
    assert count(store, "MATCH (n) RETURN count(n) AS n") == nodes
    assert count(store, "MATCH ()-[r]->() RETURN count(r) AS n") == edges


def test_bad_documents_go_to_the_dead_letter_file_and_exit_1(
    store: FalkorDBStore, store_home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(EXAMPLES / "fr_darmanin_laftit_paris.txt", folder / "good.txt")
    (folder / "empty.md").write_bytes(b"")
    (folder / "photo.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (folder / "records.jsonl").write_text('{"body": "no text field"}\n', encoding="utf-8")
    dead = tmp_path / "dead.jsonl"
    result = load(store, store_home, str(folder), "--dead-letter", str(dead))
    assert result.exit_code == 1
    assert f"skipped {folder / 'empty.md'}: empty file" in result.stderr
    assert f"skipped {folder / 'photo.html'}: binary file" in result.stderr
    assert "1 extractions from 4 files" in result.stdout and "3 skipped" in result.stdout
    letters = [json.loads(line) for line in dead.read_text(encoding="utf-8").splitlines()]
    assert [(Path(letter["path"]).name, letter["line"]) for letter in letters] == [
        ("empty.md", None),
        ("photo.html", None),
        ("records.jsonl", 1),
    ]
    assert letters[2]["reason"].startswith("not a document: text")
    assert count(store, "MATCH (d:Document) RETURN count(d) AS n") == 1


def test_nothing_loadable_is_exit_2_and_default_dead_letter_in_the_data_dir(
    store_server: object, store_home: Path, tmp_path: Path
) -> None:
    # No `store` fixture: nothing is written, so there is no graph to clean up.
    (tmp_path / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(
        main, ["load", str(tmp_path), "--data-dir", str(store_home), "--graph", "never_written"]
    )
    assert result.exit_code == 2
    assert "Error: nothing was loaded" in result.stderr
    dead = store_home / "dead-letter.jsonl"
    assert str(tmp_path / "empty.txt") in dead.read_text(encoding="utf-8")


def test_a_first_load_reports_what_stats_counts(store: FalkorDBStore, store_home: Path) -> None:
    result = load(store, store_home, str(EXAMPLES), "--quiet")
    assert result.exit_code == 0, result.output
    found = re.search(
        r"(\d+) documents, (\d+) actors, (\d+) relations, (\d+) mentions stored", result.stdout
    )
    assert found is not None, result.stdout
    stats = graph_stats(store)
    assert tuple(map(int, found.groups())) == (
        stats.documents,
        stats.actors,
        stats.relations,
        stats.mentions,
    )
    # Loading again stores the same, already present.
    again = load(store, store_home, str(EXAMPLES), "--quiet")
    assert found.group(0) in again.stdout


def test_load_paths_extracts_ahead_and_keeps_dead_letters_from_python(
    store: FalkorDBStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "inbox"
    shutil.copytree(EXAMPLES, folder)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    handed_out = []
    take = DocumentPipeline._take

    def spy(self: DocumentPipeline, origin: str) -> Any:
        result = take(self, origin)
        handed_out.append(result is not None)
        return result

    monkeypatch.setattr(DocumentPipeline, "_take", spy)
    dead = tmp_path / "dead.jsonl"
    documents = sum(isinstance(found, SourceText) for found in read_paths([folder]))
    with DocumentPipeline(workers=2) as extractor:
        report = load_paths(store, [folder], extractor=extractor, dead_letter=dead)
    assert report.loaded == documents and report.dead_letters == 1
    # Every document came from the extraction run ahead in the worker processes.
    assert handed_out == [True] * (documents + 1)
    (letter,) = [json.loads(line) for line in dead.read_text(encoding="utf-8").splitlines()]
    assert letter["path"] == str(folder / "empty.txt")


@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson"])
def test_extract_and_load_read_the_same_json_lines(
    store: FalkorDBStore, store_home: Path, tmp_path: Path, suffix: str
) -> None:
    # A JSON string may hold U+2028 (and U+0085, a form feed): lines end at \n only.
    texts = [
        "The Italian Interior Minister met the Albanian Interior Minister in Tirana.\u2028"
        "They signed a police cooperation agreement.",
        "Europol and Eurojust\x85 signed a memorandum\x0c of understanding in The Hague.",
    ]
    source = tmp_path / f"news{suffix}"
    lines = [json.dumps({"text": text, "lang": "en"}, ensure_ascii=False) for text in texts]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    extracted = CliRunner().invoke(main, ["extract", str(source), "--format", "jsonl", "-q"])
    assert extracted.exit_code == 0, extracted.output
    paths = [json.loads(line)["document"]["path"] for line in extracted.stdout.splitlines()]
    assert paths == [f"{source}:1", f"{source}:2"]
    assert load(store, store_home, str(source), "-q").exit_code == 0
    stored = store.read("MATCH (d:Document) RETURN d.path AS path ORDER BY path")
    assert [row["path"] for row in stored] == paths
