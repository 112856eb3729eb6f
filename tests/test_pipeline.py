"""The extraction pipeline: files in, one Extraction or one reason per document out."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from actorgraph.graph.errors import InvalidDocument
from actorgraph.graph.models import Extraction
from actorgraph.loaders.pipeline import DocumentPipeline, extract_paths, prepare_document
from actorgraph.loaders.readers import Skipped, SourceText

EXAMPLES = Path(__file__).parents[1] / "examples"

ARTICLE = (
    "Home » Politica » Roma e Parigi\n"
    "Roma e Parigi firmano un'intesa sulla cybersicurezza\n"
    "di Anna Verdi | 20 maggio 2024\n\n"
    "Il ministro dell\u2019Interno Matteo Piantedosi ha incontrato a Roma il ministro "
    "francese dell\u2019Interno. I due ministri hanno firmato un memorandum d\u2019intesa "
    "sullo scambio di informazioni tra le polizie.\n\n"
    "Condividi\nIscriviti alla newsletter\n"
)


def test_prepare_document_fills_metadata_and_hashes_the_clean_text() -> None:
    prepared = prepare_document(SourceText(path="inbox/roma.txt", text=ARTICLE))
    document = prepared.document
    assert prepared.text.startswith("Roma e Parigi firmano un'intesa sulla cybersicurezza\n\n")
    assert "dell'Interno" in prepared.text
    assert "Condividi" not in prepared.text and "Anna Verdi" not in prepared.text
    assert document.id == hashlib.sha256(prepared.text.encode("utf-8")).hexdigest()
    assert document.path == "inbox/roma.txt"
    assert document.title == "Roma e Parigi firmano un'intesa sulla cybersicurezza"
    assert document.date == "2024-05-20"
    assert document.lang == "it"


def test_metadata_given_by_the_source_wins() -> None:
    source = SourceText(path="a.jsonl#1", text=ARTICLE, title="T", date="2024-06", lang="fr")
    document = prepare_document(source).document
    assert (document.title, document.date, document.lang) == ("T", "2024-06", "fr")


def test_a_page_of_furniture_only_is_invalid() -> None:
    with pytest.raises(InvalidDocument, match="no article text"):
        prepare_document(SourceText(path="x.txt", text="Share this\nSubscribe to our newsletter"))


def test_same_article_in_two_encodings_is_one_document(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(ARTICLE.encode("utf-16"))
    first, second = extract_paths([tmp_path])
    assert isinstance(first, Extraction) and isinstance(second, Extraction)
    assert first.document.id == second.document.id
    assert first.model_dump(exclude={"document"}) == second.model_dump(exclude={"document"})
    names = {actor.name for actor in first.actors}
    assert "Matteo Piantedosi" in names


def test_bad_files_are_reported_and_good_ones_extracted(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "en_tirana_police_arrangement.txt", tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "furniture.md").write_text("Share\n\nSubscribe to our newsletter\n", "utf-8")
    results = list(extract_paths([tmp_path]))
    by_name = {
        Path(result.path if isinstance(result, Skipped) else result.document.path or ""): result
        for result in results
    }
    assert [path.name for path in by_name] == [
        "binary.txt",
        "empty.txt",
        "furniture.md",
        "good.txt",
    ]
    good = by_name[tmp_path / "good.txt"]
    assert isinstance(good, Extraction)
    assert {"Matteo Piantedosi", "Taulant Balla"} <= {actor.name for actor in good.actors}
    assert good.relations, "the example names meetings and a signed arrangement"
    reasons = {
        path.name: result.reason for path, result in by_name.items() if isinstance(result, Skipped)
    }
    assert reasons == {
        "binary.txt": "binary file",
        "empty.txt": "empty file",
        "furniture.md": "no article text left after removing page furniture",
    }


def test_two_workers_give_the_same_output_as_one(tmp_path: Path) -> None:
    for number in range(12):  # enough documents for several chunks per worker
        (tmp_path / f"doc_{number:02d}.txt").write_text(
            ARTICLE.replace("20 maggio", f"{number + 1} maggio"), encoding="utf-8"
        )
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01binary")
    paths = [EXAMPLES, tmp_path]
    serial = [result.model_dump_json() for result in extract_paths(paths, workers=1)]
    parallel = [
        result.model_dump_json() for result in extract_paths(paths, workers=2, chunk_size=3)
    ]
    assert len(serial) == 15 + 13
    assert parallel == serial


def test_document_pipeline_reads_files_and_records(tmp_path: Path) -> None:
    pipeline = DocumentPipeline()
    assert ".html" in pipeline.suffixes and ".jsonl" not in pipeline.suffixes
    extraction = pipeline.extract_file(EXAMPLES / "it_acn_anssi_memorandum.md")
    assert extraction.document.lang == "it"
    assert extraction.document.title is not None and "ACN-ANSSI" in extraction.document.title
    record = pipeline.extract_record({"text": ARTICLE, "date": "2024-05-20"}, Path("in.jsonl"), 4)
    assert record.document.path == "in.jsonl:4"
    with pytest.raises(InvalidDocument, match="text"):
        pipeline.extract_record({"body": "no text field"}, Path("in.jsonl"), 5)
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(InvalidDocument, match="empty file"):
        pipeline.extract_file(tmp_path / "empty.txt")


def test_prefetch_hands_out_files_and_records_in_load_order(tmp_path: Path) -> None:
    first = tmp_path / "a.txt"
    first.write_text(ARTICLE, encoding="utf-8")
    records = [
        {"text": ARTICLE.replace("Roma", "Milano"), "date": "2024-05-21"},
        {"document": {"id": "an-extraction"}},  # load_paths writes these itself
        {"body": "neither"},
        {"text": ARTICLE.replace("Roma", "Napoli")},
    ]
    batch = tmp_path / "b.jsonl"
    batch.write_text(
        "\n".join([*(json.dumps(record) for record in records), "{broken"]) + "\n",
        encoding="utf-8",
    )
    last = EXAMPLES / "it_acn_anssi_memorandum.md"
    serial = DocumentPipeline()
    expected = [
        serial.extract_file(first),
        serial.extract_record(records[0], batch, 1),
        serial.extract_record(records[3], batch, 4),
        serial.extract_file(last),
    ]
    with DocumentPipeline(workers=2, chunk_size=1) as pipeline:
        pipeline.prefetch([first, batch, last])
        assert pipeline.extract_file(first) == expected[0]
        assert pipeline.extract_record(records[0], batch, 1) == expected[1]
        with pytest.raises(InvalidDocument, match="not a document: text"):
            pipeline.extract_record(records[2], batch, 3)
        assert pipeline.extract_record(records[3], batch, 4) == expected[2]
        assert pipeline.extract_file(last) == expected[3]
        # Asked out of order, a document is extracted on the spot, the same way.
        pipeline.prefetch([first, last])
        assert pipeline.extract_file(last) == expected[3]
        assert pipeline.extract_file(first) == expected[0]


def test_parallel_extraction_leaves_the_garbage_collector_alone(tmp_path: Path) -> None:
    import gc

    (tmp_path / "doc.txt").write_text(ARTICLE, encoding="utf-8")
    frozen = []
    for _ in extract_paths([EXAMPLES, tmp_path], workers=2, chunk_size=2):
        frozen.append(gc.get_freeze_count())
    assert frozen and max(frozen) == 0
