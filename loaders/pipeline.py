"""From files to ``Extraction`` objects: read, normalise, clean, describe, extract.

``extract_paths`` is what ``actorgraph extract`` and the document branch of
``actorgraph load`` run. With ``workers > 1`` documents are extracted in a pool
of processes, in chunks, and results come back in input order, so the output
does not depend on the number of workers.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from actorgraph.graph.errors import InvalidDocument, describe_validation
from actorgraph.graph.models import Document, Extraction
from actorgraph.loaders.clean import clean_text
from actorgraph.loaders.extract import extract_text, gazetteer_for
from actorgraph.loaders.lexicon import LANGUAGES, lexicon_for
from actorgraph.loaders.metadata import detect_language, find_header_date, find_title
from actorgraph.loaders.normalize import normalize_text
from actorgraph.loaders.readers import (
    DEFAULT_MAX_BYTES,
    JSONL_SUFFIXES,
    SUPPORTED_SUFFIXES,
    Skipped,
    SourceText,
    jsonl_lines,
    parse_line,
    read_file,
    read_paths,
    read_record,
)
from actorgraph.loaders.registry import Registry, load_registry

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "DocumentPipeline",
    "PreparedDocument",
    "extract_paths",
    "extract_source",
    "extract_sources",
    "prepare_document",
]

# Documents per task sent to a worker process: enough to amortise pickling and
# scheduling, few enough that two workers stay evenly loaded on small inputs.
DEFAULT_CHUNK_SIZE = 8
# Chunks in flight per worker: keeps every worker busy while results are
# yielded in order, without reading the whole input into memory.
_CHUNKS_IN_FLIGHT_PER_WORKER = 4


class PreparedDocument(BaseModel):
    """Cleaned, normalised article text and the ``Document`` that describes it."""

    model_config = ConfigDict(extra="forbid")

    text: str
    document: Document


def prepare_document(source: SourceText) -> PreparedDocument:
    """Normalise and clean ``source`` and fill in its metadata.

    The date and title come from the file's own metadata when it has them,
    else from the header lines of the text; the language is detected on the
    cleaned text unless given. The document id is the SHA-256 of the cleaned
    text, so the same article read twice, in any encoding, is one document.

    Raises
    ------
    InvalidDocument
        If nothing of the article is left after cleaning.
    """
    normalized = normalize_text(source.text)
    text = clean_text(normalized)
    if not text:
        raise InvalidDocument("no article text left after removing page furniture")
    document = Document(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        path=source.path,
        url=source.url,
        title=normalize_text(source.title) if source.title else find_title(text, normalized),
        date=source.date or find_header_date(normalized),
        lang=source.lang or detect_language(text),
    )
    return PreparedDocument(text=text, document=document)


def extract_source(source: SourceText, registry: Registry) -> Extraction:
    """Prepare one document and extract its actors and relations.

    Raises
    ------
    InvalidDocument
        If the document has no article text.
    """
    prepared = prepare_document(source)
    return extract_text(prepared.text, prepared.document, registry)


def _extract_or_skip(item: SourceText | Skipped, registry: Registry) -> Extraction | Skipped:
    if isinstance(item, Skipped):
        return item
    try:
        return extract_source(item, registry)
    except InvalidDocument as error:
        return Skipped(path=item.path, reason=str(error))
    except ValidationError as error:
        return Skipped(
            path=item.path, reason=f"extraction does not validate: {describe_validation(error)}"
        )
    # One document that trips a bug in a rule must not lose the rest of a batch
    # of thousands; it is reported like any other failed document.
    except Exception as error:
        return Skipped(path=item.path, reason=f"extraction failed: {type(error).__name__}: {error}")


@lru_cache(maxsize=4)
def _registry(registry_file: Path | None) -> Registry:
    return load_registry(registry_file)


def _build_shared_state(registry: Registry) -> None:
    # Built once before the pool forks, the gazetteer, the lexicons and the
    # language detector are shared copy-on-write: each worker would otherwise
    # spend about a second of CPU building its own, on a machine with two cores.
    gazetteer_for(registry)
    for lang in LANGUAGES:
        lexicon_for(lang)
    detect_language("warm-up")


def _warm_worker(registry_file: Path | None) -> None:
    _registry(registry_file)


def _extract_chunk(
    chunk: list[SourceText | Skipped], registry_file: Path | None
) -> list[Extraction | Skipped]:
    registry = _registry(registry_file)
    return [_extract_or_skip(item, registry) for item in chunk]


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def extract_sources(
    sources: Iterable[SourceText | Skipped],
    *,
    registry_file: Path | None = None,
    workers: int = 1,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Iterator[Extraction | Skipped]:
    """Extract every document of ``sources``, in order, serially or in worker processes.

    Parameters
    ----------
    sources : iterable of SourceText or Skipped
        What the readers produced; ``Skipped`` items are passed through in place.
    registry_file : Path, optional
        A user registry file extending the packaged one.
    workers : int
        Processes to extract with; 1 extracts in this process.
    chunk_size : int
        Documents per task sent to a worker.

    Yields
    ------
    Extraction or Skipped
        One per input item, in input order.

    Raises
    ------
    RegistryError
        If ``registry_file`` does not validate (raised before any document is read).
    """
    # Loading here first reports a bad registry file once, in this process, and
    # lets forked workers inherit the built registry instead of building it again.
    registry = _registry(registry_file)
    if workers > 1:
        _build_shared_state(registry)
    if workers <= 1:
        for item in sources:
            yield _extract_or_skip(item, registry)
        return
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_warm_worker, initargs=(registry_file,)
    ) as pool:
        pending: deque[Future[list[Extraction | Skipped]]] = deque()
        for chunk in _chunks(sources, chunk_size):
            pending.append(pool.submit(_extract_chunk, chunk, registry_file))
            if len(pending) >= workers * _CHUNKS_IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def extract_paths(
    paths: Iterable[Path | str],
    *,
    registry_file: Path | None = None,
    workers: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Iterator[Extraction | Skipped]:
    """Read every document under ``paths`` and extract it.

    Parameters
    ----------
    paths : iterable of Path or str
        Files (.txt, .md, .html, .htm, .jsonl) and folders, read recursively.
    registry_file : Path, optional
        A user registry file extending the packaged one.
    workers : int
        Processes to extract with.
    max_bytes : int
        Files larger than this are skipped with a reason.
    chunk_size : int
        Documents per task sent to a worker.

    Yields
    ------
    Extraction or Skipped
        One ``Extraction`` per document, or a ``Skipped`` with the path and the
        reason, in the order the files are found.

    Examples
    --------
    >>> for result in extract_paths(["examples"]):  # doctest: +SKIP
    ...     print(result.document.path, len(result.actors))
    """
    yield from extract_sources(
        read_paths(paths, max_bytes=max_bytes),
        registry_file=registry_file,
        workers=workers,
        chunk_size=chunk_size,
    )


class DocumentPipeline:
    """The pipeline as the document extractor that ``load_paths`` calls one document at a time.

    To extract in parallel, call :meth:`prefetch` with the input files in the
    order ``load_paths`` reads them: their documents (whole files, and the
    document records of JSON Lines files) are then extracted ahead in
    ``workers`` processes, and :meth:`extract_file` and :meth:`extract_record`
    hand out the results. A document asked for out of that order is extracted
    on the spot. Use it as a context manager so the worker processes stop when
    the load ends, even on error.

    Parameters
    ----------
    registry_file : Path, optional
        A user registry file extending the packaged one.
    workers : int
        Processes to extract prefetched documents with.
    max_bytes : int
        Files larger than this are reported as invalid.
    chunk_size : int
        Documents per task sent to a worker.
    """

    suffixes = frozenset(SUPPORTED_SUFFIXES) - JSONL_SUFFIXES

    def __init__(
        self,
        registry_file: Path | None = None,
        *,
        workers: int = 1,
        max_bytes: int = DEFAULT_MAX_BYTES,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
    ) -> None:
        self.registry_file = registry_file
        self.registry = _registry(registry_file)
        self.workers = workers
        self.max_bytes = max_bytes
        self.chunk_size = chunk_size
        self._ahead: Generator[tuple[str, Extraction | Skipped]] | None = None

    def __enter__(self) -> DocumentPipeline:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop extracting ahead and shut the worker processes down."""
        if self._ahead is not None:
            self._ahead.close()
        self._ahead = None

    def prefetch(self, paths: Iterable[Path]) -> None:
        """Start extracting the documents of ``paths`` (files, not folders), in order."""
        self.close()
        self._ahead = self._extract_ahead(list(paths))

    def _documents(self, files: list[Path]) -> Iterator[tuple[str, SourceText | Skipped]]:
        """``(origin, document)`` for every document ``load_paths`` will ask for, in order."""
        for path in files:
            suffix = path.suffix.lower()
            if suffix in self.suffixes:
                # A whole-document file yields exactly one item from its reader.
                yield str(path), next(read_file(path, max_bytes=self.max_bytes))
            elif suffix in JSONL_SUFFIXES:
                yield from self._records(path)

    @staticmethod
    def _records(
        path: Path, lines: Iterable[tuple[int, bytes]] | None = None
    ) -> Iterator[tuple[str, SourceText | Skipped]]:
        # The same reading as ``load_paths``: JSON objects without a
        # "document" key are documents; the rest it handles without us.
        # ``lines`` is a line range of ``path``, as a cluster partition reads it.
        try:
            for number, raw in jsonl_lines(path) if lines is None else lines:
                record = parse_line(raw, path, number)
                if isinstance(record, dict) and "document" not in record:
                    yield f"{path}:{number}", read_record(record, path, number)
        except OSError:
            return

    def _extract_ahead(self, files: list[Path]) -> Generator[tuple[str, Extraction | Skipped]]:
        documents = self._documents(files)
        origins: deque[str] = deque()

        def sources() -> Iterator[SourceText | Skipped]:
            for origin, source in documents:
                origins.append(origin)
                yield source

        for result in extract_sources(
            sources(),
            registry_file=self.registry_file,
            workers=self.workers,
            chunk_size=self.chunk_size,
        ):
            yield origins.popleft(), result

    def _take(self, origin: str) -> Extraction | Skipped | None:
        """The prefetched result for ``origin``, or ``None`` (prefetching stops) if out of order."""
        if self._ahead is None:
            return None
        ahead = next(self._ahead, None)
        if ahead is not None and ahead[0] == origin:
            return ahead[1]
        self.close()
        return None

    def extract_file(self, path: Path) -> Extraction:
        """Extract the document stored in ``path``.

        Raises
        ------
        InvalidDocument
            If the file is skipped by its reader or has no article text.
        """
        result = self._take(str(path))
        if result is None:
            result = next(
                (
                    _extract_or_skip(item, self.registry)
                    for item in read_file(path, max_bytes=self.max_bytes)
                ),
                Skipped(path=str(path), reason="no document in the file"),
            )
        if isinstance(result, Skipped):
            raise InvalidDocument(result.reason)
        return result

    def extract_record(self, record: dict[str, Any], path: Path, line: int) -> Extraction:
        """Extract the JSON Lines document record (``text`` plus optional
        metadata) on ``line`` of ``path``.

        Raises
        ------
        InvalidDocument
            If the record is not a document or has no article text.
        """
        result = self._take(f"{path}:{line}")
        if result is None:
            result = _extract_or_skip(read_record(record, path, line), self.registry)
        if isinstance(result, Skipped):
            raise InvalidDocument(result.reason)
        return result
