"""The ``actorgraph`` command line: a thin shell over the library.

Each command parses its options, opens a store, calls one library function and
formats what comes back. Library errors (``ActorGraphError``) become a one-line
message and an exit code.
"""

from __future__ import annotations

import click

from actorgraph.queries.cli.analysis_commands import COMMANDS as ANALYSIS_COMMANDS
from actorgraph.queries.cli.app import ActorGraphGroup
from actorgraph.queries.cli.extract_command import extract
from actorgraph.queries.cli.registry_command import registry
from actorgraph.queries.cli.render_command import render
from actorgraph.queries.cli.store_commands import COMMANDS as STORE_COMMANDS

__all__ = ["main"]


@click.group(
    cls=ActorGraphGroup,
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


main.add_command(extract)
main.add_command(render)
main.add_command(registry)
for _command in [*STORE_COMMANDS, *ANALYSIS_COMMANDS]:
    main.add_command(_command)
