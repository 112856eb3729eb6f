"""Read inputs from files and folders: .txt, .md, .html/.htm, .jsonl/.ndjson.

The one input layer of actorgraph: ``extract`` and ``load`` find files with
:func:`iter_files`, split JSON Lines with :func:`jsonl_lines`, turn a document
record into text with :func:`read_record`, and report what they could not use
as :class:`Skipped`. Readers yield ``SourceText`` (decoded text plus whatever
metadata the file itself carries) or ``Skipped`` (a file or line that cannot be
read, with the reason). They never raise for a bad file: one unreadable file
must not stop a folder from loading.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from actorgraph.graph.errors import describe_validation
from actorgraph.loaders.metadata import parse_date

__all__ = [
    "DEFAULT_MAX_BYTES",
    "JSONL_SUFFIXES",
    "SUPPORTED_SUFFIXES",
    "JsonlDocument",
    "Skipped",
    "SourceText",
    "UndecodableError",
    "decode_bytes",
    "iter_files",
    "jsonl_lines",
    "parse_line",
    "read_file",
    "read_paths",
    "read_record",
]

DEFAULT_MAX_BYTES = 20_000_000
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", *sorted(JSONL_SUFFIXES))


class SourceText(BaseModel):
    """Decoded text of one document before normalisation, with file-level metadata.

    ``path`` names the file (``file:line`` for a JSON Lines document); ``title``,
    ``date``, ``url`` and ``lang`` are set only when the file states them (HTML
    metadata, JSON Lines fields).
    """

    model_config = ConfigDict(extra="forbid")

    path: str
    text: str
    url: str | None = None
    title: str | None = None
    date: str | None = None
    lang: str | None = None


class Skipped(BaseModel):
    """A file, or a line of a JSON Lines file, that was not used, and why."""

    model_config = ConfigDict(extra="forbid")

    path: str
    line: int | None = None
    reason: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"


class JsonlDocument(BaseModel):
    """One line of a documents JSON Lines file."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    url: str | None = None
    title: str | None = None
    date: str | None = None
    lang: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$")

    @field_validator("date")
    @classmethod
    def _date_is_a_date(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            raise ValueError(f"{value!r} is not a date")
        return parsed


class UndecodableError(ValueError):
    """Bytes that are not text in any encoding actorgraph reads."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# charset-normalizer ranks the single-byte Latin code pages alike on short text
# and may pick cp1250 for Italian; articles in en/it/fr/es/de that are not UTF-8
# are cp1252 (a superset of Latin-1's printable range), so whenever the best guess
# is Latin script and cp1252 decodes the bytes, cp1252 is used.
_LATIN_ALPHABETS = frozenset(
    {
        "Basic Latin",
        "Latin-1 Supplement",
        "Latin Extended-A",
        "Latin Extended-B",
        "General Punctuation",
        "Currency Symbols",
        "Letterlike Symbols",
        "Spacing Modifier Letters",
    }
)
# Accented letters are a minority in Latin-script text: at least this many ASCII
# letters per non-ASCII byte, where Cyrillic, Greek or Arabic code pages have
# mostly non-ASCII letters.
_ASCII_LETTERS_PER_HIGH_BYTE = 2
_BINARY_SAMPLE = 8192
_MAX_CONTROL_RATIO = 0.05
_CONTROL_BYTES = frozenset(range(0, 9)) | frozenset(range(14, 32)) | {127}


def _looks_binary(data: bytes) -> bool:
    sample = data[:_BINARY_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = sum(byte in _CONTROL_BYTES for byte in sample)
    return controls > _MAX_CONTROL_RATIO * len(sample)


def decode_bytes(data: bytes) -> str:
    """Decode file content: a BOM first, then UTF-8, then the detected code page.

    Parameters
    ----------
    data : bytes
        Raw file content.

    Returns
    -------
    str
        The text, without its BOM.

    Raises
    ------
    UndecodableError
        If the bytes look binary or no encoding gives plausible text.

    Examples
    --------
    >>> decode_bytes("perché è così".encode("cp1252"))
    'perché è così'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise UndecodableError(f"not valid {encoding} despite its BOM") from error
    if _looks_binary(data):
        raise UndecodableError("binary file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_ascii_letters(data):
        # Latin-script text with a few accented letters: charset-normalizer
        # guesses poorly on short samples, and in en/it/fr/es/de it is cp1252.
        return _decode_cp1252(data)
    # Imported here, as trafilatura below: ``load`` reads JSON Lines with
    # this module, and most commands read nothing at all.
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise UndecodableError("cannot detect the text encoding")
    if set(best.alphabets) <= _LATIN_ALPHABETS:
        return _decode_cp1252(data)
    return str(best)


def _mostly_ascii_letters(data: bytes) -> bool:
    ascii_letters = sum(1 for byte in data if 65 <= byte <= 90 or 97 <= byte <= 122)
    high = sum(1 for byte in data if byte >= 0x80)
    return ascii_letters >= _ASCII_LETTERS_PER_HIGH_BYTE * high


def _decode_cp1252(data: bytes) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # The five bytes cp1252 leaves undefined are C1 controls in Latin-1.
        return data.decode("latin-1")


def iter_files(
    paths: Iterable[Path], suffixes: Collection[str] = SUPPORTED_SUFFIXES
) -> Iterator[Path | Skipped]:
    """Yield the files to read under ``paths``, folders walked recursively in name order.

    Inside a folder, hidden files and folders and files of other kinds than
    ``suffixes`` are passed over silently; a file named explicitly with
    another suffix, or a path that does not exist, is ``Skipped``.
    """
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path).parts
                if any(part.startswith(".") for part in relative):
                    continue
                if child.is_file() and child.suffix.lower() in suffixes:
                    yield child
        elif not path.exists():
            yield Skipped(path=str(path), reason="no such file or folder")
        elif path.suffix.lower() not in suffixes:
            yield Skipped(path=str(path), reason=f"unsupported file type {path.suffix or '(none)'}")
        else:
            yield path


def jsonl_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """The number and bytes of every line of a JSON Lines file.

    Lines end at ``\\n`` only, as the format says: a JSON string may hold
    U+2028 or a form feed, which ``str.splitlines`` would take for line
    ends. Raises ``OSError`` if the file cannot be opened."""
    with path.open("rb") as handle:
        yield from enumerate(handle, start=1)


def read_record(record: object, path: Path | str, line: int) -> SourceText | Skipped:
    """One parsed JSON Lines line as a document (``text`` plus optional
    ``url``, ``title``, ``date``, ``lang``), named ``path:line``."""
    try:
        fields = JsonlDocument.model_validate(record)
    except ValidationError as error:
        return Skipped(
            path=str(path), line=line, reason=f"not a document: {describe_validation(error)}"
        )
    return SourceText(path=f"{path}:{line}", **fields.model_dump())


def parse_line(raw: bytes, path: Path | str, line: int) -> object:
    """The JSON value of one line (blank lines are ``None``), or a ``Skipped``
    saying why it is not JSON."""
    if line == 1:
        raw = raw.removeprefix(codecs.BOM_UTF8)
    if not raw.strip():
        return None
    try:
        return json.loads(raw)
    except UnicodeDecodeError as error:
        return Skipped(
            path=str(path), line=line, reason=f"not UTF-8 ({error.reason} at byte {error.start})"
        )
    except json.JSONDecodeError as error:
        return Skipped(
            path=str(path), line=line, reason=f"not JSON: {error.msg} (column {error.colno})"
        )


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^#{1,6}\s+", re.M)
_MD_TITLE = re.compile(r"\A\s*#\s+(.+)$", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MD_QUOTE = re.compile(r"^>\s?", re.M)
_MD_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})\s*$", re.M)


