"""Actor graphs for the HTML explorer tests, built from ``Extraction`` models.

The sentences are written for these tests; only the actors' names and
acronyms are real.
"""

from __future__ import annotations

import networkx as nx

from actorgraph.graph.models import (
    Actor,
    Document,
    EventRelation,
    Extraction,
    StructuralRelation,
)
from actorgraph.graph.networkx_io import from_extractions
from actorgraph.graph.ontology import EVENT_TYPES

__all__ = ["HOSTILE", "event", "hostile_graph", "sample_graph"]

# Each of these must come out of the page as literal text.
HOSTILE = (
    "<img src=x onerror=window.__pwned=1>",
    "</script><script>window.__pwned=1</script>",
    '" onmouseover="window.__pwned=1',
    "href=javascript:window.__pwned=1",
)


def event(
    source: str,
    target: str,
    kind: str,
    doc: str,
    evidence: str,
    *,
    date: str | None = None,
    modality: str = "asserted",
) -> EventRelation:
    """An event relation with the ontology's default codes."""
    spec = EVENT_TYPES[kind]
    return EventRelation.model_validate(
        {
            "source": source,
            "target": target,
            "type": kind,
            "doc": doc,
            "date": date,
            "evidence": evidence,
            "start": 0,
            "end": len(evidence),
            "lang": "en",
            "cameo": spec.cameo,
            "plover": spec.plover,
            "modality": modality,
            "confidence": 0.9,
            "rule": "test",
        }
    )


ACTORS = {
    "italy": Actor(id="italy", name="Italy", type="Country", aliases=["Italia"], country="IT"),
    "united-states": Actor(
        id="united-states",
        name="United States",
        type="Country",
        aliases=["USA", "Stati Uniti"],
        country="US",
    ),
    "dhs": Actor(
        id="dhs",
        name="Department of Homeland Security",
        type="Agency",
        aliases=["DHS", "Homeland Security"],
        country="US",
        wikidata="Q11231",
    ),
    "cisa": Actor(
        id="cisa",
        name="Cybersecurity and Infrastructure Security Agency",
        type="Agency",
        aliases=["CISA"],
        country="US",
    ),
    "acn": Actor(
        id="acn",
        name="Agenzia per la cybersicurezza nazionale",
        type="Agency",
        aliases=["ACN", "National Cybersecurity Agency"],
        country="IT",
    ),
    "enisa": Actor(
        id="enisa", name="ENISA", type="Agency", aliases=["EU Agency for Cybersecurity"]
    ),
    "european-union": Actor(
        id="european-union", name="European Union", type="InternationalOrganization"
    ),
    "piantedosi": Actor(
        id="piantedosi", name="Matteo Piantedosi", type="Person", aliases=["Piantedosi"]
    ),
    "noname057": Actor(id="noname057", name="NoName057(16)", type="Organization"),
}


def _extraction(doc: Document, relations: list, actor_ids: set[str]) -> Extraction:
    return Extraction(
        document=doc,
        actors=[ACTORS[actor_id] for actor_id in sorted(actor_ids)],
        relations=relations,
    )


def sample_graph() -> nx.MultiDiGraph:
    """Nine actors, every relation family, dated and undated, planned and asserted."""
    d1 = Document(
        id="d1",
        url="https://news.example/italy-us-talks",
        title="Rome and Washington hold cyber talks",
        date="2023-03-14",
        lang="en",
    )
    d2 = Document(
        id="d2", path="notes/acn-cisa.md", title="ACN and CISA memorandum", date="2023-06-02"
    )
    d3 = Document(id="d3", title="Hacktivists hit Italian sites", date="2023-09-20")
    extractions = [
        _extraction(
            d1,
            [
                event(
                    "piantedosi",
                    "dhs",
                    "MET_WITH",
                    "d1",
                    "Piantedosi met Homeland Security officials in Rome.",
                    date="2023-03-14",
                ),
                event(
                    "italy",
                    "united-states",
                    "AGREED_TO_COOPERATE",
                    "d1",
                    "Italy and the United States pledged closer cyber cooperation.",
                    date="2023-03-14",
                ),
                event(
                    "dhs",
                    "italy",
                    "VISITED",
                    "d1",
                    "A DHS delegation visited Italy for the talks.",
                    date="2023-03-13",
                ),
                StructuralRelation(source="cisa", target="dhs", type="PART_OF", origin="registry"),
                StructuralRelation(
                    source="piantedosi",
                    target="italy",
                    type="HOLDS_ROLE",
                    title="Interior Minister",
                    origin="registry",
                ),
            ],
            {"piantedosi", "dhs", "italy", "united-states", "cisa"},
        ),
        _extraction(
            d2,
            [
                event(
                    "acn",
                    "cisa",
                    "SIGNED_AGREEMENT",
                    "d2",
                    "ACN and CISA signed a memorandum on incident response.",
                    date="2023-06-02",
                ),
                event(
                    "acn",
                    "cisa",
                    "SHARES_INFORMATION",
                    "d2",
                    "The two agencies will exchange threat indicators daily.",
                    date="2023-06-02",
                ),
                event(
                    "acn",
                    "enisa",
                    "SIGNED_AGREEMENT",
                    "d2",
                    "ACN is to sign a working arrangement with ENISA next year.",
                    modality="planned",
                ),
                StructuralRelation(
                    source="enisa", target="european-union", type="PART_OF", origin="registry"
                ),
            ],
            {"acn", "cisa", "enisa", "european-union"},
        ),
        _extraction(
            d3,
            [
                event(
                    "italy",
                    "noname057",
                    "ACCUSED",
                    "d3",
                    "Italy blamed NoName057(16) for the attacks.",
                    date="2023-09-20",
                ),
                event(
                    "noname057",
                    "italy",
                    "ATTACKED",
                    "d3",
                    "NoName057(16) flooded Italian ministry websites.",
                    date="2023-09-19",
                ),
                event(
                    "acn",
                    "cisa",
                    "COOPERATES_WITH",
                    "d3",
                    "ACN worked with CISA to restore the sites.",
                    date="2023-09-21",
                ),
            ],
            {"italy", "noname057", "acn", "cisa"},
        ),
    ]
    return from_extractions(extractions)


def hostile_graph() -> nx.MultiDiGraph:
    """Attack strings in actor names, aliases, evidence, document titles and URLs."""
    img, script, attribute, href = HOSTILE
    actors = [
        Actor(id="hostile-a", name=img, type="Agency", aliases=[script, attribute, href]),
        Actor(id="hostile-b", name=script, type="Country", aliases=[img]),
        Actor(id="hostile-c", name=attribute, type="Person", aliases=[href]),
        Actor(id="hostile-d", name=href, type="Organization"),
    ]
    documents = [
        Document(id="h1", title=img, url="javascript:window.__pwned=1"),
        Document(id="h2", title=script, url=attribute),
        Document(id="h3", title=attribute, url="https://news.example/" + href),
        Document(id="h4", title=href),
    ]
    pairs = [
        ("hostile-a", "hostile-b"),
        ("hostile-b", "hostile-c"),
        ("hostile-c", "hostile-d"),
        ("hostile-d", "hostile-a"),
    ]
    extractions = [
        Extraction(
            document=document,
            actors=actors,
            relations=[event(a, b, "MET_WITH", document.id, text)],
        )
        for document, (a, b), text in zip(documents, pairs, HOSTILE, strict=True)
    ]
    return from_extractions(extractions)
