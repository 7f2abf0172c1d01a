"""The HTTP server `govgraph serve` runs: uvicorn, warming up once it listens."""

from __future__ import annotations

import gc
import os
import socket
import threading

import uvicorn
from starlette.applications import Starlette

GC_ENV = "GOVGRAPH_GC"
#: Young-generation threshold and the two older ones' (Python's defaults: 700, 10, 10)
DEFAULT_GC = (50_000, 20, 20)


def run_server(app: Starlette, host: str, port: int, collector: tuple[int, int, int] | None = DEFAULT_GC) -> None:
    """Serve ``app`` until stopped; our access log (govgraph.access) replaces uvicorn's.
    ``collector``: the garbage collector's thresholds once warm (``tune_collector``)."""
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)
    _WarmingServer(config, collector).run()


class _WarmingServer(uvicorn.Server):
    """uvicorn's server that, once it listens, loads in the background what first questions would
    otherwise wait for (``warm_up``), then tunes the garbage collector."""

    def __init__(self, config: uvicorn.Config, collector: tuple[int, int, int] | None) -> None:
        super().__init__(config)
        self.collector = collector

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            threading.Thread(target=self._warm, name="govgraph-warm-up", daemon=True).start()

    def _warm(self) -> None:
        warm_up()
        tune_collector(self.collector)


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