def _markdown_to_text(text: str) -> str:
    """Keep the words of a Markdown file and drop its markup (links keep their label)."""
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    text = _MD_QUOTE.sub("", text)
    text = _MD_RULE.sub("", text)
    return _MD_EMPHASIS.sub(r"\2", text)


def _read_html(path: Path, markup: str) -> SourceText | Skipped:
    import trafilatura

    extracted = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        # Only the page's own markup (meta tags, <time>) dates it; a date
        # guessed from the body would be an event date.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if extracted is None:
        return Skipped(path=str(path), reason="no article text found in the HTML")
    fields: dict[str, Any] = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = fields.get("text")
    if not text:
        return Skipped(path=str(path), reason="no article text found in the HTML")
    date = fields.get("date")
    return SourceText(
        path=str(path),
        text=text,
        url=fields.get("url"),
        title=fields.get("title"),
        date=parse_date(date) if date else None,
    )


def _read_jsonl(
    path: Path, lines: Iterable[tuple[int, bytes]] | None = None
) -> Iterator[SourceText | Skipped]:
    """The documents of ``path``, or of its ``lines`` (a line range, as a
    cluster partition reads it)."""
    for number, raw in jsonl_lines(path) if lines is None else lines:
        value = parse_line(raw, path, number)
        if value is None:
            continue
        yield value if isinstance(value, Skipped) else read_record(value, path, number)


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 1_000_000 else f"{count / 1e3:.1f} kB"


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[SourceText | Skipped]:
    """Yield the documents in one file (several for .jsonl), or why it was skipped."""
    try:
        size = path.stat().st_size
        if size == 0:
            yield Skipped(path=str(path), reason="empty file")
            return
        if size > max_bytes:
            yield Skipped(
                path=str(path),
                reason=f"{_size(size)} is over the {_size(max_bytes)} size limit",
            )
            return
        suffix = path.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path)
            return
        data = path.read_bytes()
    except OSError as error:
        yield Skipped(path=str(path), reason=f"cannot read: {error.strerror or error}")
        return
    try:
        content = decode_bytes(data)
    except UndecodableError as error:
        yield Skipped(path=str(path), reason=str(error))
        return
    if not content.strip():
        yield Skipped(path=str(path), reason="no text (only whitespace)")
        return
    if suffix in (".html", ".htm"):
        yield _read_html(path, content)
    elif suffix in (".md", ".markdown"):
        heading = _MD_TITLE.search(content)
        yield SourceText(
            path=str(path),
            text=_markdown_to_text(content),
            title=heading.group(1).strip() if heading else None,
        )
    else:
        yield SourceText(path=str(path), text=content)


def read_paths(
    paths: Iterable[Path | str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[SourceText | Skipped]:
    """Yield every document under ``paths`` (files and folders), in a stable order.

    Parameters
    ----------
    paths : iterable of Path or str
        Files and folders; folders are read recursively.
    max_bytes : int
        Files larger than this are skipped with a reason.

    Yields
    ------
    SourceText or Skipped
        A decoded document, or a file or line that was not read and why.
    """
    for item in iter_files(Path(path) for path in paths):
        if isinstance(item, Skipped):
            yield item
        else:
            yield from read_file(item, max_bytes=max_bytes)
