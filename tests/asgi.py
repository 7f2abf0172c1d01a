"""Requests to the ASGI app in process, for tests (httpx's ASGI transport).

No lifespan runs: it would close the store that the session's tests share.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx


class AppClient:
    def __init__(self, app: Any, timeout: float = 60) -> None:
        self.transport = httpx.ASGITransport(app=app)
        self.timeout = timeout

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        async def send() -> httpx.Response:
            async with httpx.AsyncClient(transport=self.transport, base_url="http://test", timeout=self.timeout) as c:
                return await c.request(method, url, **kwargs)

        return asyncio.run(send())

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)
