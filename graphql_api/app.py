"""The ASGI application: GraphQL (with GraphiQL) at /graphql, health at /healthz and /readyz."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from strawberry.asgi import GraphQL

from stores.base import Store

from .schema import schema


class _GraphQL(GraphQL):
    def __init__(self, store: Store) -> None:
        super().__init__(schema, graphql_ide="graphiql")
        self.store = store

    async def get_context(self, request: Any, response: Any = None) -> dict[str, Any]:
        return {"request": request, "response": response, "store": self.store}


def _closing(store: Store):  # type: ignore[no-untyped-def]
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        store.close()

    return lifespan


def create_app(store: Store) -> Starlette:
    async def healthz(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> JSONResponse:
        ready = store.ready()
        return JSONResponse({"ready": ready, "store": store.name}, status_code=200 if ready else 503)

    app = Starlette(
        routes=[
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/graphql", _GraphQL(store), methods=["GET", "POST"]),
        ],
        lifespan=_closing(store),
    )
    app.state.store = store
    return app
