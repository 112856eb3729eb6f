"""Extraction throughput: actorgraph against spaCy's PhraseMatcher on one corpus.

Builds a corpus of at least 50 MB from the articles in ``examples/`` (each
copy varied: paragraphs rotated, numbers shifted, a dispatch line added, so no
two documents are identical), writes it as JSON Lines documents, and times:

* ``actorgraph, full pipeline``: ``extract_paths`` on the corpus files, the
  code behind ``actorgraph extract``: read and decode, normalise, strip
  furniture, detect language and date, gazetteer matching, discovery of
  unknown actors, resolution, sentence splitting and relation rules, one
  validated ``Extraction`` per document. Run with ``--workers 1`` and ``N``,
  and with ``--cluster ADDRESS`` on a Dask cluster (``local:2`` starts two
  worker processes; started and warmed up before the clock starts).
* ``actorgraph, gazetteer only``: ``Gazetteer.find`` (Aho-Corasick, word
  boundaries, longest non-overlapping matches) on the prepared texts.
* ``spaCy PhraseMatcher``: ``spacy.blank("en")`` tokenizer plus two
  ``PhraseMatcher`` (``LOWER`` for case-insensitive forms, ``ORTH`` for acronyms)
  holding the same registry surface forms, on the same prepared texts, with
  ``filter_spans`` for longest non-overlapping matches. This is only the
  mention-finding step, so the comparison of the full pipeline with it is
  conservative: actorgraph does strictly more work per document.

MB/s counts the UTF-8 bytes of the prepared document texts, the same figure
for every row. Registry loading and matcher building are timed separately.

CPU seconds of a cluster run add this process's and the workers' own.

Usage: python bench/extract.py [--mb 50] [--workers 2] [--cluster local:2]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

from actorgraph.loaders.cluster import Cluster, ClusterAddress, extract_on_cluster, open_cluster
from actorgraph.loaders.gazetteer import Gazetteer
from actorgraph.loaders.pipeline import extract_paths, prepare_document
from actorgraph.loaders.readers import SourceText, read_paths
from actorgraph.loaders.registry import load_registry

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
# Corpus files stay well under the readers' default 20 MB size limit.
FILE_BYTES = 8_000_000
_NUMBER = re.compile(r"\d+")


def vary(text: str, copy: int) -> str:
    """One variant of an article: rotated paragraphs, shifted numbers, a dispatch line."""
    paragraphs = [part for part in text.split("\n\n") if part.strip()]
    shift = copy % len(paragraphs)
    rotated = paragraphs[:1] + paragraphs[1:][shift:] + paragraphs[1:][:shift]

    def shifted(match: re.Match[str]) -> str:
        value = int(match.group())
        if 2019 <= value <= 2026:  # years stay within the period the articles cover
            return str(2019 + (value - 2019 + copy) % 8)
        return str(value + copy % 7)

    body = _NUMBER.sub(shifted, "\n\n".join(rotated))
    return f"{body}\n\nDispatch {copy} of the security desk."


def build_corpus(folder: Path, target_bytes: int) -> tuple[list[Path], int]:
    """Write varied copies of the examples as JSON Lines files until ``target_bytes``."""
    sources = [item for item in read_paths([EXAMPLES]) if isinstance(item, SourceText)]
    if not sources:
        sys.exit(f"no documents in {EXAMPLES}")
    files: list[Path] = []
    written = 0
    copy = 0
    handle = None
    while written < target_bytes:
        for source in sources:
            if handle is None or handle.tell() > FILE_BYTES:
                if handle is not None:
                    handle.close()
                files.append(folder / f"corpus_{len(files):03d}.jsonl")
                handle = files[-1].open("w", encoding="utf-8")
            record = {"text": vary(source.text, copy), "title": source.title}
            line = json.dumps(record, ensure_ascii=False)
            handle.write(line + "\n")
            written += len(record["text"].encode("utf-8"))
        copy += 1
    if handle is not None:
        handle.close()
    return files, written


def prepared_texts(files: list[Path]) -> Iterator[str]:
    for item in read_paths(files):
        if isinstance(item, SourceText):
            yield prepare_document(item).text


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the worker processes)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _own_cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def _workers_cpu_seconds(cluster: Cluster | None) -> float:
    """CPU time of the cluster's worker processes (they are nobody's children here)."""
    if cluster is None:
        return 0.0
    return sum(cluster.client.run(_own_cpu_seconds).values())


def timed(run: Callable[[], int], cluster: Cluster | None = None) -> tuple[int, float, float]:
    """Documents processed, wall-clock seconds and CPU seconds of ``run``
    (with the CPU seconds of ``cluster``'s workers)."""
    started = time.perf_counter()
    cpu_started = _cpu_seconds() + _workers_cpu_seconds(cluster)
    documents = run()
    seconds = time.perf_counter() - started
    return documents, seconds, _cpu_seconds() + _workers_cpu_seconds(cluster) - cpu_started


def _warm_up() -> int:
    return sum(1 for _ in extract_paths([EXAMPLES]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    parser.add_argument("--workers", type=int, default=2, help="workers for the parallel run")
    parser.add_argument(
        "--cluster",
        metavar="ADDRESS",
        help="also run on a Dask cluster: local:N or tcp://HOST:PORT",
    )
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # show each figure as soon as it is measured

    import spacy
    from spacy.matcher import PhraseMatcher
    from spacy.util import filter_spans

    with ExitStack() as stack:
        tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="actorgraph-bench-"))
        files, corpus_bytes = build_corpus(Path(tmp), int(args.mb * 1_000_000))
        texts = list(prepared_texts(files))
        text_bytes = sum(len(text.encode("utf-8")) for text in texts)
        print(
            f"corpus: {len(texts)} documents, {corpus_bytes / 1e6:.1f} MB of article text in "
            f"{len(files)} JSON Lines files ({text_bytes / 1e6:.1f} MB after cleaning); "
            f"{os.cpu_count()} CPUs"
        )

        started = time.perf_counter()
        registry = load_registry()
        forms = registry.surface_forms()
        gazetteer = Gazetteer(forms, registry.role_terms)
        # Build the extractor's lazily loaded parts (lexicons, language models) once,
        # so neither timed run pays for them and forked workers inherit them.
        _warm_up()
        setup_actorgraph = time.perf_counter() - started
        started = time.perf_counter()
        nlp = spacy.blank("en")
        folded = PhraseMatcher(nlp.vocab, attr="LOWER")
        exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        folded.add(
            "ACTOR", list(nlp.tokenizer.pipe([f.form for f in forms if not f.case_sensitive]))
        )
        exact.add("ACTOR", list(nlp.tokenizer.pipe([f.form for f in forms if f.case_sensitive])))
        setup_spacy = time.perf_counter() - started
        print(
            f"setup: registry, gazetteer, warm-up {setup_actorgraph:.2f} s, spaCy matchers "
            f"{setup_spacy:.2f} s ({len(forms)} surface forms)"
        )
        cluster: Cluster | None = None
        if args.cluster:
            started = time.perf_counter()
            cluster = stack.enter_context(open_cluster(ClusterAddress.parse(args.cluster)))
            cluster.client.run(_warm_up)  # every worker builds what it keeps
            print(
                f"setup: cluster {args.cluster} of {cluster.workers} workers started and warmed "
                f"up in {time.perf_counter() - started:.2f} s"
            )

        def full_pipeline(workers: int) -> Callable[[], int]:
            def run() -> int:
                return sum(1 for _ in extract_paths(files, workers=workers))

            return run

        def on_cluster(cluster: Cluster) -> Callable[[], int]:
            def run() -> int:
                return sum(1 for _ in extract_on_cluster(cluster, files))

            return run

        def gazetteer_only() -> int:
            for text in texts:
                gazetteer.find(text)
            return len(texts)

        def phrase_matcher() -> int:
            count = 0
            for doc in nlp.tokenizer.pipe(texts, batch_size=256):
                spans = folded(doc, as_spans=True) + exact(doc, as_spans=True)
                filter_spans(spans)
                count += 1
            return count

        print()
        print(
            f"{'run':<44} {'docs':>7} {'wall s':>7} {'MB/s':>6} {'docs/s':>7} {'CPU s':>7} "
            f"{'docs/CPU-s':>10}"
        )
        runs: list[tuple[str, Callable[[], int], Cluster | None]] = [
            ("actorgraph, gazetteer only", gazetteer_only, None),
            ("spaCy blank('en') + PhraseMatcher", phrase_matcher, None),
            ("actorgraph, full pipeline, --workers 1", full_pipeline(1), None),
            (
                f"actorgraph, full pipeline, --workers {args.workers}",
                full_pipeline(args.workers),
                None,
            ),
        ]
        if cluster is not None:
            name = f"actorgraph, full pipeline, --cluster {args.cluster}"
            runs.append((name, on_cluster(cluster), cluster))
        rows: list[tuple[int, float, float]] = []
        for name, run, on in runs:
            documents, seconds, cpu = timed(run, on)
            rows.append((documents, seconds, cpu))
            print(
                f"{name:<44} {documents:>7} {seconds:>7.1f} {text_bytes / 1e6 / seconds:>6.2f} "
                f"{documents / seconds:>7.0f} {cpu:>7.1f} {documents / cpu:>10.0f}"
            )

    gazetteer, spacy_run, serial, parallel = rows[:4]
    print()
    print(
        f"full pipeline vs PhraseMatcher (wall): {spacy_run[1] / serial[1]:.2f}x with 1 worker, "
        f"{spacy_run[1] / parallel[1]:.2f}x with {args.workers}"
    )
    print(
        f"gazetteer vs PhraseMatcher, the same step (wall): {spacy_run[1] / gazetteer[1]:.2f}x "
        f"faster (target >= 3x); per CPU second: {spacy_run[2] / gazetteer[2]:.2f}x"
    )
    print(
        f"--workers {args.workers} vs --workers 1 (wall): {serial[1] / parallel[1]:.2f}x faster "
        f"(target >= 1.7x); CPU seconds {serial[2]:.0f} vs {parallel[2]:.0f}, machine load "
        f"average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )

    if args.cluster:
        clustered = rows[4]
        print(
            f"--cluster {args.cluster} vs --workers 1 (wall): {serial[1] / clustered[1]:.2f}x "
            f"faster (target >= 1.6x); vs --workers {args.workers}: "
            f"{parallel[1] / clustered[1]:.2f}x; CPU seconds {clustered[2]:.0f}, machine load "
            f"average {os.getloadavg()[0]:.1f}"
        )


if __name__ == "__main__":
    main()
