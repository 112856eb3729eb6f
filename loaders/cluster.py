"""Extraction and loading on a Dask cluster: what ``--cluster ADDRESS`` runs.

``local[:N]`` starts a Dask ``LocalCluster`` of N worker processes on this
machine; ``tcp://HOST:PORT`` connects to a running scheduler (``dask
scheduler`` and ``dask worker`` on any number of machines). Inputs are split
into partitions (small files grouped, large JSON Lines files cut into line
ranges); each task runs the local code on one partition (``read_file`` and the
worker function of :func:`~actorgraph.loaders.pipeline.extract_sources` for
``extract``, the readers of :func:`~actorgraph.loaders.ingest.load_paths` for
``load``) and results are gathered in input order, so the output is the same
as without a cluster. A worker builds the registry, gazetteer and lexicons on
its first task and keeps them for the next.

Workers open the input files by the paths given, so they must see the same
files at the same paths: on one machine, the same working folder; on several,
absolute paths on shared storage.

Writers: into Neo4j each worker writes its own partitions (managed
transactions, ``MERGE`` on the uniqueness constraints, so a task rerun after
its worker died writes nothing twice); into FalkorDB the workers extract and
this process writes, the store's one writer.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from actorgraph.graph.errors import ClusterUnavailable
from actorgraph.graph.models import Extraction, StructuralRelation
from actorgraph.graph.store import Store, WriteSummary
from actorgraph.loaders import ingest, readers
from actorgraph.loaders.ingest import LoadReport, ProgressCallback, find_inputs, load_paths
from actorgraph.loaders.pipeline import (
    DocumentPipeline,
    _extract_chunk,
    _extract_or_skip,
    _registry,
)
from actorgraph.loaders.readers import (
    DEFAULT_MAX_BYTES,
    JSONL_SUFFIXES,
    Skipped,
    SourceText,
    iter_files,
    read_file,
)

if TYPE_CHECKING:
    from distributed import Client, Future, LocalCluster

    from actorgraph.graph.neo4j_store import Neo4jConnection, Neo4jStore

__all__ = [
    "CONNECT_TIMEOUT",
    "Cluster",
    "ClusterAddress",
    "ClusterPipeline",
    "FilePart",
    "extract_on_cluster",
    "load_on_cluster",
    "open_cluster",
    "partition_files",
]

# Seconds to reach a scheduler, and for it to have a worker.
CONNECT_TIMEOUT = 10.0
# Partitions per worker: enough that no worker idles long at the end of a run
# while another finishes a big one; each costs a few milliseconds of scheduling.
_PARTITIONS_PER_WORKER = 16
_MIN_PARTITION_BYTES = 16_000
_MAX_PARTITION_BYTES = 4_000_000
# Partitions submitted ahead of the one being gathered, per worker: keeps every
# worker busy while results come back in order, without holding the whole
# output in the workers' memory.
_IN_FLIGHT_PER_WORKER = 4

Result = TypeVar("Result")


class ClusterAddress(BaseModel):
    """Where to run: a local cluster of ``local_workers`` processes, or a ``scheduler``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    scheduler: str | None = None
    local_workers: int | None = Field(default=None, ge=1)

    @classmethod
    def parse(cls, text: str) -> ClusterAddress:
        """``local``, ``local:N`` or ``tcp://HOST:PORT``.

        Raises ``ValueError`` for anything else.
        """
        if text == "local":
            return cls(local_workers=os.cpu_count() or 1)
        if text.startswith("local:"):
            count = text.removeprefix("local:")
            if not count.isdigit() or int(count) < 1:
                raise ValueError(f"{text!r}: local:N needs a number of workers N >= 1")
            return cls(local_workers=int(count))
        scheme, _, rest = text.partition("://")
        if scheme == "tcp" and rest:
            return cls(scheduler=text)
        raise ValueError(f"{text!r} is not a cluster: use local, local:N or tcp://HOST:PORT")

    def __str__(self) -> str:
        return self.scheduler or f"local:{self.local_workers}"


