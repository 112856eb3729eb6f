"""`actorgraph load` and `load_paths`: idempotent loads, bad lines, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import Cli, cli_for, edge_count, node_count
from load_samples import graph_fingerprint, sample_extraction, write_samples

from actorgraph.graph.store import Store
from actorgraph.loaders.ingest import load_paths


@pytest.fixture
def cli(store: Store, store_home: Path) -> Cli:
    return cli_for(store, store_home)


def test_loading_the_same_file_twice_gives_the_same_counts(
    cli: Cli, store: Store, tmp_path: Path
) -> None:
    source = write_samples(tmp_path / "docs.jsonl", 60)
    first = cli("load", str(source))
    assert first.exit_code == 0, first.output
    assert "Loaded 60 extractions from 1 file: 60 documents" in first.stdout
    counts = (node_count(store), edge_count(store))
    fingerprint = graph_fingerprint(store)
    second = cli("load", str(source))
    assert second.exit_code == 0
    assert (node_count(store), edge_count(store)) == counts
    assert graph_fingerprint(store) == fingerprint
    assert counts[0] == 60 + 40  # documents + the actor pool


def test_invalid_lines_are_reported_with_file_and_line_and_the_rest_loads(
    cli: Cli, store: Store, tmp_path: Path
) -> None:
    good = [json.dumps(sample_extraction(i)) for i in range(4)]
    bad_model = sample_extraction(9)
    bad_model["actors"][0]["type"] = "Spaceship"
    unknown_end = sample_extraction(10)
    unknown_end["relations"][0]["target"] = "nobody"
    lines = [
        good[0],
        "{not json",
        good[1],
        json.dumps(bad_model),
        "",
        json.dumps(unknown_end),
        '"a string"',
        good[2],
        json.dumps({"body": "neither a document nor an extraction"}),
        good[3],
    ]
    source = tmp_path / "mixed.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("load", str(source))
    assert result.exit_code == 1
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    assert [line.split(": ", 1)[0] for line in skipped] == [
        f"skipped {source}:{n}" for n in (2, 4, 6, 7, 9)
    ]
    assert "not JSON" in skipped[0]
    assert "actors.0.type" in skipped[1]
    assert "nobody" in skipped[2]
    assert "4 extractions" in result.stdout and "5 skipped" in result.stdout
    assert len(list(store.read("MATCH (d:Document) RETURN d.id AS id"))) == 4


def test_nothing_loadable_is_exit_2(cli: Cli, store: Store, tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text("nope\n[]\n", encoding="utf-8")
    result = cli("load", str(source))
    assert result.exit_code == 2
    assert "Error: nothing was loaded" in result.stderr
    assert node_count(store) == 0


def test_folders_are_walked_and_other_files_left_alone(
    cli: Cli, store: Store, tmp_path: Path
) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    write_samples(tmp_path / "a" / "one.jsonl", 2)
    write_samples(tmp_path / "a" / "b" / "two.ndjson", 2, start=2)
    write_samples(tmp_path / ".hidden" / "no.jsonl", 2, start=10)
    (tmp_path / "a" / "notes.csv").write_text("x,y\n", encoding="utf-8")
    result = cli("load", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "from 2 files: 4 documents" in result.stdout
    ids = [row["id"] for row in store.read("MATCH (d:Document) RETURN d.id AS id ORDER BY id")]
    assert ids == [f"doc-{i:06d}" for i in range(4)]


INJECTIONS = [
    'it\'s "quoted"',
    "back`tick` and \\u0060 written out",
    "line one\nline two\r\nline three",
    "nul \x00 inside",
    "' WITH 1 AS x MATCH (n) DETACH DELETE n //",
    '" WITH 1 AS x MATCH (n) DETACH DELETE n //',
    "`) DETACH DELETE n //",
]


def _evil_extraction() -> dict[str, object]:
    """One document whose every text field is one of the injection strings."""
    return {
        "document": {"id": "doc-injection", "title": INJECTIONS[4], "path": INJECTIONS[6]},
        "actors": [
            {"id": f"evil-{k}", "name": text, "type": "Agency", "aliases": INJECTIONS}
            for k, text in enumerate(INJECTIONS)
        ],
        "relations": [
            {
                "source": "evil-0",
                "target": f"evil-{k}",
                "type": "MET_WITH",
                "doc": "doc-injection",
                "evidence": text,
                "start": k * 100,
                "end": k * 100 + len(text),
                "cameo": "040",
                "confidence": 0.5,
                "rule": text,
            }
            for k, text in enumerate(INJECTIONS)
        ],
    }


def test_injection_strings_through_the_cli_are_stored_verbatim(
    cli: Cli, store: Store, tmp_path: Path
) -> None:
    assert cli("load", str(write_samples(tmp_path / "base.jsonl", 5))).exit_code == 0
    before = graph_fingerprint(store)
    source = tmp_path / "evil.jsonl"
    source.write_text(json.dumps(_evil_extraction()) + "\n", encoding="utf-8")
    result = cli("load", str(source))
    assert result.exit_code == 0, result.output

    after = graph_fingerprint(store)
    for key in before:  # nothing that was there changed or went away
        assert all(row in after[key] for row in before[key])
    actors = list(
        store.read(
            "MATCH (a:Actor) WHERE a.id STARTS WITH 'evil-' "
            "RETURN a.name AS name, a.aliases AS aliases ORDER BY a.id"
        )
    )
    assert [row["name"] for row in actors] == INJECTIONS
    assert all(sorted(row["aliases"]) == sorted(INJECTIONS) for row in actors)
    edges = list(
        store.read(
            "MATCH ()-[r:MET_WITH {doc: $doc}]->() RETURN r.evidence AS e, r.rule AS rule "
            "ORDER BY r.start",
            {"doc": "doc-injection"},
        )
    )
    assert [(row["e"], row["rule"]) for row in edges] == [(t, t) for t in INJECTIONS]
    shown = cli(
        "query",
        "MATCH (d:Document {id: $id}) RETURN d.title AS title, d.path AS path",
        "-p",
        "id=doc-injection",
        "--format",
        "json",
    )
    assert json.loads(shown.stdout) == [{"title": INJECTIONS[4], "path": INJECTIONS[6]}]


@pytest.mark.parametrize("uri", ["redis://127.0.0.1:9", "bolt://127.0.0.1:9"])
def test_unreachable_store_is_exit_2_in_one_line(cli: Cli, tmp_path: Path, uri: str) -> None:
    result = cli("load", str(write_samples(tmp_path / "s.jsonl", 1)), "--store", uri)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error:") and result.stderr.count("\n") == 1


def test_load_paths_is_the_library_call(store: Store, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    source = write_samples(tmp_path / "lib.jsonl", 25)
    report = load_paths(
        store,
        [source],
        progress=lambda done, total, documents: seen.append((done, total)),
    )
    assert report.outcome == "complete"
    assert (report.files, report.loaded, report.written.documents) == (1, 25, 25)
    assert report.written.relations == 75
    size = source.stat().st_size
    assert seen[-1] == (size, size)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
