"""Named queries: `actors`, `neighbors`, `stats` and the library functions behind them."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import Cli, cli_for
from local_neo4j import Neo4jServer

from actorgraph.graph.errors import ActorNotFound
from actorgraph.graph.models import Extraction
from actorgraph.graph.store import Store
from actorgraph.queries.named import graph_stats, list_actors, neighbors, resolve_actor


def _event(source: str, kind: str, target: str, doc: str, start: int) -> dict[str, object]:
    return {
        "source": source,
        "target": target,
        "type": kind,
        "doc": doc,
        "evidence": f"{source} {kind} {target}",
        "start": start,
        "end": start + 10,
        "cameo": "040",
        "confidence": 0.9,
        "rule": "test",
    }


def _named(actor: dict[str, object]) -> dict[str, object]:
    """The actor with one mention, so its document links to it by MENTIONS."""
    return {**actor, "mentions": [{"text": str(actor["name"]), "start": 0, "end": 5}]}


ACTORS = [
    {
        "id": "dhs",
        "name": "Department of Homeland Security",
        "type": "Agency",
        "aliases": ["DHS", "Homeland Security"],
        "country": "US",
    },
    {
        "id": "cisa",
        "name": "Cybersecurity and Infrastructure Security Agency",
        "type": "Agency",
        "aliases": ["CISA"],
        "country": "US",
    },
    {"id": "italy", "name": "Italy", "type": "Country", "aliases": ["Italia"], "country": "IT"},
    {
        "id": "matteo-piantedosi",
        "name": "Matteo Piantedosi",
        "type": "Person",
        "aliases": ["Piantedosi"],
        "country": "IT",
    },
    {
        "id": "acn",
        "name": "Agenzia per la Cybersicurezza Nazionale",
        "type": "Agency",
        "aliases": ["ACN", "National Cybersecurity Agency"],
        "country": "IT",
    },
    {"id": "nato", "name": "NATO", "type": "InternationalOrganization", "aliases": []},
]


@pytest.fixture
def graph(store: Store) -> Store:
    """A small graph: two documents, six actors, events and structure."""
    first = Extraction.model_validate(
        {
            "document": {"id": "d1", "title": "First"},
            "actors": [_named(actor) for actor in ACTORS],
            "relations": [
                _event("matteo-piantedosi", "VISITED", "dhs", "d1", 0),
                _event("dhs", "MET_WITH", "italy", "d1", 20),
                _event("cisa", "SHARES_INFORMATION", "acn", "d1", 40),
                {"source": "cisa", "target": "dhs", "type": "PART_OF", "origin": "registry"},
                {
                    "source": "matteo-piantedosi",
                    "target": "italy",
                    "type": "HOLDS_ROLE",
                    "title": "Interior Minister",
                    "origin": "registry",
                },
                {"source": "italy", "target": "nato", "type": "MEMBER_OF", "origin": "registry"},
            ],
        }
    )
    second = Extraction.model_validate(
        {
            "document": {"id": "d2", "title": "Second"},
            "actors": [_named(ACTORS[0]), _named(ACTORS[2])],
            "relations": [_event("dhs", "MET_WITH", "italy", "d2", 5)],
        }
    )
    store.write([first, second])
    return store


@pytest.fixture
def cli(graph: Store, store_home: Path) -> Cli:
    return cli_for(graph, store_home)


def test_list_actors_orders_by_mentions_and_filters(graph: Store) -> None:
    everyone = list_actors(graph)
    assert [a.id for a in everyone[:2]] == ["dhs", "italy"]  # named in both documents
    assert {a.id: a.documents for a in everyone} == {
        "dhs": 2,
        "italy": 2,
        "cisa": 1,
        "acn": 1,
        "matteo-piantedosi": 1,
        "nato": 1,
    }
    dhs = everyone[0]
    assert (dhs.type, dhs.country, dhs.relations) == ("Agency", "US", 4)
    assert [a.id for a in list_actors(graph, type="Agency", country="it")] == ["acn"]
    assert [a.id for a in list_actors(graph, search="HOMELAND")] == ["dhs"]
    assert [a.id for a in list_actors(graph, search="cybersecurity agency")] == ["acn"]
    assert len(list_actors(graph, limit=2)) == 2


@pytest.mark.parametrize(
    "name", ["dhs", "DHS", "department of homeland security", "Homeland Security", " dhs "]
)
def test_resolve_actor_by_id_name_or_alias(graph: Store, name: str) -> None:
    assert resolve_actor(graph, name).id == "dhs"


def test_resolve_actor_prefers_id_then_name_then_alias(graph: Store) -> None:
    graph.write(
        [
            Extraction.model_validate(
                {
                    "document": {"id": "d3"},
                    "actors": [
                        {"id": "italia", "name": "Italia Agency", "type": "Agency"},
                        {"id": "interior-it", "name": "Interior Ministry", "type": "Agency"},
                        {"id": "interior-fr", "name": "interior ministry", "type": "Agency"},
                        {"id": "nato-2", "name": "Nato", "type": "Organization"},
                    ],
                }
            )
        ]
    )
    assert resolve_actor(graph, "Italia").id == "italia"  # id beats italy's alias
    assert resolve_actor(graph, "NATO").id == "nato"  # id beats nato-2's name
    with pytest.raises(ActorNotFound, match=r"several actors: interior-fr .*, interior-it "):
        resolve_actor(graph, "Interior ministry")


def test_unknown_actor_gets_close_suggestions(graph: Store) -> None:
    with pytest.raises(ActorNotFound) as raised:
        resolve_actor(graph, "Piantedossi")
    assert "did you mean matteo-piantedosi (Matteo Piantedosi)" in str(raised.value)
    with pytest.raises(ActorNotFound, match="no actor") as raised:
        resolve_actor(graph, "zzzzqqqq")
    assert "did you mean" not in str(raised.value)


def test_neighbors_by_type_and_direction(graph: Store) -> None:
    rows = {(n.id, n.relation): n for n in neighbors(graph, "dhs")}
    assert set(rows) == {
        ("italy", "MET_WITH"),
        ("matteo-piantedosi", "VISITED"),
        ("cisa", "PART_OF"),
    }
    assert (rows["italy", "MET_WITH"].edges, rows["italy", "MET_WITH"].documents) == (2, 2)
    assert rows["italy", "MET_WITH"].direction == "--"
    assert rows["matteo-piantedosi", "VISITED"].direction == "<-"
    assert rows["cisa", "PART_OF"].direction == "<-"
    assert {(n.id, n.relation, n.direction) for n in neighbors(graph, "cisa")} == {
        ("acn", "SHARES_INFORMATION", "--"),
        ("dhs", "PART_OF", "->"),
    }
    assert neighbors(graph, "nobody") == []


def test_graph_stats(graph: Store) -> None:
    stats = graph_stats(graph)
    assert stats.documents == 2
    assert stats.actors_by_type == {
        "Agency": 3,
        "Country": 1,
        "InternationalOrganization": 1,
        "Person": 1,
    }
    assert stats.relations_by_type == {
        "HOLDS_ROLE": 1,
        "MEMBER_OF": 1,
        "MET_WITH": 2,
        "PART_OF": 1,
        "SHARES_INFORMATION": 1,
        "VISITED": 1,
    }
    assert (stats.actors, stats.relations, stats.mentions) == (6, 7, 8)


def test_actors_command(cli: Cli) -> None:
    result = cli("actors", "--type", "Agency", "--country", "US")
    assert result.exit_code == 0, result.output
    assert "Department of Homeland Security" in result.stdout
    assert "Agenzia" not in result.stdout
    rows = json.loads(cli("actors", "--search", "italia", "--format", "json").stdout)
    assert [row["id"] for row in rows] == ["italy"]
    assert cli("actors", "--type", "Spaceship").exit_code == 2


def test_neighbors_command_resolves_aliases(cli: Cli) -> None:
    result = cli("neighbors", "homeland security", "--format", "csv")
    assert result.exit_code == 0, result.output
    header, *lines = result.stdout.splitlines()
    assert header == "id,name,type,relation,direction,edges,documents"
    assert "italy,Italy,Country,MET_WITH,--,2,2" in lines
    table = cli("neighbors", "DHS").stdout
    assert "Department of Homeland Security (dhs, Agency)" in table


def test_neighbors_command_unknown_actor_is_one_line(cli: Cli) -> None:
    result = cli("neighbors", "Piantedossi")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert "did you mean matteo-piantedosi" in result.stderr


def test_stats_command(cli: Cli) -> None:
    table = cli("stats").stdout
    assert "documents" in table and "SHARES_INFORMATION" in table
    data = json.loads(cli("stats", "--format", "json").stdout)
    assert data["actors"] == 6 and data["relations_by_type"]["MET_WITH"] == 2


@pytest.mark.neo4j
def test_named_queries_on_neo4j(
    neo4j_store: Store, neo4j_server: Neo4jServer, make_extraction: Callable[..., Extraction]
) -> None:
    neo4j_store.write([make_extraction("d1"), make_extraction("d2")])
    assert {a.id: a.documents for a in list_actors(neo4j_store)} == {"dhs": 2, "italy": 2}
    counted = graph_stats(neo4j_store)
    assert (counted.documents, counted.actors, counted.relations) == (2, 2, 2)
    cli = cli_for(neo4j_store, neo4j=neo4j_server)
    near = cli("neighbors", "DHS", "--format", "csv")
    assert near.exit_code == 0, near.output
    assert "italy,Italy,Country,MET_WITH,--,2,2" in near.stdout.splitlines()
