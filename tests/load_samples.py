"""Synthetic Extraction JSON Lines for the load, CLI and concurrency tests.

Deterministic: line ``i`` is always the same document, so two files written
with the same ``count`` load into the same graph.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from actorgraph.graph.models import Extraction
from actorgraph.graph.store import Store

__all__ = ["graph_fingerprint", "sample_extraction", "write_samples"]

ACTOR_POOL = 40


def _actor(n: int, doc: int) -> dict[str, Any]:
    kinds = ("Agency", "Country", "Person", "InternationalOrganization", "Organization")
    return {
        "id": f"actor-{n:03d}",
        "name": f"Actor Number {n}",
        "type": kinds[n % len(kinds)],
        # A second alias that changes with the document exercises the alias union.
        "aliases": [f"A{n}", f"Form {doc % 3} of {n}"],
        "country": ("IT", "US", "FR")[n % 3],
        "mentions": [{"text": f"Actor Number {n}", "start": 0, "end": 14}],
    }


def sample_extraction(i: int) -> dict[str, Any]:
    """Document ``i``: three actors, two events and one structural relation."""
    a, b, c = (i * 7) % ACTOR_POOL, (i * 7 + 3) % ACTOR_POOL, (i * 11 + 5) % ACTOR_POOL
    if c in (a, b):
        c = (c + 1) % ACTOR_POOL if (c + 1) % ACTOR_POOL not in (a, b) else (c + 2) % ACTOR_POOL
    doc = f"doc-{i:06d}"
    sentence = f"Actor Number {a} met Actor Number {b} on day {i}."
    return {
        "document": {"id": doc, "path": f"synthetic/{doc}.txt", "title": f"Day {i}", "lang": "en"},
        "actors": [_actor(a, i), _actor(b, i), _actor(c, i)],
        "relations": [
            {
                "source": f"actor-{a:03d}",
                "target": f"actor-{b:03d}",
                "type": "MET_WITH",
                "doc": doc,
                "evidence": sentence,
                "start": 0,
                "end": len(sentence),
                "cameo": "040",
                "plover": "CONSULT",
                "confidence": 0.9,
                "rule": "synthetic",
            },
            {
                "source": f"actor-{b:03d}",
                "target": f"actor-{c:03d}",
                "type": "SHARES_INFORMATION",
                "doc": doc,
                "evidence": f"They shared information on day {i}.",
                "start": len(sentence) + 1,
                "end": len(sentence) + 36,
                "cameo": "064",
                "confidence": 0.7,
                "rule": "synthetic",
            },
            {
                "source": f"actor-{c:03d}",
                "target": f"actor-{a:03d}",
                "type": "PART_OF",
                "origin": "registry",
            },
        ],
    }


def write_samples(path: Path, count: int, start: int = 0) -> Path:
    """Write documents ``start .. start+count-1`` as Extraction JSON Lines to ``path``."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(start, start + count):
            line = json.dumps(sample_extraction(i))
            Extraction.model_validate_json(line)  # the samples must stay valid models
            out.write(line + "\n")
    return path


FINGERPRINT_QUERIES = {
    "actors": "MATCH (a:Actor) RETURN a.id AS id, a.name AS name, a.aliases AS aliases, "
    "labels(a) AS labels ORDER BY id",
    "documents": "MATCH (d:Document) RETURN d.id AS id, d.title AS title ORDER BY id",
    "edges": "MATCH (s)-[r]->(t) RETURN s.id AS source, type(r) AS type, t.id AS target, "
    "r.doc AS doc, r.start AS start, r.evidence AS evidence "
    "ORDER BY source, type, target, doc, start",
}


def graph_fingerprint(store: Store) -> dict[str, list[Any]]:
    """Everything that identifies a graph's content, in a comparable form."""
    fingerprint: dict[str, list[Any]] = {}
    for name, query in FINGERPRINT_QUERIES.items():
        rows = list(store.read(query))
        for row in rows:
            for key in ("aliases", "labels"):
                if key in row:
                    row[key] = sorted(row[key] or [])
        fingerprint[name] = rows
    return fingerprint
