"""CPU pinning of the query benchmarks: the layout, real affinities read back from the kernel,
and the clean fallback (recorded as not pinned, with the reason) where pinning is not possible."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import pytest

from benchmarks.pinning import Layout, available_cpus, describe, for_children, listening_pid, neo4j_pid, pinned, plan_layout, supported

two_cpus = pytest.mark.skipif(not supported() or len(available_cpus()) < 2, reason="needs two CPUs and sched_setaffinity")


def test_the_layout_separates_the_client_from_the_servers() -> None:
    assert plan_layout([0]) is None  # nothing to separate
    assert plan_layout([1, 0]) == Layout(client=(0,), servers=(1,), neo4j=(0, 1))
    assert plan_layout([0, 1, 2]) == Layout((0,), (1,), (2,))
    assert plan_layout(range(8)) == Layout((0,), (1, 2, 3), (4, 5, 6, 7))
    assert plan_layout([3, 7, 5, 9]) == Layout((3,), (5,), (7, 9))  # the CPUs this process may use, not 0..n


def test_not_pinned_is_recorded_with_its_reason() -> None:
    with pinned("bolt://127.0.0.1:7687", enabled=False) as pins:
        assert pins.servers() is None
        assert pins.record["client"] == {"pinned": False, "reason": "pinning turned off (--no-pin)"}
        pins.note_server("peer", os.getpid())
        assert pins.record["peer"]["pinned"] is False
    with pinned("bolt://127.0.0.1:7687", available=[0]) as pins:
        assert pins.layout is None and pins.record["neo4j"]["reason"] == "one CPU: nothing to separate"
    assert "client not pinned (one CPU" in describe(pins.record)


def test_a_remote_or_absent_neo4j_is_not_pinned() -> None:
    assert neo4j_pid("bolt://db.example.org:7687") == (None, "Neo4j at db.example.org is not on this machine")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, not listening: nobody serves it
        assert neo4j_pid(f"bolt://127.0.0.1:{port}") == (None, f"no process of this user listens on port {port}")


def test_the_listening_process_is_found_by_its_port_and_must_be_neo4j() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        assert listening_pid(port) == os.getpid()
        pid, reason = neo4j_pid(f"bolt://localhost:{port}")  # this test process is no Neo4j (a docker-proxy neither)
        assert pid is None and reason.startswith(f"the process listening on port {port} (") and "is not Neo4j" in reason


@two_cpus
def test_children_inherit_the_cpus_they_are_started_on() -> None:
    first = available_cpus()[0]
    before = os.sched_getaffinity(0)
    with for_children((first,)):
        done = subprocess.run([sys.executable, "-c", "import os; print(sorted(os.sched_getaffinity(0)))"],
                              capture_output=True, text=True, check=True)
    assert done.stdout.strip() == f"[{first}]"
    assert os.sched_getaffinity(0) == before  # the caller is back where it was


@two_cpus
def test_client_and_a_local_neo4j_are_pinned_and_restored() -> None:
    cpus = available_cpus()[:2]
    listener = ("import socket, sys, time\ns = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n"
                "print(s.getsockname()[1], flush=True); time.sleep(60)")
    with for_children((cpus[0],)):  # a stand-in Neo4j that starts on one CPU
        server = subprocess.Popen([sys.executable, "-c", listener, "org.neo4j.server.StandInEntryPoint"], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        mine = os.sched_getaffinity(0)
        with pinned(f"bolt://127.0.0.1:{port}", available=cpus) as pins:
            assert pins.record["client"] == {"pinned": True, "cpus": [cpus[0]]}
            assert os.sched_getaffinity(0) == {cpus[0]}
            assert pins.record["neo4j"] == {"pinned": True, "cpus": sorted(cpus), "pid": server.pid}
            assert pins.servers() == (cpus[1],)
            with for_children(pins.servers()):
                child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
            try:
                time.sleep(0.05)
                pins.note_server("govgraph serve", child.pid)
            finally:
                child.kill()
                child.wait()
            assert pins.record["govgraph serve"] == {"pinned": True, "cpus": [cpus[1]]}
        assert os.sched_getaffinity(0) == mine
        assert os.sched_getaffinity(server.pid) == {cpus[0]}  # Neo4j gets its own affinity back
    finally:
        server.kill()
        server.wait()
