"""The ASGI application: GraphQL (with GraphiQL) at /graphql, health at /healthz and /readyz.

Read queries are public; mutations need ``Authorization: Bearer $GOVGRAPH_API_TOKEN``.
Request bodies over ``GOVGRAPH_MAX_BODY_BYTES`` (default 8 MiB) are refused with 413.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from strawberry.asgi import GraphQL

from stores.base import Store

from .auth import configured_token
from .limits import BodySizeLimit, configured_max_body
from .mutations import IngestFunction
from .names import JurisdictionCache, configured_names_ttl
from .schema import schema


class _GraphQL(GraphQL):
    def __init__(self, store: Store, api_token: str | None, ingest: IngestFunction | None) -> None:
        super().__init__(schema, graphql_ide="graphiql")
        self.store = store
        self.api_token = api_token
        self.ingest = ingest
        self.names = JurisdictionCache(configured_names_ttl())

    async def get_context(self, request: Any, response: Any = None) -> dict[str, Any]:
        return {"request": request, "response": response, "store": self.store, "api_token": self.api_token,
                "names": self.names, "ingest": self.ingest}


def _closing(store: Store):  # type: ignore[no-untyped-def]
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        store.close()

    return lifespan


def create_app(
    store: Store, *, ingest: IngestFunction | None = None, api_token: str | None = None,
    max_body_bytes: int | None = None,
) -> Starlette:
    """The app over ``store``. ``ingest`` turns a document into its graph for the ``ingestDocument``
    mutation (None: the mutation says it cannot load documents); ``govgraph.app.create_app`` passes
    the pipeline's. ``api_token`` and ``max_body_bytes`` default to the environment."""

    async def healthz(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> JSONResponse:
        ready = store.ready()
        return JSONResponse({"ready": ready, "store": store.name}, status_code=200 if ready else 503)

    token = api_token if api_token is not None else configured_token()
    app = Starlette(
        routes=[
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/graphql", _GraphQL(store, token, ingest), methods=["GET", "POST"]),
        ],
        middleware=[Middleware(BodySizeLimit, max_bytes=max_body_bytes or configured_max_body())],
        lifespan=_closing(store),
    )
    app.state.store = store
    return app
