"""From files to ``Extraction`` objects: read, normalise, clean, describe, extract.

``extract_paths`` is what ``actorgraph extract`` and the document branch of
``actorgraph load`` run. With ``workers > 1`` documents are extracted in a pool
of processes, in chunks, and results come back in input order, so the output
does not depend on the number of workers.
"""

from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from actorgraph.graph.errors import InvalidDocument
from actorgraph.graph.models import Document, Extraction
from actorgraph.loaders.clean import clean_text
from actorgraph.loaders.extract import extract_text
from actorgraph.loaders.metadata import detect_language, find_header_date, find_title
from actorgraph.loaders.normalize import normalize_text
from actorgraph.loaders.readers import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_SUFFIXES,
    JsonlDocument,
    Skipped,
    SourceText,
    read_file,
    read_paths,
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
        return Skipped(path=item.path, reason=f"extraction does not validate: {error.errors()[0]}")
    # One document that trips a bug in a rule must not lose the rest of a batch
    # of thousands; it is reported like any other failed document.
    except Exception as error:
        return Skipped(path=item.path, reason=f"extraction failed: {type(error).__name__}: {error}")


@lru_cache(maxsize=4)
def _registry(registry_file: Path | None) -> Registry:
    return load_registry(registry_file)


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
    """The pipeline as the document extractor ``load_paths`` calls one document at a time.

    Parameters
    ----------
    registry_file : Path, optional
        A user registry file extending the packaged one.
    max_bytes : int
        Files larger than this are reported as invalid.
    """

    suffixes = frozenset(SUPPORTED_SUFFIXES) - {".jsonl"}

    def __init__(
        self, registry_file: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES
    ) -> None:
        self.registry = _registry(registry_file)
        self.max_bytes = max_bytes

    def extract_file(self, path: Path) -> Extraction:
        """Extract the document stored in ``path``.

        Raises
        ------
        InvalidDocument
            If the file is skipped by its reader or has no article text.
        """
        for item in read_file(path, max_bytes=self.max_bytes):
            result = _extract_or_skip(item, self.registry)
            if isinstance(result, Skipped):
                raise InvalidDocument(result.reason)
            return result
        raise InvalidDocument("no document in the file")

    def extract_record(self, record: dict[str, Any], origin: str) -> Extraction:
        """Extract one JSON Lines document record (``text`` plus optional metadata).

        Raises
        ------
        InvalidDocument
            If the record is not a document or has no article text.
        """
        try:
            fields = JsonlDocument.model_validate(record)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise InvalidDocument(f"not a document: {where}: {first['msg']}") from None
        result = _extract_or_skip(SourceText(path=origin, **fields.model_dump()), self.registry)
        if isinstance(result, Skipped):
            raise InvalidDocument(result.reason)
        return result
