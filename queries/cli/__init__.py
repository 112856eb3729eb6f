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


# Each command is imported only when it runs (or when help lists it), so that
# `actorgraph stats` does not pay for the HTML reader, the language detector
# and the plotting code: start-up time is most of a small command's time.
COMMAND_MODULES: dict[str, tuple[str, str]] = {
    "extract": ("extract_command", "extract"),
    "load": ("store_commands", "load"),
    "query": ("store_commands", "query"),
    "actors": ("store_commands", "actors"),
    "neighbors": ("store_commands", "neighbors"),
    "stats": ("store_commands", "stats"),
    "store": ("store_commands", "store_group"),
    "registry": ("registry_command", "registry"),
    "centrality": ("analysis_commands", "centrality"),
    "path": ("analysis_commands", "path"),
    "ego": ("analysis_commands", "ego"),
    "timeline": ("analysis_commands", "timeline"),
    "export": ("analysis_commands", "export"),
    "import-snapshot": ("analysis_commands", "import_snapshot"),
    "render": ("render_command", "render"),
}


class LazyGroup(ActorGraphGroup):
    """The ``actorgraph`` group: commands listed up front, imported on use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMAND_MODULES:
            return None
        module_name, attribute = COMMAND_MODULES[cmd_name]
        module = importlib.import_module(f"{__name__}.{module_name}")
        command: click.Command = getattr(module, attribute)
        return command


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
