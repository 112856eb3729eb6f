"""The embedded server: start/stop/status, persistence, stale state, sharing.

Each test here runs its own server in its own data dir (never the session one).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from actorgraph.graph import embedded, open_store
from actorgraph.graph.models import Extraction


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    """A data dir whose server is stopped after the test, whatever happened."""
    directory = tmp_path / "home"
    yield directory
    embedded.stop(directory)


def node_count(directory: Path, graph: str = "g") -> int:
    with open_store(graph=graph, data_dir=directory) as store:
        return int(next(store.read("MATCH (n) RETURN count(n) AS c"))["c"])


def test_start_status_stop(home: Path, make_extraction: Callable[..., Extraction]) -> None:
    assert embedded.status(home).running is False
    address = embedded.start(home)
    assert address.unix_socket == str(home / embedded.SOCKET_FILE)
    assert oct((home / embedded.SOCKET_FILE).stat().st_mode & 0o777) == "0o700"
    assert embedded.start(home) == address  # already running: reused
    with open_store(graph="g", data_dir=home) as store:
        store.write([make_extraction("d1")])
    status = embedded.status(home)
    assert status.running and status.pid == address.pid and status.graphs == ["g"]
    assert status.memory and status.data_dir == str(home)
    assert embedded.stop(home) is True
    assert embedded.status(home).running is False
    assert embedded.stop(home) is False


def test_data_survives_a_restart(home: Path, make_extraction: Callable[..., Extraction]) -> None:
    with open_store(graph="g", data_dir=home) as store:
        store.write([make_extraction("d1")])
    embedded.stop(home)
    assert node_count(home) == 3


def test_data_survives_kill_9_and_the_stale_state_is_recovered(
    home: Path, make_extraction: Callable[..., Extraction]
) -> None:
    first = embedded.start(home)
    with open_store(graph="g", data_dir=home) as store:
        store.write([make_extraction("d1"), make_extraction("d2")])
    os.kill(first.pid, signal.SIGKILL)
    while embedded.status(home).running:
        time.sleep(0.05)
    # server.json still names the dead pid; the next start replaces the server
    assert json.loads((home / embedded.STATE_FILE).read_text())["pid"] == first.pid
    second = embedded.start(home)
    assert second.pid != first.pid
    assert node_count(home) == 4


def test_a_recycled_pid_is_not_taken_for_the_server(home: Path) -> None:
    embedded.start(home)
    embedded.stop(home)
    # A state file naming a live process that is not a redis-server (this one).
    stale = embedded.ServerAddress(
        pid=os.getpid(), unix_socket=str(home / embedded.SOCKET_FILE), data_dir=str(home)
    )
    (home / embedded.STATE_FILE).write_text(stale.model_dump_json())
    (home / embedded.SOCKET_FILE).touch()  # a leftover socket file
    assert embedded.status(home).running is False
    address = embedded.start(home)
    assert address.pid != os.getpid() and embedded.status(home).running


def test_a_server_that_does_not_answer_is_replaced(home: Path) -> None:
    hung = embedded.start(home)
    os.kill(hung.pid, signal.SIGSTOP)
    try:
        assert embedded.status(home).running is False
        fresh = embedded.start(home, timeout=3)
    finally:
        os.kill(hung.pid, signal.SIGCONT)
    assert fresh.pid != hung.pid and embedded.status(home).running


def test_concurrent_starts_share_one_server_that_outlives_them(home: Path) -> None:
    code = (
        "import sys; from actorgraph.graph import embedded; print(embedded.start(sys.argv[1]).pid)"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(home)], stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    pids = {int(proc.communicate(timeout=120)[0]) for proc in procs}
    assert len(pids) == 1
    status = embedded.status(home)
    assert status.running and status.pid == pids.pop()  # every starter has exited


def test_data_dir_choice(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("ACTORGRAPH_HOME", raising=False)
    assert embedded.data_dir_for() == tmp_path / "xdg" / "actorgraph"
    monkeypatch.setenv("ACTORGRAPH_HOME", str(tmp_path / "env"))
    assert embedded.data_dir_for() == tmp_path / "env"
    assert embedded.data_dir_for(tmp_path / "flag") == tmp_path / "flag"


def test_data_dir_override_keeps_stores_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_extraction: Callable[..., Extraction]
) -> None:
    env_home, flag_home = tmp_path / "env", tmp_path / "flag"
    monkeypatch.setenv("ACTORGRAPH_HOME", str(env_home))
    try:
        with open_store(graph="g") as store:
            store.write([make_extraction("d1")])
        assert (env_home / embedded.STATE_FILE).exists()
        assert node_count(flag_home) == 0
        assert node_count(env_home) == 3
    finally:
        embedded.stop(env_home)
        embedded.stop(flag_home)


def test_a_long_data_dir_falls_back_to_loopback_tcp(
    tmp_path: Path, make_extraction: Callable[..., Extraction]
) -> None:
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    assert len(str(deep / embedded.SOCKET_FILE)) > embedded.MAX_SOCKET_PATH
    try:
        address = embedded.start(deep)
        assert address.unix_socket is None and address.host == "127.0.0.1" and address.port
        with open_store(graph="g", data_dir=deep) as store:
            store.write([make_extraction("d1")])
        assert node_count(deep) == 3
    finally:
        embedded.stop(deep)


def test_bolt_port_out_of_falkordb_range_is_refused(home: Path) -> None:
    with pytest.raises(ValueError, match="32767"):
        embedded.start(home, bolt_port=40000)
