"""Load files and folders into a store: what ``actorgraph load`` does.

Input is dispatched per file and per line:

* a JSON Lines file (``.jsonl``, ``.ndjson``): each line holding a
  ``"document"`` key is an :class:`~actorgraph.graph.models.Extraction` and is
  written as is; any other JSON object is a document record (text plus
  metadata) handed to the ``extractor``;
* any other file whose suffix the ``extractor`` claims (``.txt``, ``.html``...)
  is one document handed to the ``extractor``.

A line or file that cannot be read, parsed or validated is reported with
``path:line`` and a reason and skipped; the rest is loaded. Writes go through
``Store.write``, which merges, so loading the same input twice, or rerunning an
interrupted load, ends with the same graph.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, Protocol

from pydantic import BaseModel, Field, ValidationError

from actorgraph.graph.errors import InvalidDocument, describe_validation
from actorgraph.graph.models import Extraction
from actorgraph.graph.store import Store, WriteSummary
from actorgraph.loaders.readers import JSONL_SUFFIXES, Skipped, iter_files, jsonl_lines, parse_line

__all__ = [
    "DeadLetter",
    "DocumentExtractor",
    "LoadReport",
    "ProgressCallback",
    "find_inputs",
    "load_paths",
    "write_dead_letters",
]

# Documents between two progress calls.
PROGRESS_EVERY = 100

ProgressCallback = Callable[[int, int, int], None]
"""Called as ``progress(bytes_done, bytes_total, documents_read)`` while a load advances."""


class DocumentExtractor(Protocol):
    """Turns a document that is not yet an ``Extraction`` into one.

    ``suffixes`` are the file suffixes (lower case, with the dot) it reads as
    whole documents. Both methods raise ``InvalidDocument`` for input they
    cannot use; the loader reports it and moves on.
    """

    suffixes: frozenset[str]

    def prefetch(self, paths: Iterable[Path]) -> None:
        """Start extracting, ahead, the documents of ``paths`` (the files
        :func:`find_inputs` found, in order): ``load_paths`` then asks for them
        in that order."""
        ...

    def extract_file(self, path: Path) -> Extraction:
        """Extract one document stored as a whole file."""
        ...

    def extract_record(self, record: dict[str, Any], path: Path, line: int) -> Extraction:
        """Extract the JSON Lines record on ``line`` of ``path``."""
        ...


class DeadLetter(Skipped):
    """One line of the dead-letter file: a skipped input and when it was written."""

    at: str


def write_dead_letters(skipped: Iterable[Skipped], path: Path) -> int:
    """Append one JSON line per skipped input to ``path``; return how many were written.

    Each line holds the input's ``path`` (and ``line`` for a JSON Lines record),
    the ``reason`` and the UTC time ``at`` which it was written, so the file
    can collect several runs and be replayed after the inputs are fixed.
    """
    now = datetime.now(UTC).isoformat(timespec="seconds")
    letters = [
        DeadLetter(path=item.path, line=item.line, reason=item.reason, at=now) for item in skipped
    ]
    if not letters:
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        for letter in letters:
            handle.write(letter.model_dump_json() + "\n")
    return len(letters)


class LoadReport(BaseModel):
    """What :func:`load_paths` read, wrote and skipped."""

    files: int = 0
    loaded: int = Field(0, description="extractions written (one per document)")
    written: WriteSummary = Field(default_factory=WriteSummary)
    skipped: list[Skipped] = Field(default_factory=list)
    dead_letters: int = Field(0, description="skipped inputs appended to the dead-letter file")

    @property
    def outcome(self) -> Literal["complete", "partial", "nothing"]:
        """``complete``: all loaded; ``partial``: some skipped; ``nothing``: none loaded."""
        if self.loaded == 0:
            return "nothing"
        return "partial" if self.skipped else "complete"


def find_inputs(
    paths: Sequence[Path], extractor: DocumentExtractor | None = None
) -> tuple[list[Path], list[Skipped]]:
    """Expand ``paths`` into the files to load, in a stable order
    (:func:`~actorgraph.loaders.readers.iter_files` over the suffixes of
    JSON Lines and those the ``extractor`` reads), and the paths skipped."""
    loadable = JSONL_SUFFIXES | (extractor.suffixes if extractor else frozenset())
    files: list[Path] = []
    skipped: list[Skipped] = []
    for found in iter_files(paths, loadable):
        if isinstance(found, Skipped):
            skipped.append(found)
        else:
            files.append(found)
    return files, skipped


def load_paths(
    store: Store,
    paths: Sequence[Path],
    *,
    extractor: DocumentExtractor | None = None,
    progress: ProgressCallback | None = None,
    dead_letter: Path | None = None,
) -> LoadReport:
    """Load JSON Lines files, documents and folders of them into ``store``.

    Parameters
    ----------
    store : Store
        An open store; writes are merges, so reloading changes nothing.
    paths : sequence of Path
        Files and folders (walked recursively).
    extractor : DocumentExtractor, optional
        Reads text documents and non-``Extraction`` JSON Lines records; without
        one those are reported as skipped. Its documents are extracted ahead
        (``extractor.prefetch``), so a pipeline with ``workers=2`` extracts in
        two processes while the store writes.
    progress : callable, optional
        ``progress(bytes_done, bytes_total, documents_read)``, called after each
        file and every ``PROGRESS_EVERY`` documents.
    dead_letter : Path, optional
        Append every skipped input to this JSON Lines file (:class:`DeadLetter`).

    Returns
    -------
    LoadReport
        What was stored (new or already present) and every skipped line or file.

    Raises
    ------
    StoreUnavailable
        If the store cannot be reached; what was written before stays.

    Examples
    --------
    >>> from actorgraph.graph.store import open_store  # doctest: +SKIP
    >>> with open_store() as store:  # doctest: +SKIP
    ...     report = load_paths(store, [Path("extractions.jsonl")])
    >>> report.outcome, report.written.documents  # doctest: +SKIP
    ('complete', 13)
    """
    files, skipped = find_inputs(paths, extractor)
    report = LoadReport(files=len(files), skipped=skipped)
    total = sum(path.stat().st_size for path in files)
    if extractor is not None:
        extractor.prefetch(files)

    def extractions() -> Iterator[Extraction]:
        done = 0
        for path in files:
            for extraction, consumed in _read_file(path, extractor, report.skipped):
                done += consumed
                if extraction is not None:
                    report.loaded += 1
                    yield extraction
                    if progress and report.loaded % PROGRESS_EVERY == 0:
                        progress(done, total, report.loaded)
            if progress:
                progress(done, total, report.loaded)

    # One write for the whole load: the store batches it, and its summary
    # counts each document, actor and relation once.
    report.written = store.write(extractions())
    if dead_letter is not None:
        report.dead_letters = write_dead_letters(report.skipped, dead_letter)
    return report


def _read_file(
    path: Path, extractor: DocumentExtractor | None, skipped: list[Skipped]
) -> Iterator[tuple[Extraction | None, int]]:
    """Yield ``(extraction or None, bytes consumed)`` for each unit of ``path``."""
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _read_jsonl(path, extractor, skipped)
        return
    size = path.stat().st_size
    if extractor is None:  # find_inputs lets no such file through; keep mypy honest
        raise InvalidDocument(f"{path}: no extractor for {path.suffix} files")
    try:
        yield extractor.extract_file(path), size
    except InvalidDocument as error:
        skipped.append(Skipped(path=str(path), reason=str(error)))
        yield None, size


def _read_jsonl(
    path: Path,
    extractor: DocumentExtractor | None,
    skipped: list[Skipped],
    lines: Iterable[tuple[int, bytes]] | None = None,
) -> Iterator[tuple[Extraction | None, int]]:
    """The units of ``path``, or of its ``lines`` (a line range, as a cluster
    partition reads it)."""
    try:
        for number, raw in jsonl_lines(path) if lines is None else lines:
            try:
                yield _parse_line(raw, path, number, extractor), len(raw)
            except InvalidDocument as error:
                skipped.append(Skipped(path=str(path), line=number, reason=str(error)))
                yield None, len(raw)
    except OSError as error:
        skipped.append(Skipped(path=str(path), reason=f"cannot read: {error.strerror or error}"))


def _parse_line(
    raw: bytes, path: Path, number: int, extractor: DocumentExtractor | None
) -> Extraction | None:
    """One JSON Lines line as an ``Extraction``; ``None`` for a blank line."""
    # The common case in one step: pydantic's own JSON parser is twice as fast
    # as json.loads + model_validate. Anything else is parsed again to dispatch
    # it or to say precisely what is wrong.
    with contextlib.suppress(ValidationError):
        return Extraction.model_validate_json(raw)
    record = parse_line(raw, path, number)
    if record is None:
        return None
    if isinstance(record, Skipped):
        raise InvalidDocument(record.reason)
    if not isinstance(record, dict):
        raise InvalidDocument(f"expected a JSON object, got {type(record).__name__}")
    if "document" in record:
        try:
            return Extraction.model_validate(record)
        except ValidationError as error:
            raise InvalidDocument(f"invalid Extraction: {describe_validation(error)}") from None
    if extractor is None:
        raise InvalidDocument('not an Extraction (no "document" key)')
    return extractor.extract_record(record, path, number)