class Cluster:
    """A client of a Dask scheduler, and the local cluster started for it if any.

    Use :func:`open_cluster` to make one, as a context manager.
    """

    def __init__(
        self, client: Client, address: ClusterAddress, local: LocalCluster | None = None
    ) -> None:
        self.client = client
        self.address = address
        self._local = local

    def __enter__(self) -> Cluster:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Disconnect, and stop the local cluster if this client started it."""
        self.client.close()
        if self._local is not None:
            self._local.close()

    @property
    def workers(self) -> int:
        """How many workers the scheduler has now."""
        return len(self.client.scheduler_info()["workers"])

    def map_in_order(
        self,
        function: Callable[..., Result],
        partitions: Sequence[Sequence[FilePart | Skipped]],
        *args: Any,
        progress: Callable[[int], None] | None = None,
    ) -> Iterator[Result]:
        """``function(partition, *args)`` for every partition on the workers,
        results in the order of ``partitions``.

        A partition whose worker dies is run again on another (the
        scheduler's own retry); ``progress(bytes)`` is called, from a client
        thread, with the input bytes of each partition as it finishes.
        """
        window = max(self.workers, 1) * _IN_FLIGHT_PER_WORKER
        pending: deque[Future] = deque()
        try:
            for partition in partitions:
                future = self.client.submit(function, partition, *args, pure=False)
                if progress is not None:
                    done = sum(part.size for part in partition if isinstance(part, FilePart))
                    future.add_done_callback(lambda _future, done=done: progress(done))
                pending.append(future)
                if len(pending) >= window:
                    yield self._result(pending.popleft())
            while pending:
                yield self._result(pending.popleft())
        finally:
            if pending:
                self.client.cancel(list(pending))

    def _result(self, future: Future) -> Any:
        from distributed.scheduler import KilledWorker

        try:
            return future.result()
        except KilledWorker as error:
            raise ClusterUnavailable(
                f"workers of {self.address} died on every try of one partition: {error}"
            ) from error


def open_cluster(address: ClusterAddress, *, timeout: float = CONNECT_TIMEOUT) -> Cluster:
    """Start the local cluster, or connect to the scheduler, of ``address``.

    Raises
    ------
    ClusterUnavailable
        If no scheduler answers at the address within ``timeout`` seconds, or
        it has no worker by then (before any work is submitted).
    """
    import dask
    from distributed import Client, LocalCluster

    if address.scheduler is None:
        # A worker samples its task's stack every 10 ms for the dashboard's
        # profile, which nobody looks at here: 8% of an extraction's CPU time.
        with dask.config.set({"distributed.worker.profile.enabled": False}):
            local = LocalCluster(
                n_workers=address.local_workers,
                threads_per_worker=1,
                processes=True,
                # The scheduler's HTTP server starts even without a dashboard, on
                # 8787 unless told: a free port, so two local clusters never clash.
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            )
        return Cluster(Client(local), address, local)
    _check_listening(address.scheduler, timeout)
    try:
        client = Client(address.scheduler, timeout=timeout)
    except (OSError, TimeoutError) as error:
        raise ClusterUnavailable(
            f"no Dask scheduler answers at {address.scheduler}: {error}"
        ) from error
    try:
        client.wait_for_workers(1, timeout=timeout)
    except TimeoutError as error:
        client.close()
        raise ClusterUnavailable(
            f"the Dask scheduler at {address.scheduler} has no workers "
            f"(start one with: dask worker {address.scheduler})"
        ) from error
    return Cluster(client, address)


def _check_listening(scheduler: str, timeout: float) -> None:
    """Fail at once when nothing listens at the scheduler's address: the
    client would retry a refused connection until its timeout."""
    from distributed.comm.addressing import parse_address, parse_host_port

    host, port = parse_host_port(parse_address(scheduler)[1])
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as error:
        raise ClusterUnavailable(
            f"no Dask scheduler answers at {scheduler}: {error.strerror or error}"
        ) from error


class FilePart(BaseModel):
    """A file, or a range of lines of a JSON Lines file: what partitions are made of."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: Path
    size: int = Field(ge=0, description="bytes, for progress")
    start: int = Field(0, ge=0, description="byte offset of the first line")
    end: int | None = Field(None, description="byte offset past the last line; None: whole file")
    first_line: int = Field(1, ge=1)

    @property
    def whole(self) -> bool:
        """Whether this is the whole file."""
        return self.end is None

    def lines(self) -> Iterator[tuple[int, bytes]]:
        """Number and bytes of each line of the range (as ``jsonl_lines`` gives them)."""
        with self.path.open("rb") as handle:
            handle.seek(self.start)
            offset = self.start
            for number, raw in enumerate(handle, start=self.first_line):
                if self.end is not None and offset >= self.end:
                    return
                yield number, raw
                offset += len(raw)


def _line_ranges(path: Path, target_bytes: int) -> Iterator[FilePart]:
    start = offset = 0
    first = number = 1
    with path.open("rb") as handle:
        for raw in handle:
            offset += len(raw)
            number += 1
            if offset - start >= target_bytes:
                yield FilePart(
                    path=path, size=offset - start, start=start, end=offset, first_line=first
                )
                start, first = offset, number
    if offset > start:
        yield FilePart(path=path, size=offset - start, start=start, end=offset, first_line=first)


def partition_files(
    items: Iterable[Path | Skipped], target_bytes: int, *, split_up_to: int | None = None
) -> list[list[FilePart | Skipped]]:
    """Group ``items`` into partitions of about ``target_bytes``, in order.

    Files are grouped whole; a JSON Lines file larger than ``target_bytes``
    (and not over ``split_up_to`` bytes, a size its reader refuses whole) is
    cut at line ends into partitions of its own. A ``Skipped`` item stays in
    place, for the worker to pass through.
    """
    partitions: list[list[FilePart | Skipped]] = []
    group: list[FilePart | Skipped] = []
    group_bytes = 0
    for item in items:
        if isinstance(item, Skipped):
            group.append(item)
            continue
        try:
            size = item.stat().st_size
        except OSError:
            size = 0  # the worker's reader reports it
        if (
            item.suffix.lower() in JSONL_SUFFIXES
            and size > target_bytes
            and (split_up_to is None or size <= split_up_to)
        ):
            if group:
                partitions.append(group)
                group, group_bytes = [], 0
            partitions.extend([part] for part in _line_ranges(item, target_bytes))
            continue
        group.append(FilePart(path=item, size=size))
        group_bytes += size
        if group_bytes >= target_bytes:
            partitions.append(group)
            group, group_bytes = [], 0
    if group:
        partitions.append(group)
    return partitions


def _target_bytes(files: Iterable[Path | Skipped], workers: int) -> int:
    total = 0
    for item in files:
        if isinstance(item, Path):
            try:
                total += item.stat().st_size
            except OSError:
                continue
    target = total // (max(workers, 1) * _PARTITIONS_PER_WORKER)
    return min(max(target, _MIN_PARTITION_BYTES), _MAX_PARTITION_BYTES)


# --- tasks: these run in the workers ------------------------------------------


def _sources(part: FilePart | Skipped, max_bytes: int) -> Iterator[SourceText | Skipped]:
    """The documents of one part, as ``read_paths`` reads them."""
    if isinstance(part, Skipped):
        yield part
    elif part.whole:
        yield from read_file(part.path, max_bytes=max_bytes)
    else:
        try:
            yield from readers._read_jsonl(part.path, part.lines())
        except OSError as error:
            yield Skipped(path=str(part.path), reason=f"cannot read: {error.strerror or error}")


def _extract_partition(
    partition: list[FilePart | Skipped], registry_file: Path | None, max_bytes: int
) -> list[Extraction | Skipped]:
    sources = [source for part in partition for source in _sources(part, max_bytes)]
    return _extract_chunk(sources, registry_file)


def _extract_documents(
    partition: list[FilePart], registry_file: Path | None, max_bytes: int
) -> list[tuple[str, Extraction | Skipped]]:
    """``(origin, result)`` for the documents ``load_paths`` will ask a
    :class:`ClusterPipeline` for, in order."""
    pipeline = DocumentPipeline(registry_file, max_bytes=max_bytes)
    documents: list[tuple[str, SourceText | Skipped]] = []
    for part in partition:
        if part.whole:
            documents.extend(pipeline._documents([part.path]))
        else:
            documents.extend(pipeline._records(part.path, part.lines()))
    return [(origin, _extract_or_skip(source, pipeline.registry)) for origin, source in documents]


class PartitionLoad(BaseModel):
    """What a worker loaded from one partition, with the keys that let the
    client count what the whole load stored, each document, actor, relation
    and mention once, however the documents fell into partitions (a document
    found twice, in two partitions, is one document)."""

    model_config = ConfigDict(extra="forbid")

    loaded: int = 0
    skipped: list[Skipped] = Field(default_factory=list)
    documents: dict[str, tuple[int, int]] = Field(
        default_factory=dict, description="document id: its own relations and mentions"
    )
    actors: set[str] = Field(default_factory=set)
    registry_facts: set[tuple[str, str, str, str | None]] = Field(default_factory=set)

    def count(self, extraction: Extraction) -> None:
        """Note the keys of one extraction written (as ``RowBatch`` keys its rows)."""
        self.loaded += 1
        document = extraction.document.id
        own: set[tuple[str, str, str, str | None, int | None]] = set()
        for relation in extraction.relations:
            key = (relation.type, relation.source, relation.target, relation.doc, relation.start)
            if isinstance(relation, StructuralRelation):
                if relation.origin == "registry":
                    self.registry_facts.add(key[:4])
                    continue
                key = (*key[:3], relation.doc or document, None)
            own.add(key)
        mentions = {actor.id for actor in extraction.actors if actor.mentions}
        self.documents[document] = (len(own), len(mentions))
        self.actors.update(actor.id for actor in extraction.actors)

    def merge(self, other: PartitionLoad) -> None:
        """Add the keys of ``other`` (its ``loaded`` and ``skipped`` too)."""
        self.loaded += other.loaded
        self.skipped.extend(other.skipped)
        self.documents.update(other.documents)
        self.actors |= other.actors
        self.registry_facts |= other.registry_facts

    @property
    def summary(self) -> WriteSummary:
        """Distinct documents, actors, relations and mentions noted."""
        return WriteSummary(
            documents=len(self.documents),
            actors=len(self.actors),
            relations=sum(own for own, _ in self.documents.values()) + len(self.registry_facts),
            mentions=sum(mentions for _, mentions in self.documents.values()),
        )


@lru_cache(maxsize=4)
def _worker_store(connection: Neo4jConnection) -> Neo4jStore:
    # One driver (and its connection pool) per worker process, for every task.
    return connection.open()


def _load_partition(
    partition: list[FilePart], connection: Neo4jConnection, registry_file: Path | None
) -> PartitionLoad:
    store = _worker_store(connection)
    extractor = DocumentPipeline(registry_file)
    result = PartitionLoad()

    def extractions() -> Iterator[Extraction]:
        for part in partition:
            if part.whole:
                units = ingest._read_file(part.path, extractor, result.skipped)
            else:
                units = ingest._read_jsonl(part.path, extractor, result.skipped, part.lines())
            for extraction, _consumed in units:
                if extraction is not None:
                    result.count(extraction)
                    yield extraction

    store.write(extractions())
    return result


# --- the client side ----------------------------------------------------------


class _Progress:
    """Bytes of finished partitions (from client threads) and documents gathered."""

    def __init__(self, callback: ProgressCallback | None, total: int) -> None:
        self.callback = callback
        self.total = total
        self.done = 0
        self.documents = 0
        self._lock = threading.Lock()

    def finished(self, size: int) -> None:
        with self._lock:
            self.done += size
            if self.callback is not None:
                self.callback(self.done, self.total, self.documents)


def extract_on_cluster(
    cluster: Cluster,
    paths: Iterable[Path | str],
    *,
    registry_file: Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: ProgressCallback | None = None,
) -> Iterator[Extraction | Skipped]:
    """What :func:`~actorgraph.loaders.pipeline.extract_paths` yields, extracted on ``cluster``.

    Raises
    ------
    RegistryError
        If ``registry_file`` does not validate (before any work is submitted).
    ClusterUnavailable
        If the workers keep dying on a partition.
    """
    _registry(registry_file)
    items = list(iter_files(Path(path) for path in paths))
    target = _target_bytes(items, cluster.workers)
    partitions = partition_files(items, target, split_up_to=max_bytes)
    tracker = _Progress(progress, sum(part.size for p in partitions for part in _files(p)))
    for results in cluster.map_in_order(
        _extract_partition, partitions, registry_file, max_bytes, progress=tracker.finished
    ):
        tracker.documents += len(results)
        yield from results


def _files(partition: Sequence[FilePart | Skipped]) -> Iterator[FilePart]:
    return (part for part in partition if isinstance(part, FilePart))


class ClusterPipeline(DocumentPipeline):
    """A :class:`~actorgraph.loaders.pipeline.DocumentPipeline` whose
    prefetched documents are extracted on a cluster: ``load_paths`` with it
    extracts on the workers and writes from this process."""

    def __init__(
        self,
        cluster: Cluster,
        registry_file: Path | None = None,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        super().__init__(registry_file, max_bytes=max_bytes)
        self.cluster = cluster

    def _extract_ahead(self, files: list[Path]) -> Generator[tuple[str, Extraction | Skipped]]:
        partitions = partition_files(files, _target_bytes(files, self.cluster.workers))
        for results in self.cluster.map_in_order(
            _extract_documents, partitions, self.registry_file, self.max_bytes
        ):
            yield from results


def load_on_cluster(
    cluster: Cluster,
    store: Store,
    paths: Sequence[Path],
    *,
    registry_file: Path | None = None,
    progress: ProgressCallback | None = None,
    dead_letter: Path | None = None,
) -> LoadReport:
    """What :func:`~actorgraph.loaders.ingest.load_paths` does, on ``cluster``.

    Into Neo4j the workers write their partitions themselves (the store's
    constraints are made first, here); into any other store they extract and
    this process writes.

    Raises
    ------
    RegistryError
        If ``registry_file`` does not validate (before any work is submitted).
    StoreUnavailable
        If the store, or from a worker Neo4j, cannot be reached.
    ClusterUnavailable
        If the workers keep dying on a partition.
    """
    from actorgraph.graph.neo4j_store import Neo4jStore

    if not isinstance(store, Neo4jStore):
        with ClusterPipeline(cluster, registry_file) as extractor:
            return load_paths(
                store, paths, extractor=extractor, progress=progress, dead_letter=dead_letter
            )
    # Loaded here first: a bad registry file is one error before any work.
    extractor = DocumentPipeline(registry_file)
    store.ensure_schema()
    files, skipped = find_inputs(paths, extractor)
    report = LoadReport(files=len(files))
    partitions = partition_files(files, _target_bytes(files, cluster.workers))
    tracker = _Progress(progress, sum(path.stat().st_size for path in files))
    loaded = PartitionLoad(skipped=skipped)
    for result in cluster.map_in_order(
        _load_partition, partitions, store.connection, registry_file, progress=tracker.finished
    ):
        loaded.merge(result)
        tracker.documents = loaded.loaded
    report.loaded, report.skipped, report.written = loaded.loaded, loaded.skipped, loaded.summary
    if dead_letter is not None:
        report.dead_letters = ingest.write_dead_letters(report.skipped, dead_letter)
    return report
