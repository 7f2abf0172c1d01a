"""What an operator watches: Prometheus metrics at ``/metrics`` and one access-log line per request.

Metrics live in a registry of their own per app (two apps in one process, as in the tests, do
not collide), and are exposed in Prometheus' text format:

* ``govgraph_http_requests_total{method, route, status}`` and
  ``govgraph_http_request_duration_seconds{route}``: every HTTP request, by route (the path of
  a known route, else ``other``: a scanner's paths must not grow the label set);
* ``govgraph_graphql_field_duration_seconds{field}``: each top-level GraphQL field (``signatories``,
  ``ask`` …), timed around its resolver (``graphql_api/execution.py`` reports it);
* ``govgraph_store_errors_total{field}``: fields that failed because the store could not answer;
* ``govgraph_documents_loaded``: rules documents the store holds, read when scraped.

The access log is the logger ``govgraph.access`` (INFO), one line per request:
``client method path status duration bytes``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from stores.base import StoreUnavailable

access_log = logging.getLogger("govgraph.access")

#: Seconds: from a cached in-process answer (0.5 ms) to a slow compare over Neo4j.
LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class _DocumentsLoaded:
    """A collector that asks the store, at scrape time, how many rules documents it holds."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def describe(self) -> Iterable[Metric]:
        return [GaugeMetricFamily("govgraph_documents_loaded", "Rules documents the store holds (every version)")]

    def collect(self) -> Iterator[Metric]:
        try:
            nodes, _ = self.store.counts()
        except StoreUnavailable:
            return  # an outage shows as a missing sample (and in govgraph_store_errors_total), not a scrape error
        gauge = GaugeMetricFamily("govgraph_documents_loaded", "Rules documents the store holds (every version)")
        gauge.add_metric([], nodes.get("RuleDocument", 0))
        yield gauge


class Metrics:
    """The app's metrics and the registry they are exposed from."""

    def __init__(self, store: Any, routes: Iterable[str]) -> None:
        self.registry = CollectorRegistry()
        self.routes = frozenset(routes)
        self.requests = Counter("govgraph_http_requests", "HTTP requests", ["method", "route", "status"],
                                registry=self.registry)
        self.request_seconds = Histogram("govgraph_http_request_duration_seconds", "HTTP request duration",
                                         ["route"], buckets=LATENCY_BUCKETS, registry=self.registry)
        self.field_seconds = Histogram("govgraph_graphql_field_duration_seconds",
                                       "Duration of each top-level GraphQL field's resolver", ["field"],
                                       buckets=LATENCY_BUCKETS, registry=self.registry)
        self.store_errors = Counter("govgraph_store_errors", "Top-level fields that failed because the store "
                                    "could not answer", ["field"], registry=self.registry)
        self.registry.register(_DocumentsLoaded(store))

    def route(self, path: str) -> str:
        return path if path in self.routes else "other"

    def field(self, name: str, seconds: float, error: BaseException | None) -> None:
        """One top-level field resolved (``error``: what it raised, if anything)."""
        self.field_seconds.labels(name).observe(seconds)
        if isinstance(error, StoreUnavailable):
            self.store_errors.labels(name).inc()

    async def endpoint(self, request: Request) -> Response:
        body = await run_in_threadpool(generate_latest, self.registry)  # the store is asked: off the loop
        return Response(body, media_type=CONTENT_TYPE_LATEST)


class Observe:
    """ASGI middleware: counts and times each HTTP request and writes its access-log line."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500  # what the client sees if the app raises before it answers
        size = 0

        async def observed_send(message: Message) -> None:
            nonlocal status, size
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                size += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, observed_send)
        finally:
            seconds = time.perf_counter() - start
            route = self.metrics.route(scope["path"])
            self.metrics.requests.labels(scope["method"], route, str(status)).inc()
            self.metrics.request_seconds.labels(route).observe(seconds)
            if access_log.isEnabledFor(logging.INFO):
                client = scope.get("client")
                access_log.info("%s %s %s %d %.1fms %dB", f"{client[0]}:{client[1]}" if client else "-",
                                scope["method"], scope["path"], status, seconds * 1000, size)
