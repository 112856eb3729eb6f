"""A small hand-built actor graph, as Extraction models, for the analysis tests.

Ten actors in two blocs (Italian and US bodies) joined by a few bridges, an
adversary side (Russia, a hacker group) tied by conflict relations, dates
from 2022 to 2024, one negated and one planned event, low-confidence
relations and registry facts without a document.
"""

from __future__ import annotations

from typing import Any

from actorgraph.graph.models import Extraction
from actorgraph.graph.ontology import EVENT_TYPES

__all__ = ["ACTORS", "DOCUMENTS", "RELATIONS", "STRUCTURE", "extractions"]

ACTORS: dict[str, dict[str, Any]] = {
    "italy": {"name": "Italy", "type": "Country", "country": "IT", "aliases": ["Rome"]},
    "united-states": {"name": "United States", "type": "Country", "country": "US"},
    "dhs": {
        "name": "Department of Homeland Security",
        "type": "Agency",
        "country": "US",
        "aliases": ["DHS", "Homeland Security"],
        "wikidata": "Q11231",
    },
    "cisa": {"name": "CISA", "type": "Agency", "country": "US"},
    "carabinieri": {"name": "Carabinieri", "type": "Agency", "country": "IT"},
    "piantedosi": {"name": "Matteo Piantedosi", "type": "Person", "country": "IT"},
    "acn": {"name": "Agenzia per la Cybersicurezza Nazionale", "type": "Agency", "country": "IT"},
    "enisa": {"name": "ENISA", "type": "Agency"},
    "russia": {"name": "Russia", "type": "Country", "country": "RU"},
    "noname057": {"name": "NoName057(16)", "type": "Organization", "country": "RU"},
}

# (source, type, target, doc, date, modality, confidence)
RELATIONS: list[tuple[str, str, str, str | None, str | None, str, float]] = [
    ("piantedosi", "MET_WITH", "dhs", "doc-a", "2023-03-14", "asserted", 0.9),
    ("piantedosi", "VISITED", "united-states", "doc-a", "2023-03-14", "asserted", 0.8),
    ("carabinieri", "COOPERATES_WITH", "dhs", "doc-a", "2023-03", "asserted", 0.7),
    ("italy", "SIGNED_AGREEMENT", "united-states", "doc-b", "2023-06-02", "asserted", 0.95),
    ("acn", "SHARES_INFORMATION", "cisa", "doc-b", "2023-06-02", "asserted", 0.6),
    ("cisa", "COOPERATES_WITH", "enisa", "doc-c", "2022-11", "asserted", 0.85),
    ("acn", "COOPERATES_WITH", "enisa", "doc-c", "2022-11", "asserted", 0.85),
    ("acn", "MET_WITH", "carabinieri", "doc-d", "2024", "asserted", 0.5),
    ("piantedosi", "MET_WITH", "carabinieri", "doc-d", "2024-01-20", "asserted", 0.9),
    ("italy", "ACCUSED", "russia", "doc-e", "2024-02-10", "asserted", 0.9),
    ("noname057", "ATTACKED", "italy", "doc-e", "2024-02-10", "asserted", 0.95),
    ("russia", "DENIED", "italy", "doc-e", "2024-02-11", "asserted", 0.7),
    ("united-states", "SANCTIONED", "noname057", "doc-f", "2024-05", "asserted", 0.9),
    ("dhs", "MET_WITH", "russia", "doc-f", "2024-05", "negated", 0.9),
    ("cisa", "SIGNED_AGREEMENT", "acn", "doc-f", "2024-05-30", "planned", 0.8),
    ("cisa", "SUPPORTS", "carabinieri", "doc-b", "2023-06-02", "asserted", 0.3),
    ("dhs", "MET_WITH", "piantedosi", "doc-b", "2023-06-02", "asserted", 0.9),
]
# (source, type, target, doc): structural facts; doc None = from the registry.
STRUCTURE: list[tuple[str, str, str, str | None]] = [
    ("cisa", "PART_OF", "dhs", None),
    ("dhs", "PART_OF", "united-states", None),
    ("piantedosi", "HOLDS_ROLE", "italy", "doc-a"),
]
DOCUMENTS = {
    "doc-a": ("2023-03-14", "Piantedosi in Washington"),
    "doc-b": ("2023-06-02", "Italy and the US sign a cyber memorandum"),
    "doc-c": ("2022-11-08", "ENISA works with national agencies"),
    "doc-d": ("2024-01-20", "Security committee in Rome"),
    "doc-e": ("2024-02-11", "DDoS attacks on Italian sites"),
    "doc-f": ("2024-05-30", "Sanctions on a hacker group"),
}


def _relation(row: tuple[str, str, str, str | None, str | None, str, float]) -> dict[str, Any]:
    source, kind, target, doc, date, modality, confidence = row
    evidence = (
        f"{ACTORS[source]['name']} {kind.lower().replace('_', ' ')} {ACTORS[target]['name']}."
    )
    return {
        "source": source,
        "target": target,
        "type": kind,
        "doc": doc,
        "date": date,
        "evidence": evidence,
        "start": 0,
        "end": len(evidence),
        "lang": "en",
        "cameo": EVENT_TYPES[kind].cameo,
        "plover": EVENT_TYPES[kind].plover,
        "modality": modality,
        "confidence": confidence,
        "rule": "hand-built",
    }


def extractions() -> list[Extraction]:
    """One Extraction per document, plus one for the registry facts."""
    result = []
    for doc, (date, title) in DOCUMENTS.items():
        relations: list[dict[str, Any]] = [_relation(row) for row in RELATIONS if row[3] == doc]
        relations += [
            {
                "source": s,
                "target": t,
                "type": kind,
                "doc": d,
                "evidence": f"{ACTORS[s]['name']}, {kind.lower()} {ACTORS[t]['name']}.",
                "title": "Minister of the Interior" if kind == "HOLDS_ROLE" else None,
            }
            for s, kind, t, d in STRUCTURE
            if d == doc
        ]
        named = sorted(
            {end for relation in relations for end in (relation["source"], relation["target"])}
        )
        result.append(
            Extraction.model_validate(
                {
                    "document": {"id": doc, "date": date, "title": title, "lang": "en"},
                    "actors": [{"id": actor, **ACTORS[actor]} for actor in named],
                    "relations": relations,
                }
            )
        )
    registry = [
        {"source": s, "target": t, "type": kind, "origin": "registry"}
        for s, kind, t, d in STRUCTURE
        if d is None
    ]
    named = sorted(
        {end for relation in registry for end in (relation["source"], relation["target"])}
    )
    result.append(
        Extraction.model_validate(
            {
                "document": {"id": "registry", "title": "actor registry"},
                "actors": [{"id": actor, **ACTORS[actor]} for actor in named],
                "relations": registry,
            }
        )
    )
    return result
