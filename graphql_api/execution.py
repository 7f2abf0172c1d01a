"""How the schema executes its top-level fields: off the event loop, timed.

The rule for every request, applied here once rather than in each resolver (a query's parse
and validation are done once per text: ``graphql_api/prepared.py``):

* **The event loop is never blocked.** Resolvers are plain functions over the synchronous
  ``Store`` protocol (``stores/base.py``); ``run_fields_off_loop`` wraps every top-level
  Query and Mutation field, once, so that when the schema executes on an event loop the field
  runs in a worker thread (up to ``GOVGRAPH_WORKERS`` of them, the warmest first:
  ``graphql_api/warm_pool.py``): a slow store call holds back only its
  own request, and the Neo4j driver's blocking I/O overlaps across requests. Nested fields only
  read the rows the top-level field returned, so they stay on the loop. ``execute_sync`` (tests,
  no loop) runs the same fields inline. So does a Query field over a store that says it
  ``answers_without_waiting()`` (the embedded store, its index built and no write under way):
  an in-memory read costs less than the hand-off to a thread and back. Nor does a Query field
  over a store that ``reads_on_loop()`` (Neo4j with its async driver open for this loop, see
  ``stores/neo4j_loop_reads.py``): the same sync resolver runs on the loop in ``run_awaiting``
  (``stores/awaiting.py``), and each store read inside it awaits the async driver, so no thread
  is involved at all. Such fields run one at a time per request (``PlaceLoader.turn``): the
  request's place table holds a thread lock across a read. Each top-level field
  is also timed here for ``/metrics`` (``info.context["metrics"]``, when the app provides one).

A new resolver needs nothing of its own for either: a sync ``def`` field on ``Query`` reading
``info.context["store"]`` is run off the loop and timed.

* **Place names are resolved on the loop, in one batch.** A field whose metadata names its place
  arguments (``places.names_places("jurisdiction")``) has them resolved through the request's
  DataLoader (``info.context["places"]``, ``graphql_api/places.py``) before its thread starts:
  the DataLoader is asyncio-based and batches what is asked in one turn of the loop, which is
  when graphql-core starts every top-level field of a request.
"""

from __future__ import annotations

import asyncio
import inspect
import os
import time
import weakref
from collections.abc import Awaitable, Callable
from typing import Any

import strawberry

from stores.awaiting import run_awaiting

from .direct_resolvers import direct_resolver
from .places import PLACE_ARGUMENTS, request_places
from .warm_pool import WarmFirstPool

WORKERS_ENV = "GOVGRAPH_WORKERS"
DEFAULT_WORKERS = 32


def configured_workers() -> int:
    raw = os.environ.get(WORKERS_ENV, "").strip()
    if not raw:
        return DEFAULT_WORKERS
    if not raw.isdigit() or int(raw) <= 0:
        raise ValueError(f"{WORKERS_ENV} must be a positive number of threads, got {raw!r}")
    return int(raw)


_pool: WarmFirstPool | None = None


def _workers() -> WarmFirstPool:
    global _pool
    if _pool is None:
        _pool = WarmFirstPool(configured_workers(), thread_name_prefix="govgraph-field")
    return _pool


def _report(info: Any, name: str, seconds: float, error: BaseException | None) -> None:
    context = info.context
    metrics = context.get("metrics") if isinstance(context, dict) else None
    if metrics is not None:
        metrics.field(name, seconds, error)


def _timed(name: str, resolve: Callable[..., Any]) -> Callable[..., Any]:
    def run(root: Any, info: Any, **kwargs: Any) -> Any:
        start, error = time.perf_counter(), None
        try:
            return resolve(root, info, **kwargs)
        except BaseException as exc:
            error = exc
            raise
        finally:
            _report(info, name, time.perf_counter() - start, error)

    return run


def _timed_async(name: str, resolve: Callable[..., Any]) -> Callable[..., Awaitable[Any]]:
    async def run(root: Any, info: Any, **kwargs: Any) -> Any:
        start, error = time.perf_counter(), None
        try:
            result = resolve(root, info, **kwargs)
            return await result if inspect.isawaitable(result) else result
        except BaseException as exc:
            error = exc
            raise
        finally:
            _report(info, name, time.perf_counter() - start, error)

    return run


def _answers_without_waiting(info: Any) -> bool:
    context = info.context
    store = context.get("store") if isinstance(context, dict) else None
    ask = getattr(store, "answers_without_waiting", None)
    return bool(ask is not None and ask())


def _reads_on_loop(info: Any) -> bool:
    context = info.context
    store = context.get("store") if isinstance(context, dict) else None
    ask = getattr(store, "reads_on_loop", None)
    return bool(ask is not None and ask())


async def _awaiting_in_turn(info: Any, run: Callable[[], Any]) -> Any:
    async with request_places(info.context).turn:
        return await run_awaiting(run)


def _off_loop(name: str, resolve: Callable[..., Any], reads: bool, places: tuple[str, ...] = ()) -> Callable[..., Any]:
    timed = _timed(name, resolve)

    def field(root: Any, info: Any, **kwargs: Any) -> Any:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # execute_sync: no loop to keep free
            return timed(root, info, **kwargs)
        names = [kwargs[a] for a in places if isinstance(kwargs.get(a), str)]
        loader = info.context.get("places") if names and isinstance(info.context, dict) else None

        def run() -> Any:
            if reads and _answers_without_waiting(info):  # a Query field over memory: nothing to wait for
                return timed(root, info, **kwargs)
            if reads and _reads_on_loop(info):  # a Query field over Neo4j's async driver: awaited here
                return _awaiting_in_turn(info, lambda: timed(root, info, **kwargs))
            return _workers().run_for(loop, lambda: timed(root, info, **kwargs))

        if loader is None or loader.held_now(names):  # names the held snapshot knows: no batch to wait for
            return run()

        async def preloaded() -> Any:
            await loader.preload(names)  # on the loop: one DataLoader batch for the request's fields
            result = run()
            return await result if inspect.isawaitable(result) else result

        return preloaded()

    return field


#: the resolvers this module made, so a schema wrapped twice wraps each field once
_WRAPPED: weakref.WeakSet[Callable[..., Any]] = weakref.WeakSet()


def run_fields_off_loop(schema: strawberry.Schema) -> None:
    """Wrap each top-level Query and Mutation field of ``schema`` (once; see the module's doc)."""
    for root in (schema._schema.query_type, schema._schema.mutation_type):
        if root is None:
            continue
        reads = root is schema._schema.query_type  # a mutation writes (a file, an ingest): always a thread
        for name, field in root.fields.items():
            if field.resolve is None or field.resolve in _WRAPPED:
                continue
            definition = (field.extensions or {}).get("strawberry-definition")
            is_async = bool(getattr(definition, "is_async", False))
            places = tuple(getattr(definition, "metadata", {}).get(PLACE_ARGUMENTS, ()))
            # a plain resolver called directly, else strawberry's (graphql_api/direct_resolvers.py)
            resolve = direct_resolver(schema, definition) or field.resolve
            wrapped = (_timed_async(name, field.resolve) if is_async
                       else _off_loop(name, resolve, reads, places))
            _WRAPPED.add(wrapped)
            field.resolve = wrapped

