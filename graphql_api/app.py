"""The ASGI application: GraphQL (with GraphiQL) at /graphql, health at /healthz and /readyz,
Prometheus metrics at /metrics.

Read queries are public; mutations need ``Authorization: Bearer $GOVGRAPH_API_TOKEN``.
Request bodies over ``GOVGRAPH_MAX_BODY_BYTES`` (default 8 MiB) are refused with 413.
Browsers on the origins in ``GOVGRAPH_CORS_ORIGINS`` (comma-separated) may call the API.
Every request is counted, timed and logged on one line (``graphql_api/observe.py``).
A POST of one JSON query skips strawberry's view (``graphql_api/plain_posts.py``).
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import AsyncIterator
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from stores.base import Store

from .auth import configured_token
from .limits import BodySizeLimit, configured_max_body
from .mutations import IngestFunction
from .observe import Metrics, Observe
from .places import PlaceDirectory, PlaceLoader, configured_names_ttl
from .plain_posts import PlainQueryPosts
from .schema import DOCUMENT_LIMITS, schema

CORS_ENV = "GOVGRAPH_CORS_ORIGINS"


def configured_cors_origins() -> list[str]:
    """Origins allowed to call the API from a browser (``*``: any); none by default."""
    return [o.strip().rstrip("/") for o in os.environ.get(CORS_ENV, "").split(",") if o.strip()]


class _GraphQL(GraphQL[dict[str, Any], None]):  # context: a dict; no root value
    def __init__(self, store: Store, api_token: str | None, ingest: IngestFunction | None, metrics: Metrics) -> None:
        super().__init__(schema, graphql_ide="graphiql")
        self.store = store
        self.api_token = api_token
        self.ingest = ingest
        self.places = PlaceDirectory(configured_names_ttl())  # the store's places, shared by requests
        self.metrics = metrics

    def decode_json(self, data: str | bytes) -> object:
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            # json reads a lone surrogate (\ud800) that orjson refuses: the field then says what
            # is wrong with its argument; a body that is no JSON at all stays the view's 400
            return json.loads(data)

    def encode_json(self, data: object) -> bytes:
        # orjson: several times faster than json.dumps on an answer of a few hundred fields, and
        # Chinese text as UTF-8 rather than \uXXXX escapes (the same JSON value, a third smaller)
        try:
            return orjson.dumps(data)
        except orjson.JSONEncodeError:  # a lone surrogate (from a client's text): escaped, as json does
            return json.dumps(data, separators=(",", ":")).encode("ascii")

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket) -> dict[str, Any]:
        # a DataLoader per request (graphql_api/places.py): names resolve once, in one batch
        return {"request": request, "response": response, "store": self.store, "api_token": self.api_token,
                "places": PlaceLoader(self.places, self.store), "ingest": self.ingest, "metrics": self.metrics}


def _closing(store: Store):  # type: ignore[no-untyped-def]
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Neo4j: reads through the async driver on this loop, from startup to shutdown
        # (stores/neo4j_loop_reads.py); a store without one answers as before
        opened = getattr(store, "open_on_loop", None)
        if opened is not None:
            await opened()
        try:
            yield
        finally:
            closing = getattr(store, "close_on_loop", None)
            if closing is not None:
                await closing()
            store.close()

    return lifespan


def create_app(
    store: Store, *, ingest: IngestFunction | None = None, api_token: str | None = None,
    max_body_bytes: int | None = None, cors_origins: list[str] | None = None,
) -> Starlette:
    """The app over ``store``. ``ingest`` turns a document into its graph for the ``ingestDocument``
    mutation (None: the mutation says it cannot load documents); ``govgraph.app.create_app`` passes
    the pipeline's. ``api_token``, ``max_body_bytes`` and ``cors_origins`` default to the environment."""

    async def healthz(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> JSONResponse:
        ready = await run_in_threadpool(store.ready)  # a Neo4j round trip: off the event loop
        return JSONResponse({"ready": ready, "store": store.name}, status_code=200 if ready else 503)

    token = api_token if api_token is not None else configured_token()
    metrics = Metrics(store, routes=("/healthz", "/readyz", "/graphql", "/metrics"))
    origins = cors_origins if cors_origins is not None else configured_cors_origins()
    # Outermost first: every request is observed (a refused one too); a preflight is answered
    # before the body limit reads anything.
    middleware = [Middleware(Observe, metrics=metrics)]
    if origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                                     allow_headers=["Authorization", "Content-Type"], max_age=600))
    middleware.append(Middleware(BodySizeLimit, max_bytes=max_body_bytes or configured_max_body()))
    view = _GraphQL(store, token, ingest, metrics)
    # innermost: a plain JSON query is answered here, every other request by the view
    middleware.append(Middleware(PlainQueryPosts, view=view, limits=DOCUMENT_LIMITS, path="/graphql"))
    app = Starlette(
        routes=[
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/graphql", view, methods=["GET", "POST"]),
            Route("/metrics", metrics.endpoint),
        ],
        middleware=middleware,
        lifespan=_closing(store),
    )
    app.state.store = store
    app.state.metrics = metrics
    return app
