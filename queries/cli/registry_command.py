"""``actorgraph registry``: search and list the actor registry, validate a user file.

A thin shell over :func:`actorgraph.loaders.registry.load_registry` and
:meth:`~actorgraph.loaders.registry.Registry.search`; a bad ``--registry`` file
is a ``RegistryError``, which the command group prints as one line.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import click

from actorgraph.graph.ontology import ACTOR_TYPES
from actorgraph.loaders.registry import RegistryEntry, load_registry, read_registry_file
from actorgraph.queries.cli.options import format_choice, limit_option
from actorgraph.queries.output import render_rows

__all__ = ["registry"]


def _row(entry: RegistryEntry) -> dict[str, object]:
    return {
        "id": entry.id,
        "type": entry.type,
        "name": entry.name,
        "country": entry.country,
        "acronyms": ", ".join(entry.acronyms),
        "parent": entry.parent,
        "wikidata": entry.wikidata,
    }


@click.command()
@click.argument("query", required=False)
@click.option("--type", "actor_type", type=click.Choice(ACTOR_TYPES), help="Only this type.")
@click.option("--country", metavar="CC", help="Only entries of this ISO 3166-1 alpha-2 country.")
@click.option(
    "--registry",
    "registry_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A user registry file (YAML or JSON) to validate; its entries are listed.",
)
@click.option("--counts", is_flag=True, help="Print the number of entries per type instead.")
@click.option(
    "--roles",
    is_flag=True,
    help="Search the title vocabulary instead (form -> body kind or body id).",
)
@format_choice(
    ["table", "json"],
    default="table",
    help="json prints whole entries (aliases, roles, members...).",
)
@limit_option
def registry(
    query: str | None,
    actor_type: str | None,
    country: str | None,
    registry_file: Path | None,
    counts: bool,
    roles: bool,
    fmt: str,
    limit: int | None,
) -> None:
    """Search the actor registry by id, name, alias or acronym; validate a user file.

    \b
    Examples:
      actorgraph registry CISA                     # who is "CISA"?
      actorgraph registry --type Country --limit 5
      actorgraph registry --country IT --type Agency
      actorgraph registry --registry my_actors.yaml  # validate, list its entries
      actorgraph registry --counts
      actorgraph registry --roles "ministro dell"   # titles and the bodies they point to
    """
    merged = load_registry(registry_file)
    if roles:
        terms = merged.find_role_terms(query)
        if fmt == "json":
            payload = [term.model_dump(mode="json", exclude_defaults=True) for term in terms]
            click.echo(
                json.dumps(payload[:limit] if limit else payload, ensure_ascii=False, indent=2)
            )
        else:
            term_rows = (
                {"lang": t.lang, "form": t.form, "title": t.title, "points to": t.kind or t.org}
                for t in terms
            )
            render_rows(term_rows, "table", sys.stdout, limit=limit)
        return
    if registry_file is not None:
        user = read_registry_file(registry_file)
        click.echo(
            f"{registry_file}: valid, {len(user.entries)} entries, "
            f"{len(user.role_terms)} role terms",
            err=True,
        )
        wanted = {entry.id for entry in user.entries}
        entries = [
            entry for entry in merged.search(query, actor_type, country) if entry.id in wanted
        ]
    else:
        entries = merged.search(query, actor_type, country)
    if counts:
        tally: Counter[str] = Counter(entry.type for entry in entries)
        rows = [{"type": name, "entries": tally[name]} for name in ACTOR_TYPES]
        rows.append({"type": "total", "entries": len(entries)})
        if fmt == "json":
            click.echo(json.dumps({row["type"]: row["entries"] for row in rows}, indent=2))
        else:
            render_rows(rows, "table", sys.stdout)
        return
    shown = entries if limit is None else entries[:limit]
    if fmt == "json":
        payload = [entry.model_dump(mode="json", exclude_defaults=True) for entry in shown]
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    render_rows((_row(entry) for entry in entries), "table", sys.stdout, limit=limit)
