"""A real Neo4j 5.26 Community for the tests, run by ``neo4j-server/server``.

The same jars and launcher as ``make neo4j`` (``make neo4j-lib`` resolves the
jars), but a server of the test session's own: a temporary data folder, a free
loopback port and a password of its own, so no test touches the data of a
``make neo4j`` server and the password is known to come from ``NEO4J_PASSWORD``.
"""

from __future__ import annotations

import os
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Neo4jServer", "start", "stop"]

SCRIPT = Path(__file__).resolve().parents[1] / "neo4j-server" / "server"
PASSWORD = "tests-only-secret"


@dataclass(frozen=True)
class Neo4jServer:
    """Where a started server listens and how to log in."""

    uri: str
    home: Path
    user: str = "neo4j"
    password: str = PASSWORD

    def env(self) -> dict[str, str]:
        """The variables that point ``actorgraph`` commands at this server."""
        return {"NEO4J_URI": self.uri, "NEO4J_USERNAME": self.user, "NEO4J_PASSWORD": self.password}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(home: Path) -> Neo4jServer:
    """Start a server with its data in ``home``; ``RuntimeError`` with its log if it fails."""
    port = _free_port()
    env = {**os.environ, "NEO4J_PASSWORD": PASSWORD}
    done = subprocess.run(
        # Our pid: the server stops by itself if this session dies before stop().
        [str(SCRIPT), "start", str(home), str(port), str(os.getpid())],
        env=env,
        capture_output=True,
        text=True,
        timeout=400,
    )
    if done.returncode != 0:
        raise RuntimeError(f"Neo4j did not start:\n{done.stdout}{done.stderr}")
    return Neo4jServer(uri=f"bolt://127.0.0.1:{port}", home=home)


def stop(server: Neo4jServer) -> None:
    """Stop the server (it keeps its data folder)."""
    subprocess.run([str(SCRIPT), "stop", str(server.home)], capture_output=True, timeout=120)
