"""Request body size limit: a pure ASGI middleware that answers 413 past the limit.

A declared Content-Length over the limit is refused before anything is read; a body
without one (chunked) is counted as it streams and refused as soon as it passes it.
"""

from __future__ import annotations

import os

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

BODY_ENV = "GOVGRAPH_MAX_BODY_BYTES"
DEFAULT_MAX_BODY = 8 * 1024 * 1024  # a large rules document, JSON-escaped, fits


def configured_max_body() -> int:
    raw = os.environ.get(BODY_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_BODY
    if not raw.isdigit() or int(raw) <= 0:
        raise ValueError(f"{BODY_ENV} must be a positive number of bytes, got {raw!r}")
    return int(raw)


class _TooLarge(Exception):
    pass


class BodySizeLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        if max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(scope, receive, send)
            return
        received = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except _TooLarge:
            if not started:
                await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = JSONResponse(
            {"errors": [{"message": f"request body too large: the limit is {self.max_bytes:,} bytes",
                         "extensions": {"code": "PAYLOAD_TOO_LARGE", "status": 413}}]},
            status_code=413,
        )
        await response(scope, receive, send)
