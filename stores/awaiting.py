"""Synchronous code that awaits: how a sync resolver reads Neo4j through the async driver on the
event loop, with no worker thread.

``run_awaiting(fn, ...)`` (a coroutine) runs ``fn`` in a greenlet of its own on the loop's thread.
Wherever ``fn``, however deep, reaches a read that must wait (``Neo4jStore.run_records``), the
read calls ``await_only(coroutine)``: the greenlet switches back to ``run_awaiting``, which awaits
the coroutine on the loop (other requests run meanwhile) and switches its result, or its
exception, back in. So the resolvers, the ``Store`` protocol and each named query are written once,
synchronously, and executed by either driver: the blocking one in a thread (the CLI,
``execute_sync``, the worker threads) or the async one on the loop (``awaiting()`` tells which).
SQLAlchemy's asyncio extension bridges its sync core to async drivers the same way.

Code run this way must not hold a ``threading`` lock across a read: another greenlet of the same
thread that wanted it would block the loop (``graphql_api/execution.py`` runs one such greenlet per
request at a time, because the request's place table holds its lock across a read).
"""

from __future__ import annotations

import contextvars
import sys
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from greenlet import getcurrent, greenlet

T = TypeVar("T")


class _Awaiting(greenlet):  # type: ignore[misc]  # greenlet publishes no types
    """A greenlet run by ``run_awaiting``: ``loop_side`` is where its awaitables are awaited."""

    def __init__(self, fn: Callable[..., Any], loop_side: greenlet) -> None:
        super().__init__(fn, loop_side)
        self.loop_side = loop_side


def awaiting() -> bool:
    """True inside ``run_awaiting``: a read may await on the loop (``await_only``) rather than block."""
    return isinstance(getcurrent(), _Awaiting)


def await_only(awaitable: Awaitable[T]) -> T:
    """The result of ``awaitable``, awaited on the loop by the ``run_awaiting`` this code runs in."""
    current = getcurrent()
    if not isinstance(current, _Awaiting):
        raise RuntimeError("await_only() outside run_awaiting(): nothing would await this")
    result: T = current.loop_side.switch(awaitable)
    return result


async def run_awaiting(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run the synchronous ``fn`` on the loop, awaiting what it hands to ``await_only``."""
    child = _Awaiting(fn, getcurrent())
    child.gr_context = contextvars.copy_context()  # as a task would: the caller's context variables
    value: Any = child.switch(*args, **kwargs)
    while not child.dead:
        try:
            result = await value
        except BaseException:  # noqa: BLE001  # the awaitable's failure is raised where it was awaited
            value = child.throw(*sys.exc_info())
        else:
            value = child.switch(result)
    return value  # type: ignore[no-any-return]
