"""When `govgraph serve` warms up (govgraph/server.py): after its first answer, or a while after it
listens when no request comes; once."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from typing import Any

import pytest
import uvicorn

import govgraph.server as server
from govgraph.server import WarmAfterFirstAnswer, WarmUp


def test_the_warm_up_starts_after_the_first_http_answer_is_sent_and_only_then() -> None:
    events: list[str] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        events.append(f"{scope['type']} answered")

    wrapped = WarmAfterFirstAnswer(app, lambda: events.append("warm-up"))

    async def main() -> None:
        await wrapped({"type": "lifespan"}, None, None)  # the server's lifespan: not an answer
        await wrapped({"type": "http"}, None, None)
        await wrapped({"type": "http"}, None, None)

    asyncio.run(main())
    assert events == ["lifespan answered", "http answered", "warm-up", "http answered"]


def test_the_warm_up_runs_once_however_often_it_is_started(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[object] = []
    monkeypatch.setattr(server, "warm_up", lambda: ran.append("warm"))
    monkeypatch.setattr(server, "tune_collector", lambda collector: ran.append(collector))
    warming = WarmUp(None)
    starters = [threading.Thread(target=warming.start) for _ in range(8)]
    for thread in starters:
        thread.start()
    for thread in starters:
        thread.join()
    _wait_for(lambda: len(ran) == 2)
    time.sleep(0.05)
    assert ran == ["warm", None]


def test_a_server_nobody_asks_warms_up_after_a_while(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[str] = []
    monkeypatch.setattr(server, "warm_up", lambda: ran.append("warm"))
    monkeypatch.setattr(server, "tune_collector", lambda collector: None)
    monkeypatch.setattr(server, "WARM_UP_AFTER_SECONDS", 0.2)

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    warming = WarmUp(None)
    config = uvicorn.Config(WarmAfterFirstAnswer(app, warming.start), host="127.0.0.1", port=port, log_level="warning")
    running = server._WarmingServer(config, warming)
    thread = threading.Thread(target=running.run, daemon=True)
    started = time.monotonic()
    thread.start()
    try:
        _wait_for(lambda: running.started)
        assert ran == []  # not as soon as it listens
        _wait_for(lambda: ran == ["warm"])
        assert time.monotonic() - started >= 0.2
    finally:
        running.should_exit = True
        thread.join(10)


def _wait_for(condition: Any, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)
