"""CPUs for the query benchmarks: the client (this process), the servers under test, and Neo4j.

Pinning keeps the load generator from stealing the CPU of what it measures and keeps the
scheduler from moving a server between cores mid-measurement. The layout is chosen from the
CPUs this process may use; every party is recorded with the CPUs it actually got (read back
from the kernel), or as ``not pinned`` with the reason (one CPU, no ``sched_setaffinity``,
Neo4j on another machine or another user's process). Neo4j gets its original affinity back
when the block ends: it is the user's server, not the benchmark's.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

PROC = Path("/proc")
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "0.0.0.0", ""})
_LISTEN = "0A"  # TCP state LISTEN in /proc/net/tcp
#: the server's main class on a JVM command line (org.neo4j...CommunityEntryPoint, com.neo4j...EnterpriseEntryPoint)
NEO4J_ENTRY_POINT = re.compile(r"\b(?:org|com)\.neo4j\.\S*EntryPoint\b")


@dataclass(frozen=True, slots=True)
class Layout:
    """Which CPUs each party gets; ``servers`` is shared by ours and the peer (one runs at a time)."""

    client: tuple[int, ...]
    servers: tuple[int, ...]
    neo4j: tuple[int, ...]


def plan_layout(available: Iterable[int]) -> Layout | None:
    """The client on the first CPU, the servers next, Neo4j on the rest; None on one CPU.

    On two CPUs Neo4j gets both: it does the store work of every path (the raw driver's too),
    and pinning it beside only one of the client or the servers would hand the other path a
    CPU of its own."""
    cpus = sorted(set(available))
    if len(cpus) < 2:
        return None
    if len(cpus) == 2:
        return Layout((cpus[0],), (cpus[1],), tuple(cpus))
    servers = max(1, (len(cpus) - 1) // 2)
    return Layout((cpus[0],), tuple(cpus[1:1 + servers]), tuple(cpus[1 + servers:]))


def supported() -> bool:
    return hasattr(os, "sched_setaffinity") and hasattr(os, "sched_getaffinity")


def available_cpus() -> tuple[int, ...]:
    if not supported():
        return tuple(range(os.cpu_count() or 1))
    return tuple(sorted(os.sched_getaffinity(0)))


def _threads(pid: int) -> list[int]:
    try:
        return [int(tid) for tid in os.listdir(PROC / str(pid) / "task")]
    except OSError:
        return [pid]


def set_process_affinity(pid: int, cpus: Iterable[int]) -> None:
    """Every thread of ``pid`` (as ``taskset -a``); threads started later inherit it from their creator.
    Raises OSError (PermissionError: another user's process) when the kernel refuses."""
    wanted, done = set(cpus), set[int]()
    while todo := [tid for tid in _threads(pid) if tid not in done]:  # again: threads started meanwhile
        for tid in todo:
            with contextlib.suppress(ProcessLookupError):  # a thread that ended meanwhile
                os.sched_setaffinity(tid, wanted)
            done.add(tid)


def affinity_of(pid: int) -> list[int]:
    return sorted(os.sched_getaffinity(pid))


def _listening_inodes(port: int) -> set[str]:
    inodes = set()
    for table in ("tcp", "tcp6"):
        try:
            lines = (PROC / "net" / table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            cols = line.split()
            if len(cols) > 9 and int(cols[1].rsplit(":", 1)[1], 16) == port and cols[3] == _LISTEN:
                inodes.add(cols[9])
    return inodes


def listening_pid(port: int) -> int | None:
    """The process of this user listening on a local TCP port (None if none is visible)."""
    sockets = {f"socket:[{inode}]" for inode in _listening_inodes(port)}
    if not sockets:
        return None
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):  # another user's process, or one that ended
            for fd in (entry / "fd").iterdir():
                with contextlib.suppress(OSError):
                    if os.readlink(fd) in sockets:
                        return int(entry.name)
    return None


def neo4j_pid(uri: str) -> tuple[int | None, str]:
    """The local Neo4j process behind a bolt URI, or None with the reason it cannot be pinned."""
    parts = urlsplit(uri)
    if (parts.hostname or "") not in LOCAL_HOSTS:
        return None, f"Neo4j at {parts.hostname} is not on this machine"
    port = parts.port or 7687
    pid = listening_pid(port)
    if pid is None:
        return None, f"no process of this user listens on port {port}"
    try:
        command = (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        command = ""
    if not NEO4J_ENTRY_POINT.search(command):  # e.g. docker-proxy forwarding to a container's Neo4j
        return None, f"the process listening on port {port} ({command.split(' ', 1)[0] or pid}) is not Neo4j"
    return pid, ""


def not_pinned(reason: str) -> dict[str, Any]:
    return {"pinned": False, "reason": reason}


def pinned_to(cpus: Iterable[int]) -> dict[str, Any]:
    return {"pinned": True, "cpus": sorted(cpus)}


@dataclass
class Pinning:
    """What a run got; ``record`` is what the results file says about each party."""

    layout: Layout | None
    record: dict[str, dict[str, Any]] = field(default_factory=dict)

    def servers(self) -> tuple[int, ...] | None:
        """CPUs for a server about to start, or None when the servers are not pinned."""
        return self.layout.servers if self.layout is not None else None

    def note_server(self, name: str, pid: int) -> None:
        """Record the CPUs a started server actually has (read back, not assumed)."""
        if self.layout is None:
            self.record[name] = not_pinned(self.record["client"]["reason"])
        else:
            self.record[name] = pinned_to(affinity_of(pid))


@contextlib.contextmanager
def for_children(cpus: tuple[int, ...] | None) -> Iterator[None]:
    """Processes started inside the block inherit ``cpus`` (the calling thread's affinity at fork)."""
    if cpus is None:
        yield
        return
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, cpus)
    try:
        yield
    finally:
        os.sched_setaffinity(0, before)


@contextlib.contextmanager
def pinned(neo4j_uri: str, enabled: bool = True, available: Iterable[int] | None = None) -> Iterator[Pinning]:
    """Pin this process (the client) and Neo4j for the block; servers started with
    ``for_children(pinning.servers())`` land on theirs. Every affinity changed is restored."""
    if not enabled:
        yield _unpinned("pinning turned off (--no-pin)")
        return
    if not supported():
        yield _unpinned("this platform has no sched_setaffinity")
        return
    layout = plan_layout(available if available is not None else available_cpus())
    if layout is None:
        yield _unpinned("one CPU: nothing to separate")
        return
    me, before = os.getpid(), os.sched_getaffinity(0)
    pid, reason = neo4j_pid(neo4j_uri)
    neo4j_before = set(os.sched_getaffinity(pid)) if pid is not None else None
    out = Pinning(layout)
    try:
        set_process_affinity(me, layout.client)
        out.record["client"] = pinned_to(affinity_of(me))
        if pid is not None:
            try:
                set_process_affinity(pid, layout.neo4j)
                out.record["neo4j"] = {**pinned_to(affinity_of(pid)), "pid": pid}
            except OSError as exc:
                neo4j_before = None
                out.record["neo4j"] = not_pinned(f"the kernel refused ({exc.strerror})")
        else:
            out.record["neo4j"] = not_pinned(reason)
        yield out
    finally:
        set_process_affinity(me, before)
        if pid is not None and neo4j_before is not None:
            with contextlib.suppress(OSError):
                set_process_affinity(pid, neo4j_before)


def _unpinned(reason: str) -> Pinning:
    return Pinning(None, {"client": not_pinned(reason), "neo4j": not_pinned(reason)})


def describe(record: dict[str, dict[str, Any]]) -> str:
    """One line: each party with its CPUs, or not pinned and why."""
    return "; ".join(f"{name} on CPUs {','.join(map(str, party['cpus']))}" if party["pinned"]
                     else f"{name} not pinned ({party['reason']})" for name, party in record.items())
