"""The Neo4j store's reads on the API's event loop, through ``neo4j.AsyncGraphDatabase``.

Each question of the ``Store`` protocol is written once (``stores/neo4j_reads.py``: one named
query, its parameters, its reader) and sends its one statement through ``Neo4jStore.run_records``.
That call asks ``read_records`` below for the records: inside ``run_awaiting``
(``stores/awaiting.py``; the API runs a top-level field so) they come from the async driver,
awaited on the loop while other requests run; anywhere else from the blocking driver. Same
statement, same parameters, same auto-commit read (routed to a reader), same one round trip,
same rows, and the same one-line ``StoreUnavailable`` when the server cannot be reached.

An async driver's connections belong to the event loop that opened them: with
``GOVGRAPH_NEO4J_READS=async`` the app opens one for its loop at startup (``open_on_loop``) and
closes it at shutdown (``close_on_loop``, the Starlette lifespan). Without one (the default
``threads``, the CLI, ``schema.execute_sync``, an app run without its lifespan) the reads block, in
the worker threads of ``graphql_api/execution.py``.

Why ``threads`` is the default: measured on this project's 2-core machine (server, load generator
and Neo4j sharing the cores; signatories, 100 generated documents; 5 interleaved rounds, medians),
the thread path answered in 11.0 ms at 1 client and 91 req/s at 16, the async path in 26.1 ms and
43 req/s. In process, one request at a time, both cost the same CPU (7.0 and 7.1 ms a request);
at 16 clients the async server spent more per request (10–11.5 ms against 7.7 ms: the async
driver's reads and writes go through ``asyncio`` futures, ``wait_for`` tasks and timers) and got
about half a core where the threaded one got 80–90 %: its one busy thread competes for the
cores with every thread of the clients and of Neo4j, where 32 workers get a larger share. On a
server of its own, with the database elsewhere, measure again before choosing.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import neo4j
from neo4j.exceptions import DriverError, Neo4jError

from .awaiting import await_only, awaiting
from .base import StoreUnavailable
from .neo4j_connection import UNAVAILABLE, Neo4jSettings, make_async_driver, one_line

READS_ENV = "GOVGRAPH_NEO4J_READS"
READ_MODES = ("async", "threads")
DEFAULT_READS = "threads"

T = TypeVar("T")


def configured_reads() -> str:
    """How the API reads Neo4j: ``async`` (on the event loop) or ``threads`` (a worker thread per field)."""
    mode = os.environ.get(READS_ENV, "").strip().lower() or DEFAULT_READS
    if mode not in READ_MODES:
        raise ValueError(f"{READS_ENV} must be one of {', '.join(READ_MODES)}, got {mode!r}")
    return mode


class LoopReads:
    """Mixed into ``Neo4jStore``: the async driver of the API's loop, and the reads it answers."""

    settings: Neo4jSettings
    _prepared: bool
    _driver: neo4j.Driver
    _loop_driver: neo4j.AsyncDriver | None = None
    _loop: asyncio.AbstractEventLoop | None = None
    _thread_sessions: ThreadSessions

    async def open_on_loop(self) -> None:
        """Answer reads run on the running loop through an async driver (the app's startup);
        nothing when ``GOVGRAPH_NEO4J_READS=threads``."""
        if configured_reads() != "async" or self._loop_driver is not None:
            return
        self._loop_driver = self._new_loop_driver()
        self._loop = asyncio.get_running_loop()

    async def close_on_loop(self) -> None:
        """Close the async driver (the app's shutdown); reads block again from now on."""
        driver, self._loop_driver, self._loop = self._loop_driver, None, None
        if driver is not None:
            await driver.close()

    def reads_on_loop(self) -> bool:
        """True when a read run on the running loop (``run_awaiting``) awaits the async driver:
        one is open for this loop and the database is prepared (a store started while the server
        was down prepares it on first contact, which blocks: a worker thread does that)."""
        if self._loop_driver is None or not self._prepared:
            return False
        try:
            return asyncio.get_running_loop() is self._loop
        except RuntimeError:  # no loop running in this thread
            return False

    def _new_loop_driver(self) -> neo4j.AsyncDriver:
        """The async driver (``benchmarks/counting.py`` wraps this to count its statements)."""
        return make_async_driver(self.settings)

    def read_records(self, statement: str, params: dict[str, Any]) -> list[neo4j.Record]:
        """One statement in a read transaction, one round trip: every record. Awaited on the loop
        inside ``run_awaiting`` with an async driver open; else sent through the blocking driver
        (in a worker thread when inside ``run_awaiting`` without one: the loop never blocks)."""
        if awaiting():
            driver = self._loop_driver
            if driver is not None and self.reads_on_loop():
                return await_only(self._read_async(driver, statement, params))
            return off_loop(self._read_blocking, statement, params)
        return self._read_blocking(statement, params)

    def _read_blocking(self, statement: str, params: dict[str, Any]) -> list[neo4j.Record]:
        for attempt in range(READ_ATTEMPTS):
            try:
                return list(self._thread_sessions.get(self._driver, self._read_session).run(statement, params))
            except RETRIED as exc:
                self._thread_sessions.drop()
                self._give_up_on(exc, last=attempt + 1 == READ_ATTEMPTS)
            except BaseException:
                self._thread_sessions.drop()
                raise
            time.sleep(RETRY_PAUSE_SECONDS * (attempt + 1))
        raise AssertionError("unreachable: the last attempt returns or raises")

    async def _read_async(self, driver: neo4j.AsyncDriver, statement: str, params: dict[str, Any]) -> list[neo4j.Record]:
        for attempt in range(READ_ATTEMPTS):
            try:
                async with driver.session(**self._read_session(driver)) as session:
                    return [record async for record in await session.run(statement, params)]
            except RETRIED as exc:
                self._give_up_on(exc, last=attempt + 1 == READ_ATTEMPTS)
            await asyncio.sleep(RETRY_PAUSE_SECONDS * (attempt + 1))
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _give_up_on(self, exc: BaseException, last: bool) -> None:
        """Raise unless ``exc`` is worth another attempt: as the driver's retries would end, with
        an unreachable server said in one line (``StoreUnavailable``)."""
        if last or not _retryable(exc):
            if isinstance(exc, UNAVAILABLE):
                raise StoreUnavailable(f"Neo4j at {self.settings.uri} is unavailable: {one_line(exc)}") from exc
            raise exc

    def _read_session(self, driver: neo4j.Driver | neo4j.AsyncDriver | None = None) -> dict[str, Any]:
        """An auto-commit read: RUN and PULL in one network round trip, where ``execute_query``'s
        managed transaction adds a COMMIT and its own (measured: 0.6 ms less client CPU a read, and
        0.9 ms sooner). Routed to a reader, every record in one PULL, and chained to the writes by
        the bookmarks ``execute_query`` would use."""
        manager = (driver or self._driver).execute_query_bookmark_manager
        return {"database": self.settings.database, "default_access_mode": neo4j.READ_ACCESS, "fetch_size": -1,
                "bookmark_manager": manager}


