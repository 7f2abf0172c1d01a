"""The HTTP server `govgraph serve` runs: uvicorn, warming up once it listens."""

from __future__ import annotations

import socket
import threading

import uvicorn
from starlette.applications import Starlette


def run_server(app: Starlette, host: str, port: int) -> None:
    """Serve ``app`` until stopped; our access log (govgraph.access) replaces uvicorn's."""
    _WarmingServer(uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False)).run()


class _WarmingServer(uvicorn.Server):
    """uvicorn's server that, once it listens, loads in the background what first questions would
    otherwise wait for (``warm_up``)."""

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            threading.Thread(target=warm_up, name="govgraph-warm-up", daemon=True).start()


def warm_up() -> None:
    """The vocabulary (names in every field) and pypinyin's dictionaries (Latin place names in a
    question: ~0.4 s to import), loaded after the server is ready rather than before it (a start
    from the graph cache reads neither). A question that comes first waits for the same import and
    gets the same answer."""
    from graphql_api.names import pinyin_key
    from schema.vocabulary import load_vocabulary

    load_vocabulary()
    pinyin_key("区")
