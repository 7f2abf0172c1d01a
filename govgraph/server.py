"""The HTTP server `govgraph serve` runs: uvicorn, warming up once it listens."""

from __future__ import annotations

import asyncio
import gc
import os
import socket
import threading
from collections.abc import Callable

import uvicorn
from starlette.applications import Starlette
from starlette.types import ASGIApp, Receive, Scope, Send

GC_ENV = "GOVGRAPH_GC"
#: Young-generation threshold and the two older ones' (Python's defaults: 700, 10, 10)
DEFAULT_GC = (50_000, 20, 20)


#: the warm-up starts after the first answer, or this many seconds after the server listens
WARM_UP_AFTER_SECONDS = 2.0


def run_server(app: Starlette, host: str, port: int, collector: tuple[int, int, int] | None = DEFAULT_GC) -> None:
    """Serve ``app`` until stopped; our access log (govgraph.access) replaces uvicorn's.
    ``collector``: the garbage collector's thresholds once warm (``tune_collector``)."""
    warming = WarmUp(collector)
    config = uvicorn.Config(WarmAfterFirstAnswer(app, warming.start), host=host, port=port,
                            log_level="warning", access_log=False)
    _WarmingServer(config, warming).run()


class WarmUp:
    """Loads in a background thread what first questions would otherwise wait for (``warm_up``),
    then tunes the garbage collector; ``start`` starts it once, later calls do nothing.

    Not as soon as the server listens: the warm-up holds the GIL for most of half a second
    (pypinyin's phrase dictionary is one 0.3 s JSON decode), and a readiness probe arriving then
    waited for it (measured: the first ``/readyz`` of a restart took 595 ms, of a first start
    333 ms). So it starts once the first answer is out, or ``WARM_UP_AFTER_SECONDS`` after the
    server listens if no request comes."""

    def __init__(self, collector: tuple[int, int, int] | None) -> None:
        self.collector = collector
        self._started = False
        self._lock = threading.Lock()

    def start(self) -> None:
        with self._lock:
            if self._started:
                return
            self._started = True
        threading.Thread(target=self._run, name="govgraph-warm-up", daemon=True).start()

    def _run(self) -> None:
        warm_up()
        tune_collector(self.collector)


class WarmAfterFirstAnswer:
    """The app, calling ``start`` when its first HTTP answer has been sent (then never again)."""

    def __init__(self, app: ASGIApp, start: Callable[[], None]) -> None:
        self.app, self._start = app, start
        self._pending = True

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, send)
        if self._pending and scope["type"] == "http":
            self._pending = False
            self._start()


class _WarmingServer(uvicorn.Server):
    """uvicorn's server that, once it listens, starts the warm-up after ``WARM_UP_AFTER_SECONDS``
    unless the first answer started it already."""

    def __init__(self, config: uvicorn.Config, warming: WarmUp) -> None:
        super().__init__(config)
        self.warming = warming

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            asyncio.get_running_loop().call_later(WARM_UP_AFTER_SECONDS, self.warming.start)


def warm_up() -> None:
    """The vocabulary (names in every field) and pypinyin's dictionaries (Latin place names in a
    question: ~0.4 s to import), loaded after the server is ready rather than before it (a start
    from the graph cache reads neither). A question that comes first waits for the same import and
    gets the same answer."""
    from graphql_api.names import pinyin_key
    from schema.vocabulary import load_vocabulary

    load_vocabulary()
    pinyin_key("区")


def configured_collector() -> tuple[int, int, int] | None:
    """``GOVGRAPH_GC``: three thresholds (``50000,20,20``), or ``python`` for Python's own settings."""
    raw = os.environ.get(GC_ENV, "").strip()
    if not raw:
        return DEFAULT_GC
    if raw == "python":
        return None
    parts = raw.split(",")
    if len(parts) != 3 or not all(p.strip().isdigit() and int(p) > 0 for p in parts):
        raise ValueError(f"{GC_ENV} must be three positive numbers such as 50000,20,20, or python; got {raw!r}")
    first, second, third = (int(p) for p in parts)
    return first, second, third


def tune_collector(thresholds: tuple[int, int, int] | None) -> None:
    """Freeze what start-up made and collect garbage less often, once the server is warm.

    An answer builds its tree of rows, strawberry objects and dicts in one go: with Python's
    defaults a young collection runs every 700 new objects and scans what the requests in flight
    hold, and the older ones also walk every object the process made at start-up (the schema, the
    vocabulary, 70-85 thousand of them). Measured in process on the N=500 database (medians of 5
    interleaved rounds), frozen with (50000, 20, 20): a compare request 248 -> 184 ms of CPU, a
    meetings request 9.2 -> 8.2 ms. Garbage in a cycle waits longer to be freed; nothing else
    changes. ``None``: Python's settings, nothing frozen."""
    if thresholds is None:
        return
    gc.collect()
    gc.freeze()  # start-up's objects: kept for the life of the process, never scanned again
    gc.set_threshold(*thresholds)
