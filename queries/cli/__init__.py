"""The ``actorgraph`` command line: a thin shell over the library.

Each command parses its options, opens a store, calls one library function and
formats what comes back. Library errors (``ActorGraphError``) become a one-line
message and an exit code.
"""

from __future__ import annotations

import importlib

import click

from actorgraph.queries.cli.app import ActorGraphGroup

__all__ = ["main"]


# Each command is imported only when it runs, so that `actorgraph stats` does
# not pay for the HTML reader, the language detector and the plotting code:
# start-up time is most of a small command's time. The list below names each
# command's module, function and one-line help, so that `actorgraph --help`
# imports none of them (tests/test_docs.py holds the help lines to the
# commands' own).
COMMAND_MODULES: dict[str, tuple[str, str, str]] = {
    "extract": (
        "extract_command",
        "extract",
        "Extract actors and relations from documents and print them; no store is touched.",
    ),
    "load": (
        "store_commands",
        "load",
        "Load documents and extractions (files, or folders of them) into the store.",
    ),
    "query": ("store_commands", "query", "Run a Cypher query and print its rows."),
    "actors": ("store_commands", "actors", "List actors, most mentioned first."),
    "neighbors": (
        "store_commands",
        "neighbors",
        "Show the actors linked to ACTOR (an id, a name or an alias, any case).",
    ),
    "stats": (
        "store_commands",
        "stats",
        "Count documents, actors by type, relations by type and mentions.",
    ),
    "store": (
        "store_commands",
        "store_group",
        "Start, stop and inspect the embedded FalkorDB server.",
    ),
    "registry": (
        "registry_command",
        "registry",
        "Search the actor registry by id, name, alias or acronym; validate a user file.",
    ),
    "centrality": (
        "analysis_commands",
        "centrality",
        "Rank actors by degree, betweenness, closeness, eigenvector and PageRank.",
    ),
    "path": (
        "analysis_commands",
        "path",
        "Shortest chain(s) of relations from SOURCE to TARGET, with evidence per hop.",
    ),
    "ego": (
        "analysis_commands",
        "ego",
        "The actors within N hops of ACTOR and how they are tied to it.",
    ),
    "timeline": (
        "analysis_commands",
        "timeline",
        "Dated events in order, for the whole graph or around ACTOR.",
    ),
    "export": (
        "analysis_commands",
        "export",
        "Write the graph for Gephi, networkx, igraph or neo4j-admin import.",
    ),
    "import-snapshot": (
        "analysis_commands",
        "import_snapshot",
        "Load a JSON snapshot (from ego --out or save_snapshot) into the store.",
    ),
    "render": (
        "render_command",
        "render",
        "Draw the graph as one self-contained interactive HTML page.",
    ),
}


class LazyGroup(ActorGraphGroup):
    """The ``actorgraph`` group: commands listed up front, imported on use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMAND_MODULES:
            return None
        module_name, attribute, _ = COMMAND_MODULES[cmd_name]
        module = importlib.import_module(f"{__name__}.{module_name}")
        command: click.Command = getattr(module, attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # As click lays the list out, from the help lines above.
        limit = formatter.width - 6 - max(map(len, COMMAND_MODULES))
        rows = [
            (name, click.Command(name, help=short_help).get_short_help_str(limit))
            for name, (_, _, short_help) in COMMAND_MODULES.items()
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(package_name="actorgraph")
def main() -> None:
    """Build, query, measure and draw actor–agency relationship graphs.

    \b
    Typical session:
      actorgraph extract examples/ --format table   # what would be loaded
      actorgraph load examples/                     # extract and write to the store
      actorgraph actors --type Agency               # who is in the graph
      actorgraph centrality --top 10                # who matters
      actorgraph render --out graph.html            # look at it

    The store is an embedded FalkorDB started on demand; use --store bolt://...
    (or NEO4J_URI) for Neo4j, or --store redis://host:port for a FalkorDB server.
    """
