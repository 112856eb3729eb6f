"""Readers: every file kind and encoding, and bad files skipped with a reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from actorgraph.loaders.readers import Skipped, SourceText, decode_bytes, read_paths

ITALIAN = "Il ministro dell'Interno è già a Tunisi: perché sì, più controlli, città e libertà."


def read_one(path: Path, **options: int) -> SourceText | Skipped:
    results = list(read_paths([path], **options))
    assert len(results) == 1
    return results[0]


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8-sig", b""),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("cp1252", b""),
        ("latin-1", b""),
    ],
)
def test_text_files_decode_in_every_supported_encoding(
    tmp_path: Path, encoding: str, prefix: bytes
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(prefix + ITALIAN.encode(encoding))
    result = read_one(path)
    assert isinstance(result, SourceText)
    assert result.text == ITALIAN
    assert result.path.endswith("article.txt")


def test_cp1252_curly_quotes_decode_as_cp1252() -> None:
    data = "L\u2019Agenzia ha firmato l\u2019intesa \u201coggi\u201d \u2013 perché è così.".encode(
        "cp1252"
    )
    assert decode_bytes(data) == (
        "L\u2019Agenzia ha firmato l\u2019intesa \u201coggi\u201d \u2013 perché è così."
    )


def test_markdown_keeps_words_and_title(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(
        "# Ministers sign an accord\n\nThe **Interior Minister** met [ENISA](https://x.y/e) "
        "in _Athens_.\n\n![logo](logo.png)\n",
        encoding="utf-8",
    )
    result = read_one(path)
    assert isinstance(result, SourceText)
    assert result.title == "Ministers sign an accord"
    assert "The Interior Minister met ENISA in Athens." in result.text
    assert "logo" not in result.text and "**" not in result.text


def test_html_main_text_title_and_meta_date(tmp_path: Path) -> None:
    paragraph = (
        "The Interior Minister of Portugal met the Spanish Interior Minister in Lisbon to "
        "discuss border policing and the exchange of information between their police forces."
    )
    page = f"""<html><head><title>Iberian talks | Some Site</title>
    <meta property="article:published_time" content="2024-03-05T10:00:00Z"></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Iberian ministers agree on border policing</h1><p>{paragraph}</p>
    <p>{paragraph.replace("Lisbon", "Porto")}</p></article>
    <aside class="newsletter">Subscribe to our newsletter for daily updates</aside>
    <section class="related"><h3>Related articles</h3><ul><li><a href="/a">Other story about
    markets</a></li></ul></section></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    result = read_one(path)
    assert isinstance(result, SourceText)
    assert result.title == "Iberian ministers agree on border policing"
    assert result.date == "2024-03-05"
    assert "met the Spanish Interior Minister in Lisbon" in result.text
    assert "Subscribe" not in result.text
    assert "Other story" not in result.text


def test_jsonl_documents_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"text": "The ministers met in Rome.", "date": "2024-02-01", "lang": "en"}),
        "{not json",
        json.dumps({"title": "no text here"}),
        json.dumps({"text": "Un altro testo.", "date": "soon"}),
        "",
        json.dumps({"text": "Otro texto.", "url": "https://example.org/a", "title": "T"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(read_paths([path]))
    assert [type(result).__name__ for result in results] == [
        "SourceText",
        "Skipped",
        "Skipped",
        "Skipped",
        "SourceText",
    ]
    first, bad_json, no_text, bad_date, last = results
    assert isinstance(first, SourceText) and first.path.endswith("batch.jsonl:1")
    assert first.date == "2024-02-01" and first.lang == "en"
    assert isinstance(bad_json, Skipped) and "not JSON" in bad_json.reason
    assert isinstance(no_text, Skipped) and "text" in no_text.reason
    assert isinstance(bad_date, Skipped) and "not a date" in bad_date.reason
    assert isinstance(last, SourceText) and last.url == "https://example.org/a"
    assert last.path.endswith("batch.jsonl:6")


def test_bad_files_are_skipped_with_a_reason_and_good_ones_read(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    (folder / "nested").mkdir(parents=True)
    (folder / "good.txt").write_text("The ministers met in Rome.", encoding="utf-8")
    (folder / "nested" / "good.md").write_text("# Title\n\nAgencies shared data.", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_text(" \n\n\t\n", encoding="utf-8")
    (folder / "garbage.txt").write_bytes(bytes(range(128, 256)) * 8)
    (folder / "broken-bom.txt").write_bytes(b"\xff\xfe" + b"\x00\xd8\x41")
    (folder / "big.txt").write_text("Ministers met. " * 200, encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")  # unsupported kind: not read at all
    (folder / ".hidden.txt").write_text("hidden", encoding="utf-8")

    results = {Path(result.path).name: result for result in read_paths([folder], max_bytes=2000)}

    assert set(results) == {
        "good.txt",
        "good.md",
        "binary.txt",
        "empty.txt",
        "blank.md",
        "garbage.txt",
        "broken-bom.txt",
        "big.txt",
    }
    assert isinstance(results["good.txt"], SourceText)
    assert isinstance(results["good.md"], SourceText)
    reasons = {
        name: result.reason for name, result in results.items() if isinstance(result, Skipped)
    }
    assert reasons == {
        "binary.txt": "binary file",
        "empty.txt": "empty file",
        "blank.md": "no text (only whitespace)",
        "garbage.txt": "cannot detect the text encoding",
        "broken-bom.txt": "not valid utf-16 despite its BOM",
        "big.txt": "3.0 kB is over the 2.0 kB size limit",
    }


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(25 * 1024 * 1024)  # sparse: costs no disk and is never read
    result = read_one(path)
    assert isinstance(result, Skipped)
    assert result.reason == "26.2 MB is over the 20.0 MB size limit"


def test_missing_and_unsupported_paths_are_reported(tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    results = list(read_paths([tmp_path / "absent.txt", pdf]))
    assert [(Path(r.path).name, r.reason) for r in results if isinstance(r, Skipped)] == [
        ("absent.txt", "no such file or folder"),
        ("report.pdf", "unsupported file type .pdf"),
    ]


def test_non_latin_code_pages_are_still_detected() -> None:
    russian = "Министр внутренних дел встретился с коллегой из Казахстана в Москве."
    assert decode_bytes(russian.encode("cp1251")) == russian