class _Held:
    """A thread's session; closed when the thread ends (its locals go), dropped or the store closes."""

    __slots__ = ("__weakref__", "driver", "session")

    def __init__(self, driver: neo4j.Driver, session: neo4j.Session) -> None:
        self.driver, self.session = driver, session

    def close(self) -> None:
        with contextlib.suppress(Exception):  # a session whose connection died, or at interpreter exit
            self.session.close()

    def __del__(self) -> None:
        self.close()


class ThreadSessions:
    """One blocking read session per thread, kept for the thread's next read.

    A session is cheap to keep: between two auto-commit reads it holds no connection (the pool
    has it back once a result is read whole), only its configuration and bookmarks. Making one
    for every read cost about a tenth of a read's client CPU (measured in process, signatories at
    N=500: 1.54 against 1.41 ms a read): ``Driver.session`` builds and checks a configuration
    each time. A session is not thread-safe, hence one per thread. Every session is closed: a
    failed one at once (the next read makes a new one), a thread's when the thread ends, the rest
    when the store closes (the driver warns of a session that was never closed)."""

    def __init__(self) -> None:
        self._local = threading.local()
        self._lock = threading.Lock()
        self._every: weakref.WeakSet[_Held] = weakref.WeakSet()

    def get(self, driver: neo4j.Driver, config: Callable[[], dict[str, Any]]) -> neo4j.Session:
        held: _Held | None = getattr(self._local, "held", None)
        if held is None or held.driver is not driver or held.session.closed():
            held = self._local.held = _Held(driver, driver.session(**config()))  # the one replaced closes
            with self._lock:
                self._every.add(held)
        return held.session

    def drop(self) -> None:
        """Close this thread's session (it failed)."""
        held: _Held | None = getattr(self._local, "held", None)
        self._local.held = None
        if held is not None:
            held.close()

    def close(self) -> None:
        """Close every thread's session (the store closes)."""
        with self._lock:
            every = list(self._every)
        for held in every:
            held.close()


#: An auto-commit read is not retried by the driver, as ``execute_query`` is: a read that meets a
#: dropped pooled connection or a transient server error is sent again, a few times, briefly.
READ_ATTEMPTS = 3
RETRY_PAUSE_SECONDS = 0.05
RETRIED = (*UNAVAILABLE, Neo4jError, DriverError)


def _retryable(exc: BaseException) -> bool:
    if isinstance(exc, UNAVAILABLE):
        return True
    is_retryable = getattr(exc, "is_retryable", None)
    return bool(is_retryable is not None and is_retryable())


def off_loop(fn: Callable[..., T], *args: Any) -> T:
    """``fn(*args)``, which blocks: in a worker thread, awaited, when inside ``run_awaiting``."""
    if awaiting():
        return await_only(asyncio.to_thread(fn, *args))
    return fn(*args)
